import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';

let t: TestApp;
let otherHead: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  const { admin } = t.fixture.users;
  const created = await t.http.post('/api/users').set(auth(admin))
    .send({ username: 'head2', name: '瓦房店经理', role: 'unit_head', unit_id: t.fixture.units.otherCounty, email: 'head2@example.test', password: 'Desk-pass-2026' })
    .expect(201);
  await t.http.patch(`/api/units/${t.fixture.units.otherCounty}`).set(auth(admin)).send({ head_user_id: created.body.id }).expect(200);
  const login = await t.http.post('/api/auth/login').send({ username: 'head2', password: 'Desk-pass-2026' }).expect(200);
  otherHead = { id: created.body.id, username: 'head2', role: 'unit_head', unit_id: t.fixture.units.otherCounty, token: login.body.token };
  // these stories log many alike complaints in one hour: keep the mass-complaint detector out of them
  for (const d of (await t.http.get('/api/mass-complaint-detectors').set(auth(admin)).expect(200)).body.items) {
    await t.http.put(`/api/mass-complaint-detectors/${d.key}`).set(auth(admin)).send({ name: d.name, enabled: false, match_on: d.match_on, ticket_types: d.ticket_types, threshold: d.threshold, window_seconds: d.window_seconds }).expect(200);
  }
});
afterAll(() => t.close());

async function accept(overrides: Record<string, unknown> = {}) {
  return (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody(overrides)).expect(201)).body;
}

async function dispatch(ticket: { id: number; version: number }, unitId: number) {
  return (await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(ticket.version)).send({ unit_id: unitId }).expect(200)).body;
}

const detail = async (id: number) => (await t.http.get(`/api/tickets/${id}`).set(auth(t.fixture.users.supervisor)).expect(200)).body;
/** The timeline as this domain sees it (SLA and callback events left out). */
const OWNERSHIP_STORY = new Set(['accepted', 'awaiting_owner', 'dispatched', 'redispatched', 'resolved', 'closed', 'ownership_assigned', 'ownership_transferred', 'ownership_released', 'owner_action', 'owner_explanation', 'major_problem_flagged', 'major_problem_unflagged']);
const timeline = async (id: number) => (await detail(id)).events.map((e: { type: string }) => e.type).filter((type: string) => OWNERSHIP_STORY.has(type));

describe('which tickets become leadership cases (the default rules)', () => {
  it('a service-attitude complaint dispatched to a team without a head is owned by the nearest head above, at once', async () => {
    const ticket = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.countyTeam);
    const d = await detail(ticket.id);
    expect(d.ownership).toMatchObject({ owner_id: t.fixture.users.head.id, unit_id: t.fixture.units.county, reason: 'service_attitude', actions: [], explanation: null, missing: ['in_person_action', 'explanation'] });
    expect(await timeline(ticket.id)).toEqual(['accepted', 'dispatched', 'ownership_assigned']);
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'ownership.assigned', ownerId: t.fixture.users.head.id, previousOwnerId: null, reasons: ['service_attitude'] }));
  });

  it('regulator referrals and big-customer complaints are owned; an ordinary billing complaint is not', async () => {
    const referral = await dispatch(await accept({ channel: 'regulator' }), t.fixture.units.county);
    expect((await detail(referral.id)).ownership).toMatchObject({ reasons: ['regulator_referral'] });
    const big = await dispatch(await accept({ customer: { phone: '13904119901', name: '大连港集团', tier: 'big_customer' } }), t.fixture.units.county);
    expect((await detail(big.id)).ownership).toMatchObject({ reasons: ['big_customer'] });
    const ordinary = await dispatch(await accept(), t.fixture.units.county);
    expect((await detail(ordinary.id)).ownership).toBeNull();
  });

  it('a supervisor flags a major service problem and the case gets its owner; unflagging releases it', async () => {
    const ticket = await dispatch(await accept(), t.fixture.units.countyTeam);
    const flagged = await t.http.post(`/api/tickets/${ticket.id}/major-problem`).set(auth(t.fixture.users.supervisor)).send({ flagged: true, note: '全区计费错误' }).expect(200);
    expect(flagged.body).toMatchObject({ major_problem: true, ownership: { owner_id: t.fixture.users.head.id, reasons: ['major_problem'] } });
    await t.http.post(`/api/tickets/${ticket.id}/major-problem`).set(auth(t.fixture.users.agent)).send({ flagged: true }).expect(403);
    const unflagged = await t.http.post(`/api/tickets/${ticket.id}/major-problem`).set(auth(t.fixture.users.supervisor)).send({ flagged: false }).expect(200);
    expect(unflagged.body.ownership).toBeNull();
    expect(await timeline(ticket.id)).toEqual(['accepted', 'dispatched', 'major_problem_flagged', 'ownership_assigned', 'major_problem_unflagged', 'ownership_released']);
  });

  it('admins edit the rules: a disabled rule stops applying, a new rule applies', async () => {
    const { admin, supervisor } = t.fixture.users;
    const rules = await t.http.get('/api/ownership-rules').set(auth(supervisor)).expect(200);
    expect(rules.body.items.map((r: { key: string }) => r.key)).toEqual(['big_customer', 'major_problem', 'mass_complaint', 'regulator_referral', 'service_attitude']);
    await t.http.put('/api/ownership-rules/service_attitude').set(auth(supervisor)).send({ name: 'x', match: { categories: ['billing'] } }).expect(403);
    await t.http.put('/api/ownership-rules/vip_billing').set(auth(admin)).send({ name: 'VIP 计费', match: { types: ['bogus'] } }).expect(400);
    await t.http.put('/api/ownership-rules/service_attitude').set(auth(admin)).send({ name: '服务态度', enabled: false, match: { categories: ['service_attitude'] } }).expect(200);
    await t.http.put('/api/ownership-rules/vip_billing').set(auth(admin)).send({ name: 'VIP 计费', match: { categories: ['billing'], customer_tiers: ['vip'] } }).expect(201);
    try {
      const attitude = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.county);
      expect((await detail(attitude.id)).ownership).toBeNull();
      const vip = await dispatch(await accept({ customer: { phone: '13904119902', tier: 'vip' } }), t.fixture.units.county);
      expect((await detail(vip.id)).ownership).toMatchObject({ reasons: ['vip_billing'] });
    } finally {
      await t.http.put('/api/ownership-rules/service_attitude').set(auth(admin)).send({ name: '服务态度', match: { types: ['complaint'], categories: ['service_attitude'] } }).expect(200);
      await t.http.delete('/api/ownership-rules/vip_billing').set(auth(admin)).expect(204);
    }
  });
});

