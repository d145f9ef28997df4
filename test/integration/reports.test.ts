import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/**
 * October 2026 at a small operator (Asia/Shanghai, +08:00), every figure computed by hand below.
 *
 *  T1 complaint billing    county team  acc 10-05 09:00  res 10-06 09:00 (1.0 d) company   callback r1 satisfied
 *  T2 complaint attitude   county team  acc 09-28 10:00  res 10-02 10:00 (4.0 d) company   callback r1 satisfied   ← accepted last month
 *  T3 complaint network    other county acc 10-10 08:00  res 10-10 20:00 none → r1 unsatisfied → res 10-12 08:00 (2.0 d) company, r2 satisfied ← reopened
 *  T4 fault                county team  acc 10-15 09:00  res 10-15 21:00 (0.5 d) none      no callback               ← without callback
 *  T5 complaint regulator  county       acc 10-20 09:00  res 10-21 09:00 (1.0 d) customer  unreachable ×2, satisfied
 *  T6 request (one call)   —            acc 10-22 09:00  res 10-22 09:00 (0 d)             callback r1 satisfied   ← never dispatched
 *  T7 complaint billing    county team  acc 10-25 09:00  open
 *  T8 fault                other county acc 10-31 23:30  res 11-01 01:00 (November)               ← month boundary
 *  T9 complaint            county team  Sept 2026, company          T10 county / T11 other county: Oct 2025, company
 *
 * Timers (the SLA domain's record, set by hand): T1 met; T2 met late (breached); T3 round 1 met, round 2 cancelled
 * after a breach, callback window breached (not a resolution target); T4 breached; T5, T6 none.
 */
let t: TestApp;
const ids: Record<string, number> = {};
let sup: TestUser;

const at = (local: string) => new Date(`${local}+08:00`).toISOString();

async function version(id: number): Promise<number> {
  return (await t.knex('tickets').where({ id }).first('version')).version;
}

async function accept(name: string, when: string, body: Record<string, unknown>) {
  t.clock.set(at(when));
  const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(body).expect(201);
  ids[name] = res.body.id;
}

async function dispatch(name: string, when: string, unitId: number) {
  t.clock.set(at(when));
  await t.http.post(`/api/tickets/${ids[name]}/dispatch`).set(auth(sup)).set('If-Match', String(await version(ids[name]!))).send({ unit_id: unitId }).expect(200);
}

async function resolve(name: string, when: string, responsibility: string) {
  t.clock.set(at(when));
  await t.http.post(`/api/tickets/${ids[name]}/resolve`).set(auth(sup)).set('If-Match', String(await version(ids[name]!)))
    .send({ resolution: '已处理', cause: '原因已查明', responsibility }).expect(200);
}

/** An owned case closes only after its owner acted in person and explained (the ownership domain's 422 gate). */
async function satisfyOwner(name: string, when: string) {
  const detail = await t.http.get(`/api/tickets/${ids[name]}`).set(auth(sup)).expect(200);
  if (!detail.body.ownership) return;
  const owner = Object.values(t.fixture.users).find((u) => u.id === detail.body.ownership.owner_id)!;
  await t.http.post(`/api/tickets/${ids[name]}/owner-actions`).set(auth(owner)).send({ kind: 'visit', note: '上门致歉', at: at(when) }).expect(201);
  await t.http.post(`/api/tickets/${ids[name]}/explanation`).set(auth(owner)).send({ text: '已当面致歉并整改' }).expect((r) => expect([200, 201]).toContain(r.status));
}

async function callback(name: string, when: string, outcome: string) {
  t.clock.set(at(when));
  if (outcome === 'satisfied') await satisfyOwner(name, when);
  await t.http.post(`/api/tickets/${ids[name]}/callback`).set(auth(t.fixture.users.agent)).set('If-Match', String(await version(ids[name]!)))
    .send({ outcome }).expect(200);
}

async function timer(name: string, policyKey: string, round: number, state: string, breached: boolean) {
  const now = new Date(at('2026-10-01T00:00:00'));
  await t.knex('sla_timers').insert({
    ticket_id: ids[name], ticket_type: 'complaint', unit_id: null, handling_round: round, policy_key: policyKey, policy: JSON.stringify({}),
    state, level: breached ? 2 : 0, started_at: now, segments: JSON.stringify([]), breached_at: breached ? now : null, created_at: now, updated_at: now,
  });
}

