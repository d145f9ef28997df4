import { up as confirmReplyLimit } from '../../migrations/2026120305000_reply_limit_confirmed';
import { auth, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/**
 * The supervisors' SLA board: every number on it is a set of tickets the queue lists with the
 * tile's link, late timers carry what a supervisor chases, and the periods count breaches and
 * on-time stops of today and the month. ManualClock at 10:00 Asia/Shanghai.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let phone = 0;
const customer = (area: 'city' | 'county') => {
  phone += 1;
  return { phone: `1360000${String(phone).padStart(4, '0')}`, name: '张先生', area };
};

interface BoardTimer { ticket_id: number; number: string; unit_name: string | null; policy_key: string; policy_name: string; regulatory: boolean; state: string; late_seconds: number | null; remaining_seconds: number | null; owner_name: string | null; assignee_name: string | null }
interface Tile { kind: string; unit_id: number | null; name: string | null; ok: number; warning: number; breached: number }
interface View {
  unit: { id: number; name: string } | null;
  breadcrumb: { id: number; name: string }[];
  totals: { ok: number; warning: number; breached: number };
  tiles: Tile[];
  policies: { policy_key: string; name: string; regulatory: boolean; ok: number; warning: number; breached: number }[];
  tiers: { policy_key: string; cells: { payment_channel: string; area: string; tier: number; ok: number; warning: number; breached: number }[] }[];
  late: { warning: number; breached: number; items: BoardTimer[] };
  soonest: BoardTimer[];
  today: { breached: number; met: number; on_time: number; rate: number | null };
  month: { breached: number; met: number; on_time: number; rate: number | null };
  hourly: { hour: number; breached: number; met: number; on_time: number }[];
}

const board = async (path = '/api/sla/board/overview', as: TestUser = t.fixture.users.supervisor) =>
  (await t.http.get(path).set(auth(as)).expect(200)).body as View;

async function queue(params: Record<string, string | number | boolean>, as: TestUser = t.fixture.users.supervisor): Promise<number[]> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  const res = await t.http.get(`/api/tickets?${query}&limit=200`).set(auth(as)).expect(200);
  return res.body.items.map((x: { id: number }) => x.id);
}

/** The queue link the console builds for a tile and a state. */
const tileLink = (tile: Tile, state: string): Record<string, string | number | boolean> =>
  tile.kind === 'undispatched' ? { no_unit: true, sla_state: state }
    : tile.kind === 'self' ? { unit_id: tile.unit_id!, subtree: false, sla_state: state }
      : { unit_id: tile.unit_id!, sla_state: state };

async function fault(area: 'city' | 'county', unitId?: number) {
  const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
    .send({ type: 'fault', description: '宽带无法上网', customer: customer(area) }).expect(201);
  let ticket = res.body as { id: number; version: number; number: string };
  if (unitId !== undefined) {
    ticket = (await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(ticket.version))
      .send({ unit_id: unitId, assignee_id: unitId === t.fixture.units.countyTeam ? t.fixture.users.handler.id : undefined }).expect(200)).body;
  }
  return ticket;
}

