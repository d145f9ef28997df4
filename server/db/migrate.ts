import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

/** Loads the TypeScript migrations directly (tsx in production, swc under jest): no build step. */
const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((file) => /^\d+_.+\.ts$/.test(file))
      .sort();
  },
  getMigrationName: (name) => name,
  async getMigration(name) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(MIGRATIONS_DIR, name)) as MigrationModule;
    return { up: mod.up, down: mod.down ?? (async () => { throw new Error('migrations are forward-only'); }) };
  },
};

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}
