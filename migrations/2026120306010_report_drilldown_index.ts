import type { Knex } from 'knex';

/**
 * The report's drill-down lists the tickets a figure counts in a month (GET /api/tickets?figure=):
 * the intake figures read a created_at range across every unit, which no index led with; the
 * resolution figures use tickets_resolved_at_idx and the callback ones callbacks_done_at_idx.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX tickets_created_at_idx ON tickets (created_at)`);
}
