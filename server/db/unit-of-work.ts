import type { Knex } from 'knex';
import type { EventBus } from '../events/bus';
import type { DomainEvent } from '../events/types';

export interface UnitOfWork {
  trx: Knex.Transaction;
  /** Queue an event; it is published only if and after the transaction commits. */
  emit(event: DomainEvent): void;
}

/**
 * The service owns the transaction: it opens one (or joins the caller's), hands `trx` to the
 * repositories, and the events it raised reach the bus after commit.
 */
export async function inTransaction<T>(knex: Knex, bus: EventBus, work: (uow: UnitOfWork) => Promise<T>, outer?: UnitOfWork): Promise<T> {
  if (outer) return work(outer);
  const events: DomainEvent[] = [];
  const result = await knex.transaction((trx) => work({ trx, emit: (event) => events.push(event) }));
  bus.publish(events);
  return result;
}
