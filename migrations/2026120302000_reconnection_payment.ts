import type { Knex } from 'knex';

/**
 * A reconnection's payment as the desk shows it: a bank transfer has its own confirmation time
 * (the 2-hour clock starts there, not when the customer paid at the bank), and the tier the
 * reconnection policy put the ticket in (payment channel × city/county) is kept on the ticket so
 * queues show it without reading the timers. Neither is filtered on: no index.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets
      ADD COLUMN payment_confirmed_at timestamptz,
      ADD COLUMN reconnect_tier smallint,
      ADD CONSTRAINT tickets_payment_confirmed_bank_chk CHECK (payment_confirmed_at IS NULL OR payment_channel = 'bank');
    -- tickets accepted before: their tier is on the reconnection timer
    UPDATE tickets t SET reconnect_tier = s.tier
      FROM (SELECT ticket_id, min(tier) AS tier FROM sla_timers WHERE tier IS NOT NULL GROUP BY ticket_id) s
      WHERE s.ticket_id = t.id;
  `);
}
