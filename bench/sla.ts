/**
 * npm run bench:sla — arm many SLA timers, let a mass-outage peak fall due, and measure how late
 * the real worker (Bull tick + the SLA handler, writing the timeline and publishing events) fires
 * them; plain Bull delayed jobs are measured in the same run for comparison. Prints one JSON line.
 *
 *   --timers N       (1000000) timers armed, on as many bulk-created tickets
 *   --peak N         (100000)  of which fall due within one minute after arming ends
 *   --raw-bull N     (100000)  plain Bull delayed jobs for the comparison figure (0: skip)
 *   --tick-ms N      (200)     the scheduler tick
 *   REDIS_URL                  (redis://127.0.0.1:6379/0); keys live under a prefix of this run, deleted at the end
 *
 * Arming uses the port's bulk path (timer rows + scheduleMany in one transaction per batch), as a
 * bulk import would; per-ticket arming happens inside intake and is measured by bench:intake.
 */
import crypto from 'node:crypto';
import Queue from 'bull';
import Redis from 'ioredis';
import type { Principal } from '../server/auth/permissions';
import { systemClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/knex';
import { EventBus } from '../server/events/bus';
import { createScheduler } from '../server/jobs';
import { createLogger } from '../server/logger';
import { createSlaService, SLA_TIMER_KIND } from '../server/sla/service';
import { createBenchDatabase } from './lib/database';

const log = (message: string) => process.stderr.write(`bench:sla: ${message}\n`);

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}

const TARGET_SECONDS = 3600;
const BATCH = 20_000;
const UNITS = 50;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

