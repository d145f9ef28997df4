import crypto from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import type { EventBus } from './bus';
import type { DomainEvent, EventEnvelope, EventHandler } from './types';
import type { Logger } from '../logger';
import { handleOnce, writeOutbox } from '../db/unit-of-work';
import { singleFlight } from '../jobs/single-flight';

export const OUTBOX_CHANNEL = 'loopdesk_outbox';
const SEQUENCER = '$sequencer';

/** Writes a transaction's events as outbox rows: one statement, inside the transaction. */
interface OutboxRow {
  id: string;
  seq: number;
  type: string;
  payload: DomainEvent;
  created_at: Date;
}

export interface RelayOptions {
  knex: Knex;
  bus: EventBus;
  logger: Logger;
  /** a real PostgreSQL server to LISTEN on; absent (PGlite) the relay polls */
  listenUrl?: string;
  /** the backstop: how often the relay looks without being woken */
  pollMs?: number;
  /** events are kept this long for consoles that reconnect (then pruned, once every durable consumer passed them) */
  retentionSeconds?: number;
  /** a durable consumer gives the after-commit fast path this long before the relay acts itself */
  graceMs?: number;
  /** after this many failures one event is set aside for that consumer (logged as an error) */
  maxAttempts?: number;
}

export interface OutboxRelay {
  /** Every committed event of every process, one at a time in `seq` order; the relay waits for the handler. */
  subscribe(handler: EventHandler): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sequences, streams and hands out what is waiting; resolves when this pass is done. */
  pass(): Promise<void>;
  /** The last seq this process streamed. */
  streamed(): number;
  /** Events still held for replay after `afterSeq`; `null` if some of them were pruned already. */
  replay(afterSeq: number, limit: number): Promise<{ envelopes: EventEnvelope[]; upTo: number } | null>;
  /** unsequenced events and the age of the oldest, for /readyz and /metrics */
  backlog(): Promise<{ waiting: number; oldestSeconds: number }>;
  readonly deadLettered: number;
}

/**
 * The outbox relay (one per process; many processes share the work):
 * 1. sequencer: gives committed events their `seq` in commit order, under the lock of its
 *    cursor row, and NOTIFYs the other processes;
 * 2. stream: reads events after the last seq this process saw and hands them, in order, to its
 *    stream subscribers (realtime: each process tells its own sockets);
 * 3. durable consumers: a cursor row per consumer, claimed with SKIP LOCKED so one process at a
 *    time advances it; events the fast path has not marked handled are handled here.
 * Woken by a local commit, by NOTIFY from another process, and by polling as the backstop.
 */