beforeAll(async () => {
  // the fixture spans thirteen months: tokens must outlive the clock's jumps
  t = await startTestApp({ clockStart: at('2025-10-01T08:00:00'), env: { LOOPDESK_TOKEN_TTL_SECONDS: String(3 * 365 * 86400) } });
  sup = t.fixture.users.supervisor;
  const { county, countyTeam, otherCounty, city } = t.fixture.units;

  // last year and last month: the comparison figures
  await accept('T10', '2025-10-08T09:00:00', complaintBody());
  await dispatch('T10', '2025-10-08T09:10:00', county);
  await resolve('T10', '2025-10-09T09:00:00', 'company');
  await accept('T11', '2025-10-08T10:00:00', complaintBody());
  await dispatch('T11', '2025-10-08T10:10:00', otherCounty);
  await resolve('T11', '2025-10-09T10:00:00', 'company');
  await accept('T9', '2026-09-10T09:00:00', complaintBody());
  await dispatch('T9', '2026-09-10T09:10:00', countyTeam);
  await resolve('T9', '2026-09-11T09:00:00', 'company');

  await accept('T2', '2026-09-28T10:00:00', complaintBody({ category: 'service_attitude', description: '营业员态度恶劣' }));
  await dispatch('T2', '2026-09-28T10:10:00', countyTeam);
  await resolve('T2', '2026-10-02T10:00:00', 'company');
  await callback('T2', '2026-10-02T12:00:00', 'satisfied');

  await accept('T1', '2026-10-05T09:00:00', complaintBody());
  await dispatch('T1', '2026-10-05T09:10:00', countyTeam);
  await resolve('T1', '2026-10-06T09:00:00', 'company');
  await callback('T1', '2026-10-06T10:00:00', 'satisfied');

  await accept('T3', '2026-10-10T08:00:00', complaintBody({ category: 'network_quality' }));
  await dispatch('T3', '2026-10-10T08:10:00', otherCounty);
  await resolve('T3', '2026-10-10T20:00:00', 'none');
  await callback('T3', '2026-10-11T09:00:00', 'unsatisfied');
  await resolve('T3', '2026-10-12T08:00:00', 'company');
  await callback('T3', '2026-10-12T10:00:00', 'satisfied');

  await accept('T4', '2026-10-15T09:00:00', { type: 'fault', channel: 'hotline', description: '宽带无法上网', customer: { phone: '13904119001', area: 'county' } });
  await dispatch('T4', '2026-10-15T09:10:00', countyTeam);
  await resolve('T4', '2026-10-15T21:00:00', 'none');

  await accept('T5', '2026-10-20T09:00:00', complaintBody({ channel: 'regulator', description: '用户向通信管理局投诉' }));
  await dispatch('T5', '2026-10-20T09:10:00', county);
  await resolve('T5', '2026-10-21T09:00:00', 'customer');
  await callback('T5', '2026-10-21T10:00:00', 'unreachable');
  await callback('T5', '2026-10-21T12:00:00', 'unreachable');
  await callback('T5', '2026-10-21T14:00:00', 'satisfied');

  await accept('T6', '2026-10-22T09:00:00', {
    type: 'request', channel: 'hotline', description: '咨询套餐', customer: { phone: '13904119002' },
    resolve: { resolution: '已解答', cause: '咨询', responsibility: 'none' },
  });
  await callback('T6', '2026-10-22T10:00:00', 'satisfied');

  await accept('T7', '2026-10-25T09:00:00', complaintBody());
  await dispatch('T7', '2026-10-25T09:10:00', countyTeam);

  await accept('T8', '2026-10-31T23:30:00', { type: 'fault', channel: 'hotline', description: '电话无声', customer: { phone: '13904119003', area: 'county' } });
  await dispatch('T8', '2026-10-31T23:40:00', otherCounty);
  await resolve('T8', '2026-11-01T01:00:00', 'none');

  // the SLA record, by hand, so the timely figure is hand-computed whatever the SLA domain armed
  await t.knex('sla_timers').whereIn('ticket_id', Object.values(ids)).del();
  await timer('T1', 'complaint_resolve', 1, 'met', false);
  await timer('T2', 'complaint_resolve', 1, 'met', true);
  await timer('T3', 'complaint_resolve', 1, 'met', false);
  await timer('T3', 'complaint_resolve', 2, 'cancelled', true);
  await timer('T3', 'callback_window', 2, 'met', true);
  await timer('T4', 'fault_repair_county', 1, 'met', true);

  // subscribers: a month row where there is one, the unit's own field otherwise
  await t.knex('units').where({ id: city }).update({ subscribers: 2500 });
  await t.knex('units').where({ id: county }).update({ subscribers: 9999 });
  await t.knex('units').where({ id: countyTeam }).update({ subscribers: 500 });
  await t.http.put(`/api/reports/subscribers/${county}/2026-10`).set(auth(t.fixture.users.manager)).send({ subscribers: 1000 }).expect(200);
  await t.http.put(`/api/reports/subscribers/${otherCounty}/2026-10`).set(auth(t.fixture.users.manager)).send({ subscribers: 500 }).expect(200);
  t.clock.set(at('2026-11-02T09:00:00'));
}, 60_000); // some sixty calls through the API; a busy 2-core machine needs the room
afterAll(() => t.close());

