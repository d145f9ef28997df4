import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';

/** The PostgreSQL server tests use; CI and the dev machine run one on 127.0.0.1:5432 with trust auth. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One template per jest run (set by global setup), so parallel runs on one server never collide. */
export const TEMPLATE_DB = process.env.LOOPDESK_TEST_TEMPLATE ?? `loopdesk_tpl_${process.pid}`;

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function adminKnex(): Knex {
  return knexFactory({ client: 'pg', connection: TEST_SERVER_URL, pool: { min: 0, max: 1 } });
}

/** A fresh database cloned from the migrated template: each test file owns its data. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `loopdesk_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`; // the pid lets global setup sweep leftovers of dead runs
  const admin = adminKnex();
  try {
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.destroy();
  }
  return {
    url: databaseUrl(name),
    drop: async () => {
      const a = adminKnex();
      try {
        await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.destroy();
      }
    },
  };
}
