/**
 * npm run bench:intake — how fast the real app accepts complaints, against the floor of this
 * machine measured in the same run. Prints exactly one JSON line on stdout; progress goes to stderr.
 *
 *   BENCH_SECONDS (20)        length of each measured run
 *   BENCH_CONNECTIONS (50)    autocannon connections
 *   BENCH_RATE (500)          requests per second of the fixed-rate runs
 *   BENCH_WARMUP_SECONDS (3)  unmeasured load on each server first (JIT, pools)
 *   BENCH_PHONES (20000)      distinct callers: the first call registers, later ones find them
 *   BENCH_POOL_MAX (10)       PostgreSQL connections of each server (the app's DATABASE_POOL_MAX)
 *   BENCH_CPU_PROF=<dir>      write V8 CPU profiles of both servers there
 *   BENCH_BEFORE (aacefd1^)   also measure the desk as it was at this git revision (default: the
 *                             commit before the transactional outbox), on a database of its own;
 *                             `none` skips it. Needs the git repository (git archive).
 * `--seconds N` overrides BENCH_SECONDS.
 */
import { execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../server/auth/passwords';
import type { Knex } from 'knex';
import { createBenchDatabase, type BenchDatabase } from './lib/database';
import { startServer, type Server } from './lib/child';
import { databaseCpu, processCpu } from './lib/cpu';
import { intakeLoad, type LoadResult } from './lib/load';

function setting(name: string, fallback: number): number {
  const flag = process.argv.indexOf(`--${name.replace(/^BENCH_/, '').toLowerCase().replace(/_/g, '-')}`);
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function login(port: number, username: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

type Run = LoadResult & { nodeUs: number; pgUs: number };
const summary = (r: Run) =>
  `${r.perSecond}/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms (2xx ${r.ok2xx}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; CPU/request node ${r.nodeUs} µs, PostgreSQL ${r.pgUs} µs)`;
const failures = (...runs: LoadResult[]) => runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);

const ROOT = path.resolve(__dirname, '..');

/** The app's tree at `ref` in a temporary directory, sharing this checkout's node_modules. */
function treeAt(ref: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-bench-before-'));
  execSync(`git archive --format=tar ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function seedAgent(knex: Knex, password: string): Promise<void> {
  const now = new Date();
  const [unit] = await knex('units').insert({ code: 'BENCH', name: '大连市分公司', path: '/', area: 'city', created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
  await knex('units').where({ id: unit!.id }).update({ path: `/${unit!.id}/` });
  await knex('users').insert({ username: 'bench_agent', name: '话务员', role: 'agent', unit_id: unit!.id, password_hash: await hashPassword(password), active: true, created_at: now, updated_at: now });
}

async function main(): Promise<void> {
  const seconds = setting('BENCH_SECONDS', 20);
  const connections = setting('BENCH_CONNECTIONS', 50);
  const rate = setting('BENCH_RATE', 500);
  const warmup = setting('BENCH_WARMUP_SECONDS', 3);
  const phonePool = setting('BENCH_PHONES', 20_000);
  const poolMax = setting('BENCH_POOL_MAX', 10);

  const beforeRef = process.env.BENCH_BEFORE ?? 'aacefd1^';
  const db = await createBenchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-bench-'));
  log(`database ${db.name} migrated`);
  const servers: Server[] = [];
  let beforeDb: BenchDatabase | null = null;
  let beforeTree: string | null = null;
  try {
    const password = crypto.randomBytes(12).toString('hex');
    await seedAgent(db.knex, password);

    // The app is server/main.ts itself, as `npm start` runs it: whatever main.ts wires (scheduler,
    // realtime, mail, participants) is in the measured request path and in the RSS.
    const env = {
      DATABASE_URL: db.url, DATABASE_POOL_MAX: String(poolMax), LOOPDESK_LOG_LEVEL: 'warn',
      LOOPDESK_ADMIN_PASSWORD: password, LOOPDESK_DATA_DIR: dataDir,
    };
    const app = await startServer('server/main.ts', env, '/readyz');
    servers.push(app);
    const floor = await startServer('bench/floor-server.ts', env, '/readyz');
    servers.push(floor);
    const token = await login(app.port, 'bench_agent', password);
    // the same desk before the outbox, on a database its own migrations make
    let before: { server: Server; token: string } | null = null;
    if (beforeRef !== 'none') {
      beforeTree = treeAt(beforeRef);
      beforeDb = await createBenchDatabase({ suffix: 'before' });
      const server = await startServer(path.join(beforeTree, 'server', 'main.ts'), { ...env, DATABASE_URL: beforeDb.url }, '/readyz');
      servers.push(server);
      await seedAgent(beforeDb.knex, password);
      before = { server, token: await login(server.port, 'bench_agent', password) };
      log(`before (${beforeRef}) pid ${server.pid} on :${server.port}`);
    }
    log(`app pid ${app.pid} on :${app.port}, floor pid ${floor.pid} on :${floor.port}; ${connections} connections, ${seconds} s per run`);

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, app.rss().rssMb)), 250);
    // CPU per request of the server's process and of its PostgreSQL backends: on a shared 2-core
    // machine this is steadier than the rates, and it says where the time goes.
    const load = async (server: Server, withToken: boolean | string, secs: number, overallRate?: number, database = db.name): Promise<Run> => {
      const node0 = processCpu(server.pid);
      const pg0 = databaseCpu(database);
      const result = await intakeLoad({ port: server.port, connections, seconds: secs, overallRate, token: withToken === false ? undefined : withToken === true ? token : withToken, phonePool });
      const perRequest = (seconds: number) => Math.round((seconds / Math.max(result.requests, 1)) * 1e6);
      return { ...result, nodeUs: perRequest(processCpu(server.pid) - node0), pgUs: perRequest(databaseCpu(database) - pg0) };
    };

    const appWarm = await load(app, true, warmup);
    const floorWarm = await load(floor, false, warmup);
    log(`warm-up app ${summary(appWarm)}; floor ${summary(floorWarm)}`);
    const appMax = await load(app, true, seconds);
    log(`app   max   ${summary(appMax)}`);
    const floorMax = await load(floor, false, seconds);
    log(`floor max   ${summary(floorMax)}`);
    const appFixed = await load(app, true, seconds, rate);
    log(`app   ${rate}/s ${summary(appFixed)}`);
    const floorFixed = await load(floor, false, seconds, rate);
    log(`floor ${rate}/s ${summary(floorFixed)}`);
    let beforeLine: Record<string, unknown> | null = null;
    if (before && beforeDb) {
      const dbName = beforeDb.name;
      const warm = await load(before.server, before.token, warmup, undefined, dbName);
      const max = await load(before.server, before.token, seconds, undefined, dbName);
      log(`before max   ${summary(max)}`);
      const fixed = await load(before.server, before.token, seconds, rate, dbName);
      log(`before ${rate}/s ${summary(fixed)}`);
      beforeLine = {
        ref: beforeRef, tickets_per_s: max.perSecond, p99_ms: max.p99Ms, fixed_rate_p99_ms: fixed.p99Ms, fixed_rate_per_s: fixed.perSecond,
        cpu_us_per_ticket: { node: max.nodeUs, postgres: max.pgUs }, errors: failures(warm, max, fixed),
      };
    }
    clearInterval(sampler);
    const { rssMb, peakMb } = app.rss();

    // Every ticket the app wrote must carry its `accepted` timeline event, written in the same statement.
    const [counts] = (await db.knex.raw<{ rows: { tickets: number; accepted: number; missing: number }[] }>(`
      SELECT (SELECT count(*) FROM tickets)::int AS tickets,
             (SELECT count(*) FROM ticket_events WHERE type = 'accepted')::int AS accepted,
             (SELECT count(*) FROM tickets t WHERE NOT EXISTS
                (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'accepted'))::int AS missing`)).rows;
    const appRuns = [appWarm, appMax, appFixed];
    const created = appRuns.reduce((n, r) => n + r.ok2xx, 0);

    const line = {
      tickets_per_s: appMax.perSecond,
      floor_per_s: floorMax.perSecond,
      ratio: Number((appMax.perSecond / floorMax.perSecond).toFixed(2)),
      p99_ms: appMax.p99Ms,
      floor_p99_ms: floorMax.p99Ms,
      fixed_rate_p99_ms: appFixed.p99Ms,
      floor_fixed_rate_p99_ms: floorFixed.p99Ms,
      fixed_rate_per_s: appFixed.perSecond,
      cpu_us_per_ticket: { node: appMax.nodeUs, postgres: appMax.pgUs },
      floor_cpu_us_per_request: { node: floorMax.nodeUs, postgres: floorMax.pgUs },
      rss_mb: Math.round(Math.max(peakRss, peakMb)),
      rss_end_mb: Math.round(rssMb),
      rss_source: 'server/main.ts child process: peak of VmRSS samples and VmHWM from /proc',
      errors: failures(...appRuns),
      floor_errors: failures(floorWarm, floorMax, floorFixed),
      tickets_2xx: created,
      tickets_rows: counts!.tickets,
      accepted_events: counts!.accepted,
      timeline_events_ok: counts!.missing === 0 && counts!.accepted === counts!.tickets && counts!.tickets >= created,
      // the desk before the transactional outbox, measured in this run: what the outbox costs
      before_outbox: beforeLine,
      outbox_throughput_ratio: beforeLine ? Number((appMax.perSecond / (beforeLine.tickets_per_s as number)).toFixed(2)) : null,
      seconds,
      connections,
      rate,
      pool_max: poolMax,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (beforeTree) fs.rmSync(beforeTree, { recursive: true, force: true });
    await beforeDb?.drop();
    await db.drop();
    log(`database ${db.name} dropped`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
