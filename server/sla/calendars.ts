import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { calendarRepository, type CalendarDay, type CalendarRecord, type CalendarRow } from './calendar-repository';
import {
  WEEKDAYS, type CalendarView, type ImportCalendarInput, type PreviewQuery, type PutCalendarInput, type Weekday,
} from './calendar-schemas';
import type { SlaService } from './service';

const isoWeekday = (d: Weekday) => String(WEEKDAYS.indexOf(d) + 1);

function toWeekly(hours: CalendarRow['hours']): CalendarView['weekly'] {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, hours[isoWeekday(d)] ?? []])) as CalendarView['weekly'];
}

function toHours(weekly: PutCalendarInput['weekly']): CalendarRow['hours'] {
  return Object.fromEntries(WEEKDAYS.filter((d) => weekly[d].length > 0).map((d) => [isoWeekday(d), weekly[d]]));
}

const importedDay = z
  .object({
    date: z.iso.date(),
    kind: z.string().trim().transform((k) => k.toLowerCase()).pipe(z.enum(['holiday', 'working_day', '休', '班', 'workday'])),
    name: z.string().trim().max(100).default(''),
  })
  .strict();

interface ImportError {
  line: number;
  field: string;
  message: string;
}

/** The rows of an official holiday file, with the line (CSV) or index + 1 (JSON) of each bad one. */
function readHolidayFile(input: ImportCalendarInput): { holidays: CalendarDay[]; workingDays: CalendarDay[]; errors: ImportError[] } {
  let records: { line: number; value: unknown }[];
  if (input.format === 'csv') {
    try {
      const rows = parseCsv(input.content.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
      records = rows.map((r) => ({ line: r.info.lines, value: r.record }));
    } catch (error) {
      return { holidays: [], workingDays: [], errors: [{ line: (error as { lines?: number }).lines ?? 1, field: 'content', message: (error as Error).message }] };
    }
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.content);
    } catch (error) {
      return { holidays: [], workingDays: [], errors: [{ line: 1, field: 'content', message: `not JSON: ${(error as Error).message}` }] };
    }
    if (!Array.isArray(parsed)) return { holidays: [], workingDays: [], errors: [{ line: 1, field: 'content', message: 'a JSON array of {date, kind, name}' }] };
    records = parsed.map((value, i) => ({ line: i + 1, value }));
  }
  const holidays: CalendarDay[] = [];
  const workingDays: CalendarDay[] = [];
  const found: ImportError[] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of records) {
    const result = importedDay.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) found.push({ line, field: issue.path.join('.') || 'row', message: issue.message });
      continue;
    }
    const { date, kind, name } = result.data;
    const earlier = seen.get(date);
    if (earlier !== undefined) {
      found.push({ line, field: 'date', message: `${date} is already on line ${earlier}` });
      continue;
    }
    seen.set(date, line);
    (kind === 'holiday' || kind === '休' ? holidays : workingDays).push({ date, name });
  }
  if (records.length === 0) found.push({ line: 1, field: 'content', message: 'the file lists no days' });
  return { holidays, workingDays, errors: found };
}

const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);

/**
 * Working calendars, as an administrator edits them. A change re-times every open timer that
 * counts on the calendar in the same transaction (see SlaService.retimeCalendar), and is audited
 * with its before and after. The `callable` calendar is the callback policy's callable hours:
 * its weekly hours are written only through that policy (setCallableHours); its holidays may be
 * edited here.
 */
