import type { Knex } from 'knex';

/**
 * What the agent and handler consoles need on the ticket and around it:
 * - the phone system's call id on the ticket a call produced, and the calls the phone system
 *   announced (caller pop), so a ticket can be traced back to its call;
 * - urges (催单): a count on the ticket; who and when are timeline events;
 * - the `integration` role: a system client (the phone system) that may only announce calls;
 * - per-user notification switches;
 * - indexes for the queue's sort by soonest due and its second-handling filter.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets ADD COLUMN call_id text CHECK (char_length(call_id) <= 100);
    ALTER TABLE tickets ADD COLUMN urge_count integer NOT NULL DEFAULT 0 CHECK (urge_count >= 0);
    CREATE INDEX tickets_call_id_idx ON tickets (call_id) WHERE call_id IS NOT NULL;
    -- second handlings are few: the queue's round filter reads them from this small index
    CREATE INDEX tickets_second_round_idx ON tickets (id) WHERE handling_round > 1;
    -- the queue's "soonest due first" walks the per-ticket SLA summary in due order
    CREATE INDEX sla_ticket_states_due_idx ON sla_ticket_states (due_at, ticket_id);

    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin', 'integration'));

    CREATE TABLE cti_calls (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      call_id text NOT NULL CHECK (char_length(call_id) BETWEEN 1 AND 100),
      agent_id bigint NOT NULL REFERENCES users(id),
      caller text NOT NULL,
      customer_id bigint REFERENCES customers(id),
      posted_by bigint NOT NULL REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX cti_calls_call_id_idx ON cti_calls (call_id);
    CREATE INDEX cti_calls_agent_idx ON cti_calls (agent_id, at DESC);

    CREATE TABLE user_notification_settings (
      user_id bigint PRIMARY KEY REFERENCES users(id),
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `);
  await knex('settings').insert({ key: 'urge_escalate_after', value: '3' }).onConflict('key').ignore();
}
