import type { Knex } from 'knex';

/**
 * Ending sessions: every token carries its user's generation, and a password change, a reset or a
 * role change bumps it, so every earlier token stops working; a sign-out ends one token by its id
 * (rows are kept until the token would have expired anyway, then swept).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
    CREATE TABLE revoked_tokens (
      jti text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      revoked_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX revoked_tokens_expires_idx ON revoked_tokens (expires_at);
  `);
}

