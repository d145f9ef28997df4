/**
 * npm run bench:report-page — the managers' case-analysis page on the 10 M-ticket data (issue 11:
 * ≤ 1 s on the server, ≤ 2 s to render in the browser). Prints exactly one JSON line on stdout.
 *
 *   --tickets N   (10,000,000; BENCH_TICKETS) the data of bench:reports; its database
 *                 (loopdesk_bench_reports) is seeded when missing and kept for re-runs
 *   --month M     (2026-09) the month the page opens
 *
 * Starts the real server (`server/main.ts`, the console built) on that database, signs a manager
 * in, and measures (1) the server's answer to each API call the page makes, with the CPU the
 * server and PostgreSQL spent on it, (2) the page in Chromium from navigation until the cards,
 * all four charts and the per-unit table are drawn; both as served and after every cell of the
 * month was marked changed (the worst case after a burst of late events). The reference, in the
 * same run: a plain count of the month's tickets from its index.
 */
import type { Page } from 'playwright-core';
import { hashPassword } from '../server/auth/passwords';
import { PASSWORD } from '../test/helpers/app';
import { buildConsole, launch, signIn } from '../test/e2e/browser';
import { startServer } from './lib/child';
import { databaseCpu, processCpu } from './lib/cpu';
import { NAME, openReportsDatabase } from './lib/reports-data';

const log = (message: string) => process.stderr.write(`bench:report-page: ${message}\n`);
const TZ = 'Asia/Shanghai';
const RUNS = 3;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ms = (from: bigint) => Math.round(Number(process.hrtime.bigint() - from) / 1e5) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** From navigation until the page shows its figures: cards, the four charts drawn, the unit table filled. */
async function renderPage(page: Page, url: string): Promise<number> {
  const start = process.hrtime.bigint();
  await page.goto(url);
  await page.getByTestId('kpi-cards').waitFor();
  for (const chart of ['trend-chart', 'ranking-chart', 'category-chart', 'cause-chart']) await page.locator(`[data-testid="${chart}"] canvas`).waitFor();
  await page.locator('[data-testid="unit-table"] tbody tr').first().waitFor();
  return ms(start);
}

async function main(): Promise<void> {
  const tickets = Number(flag('tickets') ?? process.env.BENCH_TICKETS ?? 10_000_000);
  if (!Number.isSafeInteger(tickets) || tickets < 1000) throw new Error('--tickets must be an integer ≥ 1000');
  const month = flag('month') ?? '2026-09';
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('--month must be YYYY-MM');

  const data = await openReportsDatabase(tickets, true);
  const { knex } = data;
  const now = new Date();
  await knex('users').insert({ username: 'bench_manager', name: '经理', role: 'manager', password_hash: await hashPassword(PASSWORD), created_at: now, updated_at: now })
    .onConflict('username').merge(['password_hash']);
  const markAll = () => knex.raw(
    `INSERT INTO report_dirty (unit_key, at, part)
     SELECT DISTINCT unit_key, (month::timestamp + interval '1 day') AT TIME ZONE ?, part
     FROM report_unit_months, unnest(ARRAY['t', 'c']) AS part WHERE month = ?::date`,
    [TZ, `${month}-01`],
  );
  const floorStart = process.hrtime.bigint();
  await knex.raw(
    `SELECT count(*) FROM tickets WHERE created_at >= (?::date)::timestamp AT TIME ZONE ? AND created_at < (?::date + interval '1 month')::timestamp AT TIME ZONE ?`,
    [`${month}-01`, TZ, `${month}-01`, TZ],
  );
  const floorMs = ms(floorStart);

  buildConsole();
  const server = await startServer('server/main.ts', { DATABASE_URL: data.url, LOOPDESK_TIMEZONE: TZ, LOOPDESK_LOG_LEVEL: 'warn', REDIS_URL: '' }, '/healthz');
  const base = `http://127.0.0.1:${server.port}`;
  const browser = await launch();
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_manager', password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    const calls = {
      case_analysis: `/api/reports/case-analysis?month=${month}`,
      trend_13: `/api/reports/trend?to=${month}&months=13`,
      breakdown: `/api/reports/breakdown?month=${month}`,
    };
    const call = async (path: string) => {
      const cpu0 = processCpu(server.pid);
      const db0 = databaseCpu(NAME);
      const start = process.hrtime.bigint();
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return { ms: ms(start), nodeCpuMs: Math.round((processCpu(server.pid) - cpu0) * 1000), dbCpuMs: Math.round((databaseCpu(NAME) - db0) * 1000) };
    };
    const api: Record<string, { ms: number; node_cpu_ms: number; db_cpu_ms: number }> = {};
    for (const [name, path] of Object.entries(calls)) {
      await call(path); // warm: a server that has run a while
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await call(path));
      const best = runs.sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)]!;
      api[name] = { ms: best.ms, node_cpu_ms: best.nodeCpuMs, db_cpu_ms: best.dbCpuMs };
      log(`${name}: ${best.ms} ms (Node ${best.nodeCpuMs} ms CPU, PostgreSQL ${best.dbCpuMs} ms CPU)`);
    }
    await markAll();
    const changed = await call(calls.case_analysis);
    log(`case_analysis with every cell of ${month} changed: ${changed.ms} ms`);

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const url = `${base}/reports?month=${month}`;
    await signIn(page, base, 'bench_manager', `/reports?month=${month}`);
    const renders = [];
    for (let i = 0; i < RUNS; i++) renders.push(await renderPage(page, url));
    await markAll();
    const renderChanged = await renderPage(page, url);
    log(`page: ${renders.join(', ')} ms; ${renderChanged} ms with every cell changed`);

    process.stdout.write(JSON.stringify({
      bench: 'report-page', tickets, month, reused: data.reused,
      api_case_analysis_ms: api.case_analysis!.ms, api_trend_13_ms: api.trend_13!.ms, api_breakdown_ms: api.breakdown!.ms,
      api_case_analysis_all_cells_changed_ms: changed.ms,
      api_cpu_ms: api,
      render_ms: median(renders), render_all_cells_changed_ms: renderChanged,
      reference_month_count_ms: floorMs,
      server_rss_mb: Math.round(server.rss().rssMb),
      target_server_ms: 1000, target_render_ms: 2000,
    }) + '\n');
  } finally {
    await browser.close();
    await server.stop();
    await knex.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:report-page failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
