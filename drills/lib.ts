/**
 * What the fault drills share: a database of their own, the desk as `npm start` runs it in a
 * child process on a fixed port (so it can be killed and started again where consoles reconnect),
 * a small operator seeded straight into PostgreSQL, and the one JSON line each drill prints.
 * Drills only talk to 127.0.0.1 and stop by themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { io as connect, type Socket } from 'socket.io-client';
import { hashPassword } from '../server/auth/passwords';
import { migrateLatest } from '../server/db/migrate';

const ROOT = path.resolve(__dirname, '..');
const SERVER_URL = process.env.DRILL_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const log = (message: string) => process.stderr.write(`drill: ${message}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface DrillDatabase {
  url: string;
  knex: Knex;
  drop(): Promise<void>;
}

/**
 * `loopdesk_drill_<name>_<pid>`, migrated; dropped at the end. Never the database the desk normally
 * uses. `server` is another PostgreSQL server to make it on (drill:postgres's own cluster).
 */
export async function createDrillDatabase(name: string, server = SERVER_URL): Promise<DrillDatabase> {
  const db = `loopdesk_drill_${name}_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
  await admin.raw(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.raw(`CREATE DATABASE ${db}`);
  await admin.destroy();
  const url = new URL(server);
  url.pathname = `/${db}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 4 } });
  await migrateLatest(knex);
  return {
    url: url.toString(),
    knex,
    async drop() {
      await knex.destroy();
      const a = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
      await a.raw(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await a.destroy();
    },
  };
}

export interface Operator {
  countyTeam: number;
  admin: string;
  agent: string;
  supervisor: string;
  /** the county head, owner of leadership cases dispatched below the county */
  headEmail: string;
}

/** A city, a county with a team under it and its head (with an address), an agent and a supervisor. */
export async function seedOperator(knex: Knex): Promise<Operator> {
  const hash = await hashPassword('drill-password');
  const now = new Date();
  const unit = async (code: string, name: string, parent: { id: number; path: string } | null, area: string) => {
    const [row] = await knex('units').insert({ code, name, parent_id: parent?.id ?? null, path: '/', area, created_at: now, updated_at: now }).returning(['id']);
    const unitPath = `${parent?.path ?? '/'}${row.id}/`;
    await knex('units').where({ id: row.id }).update({ path: unitPath });
    return { id: row.id as number, path: unitPath };
  };
  const city = await unit('DL', '大连市分公司', null, 'city');
  const county = await unit('DL-ZH', '庄河县分公司', city, 'county');
  const team = await unit('DL-ZH-1', '庄河装维班', county, 'county');
  const user = async (username: string, role: string, unitId: number) => {
    const [row] = await knex('users').insert({ username, name: username, role, unit_id: unitId, email: `${username}@drill.test`, password_hash: hash, created_at: now, updated_at: now }).returning(['id']);
    return row.id as number;
  };
  await user('admin1', 'admin', city.id);
  await user('agent1', 'agent', city.id);
  await user('super1', 'supervisor', city.id);
  const head = await user('head1', 'unit_head', county.id);
  await knex('units').where({ id: county.id }).update({ head_user_id: head });
  return { countyTeam: team.id, admin: 'admin1', agent: 'agent1', supervisor: 'super1', headEmail: 'head1@drill.test' };
}

/** The desk in a child process, as `npm start` runs it, on a port it keeps across restarts. */
export class Desk {
  private child: ChildProcess | null = null;
  readonly base: string;
  output = '';

  constructor(readonly port: number, private readonly env: Record<string, string>) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Starts it and resolves with the seconds until /readyz answered 200. */
  async start(): Promise<number> {
    const started = Date.now();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LOOPDESK_') && !['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PORT'].includes(key)));
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT, env: { ...clean, LOOPDESK_LOG_LEVEL: 'warn', ...this.env, PORT: String(this.port) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the desk exited with ${child.exitCode}:\n${this.output.slice(-2000)}`);
      if ((await fetch(`${this.base}/readyz`).then((r) => r.status, () => 0)) === 200) return (Date.now() - started) / 1000;
      if (Date.now() - started > 120_000) throw new Error('the desk was not ready within 120 s');
      await sleep(50);
    }
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (this.alive) await this.kill9();
  }

  async login(username: string): Promise<string> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'drill-password' }) });
    return ((await res.json()) as { token: string }).token;
  }

  /** One API call; `status` 0 when the desk did not answer (down, restarting). */
  async call(method: string, url: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    try {
      const res = await fetch(this.base + url, {
        method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    } catch {
      return { status: 0, body: {} };
    }
  }
}

/**
 * A supervisor's console: it reconnects by itself and, after each reconnect, asks to replay what
 * it missed after the last seq it heard (as the console does); counts reloads it was told to do.
 */
export function consoleOf(desk: Desk, token: string): { socket: Socket; heard: Map<string, Set<number>>; reloads: () => number } {
  const socket = connect(desk.base, { auth: { token }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000, forceNew: true });
  const heard = new Map<string, Set<number>>();
  let lastSeq: number | null = null;
  let reloads = 0;
  socket.onAny((type: string, payload: { seq?: number; ticket?: { id: number } }) => {
    if (typeof payload?.seq === 'number') lastSeq = Math.max(lastSeq ?? 0, payload.seq);
    if (payload?.ticket) {
      const ids = heard.get(type) ?? new Set<number>();
      ids.add(payload.ticket.id);
      heard.set(type, ids);
    }
  });
  let resumeFrom: number | null = null;
  socket.on('hello', (hello: { seq: number }) => {
    if (resumeFrom === null) {
      lastSeq ??= hello.seq;
      return;
    }
    const after = resumeFrom;
    resumeFrom = null;
    socket.emitWithAck('resume', { after_seq: after }).then((reply: { ok: boolean }) => {
      if (!reply.ok) reloads += 1;
    }, () => {
      reloads += 1;
    });
  });
  socket.on('disconnect', () => {
    resumeFrom = lastSeq;
  });
  return { socket, heard, reloads: () => reloads };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

export function tmpDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `loopdesk-drill-${name}-`));
}

/** The drill's one line on stdout. */
export function report(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
