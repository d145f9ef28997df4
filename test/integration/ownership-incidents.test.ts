import { findBurst, normaliseCause } from '../../server/incidents/detector';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const { admin } = t.fixture.users;
  await t.http.put('/api/mass-complaint-detectors/same_category_area').set(auth(admin))
    .send({ name: '同类别同区域', match_on: 'category_area', threshold: 3, window_seconds: 600 }).expect(200);
  await t.http.put('/api/mass-complaint-detectors/same_cause').set(auth(admin))
    .send({ name: '同一原因', match_on: 'cause', threshold: 2, window_seconds: 3600 }).expect(200);
});
afterAll(() => t.close());

let phone = 0;
async function call(category: string, unitId: number, overrides: Record<string, unknown> = {}) {
  phone += 1;
  const body = complaintBody({ category, customer: { phone: `1370411${String(phone).padStart(4, '0')}`, unit_id: unitId }, ...overrides });
  return (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(body).expect(201)).body as { id: number; version: number };
}
const detail = async (id: number) => (await t.http.get(`/api/tickets/${id}`).set(auth(t.fixture.users.supervisor)).expect(200)).body;

describe('the detector window, as pure logic', () => {
  const at = (id: number, seconds: number) => ({ id, createdAt: new Date(Date.UTC(2026, 10, 25) + seconds * 1000) });
  it('includes a ticket exactly one window after the first, not one second later', () => {
    expect(findBurst([at(1, 0), at(2, 300), at(3, 600)], 3, 3, 600).map((c) => c.id)).toEqual([1, 2, 3]);
    expect(findBurst([at(1, 0), at(2, 300), at(3, 601)], 3, 3, 600)).toEqual([]);
  });
  it('slides: a later burst without the earliest ticket still counts, and must contain the ticket being checked', () => {
    const tickets = [at(1, 0), at(2, 300), at(3, 601), at(4, 650)];
    expect(findBurst(tickets, 4, 3, 600).map((c) => c.id)).toEqual([2, 3, 4]);
    expect(findBurst([at(1, 0), at(2, 10), at(3, 20), at(9, 5000)], 9, 3, 600)).toEqual([]);
  });
  it('compares causes without case, spacing or a trailing full stop', () => {
    expect(normaliseCause('  光缆被  挖断。')).toBe(normaliseCause('光缆被 挖断'));
    expect(normaliseCause('Fibre CUT.')).toBe('fibre cut');
  });
});

describe('mass complaints detected from calls (same category and area)', () => {
  it('opens an incident when the threshold is reached inside the window, and only then', async () => {
    const { county } = t.fixture.units;
    const a = await call('network_quality', county);
    t.clock.advance(300);
    const b = await call('network_quality', county);
    t.clock.advance(301);
    const c = await call('network_quality', county); // 601 s after a: a has left the window
    expect((await detail(c.id)).incident).toBeNull();
    t.clock.advance(49);
    const d = await call('network_quality', county); // b, c, d within 350 s
    const linked = await detail(d.id);
    expect(linked.incident).toMatchObject({ status: 'open', unit_id: county, owner_id: t.fixture.users.head.id, category: 'network_quality', ticket_count: 3, explanation_wording: null });
    expect((await detail(a.id)).incident).toBeNull();
    expect((await detail(b.id)).incident).toMatchObject({ id: linked.incident.id });
    expect((await detail(b.id)).events.map((e: { type: string }) => e.type).filter((type: string) => type.startsWith('incident'))).toEqual(['incident_linked']);

    // the owner sets the wording (解释口径); a later caller from the area is linked at once and the agent sees it
    const { head, agent, supervisor, otherHandler } = t.fixture.users;
    await t.http.patch(`/api/incidents/${linked.incident.id}`).set(auth(head)).send({ explanation_wording: '因光缆被施工挖断，预计今晚 20:00 前恢复，给您带来不便深表歉意。' }).expect(200);
    const lookup = await t.http.get(`/api/incidents?status=open&category=network_quality&unit_id=${t.fixture.units.countyTeam}`).set(auth(agent)).expect(200);
    expect(lookup.body.items).toEqual([expect.objectContaining({ id: linked.incident.id, explanation_wording: expect.stringContaining('光缆') })]);
    const elsewhere = await t.http.get(`/api/incidents?status=open&unit_id=${t.fixture.units.otherCounty}`).set(auth(agent)).expect(200);
    expect(elsewhere.body.items).toEqual([]);
    t.clock.advance(4 * 3600);
    const late = await call('network_quality', county);
    expect((await detail(late.id)).incident).toMatchObject({ id: linked.incident.id, ticket_count: 4, explanation_wording: expect.stringContaining('20:00') });

    // the mass complaint is a leadership case once dispatched
    await t.http.post(`/api/tickets/${late.id}/dispatch`).set(auth(agent)).set('If-Match', String(late.version)).send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    expect((await detail(late.id)).ownership).toMatchObject({ owner_id: head.id, reasons: ['mass_complaint'] });

    // only supervisors, managers and the incident owner change it
    await t.http.patch(`/api/incidents/${linked.incident.id}`).set(auth(otherHandler)).send({ title: 'x' }).expect(403);
    await t.http.patch(`/api/incidents/${linked.incident.id}`).set(auth(supervisor)).send({ status: 'resolved' }).expect(200);
    t.clock.advance(60);
    const afterResolved = await call('network_quality', county);
    expect((await detail(afterResolved.id)).incident).toBeNull();
  });

  it('counts a ticket exactly one window after the first (both ends included)', async () => {
    const { otherCounty } = t.fixture.units;
    t.clock.advance(86400);
    await call('billing', otherCounty);
    t.clock.advance(300);
    await call('billing', otherCounty);
    t.clock.advance(300);
    const third = await call('billing', otherCounty);
    expect((await detail(third.id)).incident).toMatchObject({ ticket_count: 3, category: 'billing', unit_id: otherCounty });
  });
});