describe('the October case-analysis report, against figures computed by hand', () => {
  it('gives the company-wide figures', async () => {
    const res = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(t.fixture.users.manager)).expect(200);
    expect(res.body.unit_id).toBeNull();
    expect(res.body.kpis).toEqual({
      tickets: 7,
      complaints: 4,
      fault_reports: 2,
      reconnections: 0,
      requests: 1,
      resolved: 6,
      responsibility_complaints: 3,
      responsibility_complaints_prev_month: 1,
      responsibility_complaints_prev_year: 2,
      responsibility_complaints_change_prev_month_pct: 200,
      responsibility_complaints_change_prev_year_pct: 50,
      avg_handling_days: 1.417, // (1 + 4 + 2 + 0.5 + 1 + 0) / 6
      timely_rate: 0.6667, // T1, T3, T5, T6 of six
      first_time_satisfaction: 0.8, // T1, T2, T5, T6 satisfied; T3 unsatisfied
      second_time_satisfaction: 1,
      unreachable_rate: 0.25, // 2 of 8 attempts
      over_level_complaints: 1,
      subscribers: 4500, // city 2500 (field) + county 1000 (month row, not its 9999) + team 500 (field) + other 500 (row)
      fault_report_rate: 0.000444,
    });
  });

  it('gives each unit the figures of its subtree', async () => {
    const res = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(t.fixture.users.manager)).expect(200);
    const county = res.body.units.find((u: { unit_id: number }) => u.unit_id === t.fixture.units.county);
    expect(county.kpis).toMatchObject({
      tickets: 4, complaints: 3, resolved: 4, responsibility_complaints: 2, responsibility_complaints_prev_month: 1,
      responsibility_complaints_prev_year: 1, responsibility_complaints_change_prev_month_pct: 100, responsibility_complaints_change_prev_year_pct: 100,
      avg_handling_days: 1.625, timely_rate: 0.5, first_time_satisfaction: 1, second_time_satisfaction: null, unreachable_rate: 0.4,
      over_level_complaints: 1, fault_reports: 1, subscribers: 1500, fault_report_rate: 0.000667,
    });
    const other = res.body.units.find((u: { unit_id: number }) => u.unit_id === t.fixture.units.otherCounty);
    // T3 counts once, in the month of its last resolution, with its whole wait; T8 was resolved in November
    expect(other.kpis).toMatchObject({ tickets: 2, resolved: 1, avg_handling_days: 2, responsibility_complaints: 1, first_time_satisfaction: 0, second_time_satisfaction: 1 });
    const city = res.body.units.find((u: { unit_id: number }) => u.unit_id === t.fixture.units.city);
    // the desk's one-call ticket (T6) is the company's, not any unit's
    expect(city.kpis.tickets).toBe(6);
  });

  it('lists the typical cases: responsibility and service-attitude complaints, with the owner\'s actions', async () => {
    const res = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(t.fixture.users.manager)).expect(200);
    const cases = Object.fromEntries(res.body.cases.map((c: { ticket_id: number }) => [c.ticket_id, c]));
    expect(Object.keys(cases).map(Number).sort()).toEqual([ids.T1, ids.T2, ids.T3].sort());
    expect(cases[ids.T2!].kinds).toEqual(['responsibility', 'service_attitude']);
    expect(cases[ids.T2!]).toMatchObject({ description: '营业员态度恶劣', cause: '原因已查明', resolution: '已处理', accepted_at: at('2026-09-28T10:00:00') });
    expect(cases[ids.T2!].ownership).toMatchObject({
      owner_id: t.fixture.users.head.id, explanation: '已当面致歉并整改', actions: [expect.objectContaining({ kind: 'visit', note: '上门致歉' })],
    });
  });
});

