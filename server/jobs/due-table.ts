import type { Scheduler } from './scheduler';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { inTransaction } from '../db/unit-of-work';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logger';
import type { DueHandler, DueItem, ScheduleRequest } from './scheduler';

interface ItemRow {
  kind: string;
  key: string;
  due_at: Date;
  payload: Record<string, unknown>;
  generation: number;
  attempts: number;
}

export interface DueTableOptions {
  knex: Knex;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** rows claimed per transaction */
  batchSize?: number;
  /** claim-and-fire loops run side by side in one drain (each its own transaction; SKIP LOCKED splits the rows) */
  concurrency?: number;
  /** after this many failed firings an item is parked as `failed` (visible, not retried) */
  maxAttempts?: number;
}

const UPSERT = `
  INSERT INTO scheduled_items AS s (kind, key, due_at, payload, state, created_at, updated_at)
  SELECT r.kind, r.key, r.due_at, r.payload, 'pending', r.at, r.at
  FROM jsonb_to_recordset(?::jsonb) AS r(kind text, key text, due_at timestamptz, payload jsonb, at timestamptz)
  ON CONFLICT (kind, key) DO UPDATE SET
    due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, state = 'pending', generation = s.generation + 1,
    attempts = 0, last_error = NULL, fired_at = NULL, updated_at = EXCLUDED.updated_at`;

/**
 * The PostgreSQL half every adapter shares: arming rows and the claim-and-fire loop. The claim
 * and the handler run in one transaction, and the state change 'pending' → 'fired' is the
 * conditional update that decides: a second tick or worker finds the row locked or fired.
 */
