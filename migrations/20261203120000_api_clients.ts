import type { Knex } from 'knex';

/**
 * API clients: other systems (OSS, billing, the phone system) authenticate as clients with OAuth
 * client credentials. Each acts through a service account (a `users` row of role `integration`
 * that cannot sign in), so timelines and audit rows name it like any actor. A rotated secret
 * keeps working until `previous_secret_until`; `token_generation` ends issued tokens on
 * deactivation.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE api_clients (
      id bigserial PRIMARY KEY,
      client_id text NOT NULL UNIQUE,
      name text NOT NULL,
      user_id bigint NOT NULL UNIQUE REFERENCES users(id),
      scopes text[] NOT NULL,
      unit_ids bigint[] NOT NULL,
      secret_hash text NOT NULL,
      previous_secret_hash text,
      previous_secret_until timestamptz,
      active boolean NOT NULL DEFAULT true,
      token_generation integer NOT NULL DEFAULT 0,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      last_used_at timestamptz
    );
  `);
}

