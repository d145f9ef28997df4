import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocket } from 'playwright-core';
import { PASSWORD, startTestApp, type TestApp } from '../helpers/app';
import { listen, type ListeningApp } from '../helpers/realtime';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** Debian's Chromium, headless, with the network chatter this machine refuses switched off. */
export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Builds client/dist when missing or stale, as `npm start` does; the app serves it if present at creation. */
export function buildConsole(): void {
  const result = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', 'client', 'build-if-stale.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the console failed');
}

export async function signIn(page: Page, baseUrl: string, username: string, landing = '/'): Promise<void> {
  await page.goto(`${baseUrl}${landing}`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('signin').click();
  await page.locator('[data-testid="live-state"][data-live="1"]').waitFor();
}

/** The socket.io events one page receives, read off the wire (42["type",{…}]). */
export function wireEvents(page: Page): { type: string; payload: Record<string, unknown> }[] {
  const heard: { type: string; payload: Record<string, unknown> }[] = [];
  page.on('websocket', (ws: WebSocket) => {
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString();
      if (!text.startsWith('42')) return;
      const [type, body] = JSON.parse(text.slice(2)) as [string, Record<string, unknown>];
      heard.push({ type, payload: body });
    });
  });
  return heard;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A free TCP port on loopback (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `npm start`'s server as a separate process on this database, as a second node behind a balancer
 * would be; `port` restarts one where an earlier process listened.
 */
export async function startServerProcess(env: Record<string, string>, options: { port?: number } = {}): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const port = options.port ?? await freePort();
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', LOOPDESK_LOG_LEVEL: 'error', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server process exited: ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the server process did not get ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const VIEWPORTS = { wide: { width: 1600, height: 900 }, laptop: { width: 1366, height: 768 } } as const;
type Viewport = keyof typeof VIEWPORTS | { width: number; height: number };
export type ConsolePage = Page & { heard: ReturnType<typeof wireEvents> };

export interface ConsoleFixture {
  /** the app, its fixture users and database (set once beforeAll has run) */
  readonly t: TestApp;
  readonly server: ListeningApp;
  readonly browser: Browser;
  /** A fresh zh-CN browser context's page, not signed in; closed after the test unless `keep`. */
  newPage(viewport?: Viewport, options?: { keep?: boolean }): Promise<ConsolePage>;
  /** A page signed in as `username`, landed on `landing`, with the socket events it hears. */
  consoleFor(username: string, landing?: string, viewport?: Viewport, options?: { keep?: boolean }): Promise<ConsolePage>;
}

/**
 * The one browser-test setup: registers the file's jest hooks (build the console before the app
 * is created, since the app serves client/dist only if it exists then; start the app, its
 * listener and Chromium; close each test's contexts after it and everything at the end).
 */
export function useConsole(options: { clockStart?: string; env?: Record<string, string> } = {}): ConsoleFixture {
  if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  let t: TestApp | undefined;
  let server: ListeningApp | undefined;
  let browser: Browser | undefined;
  const perTest: BrowserContext[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use the fixture inside a test or a later beforeAll`);
    return value;
  };
  beforeAll(async () => {
    buildConsole();
    [t, browser] = await Promise.all([startTestApp({ clockStart: options.clockStart ?? new Date().toISOString(), env: options.env }), launch()]);
    server = await listen(t);
  });
  afterEach(async () => {
    await Promise.all(perTest.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });
  const fixture: ConsoleFixture = {
    get t() { return ready(t, 'the app'); },
    get server() { return ready(server, 'the listener'); },
    get browser() { return ready(browser, 'Chromium'); },
    async newPage(viewport = 'wide', { keep = false } = {}) {
      const context = await fixture.browser.newContext({ locale: 'zh-CN', viewport: typeof viewport === 'string' ? VIEWPORTS[viewport] : viewport });
      if (!keep) perTest.push(context);
      const page = await context.newPage();
      return Object.assign(page, { heard: wireEvents(page) });
    },
    async consoleFor(username, landing = '/', viewport = 'wide', pageOptions = {}) {
      const page = await fixture.newPage(viewport, pageOptions);
      await signIn(page, fixture.server.url, username, landing);
      return page;
    },
  };
  return fixture;
}

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** axe-core, injected into the page, on the whole document: the serious and critical violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the debugging protocol: the console's CSP (no inline script) stays on
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('')}`).join(' | ')}`);
}