describe('re-dispatch moves ownership', () => {
  it('to the head of the new unit, and says so on the timeline', async () => {
    const ticket = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.county);
    await dispatch(ticket, t.fixture.units.otherCounty);
    const d = await detail(ticket.id);
    expect(d.ownership).toMatchObject({ owner_id: otherHead.id, unit_id: t.fixture.units.otherCounty });
    expect(d.events.find((e: { type: string }) => e.type === 'ownership_transferred')).toMatchObject({ data: { from_owner_id: t.fixture.users.head.id, owner_id: otherHead.id } });
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'ownership.assigned', ownerId: otherHead.id, previousOwnerId: t.fixture.users.head.id }));
    const mine = await t.http.get('/api/my-cases').set(auth(t.fixture.users.head)).expect(200);
    expect(mine.body.items.map((i: { id: number }) => i.id)).not.toContain(ticket.id);
  });
});

describe("the owner's duties and the close gate", () => {
  it("keeps the agent's satisfied answer on a case missing its owner's duties, tells everyone what is missing, and closes when the owner has acted and explained", async () => {
    const { agent, handler, head } = t.fixture.users;
    let ticket = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.countyTeam);
    ticket = (await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(handler)).set('If-Match', String(ticket.version))
      .send({ resolution: '已向用户道歉', cause: '营业员态度生硬', responsibility: 'company' }).expect(200)).body;

    // the callback work list says up front that the owner's duties are missing
    const work = await t.http.get('/api/callbacks').set(auth(agent)).expect(200);
    expect(work.body.items.find((c: { ticket_id: number }) => c.ticket_id === ticket.id)).toMatchObject({ owner_duties_missing: ['in_person_action', 'explanation'] });

    // the agent's answer is recorded, not refused: the case stays resolved and waits for its owner
    const answered = await t.http.post(`/api/tickets/${ticket.id}/callback`).set(auth(agent)).set('If-Match', String(ticket.version)).send({ outcome: 'satisfied', note: '用户满意' }).expect(200);
    expect(answered.body).toMatchObject({ status: 'resolved', close_pending_reason: 'satisfied', close_reason: null, version: ticket.version + 1 });
    const waiting = await detail(ticket.id);
    expect(waiting.callbacks.at(-1)).toMatchObject({ state: 'done', outcome: 'satisfied', note: '用户满意' });
    expect(waiting.events.at(-1)).toMatchObject({ type: 'awaiting_owner', data: { outcome: 'satisfied', close_reason: 'satisfied', missing: ['in_person_action', 'explanation'] } });
    // the callback clock stopped with the answer; nothing else to call
    expect(waiting.timers.find((x: { policy_key: string }) => x.policy_key === 'callback_window')).toMatchObject({ state: 'met' });
    await t.http.post(`/api/tickets/${ticket.id}/callback`).set(auth(agent)).set('If-Match', String(answered.body.version)).send({ outcome: 'satisfied' }).expect(409);

    // a phone call is recorded but is not in person
    await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'call', note: '电话致歉', at: t.clock.now().toISOString() }).expect(201);
    // only the owner records; the future is refused; bad input names the field
    await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(otherHead)).send({ kind: 'visit', note: '上门', at: t.clock.now().toISOString() }).expect(404);
    await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(handler)).send({ kind: 'visit', note: '上门', at: t.clock.now().toISOString() }).expect(403);
    const future = await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'visit', note: '上门', at: new Date(t.clock.now().getTime() + 3600e3).toISOString() }).expect(422);
    expect(future.body).toMatchObject({ code: 'action_in_future', errors: [{ path: 'at', message: 'in the future' }] });
    const bad = await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'lunch', note: '', at: 'yesterday' }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['at', 'kind', 'note']);
    expect(bad.body.code).toBe('invalid_input');

    const visited = await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'visit', note: '上门当面道歉，用户表示谅解', at: t.clock.now().toISOString() }).expect(201);
    expect(visited.body.missing).toEqual(['explanation']);
    expect((await detail(ticket.id)).status).toBe('resolved');

    // the explanation is the last duty: the case closes in the same change, with the agent's outcome
    const explained = await t.http.post(`/api/tickets/${ticket.id}/explanation`).set(auth(head)).send({ text: '营业员服务态度生硬，已批评教育并扣绩效，组织全员服务规范培训。' }).expect(200);
    expect(explained.body).toMatchObject({ missing: [], explanation: expect.stringContaining('培训') });
    const closed = await detail(ticket.id);
    expect(closed).toMatchObject({ status: 'closed', close_reason: 'satisfied', close_pending_reason: null });
    expect(closed.events.at(-1)).toMatchObject({ type: 'closed', actor_id: head.id, data: { close_reason: 'satisfied', after_owner_duties: true } });
    expect(await timeline(ticket.id)).toEqual(['accepted', 'dispatched', 'ownership_assigned', 'resolved', 'awaiting_owner', 'owner_action', 'owner_action', 'owner_explanation', 'closed']);
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'ticket.updated', change: 'closed', ticket: expect.objectContaining({ id: ticket.id, status: 'closed' }) }));
    await t.http.post(`/api/tickets/${ticket.id}/explanation`).set(auth(head)).send({ text: '补充' }).expect(409);
  });

  it('closes at once when the owner had already done both duties before the callback', async () => {
    const { agent, handler, head } = t.fixture.users;
    let ticket = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.countyTeam);
    await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'apology', note: '当面致歉', at: t.clock.now().toISOString() }).expect(201);
    await t.http.post(`/api/tickets/${ticket.id}/explanation`).set(auth(head)).send({ text: '已整改' }).expect(200);
    ticket = (await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(handler)).set('If-Match', String(ticket.version))
      .send({ resolution: '已道歉', cause: '态度', responsibility: 'company' }).expect(200)).body;
    const work = await t.http.get('/api/callbacks').set(auth(agent)).expect(200);
    expect(work.body.items.find((c: { ticket_id: number }) => c.ticket_id === ticket.id)).toMatchObject({ owner_duties_missing: [] });
    const closed = await t.http.post(`/api/tickets/${ticket.id}/callback`).set(auth(agent)).set('If-Match', String(ticket.version)).send({ outcome: 'satisfied' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', close_reason: 'satisfied', close_pending_reason: null });
  });

  it('owner actions on a ticket that is not a leadership case are refused with 422', async () => {
    const ticket = await dispatch(await accept(), t.fixture.units.county);
    const res = await t.http.post(`/api/tickets/${ticket.id}/explanation`).set(auth(t.fixture.users.head)).send({ text: '说明' }).expect(422);
    expect(res.body.code).toBe('not_owned');
  });
});

