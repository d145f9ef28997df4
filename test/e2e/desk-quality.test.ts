import type { Page } from 'playwright-core';
import { auth, complaintBody, type TestApp, type TestUser } from '../helpers/app';
import type { ListeningApp } from '../helpers/realtime';
import { axeViolations, screenshot, useConsole } from './browser';

// The browser suite needs Debian's Chromium (.ci/run installs it); a missing browser fails the run.

jest.setTimeout(90_000);

const e2e = useConsole();
const { consoleFor } = e2e;
let t: TestApp;
let server: ListeningApp;
beforeAll(() => ({ t, server } = e2e));

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
    const page = await consoleFor('agent1', `/callbacks?view=${state === 'due' ? 'all' : 'scheduled'}`);
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

/** The screen has drawn what it loads: content in place, no spinner or loading card left. */
async function settled(page: Page): Promise<void> {
  await page.locator('.shell-content > *').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-card-loading-content, .ant-table-placeholder .ant-spin').length === 0);
}

/** snake_case or dotted codes (callback_scheduled, sla.breached) in what the page shows. */
async function visibleCodes(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...new Set([...text.matchAll(/\b[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+\b/g)].map((m) => m[0]))];
}

/** Copy bugs seen in Chinese: empty ordinals, versions, English day units, the "not yet" timer text. */
async function copyBugs(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const bugs: string[] = [];
  for (const [name, re] of [['empty ordinal', /第\s*(次|级)/], ['version shown', /版本\s*\d/], ['"d" for days', /\d+d \d{2}:/], ['timer placeholder', /时限服务上线后显示/], ['pause glyph', /⏸/]] as const) {
    const m = re.exec(text);
    if (m) bugs.push(`${name}: ${m[0]}`);
  }
  return bugs;
}

/** Tickets whose pages show most of the vocabulary: hold, paused timers, callbacks, a case with an escalation. */
async function richTickets() {
  const { agent, handler, head } = t.fixture.users;
  let held = await post(agent, '/api/tickets', complaintBody({ type: 'fault', category: undefined, description: '宽带无法上网，光猫红灯' }));
  held = await post(agent, `/api/tickets/${held.id}/dispatch`, { unit_id: t.fixture.units.countyTeam }, held.version);
  held = await post(handler, `/api/tickets/${held.id}/hold`, { reason: 'waiting_parts', note: '等光猫备件' }, held.version);
  await post(agent, `/api/tickets/${held.id}/comments`, { body: '已告知用户预计明天到货' });

  let unreachable = await post(agent, '/api/tickets', complaintBody({ description: '套餐资费与宣传不符' }));
  unreachable = await post(agent, `/api/tickets/${unreachable.id}/dispatch`, { unit_id: t.fixture.units.countyTeam }, unreachable.version);
  unreachable = await post(handler, `/api/tickets/${unreachable.id}/resolve`, { resolution: '已解释资费', cause: '宣传口径不一致', responsibility: 'company' }, unreachable.version);
  unreachable = await post(agent, `/api/tickets/${unreachable.id}/callback`, { outcome: 'unreachable' }, unreachable.version);

  const owned = await leadershipCase(false);
  const now = t.clock.now();
  await t.knex('escalations').insert({ ticket_id: owned.id, level: 1, unit_id: t.fixture.units.county, recipient_id: head.id, owner_id: head.id, reason: 'inactivity', trigger: `test:${owned.id}`, raised_at: now });
  await t.knex('ticket_events').insert({ ticket_id: owned.id, type: 'escalated', at: now, actor_id: null, data: { level: 1, reason: 'inactivity', recipient_id: head.id } });
  return { held, unreachable, owned };
}