describe('mass complaints detected from the same cause', () => {
  it('links tickets resolved with the same cause inside the window', async () => {
    t.clock.advance(86400);
    const resolveAtIntake = (cause: string) => call('broadband', t.fixture.units.county, { resolve: { resolution: '已解释', cause, responsibility: 'third_party' } });
    const first = await resolveAtIntake('城东光缆被施工挖断。');
    expect((await detail(first.id)).incident).toBeNull();
    t.clock.advance(1200);
    const second = await resolveAtIntake('城东光缆被施工挖断');
    const d = await detail(second.id);
    expect(d.incident).toMatchObject({ ticket_count: 2, cause: '城东光缆被施工挖断' });
    expect((await detail(first.id)).incident.id).toBe(d.incident.id);
  });
});

describe('linking by hand', () => {
  it('a supervisor opens an incident, links and unlinks tickets; ownership follows', async () => {
    const { supervisor, agent, head } = t.fixture.users;
    t.clock.advance(86400);
    const x = await call('installation', t.fixture.units.countyTeam);
    const dispatched = await t.http.post(`/api/tickets/${x.id}/dispatch`).set(auth(agent)).set('If-Match', String(x.version)).send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    expect((await detail(x.id)).ownership).toBeNull();
    await t.http.post('/api/incidents').set(auth(agent)).send({ title: '装机延误', unit_id: t.fixture.units.county }).expect(403);
    const opened = await t.http.post('/api/incidents').set(auth(supervisor))
      .send({ title: '庄河装机积压', unit_id: t.fixture.units.county, category: 'installation', explanation_wording: '装机高峰，三日内上门', ticket_ids: [x.id] }).expect(201);
    expect(opened.body).toMatchObject({ owner_id: head.id, detector_key: null, ticket_count: 1, tickets: [expect.objectContaining({ id: x.id, linked_by: supervisor.id })] });
    expect((await detail(x.id)).ownership).toMatchObject({ owner_id: head.id, reasons: ['mass_complaint'] });

    const y = await call('installation', t.fixture.units.otherCounty);
    const other = await t.http.post('/api/incidents').set(auth(supervisor)).send({ title: '另一事件', unit_id: t.fixture.units.otherCounty, ticket_ids: [y.id] }).expect(201);
    const clash = await t.http.post(`/api/incidents/${opened.body.id}/tickets`).set(auth(supervisor)).send({ ticket_id: y.id }).expect(409);
    expect(clash.body).toMatchObject({ code: 'already_linked', incident_id: other.body.id });
    await t.http.post(`/api/incidents/${opened.body.id}/tickets`).set(auth(supervisor)).send({ ticket_id: 999999 }).expect(404);

    const unlinked = await t.http.delete(`/api/incidents/${opened.body.id}/tickets/${x.id}`).set(auth(supervisor)).expect(200);
    expect(unlinked.body.ticket_count).toBe(0);
    const after = await detail(x.id);
    expect(after.incident).toBeNull();
    expect(after.ownership).toBeNull();
    expect(after.events.map((e: { type: string }) => e.type).filter((type: string) => /^(incident|ownership)_/.test(type))).toEqual(['incident_linked', 'ownership_assigned', 'incident_unlinked', 'ownership_released']);
    await t.http.delete(`/api/incidents/${opened.body.id}/tickets/${x.id}`).set(auth(supervisor)).expect(404);
    expect(dispatched.body.version).toBeGreaterThan(0);
  });
});

describe('detector changes', () => {
  it('apply from the next call: the process keeps the detectors cached but drops them when one is PUT', async () => {
    const { admin } = t.fixture.users;
    const { countyTeam } = t.fixture.units;
    const detector = { name: '同类别同区域', match_on: 'category_area', threshold: 3, window_seconds: 600 };
    t.clock.advance(86400);
    await call('business_handling', countyTeam); // the enabled detector is now cached
    await t.http.put('/api/mass-complaint-detectors/same_category_area').set(auth(admin)).send({ ...detector, enabled: false }).expect(200);
    await call('business_handling', countyTeam);
    const third = await call('business_handling', countyTeam);
    expect((await detail(third.id)).incident).toBeNull();
    await t.http.put('/api/mass-complaint-detectors/same_category_area').set(auth(admin)).send({ ...detector, enabled: true }).expect(200);
    const fourth = await call('business_handling', countyTeam);
    expect((await detail(fourth.id)).incident).toMatchObject({ ticket_count: 4, category: 'business_handling', unit_id: countyTeam });
  });
});
