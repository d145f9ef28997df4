import type { Knex } from 'knex';

/**
 * Calendars an administrator edits: China's make-up working days (调休) beside the holidays, and
 * callable hours defined once. The callback policy owns the callable hours; the SLA calendar
 * `callable` (the clock of the callback window) follows it and is marked as managed by it, so
 * the two can no longer disagree (they did: 09:00–20:00 against 08:00–21:00).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE sla_working_days (
      calendar_key text NOT NULL REFERENCES sla_calendars(key) ON DELETE CASCADE,
      day date NOT NULL,
      name text NOT NULL DEFAULT '',
      PRIMARY KEY (calendar_key, day)
    );
    ALTER TABLE sla_calendars ADD COLUMN managed_by text CHECK (managed_by IN ('callback_policy'));
    ALTER TABLE sla_calendars ADD COLUMN updated_by bigint REFERENCES users(id);
    -- configuration named by a key (calendars, policies) is audited by that key
    ALTER TABLE audit_log ALTER COLUMN entity_id DROP NOT NULL;
    ALTER TABLE audit_log ADD COLUMN entity_key text;
    CREATE INDEX audit_log_entity_key_idx ON audit_log (entity, entity_key, id) WHERE entity_key IS NOT NULL;
    -- the audit screen filters by time window and by who
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
    -- a unit that tickets refer to is deactivated, never deleted
    ALTER TABLE units ADD COLUMN active boolean NOT NULL DEFAULT true;
    -- a calendar edit re-times the open timers that count on it
    CREATE INDEX sla_timers_open_clock_idx ON sla_timers ((policy->>'clock')) WHERE state IN ('running', 'paused');
  `);
  const policy = await knex('callback_policy').where({ id: 1 }).first<{ callable_from_minute: number; callable_until_minute: number } | undefined>('callable_from_minute', 'callable_until_minute');
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const from = hhmm(policy?.callable_from_minute ?? 540);
  const until = hhmm(policy?.callable_until_minute ?? 1200);
  const everyDay = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [[from, until]]]));
  await knex('sla_calendars').insert({ key: 'callable', name: '可呼叫时间', hours: JSON.stringify(everyDay), managed_by: 'callback_policy' })
    .onConflict('key').merge(['hours', 'managed_by']);
}

