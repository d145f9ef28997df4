import type { Knex } from 'knex';

/**
 * The reconnection loop fed by billing and closed by provisioning (issue 17): suspension state per
 * account, every payment and restoration the feeds sent (their external ids make them idempotent),
 * and the watch a payment opens: one open reconnection ticket per account, with the due times of
 * its two wall-clock targets copied from its timers so the provisioning queue is one index range.
 * Tickets gain the channel `system` (opened by a feed) and the payment channel `card`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets DROP CONSTRAINT tickets_channel_check,
      ADD CONSTRAINT tickets_channel_check CHECK (channel IN ('hotline', 'counter', 'web', 'letter', 'regulator', 'system'));
    ALTER TABLE tickets DROP CONSTRAINT tickets_payment_channel_check,
      ADD CONSTRAINT tickets_payment_channel_check CHECK (payment_channel IN ('counter', 'bank', 'card', 'online', 'prepaid_card', 'agent'));
    ALTER TABLE sla_policies DROP CONSTRAINT sla_policies_payment_channel_check,
      ADD CONSTRAINT sla_policies_payment_channel_check CHECK (payment_channel IN ('counter', 'bank', 'card', 'online', 'prepaid_card', 'agent'));
    -- a bank card payment is confirmed at once, like the counter: same tiers
    UPDATE sla_policies SET tiers = tiers || '[{"payment_channel": "card", "area": "city", "tier": 1}, {"payment_channel": "card", "area": "county", "tier": 2}]'::jsonb
      WHERE key = 'reconnect_internal' AND tiers IS NOT NULL AND NOT tiers @> '[{"payment_channel": "card"}]'::jsonb;

    -- billing's view of an account: notified before suspension, suspended, or back in service
    CREATE TABLE arrears_accounts (
      account_no text PRIMARY KEY,
      customer_id bigint NOT NULL REFERENCES customers(id),
      state text NOT NULL CHECK (state IN ('notified', 'suspended', 'restored')),
      notified_at timestamptz,
      suspended_at timestamptz,
      -- Liaoning's duty: suspended without a notice before it
      notice_missing boolean NOT NULL DEFAULT false,
      restored_at timestamptz,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX arrears_accounts_flagged_idx ON arrears_accounts (suspended_at) WHERE notice_missing;

    CREATE TABLE suspension_events (
      external_id text PRIMARY KEY,
      account_no text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('notified', 'suspended')),
      at timestamptz NOT NULL,
      notice_missing boolean NOT NULL,
      received_at timestamptz NOT NULL,
      received_by bigint NOT NULL REFERENCES users(id)
    );

    CREATE TABLE payment_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      external_id text NOT NULL UNIQUE,
      account_no text NOT NULL,
      phone text,
      channel text NOT NULL CHECK (channel IN ('counter', 'bank', 'card', 'online', 'prepaid_card')),
      paid_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      amount numeric(14, 2) NOT NULL,
      area text CHECK (area IN ('city', 'county')),
      -- watch_opened: it started a reconnection; joined_watch: the account already had one; recorded: not suspended
      outcome text NOT NULL CHECK (outcome IN ('watch_opened', 'joined_watch', 'recorded')),
      ticket_id bigint REFERENCES tickets(id),
      received_at timestamptz NOT NULL,
      received_by bigint NOT NULL REFERENCES users(id)
    );
    CREATE INDEX payment_events_account_idx ON payment_events (account_no, paid_at);
    CREATE INDEX payment_events_ticket_idx ON payment_events (ticket_id) WHERE ticket_id IS NOT NULL;

    CREATE TABLE reconnection_watches (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      account_no text NOT NULL,
      customer_id bigint NOT NULL REFERENCES customers(id),
      payment_id bigint NOT NULL REFERENCES payment_events(id),
      channel text NOT NULL,
      area text NOT NULL CHECK (area IN ('city', 'county')),
      tier smallint,
      -- payment, or the bank's confirmation: where both clocks start
      clock_from timestamptz NOT NULL,
      internal_due_at timestamptz NOT NULL,
      regulatory_due_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('open', 'restored')),
      opened_at timestamptz NOT NULL,
      restored_at timestamptz,
      restoration_id text,
      internal_on_time boolean,
      regulatory_on_time boolean
    );
    -- one open watch per account: a second payment joins it
    CREATE UNIQUE INDEX reconnection_watches_open_account_idx ON reconnection_watches (account_no) WHERE state = 'open';
    -- the provisioning queue (tier, then due) and the board's counts per tier
    CREATE INDEX reconnection_watches_queue_idx ON reconnection_watches (tier, internal_due_at) INCLUDE (ticket_id, regulatory_due_at, area, channel)
      WHERE state = 'open';
    CREATE INDEX reconnection_watches_customer_idx ON reconnection_watches (customer_id) WHERE state = 'open';
    -- the monthly on-time rates
    CREATE INDEX reconnection_watches_restored_idx ON reconnection_watches (restored_at) INCLUDE (internal_on_time, regulatory_on_time)
      WHERE state = 'restored';

    CREATE TABLE restoration_events (
      external_id text PRIMARY KEY,
      account_no text,
      ticket_id bigint REFERENCES tickets(id),
      restored_at timestamptz NOT NULL,
      -- closed: on time, no callback; callback: late, the customer waited; no_watch: nothing was open
      outcome text NOT NULL CHECK (outcome IN ('closed', 'callback', 'no_watch')),
      received_at timestamptz NOT NULL,
      received_by bigint NOT NULL REFERENCES users(id)
    );
  `);
}
