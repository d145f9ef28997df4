import { axeViolations, screenshot, useConsole } from './browser';

jest.setTimeout(90_000);
const ui = useConsole();

describe('parked mail in the console', () => {
  it('a supervisor sees the refused mail with its error and sends it again from the keyboard (audited)', async () => {
    const { t } = ui;
    const now = new Date();
    await t.knex('mail_notifications').insert({ id: 'e2e:parked:1', kind: 'ownership.assigned', ticket_id: null, locale: 'zh-CN', subject: '【领导包案】TS20261203-0001 由您包案处理', body: 'x', created_at: now });
    const [row] = await t.knex('mail_deliveries').insert({
      notification_id: 'e2e:parked:1', recipient: 'old-head@example.test', status: 'failed', attempts: 1,
      last_error: "Can't send mail - all recipients were rejected: 550 mailbox unavailable", message_id: '<e2e@t>', created_at: now,
    }).returning<{ id: string }[]>('id');

    const page = await ui.consoleFor('super1', '/admin?tab=mail', 'laptop');
    const list = page.getByTestId('parked-mail');
    await list.getByText('old-head@example.test').waitFor();
    expect(await list.innerText()).toContain('550 mailbox unavailable');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'parked-mail');

    // keyboard: the retry button is a Tab stop with a name that says whose mail it sends
    const retry = page.getByRole('button', { name: '重发给 old-head@example.test 的邮件' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await page.getByText('已重新排队，将在几秒内发送').waitFor();
    await list.getByText('没有搁置的邮件').waitFor();
    expect(await t.knex('mail_deliveries').where({ id: row!.id }).first()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await t.knex('audit_log').where({ entity: 'mail_delivery', entity_id: row!.id }).select('action', 'actor_id')).toEqual([{ action: 'retry', actor_id: t.fixture.users.supervisor.id }]);
  });
});
