import knexFactory from 'knex';
import { migrateLatest } from '../../server/db/migrate';
import { TEMPLATE_DB, adminKnex, databaseUrl } from './db';

/** Migrates a template database once; every test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const admin = adminKnex();
  try {
    // Leftovers of runs whose process died; databases of live runs (another jest) are kept.
    const existing = await admin.raw<{ rows: { datname: string }[] }>(`SELECT datname FROM pg_database WHERE datname ~ '^loopdesk_(test|tpl)_[0-9]+'`);
    for (const { datname } of existing.rows) {
      const pid = Number(/^loopdesk_(?:test|tpl)_(\d+)/.exec(datname)![1]);
      if (!isAlive(pid)) await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${TEMPLATE_DB}`);
    process.env.LOOPDESK_TEST_TEMPLATE = TEMPLATE_DB;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
