/**
 * npm run bench:import — a customers CSV of 1 000 000 rows imported through
 * `POST /api/imports/customers` of the real server (server/main.ts, as `npm start` runs it),
 * against the floor measured in the same run: PostgreSQL's own `COPY … FROM STDIN` of the same
 * file into a plain table (no parsing in Node, no validation, no upsert). Prints one JSON line.
 *
 *   --rows N   (1000000) customers in the file
 *
 * The import's wall time covers the upload, the whole-file check, the upserts in committed
 * batches and the progress events; the server's peak RSS shows the memory stays bounded.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../server/auth/passwords';
import { createBenchDatabase } from './lib/database';
import { startServer, type Server } from './lib/child';

const TARGET_SECONDS = 120;
const log = (message: string) => process.stderr.write(`bench:import: ${message}\n`);

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** A file as an operator's CRM export would be: every column filled on most rows, some blanks. */
async function writeFile(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const tiers = ['standard', 'standard', 'standard', 'vip', 'big_customer'];
  out.write('phone,name,account_no,area,tier,email,unit_code\n');
  for (let i = 0; i < rows; i += 1) {
    const line = `1${String(3_800_000_000 + i)},客户${i},AC-${i},${i % 3 === 0 ? 'county' : 'city'},${tiers[i % 5]},${i % 4 === 0 ? `c${i}@example.test` : ''},${i % 2 === 0 ? 'BENCH' : ''}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return fs.statSync(file).size;
}

async function floorCopy(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE floor_customers (phone text, name text, account_no text, area text, tier text, email text, unit_code text)');
    const started = performance.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom('COPY floor_customers FROM STDIN WITH (FORMAT csv, HEADER true)')));
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

function upload(port: number, token: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method: 'POST', path: '/api/imports/customers',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Content-Length': fs.statSync(file).size },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

async function main(): Promise<void> {
  const rows = flag('rows', 1_000_000);
  const db = await createBenchDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-bench-import-'));
  let server: Server | undefined;
  try {
    const file = path.join(dir, 'customers.csv');
    const bytes = await writeFile(file, rows);
    log(`${rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB written`);
    const floorSeconds = await floorCopy(db.url, file);
    log(`floor: COPY of the same file in ${floorSeconds.toFixed(1)} s`);

    const now = new Date();
    const [unit] = await db.knex('units').insert({ code: 'BENCH', name: '大连市分公司', path: '/', area: 'city', created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
    await db.knex('units').where({ id: unit!.id }).update({ path: `/${unit!.id}/` });
    const password = crypto.randomBytes(12).toString('hex');
    await db.knex('users').insert({ username: 'bench_admin', name: '管理员', role: 'admin', password_hash: await hashPassword(password), active: true, created_at: now, updated_at: now });

    server = await startServer('server/main.ts', { DATABASE_URL: db.url, LOOPDESK_LOG_LEVEL: 'info', LOOPDESK_DATA_DIR: dir }, '/readyz');
    const login = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_admin', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const rssBefore = server.rss().rssMb;

    const started = performance.now();
    const res = await upload(server.port, token, file);
    const importSeconds = (performance.now() - started) / 1000;
    if (res.status !== 200) throw new Error(`the import answered ${res.status}: ${res.body.slice(0, 500)}`);
    const result = JSON.parse(res.body) as { created: number; rows: number };
    const stored = Number((await db.knex('customers').count<{ count: string }[]>('* as count'))[0]!.count);
    const progressEvents = Number((await db.knex('outbox_events').where({ type: 'import.progress' }).count<{ count: string }[]>('* as count'))[0]!.count);
    log(`import: ${importSeconds.toFixed(1)} s, ${stored} customers stored, ${progressEvents} progress events`);

    const replayStarted = performance.now();
    const replay = await upload(server.port, token, file);
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    const { peakMb } = server.rss();

    process.stdout.write(`${JSON.stringify({
      bench: 'import',
      rows,
      file_mb: Number((bytes / 1024 / 1024).toFixed(1)),
      import_seconds: Number(importSeconds.toFixed(1)),
      rows_per_second: Math.round(rows / importSeconds),
      floor_copy_seconds: Number(floorSeconds.toFixed(1)),
      vs_floor: Number((importSeconds / floorSeconds).toFixed(1)),
      created: result.created,
      stored,
      progress_events: progressEvents,
      replay_seconds: Number(replaySeconds.toFixed(2)),
      replayed: (JSON.parse(replay.body) as { replayed?: boolean }).replayed === true,
      server_rss_mb_before: Math.round(rssBefore),
      server_rss_mb_peak: Math.round(peakMb),
      target_seconds: TARGET_SECONDS,
      within_target: importSeconds <= TARGET_SECONDS && stored === rows,
    })}\n`);
  } finally {
    await server?.stop();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:import failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
