import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { DomainEvent, DurableConsumer, EventEnvelope } from '../events/types';

/** What a transaction tells after its commit (the event bus): the envelopes it wrote to the outbox. */
export interface CommitSink {
  committed(envelopes: readonly EventEnvelope[]): void;
}

/**
 * The outbox rows of a transaction's events, in the order they were raised: one statement and one
 * `json` parameter whatever the count (parsed, never converted to jsonb: the column is json).
 */
export async function writeOutbox(trx: Knex.Transaction, envelopes: readonly EventEnvelope[]): Promise<void> {
  if (envelopes.length === 0) return;
  await trx.raw(
    `INSERT INTO outbox_events (id, type, payload, ord)
     SELECT r.id, r.type, r.payload, r.ord FROM json_to_recordset(?::json) AS r(id uuid, type text, payload json, ord integer)`,
    [JSON.stringify(envelopes.map((e, ord) => ({ id: e.id, type: e.event.type, payload: e.event, ord })))],
  );
}

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
export async function inTransaction<T>(knex: Knex, bus: CommitSink, work: (uow: UnitOfWork) => Promise<T>, outer?: UnitOfWork): Promise<T> {
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
export async function handleOnce(bus: CommitSink, consumer: DurableConsumer, envelope: EventEnvelope, outer?: UnitOfWork): Promise<boolean> {
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
