import type { Knex } from 'knex';
import { writeAudit } from '../audit';
import { scopePrefix, type Principal } from '../auth/permissions';
import { customersRepository, type CustomerRow } from '../customers/repository';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { escalationRepository } from '../escalation/repository';
import { decodeCursor, encodeCursor } from '../http/schemas';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import { toTicketView, type TicketView } from '../tickets/view';
import { unitsRepository } from '../units/repository';
import { usersRepository } from '../users/repository';
import { nearestHead } from './heads';
import { ownershipRepository as repo, type OwnershipRow } from './repository';
import { IN_PERSON_KINDS, matchingRules, type CaseFlag, type OwnershipRule } from './rules';
import type { MyCasesQuery, OwnerActionInput, OwnershipView, RuleInput } from './schemas';
import type { TimelineEventType } from '../tickets/timeline';

/** What still stands between an owned case and its closing. */
export type MissingDuty = 'in_person_action' | 'explanation';

/** The customer of the ticket being changed, as TicketChange gives it (read at most once). */
export type CustomerOf = () => Promise<CustomerRow>;

/** Runs in the transaction that gives a case a new owner (escalation arms its inactivity timer here). */
export type AssignedHook = (uow: UnitOfWork, ticketId: number, ownerId: number, now: Date) => Promise<void>;

/** Runs in the owner's transaction when their last missing duty was just recorded on a case whose close waited for it. */
export type DutiesDoneHook = (uow: UnitOfWork, principal: Principal, ticketId: number) => Promise<unknown>;

/** Owner actions may be logged after the fact, not ahead of it; a little clock skew is tolerated. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export async function ticketView(db: Knex, row: TicketRow): Promise<TicketView> {
  const customer = (await customersRepository.find(db, row.customer_id))!;
  return toTicketView(row, customer);
}

/** Loads a ticket the caller may see, or answers 404 (existence is not revealed outside the scope). */
export async function visibleTicket(db: Knex, principal: Principal, ticketId: number, lock = false): Promise<TicketRow> {
  const row = lock ? await ticketsRepository.findForUpdate(db as Knex.Transaction, ticketId) : await ticketsRepository.find(db, ticketId);
  if (!row) throw errors.notFound(`ticket ${ticketId}`);
  const prefix = scopePrefix(principal);
  if (prefix !== null) {
    const unit = row.unit_id === null ? undefined : await unitsRepository.find(db, row.unit_id);
    if (!unit || !unit.path.startsWith(prefix)) throw errors.notFound(`ticket ${ticketId}`);
  }
  return row;
}

