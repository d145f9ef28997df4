import type { Knex } from 'knex';
import type { Principal } from '../auth/permissions';
import type { CustomerRow } from '../customers/repository';
import type { UnitOfWork } from '../db/unit-of-work';
import type { TicketRow } from './repository';
import type { TicketDetailView } from './detail-schema';
import type { SlaSummary } from './schemas';

/** One change of a ticket, as the other domains see it, inside the transaction that makes it. */
export interface TicketChange {
  uow: UnitOfWork;
  actor: Principal | null;
  now: Date;
  /** the timeline event type written for this change: accepted, dispatched, resolved, reopened, closed, … */
  event: string;
  before: TicketRow | null;
  after: TicketRow;
  /** The ticket's customer, read at most once per change (intake already has it from its insert): participants ask here instead of re-reading it. */
  customer(): Promise<CustomerRow>;
}

/**
 * Other domains (SLA timers, case ownership, callbacks) take part in ticket changes through this
 * port instead of the tickets service knowing them. `afterChange` runs in the same transaction:
 * throwing an AppError (e.g. a 422) rolls the whole change back.
 */
export interface TicketParticipant {
  name: string;
  afterChange?(change: TicketChange): Promise<void>;
  /**
   * What stops the ticket from closing now (a leadership case's missing owner duties). A change
   * that would close it keeps it resolved instead, with the close waiting for them.
   */
  closeBlockers?(db: Knex, ticketId: number): Promise<string[]>;
  /** Adds this domain's part of the ticket detail (timers, ownership, callbacks …). */
  detail?(db: Knex, ticket: TicketRow, now: Date): Promise<Partial<Pick<TicketDetailView, 'timers' | 'ownership' | 'callbacks' | 'incident'>>>;
  /** The SLA summary of each ticket of a list page (queue rows): one query for the page. */
  summarize?(db: Knex, ticketIds: readonly number[], now: Date): Promise<Map<number, SlaSummary>>;
}
