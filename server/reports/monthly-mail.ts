import type { Knex } from 'knex';
import type { Principal, Role } from '../auth/permissions';
import type { Deps } from '../deps';
import type { DueHandler, Scheduler } from '../jobs';
import { recordMail } from '../mail/service';
import { bulletinHtml, reportCsv, reportText } from './render';
import { reportsRepository, type MailRecipientRow } from './repository';
import { shiftMonth, monthOf, type ReportsService } from './service';

/**
 * On the first working day of a month the report for the month before goes to every manager (the
 * whole company) and every unit head (their subtree). The durable scheduler fires it; the handler
 * records the mail (mail_notifications / mail_deliveries) in the same
 * transaction that marks the item fired, and arms the next month's, so a crash can neither lose
 * nor double a month. The mail worker sends what is pending; a notification id per month and
 * scope means re-firing never mails anyone twice.
 */
export const MONTHLY_MAIL_KIND = 'reports.monthly_mail';
const SEND_AT_LOCAL = '08:00';
/** the business calendar's holidays (sla_holidays) decide what a working day is */
const CALENDAR = 'business';

/** Monday to Friday and not a holiday of the business calendar. */
export async function firstWorkingDay(db: Knex, month: string): Promise<string> {
  const rows: { day: string }[] = await db('sla_holidays')
    .where({ calendar_key: CALENDAR })
    .whereBetween('day', [`${month}-01`, `${month}-28`])
    .select(db.raw(`to_char(day, 'YYYY-MM-DD') AS day`));
  const holidays = new Set(rows.map((r) => r.day));
  const [y, m] = month.split('-').map(Number) as [number, number];
  for (let d = 1; d <= 28; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) return day;
  }
  throw new Error(`no working day in the first four weeks of ${month}`);
}

/** When the report of `reportMonth` is mailed: 08:00 local on the next month's first working day. */
export async function monthlyMailDueAt(db: Knex, timezone: string, reportMonth: string): Promise<Date> {
  const day = await firstWorkingDay(db, shiftMonth(reportMonth, 1));
  const result = await db.raw<{ rows: { at: Date }[] }>(`SELECT ((?::date + ?::time)::timestamp AT TIME ZONE ?) AS at`, [day, SEND_AT_LOCAL, timezone]);
  return result.rows[0]!.at;
}

interface Recipient {
  id: number;
  username: string;
  name: string;
  role: Role;
  unit_id: number | null;
  unit_path: string | null;
  email: string;
}

export function monthlyReportMail(deps: Deps, reports: ReportsService, scheduler: Scheduler) {
  const { clock, config } = deps;
  const link = (month: string, unitId: number | null) =>
    `${config.publicUrl.replace(/\/+$/, '')}/reports?month=${month}${unitId === null ? '' : `&unit_id=${unitId}`}`;

  async function enqueue(trx: Knex.Transaction, month: string): Promise<number> {
    // the one definition of who gets it (the admin screen lists the same): those with an address
    const recipients = (await reportsRepository.mailRecipients(trx, null)).filter((r): r is MailRecipientRow & Recipient => r.email !== null);
    const byScope = new Map<string, Recipient[]>();
    for (const r of recipients) {
      const scope = r.role === 'manager' ? 'company' : `unit:${r.unit_id}`;
      byScope.set(scope, [...(byScope.get(scope) ?? []), r]);
    }
    for (const [scope, people] of byScope) {
      const first = people[0]!;
      const principal: Principal = { id: first.id, username: first.username, name: first.name, role: first.role, unitId: first.unit_id, unitPath: first.unit_path };
      const report = await reports.report(principal, month, undefined, trx);
      const bulletin = await reports.bulletin(principal, month, undefined, trx);
      const scopeName = report.unit_id === null ? '全公司' : report.units[0]?.name ?? String(report.unit_id);
      const title = `${month.replace('-', '年')}月服务情况通报 · ${scopeName}`;
      const id = `report.monthly:${month}:${scope}`;
      // the bulletin as the HTML body, the figures as a CSV attachment for the spreadsheet (the PDF is one click away in the link)
      const csv = reportCsv(report, scopeName, { lang: 'zh-CN', keys: 'translated' });
      await recordMail(trx, clock, {
        id, kind: 'report.monthly', ticketId: null, locale: 'zh-CN', subject: title, body: reportText(report, title, link(month, report.unit_id)),
        html: bulletinHtml(bulletin, scopeName),
        attachments: [{ filename: `case-analysis-${month}.csv`, content_type: 'text/csv; charset=utf-8', content_base64: Buffer.from(csv, 'utf8').toString('base64') }],
        recipients: people.map((p) => ({ userId: p.id, email: p.email })),
      });
    }
    return recipients.length;
  }

  /** A month's mailing fell due: record its mails and arm the next month's (the chain). */
  const onDue: DueHandler = async (items, uow) => {
    for (const item of items) {
      await enqueue(uow.trx, item.key);
      const next = shiftMonth(item.key, 1);
      await scheduler.schedule(uow.trx, { kind: MONTHLY_MAIL_KIND, key: next, dueAt: await monthlyMailDueAt(uow.trx, config.timezone, next) });
    }
  };

  return {
    /** The handler of this domain's scheduler kind; jobs.ts registers it at start. */
    jobs: { onDue },

    /**
     * Arms the coming mailing at start: last month's report if this month's mailing day is still
     * ahead, else this month's. Re-arming an armed item changes nothing; the chain continues from
     * the handler, and an item that fell due while the desk was down fires at the next start.
     */
    async arm(db: Knex): Promise<{ month: string; dueAt: Date }> {
      const now = clock.now();
      const current = monthOf(now, config.timezone);
      const pending = await monthlyMailDueAt(db, config.timezone, shiftMonth(current, -1));
      const month = now < pending ? shiftMonth(current, -1) : current;
      const dueAt = month === current ? await monthlyMailDueAt(db, config.timezone, current) : pending;
      await scheduler.schedule(db, { kind: MONTHLY_MAIL_KIND, key: month, dueAt });
      return { month, dueAt };
    },
  };
}

export type MonthlyReportMail = ReturnType<typeof monthlyReportMail>;
