import type { Page } from 'playwright-core';
import { auth, complaintBody, type TestApp, type TestUser } from '../helpers/app';
import type { ListeningApp } from '../helpers/realtime';
import { screenshot, useConsole } from './browser';

/** The agent's and the handler's day in Chromium, by role: queues, claim, bulk, caller pop, 360, urge, callbacks, alerts. */
jest.setTimeout(180_000);

const e2e = useConsole();
const { consoleFor } = e2e;
let t: TestApp;
let server: ListeningApp;
beforeAll(() => ({ t, server } = e2e));

const u = () => t.fixture.users;
async function accept(overrides: Record<string, unknown> = {}) {
  return (await t.http.post('/api/tickets').set(auth(u().agent)).send(complaintBody(overrides)).expect(201)).body as { id: number; version: number; number: string; customer_id: number };
}
async function dispatch(ticket: { id: number; version: number }, unit = t.fixture.units.countyTeam, as: TestUser = u().agent) {
  return (await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(as)).set('If-Match', String(ticket.version)).send({ unit_id: unit }).expect(200)).body as { id: number; version: number; number: string };
}

/** No English snake_case code or dotted event name visible in the Chinese console. */
async function expectNoRawCodes(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text.match(/\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z_]+\b/g) ?? []).toEqual([]);
}


describe('handler', () => {
  it('works the unit queue by soonest due: coloured time left, second handlings marked, claims a ticket', async () => {
    const a = await dispatch(await accept({ description: '宽带频繁掉线，已影响居家办公' }));
    const b = await dispatch(await accept({ type: 'fault', category: undefined, description: '固话无拨号音', customer: { phone: '13904119001', area: 'county' } }));
    // a resolved ticket awaits its callback: not in the handler's work list
    const resolved = await dispatch(await accept({ description: '已处理待回访的投诉' }));
    await t.http.post(`/api/tickets/${resolved.id}/resolve`).set(auth(u().handler)).set('If-Match', String(resolved.version))
      .send({ resolution: '已上门处理', cause: '线路老化', responsibility: 'company' }).expect(200);

    for (const size of ['wide', 'laptop'] as const) {
      const page = await consoleFor('handler1', '/queues', size);
      await page.locator(`[data-ticket="${a.id}"] [data-sla="ok"]`).waitFor();
      await page.locator(`[data-ticket="${b.id}"] [data-testid="countdown"]`).waitFor();
      expect(await page.locator(`[data-ticket="${resolved.id}"]`).count()).toBe(0);
      await screenshot(page, `desk-handler-queue-${size}`);
      await expectNoRawCodes(page);
      if (size === 'laptop') continue;
      // soonest due first: the fault's 24 h city/county timer and the complaint's business-hours timer, in due order
      const dues = await page.locator('[data-ticket] [data-testid="countdown"]').allInnerTexts();
      expect(dues.length).toBeGreaterThanOrEqual(2);
      const claimed = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${a.id}/claim`));
      await page.locator(`[data-ticket="${a.id}"] [data-testid="claim"]`).click();
      expect((await claimed).status()).toBe(200);
      await page.locator(`[data-ticket="${a.id}"] [data-testid="release"]`).waitFor();
      // the filters are the URL: only mine
      await page.goto(`${server.url}/queues?assignee=me`);
      await page.locator(`[data-ticket="${a.id}"]`).waitFor();
      expect(await page.locator(`[data-ticket="${b.id}"]`).count()).toBe(0);
    }
  });

  it('sees a second handling marked and a paused ticket without a due time', async () => {
    const ticket = await dispatch(await accept({ description: '二次处理：用户对上次处理不满意' }));
    const done = (await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(u().handler)).set('If-Match', String(ticket.version))
      .send({ resolution: '已处理', cause: '计费错误', responsibility: 'company' }).expect(200)).body as { version: number };
    const reopened = (await t.http.post(`/api/tickets/${ticket.id}/callback`).set(auth(u().agent)).set('If-Match', String(done.version)).send({ outcome: 'unsatisfied' }).expect(200)).body as { version: number };
    await t.http.post(`/api/tickets/${ticket.id}/hold`).set(auth(u().handler)).set('If-Match', String(reopened.version)).send({ reason: 'waiting_customer' }).expect(200);
    const page = await consoleFor('handler1', '/queues?round=second');
    await page.locator(`[data-ticket="${ticket.id}"] [data-testid="second-handling"]`).waitFor();
    await page.locator(`[data-ticket="${ticket.id}"] [data-sla="paused"]`).waitFor();
    await page.goto(`${server.url}/tickets/${ticket.id}`);
    await page.getByTestId('timers').waitFor();
    await screenshot(page, 'desk-handler-paused-ticket');
    // unhold asks for no reason
    await page.locator('[data-action-tab="unhold"]').click();
    const unheld = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticket.id}/unhold`));
    await page.getByTestId('submit-action').click();
    expect((await unheld).status()).toBe(200);
  });
});

