import type { Knex } from 'knex';

/**
 * Parked mail (deliveries the server refused) is listed and retried one by one from the console:
 * each delivery gets a number of its own, and the list walks only the parked rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE mail_deliveries ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
    ALTER TABLE mail_deliveries ADD CONSTRAINT mail_deliveries_id_key UNIQUE (id);
    CREATE INDEX mail_deliveries_parked_idx ON mail_deliveries (id DESC) WHERE status = 'failed';
  `);
}

