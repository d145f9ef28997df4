import crypto from 'node:crypto';
import type { Knex } from 'knex';

/**
 * The desk's key-value settings (`settings`): secrets and identities made once per desk, and small
 * admin values. The one place that reads and writes the table.
 */
export const settingsStore = {
  get: async (db: Knex, key: string): Promise<string | undefined> =>
    (await db('settings').where({ key }).first<{ value: string } | undefined>('value'))?.value,

  put: async (trx: Knex, key: string, value: string): Promise<void> => {
    await trx('settings').insert({ key, value }).onConflict('key').merge();
  },

  /**
   * The value, made the first time it is asked for: a random hex secret of `bytes` bytes. Every
   * process and restart of one desk gets the same one (the first insert wins).
   */
  async once(db: Knex, key: string, bytes: number): Promise<string> {
    await db('settings').insert({ key, value: crypto.randomBytes(bytes).toString('hex') }).onConflict('key').ignore();
    return (await db('settings').where({ key }).first<{ value: string }>('value'))!.value;
  },
};