describe('the meeting works the cases', () => {
  it('marks a case, records the analysis and a rectification item, and the unit head completes it; all on the ticket', async () => {
    const { head, manager, handler } = t.fixture.users;
    const marked = await t.http.put(`/api/reports/cases/${ids.T5}`).set(auth(sup)).send({ discuss: true, analysis: '越级投诉：首次联系不及时' }).expect(200);
    expect(marked.body).toMatchObject({ kinds: ['marked'], review: { month: '2026-10', discuss: true, analysis: '越级投诉：首次联系不及时' } });

    const item = await t.http.post(`/api/reports/cases/${ids.T5}/rectifications`).set(auth(manager))
      .send({ description: '建立首次联系提醒', owner_id: head.id, due_on: '2026-11-01' }).expect(201);
    expect(item.body).toMatchObject({ owner_id: head.id, due_on: '2026-11-01', done: false, overdue: true });
    await t.http.post(`/api/reports/cases/${ids.T5}/rectifications`).set(auth(manager))
      .send({ description: 'x', owner_id: 999999, due_on: '2026-11-30' }).expect(422);
    await t.http.put(`/api/reports/cases/${ids.T5}`).set(auth(head)).send({ discuss: false }).expect(403);

    const done = await t.http.patch(`/api/reports/rectifications/${item.body.id}`).set(auth(head)).send({ done: true, note: '已上线', evidence: '提醒功能已上线，见版本说明' }).expect(200);
    expect(done.body).toMatchObject({ done: true, overdue: false, done_by: head.id, done_note: '已上线' });

    const report = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(manager)).expect(200);
    const t5 = report.body.cases.find((c: { ticket_id: number }) => c.ticket_id === ids.T5);
    expect(t5.rectifications).toEqual([expect.objectContaining({ description: '建立首次联系提醒', done: true })]);

    const onTicket = await t.http.get(`/api/reports/cases/${ids.T5}`).set(auth(head)).expect(200);
    expect(onTicket.body.review.analysis).toBe('越级投诉：首次联系不及时');
    const detail = await t.http.get(`/api/tickets/${ids.T5}`).set(auth(sup)).expect(200);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['case_reviewed', 'rectification_added', 'rectification_done']));
    await t.http.get(`/api/reports/cases/${ids.T3}`).set(auth(head)).expect(404);
    await t.http.get(`/api/reports/cases/${ids.T5}`).set(auth(handler)).expect(403);
  });

  it('lists the month\'s cases per unit in the bulletin (服务情况通报), printable as HTML', async () => {
    const res = await t.http.get('/api/reports/bulletin?month=2026-10').set(auth(sup)).expect(200);
    expect(res.body.title).toBe('2026年10月服务情况通报');
    const team = res.body.units.find((u: { unit_id: number }) => u.unit_id === t.fixture.units.countyTeam);
    expect(team.cases.map((c: { ticket_id: number }) => c.ticket_id).sort()).toEqual([ids.T1, ids.T2].sort());
    const html = await t.http.get('/api/reports/bulletin?month=2026-10&format=html').set(auth(sup)).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('营业员态度恶劣');
  });
});