describe('supervisor', () => {
  it('selects many rows and dispatches them at once; a ticket changed meanwhile is named in the summary', async () => {
    const tickets = [await accept({ description: '批量派单一' }), await accept({ description: '批量派单二' }), await accept({ description: '批量派单三' })];
    const page = await consoleFor('super1', '/queues?status=accepted');
    for (const ticket of tickets) await page.locator(`[data-ticket="${ticket.id}"] .ant-checkbox-input`).check();
    await page.getByTestId('bulk-bar').waitFor();
    // a colleague dispatches the second in the instant before the supervisor applies (faster than
    // the live update can reach this page): the request carries the version the page showed
    const raced = tickets[1]!;
    await page.route('**/api/tickets/bulk', async (route) => {
      await dispatch(raced, t.fixture.units.otherCounty, u().supervisor);
      await route.continue();
    });
    await page.getByTestId('bulk-unit').click();
    await page.keyboard.type('DL-ZH-1');
    await page.keyboard.press('Enter');
    const bulk = page.waitForResponse((r) => r.url().endsWith('/api/tickets/bulk'));
    await page.getByTestId('bulk-apply').click();
    const body = (await (await bulk).json()) as { succeeded: number; failed: number };
    expect(body).toMatchObject({ succeeded: 2, failed: 1 });
    await page.getByTestId('bulk-summary').waitFor();
    expect(await page.getByTestId('bulk-summary').innerText()).toContain(tickets[1]!.number);
    expect(await page.getByTestId('bulk-summary').innerText()).toContain('已被他人修改');
    await screenshot(page, 'desk-supervisor-bulk-summary');
  });
});

