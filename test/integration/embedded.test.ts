import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServer, stopServer, waitForReady, type Started } from '../helpers/spawn';

jest.setTimeout(120_000);

/** The newcomer's path: `npm start` with no database server configured runs on embedded PGlite. */
describe('the desk on its embedded defaults', () => {
  let dataDir: string;
  let server: Started;
  let base: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-embedded-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer({ PORT: String(port), LOOPDESK_DATA_DIR: dataDir, LOOPDESK_ADMIN_PASSWORD: 'Loopdesk-root-42', LOOPDESK_LOG_LEVEL: 'warn' });
    await waitForReady(base, server);
  });

  afterAll(async () => {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: number; version: number; token: string } };
  }

  it('runs the closed loop on PGlite and refuses a second process on the same data directory', async () => {
    const ready = await call('GET', '/readyz', null);
    expect(ready.body).toMatchObject({ database_kind: 'embedded' });

    const admin = (await call('POST', '/api/auth/login', null, { username: 'admin', password: 'Loopdesk-root-42' })).body.token;
    const city = (await call('POST', '/api/units', admin, { code: 'CITY', name: '市公司', area: 'city' })).body;
    const county = (await call('POST', '/api/units', admin, { code: 'CTY', name: '县分公司', area: 'county', parent_id: city.id })).body;
    await call('POST', '/api/users', admin, { username: 'agent', name: '话务员', role: 'agent', unit_id: city.id, password: 'Desk-pass-2026' });
    await call('POST', '/api/users', admin, { username: 'handler', name: '处理员', role: 'handler', unit_id: county.id, password: 'Desk-pass-2026' });
    const agent = (await call('POST', '/api/auth/login', null, { username: 'agent', password: 'Desk-pass-2026' })).body.token;
    const handler = (await call('POST', '/api/auth/login', null, { username: 'handler', password: 'Desk-pass-2026' })).body.token;

    const created = await call('POST', '/api/tickets', agent, { type: 'complaint', category: 'service_attitude', description: '营业员态度恶劣', customer: { phone: '13800001111' } });
    expect(created.status).toBe(201);
    const dispatched = await call('POST', `/api/tickets/${created.body.id}/dispatch`, agent, { unit_id: county.id }, { 'if-match': '1' });
    expect(dispatched.status).toBe(200);
    const resolved = await call('POST', `/api/tickets/${created.body.id}/resolve`, handler, { resolution: '当面致歉', cause: '员工服务意识差', responsibility: 'company' }, { 'if-match': '2' });
    expect(resolved.status).toBe(200);
    const closed = await call('POST', `/api/tickets/${created.body.id}/callback`, agent, { outcome: 'satisfied' }, { 'if-match': '3' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const detail = await call('GET', `/api/tickets/${created.body.id}`, agent);
    // the status path; callbacks and SLA timers write their own system events around it
    const statusPath = (detail.body.events as { type: string }[]).map((e) => e.type).filter((type) => ['accepted', 'dispatched', 'resolved', 'reopened', 'closed'].includes(type));
    expect(statusPath).toEqual(['accepted', 'dispatched', 'resolved', 'closed']);

    const second = startServer({ PORT: String(await freePort()), LOOPDESK_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by process/);
  });

  it('imports customers on PGlite (batches sent as JSON), once per file', async () => {
    const admin = (await call('POST', '/api/auth/login', null, { username: 'admin', password: 'Loopdesk-root-42' })).body.token;
    const file = 'phone,name,tier\n13800002221,"王\\五\t二",vip\n13800002222,赵六,\n';
    const post = () => fetch(`${base}/api/imports/customers`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: file })
      .then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
    expect(await post()).toMatchObject({ status: 200, body: { rows: 2, created: 2, replayed: false } });
    expect(await post()).toMatchObject({ status: 200, body: { rows: 2, created: 2, replayed: true } });
    const found = await call('GET', '/api/customers?phone=13800002221', admin);
    expect(found.body.items).toEqual([expect.objectContaining({ name: '王\\五\t二', tier: 'vip' })]);
  });
});

describe('configuration is checked at start', () => {
  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['LOOPDESK_TIMEZONE', 'Mars/Olympus'],
    ['LOOPDESK_ADMIN_PASSWORD', 'short'],
  ])('a bad %s stops the desk with one line naming it', async (name, value) => {
    const started = startServer({ [name]: value, LOOPDESK_DATA_DIR: path.join(os.tmpdir(), 'loopdesk-never-used') });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  });
});
