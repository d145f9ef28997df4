import path from 'node:path';
import type { Page } from 'playwright-core';
import { auth, complaintBody, TOKEN_SECRET, type TestApp } from '../helpers/app';
import type { ListeningApp } from '../helpers/realtime';
import { launch, screenshot, signIn, startServerProcess, useConsole } from './browser';

// Issue 10, "broken today" 1–4: what an agent and a handler saw go wrong in the console.

// Generous: the machine running the suite is shared, and each test drives one or more browsers.
jest.setTimeout(180_000);
const DIST = path.resolve(__dirname, '..', '..', 'client', 'dist');

const e2e = useConsole();
const { consoleFor } = e2e;
let t: TestApp;
let server: ListeningApp;
beforeAll(() => ({ t, server } = e2e));

describe('a ticket seen by two people', () => {
  it('shows a comment typed by one to the other within a second, and after F5 to both', async () => {
    const { agent } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number };
    const [author, colleague] = await Promise.all([consoleFor('agent1', `/tickets/${ticket.id}`), consoleFor('super1', `/tickets/${ticket.id}`)]);
    // Both have loaded (and cached) the ticket before the comment: the stale 304 needs a cached copy.
    await Promise.all([author, colleague].map((p) => p.locator('[data-testid="ticket"][data-version="1"]').waitFor()));

    await author.locator('[data-action-tab="comment"]').click();
    await author.getByTestId('comment').fill('已联系用户，明天上门');
    const posted = author.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticket.id}/comments`));
    await author.getByTestId('submit-action').click();
    expect((await posted).status()).toBe(201);
    const at = Date.now();
    const comment = (p: Page) => p.locator('[data-event="comment"]', { hasText: '已联系用户，明天上门' });
    await comment(colleague).waitFor({ timeout: 1000 });
    expect(Date.now() - at).toBeLessThan(1000);
    await comment(author).waitFor({ timeout: 1000 });

    for (const page of [author, colleague]) {
      await page.reload();
      await page.locator('[data-testid="ticket"][data-version="1"]').waitFor();
      await comment(page).waitFor({ timeout: 2000 });
    }
    await screenshot(colleague, 'desk-comment-seen-by-colleague');
  });

  it('revalidates an unchanged ticket to 304 and a commented one to 200 with a new tag', async () => {
    const { agent } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number };
    const first = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(agent)).expect(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"1-[\w-]+"$/);
    await t.http.get(`/api/tickets/${ticket.id}`).set(auth(agent)).set('If-None-Match', tag).expect(304);
    await t.http.post(`/api/tickets/${ticket.id}/comments`).set(auth(agent)).send({ body: '补充说明' }).expect(201);
    const after = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(agent)).set('If-None-Match', tag).expect(200);
    expect(after.headers.etag).not.toBe(tag);
    expect(after.body.version).toBe(1);
    // The detail's tag still works as If-Match: its version is what counts.
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', after.headers.etag as string)
      .send({ unit_id: t.fixture.units.countyTeam }).expect(200);
  });
});

describe('a restart of the desk', () => {
  it('does not sign anyone out: the console says it is reconnecting and carries on when the desk is back', async () => {
    const env = { DATABASE_URL: t.config.databaseUrl!, LOOPDESK_TOKEN_SECRET: TOKEN_SECRET };
    let desk = await startServerProcess(env);
    // A page fulfilled by the test counts as a public origin to Chromium, which then refuses its
    // socket to 127.0.0.1: this browser lets it through, as a desk on a LAN address would be.
    const front = await launch(['--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults']);
    try {
      const context = await front.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      // The console's files come from a front server (nginx, a CDN) that stays up while the desk
      // process restarts; /api and the socket go to the desk itself.
      await page.route((url) => !/^\/(api|socket\.io)\//.test(url.pathname), (route) => {
        const { pathname } = new URL(route.request().url());
        const file = pathname.startsWith('/assets/') ? path.join(DIST, pathname) : path.join(DIST, 'index.html');
        return route.fulfill({ path: file });
      });
      await signIn(page, desk.url, 'agent1', '/queues');
      await page.getByTestId('queue').waitFor();
      const token = await page.evaluate(() => localStorage.getItem('loopdesk.token'));

      await desk.stop();
      await page.locator('[data-testid="live-state"][data-live="0"]').waitFor();
      await page.reload();
      await page.getByTestId('reconnecting').waitFor();
      expect(await page.getByTestId('reconnecting').innerText()).toContain('重新连接中');
      // It keeps trying and keeps the session while the desk is down.
      await page.waitForTimeout(2500);
      expect(await page.getByTestId('username').count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem('loopdesk.token'))).toBe(token);
      await screenshot(page, 'desk-reconnecting-1366');

      desk = await startServerProcess(env, { port: desk.port });
      await page.getByTestId('whoami').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="live-state"][data-live="1"]').waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe('/queues');
      await page.getByTestId('queue').waitFor();
    } finally {
      await Promise.all([desk.stop(), front.close()]);
    }
  }, 180_000);

  it('still signs out on a 401: a token the desk no longer accepts', async () => {
    const page = await e2e.newPage();
    await page.goto(server.url);
    await page.evaluate(() => localStorage.setItem('loopdesk.token', 'not-a-token'));
    await page.reload();
    await page.getByTestId('username').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('loopdesk.token'))).toBeNull();
  });
});

describe('colleagues by name', () => {
  it('shows handlers, heads and agents by name, tickets by number, and dispatch offers the handlers of the chosen unit', async () => {
    const { agent, handler, head, admin } = t.fixture.users;
    const names: [number, string][] = [[agent.id, '李晓梅'], [handler.id, '张建国'], [head.id, '王主任']];
    for (const [id, name] of names) await t.http.patch(`/api/users/${id}`).set(auth(admin)).send({ name }).expect(200);

    // Dispatch from the agent's console, to a named handler of the chosen team.
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ category: 'service_attitude' })).expect(201)).body as { id: number; number: string };
    await t.http.post(`/api/tickets/${ticket.id}/comments`).set(auth(agent)).send({ body: '用户情绪激动，请尽快处理' }).expect(201);
    const desk = await consoleFor('agent1', `/tickets/${ticket.id}`);
    await desk.locator('[data-action-tab="dispatch"]').click();
    await desk.getByTestId('dispatch-unit-select').click();
    await desk.keyboard.type('DL-ZH-1');
    await desk.keyboard.press('Enter');
    await desk.getByTestId('dispatch-assignee-select').click();
    await desk.keyboard.type('张建国');
    await desk.keyboard.press('Enter');
    const dispatched = desk.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticket.id}/dispatch`));
    await desk.getByTestId('submit-action').click();
    expect(await (await dispatched).json()).toMatchObject({ status: 'dispatched', unit_id: t.fixture.units.countyTeam, assignee_id: handler.id });
    await desk.locator('[data-event="dispatched"]', { hasText: '张建国' }).waitFor();

    // The handler reads who accepted, commented and dispatched, and whose the ticket is.
    const mine = await consoleFor('handler1', `/tickets/${ticket.id}`, 'laptop');
    await mine.locator('[data-event="comment"] [data-actor]', { hasText: '李晓梅' }).waitFor();
    const page = await mine.getByTestId('ticket').innerText();
    expect(page).toContain('张建国');
    expect(page).not.toMatch(/#\d+/);
    await screenshot(mine, 'desk-names-handler-ticket-1366');
    await mine.goto(`${server.url}/queues?view=unit`);
    await mine.locator(`[data-ticket="${ticket.id}"]`, { hasText: '张建国' }).waitFor();
    expect(await mine.getByTestId('queue').innerText()).not.toMatch(/#\d+/);

    // The case owner idles; the head above gets the escalation, by ticket number and owner's name.
    const cityHead = (await t.http.post('/api/users').set(auth(admin))
      .send({ username: 'cityhead', name: '刘总', role: 'unit_head', unit_id: t.fixture.units.city, password: 'Desk-pass-2026' }).expect(201)).body as { id: number };
    await t.http.patch(`/api/units/${t.fixture.units.city}`).set(auth(admin)).send({ head_user_id: cityHead.id }).expect(200);
    const owned = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ category: 'service_attitude' })).expect(201)).body as { id: number; number: string };
    await t.http.post(`/api/tickets/${owned.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    t.clock.advance(3 * 86400);
    await t.services.scheduler.runDue();
    const leader = await consoleFor('cityhead', '/cases');
    const row = leader.locator('[data-testid="escalations"] tr', { hasText: owned.number });
    await row.waitFor();
    expect(await row.innerText()).toContain('王主任');
    expect(await leader.getByTestId('escalations').innerText()).not.toMatch(/#\d+/);
    await screenshot(leader, 'desk-names-escalations');
  });
});

describe('reconnection tickets', () => {
  it('show channel, paid time, bank confirmation and tier on the ticket and in the queue; the clock starts at the confirmation', async () => {
    const { agent } = t.fixture.users;
    const now = t.clock.now().getTime();
    const paidAt = new Date(now - 40 * 60_000).toISOString();
    const confirmedAt = new Date(now - 10 * 60_000).toISOString();
    const reconnection = (payment: Record<string, unknown>, area: string) => complaintBody({
      type: 'reconnection', category: undefined, description: '已缴清欠费，要求复机', payment,
      customer: { phone: `1380411${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`, name: '周女士', area },
    });
    const bank = (await t.http.post('/api/tickets').set(auth(agent)).send(reconnection({ channel: 'bank', paid_at: paidAt, confirmed_at: confirmedAt }, 'county')).expect(201)).body;
    const counter = (await t.http.post('/api/tickets').set(auth(agent)).send(reconnection({ channel: 'counter', paid_at: paidAt }, 'city')).expect(201)).body;
    expect(bank.payment).toEqual({ channel: 'bank', paid_at: paidAt, confirmed_at: confirmedAt, tier: 4 });
    expect(counter.payment).toEqual({ channel: 'counter', paid_at: paidAt, confirmed_at: null, tier: 1 });
    const timers = (await t.http.get(`/api/tickets/${bank.id}`).set(auth(agent)).expect(200)).body.timers as { policy_key: string; started_at: string }[];
    expect(timers.find((x) => x.policy_key === 'reconnect_internal')?.started_at).toBe(confirmedAt);
    const refused = await t.http.post('/api/tickets').set(auth(agent)).send(reconnection({ channel: 'counter', paid_at: paidAt, confirmed_at: confirmedAt }, 'city')).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'payment.confirmed_at' })]);

    const page = await consoleFor('agent1', `/tickets/${bank.id}`, 'laptop');
    const card = page.getByTestId('payment');
    await card.waitFor();
    const text = await card.innerText();
    const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: t.config.timezone }).slice(0, 16);
    expect(text).toContain('银行代扣');
    expect(text).toContain(local(paidAt));
    expect(text).toContain(`银行确认时间`);
    expect(text).toContain(local(confirmedAt));
    expect(text).toMatch(/第\s*4\s*档/);
    await screenshot(page, 'desk-reconnection-ticket-1366');

    await page.goto(`${server.url}/queues?type=reconnection`);
    await page.locator(`[data-ticket="${bank.id}"] [data-testid="payment-tag"]`, { hasText: '第 4 档' }).waitFor();
    await page.locator(`[data-ticket="${counter.id}"] [data-testid="payment-tag"]`, { hasText: '第 1 档' }).waitFor();
    expect(await page.locator(`[data-ticket="${bank.id}"]`).innerText()).toContain('银行代扣');
    await screenshot(page, 'desk-reconnection-queue-1366');
  });
});

describe('the console as shipped', () => {
  const scripts = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);

  it('serves hashed assets precompressed (brotli, gzip) and cached for good, index.html revalidated', async () => {
    const index = await t.http.get('/').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const beforeSignIn = scripts(index.text);
    expect(beforeSignIn.length).toBeGreaterThan(0);
    const sizes: Record<string, { raw: number; gzip: number; br: number }> = {};
    for (const asset of beforeSignIn) {
      const raw = await t.http.get(asset).set('Accept-Encoding', 'identity').expect(200);
      expect(raw.headers['content-encoding']).toBeUndefined();
      const sized = { raw: Number(raw.headers['content-length']), gzip: Number.NaN, br: Number.NaN };
      for (const encoding of ['gzip', 'br'] as const) {
        const res = await t.http.get(asset).set('Accept-Encoding', encoding === 'br' ? 'gzip, deflate, br' : 'gzip').buffer(true).parse((r, done) => {
          r.on('data', () => undefined);
          r.on('end', () => done(null, null));
        }).expect(200);
        expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
        expect(res.headers['content-type']).toMatch(/javascript/);
        if (sized.raw < 1024) continue; // too small to be worth a compressed copy
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers.vary).toMatch(/Accept-Encoding/i);
        sized[encoding] = Number(res.headers['content-length']);
      }
      sizes[asset] = sized;
    }
    const total = (key: 'raw' | 'gzip' | 'br') => Object.values(sizes).reduce((sum, s) => sum + (Number.isNaN(s[key]) ? s.raw : s[key]), 0);
    console.log(JSON.stringify({ js_before_sign_in: sizes, total_raw: total('raw'), total_gzip: total('gzip'), total_br: total('br') }));
    // The feature screens are not part of it: they load when opened.
    expect(beforeSignIn.join(' ')).not.toMatch(/Intake|TicketDetail|Queues|Board|charts/);
  });
});