describe('the SLA board', () => {
  let late: { id: number; number: string };
  let onCounty: { id: number };
  beforeAll(async () => {
    await t.http.put('/api/sla-policies/test_board_fast').set(auth(t.fixture.users.admin))
      .send({ name: '测试：障碍100秒', ticket_type: 'fault', target_seconds: 100, warn_at: [0.5], regulatory: false, escalate_on_breach: false }).expect(201);
    late = await fault('county', t.fixture.units.countyTeam);
    t.clock.advance(60);
    onCounty = await fault('county', t.fixture.units.county);
    await fault('city', t.fixture.units.otherCounty);
    await fault('city');
    t.clock.advance(45); // the first is 5 s past its 100 s, the others 5 s from the 50 % warning
    await t.services.scheduler.runDue();
  });

  it('opens on the company: the undispatched, then each unit below with its subtree rolled up', async () => {
    const view = await board();
    expect(view.unit).toEqual({ id: t.fixture.units.city, name: '大连市分公司' });
    expect(view.tiles.map((x) => [x.kind, x.name])).toEqual([['undispatched', null], ['unit', '瓦房店分公司'], ['unit', '庄河县分公司']]);
    const county = view.tiles.find((x) => x.unit_id === t.fixture.units.county)!;
    expect(county).toMatchObject({ ok: 1, warning: 0, breached: 1, has_children: true });
    expect(view.totals).toEqual({ ok: 3, warning: 0, breached: 1 });
  });

  it('every tile count and every policy count is exactly what its queue link lists', async () => {
    const view = await board();
    for (const tile of view.tiles) {
      for (const state of ['ok', 'warning', 'breached'] as const) {
        const ids = await queue(tileLink(tile, state));
        expect([tile.name, state, ids.length]).toEqual([tile.name, state, tile[state]]);
      }
    }
    for (const policy of view.policies.filter((p) => p.ok + p.warning + p.breached > 0)) {
      for (const state of ['ok', 'warning', 'breached'] as const) {
        expect([policy.policy_key, state, (await queue({ sla_policy: policy.policy_key, sla_state: state })).length]).toEqual([policy.policy_key, state, policy[state]]);
      }
    }
    expect(await queue({ unit_id: t.fixture.units.county, sla_state: 'breached' })).toEqual([late.id]);
    expect(await queue({ unit_id: t.fixture.units.county, subtree: false })).toEqual([onCounty.id]);
  });

  it('lists the late timers with ticket number, unit, policy, how late and who has it; regulatory limits apart', async () => {
    const view = await board();
    expect(view.late.breached).toBe(1);
    expect(view.late.items[0]).toMatchObject({
      ticket_id: late.id, number: late.number, unit_name: '庄河装维班', policy_key: 'test_board_fast', policy_name: '测试：障碍100秒',
      regulatory: false, state: 'breached', late_seconds: 5, assignee_name: 'handler1',
    });
    const regulatory = view.policies.filter((p) => p.regulatory).map((p) => p.policy_key);
    expect(regulatory).toEqual(expect.arrayContaining(['fault_repair_regulatory_city', 'fault_repair_regulatory_county', 'complaint_reply_regulatory']));
    // regulatory limits come first, then the internal targets
    expect(view.policies.findIndex((p) => !p.regulatory)).toBe(regulatory.length);
    expect(view.soonest[0]).toMatchObject({ policy_key: 'test_board_fast', state: 'running', remaining_seconds: 55 });
  });

  it('counts breaches today and this month, by the hour they happened, and the on-time rate of what stopped', async () => {
    t.clock.advance(10); // the three others warn at 50 s
    await t.services.scheduler.runDue();
    const ticket = (await t.http.get(`/api/tickets/${onCounty.id}`).set(auth(t.fixture.users.supervisor)).expect(200)).body;
    await t.http.post(`/api/tickets/${onCounty.id}/resolve`).set(auth(t.fixture.users.head)).set('If-Match', String(ticket.version))
      .send({ resolution: '更换光猫', cause: '设备故障', responsibility: 'none' }).expect(200);
    const view = await board();
    expect(view.today).toMatchObject({ breached: 1, met: expect.any(Number) });
    expect(view.today.met).toBeGreaterThanOrEqual(1);
    expect(view.today.rate).toBe(view.today.on_time / view.today.met);
    expect(view.month.breached).toBe(1);
    // breached at 10:01:40 Asia/Shanghai
    expect(view.hourly).toHaveLength(24);
    expect(view.hourly[10]).toMatchObject({ breached: 1 });
    expect(view.hourly.reduce((n, h) => n + h.met, 0)).toBe(view.today.met);
    expect(view.totals.warning).toBe(2);
  });

  it("a unit's page: its subtree only, a breadcrumb, and 404 outside a unit head's scope", async () => {
    const county = await board(`/api/sla/board/units/${t.fixture.units.county}`);
    expect(county.breadcrumb.map((u) => u.name)).toEqual(['大连市分公司', '庄河县分公司']);
    expect(county.tiles.map((x) => [x.kind, x.name])).toEqual([['unit', '庄河装维班']]);
    expect(county.late.items.map((x) => x.ticket_id)).toEqual([late.id]);
    const head = await board('/api/sla/board/overview', t.fixture.users.head);
    expect(head.unit).toEqual({ id: t.fixture.units.county, name: '庄河县分公司' });
    expect(head.breadcrumb.map((u) => u.name)).toEqual(['庄河县分公司']);
    expect(head.tiles.some((x) => x.kind === 'undispatched')).toBe(false);
    await t.http.get(`/api/sla/board/units/${t.fixture.units.otherCounty}`).set(auth(t.fixture.users.head)).expect(404);
    const bad = await t.http.get('/api/sla/board/units/abc').set(auth(t.fixture.users.supervisor)).expect(400);
    expect(bad.body.errors[0].path).toContain('id');
    await t.http.get('/api/sla/board/overview?x=1').set(auth(t.fixture.users.supervisor)).expect(400);
    await t.http.get('/api/sla/board/overview').expect(401);
  });

  it('shows reconnection work by tier, each cell a queue link by payment channel and area', async () => {
    const paid = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
    const reconnect = (channel: string, area: 'city' | 'county', minutes: number) => t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'reconnection', description: '已缴费，申请复机', customer: customer(area), payment: { channel, paid_at: paid(minutes) } }).expect(201);
    await reconnect('counter', 'city', 10);
    await reconnect('bank', 'county', 150);
    await reconnect('bank', 'county', 5);
    const view = await board();
    const internal = view.tiers.find((x) => x.policy_key === 'reconnect_internal')!;
    expect(internal.cells).toEqual([
      expect.objectContaining({ payment_channel: 'counter', area: 'city', tier: 1, ok: 1, warning: 0, breached: 0 }),
      expect.objectContaining({ payment_channel: 'bank', area: 'county', tier: 4, ok: 1, warning: 0, breached: 1 }),
    ]);
    expect(await queue({ sla_policy: 'reconnect_internal', payment_channel: 'bank', area: 'county', sla_state: 'breached' })).toHaveLength(1);
    expect(await queue({ sla_policy: 'reconnect_internal', payment_channel: 'bank', area: 'county' })).toHaveLength(2);
    expect(await queue({ type: 'reconnection', area: 'city' })).toHaveLength(1);
    const bad = await t.http.get('/api/tickets?payment_channel=cash').set(auth(t.fixture.users.supervisor)).expect(400);
    expect(bad.body.errors[0].path).toMatch(/^payment_channel/);
  });
});

describe('the 15-day reply limit is confirmed', () => {
  it('new desks get the plain name, and the migration renames an existing desk\'s seeded one with a version', async () => {
    const get = async () => (await t.http.get('/api/sla-policies/complaint_reply_regulatory').set(auth(t.fixture.users.agent)).expect(200)).body;
    expect((await get()).name).toBe('投诉：15日内答复（监管）');
    await t.knex('sla_policies').where({ key: 'complaint_reply_regulatory' }).update({ name: '投诉：15日内答复（监管，待确认）' });
    const before = await get();
    await confirmReplyLimit(t.knex);
    const after = await get();
    expect(after).toMatchObject({ name: '投诉：15日内答复（监管）', version: before.version + 1, regulatory: true, target_seconds: 15 * 86400 });
    const change = await t.knex('sla_policy_changes').where({ policy_key: 'complaint_reply_regulatory', version: after.version }).first();
    expect(change.after).toMatchObject({ name: '投诉：15日内答复（监管）' });
    await confirmReplyLimit(t.knex); // a desk already renamed is left alone
    expect((await get()).version).toBe(after.version);
  });
});