describe('the Chinese console shows words, not codes', () => {
  it('walks the main screens of every role: no visible snake_case or dotted code, none of the copy bugs', async () => {
    const { held, unreachable, owned } = await richTickets();
    const walks: [string, string[]][] = [
      ['agent1', ['/intake', '/queues', '/callbacks?state=scheduled', '/board', `/tickets/${held.id}`, `/tickets/${unreachable.id}`, `/tickets/${owned.id}`]],
      ['handler1', ['/queues?view=unit', `/tickets/${held.id}`]],
      ['head1', ['/cases', `/tickets/${owned.id}`]],
      ['super1', ['/board', '/reports', '/queues']],
      ['manager1', ['/reports', '/cases']],
    ];
    const found: string[] = [];
    for (const [username, paths] of walks) {
      const page = await consoleFor(username, paths[0]);
      for (const path of paths) {
        if (path !== paths[0]) await page.goto(`${server.url}${path}`);
        await settled(page);
        if (path.startsWith('/tickets/')) await page.getByTestId('timers').waitFor();
        const where = `${username} ${path}`;
        found.push(...(await visibleCodes(page)).map((c) => `${where}: ${c}`), ...(await copyBugs(page)).map((b) => `${where}: ${b}`));
        await screenshot(page, `words-${username}-${path.replace(/[/?=&]+/g, '-').replace(/^-|-$/g, '')}`);
      }
    }
    expect(found).toEqual([]);
  }, 240_000);

  it('draws the paused timer with an icon, names escalation columns, and keeps header buttons readable on hover', async () => {
    const { held } = await richTickets();
    const page = await consoleFor('handler1', `/tickets/${held.id}`);
    const paused = page.getByTestId('paused-timer').first();
    await paused.waitFor();
    expect(await paused.locator('svg').count()).toBe(1);
    expect(await paused.innerText()).toMatch(/已暂停，剩余 \d+天 \d{2}:\d{2}:\d{2}/);
    await page.locator('[data-event="held"]').getByText('等待备件').waitFor();

    const language = page.getByTestId('language');
    await language.hover();
    await page.waitForTimeout(300); // antd's colour transition
    const contrast = await language.evaluate((el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const header = rgb(getComputedStyle(el.closest('.shell-header')!).backgroundColor);
      const [r, g, b, a = 1] = rgb(getComputedStyle(el).backgroundColor);
      // the hover background is a translucent white over the header: blend it
      const bg = [0, 1, 2].map((i) => [r, g, b][i]! * a + header[i]! * (1 - a));
      const fg = lum(rgb(getComputedStyle(el).color));
      const back = lum(bg);
      return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);

    const head = await consoleFor('head1', '/cases');
    const escalations = head.getByTestId('escalations');
    await escalations.waitFor();
    const headings = await escalations.locator('th').allInnerTexts();
    expect(headings).toEqual(expect.arrayContaining(['升级级别', '升级时间']));
    expect(headings).not.toContain('受理时间');
    expect(await escalations.locator('td', { hasText: '第 1 级' }).count()).toBeGreaterThan(0);
    await screenshot(head, 'cases-escalations');
  });
});

describe('accessibility', () => {
  it('no serious or critical axe-core violation on any screen', async () => {
    const { held, owned } = await richTickets();
    const found: string[] = [];
    const signInPage = await e2e.newPage('laptop');
    await signInPage.goto(`${server.url}/`);
    await signInPage.getByTestId('username').waitFor();
    found.push(...(await axeViolations(signInPage)).map((v) => `signin: ${v}`));
    const walks: [string, string[]][] = [
      ['agent1', ['/intake', '/queues', '/callbacks', `/tickets/${held.id}`]],
      ['head1', ['/cases', `/tickets/${owned.id}`]],
      ['super1', ['/board', '/reports', '/board?wall=1']],
    ];
    for (const [username, paths] of walks) {
      const page = await consoleFor(username, paths[0], 'laptop');
      for (const path of paths) {
        if (path !== paths[0]) await page.goto(`${server.url}${path}`);
        if (path.includes('wall=1')) await page.locator('.wallboard [data-testid="board"]').waitFor();
        else await settled(page);
        found.push(...(await axeViolations(page)).map((v) => `${username} ${path}: ${v}`));
      }
    }
    expect(found).toEqual([]);
  }, 400_000);
});

describe('the keyboard', () => {
  it('"/" focuses search, "?" shows the shortcuts, no Tab stop on clear buttons, one-stop time field, history in a drawer that keeps the form', async () => {
    const { agent } = t.fixture.users;
    const earlier = await post(agent, '/api/tickets', complaintBody({ description: '上月宽带断网三天' }));
    const phone = (earlier as { customer: { phone: string } }).customer.phone;
    const page = await consoleFor('agent1', '/queues');
    await settled(page);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('单号 / 号码 / 关键字');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-list').waitFor();
    expect(await page.getByTestId('shortcut-list').innerText()).toContain('Ctrl+Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-list').waitFor({ state: 'hidden' });

    // intake: type the caller, pick a category (clearable), Tab goes straight to the next field
    await page.keyboard.press('Alt+N');
    await page.getByTestId('intake-form').waitFor();
    await page.keyboard.type(phone);
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-card').waitFor();
    await page.locator('[data-testid="category"] input').focus();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    // Tab on an open list picks and stays: wait until it has closed, as a person sees it close
    await page.locator('#category[aria-expanded="false"]').waitFor();
    await page.locator('[data-testid="category"] .ant-select-clear').waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))).toBe('channel');

    // reconnection: the paid-at field is one Tab stop with "now" and offsets from the keyboard
    await page.locator('[data-testid="type"] input').focus();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    const paidAt = page.getByTestId('paid-at');
    await paidAt.waitFor();
    await paidAt.focus();
    await page.keyboard.press('Control+;');
    const now = await paidAt.inputValue();
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowDown');
    const earlierTime = await paidAt.inputValue();
    expect(new Date(now.replace(' ', 'T')).getTime() - new Date(earlierTime.replace(' ', 'T')).getTime()).toBe(75 * 60_000);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('description');

    // typed text survives opening a past ticket beside the form
    await page.keyboard.type('本月复机未到账');
    await page.getByTestId('history-link').first().focus();
    await page.keyboard.press('Enter');
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('ticket-number').waitFor();
    expect(await drawer.getByTestId('description').innerText()).toContain('上月宽带断网三天');
    expect(page.url()).toMatch(/\/intake$/);
    await screenshot(page, 'intake-history-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await page.getByTestId('description').inputValue()).toBe('本月复机未到账');
    expect(await page.locator('[data-testid="phone"] input, input[data-testid="phone"]').first().inputValue()).toBe(phone);
  }, 180_000);
});
