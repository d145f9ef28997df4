import type { Knex } from 'knex';
import type { CalendarDefinition } from './calendar';

export interface CalendarRow {
  key: string;
  name: string;
  /** ISO weekday ('1' = Monday) → local working periods */
  hours: Record<string, [string, string][]>;
  managed_by: 'callback_policy' | null;
  updated_at: Date | null;
  updated_by: number | null;
}

export interface CalendarDay {
  date: string;
  name: string;
}

export interface CalendarRecord extends CalendarRow {
  holidays: CalendarDay[];
  working_days: CalendarDay[];
}

const days = (db: Knex, table: 'sla_holidays' | 'sla_working_days', key: string) =>
  db(table).where({ calendar_key: key }).orderBy('day').select<CalendarDay[]>(db.raw(`to_char(day, 'YYYY-MM-DD') AS date`), 'name');

/** The SLA domain's calendars: sla_calendars, sla_holidays and sla_working_days. */
export const calendarRepository = {
  async list(db: Knex): Promise<(CalendarRow & { holidays: number; working_days: number })[]> {
    return db('sla_calendars as c').orderBy('c.key').select(
      'c.key', 'c.name', 'c.hours', 'c.managed_by', 'c.updated_at', 'c.updated_by',
      db.raw('(SELECT count(*)::int FROM sla_holidays h WHERE h.calendar_key = c.key) AS holidays'),
      db.raw('(SELECT count(*)::int FROM sla_working_days w WHERE w.calendar_key = c.key) AS working_days'),
    );
  },

  async get(db: Knex, key: string, options: { lock?: boolean } = {}): Promise<CalendarRecord | undefined> {
    const query = db<CalendarRow>('sla_calendars').where({ key }).first('key', 'name', 'hours', 'managed_by', 'updated_at', 'updated_by');
    const row = await (options.lock ? query.forUpdate() : query);
    if (!row) return undefined;
    const [holidays, workingDays] = await Promise.all([days(db, 'sla_holidays', key), days(db, 'sla_working_days', key)]);
    return { ...row, holidays, working_days: workingDays };
  },

  /** What the clock arithmetic needs (calendar.ts). */
  async definition(db: Knex, key: string): Promise<CalendarDefinition | undefined> {
    const record = await calendarRepository.get(db, key);
    if (!record) return undefined;
    return { hours: record.hours, holidays: record.holidays.map((d) => d.date), workingDays: record.working_days.map((d) => d.date) };
  },

  async save(trx: Knex.Transaction, row: Omit<CalendarRow, 'managed_by'> & { managed_by?: CalendarRow['managed_by'] }, holidays: readonly CalendarDay[], workingDays: readonly CalendarDay[]): Promise<void> {
    await trx('sla_calendars')
      .insert({ ...row, hours: JSON.stringify(row.hours) })
      .onConflict('key')
      .merge(['name', 'hours', 'updated_at', 'updated_by']);
    await trx('sla_holidays').where({ calendar_key: row.key }).delete();
    await trx('sla_working_days').where({ calendar_key: row.key }).delete();
    if (holidays.length > 0) await trx('sla_holidays').insert(holidays.map((d) => ({ calendar_key: row.key, day: d.date, name: d.name })));
    if (workingDays.length > 0) await trx('sla_working_days').insert(workingDays.map((d) => ({ calendar_key: row.key, day: d.date, name: d.name })));
  },

  async setHours(trx: Knex.Transaction, key: string, hours: CalendarRow['hours'], actorId: number, now: Date): Promise<void> {
    await trx('sla_calendars').where({ key }).update({ hours: JSON.stringify(hours), updated_at: now, updated_by: actorId });
  },

  async exists(db: Knex, key: string): Promise<boolean> {
    return Boolean(await db('sla_calendars').where({ key }).first('key'));
  },

  /** Open timers counting on a calendar, locked (sla_timers_open_clock_idx). */
  async openTimersOnClock<T>(trx: Knex, key: string): Promise<T[]> {
    return trx('sla_timers').whereRaw(`policy->>'clock' = ?`, [key]).whereIn('state', ['running', 'paused']).orderBy('id').forUpdate();
  },
};
