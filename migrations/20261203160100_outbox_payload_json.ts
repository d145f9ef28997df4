import type { Knex } from 'knex';

/**
 * The outbox payload is written once and read back whole, never queried inside: `json` keeps the
 * text as sent, where `jsonb` built a binary tree of every event on write (a fired batch of 500 SLA
 * breaches spent more in that conversion than in its own timer updates) and printed it back on read.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE outbox_events ALTER COLUMN payload TYPE json USING payload::json`);
}
