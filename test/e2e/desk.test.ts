import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import { buildConsole, CHROMIUM, hasChromium, launch, screenshot, signIn } from './browser';

// Issue 10, "broken today" 1–4: what an agent and a handler saw go wrong in the console.
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

beforeAll(async () => {
  buildConsole();
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
