import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import { ARTIFACTS, CHROMIUM, buildConsole, hasChromium, launch, screenshot, signIn } from './browser';

// The browser suite needs Debian's Chromium (.ci/run installs it); a missing browser fails the run.
if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk poppler-utils`);

jest.setTimeout(120_000);

let t: TestApp;
let server: ListeningApp;
let browser: Browser;
let month: string;
let rectificationId: number;
let headItemId: number;

async function version(id: number): Promise<number> {
  return (await t.knex('tickets').where({ id }).first('version')).version;
}

/** One responsibility complaint of this month in the county team, with an overdue rectification, and the company's targets. */
async function seed() {
  const { supervisor: sup, agent, manager, head } = t.fixture.users;
  const created = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ description: '营业厅多收安装费，用户要求退还' })).expect(201);
  const id = created.body.id as number;
  await t.http.post(`/api/tickets/${id}/dispatch`).set(auth(sup)).set('If-Match', String(await version(id))).send({ unit_id: t.fixture.units.countyTeam }).expect(200);
  await t.http.post(`/api/tickets/${id}/resolve`).set(auth(sup)).set('If-Match', String(await version(id)))
    .send({ resolution: '已退还安装费并致歉', cause: '营业员误收费', responsibility: 'company' }).expect(200);
  const item = await t.http.post(`/api/reports/cases/${id}/rectifications`).set(auth(manager))
    .send({ description: '营业厅收费核对上墙', owner_id: head.id, due_on: '2020-01-31' }).expect(201);
  rectificationId = item.body.id;
  const second = await t.http.post(`/api/reports/cases/${id}/rectifications`).set(auth(manager))
    .send({ description: '装维班上门前电话确认', owner_id: head.id, due_on: '2099-12-31' }).expect(201);
  headItemId = second.body.id;
  await t.http.put(`/api/reports/targets/${month}`).set(auth(manager))
    .send({ unit_id: null, targets: { responsibility_complaints: 0, first_time_satisfaction: 0.995 } }).expect(200);
}

/** A PGM page from pdftoppm -gray: width, height and the grey level of each pixel. */
function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const data = fs.readFileSync(file);
  const header = data.subarray(0, 64).toString('latin1').split(/\s+/);
  const [magic, width, height, max] = header;
  if (magic !== 'P5' || max !== '255') throw new Error(`not an 8-bit PGM: ${file}`);
  return { width: Number(width), height: Number(height), pixels: data.subarray(data.length - Number(width) * Number(height)) };
}

/** Columns inked within `band` of each side of a page: a table wider than the page prints into (or past) the margin. */
function inkInMargins(page: { width: number; height: number; pixels: Buffer }, band: number): number {
  let inked = 0;
  const edge = Math.floor(page.width * band);
  for (let y = 0; y < page.height; y++) {
    for (const x of [...Array(edge).keys(), ...Array.from({ length: edge }, (_v, i) => page.width - 1 - i)]) {
      if (page.pixels[y * page.width + x]! < 200) inked++;
    }
  }
  return inked;
}

beforeAll(async () => {
  buildConsole();
  [t, browser] = await Promise.all([startTestApp({ clockStart: new Date().toISOString() }), launch()]);
  server = await listen(t);
  month = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timezone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  await seed();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function managerPage(width = 1600, height = 900): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
  const page = await context.newPage();
  await signIn(page, server.url, 'manager1', `/reports?month=${month}`);
  return page;
}

describe('the case-analysis report in the console (manager)', () => {
  it('opens the month with cards, charts and the typical cases, and marks a rectification done', async () => {
    const page = await managerPage();
    await page.goto(`${server.url}/reports?month=${month}`);
    const started = Date.now();
    await page.getByTestId('kpi-cards').waitFor();
    await page.locator('[data-testid="trend-chart"] canvas').waitFor();
    const renderMs = Date.now() - started;

    // translated names with their definition on hover, the figure, its target and that it was missed
    const card = page.locator('[data-kpi="responsibility_complaints"]');
    await expect(card.locator('.kpi-card-name').textContent()).resolves.toBe('责任投诉');
    await expect(page.getByTestId('kpi-responsibility_complaints').textContent()).resolves.toContain('1');
    await expect(card.locator('[data-met]').getAttribute('data-met')).resolves.toBe('0');
    await card.locator('.kpi-name').hover();
    await page.getByRole('tooltip').filter({ hasText: '责任认定为公司责任' }).waitFor();
    for (const chart of ['trend-chart', 'ranking-chart', 'category-chart', 'cause-chart']) await page.locator(`[data-testid="${chart}"] canvas`).waitFor();
    // the table's headers are names, not API keys
    const headers = await page.locator('[data-testid="unit-table"] thead th').allTextContents();
    expect(headers.join('|')).toContain('一次满意率');
    expect(headers.join('|')).not.toMatch(/_/);
    await screenshot(page, 'report-manager-1600');

    await page.getByRole('tab', { name: /典型案例/ }).click();
    const cases = page.getByTestId('typical-cases');
    await cases.getByText('营业厅多收安装费，用户要求退还').waitFor();
    await cases.getByText('营业员误收费').waitFor();
    await cases.getByTestId('case-example').getByText('反面案例').click();
    await cases.getByTestId('case-conclusion').fill('收费核对纳入营业厅日检');
    await cases.getByTestId('case-save').click();
    await cases.locator('[data-example="bad"]').waitFor();
    await screenshot(page, 'report-cases');

    await page.getByRole('tab', { name: '整改跟踪' }).click();
    const row = page.locator(`[data-rect="${rectificationId}"]`);
    await row.locator('[data-rect-status="overdue"]').waitFor();
    expect(await row.evaluate((el) => el.className)).toContain('row-overdue');
    await row.getByTestId('rect-close').click();
    await page.getByTestId('rect-evidence').fill('收费公示已上墙，照片见附件');
    await page.getByTestId('rect-confirm').click();
    await row.locator('[data-rect-status="done"]').waitFor();
    const stored = await t.knex('report_rectifications').where({ id: rectificationId }).first();
    expect(stored).toMatchObject({ evidence: '收费公示已上墙，照片见附件', done_by: t.fixture.users.manager.id });
    expect(stored.done_at).not.toBeNull();
    const review = await t.knex('report_cases').first();
    expect(review).toMatchObject({ example: 'bad', conclusion: '收费核对纳入营业厅日检' });
    await screenshot(page, 'report-rectifications');
    fs.writeFileSync(path.join(ARTIFACTS, 'report-render.json'), JSON.stringify({ render_ms: renderMs }));
    await page.context().close();
  });

  it('opens the tickets a number counts from the per-unit table', async () => {
    const page = await managerPage(1366, 768);
    await page.goto(`${server.url}/reports?month=${month}`);
    await page.locator(`[data-drill="responsibility_complaints:${t.fixture.units.countyTeam}"]`).click();
    await page.getByTestId('drill-filter').waitFor();
    await page.locator('[data-testid="queue"] .ant-table-row').first().waitFor();
    const rows = await page.locator('[data-testid="queue"] .ant-table-row').count();
    expect(rows).toBe(1);
    expect(new URL(page.url()).searchParams.get('figure')).toBe('responsibility_complaints');
    await screenshot(page, 'report-drilldown-1366');
    await page.context().close();
  });
});

describe('the case-analysis report in the console (unit head)', () => {
  it('shows a unit head their subtree only, and lets them close their rectification with evidence', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'head1', `/reports?month=${month}&tab=rectifications`);
    await page.goto(`${server.url}/reports?month=${month}&tab=rectifications`);
    const row = page.locator(`[data-rect="${headItemId}"]`);
    await row.locator('[data-rect-status="open"]').waitFor();
    // no company-wide scope to choose: their unit and the units below it
    await page.getByTestId('report-scope').click();
    const options = await page.locator('.ant-select-item-option').allTextContents();
    expect(options.map((o) => o.trim())).not.toContain('全公司');
    expect(options.length).toBe(2);
    await page.keyboard.press('Escape');
    await row.getByTestId('rect-close').click();
    await page.getByTestId('rect-evidence').fill('已建立上门前电话确认制度');
    await page.getByTestId('rect-confirm').click();
    await row.locator('[data-rect-status="done"]').waitFor();
    expect(await t.knex('report_rectifications').where({ id: headItemId }).first()).toMatchObject({ done_by: t.fixture.users.head.id });
    await screenshot(page, 'report-unit-head-1366');
    await context.close();
  });
});

describe('the printed bulletin', () => {
  it('fits every table on A4 portrait pages, checked page by page', async () => {
    const page = await managerPage();
    // the page the print button prints and the server's PDF is made of
    const html = await page.evaluate(async (m) => {
      const res = await fetch(`/api/reports/bulletin?month=${m}&format=html`, { headers: { Authorization: `Bearer ${localStorage.getItem('loopdesk.token')}` } });
      return res.text();
    }, month);
    const print = await page.context().newPage();
    await print.setContent(html, { waitUntil: 'load' });
    await print.emulateMedia({ media: 'print' });
    // under print media every table is within the body, and the body within the A4 text width
    const widths = await print.evaluate(() => ({
      body: document.body.getBoundingClientRect().width,
      tables: [...document.querySelectorAll('table')].map((table) => Math.max(table.scrollWidth, table.getBoundingClientRect().width)),
    }));
    expect(widths.tables.length).toBeGreaterThan(3);
    for (const width of widths.tables) expect(width).toBeLessThanOrEqual(widths.body + 0.5);
    expect(widths.body).toBeLessThanOrEqual((182 / 25.4) * 96 + 1); // 210 mm less the 2 × 14 mm margins

    const pdf = await print.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = path.join(ARTIFACTS, 'bulletin.pdf');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pageCount).toBeGreaterThanOrEqual(1);

    const prefix = path.join(ARTIFACTS, 'bulletin-page');
    execFileSync('pdftoppm', ['-r', '40', '-gray', file, prefix]);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', file, prefix]);
    const pages = fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith('bulletin-page') && f.endsWith('.pgm')).sort();
    expect(pages).toHaveLength(pageCount);
    for (const name of pages) {
      const image = readPgm(path.join(ARTIFACTS, name));
      // the side margins are 14 mm of 210 (6.7 %): nothing may be printed in the outer 5 % of either side
      expect({ page: name, inked: inkInMargins(image, 0.05) }).toEqual({ page: name, inked: 0 });
    }
    // the page text carries the company, the month and the page numbers of the footer
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('大连市分公司');
    expect(text).toContain(`${month.replace('-', '年')}月服务情况通报`);
    expect(text).toMatch(new RegExp(`第\\s*1\\s*页\\s*/\\s*共\\s*${pageCount}\\s*页`));
    expect(text).toContain('未完成目标');
    await page.context().close();
  });
});
