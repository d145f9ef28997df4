import { DEMO_MARK, DEMO_PASSWORD, loadDemo } from '../../server/demo/seed';
import { canPerform, STATUSES, type TicketAction, type TicketStatus } from '../../server/tickets/status';
import { CATEGORIES, TICKET_TYPES } from '../../server/tickets/vocabulary';
import { ROLES } from '../../server/auth/permissions';
import { complaintBody, startTestApp, type TestApp } from '../helpers/app';

interface Ticket {
  id: number; number: string; type: string; category: string; status: TicketStatus; version: number; handling_round: number;
  close_reason: string | null; one_call_resolution: boolean; created_at: Date; updated_at: Date; closed_at: Date | null;
  resolved_at: Date | null; unit_id: number | null;
}
interface Event { id: number; ticket_id: number; type: string; at: Date; actor_id: number | null; data: Record<string, unknown> }
interface Callback { ticket_id: number; handling_round: number; attempt: number; state: string; outcome: string | null; due_at: Date; done_at: Date | null }

const TABLES = ['units', 'users', 'customers', 'tickets', 'ticket_events', 'callbacks', 'ticket_number_days', 'settings'];
const countAll = async (t: TestApp) =>
  Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, Number((await t.knex(table).count<{ count: string }[]>('* as count'))[0]!.count)])));

/** The action the service checked before writing each timeline event. */
const ACTION_OF: Record<string, TicketAction> = {
  dispatched: 'dispatch', redispatched: 'dispatch', resolved: 'resolve', closed: 'callback', reopened: 'callback', callback_unreachable: 'callback',
};

const hourFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' });
const localHour = (at: Date) => Number(hourFormat.format(at));

let t: TestApp;
let tickets: Ticket[];
let events: Map<number, Event[]>;
let callbacks: Map<number, Callback[]>;
let loadMs: number;

beforeAll(async () => {
  t = await startTestApp();
  const started = Date.now();
  await loadDemo(t.deps);
  loadMs = Date.now() - started;
  tickets = await t.knex('tickets').orderBy('id');
  events = group(await t.knex('ticket_events').orderBy('id'));
  callbacks = group(await t.knex('callbacks').orderBy('id'));
}, 60_000);
afterAll(() => t.close());

function group<T extends { ticket_id: number | string }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(Number(row.ticket_id)) ?? [];
    list.push(row);
    out.set(Number(row.ticket_id), list);
  }
  return out;
}

