import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import { buildConsole, hasChromium, launch, screenshot, signIn, CHROMIUM } from './browser';

// The browser suite needs Debian's Chromium (.ci/run installs it); a missing browser fails the run.
if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);

jest.setTimeout(90_000);

let t: TestApp;
let server: ListeningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function consoleFor(username: string, landing = '/', viewport = { width: 1600, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, server.url, username, landing);
  return page;
}

const post = async (user: TestUser, path: string, body: unknown, version?: number) => {
  const req = t.http.post(path).set(auth(user));
  if (version !== undefined) req.set('If-Match', String(version));
  const res = await req.send(body as object);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** A leadership case (service attitude) dispatched to the county team; resolved by its handler when asked. */
async function leadershipCase(resolve: boolean) {
  const { agent, handler } = t.fixture.users;
  let ticket = await post(agent, '/api/tickets', complaintBody({ category: 'service_attitude', description: '营业员态度恶劣，要求领导出面道歉' }));
  ticket = await post(agent, `/api/tickets/${ticket.id}/dispatch`, { unit_id: t.fixture.units.countyTeam }, ticket.version);
  if (resolve) ticket = await post(handler, `/api/tickets/${ticket.id}/resolve`, { resolution: '已向用户道歉', cause: '营业员态度生硬', responsibility: 'company' }, ticket.version);
  return ticket as { id: number; number: string; version: number };
}

beforeAll(async () => {
  buildConsole(); // before the app is created: it serves client/dist only if it exists then
  // Real time, so the countdowns and the server agree with the browser's clock.
  [t, browser] = await Promise.all([startTestApp({ clockStart: new Date().toISOString() }), launch()]);
  server = await listen(t);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('a leadership case at the callback', () => {
  it("tells the handler and the agent the owner's duties are missing, keeps the agent's satisfied answer, and closes once the owner has acted and explained", async () => {
    const dispatched = await leadershipCase(false);
    // the handler sees it up front, before resolving
    const handler = await consoleFor('handler1', `/tickets/${dispatched.id}`);
    await handler.getByTestId('owner-duties-missing').waitFor();
    expect(await handler.getByTestId('owner-duties-missing').innerText()).toMatch(/head1[\s\S]*当面处理[\s\S]*书面说明/);
    await screenshot(handler, 'leadership-handler-warned');
    const { handler: handlerUser, agent } = t.fixture.users;
    await post(handlerUser, `/api/tickets/${dispatched.id}/resolve`, { resolution: '已向用户道歉', cause: '营业员态度生硬', responsibility: 'company' }, dispatched.version);

    // the agent's work list says so next to the ticket
    const work = (await t.http.get('/api/callbacks').query({ ticket_id: dispatched.id }).set(auth(agent))).body as { items: { ticket_id: number; state: string }[] };
    const state = work.items.find((c) => c.ticket_id === dispatched.id)?.state ?? 'scheduled';
    const page = await consoleFor('agent1', `/callbacks?state=${state === 'due' ? 'due' : 'scheduled'}`);
    const row = page.locator('[data-testid="callbacks"] tr', { hasText: dispatched.number });
    await row.getByTestId('owner-duties-tag').waitFor();
    expect(await row.getByTestId('owner-duties-tag').innerText()).toContain('当面处理');
    await screenshot(page, 'leadership-callbacks-tag');

    // the agent records "satisfied": kept, no English refusal, the ticket waits for its owner
    await row.getByTestId('ticket-link').click();
    await page.getByTestId('owner-duties-missing').waitFor();
    await page.locator('[data-action-tab="callback"]').click();
    await page.getByTestId('outcome').click();
    await page.locator('.ant-select-item-option', { hasText: '满意' }).first().click();
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${dispatched.id}/callback`));
    await page.getByTestId('submit-action').click();
    expect((await answered).status()).toBe(200);
    await page.getByTestId('awaiting-owner').waitFor();
    expect(await page.getByTestId('awaiting-owner').innerText()).toMatch(/回访已记录（回访满意）[\s\S]*head1/);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await page.locator('[data-event="awaiting_owner"]').waitFor();
    await screenshot(page, 'leadership-awaiting-owner');

    // the owner acts in person and explains: the case closes, and the agent's page follows
    const head = await consoleFor('head1', `/tickets/${dispatched.id}`);
    const ownership = head.getByTestId('ownership');
    await ownership.locator('textarea').first().fill('上门当面道歉，用户表示谅解');
    const acted = head.waitForResponse((r) => r.url().endsWith(`/api/tickets/${dispatched.id}/owner-actions`));
    await ownership.getByRole('button', { name: '记录包案处理' }).click();
    expect((await acted).status()).toBe(201);
    await ownership.locator('textarea').last().fill('营业员服务态度生硬，已批评教育并组织培训。');
    await ownership.getByRole('button', { name: '提交书面说明' }).click();
    await head.locator('[data-testid="ticket"][data-status="closed"]').waitFor();
    await page.locator('[data-testid="ticket"][data-status="closed"]').waitFor({ timeout: 5000 });
    await screenshot(head, 'leadership-closed-by-owner');
  });
});