describe('scope', () => {
  it('confines a unit head to their subtree and answers other units as not found', async () => {
    const { head, handler, agent } = t.fixture.users;
    const own = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(head)).expect(200);
    expect(own.body.unit_id).toBe(t.fixture.units.county);
    expect(own.body.units.map((u: { unit_id: number }) => u.unit_id)).toEqual([t.fixture.units.county, t.fixture.units.countyTeam]);
    expect(own.body.kpis).toMatchObject({ tickets: 4, responsibility_complaints: 2, timely_rate: 0.5 });
    expect(own.body.cases.map((c: { ticket_id: number }) => c.ticket_id).sort()).toEqual([ids.T1, ids.T2, ids.T5].sort());
    await t.http.get(`/api/reports/case-analysis?month=2026-10&unit_id=${t.fixture.units.otherCounty}`).set(auth(head)).expect(404);
    await t.http.get(`/api/reports/case-analysis?month=2026-10&unit_id=${t.fixture.units.city}`).set(auth(head)).expect(404);
    await t.http.get(`/api/reports/trend?unit_id=${t.fixture.units.otherCounty}`).set(auth(head)).expect(404);
    await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(handler)).expect(403);
    await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(agent)).expect(403);
    const team = await t.http.get(`/api/reports/case-analysis?month=2026-10&unit_id=${t.fixture.units.countyTeam}`).set(auth(sup)).expect(200);
    expect(team.body.kpis).toMatchObject({ tickets: 3, resolved: 3, subscribers: 500 });
  });

  it('names the bad field', async () => {
    const res = await t.http.get('/api/reports/case-analysis?month=2026-13').set(auth(sup)).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'month' })]);
  });
});

