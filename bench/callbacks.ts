/**
 * bench:callbacks: 100,000 tickets resolved in bulk, then their callbacks scheduled and, once due,
 * assigned by the real callbacks service on the real scheduler (in-process adapter, PostgreSQL
 * table). Prints one JSON line:
 *   resolved         tickets resolved
 *   scheduled_per_s  first attempts scheduled per second (callback row, scheduler item, timeline
 *                    event, in transactions of BATCH tickets: what a burst of resolutions costs)
 *   assign_p99_ms    p99 over due batches of the time one batch took to flip, assign balanced
 *                    over the agents on duty, write the timeline and build the callback.due events
 *   assigned_per_s   callbacks made due and assigned per second
 * Target (issue 5): scheduling keeps up with 1,000 resolutions per second.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { registerCallbackJobs } from '../server/callbacks/jobs';
import { createCallbacksService } from '../server/callbacks/service';
import { createCalendarService } from '../server/sla/calendars';
import { createSlaService } from '../server/sla/service';
import { ManualClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { inTransaction } from '../server/db/unit-of-work';
import { EventBus } from '../server/events/bus';
import { createScheduler, type Scheduler } from '../server/jobs';
import { createLogger } from '../server/logger';
import type { TicketRow } from '../server/tickets/repository';
import { createBenchDatabase } from './lib/database';

const RESOLVED = Number(process.env.BENCH_RESOLVED ?? 100_000);
const BATCH = 1000;
const AGENTS = 50;

async function main(): Promise<void> {
  const db = await createBenchDatabase();
  try {
    const { knex } = db;
    const config = loadConfig({ DATABASE_URL: db.url, LOOPDESK_LOG_LEVEL: 'error', LOOPDESK_DATA_DIR: path.join(os.tmpdir(), 'loopdesk-bench-callbacks') });
    const logger = createLogger(config.logLevel);
    const clock = new ManualClock('2026-11-25T02:00:00Z'); // 10:00 in the desk's zone: callable at once
    const deps = { knex, bus: new EventBus(logger), clock, config, logger };
    const now = clock.now();

    await knex.raw(`INSERT INTO units (code, name, path, area, created_at, updated_at) VALUES ('B', 'bench', '/1/', 'city', ?, ?)`, [now, now]);
    await knex.raw(
      `INSERT INTO users (username, name, role, unit_id, password_hash, created_at, updated_at)
       SELECT 'cb' || g, 'callback agent ' || g, 'agent', 1, 'x', ?, ? FROM generate_series(1, ?) g`,
      [now, now, AGENTS],
    );
    await knex.raw(`INSERT INTO callback_agents (user_id, on_duty, changed_at) SELECT id, true, ? FROM users`, [now]);
    await knex.raw(`INSERT INTO customers (phone, created_at, updated_at) VALUES ('13900000000', ?, ?)`, [now, now]);
    // the resolutions themselves, in bulk: resolved tickets of the one unit
    await knex.raw(
      `INSERT INTO tickets (number, type, category, status, channel, description, customer_id, unit_id, accepted_by,
         resolution, cause, responsibility, created_at, updated_at, dispatched_at, first_resolved_at, resolved_at)
       SELECT 'TB' || g, 'complaint', 'billing', 'resolved', 'hotline', 'bench', 1, 1, 1, 'done', 'cause', 'company', ?, ?, ?, ?, ?
       FROM generate_series(1, ?) g`,
      [now, now, now, now, now, RESOLVED],
    );
    const tickets: TicketRow[] = await knex('tickets').orderBy('id');

    const batchMs: number[] = [];
    const base = createScheduler(deps, { redisUrl: null, batchSize: 500 });
    // times the due handler of each claimed batch, inside the scheduler's own transaction
    const scheduler: Scheduler = {
      ...base,
      register: (kind, handler) => base.register(kind, kind !== 'callback.due' ? handler : async (items, uow) => {
        const started = performance.now();
        await handler(items, uow);
        batchMs.push(performance.now() - started);
      }),
    };
    const calendars = createCalendarService(deps, createSlaService(deps, scheduler));
    const callbacks = createCallbacksService(deps, { scheduler, calendars });
    registerCallbackJobs(scheduler, callbacks);

    const scheduleStarted = performance.now();
    for (let i = 0; i < tickets.length; i += BATCH) {
      await inTransaction(knex, deps.bus, (uow) => callbacks.scheduleFirstAttempts(uow, tickets.slice(i, i + BATCH), now));
    }
    const scheduleSeconds = (performance.now() - scheduleStarted) / 1000;

    const assignStarted = performance.now();
    const fired = await scheduler.runDue();
    const assignSeconds = (performance.now() - assignStarted) / 1000;
    const loads = await callbacks.agents();
    const open = loads.map((a) => a.open_callbacks);
    if (fired !== RESOLVED || Math.max(...open) - Math.min(...open) > 1) throw new Error(`fired ${fired}, loads ${Math.min(...open)}..${Math.max(...open)}`);

    batchMs.sort((a, b) => a - b);
    const p99 = batchMs[Math.min(batchMs.length - 1, Math.ceil(batchMs.length * 0.99) - 1)]!;
    process.stdout.write(`${JSON.stringify({
      resolved: RESOLVED,
      scheduled_per_s: Math.round(RESOLVED / scheduleSeconds),
      assign_p99_ms: Number(p99.toFixed(1)),
      assigned_per_s: Math.round(fired / assignSeconds),
      assign_batch: 500,
      agents: AGENTS,
    })}\n`);
  } finally {
    await db.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:callbacks failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
