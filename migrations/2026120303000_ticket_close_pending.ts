import type { Knex } from 'knex';

/**
 * A leadership case whose callback (or resolution without callback) would close it while the
 * owner's duties are missing stays resolved with the close reason waiting here; the owner's last
 * duty closes it. Read by primary key only (the ticket being changed): no index needed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets ADD COLUMN close_pending_reason text
      CHECK (close_pending_reason IN ('satisfied', 'unreachable', 'no_callback'));
    ALTER TABLE tickets ADD CONSTRAINT tickets_close_pending_resolved
      CHECK (close_pending_reason IS NULL OR status = 'resolved');
  `);
}

