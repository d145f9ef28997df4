import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

/** Calendars as the desk's administrator edits them: hours, holidays, make-up days, callable hours defined once. */
let t: TestApp;
beforeAll(async () => {
  // a Wednesday, 10:00 in Asia/Shanghai
  t = await startTestApp({ clockStart: '2026-12-02T02:00:00Z' });
});
afterAll(() => t.close());

const admin = () => auth(t.fixture.users.admin);
const weekdays = [['08:30', '12:00'], ['13:00', '17:30']];
const businessWeek = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] };

async function firstContactDue(ticketId: number): Promise<string> {
  const res = await t.http.get(`/api/tickets/${ticketId}`).set(admin()).expect(200);
  return res.body.timers.find((x: { policy_key: string }) => x.policy_key === 'complaint_first_contact').due_at;
}

describe('working calendars', () => {
  it('lists the business and callable calendars; the callable hours are the callback policy\'s', async () => {
    const list = await t.http.get('/api/calendars').set(auth(t.fixture.users.agent)).expect(200);
    expect(list.body.items.map((c: { key: string }) => c.key)).toEqual(['business', 'callable']);
    const callable = await t.http.get('/api/calendars/callable').set(admin()).expect(200);
    const policy = await t.http.get('/api/callbacks/policy').set(admin()).expect(200);
    expect(callable.body.managed_by).toBe('callback_policy');
    expect(callable.body.weekly.mon).toEqual([[policy.body.callable_hours.from, policy.body.callable_hours.until]]);
    expect(callable.body.weekly.sun).toEqual(callable.body.weekly.mon);
  });

  it('a calendar change re-times the running timers on it in the same transaction, and is audited', async () => {
    const ticket = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body;
    // 2 h of business time from Wed 10:00 is Wed 12:00
    expect(await firstContactDue(ticket.id)).toBe('2026-12-02T04:00:00.000Z');

    // today becomes a holiday: the two hours start on Thursday 08:30
    const res = await t.http.put('/api/calendars/business').set(admin())
      .send({ name: '工作时间', weekly: businessWeek, holidays: [{ date: '2026-12-02', name: '演练' }], working_days: [] }).expect(200);
    expect(res.body.moved_timers).toBeGreaterThanOrEqual(1);
    expect(res.body.holidays).toEqual([{ date: '2026-12-02', name: '演练' }]);
    expect(await firstContactDue(ticket.id)).toBe('2026-12-03T02:30:00.000Z');

    const audit = await t.knex('audit_log').where({ entity: 'calendar', entity_key: 'business' }).orderBy('id', 'desc').first();
    expect(audit.actor_id).toBe(t.fixture.users.admin.id);
    expect(audit.data.before.holidays).not.toContainEqual({ date: '2026-12-02', name: '演练' });
    expect(audit.data.after.holidays).toContainEqual({ date: '2026-12-02', name: '演练' });

    // put back: the timer is due at noon again
    await t.http.put('/api/calendars/business').set(admin()).send({ name: '工作时间', weekly: businessWeek, holidays: [], working_days: [] }).expect(200);
    expect(await firstContactDue(ticket.id)).toBe('2026-12-02T04:00:00.000Z');
  });

  it('callable hours are set once, in the callback policy; the callable calendar follows', async () => {
    const refused = await t.http.put('/api/calendars/callable').set(admin())
      .send({ name: '可呼叫时间', weekly: { ...businessWeek, sat: weekdays, sun: weekdays }, holidays: [], working_days: [] }).expect(409);
    expect(refused.body.code).toBe('calendar_managed_by_callback_policy');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'weekly' })]);

    const policy = (await t.http.get('/api/callbacks/policy').set(admin()).expect(200)).body;
    const { updated_by: _by, updated_at: _at, ...input } = policy;
    await t.http.put('/api/callbacks/policy').set(admin())
      .send({ ...input, callable_hours: { from: '08:30', until: '20:30' } }).expect(200);
    const callable = await t.http.get('/api/calendars/callable').set(admin()).expect(200);
    expect(callable.body.weekly.wed).toEqual([['08:30', '20:30']]);
  });

  it('answers bad calendars with the field that is wrong, and changes nothing', async () => {
    const overlap = await t.http.put('/api/calendars/business').set(admin())
      .send({ name: '工作时间', weekly: { ...businessWeek, mon: [['09:00', '12:00'], ['11:00', '18:00']] }, holidays: [], working_days: [] }).expect(400);
    expect(overlap.body.errors[0].path).toBe('weekly.mon');
    const both = await t.http.put('/api/calendars/business').set(admin())
      .send({ name: '工作时间', weekly: businessWeek, holidays: [{ date: '2027-02-06', name: '春节' }], working_days: [{ date: '2027-02-06', name: '' }] }).expect(400);
    expect(both.body.errors[0].path).toBe('working_days.0.date');
    await t.http.put('/api/calendars/business').set(auth(t.fixture.users.supervisor)).send({}).expect(403);
  });
});

