import type { Knex } from 'knex';

/**
 * Fewer indexes to maintain on every armed and fired timer (measured by bench:sla): lookups by
 * ticket use the (ticket_id, policy_key, handling_round) unique index, the board reads
 * sla_ticket_states, and only the policy-narrowed board still groups open timers.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX sla_timers_ticket_idx;
    DROP INDEX sla_timers_open_ticket_idx;
    DROP INDEX sla_timers_open_idx;
    CREATE INDEX sla_timers_open_policy_idx ON sla_timers (policy_key, unit_id, ticket_id) INCLUDE (level, due_at, ticket_type)
      WHERE state IN ('running', 'paused');
  `);
}
