import { ConfigError, loadConfig } from '../config';
import { openDatabase } from './knex';
import { migrateLatest } from './migrate';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function run(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateLatest(db.knex);
    process.stdout.write(applied.length ? `applied ${applied.length}: ${applied.join(', ')}\n` : 'already up to date\n');
  } finally {
    await db.close();
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`loopdesk migrate: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
