import type { Knex } from 'knex';

/** Level-by-level escalation of leadership cases (逐级汇报). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- one row: how long an owner may record nothing, and how long each level has to acknowledge
    CREATE TABLE escalation_policy (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      inactivity_seconds integer NOT NULL CHECK (inactivity_seconds > 0),
      step_seconds integer NOT NULL CHECK (step_seconds > 0),
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE escalations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      -- 1 = the head above the owner, 2 = the next one up, …
      level integer NOT NULL CHECK (level >= 1),
      unit_id bigint NOT NULL REFERENCES units(id),
      recipient_id bigint NOT NULL REFERENCES users(id),
      owner_id bigint NOT NULL REFERENCES users(id),
      reason text NOT NULL CHECK (reason IN ('breach', 'inactivity', 'unacknowledged')),
      -- what raised it ('breach:<timer>', 'inactivity:<assigned ms>', 'step:<escalation>'): a trigger raises once
      trigger text NOT NULL,
      raised_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by bigint REFERENCES users(id),
      note text,
      UNIQUE (ticket_id, trigger)
    );
    CREATE INDEX escalations_ticket_idx ON escalations (ticket_id, level);
    CREATE INDEX escalations_pending_idx ON escalations (recipient_id, id DESC) WHERE acknowledged_at IS NULL;
  `);
  await knex('escalation_policy').insert({ inactivity_seconds: 4 * 3600, step_seconds: 2 * 3600, updated_at: new Date() });
}
