import { writeAudit } from '../audit';
import type { Principal } from '../auth/permissions';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { DueItem, Scheduler } from '../jobs';
import { headsAbove } from '../ownership/heads';
import { ownershipRepository, type OwnershipRow } from '../ownership/repository';
import { ticketView, type OwnershipService } from '../ownership/service';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import { escalationRepository as repo, type EscalationRow, type Reason } from './repository';
import type { EscalationPolicyInput, EscalationPolicyView, EscalationView, ListEscalationsQuery } from './schemas';

export const ESCALATION_KINDS = {
  /**
   * The watch over an owned case: first when the owner's inactivity time is up, then every
   * `step_seconds` while the case is open, catching a breach whose bus event was lost in a crash.
   */
  watch: 'escalation.watch',
  /** a level did not acknowledge in time: go one level up */
  step: 'escalation.step',
} as const;

const toView = (row: EscalationRow): EscalationView => ({
  id: row.id, ticket_id: row.ticket_id, level: row.level, unit_id: row.unit_id, recipient_id: row.recipient_id, owner_id: row.owner_id,
  reason: row.reason, raised_at: row.raised_at.toISOString(), acknowledged_at: row.acknowledged_at?.toISOString() ?? null,
  acknowledged_by: row.acknowledged_by, note: row.note,
});

/**
 * Level-by-level escalation of leadership cases (逐级汇报). A breach (of a policy that escalates)
 * or an owner who recorded nothing in time raises the case to the head above the owner; a level
 * that does not acknowledge within `step_seconds` sends it one level further, up to the top.
 * Every timer is an item of the durable scheduler, armed in the transaction that decides it.
 */
