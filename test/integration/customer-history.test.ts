import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("the caller's history at intake", () => {
  it('shows open tickets and past complaints, and flags a repeat complaint within 30 days', async () => {
    const { agent, handler, otherHandler } = t.fixture.users;
    const body = complaintBody();
    const first = (await t.http.post('/api/tickets').set(auth(agent)).send(body).expect(201)).body;
    const customerId = first.customer_id as number;

    const fresh = await t.http.get(`/api/customers/${customerId}/history`).set(auth(agent)).expect(200);
    expect(fresh.body).toMatchObject({ customer: { id: customerId }, repeat_complaint: true, repeat_window_days: 30 });
    expect(fresh.body.open_tickets.map((x: { id: number }) => x.id)).toEqual([first.id]);

    // The same complaint, had it been logged 31 days ago.
    await t.knex('tickets').where({ id: first.id }).update({ created_at: new Date(t.clock.now().getTime() - 31 * 86400_000) });
    const later = await t.http.get(`/api/customers/${customerId}/history`).set(auth(agent)).expect(200);
    expect(later.body.repeat_complaint).toBe(false);
    expect(later.body.complaints).toHaveLength(1);

    // Handlers see only their subtree's tickets of this customer.
    await t.http.post(`/api/tickets/${first.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    const mine = await t.http.get(`/api/customers/${customerId}/history`).set(auth(handler)).expect(200);
    expect(mine.body.open_tickets).toHaveLength(1);
    // another branch's handler does not see this customer at all (issue 15: customers are scoped)
    await t.http.get(`/api/customers/${customerId}/history`).set(auth(otherHandler)).expect(404);

    await t.http.get('/api/customers/999999/history').set(auth(agent)).expect(404);
  });
});
