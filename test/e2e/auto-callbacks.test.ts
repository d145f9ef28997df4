import { axeViolations, screenshot, useConsole } from './browser';

jest.setTimeout(90_000);
const ui = useConsole();

describe('automatic callbacks in the console', () => {
  it('the administrator sets up the voice platform by keyboard; the report shows callbacks by channel; both pass axe', async () => {
    const page = await ui.consoleFor('admin', '/admin?tab=rules');
    const card = page.getByTestId('callback-automation');
    await card.waitFor();
    await page.getByLabel('语音平台外呼地址').fill('https://ivr.example.test/calls');
    await page.getByLabel('签名密钥').fill('a-shared-secret-of-the-platform');
    await page.getByLabel('自动回访方式').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/callbacks/automation') && r.request().method() === 'PUT');
    await page.getByTestId('callback-automation-save').click();
    expect((await saved).status()).toBe(200);
    expect((await ui.t.http.get('/api/callbacks/automation').set('Authorization', `Bearer ${ui.t.fixture.users.admin.token}`).expect(200)).body)
      .toMatchObject({ channel: 'ivr', ivr: { endpoint: 'https://ivr.example.test/calls', secret_set: true } });
    await card.getByText('未配置短信中心').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-automatic-callbacks');
    expect(await axeViolations(page, '[data-testid="callback-automation"]')).toEqual([]);

    await page.goto(`${ui.server.url}/reports`);
    const channels = page.getByTestId('callback-channels');
    await channels.locator('tbody').waitFor();
    await channels.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-callback-channels');
    expect(await axeViolations(page, '[data-testid="callback-channels"]')).toEqual([]);
  });
});
