/**
 * npm run bench:tmf621 — an OSS creating fault tickets through TMF621 with a hub subscriber
 * listening: creates per second against `POST /api/tickets` measured in the same run, and the
 * latency from commit to the listener receiving `TroubleTicketCreateEvent`. One JSON line on stdout.
 *
 *   BENCH_SECONDS (15)       length of each measured run
 *   BENCH_CONNECTIONS (50)   autocannon connections
 *   BENCH_PHONES (20000)     distinct customers
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { hashPassword } from '../server/auth/passwords';
import { startServer, type Server } from './lib/child';
import { createBenchDatabase } from './lib/database';
import { intakeLoad } from './lib/load';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!);

async function call(port: number, method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

function faultTicket(phonePool: number): string {
  const n = crypto.randomInt(phonePool);
  return JSON.stringify({
    '@type': 'TroubleTicket', description: `OLT-${n % 97} 下挂用户宽带中断`, severity: n % 10 === 0 ? 'Critical' : 'Minor', ticketType: 'incident',
    externalIdentifier: [{ owner: 'OSS-BENCH', id: crypto.randomUUID() }],
    relatedParty: [{ role: 'customer', partyOrPartyRole: { '@type': 'PartyRef', id: `139${String(n).padStart(8, '0')}`, name: '李女士' } }],
  });
}

async function main(): Promise<void> {
  const seconds = setting('BENCH_SECONDS', 15);
  const connections = setting('BENCH_CONNECTIONS', 50);
  const phonePool = setting('BENCH_PHONES', 20_000);
  const db = await createBenchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-bench-'));
  const servers: Server[] = [];
  // the subscriber: a real HTTP listener; latency = receipt - the ticket's creationDate (set in its transaction)
  const latencies: number[] = [];
  const seen = new Set<string>();
  const listener = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const event = JSON.parse(Buffer.concat(chunks).toString()) as { event: { troubleTicket: { id: string; creationDate: string } } };
      const ticket = event.event.troubleTicket;
      if (!seen.has(ticket.id)) {
        seen.add(ticket.id);
        latencies.push(at - Date.parse(ticket.creationDate));
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  try {
    const now = new Date();
    const [unit] = await db.knex('units').insert({ code: 'BENCH', name: '大连市分公司', path: '/', area: 'city', created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
    await db.knex('units').where({ id: unit!.id }).update({ path: `/${unit!.id}/` });
    const password = crypto.randomBytes(12).toString('hex');
    const hash = await hashPassword(password);
    await db.knex('users').insert([
      { username: 'bench_admin', name: '管理员', role: 'admin', unit_id: null, password_hash: hash, active: true, created_at: now, updated_at: now },
      { username: 'bench_agent', name: '话务员', role: 'agent', unit_id: unit!.id, password_hash: hash, active: true, created_at: now, updated_at: now },
    ]);
    const app = await startServer('server/main.ts', { DATABASE_URL: db.url, LOOPDESK_LOG_LEVEL: 'warn', LOOPDESK_ADMIN_PASSWORD: password, LOOPDESK_DATA_DIR: dataDir }, '/readyz');
    servers.push(app);
    const login = async (username: string) => (await call(app.port, 'POST', '/api/auth/login', { username, password })).token as string;
    const admin = await login('bench_admin');
    const client = await call(app.port, 'POST', '/api/clients', { name: 'OSS bench', scopes: ['tmf621.read', 'tmf621.write', 'tmf621.hub'], unit_ids: [unit!.id] }, { authorization: `Bearer ${admin}` });
    const token = (await call(app.port, 'POST', '/oauth/token', { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret })).access_token as string;
    const { port } = listener.address() as AddressInfo;
    await call(app.port, 'POST', '/tmf-api/troubleTicket/v5/hub', { callback: `http://127.0.0.1:${port}/oss`, query: 'eventType=TroubleTicketCreateEvent' }, { authorization: `Bearer ${token}` });
    log(`app pid ${app.pid} on :${app.port}; ${connections} connections, ${seconds} s per run`);

    const tmf = await autocannon({
      url: `http://127.0.0.1:${app.port}`, connections, duration: seconds,
      requests: [{ method: 'POST', path: '/tmf-api/troubleTicket/v5/troubleTicket', setupRequest: (r) => ({ ...r, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: faultTicket(phonePool) }) }],
    });
    const created = Number((await db.knex('tickets').count<{ count: string }[]>({ count: '*' }))[0]!.count);
    log(`TMF621: ${tmf['2xx']} created (${tmf.non2xx} non-2xx, ${tmf.errors} errors); waiting for the listener`);
    const deadline = Date.now() + 60_000;
    while (seen.size < created && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const reference = await intakeLoad({ port: app.port, connections, seconds, token: await login('bench_agent'), phonePool });
    const sorted = [...latencies].sort((a, b) => a - b);
    const tmfPerSecond = Math.round(tmf.requests.total / (tmf.duration || seconds));
    process.stdout.write(`${JSON.stringify({
      connections, seconds,
      tmf_creates_per_s: tmfPerSecond, tmf_p99_ms: tmf.latency.p99, tmf_non2xx: tmf.non2xx + tmf.errors + tmf.timeouts,
      api_creates_per_s: reference.perSecond, api_p99_ms: reference.p99Ms,
      ratio: reference.perSecond > 0 ? Math.round((tmfPerSecond / reference.perSecond) * 100) / 100 : null,
      events_expected: created, events_received: seen.size, lost: created - seen.size,
      commit_to_listener_p50_ms: percentile(sorted, 0.5), commit_to_listener_p99_ms: percentile(sorted, 0.99), commit_to_listener_max_ms: sorted[sorted.length - 1] ?? null,
    })}\n`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    listener.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
