import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { isClient, scopePrefix, type Principal } from '../auth/permissions';
import { DEFAULT_CALLBACK_RULES, needsCallback, type CallbackRules } from '../callbacks/policy';
import { writeAudit } from '../audit';
import { callbacksRepository } from '../callbacks/repository';
import { causePath, resolutionCause } from '../causes/rules';
import { localDateStamp } from '../clock';
import { customersRepository, type CustomerRow } from '../customers/repository';
import { settingsStore } from '../db/settings';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { decodeCursor, encodeCursor } from '../http/schemas';
import { nearestHead } from '../ownership/heads';
import { unitsRepository } from '../units/repository';
import { ticketsRepository as repo, type TicketRow } from './repository';
import type { TicketChange, TicketParticipant } from './participants';
import type { TicketDetailView } from './detail-schema';
import type {
  AssignInput, CallbackInput, CreateTicketInput, DispatchInput, HoldInput, UnholdInput, ListTicketsQuery, MergeInput, ResolveInput, TicketListItem, TicketView,
} from './schemas';
import { canPerform, statusAfterCallback, type AnswerVia, type TicketAction } from './status';
import { toCallbackView, toTicketView } from './view';
import { DEFAULT_CATEGORY, type CancelReason } from './vocabulary';
import type { TimelineEventType } from './timeline';

