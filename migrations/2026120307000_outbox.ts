import type { Knex } from 'knex';

/**
 * The transactional outbox: every domain event is a row written in the transaction that caused
 * it. `seq` is given after commit by one sequencer at a time (the lock on its row), so a reader that
 * has seen seq N has seen every event below N: consoles resume after the last seq they heard, and
 * each durable consumer keeps a cursor. `outbox_handled` makes a consumer idempotent by event id
 * (the after-commit fast path and the relay may both offer it the same event).
 *
 * Mail is delivered from `mail_deliveries` itself (no second queue): each row waits for
 * `next_attempt_at`; a refused recipient is `failed` alone, with its error, until retried.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE outbox_events (
      id uuid PRIMARY KEY,
      seq bigint UNIQUE,
      type text NOT NULL,
      payload jsonb NOT NULL,
      -- the transaction's start and the event's place in it: the order the sequencer keeps
      created_at timestamptz NOT NULL DEFAULT now(),
      ord integer NOT NULL
    );
    -- the sequencer's queue: rows not yet given a seq, oldest first
    CREATE INDEX outbox_events_unsequenced_idx ON outbox_events (created_at, ord) WHERE seq IS NULL;
    -- pruning by age
    CREATE INDEX outbox_events_created_idx ON outbox_events (created_at);

    CREATE TABLE outbox_cursors (
      consumer text PRIMARY KEY,
      seq bigint NOT NULL
    );
    -- the sequencer's own row: the last seq given; its row lock makes one sequencer at a time
    INSERT INTO outbox_cursors (consumer, seq) VALUES ('$sequencer', 0);

    CREATE TABLE outbox_handled (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      -- 'failed': dead-lettered after repeated errors (logged as an error, counted in /metrics)
      status text NOT NULL DEFAULT 'done' CHECK (status IN ('done', 'failed')),
      error text,
      handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    );
    CREATE INDEX outbox_handled_at_idx ON outbox_handled (handled_at);

    ALTER TABLE mail_deliveries DROP CONSTRAINT mail_deliveries_status_check;
    ALTER TABLE mail_deliveries ADD CONSTRAINT mail_deliveries_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
    ALTER TABLE mail_deliveries ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX mail_deliveries_due_idx ON mail_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
  `);
}

