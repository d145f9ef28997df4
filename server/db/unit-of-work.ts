import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { DurableConsumer, EventBus, EventEnvelope } from '../events/bus';
import { writeOutbox } from '../events/outbox';
import type { DomainEvent } from '../events/types';

export interface UnitOfWork {
  trx: Knex.Transaction;
  /** Queue an event: it becomes an outbox row of this transaction, and reaches the bus after commit. */
  emit(event: DomainEvent): void;
}

/**
 * The service owns the transaction: it opens one (or joins the caller's), hands `trx` to the
 * repositories, and the events it raised are written to the outbox in the same transaction, so
 * a change is never committed without its events (nor an event without its change).
 */
export async function inTransaction<T>(knex: Knex, bus: EventBus, work: (uow: UnitOfWork) => Promise<T>, outer?: UnitOfWork): Promise<T> {
  if (outer) return work(outer);
  const envelopes: EventEnvelope[] = [];
  const result = await knex.transaction(async (trx) => {
    const value = await work({ trx, emit: (event) => envelopes.push({ id: crypto.randomUUID(), event }) });
    await writeOutbox(trx, envelopes);
    return value;
  });
  bus.committed(envelopes);
  return result;
}

/**
 * Runs a durable consumer on one event in its own transaction, together with the mark that it
 * was handled; a second offer of the same event (fast path and relay, two processes) finds the
 * mark and does nothing.
 */
export async function handleOnce(bus: EventBus, consumer: DurableConsumer, envelope: EventEnvelope, outer?: UnitOfWork): Promise<boolean> {
  return inTransaction(consumer.knex, bus, async (uow) => {
    const claimed = await uow.trx.raw<{ rows: unknown[] }>(
      'INSERT INTO outbox_handled (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1',
      [consumer.name, envelope.id],
    );
    if (claimed.rows.length === 0) return false;
    await consumer.handle(envelope.event, uow, { id: envelope.id, seq: envelope.seq });
    return true;
  }, outer);
}
