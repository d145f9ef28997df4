import type { Knex } from 'knex';

/**
 * The TMF621 façade's own tables: what a ticket opened through TMF621 carried that the desk's
 * ticket has no column for (kept and returned as given), hub subscriptions per API client, and the
 * delivery queue that is also the delivery log.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE tmf_tickets (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      client_id bigint REFERENCES api_clients(id),
      name text,
      ticket_type text,
      severity text,
      priority text,
      channel jsonb,
      external_owner text,
      external_id text,
      external_type text,
      external_identifier jsonb,
      related_entity jsonb,
      related_party jsonb,
      requested_resolution_date timestamptz,
      characteristic jsonb,
      created_at timestamptz NOT NULL
    );
    -- externalIdentifier idempotency: the same owner + id is the same ticket
    CREATE UNIQUE INDEX tmf_tickets_external_idx ON tmf_tickets (external_owner, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX tmf_tickets_client_idx ON tmf_tickets (client_id, ticket_id);
    -- a client's list: the tickets its service account opened
    CREATE INDEX tickets_accepted_by_idx ON tickets (accepted_by, id);

    CREATE TABLE tmf_hub_subscriptions (
      id bigserial PRIMARY KEY,
      client_id bigint NOT NULL REFERENCES api_clients(id),
      version text NOT NULL CHECK (version IN ('v4', 'v5')),
      callback text NOT NULL,
      query text,
      secret text NOT NULL,
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'suspended', 'deleted')),
      failing_since timestamptz,
      suspended_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX tmf_hub_subscriptions_client_idx ON tmf_hub_subscriptions (client_id, id);
    CREATE INDEX tmf_hub_subscriptions_active_idx ON tmf_hub_subscriptions (id) WHERE state = 'active';

    -- the TMF status each ticket was last announced in: a status change is told once
    CREATE TABLE tmf_ticket_states (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      version integer NOT NULL,
      status text NOT NULL
    );

    CREATE TABLE tmf_hub_deliveries (
      id bigserial PRIMARY KEY,
      subscription_id bigint NOT NULL REFERENCES tmf_hub_subscriptions(id),
      ticket_id bigint NOT NULL,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      payload jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'abandoned')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_status integer,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz,
      UNIQUE (subscription_id, event_id)
    );
    -- the sender's claim: pending heads of each (subscription, ticket) line, due first
    CREATE INDEX tmf_hub_deliveries_pending_idx ON tmf_hub_deliveries (next_attempt_at) WHERE state = 'pending';
    CREATE INDEX tmf_hub_deliveries_line_idx ON tmf_hub_deliveries (subscription_id, ticket_id, id) WHERE state = 'pending';
    -- the delivery log per subscription, newest first
    CREATE INDEX tmf_hub_deliveries_log_idx ON tmf_hub_deliveries (subscription_id, id DESC);
  `);
}
