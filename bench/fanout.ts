/**
 * npm run bench:fanout — realtime fan-out of the real app against a bare socket.io server, both
 * measured in the same run with the same clients. Prints one JSON line on stdout:
 *   {clients, events, delivered, p50_ms, p99_ms, raw_p99_ms, ratio, …}
 * Latency is from the moment the change is sent (the API request; for the bare server its /emit
 * request) to the moment a console socket receives the event. Target: every event delivered,
 * p99 ≤ 100 ms.
 *
 *   BENCH_CLIENTS (500)   console sockets (a mix of see-all roles and handlers of the unit)
 *   BENCH_RATE (20)       ticket updates per second through the API
 *   BENCH_SECONDS (15)    length of each measured run
 *   BENCH_UPDATE (comment) comment: POST /comments (a timeline row, ticket.updated);
 *                          dispatch: a re-dispatch between two teams (every domain takes part)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { hashPassword } from '../server/auth/passwords';
import { startServer, type Server } from './lib/child';
import { createBenchDatabase } from './lib/database';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/** Every latency a socket observed, keyed by what identifies one change. */
class Receiver {
  readonly sentAt = new Map<string, number>();
  readonly latencies: number[] = [];
  delivered = 0;
  hear(key: string): void {
    const sent = this.sentAt.get(key);
    if (sent === undefined) return;
    this.delivered += 1;
    this.latencies.push(performance.now() - sent);
  }
}

async function openSockets(url: string, tokens: string[], count: number, onEvent: (payload: Record<string, unknown>) => void): Promise<Socket[]> {
  const sockets: Socket[] = [];
  // In batches: 500 handshakes at once would measure the accept queue, not the fan-out.
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_v, j) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(url, { auth: { token: tokens[(i + j) % tokens.length] }, transports: ['websocket'], reconnection: false, forceNew: true });
          socket.on('ticket.updated', onEvent);
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
      ),
    );
    sockets.push(...batch);
  }
  return sockets;
}

async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Fires `send(i)` `rate` times a second for `seconds`, on a fixed schedule (not back to back). */
async function atRate(rate: number, seconds: number, send: (i: number) => Promise<void>): Promise<number> {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(send(i));
  }
  await Promise.all(inflight);
  return total;
}

