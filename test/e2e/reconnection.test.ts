import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auth } from '../helpers/app';
import { axeViolations, screenshot, useConsole, type ConsolePage } from './browser';

// generous: on a loaded 2-core machine building the console and the first load took minutes
jest.setTimeout(300_000);

/**
 * The reconnection screen in Chromium: an admin uploads the day's payments as CSV (the feed's
 * fallback) and reads the per-row report; the provisioning queue lists the watches by tier and a
 * payment the billing feed sends meanwhile appears without a reload.
 */
const fx = useConsole();
let page: ConsolePage;
const now = () => fx.t.clock.now().toISOString();

beforeAll(async () => {
  // billing told the desk these accounts are suspended (notified first)
  const events = ['DL001', 'DL002', 'DL003', 'DL004'].flatMap((account, i) => [
    { external_id: `N-${account}`, account_no: account, phone: `1390411000${i}`, area: i % 2 === 0 ? 'city' : 'county', kind: 'notified', at: new Date(Date.now() - 3 * 86400_000).toISOString() },
    { external_id: `S-${account}`, account_no: account, phone: `1390411000${i}`, area: i % 2 === 0 ? 'city' : 'county', kind: 'suspended', at: new Date(Date.now() - 86400_000).toISOString() },
  ]);
  await fx.t.http.post('/api/integrations/suspensions').set(auth(fx.t.fixture.users.admin)).send({ events }).expect(200);
  page = await fx.consoleFor('admin', '/reconnection?tab=upload', 'laptop', { keep: true });
});

function csvFile(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-')), 'payments.csv');
  fs.writeFileSync(file, content);
  return file;
}

describe('reconnection in the console', () => {
  it('uploads a payments file through the feed: progress, then a report per row; the queue shows the watches by tier and a new one live', async () => {
    await page.getByTestId('rc-file').setInputFiles(csvFile([
      'external_id,account_no,phone,channel,paid_at,confirmed_at,amount,area',
      `P-1,DL001,,counter,${now()},,58.5,`,
      `P-2,DL002,,bank,${now()},${now()},120,`,
      'P-3,DL003,,cash,yesterday,,-5,',
      `P-4,NOT-SUSPENDED,,online,${now()},,30,`,
    ].join('\n')));
    await page.getByTestId('rc-send').click();
    await page.locator('[data-testid="rc-progress"][data-done="4"][data-total="4"]').waitFor();
    const report = page.getByTestId('rc-report');
    await report.locator('tbody tr').nth(3).waitFor();
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('已开复机工单');
    expect(rows[2]).toMatch(/拒绝[\s\S]*channel/);
    expect(rows[3]).toContain('非欠费停机');
    expect(await fx.t.knex('reconnection_watches').count<{ count: string }[]>('* as count')).toEqual([{ count: 2 }]);
    // the pointer still rests on the button it clicked: audit the page as it stands, not its hover colours
    await page.mouse.move(0, 0);
    await screenshot(page, 'reconnection-upload');
    expect(await axeViolations(page)).toEqual([]);

    // the provisioning queue: tier 1 (counter, city) before tier 4 (bank, county)
    await page.getByTestId('rc-tabs').getByText('复机队列').click();
    const queue = page.getByTestId('rc-queue');
    await queue.locator('tbody tr[data-row-key]').nth(1).waitFor();
    expect(await queue.locator('tbody tr[data-row-key] td:first-child').allInnerTexts()).toEqual(['第 1 档', '第 4 档']);

    // billing's next payment arrives: its watch shows without a reload
    await fx.t.http.post('/api/integrations/payments').set(auth(fx.t.fixture.users.admin))
      .send({ events: [{ external_id: 'P-5', account_no: 'DL004', channel: 'online', paid_at: now(), amount: 45 }] }).expect(200);
    await queue.locator('tbody tr[data-row-key]').nth(2).waitFor({ timeout: 10_000 });
    await page.getByTestId('rc-tiers').locator('[data-tier="2"]').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, 'reconnection-queue');
    expect(await axeViolations(page)).toEqual([]);
  });
});
