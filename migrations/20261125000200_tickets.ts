import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE tickets (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      type text NOT NULL CHECK (type IN ('complaint', 'fault', 'reconnection', 'request')),
      category text NOT NULL CHECK (category IN ('service_attitude', 'network_quality', 'billing',
        'business_handling', 'installation', 'broadband', 'suspension', 'other')),
      status text NOT NULL CHECK (status IN ('accepted', 'dispatched', 'resolved', 'closed')),
      version integer NOT NULL DEFAULT 1,
      handling_round integer NOT NULL DEFAULT 1,
      channel text NOT NULL CHECK (channel IN ('hotline', 'counter', 'web', 'letter', 'regulator')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),
      description text NOT NULL,
      customer_id bigint NOT NULL REFERENCES customers(id),
      unit_id bigint REFERENCES units(id),
      assignee_id bigint REFERENCES users(id),
      accepted_by bigint NOT NULL REFERENCES users(id),
      payment_channel text CHECK (payment_channel IN ('counter', 'bank', 'online', 'prepaid_card', 'agent')),
      paid_at timestamptz,
      resolution text,
      cause text,
      responsibility text CHECK (responsibility IN ('company', 'customer', 'third_party', 'none')),
      one_call_resolution boolean NOT NULL DEFAULT false,
      close_reason text CHECK (close_reason IN ('satisfied', 'unreachable', 'no_callback')),
      idempotency_key text,
      idempotency_hash text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      dispatched_at timestamptz,
      first_resolved_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz
    );
    -- cursor paging walks id descending; filters narrow it
    CREATE INDEX tickets_status_idx ON tickets (status, id DESC);
    CREATE INDEX tickets_unit_idx ON tickets (unit_id, id DESC);
    CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, id DESC) WHERE assignee_id IS NOT NULL;
    CREATE INDEX tickets_customer_idx ON tickets (customer_id, id DESC);
    CREATE INDEX tickets_resolved_at_idx ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;
    CREATE UNIQUE INDEX tickets_idempotency_idx ON tickets (accepted_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

    -- the human-readable number restarts each day: TS20261125-0001
    CREATE TABLE ticket_number_counters (
      day text PRIMARY KEY,
      last integer NOT NULL
    );

    -- the timeline: every change of a ticket, written in the same transaction as the change
    CREATE TABLE ticket_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      type text NOT NULL,
      at timestamptz NOT NULL,
      actor_id bigint REFERENCES users(id),
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id);

    CREATE TABLE callbacks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      handling_round integer NOT NULL,
      attempt integer NOT NULL,
      due_at timestamptz NOT NULL,
      assignee_id bigint REFERENCES users(id),
      state text NOT NULL CHECK (state IN ('scheduled', 'due', 'done', 'cancelled')),
      outcome text CHECK (outcome IN ('satisfied', 'unsatisfied', 'unreachable')),
      note text,
      done_by bigint REFERENCES users(id),
      done_at timestamptz,
      created_at timestamptz NOT NULL,
      UNIQUE (ticket_id, handling_round, attempt)
    );
    CREATE INDEX callbacks_open_due_idx ON callbacks (due_at) WHERE state IN ('scheduled', 'due');
    CREATE INDEX callbacks_assignee_idx ON callbacks (assignee_id, due_at) WHERE state IN ('scheduled', 'due');
  `);
}
