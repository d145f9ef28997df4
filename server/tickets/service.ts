import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { scopePrefix, type Principal } from '../auth/permissions';
import { DEFAULT_CALLBACK_RULES, needsCallback, type CallbackRules } from '../callbacks/policy';
import { localDateStamp } from '../clock';
import type { CustomerRow } from '../customers/repository';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { decodeCursor, encodeCursor } from '../http/schemas';
import { ticketsRepository as repo, type TicketRow } from './repository';
import type { TicketChange, TicketParticipant } from './participants';
import type { CallbackInput, CreateTicketInput, DispatchInput, HoldInput, UnholdInput, ListTicketsQuery, ResolveInput, TicketDetailView, TicketView } from './schemas';
import { canPerform, statusAfterCallback, type TicketAction } from './status';
import { toCallbackView, toTicketView } from './view';
import { DEFAULT_CATEGORY } from './vocabulary';

const TICKET_NUMBER = /^TS\d{8}-\d{4,}$/;
const PHONE_LIKE = /^\+?[0-9][0-9-]{4,19}$/;
const UNIT_STAFF_ROLES = ['handler', 'unit_head'];

export interface CreateResult {
  ticket: TicketView;
  /** true when an Idempotency-Key matched an earlier request: nothing new was written */
  replayed: boolean;
}