describe('CSV', () => {
  it('has a header, a total row and one row per unit, in UTF-8 with a BOM', async () => {
    const res = await t.http.get('/api/reports/case-analysis?month=2026-10&format=csv&keys=machine').set(auth(t.fixture.users.manager)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain('case-analysis-2026-10.csv');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(lines[0]!.slice(0, 6)).toEqual(['month', 'scope', 'unit_id', 'unit_name', 'tickets', 'complaints']);
    expect(lines).toHaveLength(2 + 4);
    expect(lines.every((l) => l.length === lines[0]!.length)).toBe(true);
    const row = Object.fromEntries(lines[0]!.map((name, i) => [name, lines[1]![i]]));
    expect(row).toMatchObject({ month: '2026-10', scope: 'total', unit_id: '', tickets: '7', responsibility_complaints: '3', avg_handling_days: '1.417', timely_rate: '0.6667', second_time_satisfaction: '1' });
    expect(lines[2]![3]).toBe('大连市分公司');
  });

  it("heads the columns in the reader's language, and keeps a unit name from running as a formula", async () => {
    const { manager } = t.fixture.users;
    const header = async (query: string, language?: string) => {
      const req = t.http.get(`/api/reports/case-analysis?month=2026-10&format=csv${query}`).set(auth(manager));
      if (language) req.set('Accept-Language', language);
      const res = await req.expect(200);
      return res.text.slice(1).split('\r\n')[0]!.split(',');
    };
    expect((await header('')).slice(0, 5)).toEqual(['月份', '范围', '单位编号', '单位', '受理量']);
    expect((await header('', 'en-US,en;q=0.9'))).toContain('Responsibility complaints');
    expect((await header('&lang=en'))).toContain('First-time satisfaction');
    expect((await header('&lang=en&keys=machine'))).toContain('first_time_satisfaction');

    const original = (await t.knex('units').where({ id: t.fixture.units.otherCounty }).first('name')).name;
    await t.knex('units').where({ id: t.fixture.units.otherCounty }).update({ name: '=HYPERLINK("http://x","y")' });
    try {
      const res = await t.http.get('/api/reports/case-analysis?month=2026-10&format=csv&keys=machine').set(auth(manager)).expect(200);
      expect(res.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      // a negative change is a number, not a formula: it stays as it is
      expect(res.text).not.toMatch(/,'-\d/);
    } finally {
      await t.knex('units').where({ id: t.fixture.units.otherCounty }).update({ name: original });
    }
  });
});

describe('targets per unit (目标管理)', () => {
  it('inherits the company\'s targets down the tree unless a unit has its own, and judges each figure', async () => {
    const { manager, head, supervisor } = t.fixture.users;
    const { county, countyTeam, otherCounty } = t.fixture.units;
    await t.http.put('/api/reports/targets/2026-09').set(auth(manager))
      .send({ unit_id: null, targets: { responsibility_complaints: 2, first_time_satisfaction: 0.995, timely_rate: 1 } }).expect(200);
    await t.http.put('/api/reports/targets/2026-10').set(auth(manager)).send({ unit_id: county, targets: { responsibility_complaints: 0 } }).expect(200);

    const res = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(manager)).expect(200);
    // company: 3 responsibility complaints against ≤ 2 set in September, still in force
    expect(res.body.targets.responsibility_complaints).toEqual({ target: 2, direction: 'max', met: false, source_unit_id: null, from_month: '2026-09' });
    expect(res.body.targets.first_time_satisfaction).toMatchObject({ target: 0.995, direction: 'min', met: false });
    const unit = (id: number) => res.body.units.find((u: { unit_id: number }) => u.unit_id === id);
    expect(unit(county).targets.responsibility_complaints).toMatchObject({ target: 0, met: false, source_unit_id: county });
    expect(unit(countyTeam).targets.responsibility_complaints).toMatchObject({ target: 0, source_unit_id: county });
    expect(unit(otherCounty).targets.responsibility_complaints).toMatchObject({ target: 2, met: true, source_unit_id: null });
    expect(unit(county).targets.first_time_satisfaction).toMatchObject({ target: 0.995, met: true, source_unit_id: null });

    const trend = await t.http.get('/api/reports/trend?to=2026-10&months=3').set(auth(supervisor)).expect(200);
    expect(trend.body.months.map((m: { targets: Record<string, { target: number }> }) => m.targets.responsibility_complaints?.target ?? null)).toEqual([null, 2, 2]);

    const listed = await t.http.get('/api/reports/targets?month=2026-10').set(auth(head)).expect(200);
    expect(listed.body.own).toEqual(expect.arrayContaining([{ unit_id: county, kpi: 'responsibility_complaints', from_month: '2026-10', value: 0 }]));
    expect(listed.body.units.find((u: { unit_id: number }) => u.unit_id === countyTeam).targets.responsibility_complaints).toMatchObject({ target: 0, met: null });

    // the bulletin lists the units that missed
    const bulletin = await t.http.get('/api/reports/bulletin?month=2026-10').set(auth(manager)).expect(200);
    expect(bulletin.body.missed).toEqual(expect.arrayContaining([
      { unit_id: county, name: expect.any(String), kpi: 'responsibility_complaints', value: 2, target: 0, direction: 'max' },
    ]));
    expect(bulletin.body.missed.find((m: { unit_id: number; kpi: string }) => m.unit_id === otherCounty && m.kpi === 'responsibility_complaints')).toBeUndefined();

    // null removes the unit's own target: it inherits again
    await t.http.put('/api/reports/targets/2026-10').set(auth(manager)).send({ unit_id: county, targets: { responsibility_complaints: null } }).expect(200);
    const after = await t.http.get(`/api/reports/case-analysis?month=2026-10&unit_id=${county}`).set(auth(manager)).expect(200);
    expect(after.body.targets.responsibility_complaints).toMatchObject({ target: 2, met: true, source_unit_id: null });
    const audit = await t.knex('audit_log').where({ action: 'targets_set' }).count<{ count: string }[]>('* as count');
    expect(Number(audit[0]!.count)).toBe(3);
  });

  it('refuses a rate above 1, an unknown unit, an unknown figure, and anyone but a manager', async () => {
    const { manager, head, supervisor } = t.fixture.users;
    const bad = await t.http.put('/api/reports/targets/2026-10').set(auth(manager)).send({ unit_id: null, targets: { timely_rate: 99 } }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'targets.timely_rate' })]);
    const unknown = await t.http.put('/api/reports/targets/2026-10').set(auth(manager)).send({ unit_id: null, targets: { tickets: 3 } }).expect(400);
    expect(unknown.body.errors[0].path).toMatch(/^targets/);
    await t.http.put('/api/reports/targets/2026-10').set(auth(manager)).send({ unit_id: 999999, targets: { timely_rate: 1 } }).expect(422);
    await t.http.put('/api/reports/targets/2026-13').set(auth(manager)).send({ unit_id: null, targets: {} }).expect(400);
    await t.http.put('/api/reports/targets/2026-10').set(auth(head)).send({ unit_id: null, targets: { timely_rate: 1 } }).expect(403);
    await t.http.put('/api/reports/targets/2026-10').set(auth(supervisor)).send({ unit_id: null, targets: { timely_rate: 1 } }).expect(403);
  });
});

