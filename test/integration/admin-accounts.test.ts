import { auth, PASSWORD, startTestApp, type TestApp } from '../helpers/app';

/** Accounts in the admin screens (issue 12): a reset password must be changed first, the last sign-in, the report's recipients. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
const admin = () => auth(t.fixture.users.admin);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const login = (username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });

describe('a password reset by an admin', () => {
  it('must be changed at the next sign-in: until then the API answers nothing but change-password, me and sign-out', async () => {
    const user = t.fixture.users.otherHandler;
    await t.http.patch(`/api/users/${user.id}`).set(admin()).send({ password: 'Reset-by-admin-77' }).expect(200)
      .then((r) => expect(r.body.must_change_password).toBe(true));
    // the old token ended with the reset
    await t.http.get('/api/tickets').set(auth(user)).expect(401);

    const signedIn = await login(user.username, 'Reset-by-admin-77').expect(200);
    expect(signedIn.body.must_change_password).toBe(true);
    expect(signedIn.body.user.must_change_password).toBe(true);
    const token = signedIn.body.token as string;
    for (const path of ['/api/tickets', '/api/units', '/api/directory/people']) {
      const refused = await t.http.get(path).set(bearer(token)).expect(403);
      expect(refused.body.code).toBe('password_change_required');
    }
    const me = await t.http.get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body.must_change_password).toBe(true);

    // typing the given password again is not a change
    const same = await t.http.post('/api/auth/password').set(bearer(token)).send({ current_password: 'Reset-by-admin-77', new_password: 'Reset-by-admin-77' }).expect(400);
    expect(same.body.code).toBe('password_unchanged');
    const changed = await t.http.post('/api/auth/password').set(bearer(token)).send({ current_password: 'Reset-by-admin-77', new_password: 'My-own-choice-2026' }).expect(200);
    await t.http.get('/api/tickets').set(bearer(changed.body.token)).expect(200);
    expect((await t.http.get('/api/auth/me').set(bearer(changed.body.token)).expect(200)).body.must_change_password).toBe(false);
    expect((await login(user.username, 'My-own-choice-2026').expect(200)).body.must_change_password).toBe(false);
  });

  it('is not forced when users change their own password, nor on an admin setting their own', async () => {
    const agent = t.fixture.users.agent;
    const changed = await t.http.post('/api/auth/password').set(auth(agent)).send({ current_password: PASSWORD, new_password: 'Agent-own-pass-2026' }).expect(200);
    await t.http.get('/api/tickets').set(bearer(changed.body.token)).expect(200);
    const self = await t.http.patch(`/api/users/${t.fixture.users.admin.id}`).set(admin()).send({ password: 'Desk-chief-pass-2026' }).expect(200);
    expect(self.body.must_change_password).toBe(false);
  });
});

describe('the last sign-in', () => {
  it('is recorded at each sign-in and shown in the user API', async () => {
    const head = t.fixture.users.head;
    const before = (await t.http.get('/api/users').set(auth(t.fixture.users.manager)).expect(200)).body.items.find((u: { id: number }) => u.id === head.id);
    expect(before.last_sign_in_at).toBeNull();
    t.clock.advance(60_000);
    const at = t.clock.now().toISOString();
    const res = await login(head.username, PASSWORD).expect(200);
    expect(res.body.user.last_sign_in_at).toBe(at);
    await login(head.username, 'wrong-password-x').expect(401);
    const after = (await t.http.get('/api/users').set(auth(t.fixture.users.manager)).expect(200)).body.items.find((u: { id: number }) => u.id === head.id);
    expect(after.last_sign_in_at).toBe(at);
  });
});

describe('the monthly report recipients', () => {
  it('lists managers (whole company) and unit heads (their subtree) as the mail does, scoped for a unit head', async () => {
    await t.knex('users').where({ id: t.fixture.users.manager.id }).update({ email: null });
    const all = (await t.http.get('/api/reports/recipients').set(auth(t.fixture.users.supervisor)).expect(200)).body.items;
    expect(all).toEqual([
      expect.objectContaining({ user_id: t.fixture.users.manager.id, role: 'manager', scope_unit_id: null, receives: false }),
      expect.objectContaining({ user_id: t.fixture.users.head.id, role: 'unit_head', scope_unit_id: t.fixture.units.county, receives: true, unit_name: '庄河县分公司' }),
    ]);
    const scoped = (await t.http.get('/api/reports/recipients').set(auth(t.fixture.users.head)).expect(200)).body.items;
    expect(scoped.map((r: { user_id: number }) => r.user_id)).toEqual([t.fixture.users.head.id]);
    await t.http.get('/api/reports/recipients').set(auth(t.fixture.users.handler)).expect(403);
  });
});