const TICKET_NUMBER = /^TS\d{8}-\d{4,}$/;
const PHONE_LIKE = /^\+?[0-9][0-9-]{4,19}$/;
const UNIT_STAFF_ROLES = ['handler', 'unit_head'];
/** settings key: the urge (催单) count that escalates a ticket */
export const URGE_SETTING = 'urge_escalate_after';
export const DEFAULT_URGE_ESCALATE_AFTER = 3;

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

  /** What keeps this ticket from closing now (a leadership case's missing owner duties), from every participant. */
  async function closeBlockers(db: Knex, ticketId: number): Promise<string[]> {
    const blockers: string[] = [];
    for (const participant of participants) if (participant.closeBlockers) blockers.push(...(await participant.closeBlockers(db, ticketId)));
    return blockers;
  }

  async function unitPath(db: Knex, unitId: number | null): Promise<string | null> {
    if (unitId === null) return null;
    return (await unitsRepository.find(db, unitId))?.path ?? null;
  }

  /** Scoped users get 404 for tickets outside their subtree: existence is not revealed. */
  async function assertVisible(db: Knex, principal: Principal | null, ticket: TicketRow | undefined, ticketId: number): Promise<TicketRow> {
    if (!ticket) throw errors.notFound(`ticket ${ticketId}`);
    // null: the customer answering a callback survey, already confined to that ticket by its link
    // an API client sees what it opened and its units' subtrees
    if (principal !== null && isClient(principal)) {
      if (ticket.accepted_by === principal.id) return ticket;
      const clientPath = await unitPath(db, ticket.unit_id);
      if (clientPath !== null && principal.client.units.some((u) => clientPath.startsWith(u.path))) return ticket;
      throw errors.notFound(`ticket ${ticketId}`);
    }
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
    return (await customersRepository.find(db, customerId))!;
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
    apply: (current: TicketRow, uow: UnitOfWork, now: Date) => Promise<{ changes: Partial<TicketRow>; event: { type: TimelineEventType; data: Record<string, unknown> } }>,
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
        code: 'idempotency_key_reused',
        errors: [{ path: 'Idempotency-Key', message: 'reused with another body' }],
      });
    }
    return { ticket: await viewOf(knex, existing), replayed: true };
  }

  async function urgeThreshold(db: Knex): Promise<number> {
    const value = await settingsStore.get(db, URGE_SETTING);
    return value !== undefined ? Number(value) : DEFAULT_URGE_ESCALATE_AFTER;
  }

  /** The head of the unit, or of the nearest unit above that has an active one (ownership/heads.ts, the one definition). */
  async function headOf(db: Knex, unitId: number | null): Promise<number | null> {
    return unitId === null ? null : (await nearestHead(db, unitId))?.userId ?? null;
  }

  /** An assignee must be an active handler or head working in the unit's subtree. */
  async function assertUnitStaff(trx: Knex, userId: number, unitPathPrefix: string): Promise<void> {
    const assignee = await trx('users')
      .join('units', 'units.id', 'users.unit_id')
      .where({ 'users.id': userId, 'users.active': true })
      .first<{ role: string; path: string } | undefined>('users.role', 'units.path');
    if (!assignee || !UNIT_STAFF_ROLES.includes(assignee.role) || !assignee.path.startsWith(unitPathPrefix)) {
      throw errors.rule('the assignee must be an active handler or head in that unit', {
        code: 'assignee_not_unit_staff', errors: [{ path: 'assignee_id', message: 'not staff of the unit' }],
      });
    }
  }

  /** Days whose number base this process has seen committed: opening a day is one statement a day. */
  const openedDays = new Set<string>();

  return {
    /** `within` runs in the intake's transaction after the insert: an integration's own record of the ticket commits with it. */
    async create(principal: Principal, input: CreateTicketInput, idempotencyKey: string | undefined, within?: (uow: UnitOfWork, ticketId: number) => Promise<void>): Promise<CreateResult> {
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
          const picked = input.resolve ? await resolutionCause(trx, { type: input.type, category }, input.resolve.cause_id) : null;
          const { ticket, customer } = await repo.insertAccepted(trx, {
            day,
            customer: input.customer_id !== undefined ? { id: input.customer_id } : { fields: input.customer! },
            ticket: {
              type: input.type, category, status: resolvedNow ? 'resolved' : 'accepted', channel: input.channel,
              priority: input.priority, description: input.description, unit_id: null, assignee_id: null,
              accepted_by: principal.id, payment_channel: input.payment?.channel ?? null,
              paid_at: input.payment ? new Date(input.payment.paid_at) : null,
              payment_confirmed_at: input.payment?.confirmed_at ? new Date(input.payment.confirmed_at) : null,
              resolution: input.resolve?.resolution ?? null, cause: input.resolve?.cause ?? picked?.label ?? null,
              responsibility: input.resolve?.responsibility ?? null, one_call_resolution: resolvedNow,
              idempotency_key: idempotencyKey ?? null, idempotency_hash: idempotencyKey ? hash : null, created_at: now,
              call_id: input.call_id ?? null,
            },
            acceptedEvent: { channel: input.channel, type: input.type, category },
          });
          let row = ticket;
          if (within) await within(uow, ticket.id);
          const customerOf = () => Promise.resolve(customer);
          await notifyParticipants({ uow, actor: principal, now, event: 'accepted', before: null, after: row, customer: customerOf });
          if (resolvedNow) {
            const accepted = row;
            // a ticket the callback policy leaves out closes at once (close_reason no_callback)
            const callback = needsCallback(await callbackRules.policy(trx), row);
            const closing = callback ? {} : { status: 'closed' as const, close_reason: 'no_callback' as const, closed_at: now };
            row = await repo.update(trx, ticket.id, { resolved_at: now, first_resolved_at: now, cause_id: picked?.id ?? null, ...closing });
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

    async list(principal: Principal, q: ListTicketsQuery): Promise<{ items: TicketListItem[]; next_cursor: string | null }> {
      // newest first pages by the last id seen; soonest due pages by position (the order moves as timers fire)
      const position = decodeCursor(q.cursor);
      if (q.cursor && position === undefined) throw errors.badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from next_cursor' }], 'invalid_cursor');
      const byDue = q.sort === 'due';
      const offset = byDue ? (position ?? 1) - 1 : 0;
      const search = q.q === undefined ? {} : TICKET_NUMBER.test(q.q) ? { number: q.q } : PHONE_LIKE.test(q.q) ? { phone: q.q } : { text: q.q };
      const rows = await repo.list(knex, {
        scopePrefix: scopePrefix(principal), status: q.status, type: q.type, category: q.category, unitId: q.unit_id,
        assigneeId: q.assignee_id, customerId: q.customer_id, ownerId: q.owner_id, slaState: q.sla_state, slaPolicy: q.sla_policy, unassigned: q.unassigned, round: q.round,
        subtree: q.subtree, noUnit: q.no_unit, paymentChannel: q.payment_channel, area: q.area,
        sort: q.sort, offset, beforeId: byDue ? undefined : position, limit: q.limit + 1, ...search,
        figure: q.figure && q.month ? { key: q.figure, month: q.month, timezone: config.timezone } : undefined,
      });
      const page = rows.slice(0, q.limit);
      const ids = page.map((r) => r.id);
      const now = clock.now();
      const [customers, ...summaries] = await Promise.all([
        repo.customersByIds(knex, page.map((r) => r.customer_id)),
        ...participants.map((p) => p.summarize?.(knex, ids, now)),
      ]);
      const slaOf = (id: number) => summaries.map((m) => m?.get(id)).find(Boolean) ?? null;
      const more = rows.length > q.limit;
      return {
        items: page.map((row) => ({ ...toTicketView(row, customers.get(row.customer_id)!), sla: slaOf(row.id) })),
        next_cursor: !more ? null : encodeCursor(byDue ? offset + q.limit + 1 : page[page.length - 1]!.id),
      };
    },

    /** Whether the caller may see the ticket, in one indexed query: presence asks this for every watch. */
    async canSee(principal: Principal, ticketId: number): Promise<boolean> {
      const place = await repo.placeOf(knex, ticketId);
      if (!place) return false;
      const prefix = scopePrefix(principal);
      return prefix === null || (place.path !== null && place.path.startsWith(prefix));
    },

    async get(principal: Principal, ticketId: number): Promise<TicketDetailView> {
      const row = await assertVisible(knex, principal, await repo.find(knex, ticketId), ticketId);
      const [view, own, merged, callbacks, cause_path, related] = await Promise.all([
        viewOf(knex, row), repo.events(knex, ticketId), repo.mergedEvents(knex, ticketId), callbacksRepository.ofTicket(knex, ticketId), causePath(knex, row.cause_id), repo.related(knex, row),
      ]);
      const now = clock.now();
      const sections = await Promise.all(participants.map((p) => p.detail?.(knex, row, now)));
      // a duplicate's urges and comments stay readable on the survivor, in time order, marked with their ticket
      const events = [
        ...own.map((e) => ({ e, source: null })),
        ...merged.map((e) => ({ e, source: { ticket_id: e.ticket_id, number: e.source_number } })),
      ].sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.e.id - b.e.id);
      return Object.assign(
        {
          ...view,
          cause_path,
          related,
          events: events.map(({ e, source }) => ({ id: e.id, type: e.type, at: e.at.toISOString(), actor_id: e.actor_id, actor_name: e.actor_name, data: e.data, source })),
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
        if (input.assignee_id !== undefined) await assertUnitStaff(trx, input.assignee_id, target.path);
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

    resolve(principal: Principal, ticketId: number, version: number | null, input: ResolveInput, outer?: UnitOfWork): Promise<TicketView> {
      return change(principal, ticketId, version, 'resolve', async (current, { trx }, now) => {
        if (principal.role === 'agent' && current.status !== 'accepted') {
          throw errors.forbidden('a dispatched ticket is resolved by its unit or a supervisor');
        }
        if (UNIT_STAFF_ROLES.includes(principal.role) && current.status !== 'dispatched') {
          throw errors.forbidden('unit staff resolve tickets dispatched to their unit');
        }
        const picked = await resolutionCause(trx, current, input.cause_id);
        const oneCall = current.status === 'accepted' && current.handling_round === 1;
        // the callbacks participant schedules the callback; a ticket the policy leaves out closes here
        const callback = needsCallback(await callbackRules.policy(trx), { type: current.type, handling_round: current.handling_round, one_call_resolution: oneCall });
        // no callback to wait for: it closes now, or (a leadership case without its owner's duties) once they are recorded
        const awaiting = callback ? [] : await closeBlockers(trx, ticketId);
        const closing = callback ? {} : awaiting.length > 0 ? { close_pending_reason: 'no_callback' as const } : { status: 'closed' as const, close_reason: 'no_callback' as const, closed_at: now };
        return {
          changes: {
            status: 'resolved', ...closing, resolution: input.resolution, cause: input.cause ?? picked?.label ?? null, cause_id: picked?.id ?? null,
            responsibility: input.responsibility, on_hold: false, hold_reason: null,
            resolved_at: now, first_resolved_at: current.first_resolved_at ?? now,
            one_call_resolution: oneCall,
          },
          event: { type: 'resolved', data: { ...input, handling_round: current.handling_round, ...(callback ? {} : { close_reason: 'no_callback' }), ...(awaiting.length > 0 ? { awaiting_owner: awaiting } : {}) } },
        };
      }, outer);
    },

    hold(principal: Principal, ticketId: number, version: number | null, input: HoldInput, outer?: UnitOfWork): Promise<TicketView> {
      return change(principal, ticketId, version, 'hold', async (current) => {
        if (current.on_hold) throw errors.conflict('the ticket is already on hold', { code: 'already_on_hold' });
        return { changes: { on_hold: true, hold_reason: input.reason }, event: { type: 'held', data: { reason: input.reason, note: input.note ?? null } } };
      }, outer);
    },

    unhold(principal: Principal, ticketId: number, version: number | null, input: UnholdInput, outer?: UnitOfWork): Promise<TicketView> {
      return change(principal, ticketId, version, 'unhold', async (current) => {
        if (!current.on_hold) throw errors.conflict('the ticket is not on hold', { code: 'not_on_hold' });
        return { changes: { on_hold: false, hold_reason: null }, event: { type: 'unheld', data: { reason: current.hold_reason ?? null, note: input.note ?? null } } };
      }, outer);
    },

    /**
     * The callback outcome. A null principal is the customer answering the mail survey: it runs in
     * the survey's transaction (`outer`) and only for that survey's callback. The attempts allowed
     * come from the callback policy; the callbacks participant schedules the next attempt.
     */
    recordCallback(
      principal: Principal | null, ticketId: number, version: number | null, input: CallbackInput,
      options: { outer?: UnitOfWork; callbackId?: number; via?: AnswerVia } = {},
    ): Promise<TicketView> {
      return change(principal, ticketId, version, 'callback', async (current, { trx }, now) => {
        const open = await callbacksRepository.openOfTicketForUpdate(trx, ticketId);
        if (!open || (options.callbackId !== undefined && open.id !== options.callbackId)) {
          throw errors.conflict('this ticket has no open callback', { code: 'no_open_callback' });
        }
        const via = options.via ?? 'phone';
        await callbacksRepository.recordOutcome(trx, open.id, {
          outcome: input.outcome, note: input.note ?? null, done_by: principal?.id ?? null, done_at: now, answered_via: input.outcome === 'unreachable' ? null : via,
        });
        // an automated first attempt (SMS, IVR) leaves the agents their full number of tries
        const attemptsLeft = open.attempt - (await callbacksRepository.automatedAttempts(trx, ticketId, open.handling_round)) < (await callbackRules.policy(trx)).maxAttempts;
        const status = statusAfterCallback(input.outcome, attemptsLeft);
        const data = { outcome: input.outcome, note: input.note ?? null, attempt: open.attempt, handling_round: open.handling_round, via };
        if (status === 'closed') {
          const closeReason = input.outcome === 'satisfied' ? 'satisfied' : 'unreachable';
          // The outcome is kept either way; a leadership case missing its owner's duties closes when they are recorded.
          const missing = await closeBlockers(trx, ticketId);
          if (missing.length > 0) {
            return { changes: { close_pending_reason: closeReason }, event: { type: 'awaiting_owner', data: { ...data, close_reason: closeReason, missing } } };
          }
          return { changes: { status, close_reason: closeReason, closed_at: now }, event: { type: 'closed', data: { ...data, close_reason: closeReason } } };
        }
        if (input.outcome === 'unsatisfied') {
          return {
            // Back to the same unit for a second handling; the first resolution stays on the timeline.
            changes: { status, handling_round: current.handling_round + 1, resolution: null, cause: null, responsibility: null, resolved_at: null },
            event: { type: 'reopened', data: { ...data, unit_id: current.unit_id, next_round: current.handling_round + 1 } },
          };
        }
        return { changes: {}, event: { type: 'callback_unreachable', data } };
      }, options.outer);
    },

    /**
     * A reconnection the provisioning feed restored after its target: resolved at the restoration
     * time so the callback policy has someone call the customer who waited (the SLA domain stopped
     * its timers at that time first). Runs in the feed's transaction; the system is the actor (no user
     * scope applies to it).
     */
    resolveRestored(ticketId: number, input: { restoredAt: Date; resolution: string; cause: string; data: Record<string, unknown> }, outer: UnitOfWork): Promise<TicketView> {
      return change(null, ticketId, null, 'resolve', async (current, { trx }, now) => {
        const callback = needsCallback(await callbackRules.policy(trx), { type: current.type, handling_round: current.handling_round, one_call_resolution: false });
        const closing = callback ? {} : { status: 'closed' as const, close_reason: 'no_callback' as const, closed_at: now };
        return {
          changes: {
            status: 'resolved', ...closing, resolution: input.resolution, cause: input.cause, responsibility: 'none', on_hold: false, hold_reason: null,
            resolved_at: input.restoredAt, first_resolved_at: current.first_resolved_at ?? input.restoredAt,
          },
          event: { type: 'resolved', data: { resolution: input.resolution, cause: input.cause, responsibility: 'none', handling_round: current.handling_round, ...input.data, ...(callback ? {} : { close_reason: 'no_callback' }) } },
        };
      }, outer);
    },

    /**
     * Closes a leadership case whose close waited for the owner (see recordCallback and resolve),
     * in the owner's transaction, once the last duty is recorded. The owner is the actor.
     */
    closeAwaitingOwner(principal: Principal, ticketId: number, outer: UnitOfWork): Promise<TicketView> {
      return change(principal, ticketId, null, 'close_pending', async (current, _uow, now) => {
        const reason = current.close_pending_reason;
        if (!reason) throw errors.conflict(`ticket ${ticketId} is not waiting to close`, { code: 'not_awaiting_owner' });
        return {
          changes: { status: 'closed', close_reason: reason, close_pending_reason: null, closed_at: now },
          event: { type: 'closed', data: { close_reason: reason, after_owner_duties: true } },
        };
      }, outer);
    },

    /** The requester withdraws the ticket, or it is rejected or a duplicate: it closes as cancelled (a leadership case only with its owner's duties done). */
    cancel(principal: Principal, ticketId: number, version: number | null, input: { reason: CancelReason; note?: string }, outer?: UnitOfWork): Promise<TicketView> {
      return change(principal, ticketId, version, 'cancel', async (_current, _uow, now) => ({
        changes: { status: 'closed', close_reason: 'cancelled', cancel_reason: input.reason, on_hold: false, hold_reason: null, closed_at: now },
        event: { type: 'cancelled', data: { reason: input.reason, note: input.note ?? null } },
      }), outer);
    },

    /** 接单: a handler takes a dispatched ticket of their subtree. Someone else's ticket only a unit head may take over. */
    claim(principal: Principal, ticketId: number, version: number): Promise<TicketView> {
      return change(principal, ticketId, version, 'claim', async (current) => {
        if (current.assignee_id === principal.id) throw errors.conflict('you already work this ticket', { code: 'already_claimed' });
        if (current.assignee_id !== null && principal.role !== 'unit_head') {
          throw errors.conflict('someone else works this ticket: ask them or the unit head', { code: 'claimed_by_other', assignee_id: current.assignee_id });
        }
        return { changes: { assignee_id: principal.id }, event: { type: 'claimed', data: { assignee_id: principal.id, from_assignee_id: current.assignee_id } } };
      });
    },

    /** Gives a ticket back to the unit's pool: its worker, or the unit head. */
    release(principal: Principal, ticketId: number, version: number): Promise<TicketView> {
      return change(principal, ticketId, version, 'release', async (current) => {
        if (current.assignee_id === null) throw errors.conflict('nobody works this ticket', { code: 'not_claimed' });
        if (current.assignee_id !== principal.id && principal.role !== 'unit_head') throw errors.forbidden('only its worker or the unit head may release a ticket');
        return { changes: { assignee_id: null }, event: { type: 'released', data: { from_assignee_id: current.assignee_id } } };
      });
    },

    /** Names (or clears) the person in the ticket's unit who works it. */
    assign(principal: Principal, ticketId: number, version: number, input: AssignInput): Promise<TicketView> {
      return change(principal, ticketId, version, 'assign', async (current, { trx }) => {
        if (input.assignee_id !== null) await assertUnitStaff(trx, input.assignee_id, (await unitPath(trx, current.unit_id)) ?? '/none/');
        return {
          changes: { assignee_id: input.assignee_id },
          event: { type: 'assigned', data: { assignee_id: input.assignee_id, from_assignee_id: current.assignee_id, note: input.note ?? null } },
        };
      });
    },

    /**
     * 催单: the caller chases an open ticket. Counted on the ticket and told to its unit at once
     * (the change's ticket.updated); the N-th urge (admin-set, `urge_escalate_after`, 0 = never)
     * makes the ticket urgent and tells the unit's head. No If-Match: the agent is on the phone
     * and an urge adds to whatever the ticket is now.
     */
    urge(principal: Principal, ticketId: number, note: string | undefined): Promise<TicketView> {
      return change(principal, ticketId, null, 'urge', async (current, uow, now) => {
        const count = (current.urge_count ?? 0) + 1;
        const threshold = await urgeThreshold(uow.trx);
        const escalated = threshold > 0 && count === threshold;
        const head = escalated ? await headOf(uow.trx, current.unit_id) : null;
        if (escalated) {
          uow.emit({ type: 'ticket.urge_escalated', at: now.toISOString(), actorId: principal.id, ticketId, ticketNumber: current.number, unitId: current.unit_id, userId: head, count });
        }
        return {
          changes: { urge_count: count, ...(escalated ? { priority: 'urgent' as const } : {}) },
          event: { type: 'urged', data: { count, note: note ?? null, escalated, ...(escalated ? { head_id: head } : {}) } },
        };
      });
    },

    /**
     * A duplicate complaint closes into the ticket that carries on (close_reason merged), in one
     * transaction: both timelines record it (merged_into / merged_from), the survivor counts the
     * duplicate's urges, and its events show on the survivor. If-Match is the duplicate's version.
     */
    merge(principal: Principal, duplicateId: number, version: number, input: MergeInput): Promise<{ duplicate: TicketView; survivor: TicketView }> {
      if (input.into_ticket_id === duplicateId) {
        throw errors.rule('a ticket cannot be merged into itself', { code: 'merge_same_ticket', errors: [{ path: 'into_ticket_id', message: 'the same ticket' }] });
      }
      return inTransaction(knex, bus, async (uow) => {
        await repo.lockPair(uow.trx, duplicateId, input.into_ticket_id);
        const target = await assertVisible(uow.trx, principal, await repo.find(uow.trx, input.into_ticket_id), input.into_ticket_id);
        const note = input.note ?? null;
        const duplicate = await change(principal, duplicateId, version, 'merge', async (current, _uow, now) => {
          if (current.customer_id !== target.customer_id) {
            throw errors.rule('only tickets of the same customer are merged', { code: 'merge_other_customer', errors: [{ path: 'into_ticket_id', message: 'another customer' }] });
          }
          if (!canPerform('absorb', target.status)) {
            throw errors.rule('the surviving ticket is closed', { code: 'merge_target_closed', errors: [{ path: 'into_ticket_id', message: `status ${target.status}` }] });
          }
          return {
            changes: { status: 'closed', close_reason: 'merged', closed_at: now, merged_into_id: target.id, on_hold: false, hold_reason: null },
            event: { type: 'merged_into', data: { ticket_id: target.id, number: target.number, note } },
          };
        }, uow);
        const survivor = await change(principal, target.id, null, 'absorb', async (current) => ({
          changes: { urge_count: (current.urge_count ?? 0) + duplicate.urge_count },
          event: { type: 'merged_from', data: { ticket_id: duplicate.id, number: duplicate.number, urge_count: duplicate.urge_count, note } },
        }), uow);
        return { duplicate, survivor };
      });
    },

    async urgeSettings(): Promise<{ escalate_after: number }> {
      return { escalate_after: await urgeThreshold(knex) };
    },

    async putUrgeSettings(principal: Principal, input: { escalate_after: number }): Promise<{ escalate_after: number }> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const before = await urgeThreshold(trx);
        await settingsStore.put(trx, URGE_SETTING, String(input.escalate_after));
        await writeAudit(trx, { at: clock.now(), actorId: principal.id, entity: 'settings', entityId: URGE_SETTING, action: 'urges_updated', data: { before, after: input.escalate_after } });
        return { escalate_after: input.escalate_after };
      });
    },

    async comment(principal: Principal, ticketId: number, body: string, outer?: UnitOfWork): Promise<{ id: number; type: TimelineEventType; at: string; actor_id: number; data: { body: string } }> {
      return inTransaction(knex, bus, async ({ trx, emit }) => {
        const current = await assertVisible(trx, principal, await repo.find(trx, ticketId), ticketId);
        const now = clock.now();
        const [inserted] = await repo.insertEvent(trx, { ticket_id: ticketId, type: 'comment', at: now, actor_id: principal.id, data: { body } }).returning<{ id: number }[]>('id');
        emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'comment', ticket: await viewOf(trx, current) });
        return { id: inserted!.id, type: 'comment', at: now.toISOString(), actor_id: principal.id, data: { body } };
      }, outer);
    },

    /** An integrator changed what it reported (TMF621 PATCH): the description and priority the desk works with, and the fields named on the timeline. */
    amend(principal: Principal, ticketId: number, version: number | null, input: { description?: string; priority?: 'normal' | 'urgent'; fields: string[] }, outer?: UnitOfWork): Promise<TicketView> {
      return change(principal, ticketId, version, 'amend', async () => ({
        changes: { ...(input.description !== undefined ? { description: input.description } : {}), ...(input.priority !== undefined ? { priority: input.priority } : {}) },
        event: { type: 'amended', data: { fields: input.fields, ...(input.priority !== undefined ? { priority: input.priority } : {}) } },
      }), outer);
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