export function createEscalationService(deps: Deps, scheduler: Scheduler, ownership: OwnershipService) {
  const { knex, bus, clock } = deps;

  const policy = (db = knex) => repo.policy(db);

  /** The current ownership if the case is still open and still owned by `ownerId` (when given). */
  async function liveCase(uow: UnitOfWork, ticketId: number, ownerId?: number): Promise<{ ticket: TicketRow; ownership: OwnershipRow } | null> {
    const ticket = await ticketsRepository.find(uow.trx, ticketId);
    const row = await ownershipRepository.findForUpdate(uow.trx, ticketId);
    if (!ticket || ticket.status === 'closed' || !row?.active || (ownerId !== undefined && row.owner_id !== ownerId)) return null;
    return { ticket, ownership: row };
  }

  /** Raises the case one level above the highest level reached under its current owner. */
  async function escalate(uow: UnitOfWork, ticket: TicketRow, owned: OwnershipRow, reason: Reason, trigger: string, now: Date): Promise<void> {
    const { trx } = uow;
    if (await repo.raisedBy(trx, ticket.id, trigger)) return;
    if (await ticketsRepository.hasEvent(trx, ticket.id, 'escalation_top_reached', 'trigger', trigger)) return;
    const level = (await repo.highestLevel(trx, ticket.id, owned.owner_id, owned.assigned_at)) + 1;
    const ladder = await headsAbove(trx, owned.unit_id, [owned.owner_id]);
    const next = ladder[level - 1];
    if (!next) {
      await ticketsRepository.insertEvent(trx, { ticket_id: ticket.id, type: 'escalation_top_reached', at: now, actor_id: null, data: { level: level - 1, reason, trigger } });
      return;
    }
    const row = await repo.insert(trx, { ticket_id: ticket.id, level, unit_id: next.unitId, recipient_id: next.userId, owner_id: owned.owner_id, reason, trigger, raised_at: now });
    await ticketsRepository.insertEvent(trx, {
      ticket_id: ticket.id, type: 'escalated', at: now, actor_id: null,
      data: { escalation_id: row.id, level, recipient_id: next.userId, unit_id: next.unitId, owner_id: owned.owner_id, reason },
    });
    const { step_seconds } = await policy(trx);
    await scheduler.schedule(trx, { kind: ESCALATION_KINDS.step, key: String(row.id), dueAt: new Date(now.getTime() + step_seconds * 1000) });
    uow.emit({
      type: 'escalation.raised', at: now.toISOString(), ticket: await ticketView(trx, ticket), escalationId: row.id, level,
      recipientId: next.userId, unitId: next.unitId, ownerId: owned.owner_id, reason,
    });
  }

  async function onWatch(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    for (const item of items) {
      const ownerId = Number(item.payload.owner_id);
      const assignedAt = new Date(String(item.payload.assigned_at));
      const live = await liveCase(uow, Number(item.key), ownerId);
      if (!live || live.ownership.assigned_at.getTime() !== assignedAt.getTime()) continue; // closed, released or moved: its new owner has a watch
      const acted = await ownershipRepository.actedSince(uow.trx, live.ticket.id, assignedAt);
      if (!acted && live.ownership.explanation_at === null) {
        await escalate(uow, live.ticket, live.ownership, 'inactivity', `inactivity:${assignedAt.getTime()}`, item.firedAt);
      }
      for (const timerId of await repo.unescalatedBreaches(uow.trx, live.ticket.id)) {
        await escalate(uow, live.ticket, live.ownership, 'breach', `breach:${timerId}`, item.firedAt);
      }
      const { step_seconds } = await policy(uow.trx);
      await scheduler.schedule(uow.trx, { kind: ESCALATION_KINDS.watch, key: item.key, dueAt: new Date(item.firedAt.getTime() + step_seconds * 1000), payload: item.payload });
    }
  }

  async function onStep(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    for (const item of items) {
      const current = await repo.find(uow.trx, Number(item.key));
      if (!current || current.acknowledged_at !== null) continue;
      const live = await liveCase(uow, current.ticket_id, current.owner_id);
      if (!live) continue;
      if (await repo.higherRaised(uow.trx, current.ticket_id, current.owner_id, current.level)) continue;
      await escalate(uow, live.ticket, live.ownership, 'unacknowledged', `step:${current.id}`, item.firedAt);
    }
  }

  // A new owner has `inactivity_seconds` to record something before the case goes up.
  ownership.onAssigned(async (uow, ticketId, ownerId, now) => {
    const { inactivity_seconds } = await policy(uow.trx);
    await scheduler.schedule(uow.trx, {
      kind: ESCALATION_KINDS.watch, key: String(ticketId),
      dueAt: new Date(now.getTime() + inactivity_seconds * 1000), payload: { owner_id: ownerId, assigned_at: now.toISOString() },
    });
  });

  // A breach of a policy that escalates sends an owned case up at once: a durable consumer, so a
  // crash after the breach committed still escalates (the relay offers the event again).
  const unsubscribe = bus.subscribeDurable({
    name: 'escalation',
    types: ['sla.breached'],
    knex,
    async handle(event, uow) {
      if (event.type !== 'sla.breached' || !event.escalate) return;
      const live = await liveCase(uow, event.ticket.id);
      if (live) await escalate(uow, live.ticket, live.ownership, 'breach', `breach:${event.timer.id}`, clock.now());
    },
  });

  return {
    stop: unsubscribe,

    /** The handlers of this domain's scheduler kinds; jobs.ts registers them at start. */
    jobs: { onWatch, onStep },

    /** The leader an escalation reached says they have it in hand; the climb stops at their level. */
    acknowledge(principal: Principal, escalationId: number, note: string | undefined): Promise<EscalationView> {
      return inTransaction(knex, bus, async (uow) => {
        const row = await repo.findForUpdate(uow.trx, escalationId);
        if (!row) throw errors.notFound(`escalation ${escalationId}`);
        if (row.recipient_id !== principal.id) throw errors.forbidden(`escalation ${escalationId} is for user ${row.recipient_id} to acknowledge`);
        if (row.acknowledged_at !== null) return toView(row);
        const now = clock.now();
        const updated = await repo.acknowledge(uow.trx, escalationId, principal.id, note ?? null, now);
        await scheduler.cancel(uow.trx, ESCALATION_KINDS.step, String(escalationId));
        await ticketsRepository.insertEvent(uow.trx, { ticket_id: row.ticket_id, type: 'escalation_acknowledged', at: now, actor_id: principal.id, data: { escalation_id: row.id, level: row.level, note: note ?? null } });
        const ticket = (await ticketsRepository.find(uow.trx, row.ticket_id))!;
        uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'escalation_acknowledged', ticket: await ticketView(uow.trx, ticket) });
        return toView(updated);
      });
    },

    /** Escalations that reached the caller: pending ones are waiting for their acknowledgement. */
    async list(principal: Principal, q: ListEscalationsQuery): Promise<EscalationView[]> {
      return (await repo.forRecipient(knex, principal.id, q.state, q.limit)).map((row) => ({ ...toView(row), ticket_number: row.ticket_number }));
    },

    async policy(): Promise<EscalationPolicyView> {
      const row = await policy();
      return { inactivity_seconds: row.inactivity_seconds, step_seconds: row.step_seconds, updated_at: row.updated_at.toISOString() };
    },

    updatePolicy(principal: Principal, input: EscalationPolicyInput): Promise<EscalationPolicyView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const before = await policy(trx);
        const row = await repo.updatePolicy(trx, input, now);
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'escalation_policy', entityId: 'default', action: 'updated', data: { before, after: input } });
        return { inactivity_seconds: row.inactivity_seconds, step_seconds: row.step_seconds, updated_at: row.updated_at.toISOString() };
      });
    },
  };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
