import type { Knex } from 'knex';

/**
 * The monthly report's reconnection figures (issue 17): restored reconnections and how many of them
 * met the 24 h and the 2 h target, as additive sums of the rollup. Months that already hold
 * resolved reconnections are marked for recount.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE report_unit_months
      ADD COLUMN reconnections_restored integer NOT NULL DEFAULT 0,
      ADD COLUMN reconnect_24h_on_time integer NOT NULL DEFAULT 0,
      ADD COLUMN reconnect_2h_on_time integer NOT NULL DEFAULT 0;
    INSERT INTO report_dirty (unit_key, at, part)
      SELECT DISTINCT COALESCE(unit_id, 0), resolved_at, 't' FROM tickets WHERE type = 'reconnection' AND resolved_at IS NOT NULL;
  `);
}