describe('"my cases"', () => {
  it('lists the open cases the caller owns, and GET /api/tickets filters by owner_id', async () => {
    const { head, supervisor } = t.fixture.users;
    const a = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.county);
    const b = await dispatch(await accept({ channel: 'regulator' }), t.fixture.units.countyTeam);
    const mine = await t.http.get('/api/my-cases?limit=2').set(auth(head)).expect(200);
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([b.id, a.id]);
    expect(mine.body.items[0].ownership).toMatchObject({ owner_id: head.id, reasons: ['regulator_referral'] });
    expect(mine.body.next_cursor).not.toBeNull();
    const next = await t.http.get(`/api/my-cases?limit=2&cursor=${mine.body.next_cursor}`).set(auth(head)).expect(200);
    expect(next.body.items.every((i: { id: number }) => i.id < a.id)).toBe(true);
    const listed = await t.http.get(`/api/tickets?owner_id=${head.id}&limit=200`).set(auth(supervisor)).expect(200);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const theirs = await t.http.get(`/api/tickets?owner_id=${otherHead.id}`).set(auth(supervisor)).expect(200);
    expect(theirs.body.items.map((i: { id: number }) => i.id)).not.toContain(a.id);
    await t.http.get('/api/my-cases').set(auth(t.fixture.users.agent)).expect(403);
  });
});
