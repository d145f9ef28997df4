import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page, type WebSocket } from 'playwright-core';
import { PASSWORD } from '../helpers/app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** Debian's Chromium, headless, with the network chatter this machine refuses switched off. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
