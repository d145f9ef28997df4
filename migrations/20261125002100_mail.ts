import type { Knex } from 'knex';

/** Mail notifications and their deliveries: a notification reaches each recipient at most once. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE mail_notifications (
      -- derived from what it announces ('escalation:42'), so announcing it twice is harmless
      id text PRIMARY KEY,
      kind text NOT NULL,
      ticket_id bigint REFERENCES tickets(id),
      locale text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE mail_deliveries (
      notification_id text NOT NULL REFERENCES mail_notifications(id),
      recipient text NOT NULL,
      user_id bigint REFERENCES users(id),
      -- pending → sending (leased to one worker) → sent; a failed send goes back to pending
      status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent')),
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      last_error text,
      message_id text NOT NULL,
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      PRIMARY KEY (notification_id, recipient)
    );
    CREATE INDEX mail_deliveries_unsent_idx ON mail_deliveries (created_at) WHERE status <> 'sent';
  `);
}
