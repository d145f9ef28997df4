import type { TimerView } from '../sla/schemas';
import type { Knex } from 'knex';
import type { TicketView } from '../tickets/view';

/** Every domain event that leaves a service. Listeners switch on `type`. */
export type DomainEvent =
  /** a user or unit changed (role, active, unit, place in the tree): caches of who may see what drop it */
  | { type: 'directory.changed'; at: string; actorId: number | null; entity: 'user' | 'unit'; entityId: number }
  /** A sign-out ended one token (`jti`), or a password / role change ended all of a user's (`jti: null`). */
  | { type: 'sessions.ended'; at: string; userId: number; jti: string | null }
  | { type: 'ticket.created'; at: string; actorId: number | null; ticket: TicketView }
  | { type: 'ticket.updated'; at: string; actorId: number | null; change: string; ticket: TicketView }
  /** the caller chased the ticket for the N-th time (催单, N admin-set): it became urgent; `userId` is the unit head told */
  | { type: 'ticket.urge_escalated'; at: string; actorId: number | null; ticketId: number; ticketNumber: string; unitId: number | null; userId: number | null; count: number }
  /** the phone system announced a ringing call to agent `userId` (caller pop): their console opens intake for `caller` */
  | { type: 'cti.ringing'; at: string; userId: number; callId: string; caller: string; customerId: number | null }
  /** a callback attempt fell due (or was handed over): `assigneeId` is the agent to call, null while nobody is on duty */
  | { type: 'callback.due'; at: string; ticket: TicketView; callbackId: number; assigneeId: number | null }
  /** the customer was unsatisfied: the ticket is back with its unit; `userId` is the unit head told, `dueAt` the second handling's deadline */
  | { type: 'callback.unsatisfied'; at: string; ticket: TicketView; handlingRound: number; userId: number | null; unitId: number | null; dueAt: string }
  /** a second handling passed its deadline unresolved; `userId` is the unit head */
  | { type: 'callback.second_handling_overdue'; at: string; ticket: TicketView; handlingRound: number; userId: number | null; dueAt: string }
  /** a unit head became the owner of a leadership case (领导包案), first or after a re-dispatch */
  | { type: 'ownership.assigned'; at: string; actorId: number | null; ticket: TicketView; ownerId: number; previousOwnerId: number | null; unitId: number; reasons: string[] }
  /** a mass complaint (规模性投诉) was opened, by the detector or by hand; its owner heads `unitId` (or a unit above) */
  | { type: 'incident.opened'; at: string; actorId: number | null; incidentId: number; title: string; unitId: number; ownerId: number | null; ticketIds: number[] }
  /** an owned case went up one level (逐级汇报): `recipientId` heads `unitId` and must acknowledge */
  | { type: 'escalation.raised'; at: string; ticket: TicketView; escalationId: number; level: number; recipientId: number; unitId: number; ownerId: number; reason: string }
  /** an SLA timer reached a warning point (a fraction of its target) */
  | { type: 'sla.warning'; at: string; ticket: TicketView; timer: TimerView; fraction: number }
  /** an SLA timer passed its target; `escalate` says whether its policy escalates on breach */
  | { type: 'sla.breached'; at: string; ticket: TicketView; timer: TimerView; escalate: boolean }
  /** how far a bulk import (`key`: its Idempotency-Key or content hash) has come; to the uploading user only */
  | { type: 'import.progress'; at: string; userId: number; importId: number | null; key: string; kind: 'units' | 'users' | 'customers'; phase: 'validating' | 'applying' | 'done'; rows: number; total: number | null; percent: number };

/** How events travel: an id (and, once committed, a sequence), and who consumes them. */
export interface EventEnvelope {
  id: string;
  seq?: number;
  event: DomainEvent;
}

export interface EventMeta {
  id: string;
  seq?: number;
}

export type EventHandler = (event: DomainEvent, meta: EventMeta) => void | Promise<void>;

/** The transaction a durable consumer works in: what it writes commits with its "handled" mark. */
export interface ConsumerWork {
  trx: Knex.Transaction;
  emit(event: DomainEvent): void;
}

/**
 * A consumer that must see each event once per desk (not once per process), even across a crash:
 * mail, escalation. `handle` runs in a transaction that also records (name, event id) as handled,
 * so the after-commit fast path and the relay's backstop never both act on one event.
 */
export interface DurableConsumer {
  name: string;
  types: readonly DomainEvent['type'][];
  knex: Knex;
  handle(event: DomainEvent, work: ConsumerWork, meta: EventMeta): Promise<void>;
}
