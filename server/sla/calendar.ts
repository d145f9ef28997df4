/**
 * How an SLA clock counts time. A wall clock counts every millisecond; a calendar clock counts
 * only the working intervals of its calendar, in the desk's time zone, skipping holidays.
 * Both answer the two questions a timer asks: how much counted time lies between two instants,
 * and at which instant a given amount of counted time will have passed.
 */
export interface Clockwork {
  /** counted milliseconds in [from, to) */
  measure(from: Date, to: Date): number;
  /** the instant at which `ms` counted milliseconds after `from` have passed */
  add(from: Date, ms: number): Date;
}

export const wallClock: Clockwork = {
  measure: (from, to) => Math.max(0, to.getTime() - from.getTime()),
  add: (from, ms) => new Date(from.getTime() + ms),
};

export interface CalendarDefinition {
  /** local working intervals per ISO weekday, '1' = Monday … '7' = Sunday: [["08:30", "17:30"]] */
  hours: Record<string, [string, string][]>;
  /** local dates 'YYYY-MM-DD' on which the calendar does not run */
  holidays: readonly string[];
  /**
   * make-up working days (调休): local dates, usually a Saturday or Sunday, worked with the hours
   * of an ordinary working day (the first weekday, Monday on, that has hours)
   */
  workingDays?: readonly string[];
}

const MAX_DAYS = 3700; // ten years: a target no calendar can reach is a configuration error
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

function formattedReading(instant: number, timezone: string): number {
  const parts = Object.fromEntries(formatter(timezone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

// Formatting with Intl was the most expensive step of every intake's timer arithmetic. Zone offsets
// only change on quarter-hour boundaries, so the offset of each quarter hour is formatted once.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/** The wall-clock reading in `timezone` of an instant, as if it were UTC (ms, whole seconds). */
function localReading(instant: number, timezone: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timezone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = formattedReading(quarter, timezone) - quarter;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return Math.floor((instant + offset) / 1000) * 1000;
}

/** The instant whose local reading is `reading` (ms since epoch as if UTC); DST gaps resolve forward. */
function instantOf(reading: number, timezone: string): number {
  const first = reading - (localReading(reading, timezone) - reading);
  return reading - (localReading(first, timezone) - first);
}

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

export function calendarClock(calendar: CalendarDefinition, timezone: string): Clockwork {
  const holidays = new Set(calendar.holidays);
  const workingDays = new Set(calendar.workingDays ?? []);
  const hours = new Map(Object.entries(calendar.hours).map(([day, list]) => [Number(day), list.map(([s, e]) => [minutes(s), minutes(e)] as const)]));
  if (![...hours.values()].some((list) => list.some(([s, e]) => e > s))) throw new Error('a calendar needs at least one working interval');
  const workdayHours = [1, 2, 3, 4, 5, 6, 7].map((d) => hours.get(d) ?? []).find((list) => list.length > 0)!;

  const byDay = new Map<number, [number, number][]>();

  /** Working intervals (UTC ms) of the local day whose midnight reading is `dayReading`; each day is worked out once. */
  function intervals(dayReading: number): [number, number][] {
    const known = byDay.get(dayReading);
    if (known) return known;
    const date = new Date(dayReading);
    const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
    const local = date.toISOString().slice(0, 10);
    const dayHours = holidays.has(local) ? [] : workingDays.has(local) && !(hours.get(isoWeekday)?.length) ? workdayHours : (hours.get(isoWeekday) ?? []);
    const list: [number, number][] = dayHours.map(([s, e]) => [instantOf(dayReading + s * 60_000, timezone), instantOf(dayReading + e * 60_000, timezone)]);
    if (byDay.size > 20_000) byDay.clear();
    byDay.set(dayReading, list);
    return list;
  }

  const dayOf = (instant: number) => Math.floor(localReading(instant, timezone) / DAY_MS) * DAY_MS;

  return {
    measure(from, to) {
      const a = from.getTime();
      const b = to.getTime();
      let counted = 0;
      for (let day = dayOf(a), last = dayOf(b); day <= last; day += DAY_MS) {
        for (const [s, e] of intervals(day)) counted += Math.max(0, Math.min(e, b) - Math.max(s, a));
      }
      return counted;
    },
    add(from, ms) {
      const a = from.getTime();
      if (ms <= 0) return new Date(a);
      let left = ms;
      for (let day = dayOf(a), n = 0; n < MAX_DAYS; day += DAY_MS, n += 1) {
        for (const [s, e] of intervals(day)) {
          const start = Math.max(s, a);
          if (start >= e) continue;
          if (left <= e - start) return new Date(start + left);
          left -= e - start;
        }
      }
      throw new Error('the calendar has no working time within ten years');
    },
  };
}

/** The instant the local day of `now` began in `timezone`. */
export function startOfLocalDay(now: Date, timezone: string): Date {
  const reading = localReading(now.getTime(), timezone);
  return new Date(instantOf(Math.floor(reading / DAY_MS) * DAY_MS, timezone));
}
