/**
 * npm run bench:reconnection — a peak month of Dalian's reconnections through the feeds of
 * server/main.ts (a child process, as `npm start` runs it, on its own database). Prints one JSON line:
 *   payments_per_s, payment_batch_p99_ms  100,000 payments of suspended accounts, batches of 500,
 *                                          each opening its watch with both timers armed
 *   restorations_per_s, restoration_batch_p99_ms  the same watches restored
 *   resent_duplicates, lost, duplicated  the whole run sent a second time: every event a duplicate;
 *                                          lost = payments without their watch or restorations without their
 *                                          close, duplicated = a second watch or ticket for one payment
 *   queue_ms, board_ms                     with 100,000 open watches: the provisioning queue (counts per
 *                                          tier and the first page) and the SLA board overview, p50 of 20
 *   floor_per_s                            reference of the same run: the same batches inserted by one
 *                                          plain INSERT … SELECT FROM jsonb_to_recordset into an unindexed table
 * BENCH_EVENTS (100000), BENCH_BATCH (500), BENCH_SENDERS (2: batches in flight at once).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../server/auth/passwords';
import { startServer } from './lib/child';
import { createBenchDatabase } from './lib/database';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 2);
const CHANNELS = ['counter', 'bank', 'card', 'online', 'prepaid_card'] as const;
const log = (message: string) => process.stderr.write(`bench:reconnection: ${message}\n`);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

interface Batch { accepted: number; duplicate: number; rejected: number }

async function main(): Promise<void> {
  const db = await createBenchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-bench-reconnection-'));
  const { knex } = db;
  try {
    const now = new Date();
    const password = crypto.randomBytes(12).toString('hex');
    const [unit] = await knex('units').insert({ code: 'DL', name: '大连市分公司', path: '/', area: 'city', created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
    await knex('units').where({ id: unit!.id }).update({ path: `/${unit!.id}/` });
    const hash = await hashPassword(password);
    await knex('users').insert([
      { username: 'bench_admin', name: '管理员', role: 'admin', password_hash: hash, active: true, created_at: now, updated_at: now },
      { username: 'bench_super', name: '值班长', role: 'supervisor', password_hash: hash, active: true, created_at: now, updated_at: now },
    ]);
    // 100,000 accounts suspended for arrears (notified first), a fifth of them in the counties
    await knex.raw(
      `INSERT INTO customers (phone, account_no, area, tier, created_at, updated_at)
       SELECT '139' || lpad(g::text, 8, '0'), 'DL' || lpad(g::text, 8, '0'), CASE WHEN g % 5 = 0 THEN 'county' ELSE 'city' END, 'standard', ?, ?
       FROM generate_series(1, ?) g`,
      [now, now, EVENTS],
    );
    await knex.raw(
      `INSERT INTO arrears_accounts (account_no, customer_id, state, notified_at, suspended_at, notice_missing, updated_at)
       SELECT account_no, id, 'suspended', ?::timestamptz - interval '3 days', ?::timestamptz - interval '1 day', false, ? FROM customers`,
      [now, now, now],
    );
    await knex.raw('ANALYZE');
    await knex.raw(`CREATE TABLE floor_payments (external_id text, account_no text, channel text, paid_at timestamptz, amount numeric)`);

    const app = await startServer('server/main.ts', { DATABASE_URL: db.url, LOOPDESK_LOG_LEVEL: 'warn', LOOPDESK_ADMIN_PASSWORD: password, LOOPDESK_DATA_DIR: dataDir }, '/readyz');
    const base = `http://127.0.0.1:${app.port}`;
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      return ((await res.json()) as { token: string }).token;
    };
    // billing and provisioning as one API client (OAuth client credentials), as they would call
    const client = (await (await fetch(`${base}/api/clients`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('bench_admin')}` },
      body: JSON.stringify({ name: '计费与开通', scopes: ['integrations.payments', 'integrations.restorations'], unit_ids: [unit!.id] }),
    })).json()) as { client_id: string; client_secret: string };
    const grant = await fetch(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }) });
    const granted = (await grant.json()) as { access_token?: string };
    if (!granted.access_token) throw new Error(`no client token: ${JSON.stringify(client)} ${JSON.stringify(granted)}`);
    const token = granted.access_token;
    const superToken = await login('bench_super');

    const paidAt = new Date(Date.now() - 60_000).toISOString();
    const payments = Array.from({ length: EVENTS }, (_, i) => {
      const channel = CHANNELS[i % CHANNELS.length]!;
      return {
        external_id: `PAY-${i + 1}`, account_no: `DL${String(i + 1).padStart(8, '0')}`, channel, paid_at: paidAt,
        ...(channel === 'bank' ? { confirmed_at: paidAt } : {}), amount: 50 + (i % 100),
      };
    });
    const restorations = payments.map((p, i) => ({ external_id: `RST-${i + 1}`, account_no: p.account_no, restored_at: new Date(Date.now() + 30_000).toISOString() }));

    /** Sends every batch (SENDERS at a time); answers events/s, batch times and the per-event tallies. */
    const send = async (feed: string, events: readonly object[]) => {
      const batches: object[][] = [];
      for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH) as object[]);
      const times: number[] = [];
      const tally = { accepted: 0, duplicate: 0, rejected: 0, failed: 0 };
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: SENDERS }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const t0 = performance.now();
          const res = await fetch(`${base}/api/integrations/${feed}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: batch }) });
          times.push(performance.now() - t0);
          if (res.status !== 200) {
            tally.failed += batch.length;
            log(`${feed}: ${res.status} ${(await res.text()).slice(0, 200)}`);
            continue;
          }
          const body = (await res.json()) as Batch;
          tally.accepted += body.accepted;
          tally.duplicate += body.duplicate;
          tally.rejected += body.rejected;
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: Math.round(events.length / seconds), p50: percentile(times, 50), p99: percentile(times, 99), tally };
    };

    // the floor: the same batches as one plain insert each, no HTTP, no rules
    const floorStarted = performance.now();
    for (let i = 0; i < payments.length; i += BATCH) {
      await knex.raw(
        `INSERT INTO floor_payments SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(external_id text, account_no text, channel text, paid_at timestamptz, amount numeric)`,
        [JSON.stringify(payments.slice(i, i + BATCH))],
      );
    }
    const floorPerSecond = Math.round(payments.length / ((performance.now() - floorStarted) / 1000));
    log(`floor ${floorPerSecond}/s`);

    const paid = await send('payments', payments);
    log(`payments ${JSON.stringify(paid)}`);
    const timed = async (url: string) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const t0 = performance.now();
        const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${superToken}` } });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
      }
      return percentile(times, 50);
    };
    const queueMs = await timed('/api/reconnection/queue');
    const boardMs = await timed('/api/sla/board/overview');
    log(`queue ${queueMs} ms, board ${boardMs} ms with ${EVENTS} open watches`);
    const paidAgain = await send('payments', payments);
    const restored = await send('restorations', restorations);
    log(`restorations ${JSON.stringify(restored)}`);
    const restoredAgain = await send('restorations', restorations);

    const [check] = (await knex.raw<{ rows: { payments: number; watches: number; tickets: number; armed: number; restored: number; closed: number; extra_watches: number }[] }>(`
      SELECT (SELECT count(*) FROM payment_events WHERE outcome = 'watch_opened')::int AS payments,
        (SELECT count(*) FROM reconnection_watches)::int AS watches,
        (SELECT count(*) FROM tickets WHERE channel = 'system')::int AS tickets,
        (SELECT count(*) FROM sla_timers WHERE policy_key IN ('reconnect_internal', 'reconnect_regulatory'))::int AS armed,
        (SELECT count(*) FROM reconnection_watches WHERE state = 'restored')::int AS restored,
        (SELECT count(*) FROM tickets WHERE channel = 'system' AND status = 'closed')::int AS closed,
        (SELECT count(*) FROM (SELECT account_no FROM reconnection_watches GROUP BY account_no HAVING count(*) > 1) d)::int AS extra_watches`)).rows;
    const c = check!;
    await app.stop();
    process.stdout.write(`${JSON.stringify({
      events: EVENTS, batch: BATCH, senders: SENDERS,
      payments_per_s: paid.perSecond, payment_batch_p50_ms: paid.p50, payment_batch_p99_ms: paid.p99,
      timers_armed: c.armed,
      restorations_per_s: restored.perSecond, restoration_batch_p50_ms: restored.p50, restoration_batch_p99_ms: restored.p99,
      resent_duplicates: paidAgain.tally.duplicate + restoredAgain.tally.duplicate,
      lost: (EVENTS - c.payments) + (EVENTS - c.restored) + paid.tally.failed + restored.tally.failed,
      duplicated: (c.watches - EVENTS) + (c.tickets - EVENTS) + c.extra_watches + paidAgain.tally.accepted + restoredAgain.tally.accepted,
      rejected: paid.tally.rejected + restored.tally.rejected,
      tickets_closed: c.closed, queue_ms: queueMs, board_ms: boardMs, floor_per_s: floorPerSecond,
      cores: os.cpus().length,
    })}\n`);
  } finally {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
