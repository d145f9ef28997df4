import type { Browser, BrowserContext } from 'playwright-core';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import { TOKEN_SECRET } from '../helpers/app';
import { buildConsole, hasChromium, launch, screenshot, signIn, startServerProcess, wireEvents, CHROMIUM } from './browser';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// The browser suite needs Debian's Chromium (.ci/run installs it); a missing browser fails the run.
if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);

jest.setTimeout(60_000);

let t: TestApp;
let server: ListeningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A signed-in console in its own browser context; `heard` is every socket.io event it received. */
async function consoleFor(username: string, landing = '/', baseUrl = server.url) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const heard = wireEvents(page);
  await signIn(page, baseUrl, username, landing);
  return Object.assign(page, { heard });
}

describe('the built console, served by the app', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Built here, before any app is created: createApp serves client/dist only if it exists then.
    buildConsole();
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('serves index.html for every console route, revalidated each time, and hashed assets for good', async () => {
    const page = await app.http.get('/tickets/12').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = /\/assets\/[^"]+\.js/.exec(page.text)![0];
    const js = await app.http.get(asset).expect(200);
    expect(js.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    await app.http.get('/assets/missing-0000.js').expect(404);
    await app.http.get('/api/nothing-here').expect(404).expect('Content-Type', /problem\+json/);
  });
});

describe('the console in a real browser', () => {
  beforeAll(async () => {
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

  it("an agent logs a complaint from the keyboard and the supervisor's board shows it within a second", async () => {
    const board = await consoleFor('super1', '/board');
    await board.getByTestId('board').waitFor();
    const agent = await consoleFor('agent1');
    await agent.getByTestId('intake-form').waitFor();

    // Everything below is typed: the phone has focus on arrival, Enter looks the caller up; the
    // test moves focus where an agent would Tab to, and every value is entered from the keyboard.
    const started = Date.now();
    await agent.keyboard.type('13904110001');
    await agent.keyboard.press('Enter');
    await agent.getByTestId('customer-card').waitFor();
    const focus = (selector: string) => agent.locator(selector).focus();
    await focus('[data-testid="customer-name"]');
    await agent.keyboard.type('李女士');
    await focus('[data-testid="category"] input');
    await agent.keyboard.type('3'); // options are numbered: 3 = billing
    await agent.keyboard.press('Enter');
    await focus('[data-testid="description"]');
    await agent.keyboard.type('本月话费多扣 30 元，要求退还');
    await focus('[data-testid="dispatch-unit"] input');
    await agent.keyboard.type('DL-ZH-1');
    await agent.keyboard.press('Enter');
    await screenshot(agent, 'intake');
    const accepted = agent.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    const dispatched = agent.waitForResponse((r) => /\/api\/tickets\/\d+\/dispatch$/.test(r.url()));
    await agent.keyboard.press('Control+Enter');
    const ticket = (await (await accepted).json()) as { id: number; number: string; category: string; customer: { name: string } };
    const at = Date.now();
    await board.locator(`[data-testid="latest"] [data-ticket="${ticket.id}"]`).waitFor({ timeout: 1000 });
    expect(Date.now() - at).toBeLessThan(1000);

    expect(ticket).toMatchObject({ category: 'billing', customer: { name: '李女士' } });
    expect(await (await dispatched).json()).toMatchObject({ status: 'dispatched', unit_id: t.fixture.units.countyTeam });
    await agent.getByTestId('last-accepted').waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    await board.locator(`[data-testid="latest"] [data-ticket="${ticket.id}"] [data-status="dispatched"]`).waitFor();
    await screenshot(board, 'board');
    await board.getByTestId('wallboard-toggle').click();
    await board.locator('.wallboard [data-testid="board"]').waitFor();
    await screenshot(board, 'wallboard');
  });

  it('shows a stale action as "changed meanwhile" with the new state', async () => {
    const { agent, supervisor } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number };
    const page = await consoleFor('agent1', `/tickets/${ticket.id}`);
    await page.locator('[data-testid="ticket"][data-version="1"]').waitFor();
    await page.locator('[data-action-tab="dispatch"]').click();
    await page.getByTestId('dispatch-unit-select').click();
    await page.keyboard.type('DL-ZH-1');
    await page.keyboard.press('Enter');

    // A colleague dispatches it meanwhile; the page refreshes live, the open form keeps version 1.
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(supervisor)).set('If-Match', '1').send({ unit_id: t.fixture.units.otherCounty }).expect(200);
    await page.locator('[data-testid="ticket"][data-version="2"]').waitFor();
    const refused = page.waitForResponse((r) => r.url().includes(`/api/tickets/${ticket.id}/dispatch`));
    await page.getByTestId('submit-action').click();
    expect((await refused).status()).toBe(409);
    await page.getByTestId('changed-meanwhile').waitFor();
    expect(await page.getByTestId('changed-meanwhile').innerText()).toMatch(/已被他人修改[\s\S]*已派单/);
    await page.locator('[data-testid="ticket"][data-status="dispatched"][data-version="2"]').waitFor();
    await screenshot(page, 'ticket-changed-meanwhile');
  });

  it('shows a <script> in a complaint description as text', async () => {
    const { agent } = t.fixture.users;
    const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ description: hostile })).expect(201)).body as { id: number };
    const page = await consoleFor('agent1', `/tickets/${ticket.id}`);
    const description = page.getByTestId('description');
    await description.waitFor();
    expect(await description.innerText()).toContain(hostile);
    expect(await description.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // English is one click away, and stays chosen.
    await page.getByTestId('language').click();
    await page.getByText('Timeline', { exact: true }).waitFor();
    await page.reload();
    await page.getByText('Timeline', { exact: true }).waitFor();
  });

  it('does not send a handler the events of another branch', async () => {
    const { agent } = t.fixture.users;
    const [mine, other] = await Promise.all([consoleFor('handler1', '/queues?view=unit'), consoleFor('handler2', '/queues?view=unit')]);
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number; number: string };
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    await mine.locator(`[data-ticket="${ticket.id}"]`).first().waitFor({ timeout: 3000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.heard.filter((e) => e.type.startsWith('ticket.') && (e.payload.ticket as { id: number } | undefined)?.id === ticket.id).map((e) => e.type)).toEqual(['ticket.updated']);
    expect(other.heard.filter((e) => e.type !== 'hello')).toEqual([]);
    expect(await other.locator(`[data-ticket="${ticket.id}"]`).count()).toBe(0);
    await screenshot(mine, 'queue');
  });

  it('shows who else has the ticket open, and drops them when they leave', async () => {
    const { agent } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number };
    const [agentPage, supervisorPage] = await Promise.all([consoleFor('agent1', `/tickets/${ticket.id}`), consoleFor('super1', `/tickets/${ticket.id}`)]);
    await agentPage.locator(`[data-testid="viewers"] [data-viewer="${t.fixture.users.supervisor.id}"]`).waitFor();
    await supervisorPage.locator(`[data-testid="viewers"] [data-viewer="${agent.id}"]`).waitFor();
    await supervisorPage.close();
    await agentPage.locator('[data-testid="viewers"] [data-viewer]').waitFor({ state: 'detached' });
  });

  it('resyncs after a network blip: a ticket logged while offline is on the board after reconnecting', async () => {
    const { agent, supervisor } = t.fixture.users;
    const board = await consoleFor('super1', '/board');
    await board.getByTestId('latest').waitFor();
    // The network goes; the server notices the connection close; nothing can reconnect meanwhile.
    await board.context().setOffline(true);
    for (const socket of server.realtime.io.sockets.sockets.values()) {
      if ((socket.data as { principal?: { id: number } }).principal?.id === supervisor.id) socket.conn.close();
    }
    await board.locator('[data-testid="live-state"][data-live="0"]').waitFor();
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number };
    await new Promise((r) => setTimeout(r, 200));
    expect(await board.locator(`[data-testid="latest"] [data-ticket="${ticket.id}"]`).count()).toBe(0);
    await board.context().setOffline(false);
    await board.locator('[data-testid="live-state"][data-live="1"]').waitFor({ timeout: 15_000 });
    await board.locator(`[data-testid="latest"] [data-ticket="${ticket.id}"]`).waitFor({ timeout: 5000 });
  });

  it("delivers one server process's events to another process's consoles through Redis", async () => {
    const local = await listen(t, { redisUrl: REDIS_URL });
    const other = await startServerProcess({ DATABASE_URL: t.config.databaseUrl!, REDIS_URL: `${REDIS_URL}/9`, LOOPDESK_TOKEN_SECRET: TOKEN_SECRET });
    try {
      const board = await consoleFor('super1', '/board', local.url);
      await board.getByTestId('latest').waitFor();
      const created = await fetch(`${other.url}/api/tickets`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...auth(t.fixture.users.agent) }, body: JSON.stringify(complaintBody()),
      });
      expect(created.status).toBe(201);
      const ticket = (await created.json()) as { id: number };
      await board.locator(`[data-testid="latest"] [data-ticket="${ticket.id}"]`).waitFor({ timeout: 2000 });
    } finally {
      await Promise.all([other.stop(), local.close()]);
    }
  });
});
