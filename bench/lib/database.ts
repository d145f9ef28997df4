import knexFactory, { type Knex } from 'knex';
import { migrateLatest } from '../../server/db/migrate';

/** The local PostgreSQL the bench uses (trust auth, like the tests); BENCH_DATABASE_SERVER overrides it. */
const SERVER_URL = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  knex: Knex;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: SERVER_URL, pool: { min: 0, max: 1 } });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

/**
 * A database of its own, migrated with the app's migrations, plus the floor server's plain table.
 * `empty`: named `loopdesk_bench_<pid>_<suffix>` and left empty, for a server of another version
 * that migrates it itself.
 */
export async function createBenchDatabase(empty?: { suffix: string }): Promise<BenchDatabase> {
  const name = empty ? `loopdesk_bench_${process.pid}_${empty.suffix}` : `loopdesk_bench_${process.pid}`;
  await withAdmin(async (admin) => {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${name}`);
  });
  const url = urlFor(name);
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  const drop = async () => {
    await knex.destroy();
    await withAdmin((admin) => admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  if (empty) return { name, url, knex, drop };
  await migrateLatest(knex);
  // The floor stores the same payload with no constraints, lookups or timeline: one plain row.
  await knex.raw(`
    CREATE TABLE floor_tickets (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      category text,
      channel text NOT NULL,
      priority text NOT NULL,
      description text NOT NULL,
      phone text NOT NULL,
      customer_name text,
      area text,
      idempotency_key text,
      created_at timestamptz NOT NULL
    )`);
  return { name, url, knex, drop };
}
