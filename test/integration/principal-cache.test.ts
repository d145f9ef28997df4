import { PASSWORD, auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

// The signed-in user is cached for a few seconds to spare a query per request; changes made
// through the API in this process must still count from the very next request.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('a cached sign-in follows changes to the user and their unit at once', () => {
  it('a new role ends the session on the next request, and the next sign-in has the new role', async () => {
    const { admin, supervisor } = t.fixture.users;
    await t.http.post('/api/tickets').set(auth(supervisor)).send(complaintBody()).expect(201);
    await t.http.patch(`/api/users/${supervisor.id}`).set(auth(admin)).send({ role: 'manager' }).expect(200);
    expect((await t.http.post('/api/tickets').set(auth(supervisor)).send(complaintBody())).status).toBe(401);
    const token = (await t.http.post('/api/auth/login').send({ username: supervisor.username, password: PASSWORD }).expect(200)).body.token as string;
    expect((await t.http.post('/api/tickets').set({ Authorization: `Bearer ${token}` }).send(complaintBody())).status).toBe(403);
  });

  it('a handler whose team moves in the tree keeps seeing its tickets on the next request', async () => {
    const { admin, agent, handler } = t.fixture.users;
    const created = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201);
    await t.http
      .post(`/api/tickets/${created.body.id}/dispatch`)
      .set(auth(agent))
      .set('If-Match', String(created.body.version))
      .send({ unit_id: t.fixture.units.countyTeam })
      .expect(200);
    const ids = async () => (await t.http.get('/api/tickets').set(auth(handler)).expect(200)).body.items.map((i: { id: number }) => i.id);
    expect(await ids()).toContain(created.body.id);
    // The team's path changes; a scope prefix remembered from before the move would match nothing.
    await t.http.patch(`/api/units/${t.fixture.units.countyTeam}`).set(auth(admin)).send({ parent_id: t.fixture.units.otherCounty }).expect(200);
    expect(await ids()).toContain(created.body.id);
  });
});
