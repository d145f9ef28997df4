import type { Knex } from 'knex';

/**
 * Automatic callback attempts (issue 18): an attempt may go out as an SMS survey over SMPP or an
 * outbound IVR call instead of an agent's call. Every attempt stays one `callbacks` row, now with
 * its channel; the automated one waits in state `automated` for the customer's answer and, without
 * one, ends `no_reply` and hands the round to an agent. The message itself (queue, SMSC message id,
 * receipt, reply) is a row of `callback_auto_attempts`, recorded before it is sent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE callbacks ADD COLUMN channel text NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'sms', 'ivr'));
    ALTER TABLE callbacks DROP CONSTRAINT callbacks_state_check;
    ALTER TABLE callbacks ADD CONSTRAINT callbacks_state_check CHECK (state IN ('scheduled', 'due', 'automated', 'done', 'cancelled'));
    ALTER TABLE callbacks DROP CONSTRAINT callbacks_outcome_check;
    ALTER TABLE callbacks ADD CONSTRAINT callbacks_outcome_check CHECK (outcome IN ('satisfied', 'unsatisfied', 'unreachable', 'no_reply'));
    ALTER TABLE callbacks DROP CONSTRAINT callbacks_answered_via_check;
    ALTER TABLE callbacks ADD CONSTRAINT callbacks_answered_via_check CHECK (answered_via IN ('phone', 'survey', 'sms', 'ivr'));

    -- one row: how the desk automates the first attempt of a round (GET/PUT /api/callbacks/automation)
    CREATE TABLE callback_automation (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      channel text NOT NULL DEFAULT 'none' CHECK (channel IN ('none', 'sms', 'ivr')),
      -- callable seconds the desk waits for an answer before an agent takes over
      reply_wait_seconds integer NOT NULL DEFAULT 14400 CHECK (reply_wait_seconds > 0),
      -- automated messages or calls to one number per local day
      daily_cap smallint NOT NULL DEFAULT 2 CHECK (daily_cap BETWEEN 1 AND 20),
      send_rate_per_second integer NOT NULL DEFAULT 100 CHECK (send_rate_per_second BETWEEN 1 AND 1000),
      ivr_endpoint text,
      ivr_secret text,
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz
    );
    INSERT INTO callback_automation (id) VALUES (1);

    -- a customer's own wish: how to be called back and in which language
    CREATE TABLE callback_preferences (
      customer_id bigint PRIMARY KEY REFERENCES customers(id),
      channel text CHECK (channel IN ('phone', 'sms', 'ivr')),
      language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL
    );

    -- numbers that answered TD / 退订 (or were opted out by an agent): no automated surveys
    CREATE TABLE callback_opt_outs (
      phone text PRIMARY KEY,
      at timestamptz NOT NULL,
      source text NOT NULL CHECK (source IN ('sms', 'agent')),
      text text
    );

    CREATE TABLE callback_auto_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      callback_id bigint NOT NULL UNIQUE REFERENCES callbacks(id),
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      channel text NOT NULL CHECK (channel IN ('sms', 'ivr')),
      phone text NOT NULL,
      language text NOT NULL,
      body text NOT NULL,
      -- queued → sending (claimed, recorded before the send) → sent; unconfirmed: the send may have
      -- happened but no answer came (never sent again); failed: refused; cancelled: an agent took over first
      state text NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'unconfirmed', 'failed', 'cancelled')),
      tries integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_error text,
      external_id text,
      sent_at timestamptz,
      delivery text,
      delivered_at timestamptz,
      hand_off_at timestamptz NOT NULL,
      reply_text text,
      reply_at timestamptz,
      reply_effect text CHECK (reply_effect IN ('outcome', 'note', 'opt_out', 'late')),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX callback_auto_attempts_queued_idx ON callback_auto_attempts (next_attempt_at) WHERE state = 'queued';
    CREATE INDEX callback_auto_attempts_sending_idx ON callback_auto_attempts (lease_until) WHERE state = 'sending';
    CREATE UNIQUE INDEX callback_auto_attempts_external_idx ON callback_auto_attempts (channel, external_id) WHERE external_id IS NOT NULL;
    -- a reply is matched by number and time; the daily cap counts by number and day
    CREATE INDEX callback_auto_attempts_phone_idx ON callback_auto_attempts (phone, created_at DESC);
    CREATE INDEX callback_auto_attempts_ticket_idx ON callback_auto_attempts (ticket_id);

    -- receipts that came before their submit_sm_resp was recorded, matched when it is
    CREATE TABLE callback_sms_receipts (
      message_id text PRIMARY KEY,
      stat text NOT NULL,
      at timestamptz NOT NULL
    );

    -- replies the desk could not bind to any survey (kept, never dropped)
    CREATE TABLE callback_sms_unmatched (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      phone text NOT NULL,
      text text NOT NULL,
      at timestamptz NOT NULL
    );

    -- the report counts attempts by channel per month of done_at
    CREATE INDEX callbacks_done_channel_idx ON callbacks (done_at, channel) WHERE state = 'done';
  `);
}

