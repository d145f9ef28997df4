import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { connectAs, listen, nextEvent, type ListeningApp } from '../helpers/realtime';

/** The rules behind the agent and handler consoles: queues, claim, bulk changes, urges, caller pop, 360, alert switches. */
let t: TestApp;
let live: ListeningApp;
beforeAll(async () => {
  t = await startTestApp();
  live = await listen(t);
});
afterAll(async () => {
  await live.close();
  await t.close();
});

const u = () => t.fixture.users;

async function accept(overrides: Record<string, unknown> = {}, as: TestUser = u().agent) {
  return (await t.http.post('/api/tickets').set(auth(as)).send(complaintBody(overrides)).expect(201)).body as { id: number; version: number; customer_id: number; number: string };
}

async function acceptAndDispatch(unit = t.fixture.units.countyTeam, overrides: Record<string, unknown> = {}) {
  const ticket = await accept(overrides);
  const res = await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(u().agent)).set('If-Match', String(ticket.version)).send({ unit_id: unit }).expect(200);
  return res.body as { id: number; version: number; customer_id: number; assignee_id: number | null };
}

describe('a handler claims and releases', () => {
  it('takes a dispatched ticket of the unit for themselves, and gives it back', async () => {
    const ticket = await acceptAndDispatch();
    const claimed = await t.http.post(`/api/tickets/${ticket.id}/claim`).set(auth(u().handler)).set('If-Match', String(ticket.version)).expect(200);
    expect(claimed.body.assignee_id).toBe(u().handler.id);
    expect(claimed.headers.etag).toBe(`"${claimed.body.version}"`);

    // a stale version is refused, claiming twice is a conflict with its own code
    await t.http.post(`/api/tickets/${ticket.id}/claim`).set(auth(u().handler)).set('If-Match', String(ticket.version)).expect(409);
    const twice = await t.http.post(`/api/tickets/${ticket.id}/claim`).set(auth(u().handler)).set('If-Match', String(claimed.body.version)).expect(409);
    expect(twice.body.code).toBe('already_claimed');

    const released = await t.http.post(`/api/tickets/${ticket.id}/release`).set(auth(u().handler)).set('If-Match', String(claimed.body.version)).expect(200);
    expect(released.body.assignee_id).toBeNull();
    const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(u().handler)).expect(200);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['claimed', 'released']));
  });

  it('cannot take a ticket someone else works, nor one of another branch', async () => {
    const ticket = await acceptAndDispatch();
    const taken = await t.http.post(`/api/tickets/${ticket.id}/assign`).set(auth(u().head)).set('If-Match', String(ticket.version)).send({ assignee_id: u().handler.id }).expect(200);
    const other = await t.http.post(`/api/tickets/${ticket.id}/claim`).set(auth(u().otherHandler)).set('If-Match', String(taken.body.version)).expect(404);
    expect(other.body.status).toBe(404);
    // the unit head may take it over
    const head = await t.http.post(`/api/tickets/${ticket.id}/claim`).set(auth(u().head)).set('If-Match', String(taken.body.version)).expect(200);
    expect(head.body.assignee_id).toBe(u().head.id);
    // an accepted ticket (not dispatched) cannot be claimed
    const fresh = await accept();
    await t.http.post(`/api/tickets/${fresh.id}/claim`).set(auth(u().handler)).set('If-Match', String(fresh.version)).expect(404);
  });

  it('assign refuses someone outside the unit', async () => {
    const ticket = await acceptAndDispatch();
    const res = await t.http.post(`/api/tickets/${ticket.id}/assign`).set(auth(u().supervisor)).set('If-Match', String(ticket.version)).send({ assignee_id: u().otherHandler.id }).expect(422);
    expect(res.body.code).toBe('assignee_not_unit_staff');
    expect(res.body.errors[0].path).toBe('assignee_id');
  });
});