export function createTicketsService(deps: Deps, participants: readonly TicketParticipant[] = [], callbackRules: CallbackRules = DEFAULT_CALLBACK_RULES) {
  const { knex, bus, clock, config } = deps;

  async function notifyParticipants(change: TicketChange): Promise<void> {
    for (const participant of participants) await participant.afterChange?.(change);
  }

  async function unitPath(db: Knex, unitId: number | null): Promise<string | null> {
    if (unitId === null) return null;
    return (await db('units').where({ id: unitId }).first<{ path: string } | undefined>('path'))?.path ?? null;
  }

  /** Scoped users get 404 for tickets outside their subtree: existence is not revealed. */
  async function assertVisible(db: Knex, principal: Principal | null, ticket: TicketRow | undefined, ticketId: number): Promise<TicketRow> {
    if (!ticket) throw errors.notFound(`ticket ${ticketId}`);
    // null: the customer answering a callback survey, already confined to that ticket by its link
    const prefix = principal === null ? null : scopePrefix(principal);
    if (prefix === null) return ticket;
    const path = await unitPath(db, ticket.unit_id);
    if (path === null || !path.startsWith(prefix)) throw errors.notFound(`ticket ${ticketId}`);
    return ticket;
  }

  async function viewOf(db: Knex, row: TicketRow): Promise<TicketView> {
    return toTicketView(row, await loadCustomer(db, row.customer_id));
  }

  async function loadCustomer(db: Knex, customerId: number): Promise<CustomerRow> {
    return (await db<CustomerRow>('customers').where({ id: customerId }).first())!;
  }

  /** The customer of a change, read once on first use and shared by the participants and the view. */
  function customerOnce(db: Knex, customerId: number): () => Promise<CustomerRow> {
    let loaded: Promise<CustomerRow> | undefined;
    return () => (loaded ??= loadCustomer(db, customerId));
  }

  /**
   * The frame of every state change: lock the row, check visibility, version and transition,
   * apply, write the timeline event, and publish `ticket.updated` after commit.
   */
  async function change(
    principal: Principal | null,
    ticketId: number,
    expectedVersion: number | null,
    action: TicketAction,
    apply: (current: TicketRow, uow: UnitOfWork, now: Date) => Promise<{ changes: Partial<TicketRow>; event: { type: string; data: Record<string, unknown> } }>,
    outer?: UnitOfWork,
  ): Promise<TicketView> {
    return inTransaction(knex, bus, async (uow) => {
      const { trx } = uow;
      const current = await assertVisible(trx, principal, await repo.findForUpdate(trx, ticketId), ticketId);
      if (expectedVersion !== null && current.version !== expectedVersion) throw errors.staleVersion(current.version);
      if (!canPerform(action, current.status)) throw errors.illegalTransition(action, current.status);
      const now = clock.now();
      const { changes, event } = await apply(current, uow, now);
      const updated = await repo.update(trx, ticketId, { ...changes, updated_at: now });
      await repo.insertEvent(trx, { ticket_id: ticketId, type: event.type, at: now, actor_id: principal?.id ?? null, data: event.data });
      const customer = customerOnce(trx, updated.customer_id);
      await notifyParticipants({ uow, actor: principal, now, event: event.type, before: current, after: updated, customer });
      const view = toTicketView(updated, await customer());
      uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal?.id ?? null, change: event.type, ticket: view });
      return view;
    }, outer);
  }

  function requestHash(input: CreateTicketInput): string {
    return crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
  }

  async function replay(principal: Principal, key: string, hash: string): Promise<CreateResult | undefined> {
    const existing = await repo.findByIdempotencyKey(knex, principal.id, key);
    if (!existing) return undefined;
    if (existing.idempotency_hash !== hash) {
      throw errors.rule('this Idempotency-Key was already used for a different request', {
        errors: [{ path: 'Idempotency-Key', message: 'reused with another body' }],
      });
    }
    return { ticket: await viewOf(knex, existing), replayed: true };
  }

  /** Days whose number base this process has seen committed: opening a day is one statement a day. */
  const openedDays = new Set<string>();

  return {
    async create(principal: Principal, input: CreateTicketInput, idempotencyKey: string | undefined): Promise<CreateResult> {
      const hash = requestHash(input);
      // No lookup of the Idempotency-Key up front: a used key always makes the transaction fail
      // (at the latest on tickets_idempotency_idx, before anything commits), and the failure path
      // below then answers exactly as a lookup first would have. Saves a query on every intake.
      const now = clock.now();
      const day = localDateStamp(now, config.timezone);
      if (!openedDays.has(day)) {
        await repo.openNumberDay(knex, day);
        if (openedDays.size > 3) openedDays.clear();
        openedDays.add(day);
      }
      try {
        const ticket = await inTransaction(knex, bus, async (uow) => {
          const { trx, emit } = uow;
          if (input.customer_id !== undefined && !(await trx('customers').where({ id: input.customer_id }).first())) {
            throw errors.rule(`customer ${input.customer_id} does not exist`, { errors: [{ path: 'customer_id', message: 'no such customer' }] });
          }
          if (input.customer?.unit_id !== undefined && !(await trx('units').where({ id: input.customer.unit_id }).first())) {
            throw errors.rule(`unit ${input.customer.unit_id} does not exist`, { errors: [{ path: 'customer.unit_id', message: 'no such unit' }] });
          }
          const resolvedNow = input.resolve !== undefined;
          const category = input.category ?? DEFAULT_CATEGORY[input.type as keyof typeof DEFAULT_CATEGORY];
          const { ticket, customer } = await repo.insertAccepted(trx, {
            day,
            customer: input.customer_id !== undefined ? { id: input.customer_id } : { fields: input.customer! },
            ticket: {
              type: input.type, category, status: resolvedNow ? 'resolved' : 'accepted', channel: input.channel,
              priority: input.priority, description: input.description, unit_id: null, assignee_id: null,
              accepted_by: principal.id, payment_channel: input.payment?.channel ?? null,
              paid_at: input.payment ? new Date(input.payment.paid_at) : null,
              resolution: input.resolve?.resolution ?? null, cause: input.resolve?.cause ?? null,
              responsibility: input.resolve?.responsibility ?? null, one_call_resolution: resolvedNow,
              idempotency_key: idempotencyKey ?? null, idempotency_hash: idempotencyKey ? hash : null, created_at: now,
            },
            acceptedEvent: { channel: input.channel, type: input.type, category },
          });
          let row = ticket;
          const customerOf = () => Promise.resolve(customer);
          await notifyParticipants({ uow, actor: principal, now, event: 'accepted', before: null, after: row, customer: customerOf });
          if (resolvedNow) {
            const accepted = row;
            // a ticket the callback policy leaves out closes at once (close_reason no_callback)
            const callback = needsCallback(await callbackRules.policy(trx), row);
            const closing = callback ? {} : { status: 'closed' as const, close_reason: 'no_callback' as const, closed_at: now };
            row = await repo.update(trx, ticket.id, { resolved_at: now, first_resolved_at: now, ...closing });
            await repo.insertEvent(trx, { ticket_id: ticket.id, type: 'resolved', at: now, actor_id: principal.id, data: { ...input.resolve, one_call: true, ...(callback ? {} : { close_reason: 'no_callback' }) } });
            await notifyParticipants({ uow, actor: principal, now, event: 'resolved', before: accepted, after: row, customer: customerOf });
          }
          const view = toTicketView(row, customer);
          emit({ type: 'ticket.created', at: now.toISOString(), actorId: principal.id, ticket: view });
          return view;
        });
        return { ticket, replayed: false };
      } catch (err) {
        // The key was used before (or a parallel retry just won the insert): answer with that
        // ticket, or 422 if the body differs, whatever else this attempt tripped over first.
        if (idempotencyKey) {
          const earlier = await replay(principal, idempotencyKey, hash);
          if (earlier) return earlier;
        }
        throw err;
      }
    },

    async list(principal: Principal, q: ListTicketsQuery): Promise<{ items: TicketView[]; next_cursor: string | null }> {
      const beforeId = decodeCursor(q.cursor);
      if (q.cursor && beforeId === undefined) throw errors.badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from next_cursor' }]);
      const search = q.q === undefined ? {} : TICKET_NUMBER.test(q.q) ? { number: q.q } : PHONE_LIKE.test(q.q) ? { phone: q.q } : { text: q.q };
      const rows = await repo.list(knex, {
        scopePrefix: scopePrefix(principal), status: q.status, type: q.type, category: q.category, unitId: q.unit_id,
        assigneeId: q.assignee_id, customerId: q.customer_id, ownerId: q.owner_id, slaState: q.sla_state, beforeId, limit: q.limit + 1, ...search,
        figure: q.figure && q.month ? { key: q.figure, month: q.month, timezone: config.timezone } : undefined,
      });
      const page = rows.slice(0, q.limit);
      const customers = await repo.customersByIds(knex, page.map((r) => r.customer_id));
      return {
        items: page.map((row) => toTicketView(row, customers.get(row.customer_id)!)),
        next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null,
      };
    },

    async get(principal: Principal, ticketId: number): Promise<TicketDetailView> {
      const row = await assertVisible(knex, principal, await repo.find(knex, ticketId), ticketId);
      const [view, events, callbacks] = await Promise.all([viewOf(knex, row), repo.events(knex, ticketId), repo.callbacks(knex, ticketId)]);
      const now = clock.now();
      const sections = await Promise.all(participants.map((p) => p.detail?.(knex, row, now)));
      return Object.assign(
        {
          ...view,
          events: events.map((e) => ({ id: e.id, type: e.type, at: e.at.toISOString(), actor_id: e.actor_id, data: e.data })),
          timers: [],
          callbacks: callbacks.map((c) => toCallbackView(c, now)),
          ownership: null,
        },
        ...sections,
      );
    },

    dispatch(principal: Principal, ticketId: number, version: number, input: DispatchInput): Promise<TicketView> {
      return change(principal, ticketId, version, 'dispatch', async (current, { trx }) => {
        const target = await trx('units').where({ id: input.unit_id }).first<{ id: number; path: string; name: string } | undefined>();
        if (!target) throw errors.rule(`unit ${input.unit_id} does not exist`, { errors: [{ path: 'unit_id', message: 'no such unit' }] });
        if (input.assignee_id !== undefined) {
          const assignee = await trx('users')
            .join('units', 'units.id', 'users.unit_id')
            .where({ 'users.id': input.assignee_id, 'users.active': true })
            .first<{ role: string; path: string } | undefined>('users.role', 'units.path');
          if (!assignee || !UNIT_STAFF_ROLES.includes(assignee.role) || !assignee.path.startsWith(target.path)) {
            throw errors.rule('the assignee must be an active handler or head in that unit', {
              errors: [{ path: 'assignee_id', message: 'not staff of the unit' }],
            });
          }
        }
        const redispatch = current.status === 'dispatched';
        return {
          changes: {
            status: 'dispatched', unit_id: input.unit_id, assignee_id: input.assignee_id ?? null,
            dispatched_at: current.dispatched_at ?? clock.now(),
          },
          event: {
            type: redispatch ? 'redispatched' : 'dispatched',
            data: {
              from_unit_id: current.unit_id, unit_id: input.unit_id, unit_name: target.name,
              assignee_id: input.assignee_id ?? null, note: input.note ?? null,
            },
          },
        };
      });
    },

    resolve(principal: Principal, ticketId: number, version: number, input: ResolveInput): Promise<TicketView> {
      return change(principal, ticketId, version, 'resolve', async (current, { trx }, now) => {
        if (principal.role === 'agent' && current.status !== 'accepted') {
          throw errors.forbidden('a dispatched ticket is resolved by its unit or a supervisor');
        }
        if (UNIT_STAFF_ROLES.includes(principal.role) && current.status !== 'dispatched') {
          throw errors.forbidden('unit staff resolve tickets dispatched to their unit');
        }
        const oneCall = current.status === 'accepted' && current.handling_round === 1;
        // the callbacks participant schedules the callback; a ticket the policy leaves out closes here
        const callback = needsCallback(await callbackRules.policy(trx), { type: current.type, handling_round: current.handling_round, one_call_resolution: oneCall });
        return {
          changes: {
            status: callback ? 'resolved' : 'closed', ...(callback ? {} : { close_reason: 'no_callback', closed_at: now }), resolution: input.resolution, cause: input.cause, responsibility: input.responsibility, on_hold: false, hold_reason: null,
            resolved_at: now, first_resolved_at: current.first_resolved_at ?? now,
            one_call_resolution: oneCall,
          },
          event: { type: 'resolved', data: { ...input, handling_round: current.handling_round, ...(callback ? {} : { close_reason: 'no_callback' }) } },
        };
      });
    },

    hold(principal: Principal, ticketId: number, version: number, input: HoldInput): Promise<TicketView> {
      return change(principal, ticketId, version, 'hold', async (current) => {
        if (current.on_hold) throw errors.conflict('the ticket is already on hold', { code: 'already_on_hold' });
        return { changes: { on_hold: true, hold_reason: input.reason }, event: { type: 'held', data: { reason: input.reason, note: input.note ?? null } } };
      });
    },

    unhold(principal: Principal, ticketId: number, version: number, input: UnholdInput): Promise<TicketView> {
      return change(principal, ticketId, version, 'unhold', async (current) => {
        if (!current.on_hold) throw errors.conflict('the ticket is not on hold', { code: 'not_on_hold' });
        return { changes: { on_hold: false, hold_reason: null }, event: { type: 'unheld', data: { reason: current.hold_reason ?? null, note: input.note ?? null } } };
      });
    },

    /**
     * The callback outcome. A null principal is the customer answering the mail survey: it runs in
     * the survey's transaction (`outer`) and only for that survey's callback. The attempts allowed
     * come from the callback policy; the callbacks participant schedules the next attempt.
     */
    recordCallback(
      principal: Principal | null, ticketId: number, version: number | null, input: CallbackInput,
      options: { outer?: UnitOfWork; callbackId?: number; via?: 'phone' | 'survey' } = {},
    ): Promise<TicketView> {
      return change(principal, ticketId, version, 'callback', async (current, { trx }, now) => {
        const open = await repo.openCallbackForUpdate(trx, ticketId);
        if (!open || (options.callbackId !== undefined && open.id !== options.callbackId)) {
          throw errors.conflict('this ticket has no open callback', { code: 'no_open_callback' });
        }
        const via = options.via ?? 'phone';
        await trx('callbacks').where({ id: open.id }).update({
          state: 'done', outcome: input.outcome, note: input.note ?? null, done_by: principal?.id ?? null, done_at: now,
          answered_via: input.outcome === 'unreachable' ? null : via,
        });
        const attemptsLeft = open.attempt < (await callbackRules.policy(trx)).maxAttempts;
        const status = statusAfterCallback(input.outcome, attemptsLeft);
        const data = { outcome: input.outcome, note: input.note ?? null, attempt: open.attempt, handling_round: open.handling_round, via };
        if (input.outcome === 'satisfied') {
          return { changes: { status, close_reason: 'satisfied', closed_at: now }, event: { type: 'closed', data: { ...data, close_reason: 'satisfied' } } };
        }
        if (input.outcome === 'unsatisfied') {
          return {
            // Back to the same unit for a second handling; the first resolution stays on the timeline.
            changes: { status, handling_round: current.handling_round + 1, resolution: null, cause: null, responsibility: null, resolved_at: null },
            event: { type: 'reopened', data: { ...data, unit_id: current.unit_id, next_round: current.handling_round + 1 } },
          };
        }
        if (attemptsLeft) return { changes: {}, event: { type: 'callback_unreachable', data } };
        return { changes: { status, close_reason: 'unreachable', closed_at: now }, event: { type: 'closed', data: { ...data, close_reason: 'unreachable' } } };
      }, options.outer);
    },

    async comment(principal: Principal, ticketId: number, body: string): Promise<{ id: number; type: string; at: string; actor_id: number; data: { body: string } }> {
      return inTransaction(knex, bus, async ({ trx, emit }) => {
        const current = await assertVisible(trx, principal, await repo.find(trx, ticketId), ticketId);
        const now = clock.now();
        const [inserted] = await repo.insertEvent(trx, { ticket_id: ticketId, type: 'comment', at: now, actor_id: principal.id, data: { body } }).returning<{ id: number }[]>('id');
        emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'comment', ticket: await viewOf(trx, current) });
        return { id: inserted!.id, type: 'comment', at: now.toISOString(), actor_id: principal.id, data: { body } };
      });
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
