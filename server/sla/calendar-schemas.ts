import { z } from 'zod';
import { area, hhmm, isoDateTime } from '../http/schemas';
import { PAYMENT_CHANNELS } from '../tickets/vocabulary';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const period = z.tuple([hhmm, hhmm]).refine(([from, until]) => from < until, { message: 'the period must end after it starts', path: [1] });
const periods = z
  .array(period)
  .max(6)
  .refine((list) => list.every((p, i) => i === 0 || p[0] >= list[i - 1]![1]), 'periods in order, not overlapping (e.g. [["09:00","12:00"],["13:30","18:00"]])');

const localDate = z.iso.date().describe("a local date 'YYYY-MM-DD' in the desk's time zone");
const day = z.object({ date: localDate, name: z.string().trim().max(100).default('') }).strict();

export const calendarKeyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _') }).strict();

const weekly = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, periods])) as Record<Weekday, typeof periods>)
  .strict()
  .describe('working periods per weekday in local time; several a day for a lunch break; [] for a day off');

export const putCalendarBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    weekly,
    holidays: z.array(day).max(1000).default([]).describe('local dates on which the calendar does not run'),
    working_days: z.array(day).max(1000).default([]).describe('make-up working days (调休): worked with the hours of an ordinary working day'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!WEEKDAYS.some((d) => body.weekly[d].length > 0)) ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'at least one working period in the week' });
    const seen = new Set<string>();
    body.holidays.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `${h.date} is listed twice` });
      seen.add(h.date);
    });
    const work = new Set<string>();
    body.working_days.forEach((w, i) => {
      if (seen.has(w.date)) ctx.addIssue({ code: 'custom', path: ['working_days', i, 'date'], message: `${w.date} is also a holiday` });
      if (work.has(w.date)) ctx.addIssue({ code: 'custom', path: ['working_days', i, 'date'], message: `${w.date} is listed twice` });
      work.add(w.date);
    });
  });
export type PutCalendarInput = z.output<typeof putCalendarBody>;

export const importCalendarBody = z
  .object({
    format: z.enum(['csv', 'json']).describe('csv: a header row `date,kind,name`; json: an array of {date, kind, name}'),
    content: z.string().min(1).max(1_000_000).describe("the file's text; kind is holiday (休) or working_day (班)"),
    mode: z.enum(['merge', 'replace']).default('merge').describe('merge: add to and overwrite the listed dates; replace: the file is the whole list'),
  })
  .strict();
export type ImportCalendarInput = z.output<typeof importCalendarBody>;

const daySchema = z.object({ date: z.string(), name: z.string() });

export const calendarSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    weekly: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(z.tuple([z.string(), z.string()]))])) as Record<Weekday, z.ZodArray<z.ZodTuple<[z.ZodString, z.ZodString]>>>),
    holidays: z.array(daySchema),
    working_days: z.array(daySchema),
    managed_by: z.enum(['callback_policy']).nullable().describe('callback_policy: the callable hours, edited in the callback policy'),
    timezone: z.string(),
    updated_at: z.string().nullable(),
    updated_by: z.number().int().nullable(),
  })
  .meta({ id: 'Calendar' });
export type CalendarView = z.output<typeof calendarSchema>;

export const calendarChangeSchema = calendarSchema
  .safeExtend({ moved_timers: z.number().int().describe('running timers whose due time the change moved') })
  .meta({ id: 'CalendarChange' });

export const calendarSummarySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    managed_by: z.enum(['callback_policy']).nullable(),
    holidays: z.number().int(),
    working_days: z.number().int(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'CalendarSummary' });

export const previewQuery = z
  .object({
    accepted_at: isoDateTime.optional().describe('when the ticket is accepted (or paid, for reconnection); default now'),
    area: area.optional().describe("the customer's area (picks the tier; city when absent)"),
    payment_channel: z.enum(PAYMENT_CHANNELS).optional(),
  })
  .strict();
export type PreviewQuery = z.output<typeof previewQuery>;

export const previewSchema = z
  .object({
    policy_key: z.string(),
    clock: z.string(),
    started_at: z.string(),
    due_at: z.string(),
    warn_at: z.array(z.string()),
    tier: z.number().int().nullable(),
    target_seconds: z.number().int(),
  })
  .meta({ id: 'SlaPolicyPreview' });