describe('agent', () => {
  it('a ringing call opens intake with the caller looked up within 300 ms; the call id goes on the ticket', async () => {
    const known = await dispatch(await accept({ description: '光猫反复重启，上网中断', customer: { phone: '13904118888', name: '周女士', area: 'county', unit_id: t.fixture.units.countyTeam } }));
    await t.http.post('/api/incidents').set(auth(u().supervisor))
      .send({ title: '庄河地区光缆被挖断', unit_id: t.fixture.units.county, explanation_wording: '因市政施工光缆被挖断，抢修中，预计今晚 20:00 前恢复，请用户耐心等待。' }).expect(201);
    const page = await consoleFor('agent1', '/queues');
    await page.getByTestId('queue').waitFor();
    const started = Date.now();
    const ringing = await fetch(`${server.url}/api/cti/calls`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...auth(u().integration) }, body: JSON.stringify({ agent: 'agent1', caller: '13904118888', call_id: 'PBX-20261203-0042' }),
    });
    expect(ringing.status).toBe(202);
    await page.locator('[data-testid="customer-card"] [data-testid="open-tickets"]').waitFor({ timeout: 15_000 });
    const popMs = Date.now() - started;
    // measured and reported: the server's part (POST to the agent's socket) is asserted < 300 ms in
    // test/integration/console-desk.test.ts; in the browser it also pays navigation and three look-ups on a shared machine
    console.log(JSON.stringify({ caller_pop_ms: popMs }));
    expect(popMs).toBeLessThan(15_000);
    await page.getByTestId('call-id').waitFor();
    expect(new URL(page.url()).searchParams.get('call_id')).toBe('PBX-20261203-0042');
    // the 360: open ticket with its time left, the area's incident with its wording, the suggested unit
    await page.locator(`[data-testid="open-tickets"] [data-ticket="${known.id}"] [data-sla]`).waitFor();
    // (the detector may have opened its own incident from the alike tickets of earlier tests: both show)
    expect(await page.getByTestId('incident-banner').filter({ hasText: '庄河地区光缆被挖断' }).innerText()).toContain('预计今晚 20:00 前恢复');
    await page.getByTestId('suggested-unit').waitFor();
    await screenshot(page, 'desk-agent-caller-pop');

    // the caller chases the open ticket: urge it instead of a duplicate
    const urged = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${known.id}/urge`));
    await page.locator(`[data-ticket="${known.id}"] [data-testid="urge"]`).click();
    expect(await (await urged).json()).toMatchObject({ urge_count: 1 });

    // a new complaint on the same call, linked to the incident in one click
    await page.getByTestId('incident-banner').filter({ hasText: '庄河地区光缆被挖断' }).getByTestId('link-incident').click();
    await page.locator('[data-testid="category"] input').focus();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('description').fill('光缆中断导致宽带无法使用');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    const linked = page.waitForResponse((r) => /\/api\/incidents\/\d+\/tickets$/.test(r.url()));
    await page.keyboard.press('Control+Enter');
    const ticket = (await (await created).json()) as { id: number; call_id: string };
    expect(ticket.call_id).toBe('PBX-20261203-0042');
    expect((await linked).status()).toBe(200);
    const detail = (await t.http.get(`/api/tickets/${ticket.id}`).set(auth(u().agent)).expect(200)).body as { incident: { title: string } | null };
    expect(detail.incident?.title).toBe('庄河地区光缆被挖断');
  });

  it('/intake?phone= looks the caller up from a URL; the handler hears the urge live and sees the count', async () => {
    const ticket = await dispatch(await accept({ description: '移机两周未完成', customer: { phone: '13904117777', area: 'county' } }));
    const handler = await consoleFor('handler1', '/queues');
    await handler.locator(`[data-ticket="${ticket.id}"]`).waitFor();
    const agent = await consoleFor('agent1', '/intake?phone=13904117777', 'laptop');
    await agent.locator(`[data-testid="open-tickets"] li[data-ticket="${ticket.id}"]`).waitFor();
    await screenshot(agent, 'desk-agent-intake-url-laptop');
    const at = Date.now();
    await agent.locator(`li[data-ticket="${ticket.id}"] [data-testid="urge"]`).click();
    // within 1 s on a quiet machine; measured and reported, bounded loosely on this shared one
    await handler.locator(`[data-ticket="${ticket.id}"] [data-testid="urge-count"]`).waitFor({ timeout: 5000 });
    console.log(JSON.stringify({ urge_to_handler_ms: Date.now() - at }));
    await handler.reload();
    await handler.locator(`[data-ticket="${ticket.id}"] [data-testid="urge-count"]`).waitFor();
  });

  it('goes on callback duty, works the due list with the script beside, records the outcome inline', async () => {
    // another branch than the outage above: not a mass-complaint case, which its owner must close first
    const ticket = await dispatch(await accept({ category: 'business_handling', description: '套餐变更未生效已处理，待回访', customer: { phone: '13904116666', name: '孙先生', area: 'county' } }), t.fixture.units.otherCounty);
    await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(u().otherHandler)).set('If-Match', String(ticket.version))
      .send({ resolution: '已退还多扣话费 30 元', cause: '计费系统套餐配置错误', responsibility: 'company' }).expect(200);
    const [callback] = (await t.http.get('/api/callbacks').query({ ticket_id: ticket.id }).set(auth(u().supervisor)).expect(200)).body.items as { id: number; state: string }[];
    if (callback!.state !== 'due') {
      // resolved outside callable hours: the customer asked to be called in a minute, which falls due now
      await t.http.post(`/api/callbacks/${callback!.id}/reschedule`).set(auth(u().supervisor)).send({ at: new Date(t.clock.now().getTime() + 60_000).toISOString() }).expect(200);
      t.clock.advance(61);
    }
    const page = await consoleFor('agent1', '/callbacks');
    const duty = page.getByTestId('duty');
    await duty.waitFor();
    if ((await duty.getAttribute('aria-checked')) !== 'true') await duty.click();
    await page.locator('[data-testid="duty"][aria-checked="true"]').waitFor();
    await t.services.scheduler.runDue();
    await page.locator(`[data-testid="callbacks"] [data-callback="${callback!.id}"]`).waitFor({ timeout: 5000 });
    await page.locator(`[data-callback="${callback!.id}"] td`).nth(1).click();
    await page.getByTestId('script').waitFor();
    expect(await page.getByTestId('script').innerText()).toContain(ticket.number);
    await screenshot(page, 'desk-agent-callbacks');
    await expectNoRawCodes(page);
    const recorded = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticket.id}/callback`));
    await page.locator('[data-testid="script"] [data-script-outcome="satisfied"]').click();
    expect(await (await recorded).json()).toMatchObject({ status: 'closed' });
    await page.locator(`[data-callback="${callback!.id}"]`).waitFor({ state: 'detached' });
  });
});

describe('alerts', () => {
  it('a ticket dispatched to my unit raises the badge and the window title; the switch turns it off', async () => {
    const page = await consoleFor('handler1', '/queues');
    await page.getByTestId('bell').waitFor();
    await dispatch(await accept({ description: '提醒测试一' }));
    await page.locator('[data-testid="bell-count"] .ant-badge-count').waitFor({ timeout: 2000 });
    expect(await page.title()).toMatch(/^\(1\) /);
    await page.getByTestId('bell').click();
    await page.getByTestId('notifications').waitFor();
    await screenshot(page, 'desk-handler-alerts');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/notification-settings') && r.request().method() === 'PUT');
    await page.getByTestId('notify-dispatched').click();
    expect((await saved).status()).toBe(200);
    await page.keyboard.press('Escape');
    await page.mouse.click(800, 600);
    await dispatch(await accept({ description: '提醒测试二' }));
    await new Promise((r) => setTimeout(r, 800));
    expect(await page.title()).not.toMatch(/^\(/);
    const stored = (await t.http.get('/api/me/notification-settings').set(auth(u().handler)).expect(200)).body as { kinds: { dispatched: boolean } };
    expect(stored.kinds.dispatched).toBe(false);
  });
});
