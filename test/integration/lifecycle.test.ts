import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

/** The status path of the timeline; callbacks and SLA timers add their own system events around it. */
const STATUS_EVENTS = ['accepted', 'dispatched', 'resolved', 'reopened', 'closed'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the closed loop: accept → dispatch → resolve → callback', () => {
  it('carries a complaint from the call to a satisfied close, with every step on the timeline', async () => {
    const { agent, handler } = t.fixture.users;
    const accepted = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 1, handling_round: 1, type: 'complaint' });
    expect(accepted.body.number).toMatch(/^TS20261125-\d{4}$/);
    expect(accepted.headers.etag).toBe('"1"');

    const dispatched = await t.http
      .post(`/api/tickets/${accepted.body.id}/dispatch`).set(auth(agent)).set('If-Match', '1')
      .send({ unit_id: t.fixture.units.countyTeam, assignee_id: handler.id, note: '请尽快联系用户' })
      .expect(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', version: 2, unit_id: t.fixture.units.countyTeam, assignee_id: handler.id });

    const resolved = await t.http
      .post(`/api/tickets/${accepted.body.id}/resolve`).set(auth(handler)).set('If-Match', '"2"')
      .send({ resolution: '核实后退还多扣费用', cause: '计费系统套餐配置错误', responsibility: 'company' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', version: 3, responsibility: 'company' });

    const closed = await t.http
      .post(`/api/tickets/${accepted.body.id}/callback`).set(auth(agent)).set('If-Match', '3')
      .send({ outcome: 'satisfied' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', close_reason: 'satisfied', version: 4 });

    const detail = await t.http.get(`/api/tickets/${accepted.body.id}`).set(auth(agent)).expect(200);
    expect(detail.body.events.map((e: { type: string }) => e.type).filter((type: string) => STATUS_EVENTS.includes(type))).toEqual(['accepted', 'dispatched', 'resolved', 'closed']);
    expect(detail.body.events[1]).toMatchObject({ actor_id: agent.id, data: { unit_id: t.fixture.units.countyTeam, note: '请尽快联系用户' } });
    expect(detail.body.callbacks).toEqual([expect.objectContaining({ attempt: 1, handling_round: 1, state: 'done', outcome: 'satisfied' })]);
  });
});
