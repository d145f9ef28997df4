import { createTokenService } from '../../server/auth/tokens';
import { loadMorning, MORNING_MARK } from '../../server/demo/morning';
import { loadDemo } from '../../server/demo/seed';
import { startTestApp, TOKEN_SECRET, type TestApp } from '../helpers/app';

/** `npm run demo` opens on a desk at work today: live timers, due callbacks, owned cases, an open incident. */
let t: TestApp;
const morning = () => loadMorning(t.deps, t.db, createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock));
const count = async (query: Promise<{ count: string | number }[]>) => Number((await query)[0]!.count);

beforeAll(async () => {
  // 10:00 in Dalian: the middle of a working morning
  t = await startTestApp({ clockStart: '2026-12-03T02:00:00Z' });
  await loadDemo(t.deps);
  await morning();
  // the desk's scheduler starts: what fell due while the morning was made fires now
  await t.services.scheduler.runDue();
}, 120_000);
afterAll(() => t.close());

describe("the demo's working morning", () => {
  it('has open tickets whose SLA timers run, warn and a few breach', async () => {
    const levels = await t.knex('sla_ticket_states').select('level').count('* as count').groupBy('level');
    const byLevel = Object.fromEntries(levels.map((r) => [Number(r.level), Number(r.count)]));
    expect(byLevel[0]).toBeGreaterThanOrEqual(4);
    expect(byLevel[1]).toBeGreaterThanOrEqual(2);
    expect(byLevel[2]).toBeGreaterThanOrEqual(2);
    expect(byLevel[2]!).toBeLessThan(byLevel[0]!);
  });

  it('has callback agents on duty with callbacks due today across callable hours, a few late, none unassigned', async () => {
    const onDuty = await count(t.knex('callback_agents').where({ on_duty: true }).count('* as count'));
    expect(onDuty).toBe(4);
    const due = await t.knex('callbacks').whereIn('state', ['scheduled', 'due']).where('due_at', '>=', new Date(Date.parse('2026-12-02T00:00:00Z')))
      .select<{ due_at: Date; assignee_id: string | null; state: string }[]>('due_at', 'assignee_id', 'state');
    expect(due.length).toBeGreaterThanOrEqual(10);
    const hours = new Set(due.map((c) => new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(c.due_at)));
    expect(hours.size).toBeGreaterThanOrEqual(4);
    const fallenDue = due.filter((c) => c.due_at <= t.clock.now());
    expect(fallenDue.length).toBeGreaterThan(0);
    expect(fallenDue.every((c) => c.assignee_id !== null)).toBe(true);
    const list = await t.services.callbacks.workList({ id: 0, username: 'x', name: 'x', role: 'supervisor', unitId: null, unitPath: null }, { state: 'due', limit: 200 });
    const late = list.items.filter((i) => i.late).length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(list.items.length);
  });

  it('has unit heads owning open cases, with and without their visit recorded, and an open incident with its wording', async () => {
    const cases = await t.knex('case_ownerships as o').join('tickets as t', 't.id', 'o.ticket_id').where({ 'o.active': true }).whereNot('t.status', 'closed')
      .where('t.created_at', '>', new Date(Date.parse('2026-12-02T12:00:00Z'))).select<{ ticket_id: string }[]>('o.ticket_id');
    expect(cases.length).toBeGreaterThanOrEqual(4);
    const visited = await count(t.knex('owner_actions').whereIn('ticket_id', cases.map((c) => c.ticket_id)).where({ kind: 'visit' }).countDistinct('ticket_id as count'));
    expect(visited).toBeGreaterThan(0);
    expect(visited).toBeLessThan(cases.length);
    const incident = await t.knex('incidents').where({ status: 'open' }).whereNotNull('explanation_wording').first();
    expect(incident.explanation_wording).toContain('预计');
  });

  it('re-running the same day adds nothing; the next day brings a new morning', async () => {
    const before = await count(t.knex('tickets').count('* as count'));
    await morning();
    expect(await count(t.knex('tickets').count('* as count'))).toBe(before);
    t.clock.advance(86_400);
    await morning();
    expect(await count(t.knex('tickets').count('* as count'))).toBeGreaterThan(before);
    expect((await t.knex('settings').where({ key: MORNING_MARK }).first()).value).toBe('20261204');
  });
});
