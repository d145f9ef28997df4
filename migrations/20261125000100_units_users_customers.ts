import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE units (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      parent_id bigint REFERENCES units(id),
      -- materialised path '/1/4/9/': a subtree is one prefix match, used by every scoped query
      path text NOT NULL,
      area text NOT NULL CHECK (area IN ('city', 'county')),
      head_user_id bigint,
      subscribers integer NOT NULL DEFAULT 0 CHECK (subscribers >= 0),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX units_path_idx ON units (path text_pattern_ops);
    CREATE INDEX units_parent_idx ON units (parent_id);

    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL UNIQUE,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin')),
      unit_id bigint REFERENCES units(id),
      email text,
      password_hash text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX users_unit_idx ON users (unit_id);
    ALTER TABLE units ADD CONSTRAINT units_head_fk FOREIGN KEY (head_user_id) REFERENCES users(id);

    CREATE TABLE customers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      phone text NOT NULL UNIQUE,
      name text,
      account_no text,
      area text CHECK (area IN ('city', 'county')),
      tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'vip', 'big_customer')),
      email text,
      unit_id bigint REFERENCES units(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX customers_account_idx ON customers (account_no);

    -- who changed which unit, user or customer, and how (tickets keep their own timeline)
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id bigint REFERENCES users(id),
      entity text NOT NULL,
      entity_id bigint NOT NULL,
      action text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);

    -- settings that must survive restarts (the token signing secret when none is configured)
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value text NOT NULL
    );
  `);
}
