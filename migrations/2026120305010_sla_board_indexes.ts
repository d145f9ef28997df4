import type { Knex } from 'knex';

/**
 * The SLA board's reads: warned and breached open timers latest first, breaches of today and of
 * the month, timers met today and this month, each as an index-only range of a small partial
 * index. The met-timers index gains the columns the board counts and replaces the narrower one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX sla_timers_late_idx ON sla_timers (level DESC, breached_at, due_at) INCLUDE (unit_id, ticket_id, policy_key)
      WHERE state IN ('running', 'paused') AND level >= 1;
    CREATE INDEX sla_timers_breached_at_idx ON sla_timers (breached_at) INCLUDE (unit_id) WHERE breached_at IS NOT NULL;
    CREATE INDEX sla_timers_met_at_idx ON sla_timers (stopped_at) INCLUDE (unit_id, breached_at) WHERE state = 'met';
    DROP INDEX sla_timers_stopped_idx;
  `);
}