describe('the demo operator', () => {
  it('loads a city company with departments and seven branches, each branch headed by its unit head', async () => {
    const units = await t.knex('units').where('code', 'like', 'DLNC%').orderBy('path');
    const city = units.find((u) => u.code === 'DLNC')!;
    expect(city).toMatchObject({ name: '大连市分公司', parent_id: null, path: `/${city.id}/` });
    const children = units.filter((u) => u.parent_id === city.id);
    expect(children.map((u) => u.name)).toEqual(expect.arrayContaining(['客户服务中心（10060热线）', '大客户响应中心', '网络维护中心', '计费中心']));
    const branches = children.filter((u) => u.name.endsWith('分公司'));
    expect(branches).toHaveLength(7);
    expect(new Set(branches.map((b) => b.area))).toEqual(new Set(['city', 'county']));
    for (const unit of units) {
      const parent = units.find((p) => p.id === unit.parent_id);
      expect(unit.path).toBe(`${parent?.path ?? '/'}${unit.id}/`);
    }
    for (const branch of branches) {
      expect(branch.subscribers).toBeGreaterThan(0);
      const head = await t.knex('users').where({ id: branch.head_user_id }).first();
      expect(head).toMatchObject({ role: 'unit_head', unit_id: branch.id });
      const handlers = await t.knex('users').join('units', 'units.id', 'users.unit_id')
        .where('users.role', 'handler').andWhere('units.path', 'like', `${branch.path}%`).count<{ count: string }[]>('* as count');
      expect(Number(handlers[0]!.count)).toBeGreaterThanOrEqual(2);
    }
  });

  it('has users of every role, customers of every tier and a few hundred tickets', async () => {
    const roles = await t.knex('users').where('email', 'like', '%@dl-netcom.example').select('role');
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(ROLES));
    expect(roles.length).toBeGreaterThanOrEqual(50);
    const tiers = await t.knex('customers').select('tier').count<{ tier: string; count: string }[]>('* as count').groupBy('tier');
    expect(Object.fromEntries(tiers.map((r) => [r.tier, Number(r.count)]))).toMatchObject({
      standard: expect.any(Number), vip: expect.any(Number), big_customer: expect.any(Number),
    });
    expect(tiers.reduce((sum, r) => sum + Number(r.count), 0)).toBeGreaterThanOrEqual(300);
    expect(tickets.length).toBeGreaterThanOrEqual(300);
    expect(loadMs).toBeLessThan(15_000);
  });

  it('covers every status, type and category, both close reasons, second handlings and one-call resolutions', () => {
    expect(new Set(tickets.map((x) => x.status))).toEqual(new Set(STATUSES));
    expect(new Set(tickets.map((x) => x.type))).toEqual(new Set(TICKET_TYPES));
    expect(new Set(tickets.filter((x) => x.type === 'complaint').map((x) => x.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(tickets.map((x) => x.close_reason).filter(Boolean))).toEqual(new Set(['satisfied', 'unreachable']));
    const secondRound = tickets.filter((x) => x.handling_round === 2);
    expect(new Set(secondRound.map((x) => x.status))).toEqual(new Set(['dispatched', 'resolved', 'closed']));
    expect(tickets.some((x) => x.one_call_resolution && x.status === 'closed')).toBe(true);
    expect([...events.values()].flat().some((e) => e.type === 'redispatched')).toBe(true);
  });

  // Both checks collect what disagrees, so a failure names the tickets (and 2,500 events check fast).
  it('gives every ticket a timeline that replays to its status, version and handling round', () => {
    const now = t.clock.now().getTime();
    const sixtyOneDays = 61 * 86_400_000;
    const wrong: string[] = [];
    for (const ticket of tickets) {
      const timeline = events.get(ticket.id)!;
      const first = timeline[0]!;
      if (first.type !== 'accepted' || first.at.getTime() !== ticket.created_at.getTime()) wrong.push(`${ticket.number}: does not start with its acceptance`);
      if (ticket.created_at.getTime() < now - sixtyOneDays) wrong.push(`${ticket.number}: older than 60 days`);
      let status: TicketStatus = 'accepted';
      let version = 1;
      let round = 1;
      let closeReason: unknown = null;
      let lastChange = first.at;
      let closedAt: Date | null = null;
      for (const [i, event] of timeline.entries()) {
        if (event.at.getTime() >= now) wrong.push(`${ticket.number}: ${event.type} in the future`);
        if (i > 0 && event.at < timeline[i - 1]!.at) wrong.push(`${ticket.number}: ${event.type} before the event above it`);
        const action = ACTION_OF[event.type];
        if (action === undefined) continue;
        if (!canPerform(action, status)) wrong.push(`${ticket.number}: ${event.type} from ${status}`);
        version += 1;
        lastChange = event.at;
        if (event.type === 'dispatched' || event.type === 'redispatched') status = 'dispatched';
        if (event.type === 'resolved') status = 'resolved';
        if (event.type === 'reopened') [status, round] = ['dispatched', round + 1];
        if (event.type === 'closed') [status, closeReason, closedAt] = ['closed', event.data.close_reason, event.at];
      }
      const replayed = { status, version, round, closeReason, updated: lastChange.getTime(), closed: closedAt?.getTime() ?? null };
      const stored = {
        status: ticket.status, version: ticket.version, round: ticket.handling_round, closeReason: ticket.close_reason,
        updated: ticket.updated_at.getTime(), closed: ticket.closed_at?.getTime() ?? null,
      };
      if (JSON.stringify(replayed) !== JSON.stringify(stored)) wrong.push(`${ticket.number}: replays to ${JSON.stringify(replayed)}, stored ${JSON.stringify(stored)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps callbacks in step: one open callback while resolved, one done callback per callback event, in callable hours', () => {
    const wrong: string[] = [];
    for (const ticket of tickets) {
      const rows = callbacks.get(ticket.id) ?? [];
      const open = rows.filter((c) => c.state === 'scheduled');
      const expectedOpen = ticket.status === 'resolved' ? [ticket.handling_round] : [];
      if (JSON.stringify(open.map((c) => c.handling_round)) !== JSON.stringify(expectedOpen)) wrong.push(`${ticket.number}: open callbacks ${open.length} while ${ticket.status}`);
      const answered = events.get(ticket.id)!.filter((e) => ['closed', 'reopened', 'callback_unreachable'].includes(e.type));
      const done = rows.filter((c) => c.state === 'done');
      const key = (pairs: [unknown, Date | null][]) => JSON.stringify(pairs.map(([o, at]) => [o, at?.getTime()]));
      if (key(done.map((c) => [c.outcome, c.done_at])) !== key(answered.map((e) => [e.data.outcome, e.at]))) wrong.push(`${ticket.number}: callbacks differ from the timeline`);
      for (const c of done) {
        if (c.done_at! < c.due_at) wrong.push(`${ticket.number}: callback ${c.attempt} made before it was due`);
        const hour = localHour(c.done_at!);
        if (hour < 9 || hour >= 20) wrong.push(`${ticket.number}: callback ${c.attempt} at ${hour}h`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('makes leadership cases as the ownership rules say, owned by the nearest head, with the owner\'s duties done before any close', async () => {
    const units = new Map((await t.knex('units').select('id', 'path', 'head_user_id')).map((u) => [Number(u.id), u]));
    const nearestHead = (unitId: number) => {
      const ids = (units.get(unitId)!.path as string).split('/').filter(Boolean).reverse();
      const unit = ids.map((id) => units.get(Number(id))!).find((u) => u.head_user_id !== null)!;
      return { owner_id: Number(unit.head_user_id), unit_id: Number(unit.id) };
    };
    const owned = await t.knex('case_ownerships').select('*');
    const actions = group(await t.knex('owner_actions').orderBy('id'));
    const reasons = new Set(owned.flatMap((o) => o.reasons as string[]));
    expect(reasons).toEqual(new Set(['service_attitude', 'regulator_referral', 'big_customer']));
    const wrong: string[] = [];
    for (const o of owned) {
      const ticket = tickets.find((x) => x.id === Number(o.ticket_id))!;
      const timeline = events.get(ticket.id)!;
      const expected = nearestHead(ticket.unit_id!);
      if (Number(o.owner_id) !== expected.owner_id || Number(o.unit_id) !== expected.unit_id) wrong.push(`${ticket.number}: owned by ${o.owner_id}, not the nearest head`);
      if (!timeline.some((e) => e.type === 'ownership_assigned')) wrong.push(`${ticket.number}: no ownership_assigned entry`);
      const own = actions.get(ticket.id) ?? [];
      for (const e of timeline.filter((x) => x.type === 'owner_action')) {
        if (!own.some((a) => Number(a.id) === e.data.action_id)) wrong.push(`${ticket.number}: owner_action names no action`);
      }
      if (ticket.status === 'closed' && (o.explanation === null || !own.some((a) => ['visit', 'apology', 'meeting'].includes(a.kind)))) {
        wrong.push(`${ticket.number}: closed without the owner's duties`);
      }
    }
    expect(wrong).toEqual([]);
    const dispatchedAttitude = tickets.filter((x) => x.category === 'service_attitude' && x.type === 'complaint' && x.unit_id !== null);
    expect(dispatchedAttitude.every((x) => owned.some((o) => Number(o.ticket_id) === x.id))).toBe(true);
  });

  it('numbers tickets TS<day>-<nnnn> without gaps or repeats, and live numbering of each day continues after them', async () => {
    expect(new Set(tickets.map((x) => x.number)).size).toBe(tickets.length);
    const perDay = new Map<string, number[]>();
    for (const ticket of tickets) {
      const [, day, seq] = /^TS(\d{8})-(\d{4})$/.exec(ticket.number)!;
      perDay.set(day!, [...(perDay.get(day!) ?? []), Number(seq)]);
    }
    const { rows: [{ current }] } = await t.knex.raw(`SELECT last_value AS current FROM ticket_number_seq`);
    const bases = new Map((await t.knex('ticket_number_days').select('day', 'base')).map((r) => [r.day, Number(r.base)]));
    for (const [day, seqs] of perDay) {
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      // the next number a live intake would take on that day is the one after the last demo number
      expect(Number(current) + 1 - bases.get(day)!).toBe(seqs.length + 1);
    }
  });

  it('adds nothing when loaded a second time', async () => {
    const before = await countAll(t);
    await loadDemo(t.deps);
    expect(await countAll(t)).toEqual(before);
    expect(await t.knex('settings').where({ key: DEMO_MARK }).first()).toBeDefined();
  });

  it('lets a demo agent sign in and dispatch a demo ticket, and live intake continues the day numbering', async () => {
    const login = await t.http.post('/api/auth/login').send({ username: 'agent01', password: DEMO_PASSWORD }).expect(200);
    const bearer = { Authorization: `Bearer ${login.body.token}` };
    const list = await t.http.get('/api/tickets?status=accepted&limit=1').set(bearer).expect(200);
    const ticket = list.body.items[0];
    const branch = await t.knex('units').where({ code: 'DLNC-ZH' }).first();
    const handler = await t.knex('users').where({ username: 'zhuanghe2' }).first();
    const dispatched = await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(bearer).set('If-Match', String(ticket.version))
      .send({ unit_id: branch.id, assignee_id: handler.id, note: '请尽快联系用户' })
      .expect(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', version: ticket.version + 1, unit_id: branch.id, assignee_id: handler.id });

    const head = await t.http.post('/api/auth/login').send({ username: 'head.zhuanghe', password: DEMO_PASSWORD }).expect(200);
    const cases = await t.http.get('/api/my-cases').set({ Authorization: `Bearer ${head.body.token}` }).expect(200);
    expect(cases.body.items.length).toBeGreaterThan(0);

    const today = tickets.filter((x) => x.number.startsWith('TS20261125-')).length;
    const created = await t.http.post('/api/tickets').set(bearer).send(complaintBody()).expect(201);
    expect(created.body.number).toBe(`TS20261125-${String(today + 1).padStart(4, '0')}`);
  });
});