export function createCalendarService(deps: Deps, sla: SlaService) {
  const { knex, bus, clock, config } = deps;

  const toView = (record: CalendarRecord): CalendarView => ({
    key: record.key, name: record.name, weekly: toWeekly(record.hours), holidays: record.holidays, working_days: record.working_days,
    managed_by: record.managed_by, timezone: config.timezone, updated_at: record.updated_at?.toISOString() ?? null, updated_by: record.updated_by,
  });

  async function write(principal: Principal, key: string, change: (before: CalendarRecord | undefined) => { name: string; hours: CalendarRow['hours']; holidays: CalendarDay[]; workingDays: CalendarDay[] }) {
    const result = await inTransaction(knex, bus, async (uow) => {
      const { trx } = uow;
      const before = await calendarRepository.get(trx, key, { lock: true });
      const next = change(before);
      const now = clock.now();
      await calendarRepository.save(trx, { key, name: next.name, hours: next.hours, updated_at: now, updated_by: principal.id }, [...next.holidays].sort(byDate), [...next.workingDays].sort(byDate));
      const moved = await sla.retimeCalendar(uow, key, now);
      const after = (await calendarRepository.get(trx, key))!;
      await writeAudit(trx, {
        at: now, actorId: principal.id, entity: 'calendar', entityId: key, action: before ? 'update' : 'create',
        data: { before: before ? toView(before) : null, after: toView(after), moved_timers: moved },
      });
      return { view: toView(after), moved, created: !before };
    });
    sla.forgetCalendar(key);
    return result;
  }

  return {
    async list() {
      return (await calendarRepository.list(knex)).map((r) => ({
        key: r.key, name: r.name, managed_by: r.managed_by, holidays: r.holidays, working_days: r.working_days, updated_at: r.updated_at?.toISOString() ?? null,
      }));
    },

    async get(key: string): Promise<CalendarView> {
      const record = await calendarRepository.get(knex, key);
      if (!record) throw errors.notFound(`calendar ${key}`);
      return toView(record);
    },

    async put(principal: Principal, key: string, input: PutCalendarInput) {
      return write(principal, key, (before) => {
        const hours = toHours(input.weekly);
        if (before?.managed_by === 'callback_policy' && JSON.stringify(hours) !== JSON.stringify(before.hours)) {
          throw errors.conflict('the callable hours are set in the callback policy', {
            code: 'calendar_managed_by_callback_policy', errors: [{ path: 'weekly', message: 'edit callable hours in the callback policy' }],
          });
        }
        return { name: input.name, hours, holidays: input.holidays, workingDays: input.working_days };
      });
    },

    async importDays(principal: Principal, key: string, input: ImportCalendarInput) {
      const file = readHolidayFile(input);
      if (file.errors.length > 0) {
        throw errors.rule(`the file has ${file.errors.length} bad row(s); nothing was imported`, {
          code: 'import_rows_invalid', errors: file.errors.map((e) => ({ path: `content.line${e.line}.${e.field}`, message: e.message })), rows: file.errors,
        });
      }
      const { view, moved } = await write(principal, key, (before) => {
        if (!before) throw errors.notFound(`calendar ${key}`);
        if (input.mode === 'replace') return { name: before.name, hours: before.hours, holidays: file.holidays, workingDays: file.workingDays };
        const listed = new Set([...file.holidays, ...file.workingDays].map((d) => d.date));
        const keep = (list: CalendarDay[]) => list.filter((d) => !listed.has(d.date));
        return { name: before.name, hours: before.hours, holidays: [...keep(before.holidays), ...file.holidays], workingDays: [...keep(before.working_days), ...file.workingDays] };
      });
      return { ...view, moved_timers: moved, imported: { holidays: file.holidays.length, working_days: file.workingDays.length } };
    },

    /** The callback policy's callable hours, every day of the week; in the policy's transaction. */
    async setCallableHours(uow: UnitOfWork, hours: { from: string; until: string }, actorId: number, now: Date): Promise<number> {
      if (!(await calendarRepository.exists(uow.trx, 'callable'))) return 0;
      const everyDay = Object.fromEntries(WEEKDAYS.map((d) => [isoWeekday(d), [[hours.from, hours.until]] as [string, string][]]));
      await calendarRepository.setHours(uow.trx, 'callable', everyDay, actorId, now);
      return sla.retimeCalendar(uow, 'callable', now);
    },
    forgetCallable: () => sla.forgetCalendar('callable'),

    /** When a ticket of this policy accepted (or paid) at `accepted_at` falls due, by the server's own calendar code. */
    async preview(key: string, q: PreviewQuery) {
      const policy = await sla.policyRow(key);
      if (!policy) throw errors.notFound(`SLA policy ${key}`);
      const start = q.accepted_at ? new Date(q.accepted_at) : clock.now();
      const c = await sla.clockFor(policy.clock);
      const area = q.area ?? 'city';
      const tier = policy.tiers?.find((t) => t.payment_channel === q.payment_channel && t.area === area)?.tier ?? null;
      return {
        policy_key: key, clock: policy.clock, started_at: start.toISOString(), target_seconds: policy.target_seconds,
        due_at: c.add(start, policy.target_seconds * 1000).toISOString(),
        warn_at: policy.warn_at.map((f) => c.add(start, Math.round(f * policy.target_seconds * 1000)).toISOString()),
        tier,
      };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