export function createOwnershipService(deps: Deps) {
  const { knex, bus, clock } = deps;
  const assignedHooks: AssignedHook[] = [];
  const dutiesDoneHooks: DutiesDoneHook[] = [];

  async function missingDuties(db: Knex, ownership: OwnershipRow): Promise<MissingDuty[]> {
    const missing: MissingDuty[] = [];
    if (!(await repo.hasActionOf(db, ownership.ticket_id, IN_PERSON_KINDS))) missing.push('in_person_action');
    if (ownership.explanation === null) missing.push('explanation');
    return missing;
  }

  async function toView(db: Knex, ownership: OwnershipRow): Promise<OwnershipView> {
    // one after another: `db` may be a transaction, which runs one query at a time
    const actions = await repo.actions(db, ownership.ticket_id);
    const owner = await usersRepository.find(db, ownership.owner_id);
    const missing = await missingDuties(db, ownership);
    const escalations = await escalationRepository.ofTicket(db, ownership.ticket_id);
    return {
      owner_id: ownership.owner_id,
      owner_name: owner?.name ?? null,
      unit_id: ownership.unit_id,
      reason: ownership.reasons[0] ?? '',
      reasons: ownership.reasons,
      assigned_at: ownership.assigned_at.toISOString(),
      actions: actions.map((a) => ({ id: a.id, kind: a.kind, note: a.note, at: a.at.toISOString(), actor_id: a.actor_id, recorded_at: a.recorded_at.toISOString() })),
      explanation: ownership.explanation,
      explanation_at: ownership.explanation_at?.toISOString() ?? null,
      missing,
      escalations: escalations.map((e) => ({
        id: e.id, level: e.level, unit_id: e.unit_id, recipient_id: e.recipient_id, reason: e.reason,
        raised_at: e.raised_at.toISOString(), acknowledged_at: e.acknowledged_at?.toISOString() ?? null,
      })),
    };
  }

  async function reasonsFor(db: Knex, ticket: TicketRow, customerOf?: CustomerOf): Promise<string[]> {
    const rules = await repo.rules(db);
    const customer = customerOf ? await customerOf() : await customersRepository.find(db, ticket.customer_id);
    const flags = await repo.flags(db, ticket.id);
    return matchingRules(rules, {
      type: ticket.type, category: ticket.category, channel: ticket.channel,
      customerTier: customer?.tier ?? 'standard', flags: new Set(flags as CaseFlag[]),
    });
  }

  /**
   * Decides, inside the caller's transaction, whether the ticket is a leadership case and who owns
   * it: the head of the unit it is dispatched to, or the nearest head above. A re-dispatch moves the
   * case and says so on the timeline; a case no rule covers any more is released. `customerOf`
   * is the ticket change's customer when the caller has one (spares re-reading it).
   */
  async function evaluate(uow: UnitOfWork, ticket: TicketRow, actorId: number | null, now: Date, customerOf?: CustomerOf): Promise<void> {
    if (ticket.status === 'closed') return;
    const { trx } = uow;
    const current = await repo.findForUpdate(trx, ticket.id);
    // an undispatched ticket has no owner yet and nothing to release: spare intake the rule lookups
    if (ticket.unit_id === null && !current?.active) return;
    const reasons = await reasonsFor(trx, ticket, customerOf);
    const event = async (type: TimelineEventType, data: Record<string, unknown>) =>
      ticketsRepository.insertEvent(trx, { ticket_id: ticket.id, type, at: now, actor_id: actorId, data });

    if (reasons.length === 0) {
      if (current?.active) {
        await repo.update(trx, ticket.id, { active: false });
        await event('ownership_released', { owner_id: current.owner_id, reasons: current.reasons });
      }
      return;
    }
    if (ticket.unit_id === null) return; // owned once dispatched: the owner is the head of its unit
    const head = await nearestHead(trx, ticket.unit_id);
    if (!head) {
      deps.logger.warn('leadership case without any unit head above it', { ticket_id: ticket.id, unit_id: ticket.unit_id });
      return;
    }
    const sameOwner = current?.active === true && current.owner_id === head.userId;
    if (sameOwner && current.unit_id === head.unitId) {
      if (current.reasons.join() !== reasons.join()) await repo.update(trx, ticket.id, { reasons });
      return;
    }
    if (!current) {
      await repo.insert(trx, { ticket_id: ticket.id, owner_id: head.userId, unit_id: head.unitId, reasons, active: true, assigned_at: now });
    } else {
      await repo.update(trx, ticket.id, { owner_id: head.userId, unit_id: head.unitId, reasons, active: true, assigned_at: sameOwner ? current.assigned_at : now });
    }
    const previousOwnerId = current?.active ? current.owner_id : null;
    if (previousOwnerId === null) {
      await event('ownership_assigned', { owner_id: head.userId, unit_id: head.unitId, reasons });
    } else {
      await event('ownership_transferred', { from_owner_id: previousOwnerId, from_unit_id: current!.unit_id, owner_id: head.userId, unit_id: head.unitId, reasons });
    }
    if (!sameOwner) {
      uow.emit({ type: 'ownership.assigned', at: now.toISOString(), actorId, ticket: await ticketView(trx, ticket), ownerId: head.userId, previousOwnerId, unitId: head.unitId, reasons });
      for (const hook of assignedHooks) await hook(uow, ticket.id, head.userId, now);
    }
  }

  /** The close gate (422): an owned case closes only after an in-person action and the explanation. */
  async function assertCloseable(db: Knex, ticketId: number): Promise<void> {
    const ownership = await repo.find(db, ticketId);
    if (!ownership?.active) return;
    const missing = await missingDuties(db, ownership);
    if (missing.length === 0) return;
    const owner = await usersRepository.find(db, ownership.owner_id);
    const fieldErrors = missing.map((duty) =>
      duty === 'in_person_action'
        ? { path: 'owner_actions', message: 'the case owner has not recorded an in-person action (visit, apology or meeting)' }
        : { path: 'explanation', message: 'the case owner has not written the explanation' },
    );
    throw errors.rule(
      `this is a leadership case owned by ${owner?.name ?? `user ${ownership.owner_id}`}: it cannot be closed before ${fieldErrors.map((e) => e.path).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} recorded`,
      { code: 'ownership_duties_missing', owner_id: ownership.owner_id, missing, errors: fieldErrors },
    );
  }

  /** The duties still missing on an active case ([] for any other ticket): what keeps it from closing. */
  async function closeBlockers(db: Knex, ticketId: number): Promise<MissingDuty[]> {
    const ownership = await repo.find(db, ticketId);
    return ownership?.active ? missingDuties(db, ownership) : [];
  }

  async function detail(db: Knex, ticketId: number): Promise<OwnershipView | null> {
    const ownership = await repo.find(db, ticketId);
    return ownership?.active ? toView(db, ownership) : null;
  }

  /** The owner's own write: lock the ticket, check it is theirs and open, then apply. */
  async function asOwner<T>(principal: Principal, ticketId: number, work: (uow: UnitOfWork, ticket: TicketRow, ownership: OwnershipRow, now: Date) => Promise<T>): Promise<T> {
    return inTransaction(knex, bus, async (uow) => {
      const ticket = await visibleTicket(uow.trx, principal, ticketId, true);
      const ownership = await repo.findForUpdate(uow.trx, ticketId);
      if (!ownership?.active) throw errors.rule(`ticket ${ticketId} is not a leadership case`, { code: 'not_owned' });
      if (ownership.owner_id !== principal.id) throw errors.forbidden(`only the case owner (user ${ownership.owner_id}) records this`, 'not_case_owner');
      if (ticket.status === 'closed') throw errors.conflict(`ticket ${ticketId} is closed`, { code: 'ticket_closed', current_status: ticket.status });
      const now = clock.now();
      const result = await work(uow, ticket, ownership, now);
      uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'ownership', ticket: await ticketView(uow.trx, ticket) });
      // The callback was recorded while duties were missing: the last one closes the case now.
      if (ticket.close_pending_reason && (await closeBlockers(uow.trx, ticketId)).length === 0) {
        for (const hook of dutiesDoneHooks) await hook(uow, principal, ticketId);
      }
      return result;
    });
  }

  return {
    evaluate,
    assertCloseable,
    onAssigned(hook: AssignedHook): void {
      assignedHooks.push(hook);
    },
    closeBlockers,
    onDutiesDone(hook: DutiesDoneHook): void {
      dutiesDoneHooks.push(hook);
    },

    detail,

    recordAction(principal: Principal, ticketId: number, input: OwnerActionInput): Promise<OwnershipView> {
      return asOwner(principal, ticketId, async ({ trx }, ticket, ownership, now) => {
        const at = new Date(input.at);
        if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
          throw errors.rule('an action is recorded after it happened', { code: 'action_in_future', errors: [{ path: 'at', message: 'in the future' }] });
        }
        const action = await repo.insertAction(trx, { ticket_id: ticket.id, actor_id: principal.id, kind: input.kind, note: input.note, at, recorded_at: now });
        await ticketsRepository.insertEvent(trx, { ticket_id: ticket.id, type: 'owner_action', at: now, actor_id: principal.id, data: { action_id: action.id, kind: input.kind, note: input.note, at: at.toISOString() } });
        return toView(trx, ownership);
      });
    },

    explain(principal: Principal, ticketId: number, text: string): Promise<OwnershipView> {
      return asOwner(principal, ticketId, async ({ trx }, ticket, ownership, now) => {
        await repo.update(trx, ticket.id, { explanation: text, explanation_by: principal.id, explanation_at: now });
        await ticketsRepository.insertEvent(trx, { ticket_id: ticket.id, type: 'owner_explanation', at: now, actor_id: principal.id, data: { text, revised: ownership.explanation !== null } });
        return toView(trx, { ...ownership, explanation: text, explanation_by: principal.id, explanation_at: now });
      });
    },

    /** A supervisor marks (or unmarks) a major service problem (重大服务问题); ownership follows the rules. */
    setMajorProblem(principal: Principal, ticketId: number, flagged: boolean, note: string | undefined): Promise<{ ticket_id: number; major_problem: boolean; ownership: OwnershipView | null }> {
      return inTransaction(knex, bus, async (uow) => {
        const ticket = await visibleTicket(uow.trx, principal, ticketId, true);
        if (ticket.status === 'closed') throw errors.conflict(`ticket ${ticketId} is closed`, { code: 'ticket_closed', current_status: ticket.status });
        const now = clock.now();
        if (flagged !== (await repo.hasFlag(uow.trx, ticketId, 'major_problem'))) {
          if (flagged) await repo.setFlag(uow.trx, { ticket_id: ticketId, flag: 'major_problem', note: note ?? null, set_by: principal.id, set_at: now });
          else await repo.clearFlag(uow.trx, ticketId, 'major_problem');
          await ticketsRepository.insertEvent(uow.trx, { ticket_id: ticketId, type: flagged ? 'major_problem_flagged' : 'major_problem_unflagged', at: now, actor_id: principal.id, data: { note: note ?? null } });
          await evaluate(uow, ticket, principal.id, now);
          uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'major_problem', ticket: await ticketView(uow.trx, ticket) });
        }
        const ownership = await repo.find(uow.trx, ticketId);
        return { ticket_id: ticketId, major_problem: flagged, ownership: ownership?.active ? await toView(uow.trx, ownership) : null };
      });
    },

    /** "My cases": the caller's leadership cases, open ones first by default, newest first. */
    async myCases(principal: Principal, q: MyCasesQuery) {
      const beforeId = decodeCursor(q.cursor);
      if (q.cursor && beforeId === undefined) throw errors.badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from next_cursor' }], 'invalid_cursor');
      const rows = await repo.casesOf(knex, principal.id, { prefix: scopePrefix(principal), state: q.state, beforeId, limit: q.limit });
      const page = rows.slice(0, q.limit);
      const customers = await ticketsRepository.customersByIds(knex, page.map((r) => r.customer_id));
      const items = await Promise.all(page.map(async (row) => ({
        ...toTicketView(row, customers.get(row.customer_id)!),
        ownership: (await detail(knex, row.id))!,
      })));
      return { items, next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null };
    },

    rules: () => repo.rules(knex),

    putRule(principal: Principal, key: string, input: RuleInput): Promise<{ rule: OwnershipRule; created: boolean }> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const before = await repo.findRule(trx, key);
        const rule: OwnershipRule = { key, name: input.name, enabled: input.enabled, match: input.match };
        await repo.upsertRule(trx, rule, clock.now());
        await writeAudit(trx, { at: clock.now(), actorId: principal.id, entity: 'ownership_rule', entityId: key, action: before ? 'updated' : 'created', data: { key, before: before ?? null, after: rule } });
        return { rule, created: !before };
      });
    },

    deleteRule(principal: Principal, key: string): Promise<void> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const before = await repo.findRule(trx, key);
        if (!before) throw errors.notFound(`ownership rule ${key}`);
        await repo.deleteRule(trx, key);
        await writeAudit(trx, { at: clock.now(), actorId: principal.id, entity: 'ownership_rule', entityId: key, action: 'deleted', data: { key, before } });
      });
    },
  };
}

export type OwnershipService = ReturnType<typeof createOwnershipService>;
