import type { Principal } from '../auth/permissions';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { DueItem, Scheduler } from '../jobs';
import { headsAbove } from '../ownership/heads';
import type { OwnershipRow } from '../ownership/repository';
import { ticketView, type OwnershipService } from '../ownership/service';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
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

type Reason = 'breach' | 'inactivity' | 'unacknowledged';

interface EscalationRow {
  id: number;
  ticket_id: number;
  level: number;
  unit_id: number;
  recipient_id: number;
  owner_id: number;
  reason: Reason;
  trigger: string;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
  note: string | null;
}

interface PolicyRow {
  inactivity_seconds: number;
  step_seconds: number;
  updated_at: Date;
}

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

  const policy = async (db = knex): Promise<PolicyRow> => (await db<PolicyRow>('escalation_policy').first())!;

  /** The current ownership if the case is still open and still owned by `ownerId` (when given). */
  async function liveCase(uow: UnitOfWork, ticketId: number, ownerId?: number): Promise<{ ticket: TicketRow; ownership: OwnershipRow } | null> {
    const ticket = await ticketsRepository.find(uow.trx, ticketId);
    const row = await uow.trx<OwnershipRow>('case_ownerships').where({ ticket_id: ticketId }).forUpdate().first();
    if (!ticket || ticket.status === 'closed' || !row?.active || (ownerId !== undefined && row.owner_id !== ownerId)) return null;
    return { ticket, ownership: row };
  }

  /** Raises the case one level above the highest level reached under its current owner. */
  async function escalate(uow: UnitOfWork, ticket: TicketRow, owned: OwnershipRow, reason: Reason, trigger: string, now: Date): Promise<void> {
    const { trx } = uow;
    if (await trx('escalations').where({ ticket_id: ticket.id, trigger }).first('id')) return; // this trigger already raised
    if (await trx('ticket_events').where({ ticket_id: ticket.id, type: 'escalation_top_reached' }).whereRaw(`data->>'trigger' = ?`, [trigger]).first('id')) return;
    const reached = await trx<EscalationRow>('escalations')
      .where({ ticket_id: ticket.id, owner_id: owned.owner_id }).where('raised_at', '>=', owned.assigned_at).max<{ level: number | null }[]>('level as level');
    const level = (reached[0]?.level ?? 0) + 1;
    const ladder = await headsAbove(trx, owned.unit_id, [owned.owner_id]);
    const next = ladder[level - 1];
    if (!next) {
      await ticketsRepository.insertEvent(trx, { ticket_id: ticket.id, type: 'escalation_top_reached', at: now, actor_id: null, data: { level: level - 1, reason, trigger } });
      return;
    }
    const [row] = await trx('escalations')
      .insert({ ticket_id: ticket.id, level, unit_id: next.unitId, recipient_id: next.userId, owner_id: owned.owner_id, reason, trigger, raised_at: now })
      .returning<EscalationRow[]>('*');
    await ticketsRepository.insertEvent(trx, {
      ticket_id: ticket.id, type: 'escalated', at: now, actor_id: null,
      data: { escalation_id: row!.id, level, recipient_id: next.userId, unit_id: next.unitId, owner_id: owned.owner_id, reason },
    });
    const { step_seconds } = await policy(trx);
    await scheduler.schedule(trx, { kind: ESCALATION_KINDS.step, key: String(row!.id), dueAt: new Date(now.getTime() + step_seconds * 1000) });
    uow.emit({
      type: 'escalation.raised', at: now.toISOString(), ticket: await ticketView(trx, ticket), escalationId: row!.id, level,
      recipientId: next.userId, unitId: next.unitId, ownerId: owned.owner_id, reason,
    });
  }

  /** Breaches of escalating SLA timers this case has not been escalated for. */
  async function unescalatedBreaches(uow: UnitOfWork, ticketId: number): Promise<number[]> {
    return uow.trx('sla_timers')
      .where({ ticket_id: ticketId })
      .whereNotNull('breached_at')
      .whereRaw(`(policy->>'escalate_on_breach')::boolean`)
      .whereNotExists(uow.trx('escalations').where('ticket_id', ticketId).whereRaw(`trigger = 'breach:' || sla_timers.id`))
      .orderBy('id')
      .pluck('id');
  }

  async function onWatch(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    for (const item of items) {
      const ownerId = Number(item.payload.owner_id);
      const assignedAt = new Date(String(item.payload.assigned_at));
      const live = await liveCase(uow, Number(item.key), ownerId);
      if (!live || live.ownership.assigned_at.getTime() !== assignedAt.getTime()) continue; // closed, released or moved: its new owner has a watch
      const acted = await uow.trx('owner_actions').where({ ticket_id: live.ticket.id }).where('recorded_at', '>=', assignedAt).first('id');
      if (!acted && live.ownership.explanation_at === null) {
        await escalate(uow, live.ticket, live.ownership, 'inactivity', `inactivity:${assignedAt.getTime()}`, item.firedAt);
      }
      for (const timerId of await unescalatedBreaches(uow, live.ticket.id)) {
        await escalate(uow, live.ticket, live.ownership, 'breach', `breach:${timerId}`, item.firedAt);
      }
      const { step_seconds } = await policy(uow.trx);
      await scheduler.schedule(uow.trx, { kind: ESCALATION_KINDS.watch, key: item.key, dueAt: new Date(item.firedAt.getTime() + step_seconds * 1000), payload: item.payload });
    }
  }

  async function onStep(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    for (const item of items) {
      const current = await uow.trx<EscalationRow>('escalations').where({ id: Number(item.key) }).first();
      if (!current || current.acknowledged_at !== null) continue;
      const live = await liveCase(uow, current.ticket_id, current.owner_id);
      if (!live) continue;
      const higher = await uow.trx('escalations').where({ ticket_id: current.ticket_id, owner_id: current.owner_id }).where('level', '>', current.level).first('id');
      if (higher) continue;
      await escalate(uow, live.ticket, live.ownership, 'unacknowledged', `step:${current.id}`, item.firedAt);
    }
  }

  scheduler.register(ESCALATION_KINDS.watch, onWatch);
  scheduler.register(ESCALATION_KINDS.step, onStep);

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

    /** The leader an escalation reached says they have it in hand; the climb stops at their level. */
    acknowledge(principal: Principal, escalationId: number, note: string | undefined): Promise<EscalationView> {
      return inTransaction(knex, bus, async (uow) => {
        const row = await uow.trx<EscalationRow>('escalations').where({ id: escalationId }).forUpdate().first();
        if (!row) throw errors.notFound(`escalation ${escalationId}`);
        if (row.recipient_id !== principal.id) throw errors.forbidden(`escalation ${escalationId} is for user ${row.recipient_id} to acknowledge`);
        if (row.acknowledged_at !== null) return toView(row);
        const now = clock.now();
        const [updated] = await uow.trx('escalations').where({ id: escalationId })
          .update({ acknowledged_at: now, acknowledged_by: principal.id, note: note ?? null }).returning<EscalationRow[]>('*');
        await scheduler.cancel(uow.trx, ESCALATION_KINDS.step, String(escalationId));
        await ticketsRepository.insertEvent(uow.trx, { ticket_id: row.ticket_id, type: 'escalation_acknowledged', at: now, actor_id: principal.id, data: { escalation_id: row.id, level: row.level, note: note ?? null } });
        const ticket = (await ticketsRepository.find(uow.trx, row.ticket_id))!;
        uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'escalation_acknowledged', ticket: await ticketView(uow.trx, ticket) });
        return toView(updated!);
      });
    },

    /** Escalations that reached the caller: pending ones are waiting for their acknowledgement. */
    async list(principal: Principal, q: ListEscalationsQuery): Promise<EscalationView[]> {
      // With the ticket's number: the recipient reads "TS20261125-0003", not an internal id.
      const query = knex('escalations').join('tickets', 'tickets.id', 'escalations.ticket_id')
        .select<(EscalationRow & { ticket_number: string })[]>('escalations.*', 'tickets.number as ticket_number')
        .where({ recipient_id: principal.id }).orderBy('escalations.id', 'desc').limit(q.limit);
      if (q.state === 'pending') query.whereNull('acknowledged_at');
      if (q.state === 'acknowledged') query.whereNotNull('acknowledged_at');
      return (await query).map((row) => ({ ...toView(row), ticket_number: row.ticket_number }));
    },

    async policy(): Promise<EscalationPolicyView> {
      const row = await policy();
      return { inactivity_seconds: row.inactivity_seconds, step_seconds: row.step_seconds, updated_at: row.updated_at.toISOString() };
    },

    updatePolicy(principal: Principal, input: EscalationPolicyInput): Promise<EscalationPolicyView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const before = await policy(trx);
        const [row] = await trx('escalation_policy').update({ ...input, updated_at: now }).returning<PolicyRow[]>('*');
        await trx('audit_log').insert({ at: now, actor_id: principal.id, entity: 'escalation_policy', entity_id: 0, action: 'updated', data: JSON.stringify({ before, after: input }) });
        return { inactivity_seconds: row!.inactivity_seconds, step_seconds: row!.step_seconds, updated_at: row!.updated_at.toISOString() };
      });
    },
  };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