export function createOutboxRelay(options: RelayOptions): OutboxRelay {
  const { knex, bus, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const retentionSeconds = options.retentionSeconds ?? 3600;
  const graceMs = options.graceMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 5;
  let streamedSeq = 0;
  let pollTimer: NodeJS.Timeout | null = null;
  let listener: pg.Client | null = null;
  let stopped = true;
  let lastPrune = 0;
  let lastDurable = 0;
  let deadLettered = 0;
  const failures = new Map<string, number>();
  /** where each durable consumer was left by this process, and when to look again with nothing new */
  const durableState = new Map<string, { reached: number; again: number | null }>();
  const cursorsMade = new Set<string>();
  const streamHandlers = new Set<EventHandler>();
  let unhook: (() => void) | null = null;

  /** Sequences what is waiting; returns the head seq (the last given). */
  async function sequence(): Promise<number> {
    return knex.transaction(async (trx) => {
      const cursor = await trx('outbox_cursors').where({ consumer: SEQUENCER }).forUpdate().first<{ seq: number }>('seq');
      const given = await trx.raw<{ rows: { seq: number }[] }>(
        `UPDATE outbox_events o SET seq = ?::bigint + s.rn
         FROM (SELECT id, row_number() OVER (ORDER BY created_at, ord) AS rn FROM outbox_events
               WHERE seq IS NULL ORDER BY created_at, ord LIMIT 1000) s
         WHERE o.id = s.id RETURNING o.seq`,
        [cursor!.seq],
      );
      if (given.rows.length === 0) return Number(cursor!.seq);
      const last = Number(cursor!.seq) + given.rows.length;
      await trx('outbox_cursors').where({ consumer: SEQUENCER }).update({ seq: last });
      await trx.raw('SELECT pg_notify(?, ?)', [OUTBOX_CHANNEL, String(last)]);
      return last;
    });
  }

  /**
   * What a pass needs to know first, in one statement and no transaction: whether anything waits
   * for a seq, and the head. An idle relay stops here.
   */
  async function probe(): Promise<{ waiting: boolean; head: number }> {
    const result = await knex.raw<{ rows: { waiting: boolean; head: string | number | null }[] }>(
      `SELECT EXISTS (SELECT 1 FROM outbox_events WHERE seq IS NULL) AS waiting,
              (SELECT seq FROM outbox_cursors WHERE consumer = ?) AS head`,
      [SEQUENCER],
    );
    const row = result.rows[0]!;
    return { waiting: row.waiting, head: Number(row.head ?? 0) };
  }

  const toEnvelope = (row: OutboxRow): EventEnvelope => ({ id: row.id, seq: Number(row.seq), event: row.payload });

  async function stream(): Promise<void> {
    const handlers = [...streamHandlers];
    for (;;) {
      const rows: OutboxRow[] = await knex('outbox_events').where('seq', '>', streamedSeq).orderBy('seq').limit(500).select('id', 'seq', 'type', 'payload');
      for (const row of rows) {
        const envelope = toEnvelope(row);
        for (const handler of handlers) {
          try {
            await handler(envelope.event, { id: envelope.id, seq: envelope.seq });
          } catch (err) {
            logger.error('stream subscriber failed', { event: row.type, seq: envelope.seq, err });
          }
        }
        streamedSeq = envelope.seq!;
      }
      if (rows.length < 500) return;
    }
  }

  /**
   * One durable consumer's backstop: everything past its cursor that the fast path did not mark.
   * Returns the seq its cursor reached, or when to look again although nothing new was sequenced
   * (an event left to the fast path's grace, a failure to retry, the cursor held by another process).
   */
  async function catchUp(name: string): Promise<{ reached: number; again: number | null }> {
    const consumer = bus.durableConsumers().find((c) => c.name === name);
    if (!consumer) return { reached: Number.MAX_SAFE_INTEGER, again: null };
    if (!cursorsMade.has(name)) {
      await knex('outbox_cursors').insert({ consumer: name, seq: 0 }).onConflict('consumer').ignore();
      cursorsMade.add(name);
    }
    const emitted: EventEnvelope[] = [];
    const outcome = await knex.transaction(async (trx) => {
      const cursor = await trx('outbox_cursors').where({ consumer: name }).forUpdate().skipLocked().first<{ seq: number } | undefined>('seq');
      if (!cursor) return { reached: 0, again: Date.now() + pollMs }; // another process is on it
      const rows: (OutboxRow & { handled: boolean })[] = await trx('outbox_events as e')
        .leftJoin('outbox_handled as h', (j) => j.on('h.event_id', 'e.id').andOn('h.consumer', trx.raw('?', [name])))
        .where('e.seq', '>', cursor.seq)
        .orderBy('e.seq')
        .limit(500)
        .select('e.id', 'e.seq', 'e.type', 'e.payload', 'e.created_at', trx.raw('h.event_id IS NOT NULL AS handled'));
      const youngest = Date.now() - graceMs;
      let seq = Number(cursor.seq);
      let again: number | null = rows.length === 500 ? Date.now() : null;
      for (const row of rows) {
        const wanted = consumer.types.includes(row.type as DomainEvent['type']) && !row.handled;
        // the fast path of the committing process normally handles it within milliseconds
        if (wanted && row.created_at.getTime() > youngest) {
          again = row.created_at.getTime() + graceMs;
          break;
        }
        if (wanted) {
          try {
            // a savepoint: one failing event rolls back alone, with the events its handler emitted
            await trx.transaction(async (savepoint) => {
              const raised: EventEnvelope[] = [];
              await handleOnce(bus, consumer, toEnvelope(row), { trx: savepoint, emit: (event) => raised.push({ id: crypto.randomUUID(), event }) });
              await writeOutbox(savepoint, raised);
              emitted.push(...raised);
            });
            failures.delete(`${name}:${row.id}`);
          } catch (err) {
            const attempts = (failures.get(`${name}:${row.id}`) ?? 0) + 1;
            failures.set(`${name}:${row.id}`, attempts);
            if (attempts < maxAttempts) {
              logger.warn('durable consumer failed; retrying later', { consumer: name, event: row.type, seq: row.seq, attempts, err });
              again = Date.now() + pollMs;
              break;
            }
            deadLettered += 1;
            failures.delete(`${name}:${row.id}`);
            logger.error('durable consumer gave up on an event (set aside as failed)', { consumer: name, event: row.type, seq: row.seq, err });
            await trx('outbox_handled').insert({ consumer: name, event_id: row.id, status: 'failed', error: err instanceof Error ? err.message : String(err) }).onConflict(['consumer', 'event_id']).ignore();
          }
        }
        seq = Number(row.seq);
      }
      if (seq !== Number(cursor.seq)) await trx('outbox_cursors').where({ consumer: name }).update({ seq });
      return { reached: seq, again };
    });
    bus.committed(emitted);
    return outcome;
  }

  async function prune(): Promise<void> {
    const cutoff = new Date(Date.now() - retentionSeconds * 1000);
    const low = await knex('outbox_cursors').whereNot({ consumer: SEQUENCER }).min<{ min: number | null }>('seq as min').first();
    await knex('outbox_events').where('created_at', '<', cutoff).andWhere('seq', '<=', low?.min ?? Number.MAX_SAFE_INTEGER).del();
    await knex('outbox_handled').where('handled_at', '<', cutoff).del();
  }

  /**
   * Each step runs only when there is something for it: sequencing when events wait, streaming
   * when the head moved past this process, a consumer's catch-up when the head moved past where
   * it was left (or it asked to be looked at again). Idle, a pass is the one probe statement.
   */
  async function runPass(): Promise<void> {
    const { waiting, head: seen } = await probe();
    const head = waiting ? await sequence() : seen;
    if (head > streamedSeq) await stream();
    const now = Date.now();
    // under load the consumers' catch-up waits for the poll: the fast path does their work meanwhile
    if (now - lastDurable >= pollMs || !waiting) {
      lastDurable = now;
      for (const name of new Set(bus.durableConsumers().map((c) => c.name))) {
        const left = durableState.get(name);
        if (left && left.reached >= head && (left.again === null || left.again > now)) continue;
        durableState.set(name, await catchUp(name));
      }
    }
    if (now - lastPrune >= 60_000) {
      lastPrune = now;
      await prune();
    }
  }

  const flight = singleFlight(async () => {
    await runPass();
    return 0;
  }, { stopped: () => stopped, afterError: 'stop', onError: (err) => logger.warn('outbox relay pass failed; retrying', { err }) });
  async function pass(): Promise<void> {
    await flight.run();
  }

  const wake = () => {
    if (!stopped) void pass();
  };

  async function listen(): Promise<void> {
    if (!options.listenUrl || stopped) return;
    const client = new pg.Client({ connectionString: options.listenUrl });
    client.on('notification', wake);
    client.on('error', (err) => {
      logger.warn('outbox LISTEN connection lost; polling until it is back', { err });
    });
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!stopped) setTimeout(() => void listen().catch(() => undefined), pollMs).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      listener = client;
    } catch (err) {
      logger.warn('outbox LISTEN failed; polling', { err });
      await client.end().catch(() => undefined);
    }
  }

  return {
    subscribe(handler) {
      streamHandlers.add(handler);
      return () => streamHandlers.delete(handler);
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      const cursor = await knex('outbox_cursors').where({ consumer: SEQUENCER }).first<{ seq: number }>('seq');
      streamedSeq = cursor?.seq ?? 0;
      unhook = bus.onCommitted(wake);
      await listen();
      pollTimer = setInterval(wake, pollMs);
      pollTimer.unref();
      await pass();
    },
    async stop() {
      stopped = true;
      unhook?.();
      unhook = null;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      await flight.running?.catch(() => undefined);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
    },
    pass,
    streamed: () => streamedSeq,
    async replay(afterSeq, limit) {
      const oldest = await knex('outbox_events').whereNotNull('seq').min<{ min: number | null }>('seq as min').first();
      const floor = oldest?.min ?? streamedSeq + 1;
      if (afterSeq + 1 < floor) return null;
      const rows: OutboxRow[] = await knex('outbox_events').where('seq', '>', afterSeq).andWhere('seq', '<=', streamedSeq).orderBy('seq').limit(limit).select('id', 'seq', 'type', 'payload');
      return { envelopes: rows.map(toEnvelope), upTo: streamedSeq };
    },
    async backlog() {
      const row = await knex('outbox_events').whereNull('seq')
        .first<{ waiting: number; oldest: number | null }>(knex.raw('count(*)::int AS waiting'), knex.raw('EXTRACT(EPOCH FROM now() - min(created_at))::float AS oldest'));
      return { waiting: row?.waiting ?? 0, oldestSeconds: row?.oldest ?? 0 };
    },
    get deadLettered() {
      return deadLettered;
    },
  };
}
