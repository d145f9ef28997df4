import { ROLES, isAllowed, type Action, type Role } from '../../server/auth/permissions';
import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import type { RouteSpec } from '../../server/http/route';

let t: TestApp;
let ticketId: number;
beforeAll(async () => {
  t = await startTestApp();
  ticketId = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body.id;
});
afterAll(() => t.close());

const admin = () => t.fixture.users.admin;
/** Someone the matrix lets through, so validation (not authorization) answers. */
function allowedUser(route: RouteSpec['action']): TestUser {
  const u = t.fixture.users;
  const byRole: Record<Role, TestUser> = { agent: u.agent, handler: u.handler, unit_head: u.head, supervisor: u.supervisor, manager: u.manager, admin: u.admin, integration: u.integration };
  const action: Action | 'public' | undefined = typeof route === 'object' ? route.users : route;
  if (action === 'public' || action === undefined) return u.admin;
  return byRole[ROLES.find((role) => isAllowed(role, action))!];
}
const concrete = (path: string) => path.replace(/:([A-Za-z_]+)/g, () => String(ticketId));

async function rowCounts(): Promise<Record<string, number>> {
  const tables = ['tickets', 'ticket_events', 'customers', 'units', 'users', 'callbacks', 'audit_log'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await t.knex(table).count<{ count: number }[]>('* as count'))[0]!.count);
  return counts;
}

function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
}

describe('no bad input gets a 500 or writes anything', () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await rowCounts();
  });
  afterAll(async () => {
    expect(await rowCounts()).toEqual(before);
  });

  it('every route with a body names an unknown field, and refuses malformed JSON, other media types and oversize bodies', async () => {
    // a route with its own bad-input answer (OAuth's token endpoint) is checked in its own test
    for (const route of t.routes.filter((r) => r.body && !r.invalidInput)) {
      const path = concrete(route.path);
      const user = allowedUser(route.action);
      const unknown = await t.http[route.method](path).set(auth(user)).set('If-Match', '1').send({ surprise_field: 1 });
      expectProblem(unknown, 400);
      expect(unknown.body.errors).toContainEqual({ path: 'surprise_field', message: 'unknown field' });

      const malformed = await t.http[route.method](path).set(auth(user)).set('Content-Type', 'application/json').send('{"type": ');
      expectProblem(malformed, 400);
      const text = await t.http[route.method](path).set(auth(user)).set('Content-Type', 'text/plain').send('hello');
      expectProblem(text, 415);
      // the feeds take batches of 1,000 events: their limit is 1 MB, every other route's 64 KB
      const limitKb = path.startsWith('/api/integrations/') ? 1024 : 64;
      const huge = await t.http[route.method](path).set(auth(user)).send({ description: 'x'.repeat((limitKb + 6) * 1024) });
      expectProblem(huge, 413);
    }
    // four requests per route, over 100 routes: on a loaded 2-core machine this took over 20 s
  }, 90_000);

  it('every route with an :id refuses a non-number id naming it', async () => {
    for (const route of t.routes.filter((r) => r.path.includes(':id'))) {
      const res = await t.http[route.method](route.path.replace(':id', 'abc')).set(auth(allowedUser(route.action))).set('If-Match', '1').send({});
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'id' }));
    }
  });

  it('names every bad field of a ticket at once', async () => {
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'complaint', category: 'weather', channel: 'pigeon', description: '', customer: { phone: 'not-a-phone' }, priority: 3 });
    expectProblem(res, 400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['category', 'channel', 'customer.phone', 'description', 'priority']);
  });

  it.each([
    ['neither customer nor customer_id', { customer: undefined }, 'customer'],
    ['a complaint without category', { category: undefined }, 'category'],
    ['a reconnection without payment', { type: 'reconnection', category: undefined }, 'payment'],
    ['a payment on a complaint', { payment: { channel: 'bank', paid_at: '2026-11-25T08:00:00+08:00' } }, 'payment'],
    ['a payment time without offset', { type: 'reconnection', payment: { channel: 'bank', paid_at: '2026-11-25 08:00' } }, 'payment.paid_at'],
    ['an unknown payment channel', { type: 'reconnection', payment: { channel: 'bitcoin', paid_at: '2026-11-25T08:00:00+08:00' } }, 'payment.channel'],
    ['a bad responsibility at intake', { resolve: { resolution: 'x', cause: 'y', responsibility: 'god' } }, 'resolve.responsibility'],
    ['a description of 5000 characters', { description: '长'.repeat(5000) }, 'description'],
    ['a customer email that is not one', { customer: { phone: '13900001111', email: 'nope' } }, 'customer.email'],
  ])('refuses %s', async (_name, overrides, field) => {
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody(overrides));
    expectProblem(res, 400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(field);
  });

  it('refuses bad list filters and cursors by name', async () => {
    const agent = t.fixture.users.agent;
    for (const [query, field] of [
      [{ status: 'open' }, 'status'], [{ limit: '0' }, 'limit'], [{ limit: '500' }, 'limit'], [{ cursor: '!!' }, 'cursor'],
      [{ cursor: 'bm9wZQ' }, 'cursor'], [{ unit_id: '-1' }, 'unit_id'], [{ colour: 'red' }, 'colour'],
    ] as const) {
      const res = await t.http.get('/api/tickets').query(query).set(auth(agent));
      expectProblem(res, 400);
      expect((res.body.errors as { path: string }[]).map((e) => e.path.split('.')[0])).toContain(field);
    }
  });

  it('refuses bad headers by name', async () => {
    const { agent } = t.fixture.users;
    const ifMatch = await t.http.post(`/api/tickets/${ticketId}/dispatch`).set(auth(agent)).set('If-Match', 'yesterday').send({ unit_id: t.fixture.units.county });
    expectProblem(ifMatch, 400);
    expect(ifMatch.body.errors).toEqual([{ path: 'If-Match', message: 'not a version number' }]);
    const key = await t.http.post('/api/tickets').set(auth(agent)).set('Idempotency-Key', 'x'.repeat(300)).send(complaintBody());
    expectProblem(key, 400);
  });

  it('answers unknown API paths and unknown ids with problem+json 404', async () => {
    expectProblem(await t.http.get('/api/nothing-here').set(auth(admin())), 404);
    expectProblem(await t.http.get('/api/tickets/987654').set(auth(admin())), 404);
    expectProblem(await t.http.post('/api/tickets/987654/dispatch').set(auth(t.fixture.users.agent)).set('If-Match', '1').send({ unit_id: 1 }), 404);
  });

  it('refuses bad unit, user and customer writes by field', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['post', '/api/units', { code: 'has space', name: 'x', area: 'city' }, 'code'],
      ['post', '/api/units', { code: 'U1', name: 'x', area: 'moon' }, 'area'],
      ['post', '/api/users', { username: 'u', name: 'x', role: 'king', password: 'short' }, 'role'],
      ['post', '/api/users', { username: 'ok_user', name: 'x', role: 'agent', password: 'short' }, 'password'],
      ['post', '/api/customers', { phone: '12' }, 'phone'],
      ['post', '/api/customers', { phone: '13900002222', tier: 'gold' }, 'tier'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await t.http[method as 'post'](path).set(auth(admin())).send(body);
      expectProblem(res, 400);
      expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(field);
    }
  });

  it('answers rule violations with 422 naming the field', async () => {
    const res = await t.http.post('/api/users').set(auth(admin())).send({ username: 'lonely_handler', name: 'x', role: 'handler', password: 'Desk-pass-2026' });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ path: 'unit_id', message: 'required for this role' }]);
  });
});