async function main(): Promise<void> {
  const clients = setting('BENCH_CLIENTS', 500);
  const rate = setting('BENCH_RATE', 20);
  const seconds = setting('BENCH_SECONDS', 15);
  const update = process.env.BENCH_UPDATE === 'dispatch' ? 'dispatch' : 'comment';
  const db = await createBenchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-fanout-'));
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  try {
    // A city unit with two teams below it: updates move tickets between the teams, so handlers of
    // the city unit hear them through the unit path, the see-all roles through their role rooms.
    const now = new Date();
    const unit = async (code: string, parent: { id: number; path: string } | null) => {
      const [row] = await db.knex('units').insert({ code, name: code, parent_id: parent?.id ?? null, path: '/', area: 'city', created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
      const unitPath = `${parent?.path ?? '/'}${row!.id}/`;
      await db.knex('units').where({ id: row!.id }).update({ path: unitPath });
      return { id: row!.id, path: unitPath };
    };
    const city = await unit('CITY', null);
    const teams = [await unit('TEAM-A', city), await unit('TEAM-B', city)];
    const password = crypto.randomBytes(12).toString('hex');
    const hash = await hashPassword(password);
    const people = [
      ['bench_agent', 'agent', city.id], ['bench_super', 'supervisor', city.id], ['bench_manager', 'manager', city.id],
      ['bench_head', 'unit_head', city.id], ['bench_handler', 'handler', city.id],
    ] as const;
    for (const [username, role, unitId] of people) {
      await db.knex('users').insert({ username, name: username, role, unit_id: unitId, password_hash: hash, active: true, created_at: now, updated_at: now });
    }

    const app = await startServer('server/main.ts', {
      DATABASE_URL: db.url, LOOPDESK_LOG_LEVEL: 'warn', LOOPDESK_ADMIN_PASSWORD: password, LOOPDESK_DATA_DIR: dataDir, LOOPDESK_LOGIN_RATE_LIMIT: '1000',
    }, '/readyz');
    servers.push(app);
    const raw = await startServer('bench/fanout-raw-server.ts', {}, '/readyz');
    servers.push(raw);
    const base = `http://127.0.0.1:${app.port}`;
    const tokens = await Promise.all(people.map(([username]) => login(base, username, password)));
    const agentToken = tokens[0]!;
    log(`app :${app.port}, bare socket.io :${raw.port}; ${clients} clients, ${rate} updates/s for ${seconds} s each`);

    // Tickets to update, dispatched to the first team; each update moves one to the other team.
    const tickets: { id: number; version: number; team: number }[] = [];
    for (let i = 0; i < 40; i += 1) {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` };
      const created = (await (await fetch(`${base}/api/tickets`, {
        method: 'POST', headers,
        body: JSON.stringify({ type: 'complaint', category: 'billing', description: `用户反映话费异常 ${i}`, customer: { phone: `1390000${String(i).padStart(4, '0')}`, name: '王先生' } }),
      })).json()) as { id: number };
      const dispatched = (await (await fetch(`${base}/api/tickets/${created.id}/dispatch`, {
        method: 'POST', headers: { ...headers, 'if-match': '1' }, body: JSON.stringify({ unit_id: teams[0]!.id }),
      })).json()) as { id: number; version: number };
      tickets.push({ id: dispatched.id, version: dispatched.version, team: 0 });
    }

    // The app: the real API, the real bus and bridge, rooms decided per socket.
    const appRx = new Receiver();
    let sample: Record<string, unknown> | undefined;
    // One update per ticket at a time, so the ticket id (and version) names the change a socket hears.
    const keyOf = (t: { id: number; version: number }) => (update === 'dispatch' ? `${t.id}:${t.version}` : String(t.id));
    sockets.push(...(await openSockets(base, tokens.slice(1), clients, (payload) => {
      const t = payload.ticket as { id: number; version: number };
      sample ??= payload;
      appRx.hear(keyOf(t));
    })));
    await sleep(500);
    // A ticket still being updated is not picked again (that would be a 409, not an update).
    const idle = [...tickets];
    const events = await atRate(rate, seconds, async () => {
      const ticket = idle.shift();
      if (!ticket) throw new Error(`all ${tickets.length} tickets are still being updated: the app is not keeping up with ${rate}/s`);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` };
      if (update === 'comment') {
        appRx.sentAt.set(keyOf(ticket), performance.now());
        const res = await fetch(`${base}/api/tickets/${ticket.id}/comments`, { method: 'POST', headers, body: JSON.stringify({ body: '已联系用户，正在核实' }) });
        if (res.status !== 201) throw new Error(`comment answered ${res.status}: ${await res.text()}`);
      } else {
        const next = 1 - ticket.team;
        appRx.sentAt.set(keyOf({ id: ticket.id, version: ticket.version + 1 }), performance.now());
        const res = await fetch(`${base}/api/tickets/${ticket.id}/dispatch`, {
          method: 'POST', headers: { ...headers, 'if-match': String(ticket.version) }, body: JSON.stringify({ unit_id: teams[next]!.id }),
        });
        if (res.status !== 200) throw new Error(`dispatch answered ${res.status}: ${await res.text()}`);
        ticket.version = ((await res.json()) as { version: number }).version;
        ticket.team = next;
      }
      idle.push(ticket);
    });
    await sleep(2000);
    for (const s of sockets.splice(0)) s.close();

    // The floor: the same clients on a bare socket.io server, the same payload, the same rate.
    const rawRx = new Receiver();
    sockets.push(...(await openSockets(`http://127.0.0.1:${raw.port}`, tokens, clients, (payload) => rawRx.hear(String(payload.seq)))));
    await sleep(500);
    await atRate(rate, seconds, async (i) => {
      rawRx.sentAt.set(String(i), performance.now());
      const res = await fetch(`http://127.0.0.1:${raw.port}/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...sample, seq: i }) });
      if (res.status !== 204) throw new Error(`emit answered ${res.status}`);
    });
    await sleep(2000);

    const appSorted = appRx.latencies.sort((a, b) => a - b);
    const rawSorted = rawRx.latencies.sort((a, b) => a - b);
    const p99 = percentile(appSorted, 99);
    const rawP99 = percentile(rawSorted, 99);
    log(`app: ${appRx.delivered}/${events * clients} delivered; bare: ${rawRx.delivered}/${events * clients}`);
    process.stdout.write(`${JSON.stringify({
      clients, events, delivered: appRx.delivered, expected: events * clients,
      p50_ms: percentile(appSorted, 50), p99_ms: p99, max_ms: percentile(appSorted, 100),
      raw_delivered: rawRx.delivered, raw_p50_ms: percentile(rawSorted, 50), raw_p99_ms: rawP99,
      ratio: Math.round((p99 / rawP99) * 100) / 100, rate, seconds, update,
    })}\n`);
  } finally {
    for (const s of sockets) s.close();
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:fanout failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
