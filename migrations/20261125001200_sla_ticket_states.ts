import type { Knex } from 'knex';

/**
 * One row per ticket with open SLA timers: its worst level and soonest due. The board and the
 * sla_state filter count tickets, not timers; grouping 100 k open timers per ticket on every
 * board request cost seconds, reading this table costs one index-only scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE sla_ticket_states (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      unit_id bigint REFERENCES units(id),
      ticket_type text NOT NULL,
      -- the worst open timer: 0 ok, 1 warning, 2 breached
      level smallint NOT NULL,
      -- the soonest breach among its open timers not yet breached
      due_at timestamptz
    );
    CREATE INDEX sla_ticket_states_unit_idx ON sla_ticket_states (unit_id, level) INCLUDE (ticket_type, due_at);
    CREATE INDEX sla_ticket_states_level_idx ON sla_ticket_states (level, ticket_id);
    -- the board's "soonest due" list walks running, unbreached timers in due order
    CREATE INDEX sla_timers_soonest_idx ON sla_timers (due_at) INCLUDE (unit_id, ticket_type, policy_key, ticket_id)
      WHERE state = 'running' AND level < 2;

    INSERT INTO sla_ticket_states (ticket_id, unit_id, ticket_type, level, due_at)
    SELECT ticket_id, max(unit_id), max(ticket_type), max(level), min(due_at) FILTER (WHERE level < 2)
    FROM sla_timers WHERE state IN ('running', 'paused') GROUP BY ticket_id;
  `);
}
