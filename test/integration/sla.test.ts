import type { DomainEvent } from '../../server/events/types';
import { auth, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** SLA timers driven through the API; policies of seconds and a ManualClock, fired with runDue(). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let phone = 0;
const customer = (area: 'city' | 'county', tier = 'standard') => {
  phone += 1;
  return { phone: `1370000${String(phone).padStart(4, '0')}`, name: '李女士', area, tier };
};

interface Timer {
  policy_key: string;
  state: string;
  started_at: string;
  due_at: string;
  tier: number | null;
  elapsed_seconds: number;
  remaining_seconds: number;
  policy_version: number;
  target_seconds: number;
  met_on_time: boolean | null;
  segments: { start: string; end: string | null }[];
  warnings: { fraction: number; at: string }[];
  breached_at: string | null;
}

async function detail(id: number, as: TestUser = t.fixture.users.supervisor) {
  const res = await t.http.get(`/api/tickets/${id}`).set(auth(as)).expect(200);
  return res.body as { version: number; customer_id: number; timers: Timer[]; events: { type: string; data: Record<string, unknown> }[] };
}
const timer = (timers: Timer[], key: string) => timers.find((x) => x.policy_key === key)!;

async function putPolicy(key: string, body: Record<string, unknown>, expected = 201) {
  return t.http.put(`/api/sla-policies/${key}`).set(auth(t.fixture.users.admin))
    .send({ ticket_type: 'request', regulatory: false, escalate_on_breach: true, warn_at: [0.5, 0.8], ...body }).expect(expected);
}

async function request(extra: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
    .send({ type: 'request', description: '咨询套餐变更', customer: customer('city'), ...extra }).expect(201);
  return res.body as { id: number; version: number };
}

async function dispatch(id: number, version: number) {
  return (await t.http.post(`/api/tickets/${id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(version))
    .send({ unit_id: t.fixture.units.countyTeam }).expect(200)).body as { version: number };
}

type SlaEvent = Extract<DomainEvent, { type: 'sla.warning' | 'sla.breached' }>;
const slaEvents = (ticketId: number) =>
  t.events.filter((e): e is SlaEvent => (e.type === 'sla.warning' || e.type === 'sla.breached') && e.ticket.id === ticketId)
    .map((e) => (e.type === 'sla.warning' ? `${e.timer.policy_key}:warning:${e.fraction}` : `${e.timer.policy_key}:breached`));

describe('SLA policies as data', () => {
  it('lists the DOMAIN.md defaults and refuses a pausable regulatory limit', async () => {
    const res = await t.http.get('/api/sla-policies').set(auth(t.fixture.users.agent)).expect(200);
    const byKey = Object.fromEntries(res.body.items.map((p: { key: string }) => [p.key, p]));
    expect(byKey.reconnect_regulatory).toMatchObject({ target_seconds: 86400, regulatory: true, pausable: false, clock: 'wall', start_on: ['paid'] });
    expect(byKey.reconnect_internal).toMatchObject({ target_seconds: 7200, regulatory: false });
    expect(byKey.fault_repair_regulatory_county).toMatchObject({ area: 'county', target_seconds: 72 * 3600 });
    expect(byKey.complaint_first_contact).toMatchObject({ clock: 'business', target_seconds: 7200 });
    expect(Object.keys(byKey)).toHaveLength(11);

    const bad = await putPolicy('bad_policy', { name: 'x', target_seconds: 10, regulatory: true, pausable: true }, 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'pausable' })]);
    const noCalendar = await putPolicy('bad_policy', { name: 'x', target_seconds: 10, clock: 'lunar' }, 422);
    expect(noCalendar.body.errors).toEqual([expect.objectContaining({ path: 'clock' })]);
    await t.http.put('/api/sla-policies/x1').set(auth(t.fixture.users.supervisor)).send({}).expect(403);
  });
});

describe('reconnection after arrears', () => {
  it('a city counter payment runs the 2 h internal target and the 24 h limit from the payment, tier 1', async () => {
    const paidAt = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'reconnection', channel: 'counter', description: '已缴清欠费，申请复机', customer: customer('city'), payment: { channel: 'counter', paid_at: paidAt } })
      .expect(201);
    const { timers } = await detail(res.body.id);
    expect(timers.map((x) => x.policy_key).sort()).toEqual(['reconnect_internal', 'reconnect_regulatory']);
    const internal = timer(timers, 'reconnect_internal');
    expect(internal).toMatchObject({ started_at: paidAt, tier: 1, state: 'running', elapsed_seconds: 600, remaining_seconds: 6600 });
    expect(internal.due_at).toBe(new Date(Date.parse(paidAt) + 2 * 3600_000).toISOString());
    expect(timer(timers, 'reconnect_regulatory').due_at).toBe(new Date(Date.parse(paidAt) + 24 * 3600_000).toISOString());
  });

  it('a county bank transfer counts from the bank confirmation and is ordered in tier 4', async () => {
    const confirmedAt = new Date(t.clock.now().getTime() - 90 * 60_000).toISOString();
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'reconnection', description: '银行代扣已到账', customer: customer('county'), payment: { channel: 'bank', paid_at: confirmedAt } })
      .expect(201);
    const { timers, events } = await detail(res.body.id);
    expect(timer(timers, 'reconnect_internal')).toMatchObject({ tier: 4, started_at: confirmedAt, state: 'warning' });
    // 90 of 120 minutes are gone at intake: the 50 % warning is on the timeline at once
    expect(timer(timers, 'reconnect_internal').warnings).toEqual([expect.objectContaining({ fraction: 0.5, at: new Date(Date.parse(confirmedAt) + 3600_000).toISOString() })]);
    expect(events.map((e) => e.type)).toContain('sla.warning');
    t.clock.advance(6 * 60);
    await t.services.scheduler.runDue();
    expect(slaEvents(res.body.id)).toEqual(['reconnect_internal:warning:0.5', 'reconnect_internal:warning:0.8']);
    t.clock.advance(24 * 60);
    await t.services.scheduler.runDue();
    expect(slaEvents(res.body.id)).toEqual(['reconnect_internal:warning:0.5', 'reconnect_internal:warning:0.8', 'reconnect_internal:breached']);
    expect(timer((await detail(res.body.id)).timers, 'reconnect_regulatory').state).toBe('running');
  });
});

describe('timers of seconds', () => {
  beforeAll(async () => {
    await putPolicy('test_fast', { name: '测试：10秒', target_seconds: 10, pausable: true });
    await putPolicy('test_regulatory', { name: '测试：监管100秒', target_seconds: 100, regulatory: true, warn_at: [] });
  });

  it('warns at 50 % and 80 % and then breaches, in that order, on the timeline and the bus', async () => {
    const ticket = await request();
    t.clock.advance(5);
    await t.services.scheduler.runDue();
    expect(slaEvents(ticket.id)).toEqual(['test_fast:warning:0.5']);
    t.clock.advance(3);
    await t.services.scheduler.runDue();
    t.clock.advance(2);
    await t.services.scheduler.runDue();
    expect(slaEvents(ticket.id)).toEqual(['test_fast:warning:0.5', 'test_fast:warning:0.8', 'test_fast:breached']);
    const { events, timers } = await detail(ticket.id);
    expect(events.filter((e) => e.type.startsWith('sla.')).map((e) => e.type)).toEqual(['sla.warning', 'sla.warning', 'sla.breached']);
    expect(timer(timers, 'test_fast')).toMatchObject({ state: 'breached', remaining_seconds: 0 });
  });

  it('crossing all points in one jump still records them in order, each at its exact instant', async () => {
    const ticket = await request();
    const start = t.clock.now().getTime();
    t.clock.advance(60);
    await t.services.scheduler.runDue();
    await t.services.scheduler.runDue(); // a second run finds nothing more to fire
    expect(slaEvents(ticket.id)).toEqual(['test_fast:warning:0.5', 'test_fast:warning:0.8', 'test_fast:breached']);
    const fast = timer((await detail(ticket.id)).timers, 'test_fast');
    expect(fast.warnings.map((w) => w.at)).toEqual([new Date(start + 5000).toISOString(), new Date(start + 8000).toISOString()]);
    expect(fast.breached_at).toBe(new Date(start + 10_000).toISOString());
  });

  it('is met at resolution: the clock stops and nothing fires later', async () => {
    const ticket = await request();
    const dispatched = await dispatch(ticket.id, ticket.version);
    t.clock.advance(4);
    await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(t.fixture.users.handler)).set('If-Match', String(dispatched.version))
      .send({ resolution: '已办理', cause: '用户咨询', responsibility: 'none' }).expect(200);
    t.clock.advance(600);
    await t.services.scheduler.runDue();
    expect(slaEvents(ticket.id)).toEqual([]);
    const { timers, events } = await detail(ticket.id);
    expect(timer(timers, 'test_fast')).toMatchObject({ state: 'met', met_on_time: true, elapsed_seconds: 4 });
    expect(timer(timers, 'test_regulatory')).toMatchObject({ state: 'met', elapsed_seconds: 4 });
    expect(events.find((e) => e.type === 'resolved')!.data.sla).toEqual(expect.arrayContaining([expect.objectContaining({ policy_key: 'test_fast', state: 'met', on_time: true })]));
  });

  it('a resolution one second after the breach is met late, even before the worker fired', async () => {
    const ticket = await request();
    t.clock.advance(11);
    await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(t.fixture.users.agent)).set('If-Match', String(ticket.version))
      .send({ resolution: '当场办结', cause: '咨询', responsibility: 'none' }).expect(200);
    expect(slaEvents(ticket.id)).toEqual(['test_fast:warning:0.5', 'test_fast:warning:0.8', 'test_fast:breached']);
    expect(timer((await detail(ticket.id)).timers, 'test_fast')).toMatchObject({ state: 'met', met_on_time: false });
  });

  it('hold pauses the pausable internal timer only; unhold resumes it with the paused time kept out exactly', async () => {
    const ticket = await request();
    let version = (await dispatch(ticket.id, ticket.version)).version;
    t.clock.advance(3);
    const held = await t.http.post(`/api/tickets/${ticket.id}/hold`).set(auth(t.fixture.users.handler)).set('If-Match', String(version))
      .send({ reason: 'waiting_parts', note: '等光猫到货' }).expect(200);
    expect(held.body.on_hold).toBe(true);
    version = held.body.version;
    await t.http.post(`/api/tickets/${ticket.id}/hold`).set(auth(t.fixture.users.handler)).set('If-Match', String(version))
      .send({ reason: 'other' }).expect(409);
    t.clock.advance(1000);
    await t.services.scheduler.runDue();
    let timers = (await detail(ticket.id)).timers;
    expect(timer(timers, 'test_fast')).toMatchObject({ state: 'paused', elapsed_seconds: 3, remaining_seconds: 7 });
    expect(timer(timers, 'test_regulatory')).toMatchObject({ state: 'breached' }); // regulatory limits never pause
    expect(slaEvents(ticket.id)).toEqual(['test_regulatory:breached']);

    const unheld = await t.http.post(`/api/tickets/${ticket.id}/unhold`).set(auth(t.fixture.users.handler)).set('If-Match', String(version))
      .send({}).expect(200);
    expect(unheld.body.on_hold).toBe(false);
    t.clock.advance(1.5);
    timers = (await detail(ticket.id)).timers;
    const fast = timer(timers, 'test_fast');
    expect(fast).toMatchObject({ state: 'running', elapsed_seconds: 4.5, remaining_seconds: 5.5 });
    expect(fast.segments).toHaveLength(2);
    expect(Date.parse(fast.segments[1]!.start) - Date.parse(fast.segments[0]!.end!)).toBe(1000_000);
    expect(fast.due_at).toBe(new Date(t.clock.now().getTime() + 5500).toISOString());
    t.clock.advance(5.5);
    await t.services.scheduler.runDue();
    expect(slaEvents(ticket.id)).toEqual(['test_regulatory:breached', 'test_fast:warning:0.5', 'test_fast:warning:0.8', 'test_fast:breached']);
    const { events } = await detail(ticket.id);
    expect(events.find((e) => e.type === 'held')!.data).toMatchObject({ reason: 'waiting_parts', sla: [expect.objectContaining({ policy_key: 'test_fast', state: 'paused', elapsed_seconds: 3 })] });
  });

  it('refuses hold on a ticket that is not dispatched, and unhold on one not held', async () => {
    const ticket = await request();
    const res = await t.http.post(`/api/tickets/${ticket.id}/hold`).set(auth(t.fixture.users.agent)).set('If-Match', String(ticket.version))
      .send({ reason: 'waiting_customer' }).expect(409);
    expect(res.body).toMatchObject({ code: 'illegal_transition', current_status: 'accepted' });
    const dispatched = await dispatch(ticket.id, ticket.version);
    const not = await t.http.post(`/api/tickets/${ticket.id}/unhold`).set(auth(t.fixture.users.agent)).set('If-Match', String(dispatched.version)).send({}).expect(409);
    expect(not.body.code).toBe('not_on_hold');
    await t.http.post(`/api/tickets/${ticket.id}/hold`).set(auth(t.fixture.users.agent)).set('If-Match', String(dispatched.version)).send({ reason: 'later' }).expect(400);
  });

  it('a policy change applies to new tickets; running timers keep the version they started with', async () => {
    const before = await request();
    await putPolicy('test_fast', { name: '测试：20秒', target_seconds: 20, pausable: true }, 200);
    const after = await request();
    const old = timer((await detail(before.id)).timers, 'test_fast');
    const fresh = timer((await detail(after.id)).timers, 'test_fast');
    expect(old).toMatchObject({ target_seconds: 10, policy_version: 1 });
    expect(fresh).toMatchObject({ target_seconds: 20, policy_version: 2 });
    t.clock.advance(10);
    await t.services.scheduler.runDue();
    expect(slaEvents(before.id)).toContain('test_fast:breached');
    expect(slaEvents(after.id)).toEqual(['test_fast:warning:0.5']);
    const history = await t.knex('sla_policy_changes').where({ policy_key: 'test_fast' }).orderBy('version');
    expect(history.map((h) => [h.version, h.before?.target_seconds ?? null, h.after.target_seconds])).toEqual([[1, null, 10], [2, 10, 20]]);
    await putPolicy('test_fast', { name: '测试：10秒', target_seconds: 10, pausable: true }, 200);
  });
});

describe('a complaint through the closed loop', () => {
  it('first contact is met at dispatch, resolution meets the handling targets, and the closed ticket keeps no clock running', async () => {
    const { agent, handler } = t.fixture.users;
    const accepted = (await t.http.post('/api/tickets').set(auth(agent))
      .send({ type: 'complaint', category: 'billing', description: '话费多扣', customer: customer('county') }).expect(201)).body;
    let timers = (await detail(accepted.id)).timers;
    expect(timers.map((x) => x.policy_key).sort()).toEqual(['complaint_first_contact', 'complaint_reply_regulatory', 'complaint_resolve']);
    t.clock.advance(600);
    const dispatched = await dispatch(accepted.id, accepted.version);
    expect(timer((await detail(accepted.id)).timers, 'complaint_first_contact')).toMatchObject({ state: 'met', met_on_time: true });
    const resolved = (await t.http.post(`/api/tickets/${accepted.id}/resolve`).set(auth(handler)).set('If-Match', String(dispatched.version))
      .send({ resolution: '退还多扣费用', cause: '计费错误', responsibility: 'company' }).expect(200)).body;
    timers = (await detail(accepted.id)).timers;
    expect(timer(timers, 'complaint_resolve')).toMatchObject({ state: 'met', elapsed_seconds: 600 });
    expect(timer(timers, 'complaint_reply_regulatory')).toMatchObject({ state: 'met' });
    if (resolved.status === 'resolved') {
      expect(timer(timers, 'callback_window')).toMatchObject({ state: 'running' });
      await t.http.post(`/api/tickets/${accepted.id}/callback`).set(auth(agent)).set('If-Match', String(resolved.version))
        .send({ outcome: 'satisfied' }).expect(200);
    }
    timers = (await detail(accepted.id)).timers;
    expect(timers.filter((x) => !['met', 'cancelled'].includes(x.state))).toEqual([]);
    const open = (await t.http.get(`/api/tickets?sla_state=ok,warning,breached&customer_id=${accepted.customer_id}`)
      .set(auth(t.fixture.users.supervisor)).expect(200)).body;
    expect(open.items).toEqual([]);
  });
});

describe('the board and the sla_state filter', () => {
  it('counts open tickets per unit by their worst timer, filters by type and policy, and confines a unit head', async () => {
    await putPolicy('test_board', { name: '测试：看板', ticket_type: 'fault', target_seconds: 100, warn_at: [0.5] });
    const fault = async (area: 'city' | 'county') => (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'fault', description: '宽带无法上网', customer: customer(area) }).expect(201)).body as { id: number; version: number };
    const a = await fault('county');
    const b = await fault('county');
    await dispatch(a.id, a.version);
    t.clock.advance(60);
    await t.services.scheduler.runDue();
    const c = await fault('city');

    const board = (await t.http.get('/api/sla/board?type=fault&policy=test_board').set(auth(t.fixture.users.supervisor)).expect(200)).body;
    const team = board.units.find((u: { unit_id: number | null }) => u.unit_id === t.fixture.units.countyTeam);
    const desk = board.units.find((u: { unit_id: number | null }) => u.unit_id === null);
    expect(team).toMatchObject({ name: '庄河装维班', ok: 0, warning: 1, breached: 0 });
    expect(desk).toMatchObject({ ok: 1, warning: 1, breached: 0 });
    expect(board.totals).toEqual({ ok: 1, warning: 2, breached: 0 });
    expect(board.soonest[0]).toMatchObject({ policy_key: 'test_board' });

    const head = (await t.http.get('/api/sla/board?type=fault&policy=test_board').set(auth(t.fixture.users.head)).expect(200)).body;
    expect(head.units.map((u: { unit_id: number }) => u.unit_id)).toEqual([t.fixture.units.countyTeam]);
    await t.http.get('/api/sla/board?type=parcel').set(auth(t.fixture.users.supervisor)).expect(400);

    const warned = (await t.http.get('/api/tickets?type=fault&sla_state=warning').set(auth(t.fixture.users.supervisor)).expect(200)).body;
    expect(warned.items.map((x: { id: number }) => x.id).sort()).toEqual([a.id, b.id].sort());
    const ok = (await t.http.get('/api/tickets?type=fault&sla_state=ok').set(auth(t.fixture.users.supervisor)).expect(200)).body;
    expect(ok.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
  });
});
