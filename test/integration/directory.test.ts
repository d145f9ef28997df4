import { PASSWORD, auth, startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('signing in', () => {
  it('returns a token and the user; the token works and /api/auth/me says who it is', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'agent1', password: PASSWORD }).expect(200);
    expect(res.body.user).toEqual(expect.objectContaining({ username: 'agent1', role: 'agent' }));
    expect(res.body.user.password_hash).toBeUndefined();
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'agent1', role: 'agent' });
  });

  it('tells the console what the user may do, from the server matrix (the console keeps no copy)', async () => {
    const agent = await t.http.post('/api/auth/login').send({ username: 'agent1', password: PASSWORD }).expect(200);
    expect(agent.body.user.actions).toEqual(expect.arrayContaining(['tickets.create', 'tickets.dispatch', 'tickets.callback']));
    expect(agent.body.user.actions).not.toContain('audit.read');
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${agent.body.token}`).expect(200);
    expect(me.body.actions).toEqual(agent.body.user.actions);
    const handler = await t.http.get('/api/auth/me').set(auth(t.fixture.users.handler)).expect(200);
    expect(handler.body.actions).toContain('tickets.claim');
    expect(handler.body.actions).not.toContain('tickets.create');
  });

  it('says the same for an unknown user and a wrong password', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ username: 'nobody', password: 'whatever1' });
    const wrong = await t.http.post('/api/auth/login').send({ username: 'agent1', password: 'whatever1' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });
});

describe('login attempts are limited', () => {
  it('answers 429 after the limit for one address and username, and other users and addresses are unaffected', async () => {
    const limited = await startTestApp({ env: { LOOPDESK_LOGIN_RATE_LIMIT: '3', LOOPDESK_TRUSTED_PROXIES: 'loopback' } });
    try {
      for (let i = 0; i < 3; i += 1) expect((await limited.http.post('/api/auth/login').send({ username: 'agent1', password: 'bad-guess' })).status).toBe(401);
      const blocked = await limited.http.post('/api/auth/login').send({ username: 'agent1', password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body.retry_after).toBeGreaterThan(0);
      expect((await limited.http.post('/api/auth/login').send({ username: 'super1', password: PASSWORD })).status).toBe(200);
      // the same account from another address (named by the trusted proxy) is not held up by this one
      expect((await limited.http.post('/api/auth/login').set('X-Forwarded-For', '10.9.8.7').send({ username: 'agent1', password: PASSWORD })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('units form a tree with heads', () => {
  it('creates, moves a subtree, refuses a cycle, and audits each change', async () => {
    const admin = t.fixture.users.admin;
    const region = (await t.http.post('/api/units').set(auth(admin)).send({ code: 'DL-NEW', name: '新区分公司', area: 'city', parent_id: t.fixture.units.city }).expect(201)).body;
    const team = (await t.http.post('/api/units').set(auth(admin)).send({ code: 'DL-NEW-1', name: '新区装维班', area: 'city', parent_id: region.id }).expect(201)).body;
    expect(team.path).toBe(`${region.path}${team.id}/`);

    const moved = await t.http.patch(`/api/units/${region.id}`).set(auth(admin)).send({ parent_id: t.fixture.units.county }).expect(200);
    const units = (await t.http.get('/api/units').set(auth(admin)).expect(200)).body.items as { id: number; path: string }[];
    expect(units.find((u) => u.id === team.id)!.path).toBe(`${moved.body.path}${team.id}/`);

    const cycle = await t.http.patch(`/api/units/${region.id}`).set(auth(admin)).send({ parent_id: team.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0].path).toBe('parent_id');

    const head = (await t.http.post('/api/users').set(auth(admin)).send({ username: 'newhead', name: '新区经理', role: 'unit_head', unit_id: region.id, password: 'Desk-pass-2026' }).expect(201)).body;
    const withHead = await t.http.patch(`/api/units/${region.id}`).set(auth(admin)).send({ head_user_id: head.id }).expect(200);
    expect(withHead.body.head_user_id).toBe(head.id);
    const audit = await t.knex('audit_log').where({ entity: 'unit', entity_id: region.id }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect(audit.every((a) => a.actor_id === admin.id)).toBe(true);

    const duplicate = await t.http.post('/api/units').set(auth(admin)).send({ code: 'DL-NEW', name: 'x', area: 'city' });
    expect(duplicate.status).toBe(409);
  });
});

describe('users', () => {
  it('never shows a password, can change one, and a unit head lists only their subtree', async () => {
    const admin = t.fixture.users.admin;
    const created = await t.http.post('/api/users').set(auth(admin)).send({ username: 'agent9', name: '话务员九', role: 'agent', unit_id: t.fixture.units.city, password: 'first-pass1' }).expect(201);
    expect(created.body.password).toBeUndefined();
    await t.http.patch(`/api/users/${created.body.id}`).set(auth(admin)).send({ password: 'second-pass2' }).expect(200);
    await t.http.post('/api/auth/login').send({ username: 'agent9', password: 'second-pass2' }).expect(200);
    const audit = await t.knex('audit_log').where({ entity: 'user', entity_id: created.body.id }).orderBy('id');
    expect(JSON.stringify(audit)).not.toMatch(/pass[12]/);

    const seenByHead = (await t.http.get('/api/users').set(auth(t.fixture.users.head)).expect(200)).body.items.map((u: { username: string }) => u.username);
    // the region moved under the county above, so its head is in this subtree too
    expect(seenByHead.sort()).toEqual(['handler1', 'head1', 'newhead']);
  });
});

describe('customers', () => {
  it('registers a customer once per phone and finds them by phone', async () => {
    const agent = t.fixture.users.agent;
    const body = { phone: '13898765432', name: '陈女士', account_no: 'DL-0098', area: 'city', tier: 'vip', email: 'chen@example.test' };
    const created = await t.http.post('/api/customers').set(auth(agent)).send(body).expect(201);
    expect(created.body).toMatchObject(body);
    expect((await t.http.post('/api/customers').set(auth(agent)).send(body)).status).toBe(409);
    const found = await t.http.get('/api/customers').query({ phone: '13898765432' }).set(auth(agent)).expect(200);
    expect(found.body.items).toEqual([created.body]);
    const missing = await t.http.get('/api/customers').set(auth(agent));
    expect(missing.status).toBe(400);
  });
});

describe('health', () => {
  it('is alive and ready', async () => {
    await t.http.get('/healthz').expect(200);
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ database: true, database_kind: 'postgres' });
  });
});