describe('the monthly meeting', () => {
  it('marks a typical, good or bad example with the meeting\'s conclusion', async () => {
    const res = await t.http.put(`/api/reports/cases/${ids.T2}`).set(auth(t.fixture.users.manager))
      .send({ example: 'bad', conclusion: '营业厅服务规范培训，月底前完成' }).expect(200);
    expect(res.body.review).toMatchObject({ example: 'bad', conclusion: '营业厅服务规范培训，月底前完成', month: '2026-10' });
    await t.http.put(`/api/reports/cases/${ids.T2}`).set(auth(t.fixture.users.manager)).send({ example: 'worst' }).expect(400);
    const report = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(t.fixture.users.manager)).expect(200);
    expect(report.body.cases.find((c: { ticket_id: number }) => c.ticket_id === ids.T2).review.example).toBe('bad');
  });

  it('carries an open rectification over month to month until it is closed with evidence', async () => {
    const { manager, head } = t.fixture.users;
    t.clock.set(at('2026-10-20T09:00:00'));
    const item = await t.http.post(`/api/reports/cases/${ids.T1}/rectifications`).set(auth(manager))
      .send({ description: '计费核对流程加一道复核', owner_id: head.id, due_on: '2026-10-31' }).expect(201);
    t.clock.set(at('2026-12-05T09:00:00'));
    try {
      const november = await t.http.get('/api/reports/rectifications?month=2026-11').set(auth(manager)).expect(200);
      expect(november.body.items.find((r: { id: number }) => r.id === item.body.id)).toMatchObject({ carried_over: true, overdue: true, done: false, ticket_number: expect.any(String) });
      const mine = await t.http.get('/api/reports/rectifications?month=2026-12&mine=true').set(auth(head)).expect(200);
      expect(mine.body.items.map((r: { id: number }) => r.id)).toContain(item.body.id);

      const refused = await t.http.patch(`/api/reports/rectifications/${item.body.id}`).set(auth(head)).send({ done: true }).expect(422);
      expect(refused.body).toMatchObject({ code: 'evidence_required', errors: [{ path: 'evidence', message: expect.any(String) }] });
      await t.http.patch(`/api/reports/rectifications/${item.body.id}`).set(auth(head)).send({ evidence: '复核表已启用（附件 12 月 1 日）' }).expect(200);
      const closed = await t.http.patch(`/api/reports/rectifications/${item.body.id}`).set(auth(head)).send({ done: true }).expect(200);
      expect(closed.body).toMatchObject({ done: true, evidence: '复核表已启用（附件 12 月 1 日）' });

      const december = await t.http.get('/api/reports/rectifications?month=2026-12').set(auth(manager)).expect(200);
      expect(december.body.items.find((r: { id: number }) => r.id === item.body.id)).toMatchObject({ done: true, carried_over: true });
      const january = await t.http.get('/api/reports/rectifications?month=2027-01').set(auth(manager)).expect(200);
      expect(january.body.items.map((r: { id: number }) => r.id)).not.toContain(item.body.id);
      await t.http.get('/api/reports/rectifications?month=2026-12').set(auth(t.fixture.users.handler)).expect(403);
    } finally {
      t.clock.set(at('2026-11-02T09:00:00'));
    }
  });

  it('breaks the month\'s complaints down by category and by cause', async () => {
    const res = await t.http.get('/api/reports/breakdown?month=2026-10').set(auth(t.fixture.users.manager)).expect(200);
    const categories = Object.fromEntries(res.body.by_category.map((c: { category: string }) => [c.category, c]));
    expect(res.body.by_category.reduce((n: number, c: { complaints: number }) => n + c.complaints, 0)).toBe(4);
    expect(res.body.by_category.reduce((n: number, c: { responsibility_complaints: number }) => n + c.responsibility_complaints, 0)).toBe(3);
    expect(categories.service_attitude).toMatchObject({ responsibility_complaints: 1 });
    expect(res.body.by_cause).toEqual([{ cause: '原因已查明', tickets: 4 }]);
    const own = await t.http.get('/api/reports/breakdown?month=2026-10').set(auth(t.fixture.users.head)).expect(200);
    expect(own.body.unit_id).toBe(t.fixture.units.county);
    expect(own.body.by_cause[0].tickets).toBe(3);
  });

  it('lists the tickets behind a figure: the drill-down from any number', async () => {
    const { manager } = t.fixture.users;
    const list = async (query: string) =>
      (await t.http.get(`/api/tickets?${query}`).set(auth(manager)).expect(200)).body.items.map((i: { id: number }) => i.id).sort();
    expect(await list('figure=responsibility_complaints&month=2026-10')).toEqual([ids.T1, ids.T2, ids.T3].sort());
    expect(await list(`figure=responsibility_complaints&month=2026-10&unit_id=${t.fixture.units.county}`)).toEqual([ids.T1, ids.T2].sort());
    expect(await list('figure=over_level_complaints&month=2026-10')).toEqual([ids.T5]);
    expect(await list('figure=late&month=2026-10')).toEqual([ids.T2, ids.T4].sort());
    expect(await list('figure=complaints&month=2026-10')).toHaveLength(4);
    const bad = await t.http.get('/api/tickets?figure=complaints').set(auth(manager)).expect(400);
    expect(bad.body.errors[0].path).toBe('month');
  });

  it('renders the bulletin as an A4 PDF on the server, page numbers and all', async () => {
    const html = await t.http.get('/api/reports/bulletin?month=2026-10&format=html').set(auth(t.fixture.users.manager)).expect(200);
    expect(html.text).toContain('size: A4 portrait');
    expect(html.text).toContain('counter(page)');
    expect(html.text).toContain('未完成目标');
    const pdf = await t.http.get('/api/reports/bulletin?month=2026-10&format=pdf').set(auth(t.fixture.users.manager))
      .buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 portrait: 595 × 842 points
    expect(body.toString('latin1')).toMatch(/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/);
  }, 60_000);
});

