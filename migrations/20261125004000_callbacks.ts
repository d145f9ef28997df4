import type { Knex } from 'knex';

/**
 * Automatic callbacks (回访): the policy as data, the callback agents and their duty, the mail
 * survey links, and the second handling an unsatisfied customer sends a ticket back to.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- one row: the desk's callback policy, edited through PUT /api/callbacks/policy
    CREATE TABLE callback_policy (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      window_seconds integer NOT NULL DEFAULT 86400 CHECK (window_seconds > 0),
      -- callable hours as minutes of the day in LOOPDESK_TIMEZONE, [from, until)
      callable_from_minute smallint NOT NULL DEFAULT 540 CHECK (callable_from_minute BETWEEN 0 AND 1439),
      callable_until_minute smallint NOT NULL DEFAULT 1200 CHECK (callable_until_minute BETWEEN 1 AND 1440),
      holidays date[] NOT NULL DEFAULT '{}',
      max_attempts smallint NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 10),
      retry_spacing_seconds integer NOT NULL DEFAULT 7200 CHECK (retry_spacing_seconds > 0),
      -- complaints always get a callback (DOMAIN.md "The flow", step 4)
      ticket_types text[] NOT NULL DEFAULT '{complaint,fault,reconnection,request}' CHECK ('complaint' = ANY (ticket_types)),
      one_call_resolutions boolean NOT NULL DEFAULT true,
      second_handling_seconds integer NOT NULL DEFAULT 43200 CHECK (second_handling_seconds > 0),
      survey_ttl_seconds integer NOT NULL DEFAULT 259200 CHECK (survey_ttl_seconds > 0),
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz,
      CHECK (callable_from_minute < callable_until_minute)
    );
    INSERT INTO callback_policy (id) VALUES (1);

    ALTER TABLE callbacks
      ADD COLUMN window_ends_at timestamptz,
      ADD COLUMN assigned_at timestamptz,
      -- the customer asked for this time: callable hours and holidays do not apply
      ADD COLUMN customer_requested boolean NOT NULL DEFAULT false,
      ADD COLUMN answered_via text CHECK (answered_via IN ('phone', 'survey'));
    CREATE INDEX callbacks_unassigned_due_idx ON callbacks (due_at) WHERE state = 'due' AND assignee_id IS NULL;

    -- desk staff who make callbacks; balanced assignment picks among those on duty
    CREATE TABLE callback_agents (
      user_id bigint PRIMARY KEY REFERENCES users(id),
      on_duty boolean NOT NULL DEFAULT false,
      changed_by bigint REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );

    -- one signed, expiring, single-use survey link per callback attempt that was mailed
    CREATE TABLE callback_surveys (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      callback_id bigint NOT NULL UNIQUE REFERENCES callbacks(id),
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      email text NOT NULL,
      expires_at timestamptz NOT NULL,
      sent_at timestamptz,
      answered_at timestamptz,
      outcome text CHECK (outcome IN ('satisfied', 'unsatisfied')),
      comment text,
      created_at timestamptz NOT NULL
    );

    -- a ticket sent back by an unsatisfied customer: flagged, with a tighter deadline
    CREATE TABLE callback_second_handlings (
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      handling_round integer NOT NULL,
      unit_id bigint REFERENCES units(id),
      head_user_id bigint REFERENCES users(id),
      started_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('running', 'met', 'breached')),
      ended_at timestamptz,
      PRIMARY KEY (ticket_id, handling_round)
    );
  `);
}
