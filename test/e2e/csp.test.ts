import type { Browser, Page } from 'playwright-core';
import { complaintBody, auth, startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import { buildConsole, launch, screenshot, signIn } from './browser';

// Issue 15, item 10: the built console works under the Content-Security-Policy (no inline script),
// and no other origin can frame it. Any CSP violation the browser reports fails the test.
let t: TestApp;
let server: ListeningApp;
let browser: Browser;
beforeAll(async () => {
  buildConsole();
  [t, browser] = await Promise.all([startTestApp({ clockStart: new Date().toISOString() }), launch()]);
  server = await listen(t);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

/** Collects every CSP violation the page reports, from the console and from the DOM event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|connect|apply|frame)/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

describe('the console under the Content-Security-Policy', () => {
  it.each([
    [1600, 900],
    [1366, 768],
  ])('signs in, goes live over the socket and shows every screen at %ix%i without a violation', async (width, height) => {
    const ticket = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body as { id: number };
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
    try {
      const page = await context.newPage();
      const violations = await watchViolations(page);
      page.setDefaultTimeout(15_000);
      await signIn(page, server.url, 'super1', '/board');
      await page.getByTestId('board').waitFor();
      for (const path of ['/queues', '/reports', '/callbacks', `/tickets/${ticket.id}`]) {
        await page.goto(`${server.url}${path}`);
        await page.locator('[data-testid="live-state"][data-live="1"]').waitFor();
      }
      await page.locator(`[data-testid="ticket"]`).waitFor();
      await screenshot(page, `csp-ticket-${width}x${height}`);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('another origin cannot frame the console', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // a page on another origin (localhost instead of 127.0.0.1) that frames the desk
      const other = server.url.replace('127.0.0.1', 'localhost');
      await page.route(`${other}/framer`, (route) => route.fulfill({ contentType: 'text/html', body: `<iframe id="desk" src="${server.url}/" width="800" height="600"></iframe>` }));
      await page.goto(`${other}/framer`);
      await page.waitForTimeout(2000);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame).toBeDefined();
      // the framed document is blocked: the desk's page never loads inside it, so no sign-in form renders
      expect(await frame!.locator('[data-testid="username"]').count().catch(() => 0)).toBe(0);
      expect(await frame!.evaluate(() => document.getElementById('root') !== null).catch(() => false)).toBe(false);
    } finally {
      await context.close();
    }
  }, 60_000);
});
