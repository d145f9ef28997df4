import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('two agents act on one ticket at once', () => {
  it('exactly one of two parallel dispatches wins; the other gets 409 and nothing is half-written', async () => {
    const { agent, supervisor } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
    const [a, b] = await Promise.all([
      t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }),
      t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(supervisor)).set('If-Match', '1').send({ unit_id: t.fixture.units.otherCounty }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ code: 'stale_version', current_version: 2 });
    const detail = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(agent));
    expect(detail.body.version).toBe(2);
    expect(detail.body.events.filter((e: { type: string }) => e.type === 'dispatched')).toHaveLength(1);
    const winner = a.status === 200 ? a : b;
    expect(detail.body.unit_id).toBe(winner.body.unit_id);
  });

  it('ten parallel resolutions of one version: one succeeds, one callback is scheduled', async () => {
    const { agent, supervisor } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(supervisor)).set('If-Match', '1')
          .send({ resolution: '已处理', cause: '系统故障', responsibility: 'company' })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const callbacks = await t.knex('callbacks').where({ ticket_id: ticket.id });
    expect(callbacks).toHaveLength(1);
  });
});

describe('a hotline double-submits', () => {
  it('parallel retries with one Idempotency-Key create one ticket and all get it back', async () => {
    const { agent } = t.fixture.users;
    const body = complaintBody();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => t.http.post('/api/tickets').set(auth(agent)).set('Idempotency-Key', 'call-7781-retry').send(body)),
    );
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200).every((r) => r.headers['idempotent-replayed'] === 'true')).toBe(true);
    const [{ count }] = await t.knex('tickets').where({ idempotency_key: 'call-7781-retry' }).count<{ count: number }[]>('* as count');
    expect(count).toBe(1);
    const events = await t.knex('ticket_events').where({ ticket_id: [...ids][0], type: 'accepted' });
    expect(events).toHaveLength(1);
  });

  it('the same key with a different body is refused, and the key is per agent', async () => {
    const { agent, supervisor } = t.fixture.users;
    await t.http.post('/api/tickets').set(auth(agent)).set('Idempotency-Key', 'k-1').send(complaintBody()).expect(201);
    const reused = await t.http.post('/api/tickets').set(auth(agent)).set('Idempotency-Key', 'k-1').send(complaintBody({ description: '另一件事' }));
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].path).toBe('Idempotency-Key');
    await t.http.post('/api/tickets').set(auth(supervisor)).set('Idempotency-Key', 'k-1').send(complaintBody()).expect(201);
  });

  it('two agents registering the same new caller at once get one customer', async () => {
    const { agent, supervisor } = t.fixture.users;
    const phone = '13700009999';
    const [a, b] = await Promise.all([
      t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ customer: { phone, name: '赵先生' } })),
      t.http.post('/api/tickets').set(auth(supervisor)).send(complaintBody({ customer: { phone } })),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.customer_id).toBe(b.body.customer_id);
  });
});
