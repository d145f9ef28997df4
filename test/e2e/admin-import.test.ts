import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import { axeViolations, buildConsole, CHROMIUM, hasChromium, launch, screenshot, signIn, wireEvents } from './browser';

if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
jest.setTimeout(120_000);

/** Issue 12 in the browser: the bulk import (errors first, then a real import with its progress bar) and the forced password change. */
let t: TestApp;
let server: ListeningApp;
let browser: Browser;
let page: Page;
let heard: ReturnType<typeof wireEvents>;

beforeAll(async () => {
  buildConsole();
  // customer files over 500 rows are committed in batches of 500: the progress bar gets several steps
  [t, browser] = await Promise.all([startTestApp({ clockStart: new Date().toISOString(), env: { LOOPDESK_IMPORT_BATCH_ABOVE_ROWS: '500' } }), launch()]);
  server = await listen(t);
  page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })).newPage();
  // the socket opens at sign-in: listen to its frames from the start
  heard = wireEvents(page);
  await signIn(page, server.url, 'admin', '/admin?tab=import');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const customers = async () => Number((await t.knex('customers').count<{ count: string }[]>('* as count'))[0]!.count);

async function pick(name: string, content: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-import-')), name);
  fs.writeFileSync(file, content);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('bulk-pick').click();
  await (await chooser).setFiles(file);
  await page.getByTestId('bulk-file').filter({ hasText: name }).waitFor();
}

describe('bulk import in the console', () => {
  it('a file with bad rows lists them and changes nothing; the real import shows its progress and lands', async () => {
    await page.getByTestId('bulk-admin').waitFor();
    await page.getByRole('radio', { name: '客户' }).check();
    const before = await customers();

    await pick('bad.csv', 'phone,name,area\n13800000001,张三,city\nabc,李四,city\n13800000003,王五,火星\n');
    await page.getByTestId('bulk-dry-run').click();
    const errors = page.getByTestId('bulk-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toMatch(/2 处错误/);
    expect(text).toMatch(/3\s+phone/);
    expect(text).toMatch(/4\s+area/);
    await screenshot(page, 'admin-bulk-import-errors');
    expect(await customers()).toBe(before);

    const rows = Array.from({ length: 3000 }, (_, i) => `1381234${String(i).padStart(4, '0')},客户${i},${i % 2 ? 'city' : 'county'}`);
    await pick('customers.csv', `phone,name,area\n${rows.join('\n')}\n`);
    await page.getByTestId('bulk-dry-run').click();
    await page.getByTestId('bulk-result').filter({ hasText: '检查通过' }).waitFor();
    expect(await customers()).toBe(before);

    await page.getByTestId('bulk-run').click();
    await page.getByTestId('bulk-result').filter({ hasText: '导入完成' }).waitFor();
    expect(await page.getByTestId('bulk-result').innerText()).toMatch(/共 3000 行，新增 3000 条/);
    await page.getByTestId('bulk-progress').filter({ hasText: '已完成' }).waitFor();
    expect(await page.getByTestId('bulk-progress').getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await customers()).toBe(before + 3000);
    const progress = heard.filter((e) => e.type === 'import.progress');
    // 3,000 rows may land within one progress interval on a quiet machine (then no event between
    // the start of applying and the end): the bar follows the import's own events, which only move
    // forward and end with `done` at 100 %
    const applying = progress.filter((e) => e.payload.phase === 'applying').map((e) => Number(e.payload.percent));
    expect(applying.length).toBeGreaterThan(0);
    expect(applying).toEqual([...applying].sort((x, y) => x - y));
    expect(progress.at(-1)?.payload).toMatchObject({ phase: 'done', percent: 100 });
    // away from the button just pressed: its hover colour is not what axe should judge
    await page.mouse.move(0, 0);
    await screenshot(page, 'admin-bulk-import-done');
    expect(await axeViolations(page)).toEqual([]);

    // the same file again: recognised, nothing written twice
    await page.getByTestId('bulk-run').click();
    await page.getByTestId('bulk-result').filter({ hasText: '已导入过' }).waitFor();
    expect(await customers()).toBe(before + 3000);
  });

  it('the users screen shows the last sign-in', async () => {
    await page.goto(`${server.url}/admin?tab=users`);
    await page.getByTestId('last-sign-in-admin').waitFor();
    expect(await page.getByTestId('last-sign-in-admin').innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await page.getByTestId('last-sign-in-handler2').innerText()).toMatch(/从未登录/);
  });
});

describe('a password reset by the admin', () => {
  it('sends the user to the change-password screen before anything else', async () => {
    const user = t.fixture.users.handler;
    await t.http.patch(`/api/users/${user.id}`).set({ Authorization: `Bearer ${t.fixture.users.admin.token}` }).send({ password: 'Given-by-admin-42' }).expect(200);
    const other = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })).newPage();
    await other.goto(`${server.url}/queues`);
    await other.getByTestId('username').fill(user.username);
    await other.getByTestId('password').fill('Given-by-admin-42');
    await other.getByTestId('signin').click();
    await other.getByTestId('change-password').waitFor();
    expect(await other.getByTestId('live-state').count()).toBe(0);
    expect(await axeViolations(other)).toEqual([]);

    await other.getByTestId('current-password').fill('Given-by-admin-42');
    await other.getByTestId('new-password').fill('Given-by-admin-42');
    await other.getByTestId('repeat-password').fill('Given-by-admin-42');
    await other.getByTestId('password-submit').click();
    await other.getByTestId('password-error').waitFor();
    await screenshot(other, 'must-change-password');

    await other.getByTestId('new-password').fill('Handler-own-2026');
    await other.getByTestId('repeat-password').fill('Handler-own-2026');
    await other.getByTestId('password-submit').click();
    await other.locator('[data-testid="live-state"][data-live="1"]').waitFor();
    expect(await other.getByTestId('change-password').count()).toBe(0);
    expect((await t.knex('users').where({ id: user.id }).first()).must_change_password).toBe(false);
  });
});
