import type { Knex } from 'knex';

/**
 * The durable side of the scheduling port (server/jobs): one row per (kind, key) that must fire
 * at `due_at`. Written in the caller's transaction, so a timer exists exactly when the change that
 * armed it committed; Redis only wakes the workers up.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE scheduled_items (
      kind text NOT NULL,
      key text NOT NULL,
      due_at timestamptz NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      state text NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled', 'failed')),
      -- bumped by every schedule(): a firing decided for an older arming can be told apart
      generation integer NOT NULL DEFAULT 1,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      fired_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (kind, key)
    );
    -- the claim walks only pending rows in due order: a plain due_at index would drag fired history along
    CREATE INDEX scheduled_items_pending_idx ON scheduled_items (due_at) WHERE state = 'pending';
  `);
}
