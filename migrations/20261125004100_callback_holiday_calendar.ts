import type { Knex } from 'knex';

/**
 * Callable days follow the public holidays of an SLA working calendar (sla_holidays), plus the
 * policy's own extra days; 'business' carries the public holidays.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE callback_policy ADD COLUMN holiday_calendar text REFERENCES sla_calendars(key);
    UPDATE callback_policy SET holiday_calendar = 'business' WHERE EXISTS (SELECT 1 FROM sla_calendars WHERE key = 'business');
  `);
}
