import { auth, complaintBody, type TestApp } from '../helpers/app';
import { axeViolations, screenshot, useConsole } from './browser';

/** Issue 10's desk tools in Chromium, by role: templates and the cause tree (admin), claim and resolve (handler), merge (agent), by cause (report). */
jest.setTimeout(180_000);

const e2e = useConsole();
const { consoleFor } = e2e;
let t: TestApp;
beforeAll(() => ({ t } = e2e));

const u = () => t.fixture.users;
type Ticket = { id: number; version: number; number: string; customer: { phone: string } };
async function accept(overrides: Record<string, unknown> = {}): Promise<Ticket> {
  return (await t.http.post('/api/tickets').set(auth(u().agent)).send(complaintBody(overrides)).expect(201)).body as Ticket;
}
async function dispatch(ticket: Ticket): Promise<Ticket> {
  return (await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(u().agent)).set('If-Match', String(ticket.version)).send({ unit_id: t.fixture.units.countyTeam }).expect(200)).body as Ticket;
}

describe('the administrator keeps the templates and the cause tree', () => {
  it('writes a template with placeholders and builds cause → sub-cause, from the keyboard; both audited', async () => {
    const page = await consoleFor('admin', '/admin?tab=templates', 'laptop');
    await page.getByTestId('templates-admin').waitFor();
    await page.getByTestId('template-new').click();
    await page.getByTestId('template-name').fill('宽带退费');
    await page.locator('[data-testid="template-purpose"]').click();
    await page.locator('.ant-select-dropdown:visible').getByText('处理结果 / 反馈', { exact: true }).click();
    await page.locator('[data-testid="template-category"]').click();
    await page.keyboard.type('宽带');
    await page.keyboard.press('Enter');
    // a typo in a placeholder is refused with the field named
    await page.getByTestId('template-body-zh').fill('{custmer_name}您好');
    await page.getByTestId('template-body-en').fill('Dear {customer_name}');
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-problem').waitFor();
    expect(await page.getByTestId('template-problem').innerText()).toMatch(/中文内容|填写/);
    await page.getByTestId('template-body-zh').fill('{customer_name}您好，工单{ticket_number}的宽带费用已由{unit}核实退还，处理人{agent_name}。');
    await page.getByTestId('template-save').click();
    await page.locator('[data-template-row="宽带退费"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tools-admin-templates');

    await page.getByRole('tab', { name: '原因分类' }).click();
    await page.getByTestId('causes-admin').waitFor();
    await page.locator('[data-testid="cause-category"]').click();
    await page.locator('.ant-select-dropdown:visible').getByText('宽带', { exact: true }).click();
    const add = async (zh: string, en: string, parent?: string) => {
      if (parent) {
        await page.locator('[data-testid="cause-parent"]').click();
        await page.locator('.ant-select-dropdown:visible').getByText(parent, { exact: true }).click();
      }
      await page.getByTestId('cause-name-zh').fill(zh);
      await page.getByTestId('cause-name-en').fill(en);
      await page.getByTestId('cause-name-en').press('Enter');
      await page.locator(`[data-cause="${zh}"]`).waitFor();
    };
    await add('线路故障', 'Line fault');
    await add('入户线老化', 'Drop cable aged', '线路故障');
    await add('账务差错', 'Billing error');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tools-admin-causes');
    const causes = await t.knex('ticket_causes').where({ category: 'broadband' }).orderBy('id');
    expect(causes.map((c: { name_zh: string; parent_id: number | null }) => [c.name_zh, c.parent_id])).toEqual([['线路故障', null], ['入户线老化', causes[0].id], ['账务差错', null]]);
    const audit = await t.knex('audit_log').whereIn('entity', ['reply_template', 'ticket_cause']).where({ actor_id: u().admin.id });
    expect(audit).toHaveLength(4);
  });
});

