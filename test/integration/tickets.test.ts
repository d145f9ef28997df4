import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** The status path of the timeline; callbacks and SLA timers add their own system events around it. */
const STATUS_EVENTS = ['accepted', 'dispatched', 'resolved', 'reopened', 'closed'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Dozens of look-alike complaints within a minute would rightly be grouped into a mass complaint
  // (owned, so closing needs the owner's duties); that is tested in ownership-incidents.test.ts.
  await t.knex('mass_complaint_detectors').update({ enabled: false });
});
afterAll(() => t.close());

async function accept(overrides: Record<string, unknown> = {}, user: TestUser = t.fixture.users.agent) {
  return (await t.http.post('/api/tickets').set(auth(user)).send(complaintBody(overrides)).expect(201)).body;
}

async function act(path: string, user: TestUser, version: number | string, body: Record<string, unknown>) {
  return t.http.post(path).set(auth(user)).set('If-Match', String(version)).send(body);
}

const resolution = { resolution: '已上门修复', cause: '光猫故障', responsibility: 'company' };

async function dispatched() {
  const ticket = await accept();
  const res = await act(`/api/tickets/${ticket.id}/dispatch`, t.fixture.users.agent, 1, { unit_id: t.fixture.units.countyTeam });
  expect(res.status).toBe(200);
  return res.body;
}

async function resolved() {
  const ticket = await dispatched();
  const res = await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.handler, ticket.version, resolution);
  expect(res.status).toBe(200);
  return res.body;
}

describe('accepting a contact', () => {
  it('numbers tickets per day in the desk time zone and registers the caller once', async () => {
    const first = await accept({ customer: { phone: '13904110001', name: '李女士' } });
    const second = await accept({ customer: { phone: '13904110001', name: '别的名字' } });
    expect(second.customer_id).toBe(first.customer_id);
    expect(second.customer.name).toBe('李女士'); // known data is never overwritten by a later call
    const seq = (n: string) => Number(n.split('-')[1]);
    expect(seq(second.number)).toBe(seq(first.number) + 1);

    // 17:00 UTC is 01:00 the next day in Asia/Shanghai: a new day, numbering restarts.
    t.clock.set('2026-11-25T17:00:00Z');
    const nextDay = await accept();
    expect(nextDay.number).toBe('TS20261126-0001');
    t.clock.set('2026-11-25T02:00:00Z');
  });

  it('accepts by customer_id, defaults the category of non-complaints, and keeps the payment of a reconnection', async () => {
    const first = await accept();
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'reconnection', customer_id: first.customer_id, description: '已缴费，要求复机', payment: { channel: 'bank', paid_at: '2026-11-25T09:30:00+08:00' } })
      .expect(201);
    expect(res.body).toMatchObject({ category: 'suspension', customer_id: first.customer_id, payment: { channel: 'bank', paid_at: '2026-11-25T01:30:00.000Z' } });
  });

  it('resolves on the spot (one-call resolution) and schedules the callback', async () => {
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send(complaintBody({ category: 'business_handling', resolve: { resolution: '已解释资费规则', cause: '用户不了解套餐', responsibility: 'none' } }))
      .expect(201);
    expect(res.body).toMatchObject({ status: 'resolved', one_call_resolution: true, responsibility: 'none' });
    const detail = await t.http.get(`/api/tickets/${res.body.id}`).set(auth(t.fixture.users.agent)).expect(200);
    expect(detail.body.events.map((e: { type: string }) => e.type).filter((type: string) => STATUS_EVENTS.includes(type))).toEqual(['accepted', 'resolved']);
    expect(detail.body.callbacks).toEqual([expect.objectContaining({ attempt: 1, state: 'due' })]);
  });

  it('publishes ticket.created after commit', async () => {
    const ticket = await accept();
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'ticket.created', ticket: expect.objectContaining({ id: ticket.id }) }));
  });
});