/** Plain Bull: `count` delayed jobs due over the minute after enqueueing ends; lateness p99 in ms. */
async function rawBull(redisUrl: string, prefix: string, count: number): Promise<number> {
  const queue = new Queue('raw', redisUrl, { prefix, defaultJobOptions: { removeOnComplete: true } });
  const lateness: number[] = [];
  let done = 0;
  void queue.process(200, async (job) => {
    lateness.push(Date.now() - (job.data as { due: number }).due);
    done += 1;
  });
  const start = Date.now();
  const expectedEnqueueMs = count / 15; // ~15 k/s measured on this machine
  const base = start + expectedEnqueueMs + 2000;
  for (let i = 0; i < count; i += 1000) {
    const now = Date.now();
    const jobs = Array.from({ length: Math.min(1000, count - i) }, (_, k) => {
      const due = base + Math.floor(((i + k) / count) * 60_000);
      return { name: '__default__', data: { due }, opts: { delay: Math.max(0, due - now), jobId: `raw:${i + k}` } };
    });
    await queue.addBulk(jobs);
  }
  log(`raw Bull: ${count} delayed jobs enqueued in ${Date.now() - start} ms`);
  const deadline = base + 60_000 + 120_000;
  while (done < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  await queue.close();
  lateness.sort((a, b) => a - b);
  log(`raw Bull: fired ${done}/${count}, lateness p50 ${percentile(lateness, 50)} ms p99 ${percentile(lateness, 99)} ms`);
  return percentile(lateness, 99);
}

async function main(): Promise<void> {
  const timers = flag('timers', 1_000_000);
  const peak = Math.min(flag('peak', 100_000), timers);
  const rawCount = flag('raw-bull', 100_000);
  const tickMs = flag('tick-ms', 200);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  const prefix = `loopdesk-bench-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;

  const bench = await createBenchDatabase();
  log(`database ${bench.name} migrated`);
  const config = loadConfig({ DATABASE_URL: bench.url, LOOPDESK_LOG_LEVEL: 'warn', REDIS_URL: redisUrl });
  const db = await openDatabase({ databaseUrl: bench.url, dataDir: config.dataDir, poolMax: 10 });
  const knex = db.knex;
  const logger = createLogger('warn');
  const bus = new EventBus(logger);
  let published = 0;
  bus.subscribe((event) => {
    if (event.type === 'sla.breached') published += 1;
  });
  const deps = { knex, bus, clock: systemClock, config, logger };
  const scheduler = createScheduler(deps, { redisUrl, prefix, queueName: 'scheduler', tickMs, batchSize: 500 });
  const sla = createSlaService(deps, scheduler);

  try {
    // The desk: units, one agent, one customer, and `timers` dispatched reconnection tickets.
    const now = new Date();
    const [root] = await knex('units').insert({ code: 'B', name: 'bench', parent_id: null, path: '/', area: 'city', created_at: now, updated_at: now }).returning('id');
    await knex('units').where({ id: root.id }).update({ path: `/${root.id}/` });
    await knex.raw(
      `INSERT INTO units (code, name, parent_id, path, area, created_at, updated_at)
       SELECT 'B-' || g, 'unit ' || g, ?, '/', CASE WHEN g % 2 = 0 THEN 'city' ELSE 'county' END, now(), now() FROM generate_series(1, ?) g`,
      [root.id, UNITS],
    );
    await knex.raw(`UPDATE units SET path = '/' || parent_id || '/' || id || '/' WHERE parent_id = ?`, [root.id]);
    const unitIds = (await knex('units').where({ parent_id: root.id }).pluck('id')) as number[];
    const [user] = await knex('users').insert({ username: 'bench', name: 'bench', role: 'agent', unit_id: root.id, email: 'b@example.test', password_hash: 'x', created_at: now, updated_at: now }).returning('id');
    const [customer] = await knex('customers').insert({ phone: '13900000000', name: 'bench', area: 'city', tier: 'standard', created_at: now, updated_at: now }).returning('id');
    const policy = { key: 'bench', name: 'bench', version: 1, target_seconds: TARGET_SECONDS, warn_at: [], clock: 'wall', regulatory: false, pausable: false, escalate_on_breach: true, stop_on: ['resolved'] };
    await knex('sla_policies').insert({ ...policy, ticket_type: 'reconnection', start_on: ['paid'], active: false, version: 1, warn_at: [] });
    let t0 = Date.now();
    for (let from = 1; from <= timers; from += 100_000) {
      const to = Math.min(timers, from + 99_999);
      await knex.raw(
        `INSERT INTO tickets (number, type, category, status, channel, priority, description, customer_id, unit_id, accepted_by,
           payment_channel, paid_at, created_at, updated_at, dispatched_at)
         SELECT 'B' || g, 'reconnection', 'suspension', 'dispatched', 'counter', 'normal', 'bench', ?, (?::bigint[])[1 + g % ?], ?,
           'counter', now(), now(), now(), now()
         FROM generate_series(?::int, ?::int) g`,
        [customer.id, unitIds, UNITS, user.id, from, to],
      );
    }
    log(`${timers} tickets created in ${Date.now() - t0} ms`);
    const ticketIds = (await knex('tickets').orderBy('id').pluck('id')) as number[];

    // Arm: the rest over the next day first, then the peak due within the minute after arming ends.
    const rest = timers - peak;
    const arm = async (ids: number[], dues: Date[]) => {
      await knex.transaction(async (trx) => {
        const rows = await trx.raw<{ rows: { id: number; due_at: Date }[] }>(
          `INSERT INTO sla_timers (ticket_id, ticket_type, unit_id, handling_round, policy_key, policy, state, level, started_at,
             elapsed_ms, run_started_at, due_at, segments, warnings, created_at, updated_at)
           SELECT t.id, t.type, t.unit_id, 1, 'bench', ?::jsonb, 'running', 0, d.due - make_interval(secs => ?), 0,
             d.due - make_interval(secs => ?), d.due,
             jsonb_build_array(jsonb_build_object('start', d.due - make_interval(secs => ?), 'end', null)), '[]', now(), now()
           FROM unnest(?::bigint[], ?::timestamptz[]) AS d(ticket_id, due) JOIN tickets t ON t.id = d.ticket_id
           RETURNING id, due_at`,
          [JSON.stringify(policy), TARGET_SECONDS, TARGET_SECONDS, TARGET_SECONDS, ids, dues],
        );
        await scheduler.scheduleMany(trx, rows.rows.map((r) => ({ kind: SLA_TIMER_KIND, key: String(r.id), dueAt: r.due_at })));
        await sla.refreshTicketStates(trx, ids);
      });
    };
    await scheduler.start();
    t0 = Date.now();
    const dayStart = Date.now() + 3_600_000;
    for (let i = 0; i < rest; i += BATCH) {
      const ids = ticketIds.slice(i, Math.min(rest, i + BATCH));
      await arm(ids, ids.map((_, k) => new Date(dayStart + Math.floor(((i + k) / Math.max(1, rest)) * 86_400_000))));
      if ((i / BATCH) % 10 === 0) log(`armed ${i + ids.length}/${timers}`);
    }
    const peakArmStart = Date.now();
    const restRate = rest / Math.max(0.001, (peakArmStart - t0) / 1000);
    // Peak due times start when arming is expected to end (at the rate just measured) and span one minute.
    const peakBase = peakArmStart + Math.ceil((peak / Math.max(restRate, 1)) * 1000) + 1000;
    const peakIds = ticketIds.slice(rest, timers);
    for (let i = 0; i < peak; i += BATCH) {
      const ids = peakIds.slice(i, i + BATCH);
      await arm(ids, ids.map((_, k) => new Date(peakBase + Math.floor(((i + k) / Math.max(1, peak)) * 60_000))));
    }
    const armEnd = Date.now();
    const armPerS = Math.round(timers / ((armEnd - t0) / 1000));
    log(`armed ${timers} timers in ${armEnd - t0} ms (${armPerS}/s); peak due ${new Date(peakBase).toISOString()} + 60 s (arming ended ${armEnd - peakBase} ms after the first peak due)`);

    // Let the peak fall due and the worker drain it.
    const peakEnd = peakBase + 60_000;
    const peakTimerIds = `SELECT id FROM sla_timers WHERE ticket_id >= ${peakIds[0] ?? 0}`;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const pending = Number((await knex.raw(`SELECT count(*) AS n FROM scheduled_items WHERE kind = ? AND state = 'pending' AND due_at <= now()`, [SLA_TIMER_KIND])).rows[0].n);
      if (Date.now() > peakEnd + 2000 && pending === 0) break;
      if (Date.now() > peakEnd + 300_000) { log('gave up waiting for the peak to drain'); break; }
      log(`waiting: ${pending} due and not fired`);
    }
    await scheduler.stop();
    const stats = (await knex.raw(
      `SELECT count(*) FILTER (WHERE s.state = 'fired')::int AS fired,
              count(*) FILTER (WHERE s.state <> 'fired')::int AS lost,
              array_agg(extract(epoch FROM s.fired_at - s.due_at) * 1000 ORDER BY s.fired_at - s.due_at) FILTER (WHERE s.state = 'fired') AS lateness
       FROM scheduled_items s WHERE s.kind = ? AND s.key IN (SELECT id::text FROM (${peakTimerIds}) p)`,
      [SLA_TIMER_KIND],
    )).rows[0] as { fired: number; lost: number; lateness: number[] | null };
    const lateness = (stats.lateness ?? []).map(Number);
    const duplicated = Number((await knex.raw(
      `SELECT coalesce(sum(n - 1), 0) AS d FROM (SELECT count(*) AS n FROM ticket_events WHERE type = 'sla.breached' GROUP BY ticket_id HAVING count(*) > 1) x`,
    )).rows[0].d);
    const breachedRows = Number((await knex.raw(`SELECT count(*) AS n FROM sla_timers WHERE breached_at IS NOT NULL AND ticket_id >= ?`, [peakIds[0] ?? 0])).rows[0].n);
    log(`peak: fired ${stats.fired}, timers breached ${breachedRows}, events published ${published}, duplicated ${duplicated}`);

    // The board, as a supervisor sees it: first with every timer open, then with the day's rest closed.
    const supervisor: Principal = { id: user.id, username: 'bench', name: 'bench', role: 'supervisor', unitId: null, unitPath: null };
    const timeBoard = async () => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const s = process.hrtime.bigint();
        await sla.board(supervisor, {});
        runs.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      return Math.round(Math.min(...runs) * 10) / 10;
    };
    await knex.raw('VACUUM ANALYZE sla_timers');
    await knex.raw('VACUUM ANALYZE sla_ticket_states');
    const boardAllOpenMs = await timeBoard();
    t0 = Date.now();
    await knex.raw(`ALTER TABLE sla_timers DISABLE TRIGGER USER`); // the reports' dirty-marking trigger: not part of this figure
    // closed history spread over the past year, as a desk has it
    await knex.raw(
      `UPDATE sla_timers SET state = 'met', stopped_at = now() - make_interval(secs => (id % 31536000)::double precision), run_started_at = NULL
       WHERE ticket_id < ?`,
      [peakIds[0] ?? Number.MAX_SAFE_INTEGER],
    );
    await knex.raw(`ALTER TABLE sla_timers ENABLE TRIGGER USER`);
    await knex('sla_ticket_states').where('ticket_id', '<', peakIds[0] ?? Number.MAX_SAFE_INTEGER).del();
    await knex.raw('VACUUM ANALYZE sla_timers');
    await knex.raw('VACUUM ANALYZE sla_ticket_states');
    log(`closed ${rest} timers in ${Date.now() - t0} ms`);
    const boardMs = await timeBoard();
    log(`board: ${boardAllOpenMs} ms with ${timers} open, ${boardMs} ms with ${peak} open among ${timers}`);

    const rawP99 = rawCount > 0 ? await rawBull(redisUrl, `${prefix}-raw`, rawCount) : null;
    const round = (n: number) => Math.round(n);
    process.stdout.write(JSON.stringify({
      timers, arm_per_s: armPerS, fired: stats.fired, lost: stats.lost, duplicated,
      lateness_p50_ms: round(percentile(lateness, 50)), lateness_p99_ms: round(percentile(lateness, 99)), lateness_max_ms: round(lateness[lateness.length - 1] ?? 0),
      board_ms: boardMs, board_all_open_ms: boardAllOpenMs, raw_bull_lateness_p99_ms: rawP99 === null ? null : round(rawP99),
      peak, tick_ms: tickMs, load_avg_1m: Math.round(Number((await import('node:os')).loadavg()[0]) * 10) / 10,
    }) + '\n');
  } finally {
    await scheduler.stop().catch(() => undefined);
    await db.close();
    await bench.drop();
    await deletePrefix(redisUrl, prefix);
    await deletePrefix(redisUrl, `${prefix}-raw`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:sla failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
