/**
 * Callable-hours arithmetic: when may the desk ring a customer? Times are instants (Date); the
 * callable hours and holidays are wall-clock notions in the desk's time zone (LOOPDESK_TIMEZONE).
 * The holiday list is a parameter so the SLA working calendar can supply it without changes here.
 */
export interface CallableHours {
  /** minute of the local day the first call may be made (540 = 09:00) */
  fromMinute: number;
  /** minute of the local day calls stop, exclusive (1200 = 20:00) */
  untilMinute: number;
  /** local calendar days (YYYY-MM-DD) on which nobody is called */
  holidays: ReadonlySet<string>;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  secondOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

function localParts(at: Date, timezone: string): LocalParts {
  const values: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(at)) if (part.type !== 'literal') values[part.type] = Number(part.value);
  return {
    year: values.year!, month: values.month!, day: values.day!,
    secondOfDay: values.hour! * 3600 + values.minute! * 60 + values.second! + (at.getTime() % 1000) / 1000,
  };
}

/** The local calendar day of an instant, YYYY-MM-DD. */
export function localDay(at: Date, timezone: string): string {
  const p = localParts(at, timezone);
  return dayKey(p.year, p.month, p.day);
}

function dayKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant at which the local clock in `timezone` reads that day and minute. */
export function localTime(year: number, month: number, day: number, minute: number, timezone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  // The zone's offset at the wall time read as UTC is right except across an offset change; one
  // correction with the offset at the first guess settles it.
  let guess = wall - offsetMs(new Date(wall), timezone);
  guess = wall - offsetMs(new Date(guess), timezone);
  return new Date(guess);
}

function offsetMs(at: Date, timezone: string): number {
  const p = localParts(new Date(Math.floor(at.getTime() / 1000) * 1000), timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day) + Math.round(p.secondOfDay) * 1000;
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The earliest instant at or after `at` when a callback may be made: `at` itself inside callable
 * hours on a working day, else the start of callable hours on the next day that is not a holiday.
 */
export function earliestCallable(at: Date, hours: CallableHours, timezone: string): Date {
  const p = localParts(at, timezone);
  let year = p.year;
  let month = p.month;
  let day = p.day;
  if (!hours.holidays.has(dayKey(year, month, day))) {
    if (p.secondOfDay >= hours.fromMinute * 60 && p.secondOfDay < hours.untilMinute * 60) return at;
    if (p.secondOfDay < hours.fromMinute * 60) return localTime(year, month, day, hours.fromMinute, timezone);
  }
  // A year of holidays in a row is a misconfiguration; stop rather than loop forever.
  for (let i = 0; i < 366; i += 1) {
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    year = next.getUTCFullYear();
    month = next.getUTCMonth() + 1;
    day = next.getUTCDate();
    if (!hours.holidays.has(dayKey(year, month, day))) return localTime(year, month, day, hours.fromMinute, timezone);
  }
  throw new Error('no callable day within a year: check the callback policy holidays');
}

/** 'HH:MM' ⇄ minute of the day (24:00 is the end of the day). */
export function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function hhmmOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