describe('every legal transition', () => {
  it('re-dispatches a dispatched ticket to another unit and says so', async () => {
    const ticket = await dispatched();
    const res = await act(`/api/tickets/${ticket.id}/dispatch`, t.fixture.users.supervisor, ticket.version, { unit_id: t.fixture.units.otherCounty, assignee_id: t.fixture.users.otherHandler.id });
    expect(res.status).toBe(200);
    const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.supervisor));
    expect(detail.body.events.at(-1)).toMatchObject({ type: 'redispatched', data: { from_unit_id: t.fixture.units.countyTeam, unit_id: t.fixture.units.otherCounty } });
  });

  it('lets an agent resolve an accepted ticket at the desk', async () => {
    const ticket = await accept();
    const res = await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.agent, 1, resolution);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', one_call_resolution: true });
  });

  it('sends an unsatisfied customer back to the same unit for a second handling', async () => {
    const ticket = await resolved();
    const res = await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, ticket.version, { outcome: 'unsatisfied', note: '用户仍无法上网' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'dispatched', handling_round: 2, unit_id: t.fixture.units.countyTeam, resolution: null });

    const again = await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.handler, res.body.version, { ...resolution, resolution: '更换光猫' });
    expect(again.status).toBe(200);
    const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.agent));
    expect(detail.body.callbacks.map((c: { handling_round: number; outcome: string | null }) => [c.handling_round, c.outcome])).toEqual([[1, 'unsatisfied'], [2, null]]);
    expect(detail.body.events.map((e: { type: string }) => e.type).filter((type: string) => STATUS_EVENTS.includes(type))).toEqual(['accepted', 'dispatched', 'resolved', 'reopened', 'resolved']);
  });

  it('tries an unreachable customer again and closes after the last attempt', async () => {
    let ticket = await resolved();
    for (const attempt of [1, 2]) {
      const res = await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, ticket.version, { outcome: 'unreachable' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('resolved');
      ticket = res.body;
      const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.agent));
      const next = detail.body.callbacks.at(-1);
      expect(next).toMatchObject({ attempt: attempt + 1, state: 'scheduled' });
      expect(new Date(next.due_at).getTime() - t.clock.now().getTime()).toBe(2 * 3600 * 1000);
    }
    const last = await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, ticket.version, { outcome: 'unreachable' });
    expect(last.body).toMatchObject({ status: 'closed', close_reason: 'unreachable' });
  });

  it('accepts comments on any status without a version', async () => {
    const ticket = await resolved();
    const res = await t.http.post(`/api/tickets/${ticket.id}/comments`).set(auth(t.fixture.users.handler)).send({ body: '已电话联系用户' }).expect(201);
    expect(res.body).toMatchObject({ type: 'comment', actor_id: t.fixture.users.handler.id, data: { body: '已电话联系用户' } });
  });
});

describe('illegal transitions answer 409 naming the current status, and change nothing', () => {
  const cases: [string, () => Promise<{ id: number; version: number; status: string }>, string, TestUser | (() => TestUser), Record<string, unknown>][] = [
    ['callback on an accepted ticket', () => accept(), 'callback', () => t.fixture.users.agent, { outcome: 'satisfied' }],
    ['callback on a dispatched ticket', () => dispatched(), 'callback', () => t.fixture.users.agent, { outcome: 'satisfied' }],
    ['dispatch of a resolved ticket', () => resolved(), 'dispatch', () => t.fixture.users.agent, { unit_id: 1 }],
    ['resolve of a resolved ticket', () => resolved(), 'resolve', () => t.fixture.users.supervisor, resolution],
  ];
  it.each(cases)('%s', async (_name, make, action, user, body) => {
    const ticket = await make();
    const actor = typeof user === 'function' ? user() : user;
    const res = await act(`/api/tickets/${ticket.id}/${action}`, actor, ticket.version, body);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'illegal_transition', current_status: ticket.status });
    expect(res.body.detail).toContain(ticket.status);
    const after = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.supervisor));
    expect(after.body.version).toBe(ticket.version);
  });

  it('closed tickets accept no further state change', async () => {
    const ticket = await resolved();
    const closed = await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, ticket.version, { outcome: 'satisfied' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    for (const [action, body] of [['dispatch', { unit_id: t.fixture.units.county }], ['resolve', resolution], ['callback', { outcome: 'satisfied' }]] as const) {
      const res = await act(`/api/tickets/${ticket.id}/${action}`, t.fixture.users.supervisor, closed.body.version, body);
      expect(res.status).toBe(409);
      expect(res.body.current_status).toBe('closed');
    }
  });

  it('a stale If-Match is 409 with the current version; a missing one is 428', async () => {
    const ticket = await dispatched();
    const stale = await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.handler, 1, resolution);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', current_version: ticket.version });
    const missing = await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(t.fixture.users.handler)).send(resolution);
    expect(missing.status).toBe(428);
    expect(missing.body.errors).toEqual([{ path: 'If-Match', message: 'required' }]);
  });
});

