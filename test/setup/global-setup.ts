import knexFactory from 'knex';
import { migrateLatest } from '../../server/db/migrate';
import { TEMPLATE_DB, adminKnex, databaseUrl } from './db';

/** Migrates a template database once; every test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const admin = adminKnex();
  try {
    const stale = await admin.raw<{ rows: { datname: string }[] }>(`SELECT datname FROM pg_database WHERE datname LIKE 'loopdesk_test_%'`);
    for (const { datname } of stale.rows) await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.destroy();
  }
  const template = knexFactory({ client: 'pg', connection: databaseUrl(TEMPLATE_DB), pool: { min: 0, max: 1 } });
  try {
    await migrateLatest(template);
  } finally {
    await template.destroy();
  }
}
