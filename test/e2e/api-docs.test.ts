import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, CHROMIUM, hasChromium, launch } from './browser';

if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);

// Swagger UI parses a 1.5 MB bundle and the whole document: generous on a busy 2-core machine
jest.setTimeout(180_000);
const slow = { timeout: 90_000 };

let t: TestApp;
let server: ListeningApp;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launch()]);
  server = await listen(t);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('/api/docs in a browser', () => {
  it.each([
    [1600, 900],
    [1366, 768],
  ])('renders every tag of the reference at %ix%i from the desk alone, and opens an operation with its example', async (width, height) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const foreign: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === server.url) return route.continue();
      foreign.push(url.href);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'LoopDesk API' }).waitFor(slow);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `api-docs-top-${width}x${height}.png`) });
    const tags = await page.locator('.opblock-tag-section h3').allInnerTexts();
    expect(tags.map((s) => s.trim().split(/\s/)[0])).toEqual(expect.arrayContaining(['tickets', 'auth', 'sla', 'reports']));

    // the intake operation, expanded: its example body is what an integrator copies
    await page.locator('#operations-tickets-postTickets').click();
    await page.locator('#operations-tickets-postTickets .body-param__example').waitFor(slow);
    expect(await page.locator('#operations-tickets-postTickets .body-param__example').innerText()).toContain('"type": "complaint"');
    await page.locator('#operations-tickets-postTickets').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `api-docs-intake-${width}x${height}.png`) });

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
