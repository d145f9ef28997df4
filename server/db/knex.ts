import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

// Ids and counts are bigint in PostgreSQL; ours stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export interface Database {
  knex: Knex;
  /** `embedded` is PGlite: one connection, so transactions run one after another. */
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolMax?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
    return { knex, kind: 'postgres', close: () => knex.destroy() };
  }
  return openEmbedded(path.join(options.dataDir, 'pglite'));
}

async function openEmbedded(dir: string): Promise<Database> {
  fs.mkdirSync(dir, { recursive: true });
  const releaseLock = lockDirectory(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  // PGlite's defaults size its buffers for a server: 128 MB of shared buffers inside the WASM heap
  // alone. A desk that runs without a database server is a small one; these keep its idle RSS
  // ~165 MB lower (655 → 490 MB measured with the migrations applied).
  const pglite = await PGlite.create(dir, { postgresqlconf: ['shared_buffers = 16MB', 'work_mem = 4MB', 'maintenance_work_mem = 16MB', 'wal_buffers = 1MB', 'temp_buffers = 2MB'] });
  const knex = knexFactory({
    client: 'pg',
    // The node-postgres link hands pg a connection object that talks to PGlite in-process.
    connection: () => createPgConfig(pglite) as unknown as Knex.PgConnectionConfig,
    pool: { min: 1, max: 1 },
    acquireConnectionTimeout: 60_000,
  });
  return {
    knex,
    kind: 'embedded',
    async close() {
      await knex.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

/** PGlite cannot share its directory between processes; refuse a second opener instead of corrupting it. */
function lockDirectory(dir: string): () => void {
  const lockFile = path.join(dir, '..', 'loopdesk.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(`the embedded database in ${dir} is in use by process ${holder}`);
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