describe('who may act on what', () => {
  it('unit staff resolve only what is dispatched to their subtree; others do not even see it', async () => {
    const ticket = await dispatched();
    const other = await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.otherHandler, ticket.version, resolution);
    expect(other.status).toBe(404);
    const head = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.head)); // the county head sees the team below
    expect(head.status).toBe(200);
  });

  it('an agent does not resolve a ticket that a unit is handling', async () => {
    const ticket = await dispatched();
    const res = await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.agent, ticket.version, resolution);
    expect(res.status).toBe(403);
  });

  it('dispatch checks the unit and that the assignee works there', async () => {
    const ticket = await accept();
    const noUnit = await act(`/api/tickets/${ticket.id}/dispatch`, t.fixture.users.agent, 1, { unit_id: 999999 });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body.errors[0].path).toBe('unit_id');
    const wrongPerson = await act(`/api/tickets/${ticket.id}/dispatch`, t.fixture.users.agent, 1, { unit_id: t.fixture.units.countyTeam, assignee_id: t.fixture.users.otherHandler.id });
    expect(wrongPerson.status).toBe(422);
    expect(wrongPerson.body.errors[0].path).toBe('assignee_id');
    const after = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.agent));
    expect(after.body).toMatchObject({ version: 1, status: 'accepted' });
  });
});

describe('listing', () => {
  it('filters, searches and pages by cursor without gaps or repeats', async () => {
    const mine = [];
    for (let i = 0; i < 5; i += 1) mine.push(await accept({ category: 'installation', description: `装机预约 第${i}单` }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; next_cursor: string | null } } = await t.http
        .get('/api/tickets').query({ category: 'installation', limit: 2, ...(cursor ? { cursor } : {}) }).set(auth(t.fixture.users.agent)).expect(200);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(mine.map((m) => m.id).reverse());

    const byNumber = await t.http.get('/api/tickets').query({ q: mine[2].number }).set(auth(t.fixture.users.agent));
    expect(byNumber.body.items.map((i: { id: number }) => i.id)).toEqual([mine[2].id]);
    const byPhone = await t.http.get('/api/tickets').query({ q: mine[3].customer.phone }).set(auth(t.fixture.users.agent));
    expect(byPhone.body.items.map((i: { id: number }) => i.id)).toEqual([mine[3].id]);
    const byText = await t.http.get('/api/tickets').query({ q: '第4单' }).set(auth(t.fixture.users.agent));
    expect(byText.body.items.map((i: { id: number }) => i.id)).toEqual([mine[4].id]);
    const statuses = await t.http.get('/api/tickets').query({ status: 'accepted,dispatched', category: 'installation' }).set(auth(t.fixture.users.agent));
    expect(statuses.body.items).toHaveLength(5);
  });

  it('shows a handler only their subtree, and unit_id includes the units below', async () => {
    const ticket = await dispatched();
    const handlerList = await t.http.get('/api/tickets').query({ limit: 200 }).set(auth(t.fixture.users.otherHandler));
    expect(handlerList.body.items.map((i: { id: number }) => i.id)).not.toContain(ticket.id);
    const byCounty = await t.http.get('/api/tickets').query({ unit_id: t.fixture.units.county, limit: 200 }).set(auth(t.fixture.users.supervisor));
    expect(byCounty.body.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
  });
});