describe('a supervisor changes many tickets at once', () => {
  it('dispatches each in its own versioned change and says which failed and why', async () => {
    const a = await accept();
    const b = await accept();
    const closedOne = await accept({ resolve: { resolution: '已解释', cause: '计费规则', responsibility: 'none' } });
    const res = await t.http.post('/api/tickets/bulk').set(auth(u().supervisor)).send({
      action: 'dispatch', unit_id: t.fixture.units.county,
      tickets: [{ id: a.id, version: a.version }, { id: b.id, version: b.version + 5 }, { id: closedOne.id, version: closedOne.version }, { id: 99999999, version: 1 }],
    }).expect(200);
    expect(res.body.succeeded).toBe(1);
    expect(res.body.failed).toBe(3);
    const byId = Object.fromEntries(res.body.results.map((r: { id: number }) => [r.id, r]));
    expect(byId[a.id]).toMatchObject({ ok: true, version: a.version + 1 });
    expect(byId[b.id]).toMatchObject({ ok: false, status: 409, code: 'stale_version' });
    expect(byId[closedOne.id]).toMatchObject({ ok: false, status: 409, code: 'illegal_transition' });
    expect(byId[99999999]).toMatchObject({ ok: false, status: 404, code: 'not_found' });
    // the failed ones were not touched
    expect((await t.http.get(`/api/tickets/${b.id}`).set(auth(u().supervisor))).body.status).toBe('accepted');
  });

  it('comments on every selected ticket and refuses roles the action is not for', async () => {
    const a = await acceptAndDispatch();
    const b = await acceptAndDispatch();
    const res = await t.http.post('/api/tickets/bulk').set(auth(u().head)).send({ action: 'comment', body: '请今天内联系用户', tickets: [{ id: a.id, version: a.version }, { id: b.id, version: b.version }] }).expect(200);
    expect(res.body.succeeded).toBe(2);
    const detail = await t.http.get(`/api/tickets/${b.id}`).set(auth(u().head)).expect(200);
    expect(detail.body.events.some((e: { type: string; data: { body?: string } }) => e.type === 'comment' && e.data.body === '请今天内联系用户')).toBe(true);
    // a unit head may not dispatch: the whole request is refused before anything changes
    await t.http.post('/api/tickets/bulk').set(auth(u().head)).send({ action: 'dispatch', unit_id: t.fixture.units.county, tickets: [{ id: a.id, version: a.version }] }).expect(403);
    const bad = await t.http.post('/api/tickets/bulk').set(auth(u().supervisor)).send({ action: 'dispatch', tickets: [{ id: a.id, version: 1 }] }).expect(400);
    expect(bad.body.errors[0].path).toBe('unit_id');
  });
});

describe('queues show the worst timer and sort by soonest due', () => {
  it('each row carries its SLA summary; breached first, then soonest due; round and unassigned filter', async () => {
    const bigPhone = '13900009999';
    const slow = await acceptAndDispatch(t.fixture.units.countyTeam, { customer: { phone: '13900001111', area: 'county' } });
    t.clock.advance(60);
    const fast = await acceptAndDispatch(t.fixture.units.countyTeam, { customer: { phone: bigPhone, area: 'county', tier: 'big_customer' }, category: 'network_quality' });
    const page = await t.http.get('/api/tickets').query({ sort: 'due', status: 'dispatched', unit_id: t.fixture.units.county, limit: 200 }).set(auth(u().head)).expect(200);
    const ids = page.body.items.map((r: { id: number }) => r.id);
    const rowOf = (id: number) => page.body.items.find((r: { id: number }) => r.id === id);
    expect(rowOf(slow.id).sla).toMatchObject({ state: 'ok' });
    expect(rowOf(slow.id).sla.due_at).toEqual(expect.any(String));
    // due times ascend over rows that have one
    const dues = page.body.items.filter((r: { sla: { state: string } | null }) => r.sla && r.sla.state !== 'breached').map((r: { sla: { due_at: string } }) => Date.parse(r.sla.due_at));
    expect([...dues].sort((x, y) => x - y)).toEqual(dues);
    expect(ids).toContain(fast.id);

    // a day later the 24 h complaint timer has breached: it comes first
    t.clock.advance(25 * 3600);
    await t.services.scheduler.runDue();
    const later = await t.http.get('/api/tickets').query({ sort: 'due', status: 'dispatched', unit_id: t.fixture.units.county, limit: 2 }).set(auth(u().head)).expect(200);
    expect(later.body.items[0].sla.state).toBe('breached');
    expect(later.body.items[0].sla.breached_at).toEqual(expect.any(String));
    // paged by position: the next page continues without repeating
    const next = await t.http.get('/api/tickets').query({ sort: 'due', status: 'dispatched', unit_id: t.fixture.units.county, limit: 2, cursor: later.body.next_cursor }).set(auth(u().head)).expect(200);
    const seen = new Set(later.body.items.map((r: { id: number }) => r.id));
    expect(next.body.items.some((r: { id: number }) => seen.has(r.id))).toBe(false);

    const unassigned = await t.http.get('/api/tickets').query({ unassigned: 'true', status: 'dispatched' }).set(auth(u().supervisor)).expect(200);
    expect(unassigned.body.items.every((r: { assignee_id: number | null }) => r.assignee_id === null)).toBe(true);
    const second = await t.http.get('/api/tickets').query({ round: 'second' }).set(auth(u().supervisor)).expect(200);
    expect(second.body.items.every((r: { handling_round: number }) => r.handling_round > 1)).toBe(true);
    await t.http.get('/api/tickets').query({ round: 'third' }).set(auth(u().supervisor)).expect(400);
  });

  it('a ticket on hold shows its paused timers without a due time; unhold needs no reason', async () => {
    const ticket = await acceptAndDispatch(t.fixture.units.countyTeam, { type: 'fault', category: undefined, customer: { phone: '13900002222', area: 'city' } });
    const held = await t.http.post(`/api/tickets/${ticket.id}/hold`).set(auth(u().handler)).set('If-Match', String(ticket.version)).send({ reason: 'waiting_customer' }).expect(200);
    const page = await t.http.get('/api/tickets').query({ q: '13900002222' }).set(auth(u().handler)).expect(200);
    // the regulatory fault timer runs on: the worst open timer is not paused, but the pausable one is
    expect(page.body.items[0].sla.state).not.toBe('breached');
    const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(u().handler)).expect(200);
    expect(detail.body.timers.find((x: { state: string }) => x.state === 'paused')).toBeDefined();
    await t.http.post(`/api/tickets/${ticket.id}/unhold`).set(auth(u().handler)).set('If-Match', String(held.body.version)).send({}).expect(200);
  });
});

