import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import type { ListeningApp } from '../helpers/realtime';
import { screenshot, useConsole } from './browser';

jest.setTimeout(90_000);

const desk = useConsole();
let t: TestApp;
let server: ListeningApp;
let page: Page;
beforeAll(async () => {
  ({ t, server } = desk);
  // one page through the whole story: each test goes on where the last one left the admin
  page = await desk.consoleFor('admin', '/admin', 'laptop', { keep: true });
});

function holidayFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-')), name);
  fs.writeFileSync(file, content);
  return file;
}

async function upload(file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('calendar-import').click();
  await (await chooser).setFiles(file);
}

describe('the administrator runs the calendars and policies from the console', () => {
  it('imports a holiday list: a file with bad rows shows them and changes nothing; a good one lands', async () => {
    await page.getByTestId('calendar-editor').waitFor();
    await page.locator('[data-testid="calendar-name"][value="工作时间"]').waitFor();
    const before = await t.knex('sla_holidays').where({ calendar_key: 'business' }).count<{ count: string }[]>('* as count');

    await upload(holidayFile('bad.csv', 'date,kind,name\n2028-01-01,holiday,元旦\n2028-02-30,holiday,错\n'));
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').innerText()).toMatch(/3[\s\S]*date/);
    await screenshot(page, 'admin-import-errors');
    expect(await t.knex('sla_holidays').where({ calendar_key: 'business' }).count<{ count: string }[]>('* as count')).toEqual(before);

    await upload(holidayFile('2028.csv', 'date,kind,name\n2028-01-01,休,元旦\n2028-01-29,班,春节调休\n'));
    await page.locator('[data-testid="working-days"] input[value="2028-01-29"]').waitFor();
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    await screenshot(page, 'admin-calendar');
  });

  it('edits a policy and sees the preview move, computed by the server', async () => {
    await page.getByRole('tab', { name: '时限策略' }).click();
    await page.locator('a[href="?tab=policies&policy=complaint_first_contact"]').click();
    await page.getByTestId('policy-preview').waitFor();
    await page.getByTestId('preview-at').fill('2028-01-28T17:55');
    const due = page.getByTestId('preview-due');
    await due.waitFor();
    const first = await due.innerText();
    await screenshot(page, 'admin-policy-preview');

    const target = page.locator('input[data-testid="policy-target"], [data-testid="policy-target"] input').first();
    const hoursNow = Number(await target.inputValue());
    await target.fill(String(hoursNow * 2));
    const saved = page.waitForResponse((r) => /\/api\/sla-policies\/[a-z_]+$/.test(r.url()) && r.request().method() === 'PUT');
    await page.getByTestId('policy-save').click();
    expect((await saved).status()).toBe(200);
    await page.waitForFunction(([text]) => document.querySelector('[data-testid="preview-due"]')?.textContent !== text, [first]);
    expect(await due.innerText()).not.toBe(first);
  });

  it('creates a branch, its head and a handler; the audit log shows who did it', async () => {
    await page.goto(`${server.url}/admin?tab=units&unit=${t.fixture.units.city}`);
    await page.getByTestId('units-admin').waitFor();
    await page.getByTestId('unit-new').click();
    await page.getByTestId('unit-code').fill('DL-PLD');
    await page.getByTestId('unit-name').fill('普兰店分公司');
    await page.getByTestId('unit-create-save').click();
    await page.locator('[data-unit="DL-PLD"]').waitFor();
    const unit = await t.knex('units').where({ code: 'DL-PLD' }).first();
    expect(unit.parent_id).toBe(t.fixture.units.city);

    for (const [username, name, role] of [['head.pld', '普兰店负责人', '单位负责人'], ['pld1', '普兰店处理人', '处理人']] as const) {
      await page.goto(`${server.url}/admin?tab=users&user=new`);
      await page.getByTestId('user-form').waitFor();
      await page.getByTestId('user-username').fill(username);
      await page.getByTestId('user-name').fill(name);
      await page.getByTestId('user-role').click();
      await page.locator('.ant-select-dropdown:visible').getByText(role, { exact: true }).click();
      await page.getByTestId('user-unit').click();
      await page.keyboard.type('DL-PLD');
      await page.keyboard.press('Enter');
      await page.getByTestId('user-password').fill('Pulandian-2026!');
      await page.getByTestId('user-save').click();
      await page.getByText(name).waitFor();
    }
    const head = await t.knex('users').where({ username: 'head.pld' }).first();
    expect(head).toMatchObject({ role: 'unit_head', unit_id: unit.id, active: true });

    await page.goto(`${server.url}/admin?tab=units&unit=${unit.id}`);
    await page.getByTestId('unit-form').waitFor();
    await page.getByTestId('unit-head').click();
    await page.keyboard.type('普兰店负责人');
    await page.keyboard.press('Enter');
    const patched = page.waitForResponse((r) => r.url().endsWith(`/api/units/${unit.id}`) && r.request().method() === 'PATCH');
    await page.getByTestId('unit-save').click();
    expect((await patched).status()).toBe(200);
    expect((await t.knex('units').where({ id: unit.id }).first()).head_user_id).toBe(head.id);
    await page.getByTestId('unit-deactivate').click();
    await page.getByTestId('unit-in-use').waitFor();
    expect(await page.getByTestId('unit-in-use').innerText()).toMatch(/2 名在用用户/);
    await screenshot(page, 'admin-units');

    await page.goto(`${server.url}/admin?tab=audit`);
    await page.getByTestId('audit-log').waitFor();
    await page.getByTestId('audit-log').getByText('普兰店负责人').first().waitFor();
    await screenshot(page, 'admin-audit');
  });

  it('sets callable hours once, in the callback policy, and the callable calendar follows', async () => {
    await page.goto(`${server.url}/admin?tab=rules`);
    await page.getByTestId('callback-policy').waitFor();
    await page.getByTestId('ownership-rules').locator('tbody tr').first().waitFor();
    await page.getByTestId('callable-from').fill('08:30');
    await page.getByTestId('callable-until').fill('20:30');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/callbacks/policy') && r.request().method() === 'PUT');
    await page.getByTestId('callback-policy-save').click();
    expect((await saved).status()).toBe(200);
    await screenshot(page, 'admin-rules');

    await page.goto(`${server.url}/admin?tab=calendars&calendar=callable`);
    await page.locator('[data-testid="weekly-sat"][value="08:30-20:30"]').waitFor();
    expect(await page.getByTestId('weekly-sat').isDisabled()).toBe(true);
  });
});
