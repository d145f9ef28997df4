import type { Knex } from 'knex';

/**
 * Ticket numbers from a sequence instead of a locked per-day counter row: the row lock was held
 * until commit and made every intake wait for the one before it (measured: most sessions of the
 * intake benchmark waited there). A day's number is nextval − the day's base; numbers stay unique
 * and increasing within a day, and a rolled-back intake leaves a gap, as any sequence does.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE ticket_number_seq;
    CREATE TABLE ticket_number_days (
      day text PRIMARY KEY,
      base bigint NOT NULL
    );
    -- days already numbered continue after their last number
    INSERT INTO ticket_number_days (day, base)
      SELECT day, nextval('ticket_number_seq') - last FROM ticket_number_counters;
    DROP TABLE ticket_number_counters;
  `);
}