describe('urge (催单)', () => {
  it('counts urges, tells the unit, and the N-th makes the ticket urgent and tells the head', async () => {
    await t.http.put('/api/settings/urges').set(auth(u().admin)).send({ escalate_after: 2 }).expect(200);
    await t.http.put('/api/settings/urges').set(auth(u().agent)).send({ escalate_after: 2 }).expect(403);
    const ticket = await acceptAndDispatch();
    const handlerSocket = await connectAs(live.url, u().handler);
    const headSocket = await connectAs(live.url, u().head);
    try {
      const heard = nextEvent<{ change: string; ticket: { id: number; urge_count: number } }>(handlerSocket, 'ticket.updated', (p) => p.change === 'urged' && p.ticket.id === ticket.id);
      const first = await t.http.post(`/api/tickets/${ticket.id}/urge`).set(auth(u().agent)).send({ note: '用户第二次来电' }).expect(200);
      expect(first.body.urge_count).toBe(1);
      expect((await heard).ticket.urge_count).toBe(1);
      const escalation = nextEvent<{ ticket_id: number; user_id: number; count: number }>(headSocket, 'ticket.urge_escalated', (p) => p.ticket_id === ticket.id);
      const second = await t.http.post(`/api/tickets/${ticket.id}/urge`).set(auth(u().agent)).send({}).expect(200);
      expect(second.body).toMatchObject({ urge_count: 2, priority: 'urgent' });
      expect(await escalation).toMatchObject({ user_id: u().head.id, count: 2 });
    } finally {
      handlerSocket.close();
      headSocket.close();
    }
    const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(u().agent)).expect(200);
    const urges = detail.body.events.filter((e: { type: string }) => e.type === 'urged');
    expect(urges).toHaveLength(2);
    expect(urges[0]).toMatchObject({ actor_id: u().agent.id, data: { count: 1, note: '用户第二次来电', escalated: false } });
    expect(urges[1].data).toMatchObject({ count: 2, escalated: true, head_id: u().head.id });
    // the queue shows the count
    const row = (await t.http.get('/api/tickets').query({ q: detail.body.number }).set(auth(u().head)).expect(200)).body.items[0];
    expect(row.urge_count).toBe(2);
    // a handler may not urge; a closed ticket cannot be urged
    await t.http.post(`/api/tickets/${ticket.id}/urge`).set(auth(u().handler)).send({}).expect(403);
    const done = await accept({ resolve: { resolution: '已解释', cause: '计费规则', responsibility: 'none' } });
    await t.http.post(`/api/tickets/${done.id}/urge`).set(auth(u().agent)).send({}).expect(409);
  });
});