describe('the handler claims and resolves with a template and a cause', () => {
  it('claims from the ticket page, "/" inserts the filled template, the cause is picked by typing, and shows on the ticket', async () => {
    const ticket = await dispatch(await accept({ category: 'broadband', customer: { phone: '13904116666', name: '周先生', area: 'county' } }));
    const page = await consoleFor('handler1', `/tickets/${ticket.id}`, 'laptop');
    await page.getByTestId('claim').click();
    await page.getByTestId('release').waitFor();
    expect((await t.knex('tickets').where({ id: ticket.id }).first()).assignee_id).toBe(u().handler.id);

    await page.locator('[data-action-tab="resolve"]').click();
    await page.getByTestId('resolution').focus();
    await page.keyboard.type('/');
    await page.getByTestId('template-picker').waitFor();
    await page.keyboard.type('宽带退费');
    await page.locator('[data-testid="template-picker"] [data-template="宽带退费"][aria-selected="true"]').waitFor();
    await screenshot(page, 'tools-template-picker');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('[data-testid="resolution"]') as HTMLTextAreaElement | null)?.value.includes('周先生您好'));
    const text = await page.getByTestId('resolution').inputValue();
    expect(text).toContain(ticket.number);
    expect(text).toContain('庄河装维班');
    expect(text).toContain('handler1');
    // focus is back in the text, after what was inserted
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('resolution');

    await page.locator('[data-testid="cause-picker"] input').focus();
    await page.keyboard.type('入户线');
    await page.locator('.ant-cascader-dropdown:visible').getByText('入户线老化', { exact: false }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.ant-cascader', { hasText: '入户线老化' }).waitFor();
    if (await page.locator('.ant-cascader-dropdown:visible').count() > 0) await page.keyboard.press('Escape');
    await page.locator('.ant-cascader-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    await page.locator('[data-testid="responsibility"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    const resolved = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticket.id}/resolve`));
    await page.keyboard.press('Control+Enter');
    expect((await resolved).status()).toBe(200);
    await page.getByTestId('cause-path').waitFor();
    expect(await page.getByTestId('cause-path').innerText()).toContain('线路故障 / 入户线老化');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tools-handler-resolved-with-cause');

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timezone, year: 'numeric', month: '2-digit' }).format(t.clock.now());
    const report = await consoleFor('super1', `/reports?month=${month}`, 'laptop');
    await report.locator('[data-testid="report-by-cause-tree"] [data-cause-row="入户线老化"]').waitFor();
    await report.getByTestId('report-by-cause-tree').scrollIntoViewIfNeeded();
    await screenshot(report, 'tools-report-by-cause');
  });
});

describe('the agent merges a duplicate complaint', () => {
  it('picks the ticket to keep on the duplicate; both link to each other; a colleague on the survivor sees it live with the duplicate\'s comment', async () => {
    const survivor = await dispatch(await accept({ description: '宽带每晚断线' }));
    const duplicate = await accept({ customer_id: undefined, customer: { phone: survivor.customer.phone }, description: '宽带又断了，第二次来电' });
    await t.http.post(`/api/tickets/${duplicate.id}/comments`).set(auth(u().agent)).send({ body: '用户情绪激动，要求尽快上门' }).expect(201);

    const [agent, colleague] = await Promise.all([consoleFor('agent1', `/tickets/${duplicate.id}`), consoleFor('super1', `/tickets/${survivor.id}`)]);
    await colleague.getByTestId('ticket').waitFor();
    await agent.locator('[data-action-tab="merge"]').click();
    await agent.locator('[data-testid="merge-into"]').click();
    await agent.locator(`.ant-select-dropdown:visible [data-candidate="${survivor.number}"]`).click();
    const merged = agent.waitForResponse((r) => r.url().endsWith(`/api/tickets/${duplicate.id}/merge`));
    await agent.getByTestId('submit-action').click();
    expect((await merged).status()).toBe(200);
    await agent.locator(`[data-testid="related"] [data-related="merged_into"]`).waitFor();
    await agent.locator('[data-testid="ticket"][data-status="closed"]').waitFor();
    await screenshot(agent, 'tools-agent-merged-duplicate');

    await colleague.locator('[data-testid="related"] [data-related="merged_from"]').waitFor({ timeout: 5000 });
    await colleague.locator(`[data-event="comment"][data-source="${duplicate.number}"]`, { hasText: '用户情绪激动' }).waitFor();
    expect(await axeViolations(colleague)).toEqual([]);
    await screenshot(colleague, 'tools-survivor-with-duplicate-timeline');
    // the link leads to the duplicate
    await colleague.locator('[data-related="merged_from"]').click();
    await colleague.locator(`[data-testid="ticket-number"]`, { hasText: duplicate.number }).waitFor();
  });
});