describe('trend and late events', () => {
  it('gives twelve months for the charts, oldest first', async () => {
    const res = await t.http.get('/api/reports/trend?to=2026-10').set(auth(sup)).expect(200);
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
    ]);
    expect(res.body.months[10].kpis.responsibility_complaints).toBe(1);
    expect(res.body.months[11].kpis.responsibility_complaints).toBe(3);
  });

  it('moves October\'s figures when a November callback reopens an October ticket', async () => {
    await callback('T4', '2026-11-03T09:00:00', 'unsatisfied');
    const res = await t.http.get('/api/reports/case-analysis?month=2026-10').set(auth(t.fixture.users.manager)).expect(200);
    // T4 waits for its second handling: no longer resolved in October
    expect(res.body.kpis).toMatchObject({ resolved: 5, avg_handling_days: 1.6, timely_rate: 0.8, unreachable_rate: 0.25 });
    const nov = await t.http.get('/api/reports/case-analysis?month=2026-11').set(auth(t.fixture.users.manager)).expect(200);
    expect(nov.body.kpis).toMatchObject({ tickets: 0, resolved: 1, first_time_satisfaction: 0 });
  });

  it('moves a unit\'s figures when a ticket is dispatched elsewhere later', async () => {
    await dispatch('T7', '2026-11-03T10:00:00', t.fixture.units.otherCounty);
    const res = await t.http.get(`/api/reports/case-analysis?month=2026-10&unit_id=${t.fixture.units.otherCounty}`).set(auth(sup)).expect(200);
    expect(res.body.kpis.tickets).toBe(3);
  });

  it('moves the callback figures along when a ticket changes unit by any writer (callbacks carry the unit)', async () => {
    const otherCounty = t.fixture.units.otherCounty;
    const month = () => t.http.get(`/api/reports/case-analysis?month=2026-10&unit_id=${otherCounty}`).set(auth(sup)).expect(200);
    // T3's first callback was unsatisfied: none of the unit's first-time answers satisfied
    expect((await month()).body.kpis.first_time_satisfaction).toBe(0);
    // a data fix outside the services (T1: answered satisfied on its first callback)
    await t.knex('tickets').where({ id: ids.T1! }).update({ unit_id: otherCounty });
    expect((await month()).body.kpis.first_time_satisfaction).toBe(0.5);
  });
});