describe('caller pop', () => {
  it('the phone system announces a call; only that agent hears it; the call id is kept on the ticket', async () => {
    const known = await accept({ customer: { phone: '13900003333', name: '赵女士', area: 'city' } });
    const agentSocket = await connectAs(live.url, u().agent);
    const supervisorSocket = await connectAs(live.url, u().supervisor);
    const heardBySupervisor: unknown[] = [];
    supervisorSocket.on('cti.ringing', (p) => heardBySupervisor.push(p));
    try {
      const ringing = nextEvent<{ caller: string; call_id: string; customer_id: number | null }>(agentSocket, 'cti.ringing');
      const started = performance.now();
      const res = await t.http.post('/api/cti/calls').set(auth(u().integration)).send({ agent: u().agent.username, caller: '13900003333', call_id: 'CALL-0001' }).expect(202);
      const event = await ringing;
      const ms = performance.now() - started;
      expect(event).toMatchObject({ caller: '13900003333', call_id: 'CALL-0001', customer_id: known.customer_id });
      expect(res.body).toMatchObject({ agent_id: u().agent.id, customer_id: known.customer_id });
      expect(ms).toBeLessThan(300);
      expect(heardBySupervisor).toEqual([]);
    } finally {
      agentSocket.close();
      supervisorSocket.close();
    }
    const ticket = await accept({ customer_id: known.customer_id, customer: undefined, call_id: 'CALL-0001' });
    expect((await t.http.get(`/api/tickets/${ticket.id}`).set(auth(u().agent))).body.call_id).toBe('CALL-0001');
  });

  it('refuses people and unknown agents; the phone system can do nothing else', async () => {
    await t.http.post('/api/cti/calls').set(auth(u().agent)).send({ agent: 'agent1', caller: '13900003333', call_id: 'X' }).expect(403);
    const unknown = await t.http.post('/api/cti/calls').set(auth(u().integration)).send({ agent: 'nobody', caller: '13900003333', call_id: 'X' }).expect(422);
    expect(unknown.body.code).toBe('unknown_agent');
    const handler = await t.http.post('/api/cti/calls').set(auth(u().integration)).send({ agent: u().handler.username, caller: '13900003333', call_id: 'X' }).expect(422);
    expect(handler.body.errors[0].path).toBe('agent');
    const bad = await t.http.post('/api/cti/calls').set(auth(u().integration)).send({ agent: 'agent1', caller: 'not a phone', call_id: 'X' }).expect(400);
    expect(bad.body.errors[0].path).toBe('caller');
    await t.http.get('/api/tickets').set(auth(u().integration)).expect(403);
    expect(Number((await t.knex('cti_calls').where({ call_id: 'X' }).count<{ count: string }[]>('* as count'))[0]!.count)).toBe(0);
  });
});

describe('customer 360 at intake', () => {
  it('suggests the unit of past tickets, and an agent links the new ticket to the open incident', async () => {
    const first = await acceptAndDispatch(t.fixture.units.otherCounty, { customer: { phone: '13900004444', area: 'county' } });
    const history = await t.http.get(`/api/customers/${first.customer_id}/history`).set(auth(u().agent)).expect(200);
    expect(history.body.suggested_unit).toEqual({ unit_id: t.fixture.units.otherCounty, source: 'past_tickets' });

    const withUnit = await accept({ customer: { phone: '13900005555', area: 'county', unit_id: t.fixture.units.county } });
    const recorded = await t.http.get(`/api/customers/${withUnit.customer_id}/history`).set(auth(u().agent)).expect(200);
    expect(recorded.body.suggested_unit).toEqual({ unit_id: t.fixture.units.county, source: 'customer_record' });

    const incident = await t.http.post('/api/incidents').set(auth(u().supervisor))
      .send({ title: '庄河光缆中断', unit_id: t.fixture.units.county, explanation_wording: '光缆抢修中，预计今晚20点前恢复' }).expect(201);
    const open = await t.http.get('/api/incidents').query({ status: 'open', unit_id: t.fixture.units.county }).set(auth(u().agent)).expect(200);
    expect(open.body.items.map((i: { id: number }) => i.id)).toContain(incident.body.id);
    const linked = await t.http.post(`/api/incidents/${incident.body.id}/tickets`).set(auth(u().agent)).send({ ticket_id: withUnit.id }).expect(200);
    expect(linked.body.tickets.map((x: { id: number }) => x.id)).toContain(withUnit.id);
    // agents attach, they do not open incidents
    await t.http.post('/api/incidents').set(auth(u().agent)).send({ title: 'x', unit_id: t.fixture.units.county }).expect(403);
  });
});

describe('notification switches', () => {
  it('default on, stored per user, validated', async () => {
    const defaults = await t.http.get('/api/me/notification-settings').set(auth(u().handler)).expect(200);
    expect(defaults.body).toEqual({ kinds: { dispatched: true, callback_due: true, escalation: true, sla_warning: true }, desktop: true, sound: false });
    const mine = { kinds: { dispatched: true, callback_due: false, escalation: true, sla_warning: false }, desktop: false, sound: true };
    await t.http.put('/api/me/notification-settings').set(auth(u().handler)).send(mine).expect(200);
    expect((await t.http.get('/api/me/notification-settings').set(auth(u().handler))).body).toEqual(mine);
    expect((await t.http.get('/api/me/notification-settings').set(auth(u().head))).body).toEqual(defaults.body);
    const bad = await t.http.put('/api/me/notification-settings').set(auth(u().handler)).send({ ...mine, kinds: { ...mine.kinds, weather: true } }).expect(400);
    expect(bad.body.errors[0].path).toContain('kinds');
  });
});
