import type { Knex } from 'knex';

/**
 * A ticket can be cancelled (TMF621 DELETE, or the requester withdrawing): it closes with
 * close_reason `cancelled` and a cancel reason; the desk keeps every ticket.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_close_reason_check;
    ALTER TABLE tickets ADD CONSTRAINT tickets_close_reason_check CHECK (close_reason IN ('satisfied', 'unreachable', 'no_callback', 'merged', 'cancelled'));
    ALTER TABLE tickets ADD COLUMN cancel_reason text CHECK (cancel_reason IN ('withdrawn', 'rejected', 'duplicate'));
  `);
}
