import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

/** The operator's own desk: units deactivated instead of deleted, and every configuration write in the audit log. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
const admin = () => auth(t.fixture.users.admin);

describe('deactivating a unit', () => {
  it('is refused while anything still depends on it, naming what; an empty unit is deactivated and kept', async () => {
    const refused = await t.http.patch(`/api/units/${t.fixture.units.county}`).set(admin()).send({ active: false }).expect(422);
    expect(refused.body.code).toBe('unit_in_use');
    expect(refused.body.dependants).toMatchObject({ units: 1, users: 1 });
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'active' })]);

    const ticket = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body;
    const spare = (await t.http.post('/api/units').set(admin()).send({ code: 'DL-SPARE', name: '备用班组', parent_id: t.fixture.units.city, area: 'city' }).expect(201)).body;
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(ticket.version)).send({ unit_id: spare.id }).expect(200);
    const busy = await t.http.patch(`/api/units/${spare.id}`).set(admin()).send({ active: false }).expect(422);
    expect(busy.body.dependants).toEqual({ units: 0, users: 0, open_tickets: 1 });

    const empty = (await t.http.post('/api/units').set(admin()).send({ code: 'DL-OLD', name: '撤并班组', parent_id: t.fixture.units.city, area: 'city' }).expect(201)).body;
    const done = await t.http.patch(`/api/units/${empty.id}`).set(admin()).send({ active: false }).expect(200);
    expect(done.body.active).toBe(false);
    const list = await t.http.get('/api/units').set(admin()).expect(200);
    expect(list.body.items.find((u: { id: number }) => u.id === empty.id)).toMatchObject({ active: false, name: '撤并班组' });
  });
});

describe('the audit log', () => {
  it('lists every configuration write with who, when and before/after, filtered, paged and as CSV', async () => {
    const key = 'complaint_first_contact';
    const current = (await t.http.get(`/api/sla-policies/${key}`).set(admin()).expect(200)).body;
    const { key: _k, version: _v, updated_at: _a, updated_by: _b, ...body } = current;
    await t.http.put(`/api/sla-policies/${key}`).set(admin()).send({ ...body, name: '=HYPERLINK("http://evil")' }).expect(200);

    const res = await t.http.get('/api/audit-log').query({ entity: 'sla_policy' }).set(auth(t.fixture.users.manager)).expect(200);
    const entry = res.body.items[0];
    expect(entry).toMatchObject({ entity: 'sla_policy', entity_ref: key, action: 'update', actor_id: t.fixture.users.admin.id, actor_name: 'admin' });
    expect(entry.data.before.name).toBe(current.name);
    expect(entry.data.after.name).toBe('=HYPERLINK("http://evil")');

    const units = await t.http.get('/api/audit-log').query({ entity: 'unit', limit: 2 }).set(admin()).expect(200);
    expect(units.body.items).toHaveLength(2);
    expect(units.body.next_cursor).not.toBeNull();
    const next = await t.http.get('/api/audit-log').query({ entity: 'unit', limit: 2, cursor: units.body.next_cursor }).set(admin()).expect(200);
    expect(next.body.items[0].id).toBeLessThan(units.body.items[1].id);

    const csv = await t.http.get('/api/audit-log').query({ entity: 'sla_policy', format: 'csv' }).set(admin()).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFFid,at,actor_id')).toBe(true);
    expect(csv.text).not.toMatch(/,"?=HYPERLINK/);

    await t.http.get('/api/audit-log').set(auth(t.fixture.users.supervisor)).expect(403);
    const bad = await t.http.get('/api/audit-log').query({ entity: 'tickets' }).set(admin()).expect(400);
    expect(bad.body.errors[0].path).toMatch(/^entity/);
  });
});