describe('importing the official holiday list', () => {
  it('refuses a file with bad rows, naming every line, and imports nothing', async () => {
    const before = (await t.http.get('/api/calendars/business').set(admin()).expect(200)).body;
    const content = 'date,kind,name\n2027-01-01,holiday,元旦\n2027-13-01,holiday,错\n2027-01-02,vacation,错\n2027-01-01,holiday,重复\n';
    const res = await t.http.post('/api/calendars/business/import').set(admin()).send({ format: 'csv', content }).expect(422);
    expect(res.body.code).toBe('import_rows_invalid');
    expect(res.body.rows.map((r: { line: number; field: string }) => `${r.line}:${r.field}`)).toEqual(['3:date', '4:kind', '5:date']);
    expect((await t.http.get('/api/calendars/business').set(admin()).expect(200)).body.holidays).toEqual(before.holidays);
  });

  it('imports holidays and make-up working days from CSV (with a BOM) and JSON, and the policy preview follows', async () => {
    const csv = '\uFEFFdate,kind,name\n2027-02-06,holiday,春节\n2027-02-07,班,春节调休\n';
    const res = await t.http.post('/api/calendars/business/import').set(admin()).send({ format: 'csv', content: csv }).expect(200);
    expect(res.body.imported).toEqual({ holidays: 1, working_days: 1 });
    expect(res.body.working_days).toEqual([{ date: '2027-02-07', name: '春节调休' }]);

    // Friday 17:55 before the holiday Saturday... the desk's make-up Sunday is worked: 2 h are due Sunday 10:30
    const preview = await t.http.get('/api/sla-policies/complaint_first_contact/preview')
      .query({ accepted_at: '2027-02-05T17:55:00+08:00' }).set(auth(t.fixture.users.supervisor)).expect(200);
    expect(preview.body).toMatchObject({ clock: 'business', due_at: '2027-02-07T02:30:00.000Z', target_seconds: 7200 });
    expect(preview.body.warn_at.length).toBeGreaterThan(0);

    const json = JSON.stringify([{ date: '2027-02-07', kind: 'holiday', name: '改回休息' }]);
    const replaced = await t.http.post('/api/calendars/business/import').set(admin()).send({ format: 'json', content: json, mode: 'merge' }).expect(200);
    expect(replaced.body.working_days).toEqual([]);
    const later = await t.http.get('/api/sla-policies/complaint_first_contact/preview')
      .query({ accepted_at: '2027-02-05T17:55:00+08:00' }).set(admin()).expect(200);
    expect(later.body.due_at).toBe('2027-02-08T02:30:00.000Z');
  });

  it('previews a tiered reconnection: the tier follows the payment channel and area', async () => {
    const res = await t.http.get('/api/sla-policies/reconnect_internal/preview')
      .query({ accepted_at: '2027-03-01T10:00:00+08:00', area: 'county', payment_channel: 'bank' }).set(admin()).expect(200);
    expect(res.body.clock).toBe('wall');
    expect(res.body.due_at).toBe(new Date(Date.parse('2027-03-01T02:00:00Z') + res.body.target_seconds * 1000).toISOString());
    expect(typeof res.body.tier).toBe('number');
    await t.http.get('/api/sla-policies/no_such/preview').set(admin()).expect(404);
    const bad = await t.http.get('/api/sla-policies/reconnect_internal/preview').query({ accepted_at: 'yesterday' }).set(admin()).expect(400);
    expect(bad.body.errors[0].path).toBe('accepted_at');
  });
});
