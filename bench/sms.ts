/**
 * bench:sms: BENCH_CALLBACKS (20,000) callbacks fall due at 09:00 and go out as SMS surveys through
 * a local SMS centre (the `smpp` package's server, in this process) at the automation's send rate
 * (BENCH_RATE, 200/s); the SMSC returns a delivery receipt for each and, for half of the numbers,
 * the customer's "1" within BENCH_REPLY_S (60) seconds of the message. The real desk does the
 * work: scheduler, callbacks and automation services, the sender and its SMPP session.
 * Prints one JSON line:
 *   callbacks, rate_limit     what was asked
 *   sent, sent_per_s          messages the SMSC accepted, and per second from the first to the last
 *   max_per_s                 the most messages the SMSC saw in any one second (must stay ≤ the rate)
 *   replies, matched          replies the desk acknowledged, and those recorded as the callback's outcome
 *   receipts_matched          delivery receipts recorded on their message
 *   lost                      callbacks never sent + acknowledged replies not matched
 *   duplicated                messages a number got more than once
 *   raw_submit_per_s          the reference: a bare SMPP session submitting to the same SMSC, unpaced
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as smpp from 'smpp';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app';
import { createTokenService } from '../server/auth/tokens';
import { startAutoCallbacks } from '../server/callbacks/auto-dispatcher';
import { autoRepository } from '../server/callbacks/auto-repository';
import { ManualClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/knex';
import { inTransaction } from '../server/db/unit-of-work';
import { EventBus } from '../server/events/bus';
import { createLogger } from '../server/logger';
import type { TicketRow } from '../server/tickets/repository';
import { createBenchDatabase } from './lib/database';

const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const REPLY_S = Number(process.env.BENCH_REPLY_S ?? 60);
const RAW = 2000;

/** The SMS centre: counts what each number got, answers ids, sends receipts and half the replies. */
function startSmsc() {
  const perNumber = new Map<string, number>();
  const perSecond = new Map<number, number>();
  let firstAt = 0;
  let lastAt = 0;
  let nextId = 1;
  let repliesAcked = 0;
  let repliesPending = 0;
  let receiptsAcked = 0;
  let desk: smpp.Session | null = null;
  const timers = new Set<NodeJS.Timeout>();
  const server = smpp.createServer((session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      if (pdu.system_id === 'loopdesk') desk = session;
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const to = String(pdu.destination_addr);
      const id = `M${nextId++}`;
      session.send(pdu.response({ message_id: id }));
      if (session !== desk) return;
      const now = Date.now();
      firstAt ||= now;
      lastAt = now;
      const second = Math.floor(now / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      const count = (perNumber.get(to) ?? 0) + 1;
      perNumber.set(to, count);
      if (count > 1) return;
      session.deliver_sm({ source_addr: '10000', destination_addr: '10000', esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT, short_message: `id:${id} sub:001 dlvr:001 stat:DELIVRD err:000 text:` }, (r) => {
        if (r.command_status === 0) receiptsAcked += 1;
      });
      // half the customers answer "1" within the reply window
      if (Number(to.slice(-1)) % 2 === 0) {
        repliesPending += 1;
        const timer = setTimeout(() => {
          timers.delete(timer);
          session.deliver_sm({ source_addr: `86${to}`, destination_addr: '10000', short_message: '1' }, (r) => {
            repliesPending -= 1;
            if (r.command_status === 0) repliesAcked += 1;
          });
        }, Math.random() * REPLY_S * 1000);
        timers.add(timer);
      }
    });
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    stats: () => ({ perNumber, perSecond, firstAt, lastAt, repliesAcked, repliesPending, receiptsAcked }),
    close: () => {
      for (const t of timers) clearTimeout(t);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The reference: what one bare SMPP session pushes through the same SMSC, 32 in flight, unpaced. */
async function rawSubmitPerSecond(port: number): Promise<number> {
  const session = smpp.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => session.on('connect', () => session.bind_transceiver({ system_id: 'raw', password: 'raw' }, () => resolve())));
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < RAW) {
      next += 1;
      await new Promise<void>((resolve) => session.submit_sm({ source_addr: '1', destination_addr: '2', short_message: 'reference' }, () => resolve()));
    }
  }));
  const perS = RAW / ((performance.now() - started) / 1000);
  session.destroy();
  return Math.round(perS);
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase();
  const smsc = startSmsc();
  const port = await smsc.listen();
  try {
    const raw = await rawSubmitPerSecond(port);
    const config = loadConfig({
      DATABASE_URL: bench.url, LOOPDESK_LOG_LEVEL: 'error', SMPP_URL: `smpp://loopdesk:bench@127.0.0.1:${port}`,
      LOOPDESK_DATA_DIR: path.join(os.tmpdir(), 'loopdesk-bench-sms'),
    });
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 10 });
    const { knex } = db;
    const logger = createLogger(config.logLevel);
    const clock = new ManualClock('2026-11-25T00:30:00Z'); // 08:30 in the desk's zone: resolved before callable hours
    const deps = { knex, bus: new EventBus(logger), clock, config, logger };
    const { services } = createApp({ deps, db, tokens: createTokenService('bench-secret-bench-secret-bench-secret', 3600, clock) });
    const now = clock.now();

    await knex.raw(`INSERT INTO units (code, name, path, area, created_at, updated_at) VALUES ('B', 'bench', '/1/', 'city', ?, ?)`, [now, now]);
    await knex.raw(`INSERT INTO users (username, name, role, unit_id, password_hash, created_at, updated_at) VALUES ('admin', 'admin', 'admin', 1, 'x', ?, ?)`, [now, now]);
    await knex.raw(
      `INSERT INTO customers (phone, created_at, updated_at) SELECT '139' || lpad(g::text, 8, '0'), ?, ? FROM generate_series(1, ?) g`,
      [now, now, CALLBACKS],
    );
    await knex.raw(
      `INSERT INTO tickets (number, type, category, status, channel, description, customer_id, unit_id, accepted_by,
         resolution, cause, responsibility, created_at, updated_at, dispatched_at, first_resolved_at, resolved_at)
       SELECT 'TB' || g, 'complaint', 'billing', 'resolved', 'hotline', 'bench', g, 1, 1, 'done', 'cause', 'company', ?, ?, ?, ?, ?
       FROM generate_series(1, ?) g`,
      [now, now, now, now, now, CALLBACKS],
    );
    await inTransaction(knex, deps.bus, ({ trx }) => autoRepository.saveSettings(trx, {
      channel: 'sms', replyWaitSeconds: 4 * 3600, dailyCap: 2, sendRatePerSecond: RATE, ivrEndpoint: null, ivrSecret: null,
    }, 1, now));
    const tickets: TicketRow[] = await knex('tickets').orderBy('id');
    for (let i = 0; i < tickets.length; i += 1000) {
      await inTransaction(knex, deps.bus, (uow) => services.callbacks.scheduleFirstAttempts(uow, tickets.slice(i, i + 1000), now));
    }

    const dispatch = startAutoCallbacks(deps, services.autoCallbacks, { pollMs: 100 });
    await dispatch.smpp!.waitBound(5000);
    clock.set('2026-11-25T01:00:00Z'); // 09:00: every callback falls due at once
    const started = performance.now();
    await services.scheduler.runDue();
    const dueSeconds = (performance.now() - started) / 1000;

    const count = async (where: string) => Number((await knex.raw<{ rows: { n: string }[] }>(`SELECT count(*) AS n FROM callback_auto_attempts WHERE ${where}`)).rows[0]!.n);
    await until(async () => (await count(`state IN ('queued', 'sending')`)) === 0, CALLBACKS / RATE * 1000 * 3 + 60_000);
    await until(() => smsc.stats().repliesPending === 0, (REPLY_S + 30) * 1000);
    const acked = () => smsc.stats().repliesAcked;
    await until(async () => (await count(`reply_effect = 'outcome'`)) >= acked() && (await count('delivery IS NOT NULL')) >= smsc.stats().receiptsAcked, 60_000);

    const s = smsc.stats();
    const sent = await count(`state = 'sent'`);
    const matched = await count(`reply_effect = 'outcome'`);
    const closed = Number((await knex.raw<{ rows: { n: string }[] }>(`SELECT count(*) AS n FROM callbacks WHERE outcome = 'satisfied' AND answered_via = 'sms'`)).rows[0]!.n);
    const duplicated = [...s.perNumber.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const notSent = CALLBACKS - s.perNumber.size;
    process.stdout.write(`${JSON.stringify({
      callbacks: CALLBACKS,
      rate_limit: RATE,
      due_batch_s: Number(dueSeconds.toFixed(1)),
      sent,
      sent_per_s: Math.round(s.perNumber.size / Math.max((s.lastAt - s.firstAt) / 1000, 0.001)),
      max_per_s: Math.max(...s.perSecond.values()),
      replies: s.repliesAcked,
      matched,
      closed_by_sms: closed,
      receipts_matched: await count('delivery IS NOT NULL'),
      lost: notSent + Math.max(0, s.repliesAcked - matched),
      duplicated,
      raw_submit_per_s: raw,
    })}\n`);
    await dispatch.stop();
    await services.close();
    await db.close();
  } finally {
    await smsc.close();
    await bench.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sms failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
