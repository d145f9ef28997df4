import { auth, startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const people = async (username: keyof TestApp['fixture']['users'], query = '') =>
  (await t.http.get(`/api/directory/people${query}`).set(auth(t.fixture.users[username])).expect(200)).body.items as { id: number; name: string; role: string; unit_id: number | null; unit_name: string | null; active: boolean }[];

describe('GET /api/directory/people', () => {
  it('names everyone to the desk roles, with role and unit', async () => {
    const { users, units } = t.fixture;
    const list = await people('agent');
    expect(list.map((p) => p.id).sort()).toEqual(Object.values(users).map((u) => u.id).sort());
    expect(list.find((p) => p.id === users.handler.id)).toEqual({ id: users.handler.id, name: 'handler1', role: 'handler', unit_id: units.countyTeam, unit_name: '庄河装维班', active: true });
  });

  it('names to a handler their subtree, the units above and the desk, not another branch', async () => {
    const { users } = t.fixture;
    const ids = (await people('otherHandler')).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([users.otherHandler.id, users.agent.id, users.supervisor.id, users.manager.id, users.admin.id]));
    expect(ids).not.toContain(users.handler.id);
    expect(ids).not.toContain(users.head.id);
    // the county head sees the team below and is seen by it
    expect((await people('head')).map((p) => p.id)).toContain(users.handler.id);
    expect((await people('handler')).map((p) => p.id)).toContain(users.head.id);
  });

  it("offers dispatch the handlers and heads of a unit's subtree; bad filters are 400 naming the field", async () => {
    const { users, units } = t.fixture;
    expect((await people('agent', `?unit_id=${units.county}&role=handler,unit_head`)).map((p) => p.id).sort()).toEqual([users.handler.id, users.head.id].sort());
    const bad = await t.http.get('/api/directory/people?role=boss').set(auth(users.agent)).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'role.0' })]);
    await t.http.get('/api/directory/people').expect(401);
  });
});
