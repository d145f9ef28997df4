import { calendarClock } from '../sla/calendar';

/**
 * Callable-hours arithmetic: when may the desk ring a customer? The callable hours and holidays
 * are wall-clock notions in the desk's time zone (LOOPDESK_TIMEZONE); the SLA engine's working
 * calendar already walks such intervals across days, holidays and offset changes, so callable
 * hours are expressed as one of its calendars: the same interval every day of the week.
 */
export interface CallableHours {
  /** minute of the local day the first call may be made (540 = 09:00) */
  fromMinute: number;
  /** minute of the local day calls stop, exclusive (1200 = 20:00) */
  untilMinute: number;
  /** local calendar days (YYYY-MM-DD) on which nobody is called */
  holidays: ReadonlySet<string>;
}

/**
 * The earliest instant at or after `at` when a callback may be made: `at` itself inside callable
 * hours on a day that is not a holiday, else the start of callable hours on the next such day.
 */
export function earliestCallable(at: Date, hours: CallableHours, timezone: string): Date {
  // one counted millisecond after `at` lands one millisecond after the first callable instant
  return new Date(callableClock(hours, timezone).add(at, 1).getTime() - 1);
}

function callableClock(hours: CallableHours, timezone: string) {
  const interval: [string, string] = [hhmmOf(hours.fromMinute), hhmmOf(hours.untilMinute)];
  const everyDay = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [String(day), [interval]]));
  return calendarClock({ hours: everyDay, holidays: [...hours.holidays] }, timezone);
}

/** 'HH:MM' ⇄ minute of the day (24:00 is the end of the day). */
export function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function hhmmOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** `at` plus `seconds` counted in callable hours only (a 4-hour wait started at 19:00 ends at 12:00 next day). */
export function addCallable(at: Date, seconds: number, hours: CallableHours, timezone: string): Date {
  return callableClock(hours, timezone).add(at, seconds * 1000);
}
