import type { Knex } from 'knex';

/**
 * Administration, the remaining pieces (issue 12):
 * - `must_change_password`: set by an admin's password reset; until the user picks their own, the
 *   API answers nothing but change-password, sign-out and "who am I";
 * - `last_sign_in_at`: shown in the users screen;
 * - `import_batches`: one row per bulk import (units, users, customers), keyed by the client's
 *   Idempotency-Key or the file's content hash, so the same file twice imports once; `rows_done`
 *   is committed with each batch of a big file, so a re-run resumes where a crash left it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
    ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;

    CREATE TABLE import_batches (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('units', 'users', 'customers')),
      idempotency_key text NOT NULL,
      content_hash text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'done')),
      actor_id bigint NOT NULL REFERENCES users(id),
      rows_total integer NOT NULL,
      rows_done integer NOT NULL DEFAULT 0,
      created integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      started_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      finished_at timestamptz,
      UNIQUE (kind, idempotency_key)
    );
  `);
}
