/**
 * npm run bench:reports — the monthly case-analysis report on ten years of tickets. Prints exactly
 * one JSON line on stdout; progress goes to stderr.
 *
 *   --tickets N   tickets to seed over ten years (default 10,000,000; BENCH_TICKETS)
 *   --reuse       keep the seeded database of an earlier run with the same count and only measure
 *
 * Seeds its own database (loopdesk_bench_reports) with INSERT … SELECT generate_series in batches,
 * triggers and indexes off during the load, then rebuilds indexes and the monthly rollup, and times
 * the company-wide and one unit's report for one month: as served (rollup fresh) and after every
 * cell of that month was marked changed (the worst case after a burst of late events). Finally a
 * late event (an old ticket reopened) must move the old month's figures.
 */
import type { Principal } from '../server/auth/permissions';
import { systemClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { EventBus } from '../server/events/bus';
import { createLogger } from '../server/logger';
import { createReportsService } from '../server/reports/service';
import { openReportsDatabase } from './lib/reports-data';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10, value };
}

async function main(): Promise<void> {
  const tickets = Number(flag('tickets') ?? process.env.BENCH_TICKETS ?? 10_000_000);
  if (!Number.isSafeInteger(tickets) || tickets < 1000) throw new Error('--tickets must be an integer ≥ 1000');
  const reuse = process.argv.includes('--reuse');

  const { url, knex, reused, phases } = await openReportsDatabase(tickets, reuse);
  const config = loadConfig({ DATABASE_URL: url, LOOPDESK_LOG_LEVEL: 'error', LOOPDESK_TIMEZONE: 'Asia/Shanghai' });
  try {
    const logger = createLogger('error');
    const reports = createReportsService({ knex, bus: new EventBus(logger), clock: systemClock, config, logger });
    const manager: Principal = { id: 1, username: 'bench', name: 'bench', role: 'manager', unitId: null, unitPath: null };
    const branch = (await knex('units').whereRaw(`path ~ '^/[0-9]+/[0-9]+/$'`).orderBy('id').first<{ id: number; path: string }>('id', 'path'))!;
    const month = '2026-09';

    await reports.report(manager, month, undefined); // warm the caches once, as a server that has run a while
    const company = await timed(() => reports.report(manager, month, undefined));
    const unit = await timed(() => reports.report(manager, month, branch.id));
    const trend = await timed(() => reports.trend(manager, { to: month, months: 12 }));

    // worst case: both halves of every cell of the month marked changed, recomputed on the next read
    const markAll = () => knex.raw(
      `INSERT INTO report_dirty (unit_key, at, part)
       SELECT DISTINCT unit_key, (month::timestamp + interval '1 day') AT TIME ZONE 'Asia/Shanghai', part
       FROM report_unit_months, unnest(ARRAY['t', 'c']) AS part WHERE month = ?::date`,
      [`${month}-01`],
    );
    await markAll();
    const companyDirty = await timed(() => reports.report(manager, month, undefined));
    await markAll();
    const unitDirty = await timed(() => reports.report(manager, month, branch.id));

    // a late event: a ticket resolved in that month is reopened now; the month must lose it
    const before = company.value.kpis.resolved;
    const victim = await knex('tickets').where('unit_id', '>', 0)
      .whereRaw(`resolved_at >= ('${month}-01'::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND resolved_at < ('${month}-01'::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'`)
      .first<{ id: number }>('id');
    await knex('tickets').where({ id: victim!.id }).update({ resolved_at: null, status: 'dispatched', handling_round: 2 });
    const after = await timed(() => reports.report(manager, month, undefined));
    const lateEventOk = after.value.kpis.resolved === before - 1;

    const result = {
      bench: 'reports',
      tickets,
      month_tickets: company.value.kpis.tickets,
      month_cases: company.value.cases.length,
      seed_s: phases.seedS,
      index_s: phases.indexS,
      rollup_build_s: phases.rollupS,
      company_month_ms: company.ms,
      unit_month_ms: unit.ms,
      trend_12_months_ms: trend.ms,
      company_month_all_cells_changed_ms: companyDirty.ms,
      unit_month_all_cells_changed_ms: unitDirty.ms,
      after_late_event_ms: after.ms,
      late_event_ok: lateEventOk,
      target_ms: 1000,
      reused,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await knex.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