export function createDueTable(options: DueTableOptions) {
  const { knex, bus, clock, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const concurrency = options.concurrency ?? 2;
  const maxAttempts = options.maxAttempts ?? 10;
  const handlers = new Map<string, DueHandler>();

  const toItem = (row: ItemRow, firedAt: Date): DueItem => ({
    kind: row.kind, key: row.key, dueAt: row.due_at, payload: row.payload, generation: row.generation, firedAt,
  });

  async function claim(trx: Knex.Transaction, limit: number, now: Date): Promise<ItemRow[]> {
    // Joined on ctid (a TID scan): joining on (kind, key) let the planner hash the whole table.
    const result = await trx.raw<{ rows: ItemRow[] }>(
      `WITH d AS (SELECT ctid FROM scheduled_items
                  WHERE state = 'pending' AND due_at <= ? AND kind = ANY(?)
                  ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
       UPDATE scheduled_items s SET state = 'fired', fired_at = ?, updated_at = ?
       FROM d WHERE s.ctid = d.ctid
       RETURNING s.kind, s.key, s.due_at, s.payload, s.generation, s.attempts`,
      [now, [...handlers.keys()], limit, now, now],
    );
    return result.rows;
  }

  /** Claims up to `limit` due rows and hands them to their handlers in one transaction. */
  async function fireBatch(limit: number, seen?: (rows: ItemRow[]) => void): Promise<number> {
    return inTransaction(knex, bus, async (uow) => {
      const now = clock.now();
      const rows = await claim(uow.trx, limit, now);
      seen?.(rows);
      const byKind = new Map<string, DueItem[]>();
      for (const row of rows) {
        const list = byKind.get(row.kind) ?? [];
        list.push(toItem(row, now));
        byKind.set(row.kind, list);
      }
      for (const [kind, items] of byKind) await handlers.get(kind)!(items, uow);
      return rows.length;
    });
  }

  async function recordFailure(row: ItemRow, err: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const now = clock.now();
    const backoffMs = Math.min(2 ** attempts, 300) * 1000;
    await knex('scheduled_items')
      .where({ kind: row.kind, key: row.key, generation: row.generation, state: 'pending' })
      .update({
        attempts, last_error: err instanceof Error ? err.message : String(err), updated_at: now,
        ...(attempts >= maxAttempts ? { state: 'failed' } : { due_at: new Date(now.getTime() + backoffMs) }),
      });
    logger.error('scheduled item failed', { kind: row.kind, key: row.key, attempts, err });
  }

  /** After a batch failed: one item per transaction, so one bad item cannot hold the others back. */
  async function fireOneByOne(limit: number): Promise<number> {
    let fired = 0;
    for (let i = 0; i < limit; i += 1) {
      let claimed: ItemRow | undefined;
      try {
        const n = await fireBatch(1, (rows) => { claimed = rows[0]; });
        if (n === 0) break;
        fired += n;
      } catch (err) {
        if (!claimed) throw err;
        await recordFailure(claimed, err);
      }
    }
    return fired;
  }

  let draining: Promise<number> | null = null;

  return {
    register(kind: string, handler: DueHandler): void {
      if (handlers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
      handlers.set(kind, handler);
    },

    async scheduleMany(db: Knex, requests: readonly ScheduleRequest[]): Promise<void> {
      if (requests.length === 0) return;
      const at = clock.now().toISOString();
      const rows = requests.map((r) => ({ kind: r.kind, key: r.key, due_at: r.dueAt.toISOString(), payload: r.payload ?? {}, at }));
      await db.raw(UPSERT, [JSON.stringify(rows)]);
    },

    async cancelMany(db: Knex, kind: string, keys: readonly string[]): Promise<void> {
      if (keys.length === 0) return;
      // By primary key: with `key IN (…) AND state = 'pending'` the planner walked the pending-due index instead.
      await db.raw(
        `UPDATE scheduled_items SET state = 'cancelled', updated_at = ?
         WHERE (kind, key) IN (SELECT ?::text, k FROM unnest(?::text[]) AS k) AND state = 'pending'`,
        [clock.now(), kind, [...keys]],
      );
    },

    /**
     * Fires until nothing is due. Calls overlapping in one process share one drain; across
     * processes SKIP LOCKED splits the rows.
     */
    drain(): Promise<number> {
      if (handlers.size === 0) return Promise.resolve(0);
      const loop = async (): Promise<number> => {
        let total = 0;
        for (;;) {
          let fired: number;
          try {
            fired = await fireBatch(batchSize);
          } catch (err) {
            logger.warn('scheduled batch failed; firing one by one', { err });
            fired = await fireOneByOne(batchSize);
          }
          total += fired;
          if (fired < batchSize) return total;
        }
      };
      draining ??= Promise.all(Array.from({ length: concurrency }, loop))
        .then((counts) => counts.reduce((a, b) => a + b, 0))
        .finally(() => {
          draining = null;
        });
      return draining;
    },

    /** Pending timers due now and those late beyond `lateSeconds`, by kind (/metrics); walks the pending index up to now only. */
    async dueCounts(lateSeconds: number): Promise<{ kind: string; due: number; late: number }[]> {
      const now = clock.now();
      return knex('scheduled_items').where({ state: 'pending' }).andWhere('due_at', '<=', now).groupBy('kind')
        .select('kind', knex.raw('count(*)::int AS due'), knex.raw('count(*) FILTER (WHERE due_at < ?)::int AS late', [new Date(now.getTime() - lateSeconds * 1000)]));
    },

    /** Waits for a drain in flight (graceful stop). */
    async idle(): Promise<void> {
      await draining?.catch(() => undefined);
    },
  };
}

export type DueTable = ReturnType<typeof createDueTable>;

/** A timer due longer than this and not fired counts as late in /metrics (the tick is 200 ms by default). */
const LATE_SECONDS = 5;

/** The part of the Scheduler port that both adapters serve straight from the table. */
export function tableOperations(table: DueTable): Pick<Scheduler, 'register' | 'schedule' | 'scheduleMany' | 'cancel' | 'cancelMany' | 'runDue' | 'dueCounts'> {
  return {
    register: table.register,
    schedule: (trx, request) => table.scheduleMany(trx, [request]),
    scheduleMany: table.scheduleMany,
    cancel: (trx, kind, key) => table.cancelMany(trx, kind, [key]),
    cancelMany: table.cancelMany,
    runDue: table.drain,
    dueCounts: () => table.dueCounts(LATE_SECONDS),
  };
}
