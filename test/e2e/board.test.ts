import type { Page } from 'playwright-core';
import { auth, type TestApp } from '../helpers/app';
import type { ListeningApp } from '../helpers/realtime';
import { screenshot, useConsole } from './browser';

// generous: on a loaded 2-core machine a sign-in and the first board load took 30 s
jest.setTimeout(180_000);

/**
 * The supervisor's SLA board in Chromium: a breached count opens exactly its tickets, counts move
 * live and are right again after a reconnect, and the wall screen fills 1080p and 4K.
 */
const e2e = useConsole();
const { consoleFor } = e2e;
let t: TestApp;
let server: ListeningApp;
beforeAll(() => ({ t, server } = e2e));

let phone = 0;
async function fault(unitId: number | null) {
  phone += 1;
  const created = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
    .send({ type: 'fault', description: '宽带无法上网，光猫红灯', customer: { phone: `1350000${String(phone).padStart(4, '0')}`, name: '赵女士', area: 'county' } }).expect(201)).body as { id: number; version: number };
  if (unitId === null) return created;
  return (await t.http.post(`/api/tickets/${created.id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(created.version))
    .send({ unit_id: unitId }).expect(200)).body as { id: number; version: number };
}

const tileCount = (page: Page, unitId: number | string, state: string) =>
  page.locator(`[data-testid="tiles"] [data-unit="${unitId}"] [data-state="${state}"]`);

beforeAll(async () => {
  // a company with more branches than one wall screen shows at once
  const { units: { city } } = t.fixture;
  for (const [code, name] of [['DL-GJZ', '甘井子区分公司'], ['DL-JZ', '金州区分公司'], ['DL-LS', '旅顺口区分公司'], ['DL-PLD', '普兰店市分公司'], ['DL-CH', '长海县分公司'], ['DL-KF', '客户服务中心（10060热线）'], ['DL-DKH', '大客户响应中心'], ['DL-WW', '网络维护中心'], ['DL-JF', '计费中心']]) {
    await t.http.post('/api/units').set(auth(t.fixture.users.admin)).send({ code, name, parent_id: city, area: 'city' }).expect(201);
  }
  await t.http.put('/api/sla-policies/e2e_fault_fast').set(auth(t.fixture.users.admin))
    .send({ name: '障碍：10分钟响应（演练）', ticket_type: 'fault', target_seconds: 600, warn_at: [0.5], regulatory: false, escalate_on_breach: false }).expect(201);
});

describe('the SLA board in a browser', () => {
  it('a supervisor sees breaches arrive live, clicks the breached count of a unit and lands on exactly those tickets', async () => {
    const { county, countyTeam, otherCounty } = t.fixture.units;
    const board = await consoleFor('super1', '/board');
    await tileCount(board, county, 'breached').waitFor();
    expect(await tileCount(board, county, 'breached').getAttribute('data-count')).toBe('0');

    const late = [await fault(countyTeam), await fault(county)];
    await fault(otherCounty);
    t.clock.advance(300);
    const fresh = await fault(countyTeam); // half-way through the others' 600 s: still ok when they breach
    t.clock.advance(301);
    await t.services.scheduler.runDue();

    // the breaches reach the open board through events, without a reload
    await board.locator(`[data-testid="tiles"] [data-unit="${county}"] [data-state="breached"][data-count="2"]`).waitFor({ timeout: 5000 });
    await board.locator(`[data-testid="late"] [data-ticket="${late[0]!.id}"][data-state="breached"]`).waitFor();
    await board.locator('[data-testid="policies-internal"] [data-policy="e2e_fault_fast"] [data-state="breached"][data-count="3"]').waitFor();
    await screenshot(board, 'board-1600x900');

    await tileCount(board, county, 'breached').click();
    await board.waitForURL((url) => url.pathname === '/queues' && url.searchParams.get('unit_id') === String(county) && url.searchParams.get('sla_state') === 'breached');
    await board.locator('[data-testid="board-filters"]').waitFor();
    await board.locator(`[data-testid="queue"] tr[data-ticket="${late[0]!.id}"]`).waitFor();
    const listed = await board.locator('[data-testid="queue"] tr[data-ticket]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-ticket'))));
    expect(listed.sort()).toEqual(late.map((x) => x.id).sort());
    expect(listed).not.toContain(fresh.id);
    await screenshot(board, 'board-queue-breached');

    // the unit's own page: its subtree, reached from the tile's name
    await board.goto(`${server.url}/board`);
    await board.locator(`[data-testid="tiles"] [data-unit="${county}"] [data-testid="tile-unit-link"]`).click();
    await board.locator('[data-testid="board-breadcrumb"]').waitFor();
    await board.locator(`[data-testid="tiles"] [data-unit="${countyTeam}"] [data-state="breached"][data-count="1"]`).waitFor();
    await board.locator(`[data-testid="tiles"] [data-kind="self"] [data-state="breached"][data-count="1"]`).waitFor();
    await board.locator('[data-testid="today-breached"]').filter({ hasText: '2' }).waitFor();
    await board.setViewportSize({ width: 1366, height: 768 });
    await screenshot(board, 'board-unit-1366x768');
  });

  it('is right again after a reconnect: what changed while offline is counted', async () => {
    const board = await consoleFor('super1', '/board');
    const undispatched = tileCount(board, 'none', 'ok');
    await undispatched.waitFor();
    const before = Number(await undispatched.getAttribute('data-count'));
    await board.context().setOffline(true);
    for (const socket of server.realtime.io.sockets.sockets.values()) {
      if ((socket.data as { principal?: { id: number } }).principal?.id === t.fixture.users.supervisor.id) socket.conn.close();
    }
    await board.locator('[data-testid="live-state"][data-live="0"]').waitFor();
    await fault(null);
    await board.context().setOffline(false);
    await board.locator('[data-testid="live-state"][data-live="1"]').waitFor({ timeout: 15_000 });
    await board.locator(`[data-testid="tiles"] [data-unit="none"] [data-state="ok"][data-count="${before + 1}"]`).waitFor({ timeout: 5000 });
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`the wall screen fills ${width}x${height}: type scaled to the width, no scrolling, a clock and the connection state`, async () => {
      const wall = await consoleFor('super1', '/board', { width, height });
      await wall.goto(`${server.url}/board?wall=1`);
      await wall.locator('[data-wall="1"] [data-testid="tiles"] [data-unit]').first().waitFor();
      await wall.locator('[data-wall="1"] [data-testid="live-state"][data-live="1"]').waitFor();
      const layout = await wall.evaluate(() => {
        const root = document.querySelector('[data-wall="1"]') as HTMLElement;
        const box = root.getBoundingClientRect();
        return {
          em: parseFloat(getComputedStyle(root).fontSize), width: box.width, height: box.height,
          scrolls: document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
          clock: document.querySelector('[data-wall="1"] [data-testid="board-clock"]')?.textContent ?? '',
          // nothing spills out of its panel
          overflowing: [...root.querySelectorAll('section')].filter((s) => s.scrollHeight > s.clientHeight + 1).length,
        };
      });
      expect(layout).toMatchObject({ em: width / 120, width, height, scrolls: false, overflowing: 0 });
      expect(layout.clock).toMatch(/^\d\d:\d\d:\d\d/);
      await wall.waitForTimeout(500); // charts finish their entry animation
      await screenshot(wall, `wallboard-${width}x${height}`);
    });
  }

  it('rotates through the units when they do not all fit', async () => {
    const wall = await consoleFor('super1', '/board', { width: 1920, height: 1080 });
    await wall.goto(`${server.url}/board?wall=1`);
    const page = wall.locator('[data-testid="wall-page"]');
    await page.waitFor();
    const first = await page.textContent();
    const shown = await wall.locator('[data-wall="1"] [data-testid="tiles"] [data-unit]').evaluateAll((x) => x.map((e) => e.getAttribute('data-unit')).join());
    await wall.waitForFunction((before) => document.querySelector('[data-testid="wall-page"]')?.textContent !== before, first, { timeout: 15_000 });
    const next = await wall.locator('[data-wall="1"] [data-testid="tiles"] [data-unit]').evaluateAll((x) => x.map((e) => e.getAttribute('data-unit')).join());
    expect(next).not.toBe(shown);
  });
});
