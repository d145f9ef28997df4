import { auth, startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const admin = () => t.fixture.users.admin;

async function createClient(body: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/clients').set(auth(admin()))
    .send({ name: '网管 OSS', scopes: ['cti.calls'], unit_ids: [t.fixture.units.county], ...body }).expect(201);
  return res.body as { id: number; client_id: string; client_secret: string; user_id: number };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('API clients: created by an admin, authenticated by OAuth 2.0 client credentials', () => {
  it('shows the secret once, stores only its hash, and lists the client without it', async () => {
    const client = await createClient();
    expect(client.client_secret.length).toBeGreaterThanOrEqual(40);
    const row = await t.knex('api_clients').where({ id: client.id }).first();
    expect(row.secret_hash).toMatch(/^\$argon2/);
    expect(JSON.stringify(row)).not.toContain(client.client_secret);
    const list = await t.http.get('/api/clients').set(auth(t.fixture.users.manager)).expect(200);
    expect(list.body.items.map((c: { id: number }) => c.id)).toContain(client.id);
    expect(JSON.stringify(list.body)).not.toContain('client_secret');
    await t.http.post('/api/clients').set(auth(t.fixture.users.manager)).send({ name: 'x', scopes: ['cti.calls'], unit_ids: [1] }).expect(403);
    const unknownUnit = await t.http.post('/api/clients').set(auth(admin())).send({ name: 'x', scopes: ['cti.calls'], unit_ids: [999999] }).expect(422);
    expect(unknownUnit.body.errors[0].path).toBe('unit_ids');
  });

  it('exchanges the credentials for a bearer token: form body, JSON body or HTTP Basic', async () => {
    const client = await createClient();
    const form = await t.http.post('/oauth/token').type('form')
      .send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).expect(200);
    expect(form.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'cti.calls' });
    expect(form.headers['cache-control']).toBe('no-store');
    await t.http.post('/oauth/token').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).expect(200);
    await t.http.post('/oauth/token').type('form').set('Authorization', basic(client.client_id, client.client_secret)).send({ grant_type: 'client_credentials' }).expect(200);
  });

  it('answers RFC 6749 §5.2 errors', async () => {
    const client = await createClient();
    const wrong = await t.http.post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: 'nope' }).expect(401);
    expect(wrong.body.error).toBe('invalid_client');
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    expect((await t.http.post('/oauth/token').type('form').send({ grant_type: 'password', client_id: client.client_id, client_secret: client.client_secret }).expect(400)).body.error).toBe('unsupported_grant_type');
    expect((await t.http.post('/oauth/token').type('form').send({ client_id: client.client_id }).expect(400)).body.error).toBe('invalid_request');
    expect((await t.http.post('/oauth/token').type('form').set('Authorization', basic(client.client_id, client.client_secret))
      .send({ grant_type: 'client_credentials', client_id: client.client_id }).expect(400)).body.error).toBe('invalid_request');
    expect((await t.http.post('/oauth/token').type('form')
      .send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret, scope: 'tmf621.write' }).expect(400)).body.error).toBe('invalid_scope');
    expect((await t.http.post('/oauth/token').set('Content-Type', 'text/plain').send('grant_type=client_credentials').expect(400)).body.error).toBe('invalid_request');
  });

  it('opens a route to clients by scope (requireScope), audits their calls with the client as actor, and refuses other routes', async () => {
    const client = await createClient();
    const token = (await t.http.post('/oauth/token').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).expect(200)).body.access_token as string;
    const bearer = { Authorization: `Bearer ${token}` };
    const call = await t.http.post('/api/cti/calls').set(bearer).send({ agent: t.fixture.users.agent.username, caller: '13900004444', call_id: 'OSS-1' }).expect(202);
    expect((await t.knex('cti_calls').where({ id: call.body.id }).first()).posted_by).toBe(client.user_id);
    const refused = await t.http.get('/api/tickets').set(bearer).expect(403);
    expect(refused.body.code).toBe('insufficient_scope');
    // a client without the scope is refused the route the scope opens
    const other = await createClient({ scopes: ['tmf621.read'] });
    const otherToken = (await t.http.post('/oauth/token').send({ grant_type: 'client_credentials', client_id: other.client_id, client_secret: other.client_secret })).body.access_token as string;
    expect((await t.http.post('/api/cti/calls').set({ Authorization: `Bearer ${otherToken}` }).send({ agent: 'agent1', caller: '13900004444', call_id: 'OSS-2' }).expect(403)).body.code).toBe('insufficient_scope');
    const deadline = Date.now() + 5000;
    let audited: { actor_id: number; data: { path: string; status: number } }[] = [];
    while (Date.now() < deadline && audited.length < 2) {
      audited = await t.knex('audit_log').where({ entity: 'api_client', entity_id: client.id, action: 'call' }).orderBy('id');
      if (audited.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(audited.map((a) => [a.actor_id, a.data.path, a.data.status])).toEqual([[client.user_id, '/api/cti/calls', 202], [client.user_id, '/api/tickets', 403]]);
  });

  it('rotates the secret with an overlap, and a deactivation ends its tokens at once', async () => {
    const client = await createClient();
    const grant = (secret: string) => t.http.post('/oauth/token').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: secret });
    const oldToken = (await grant(client.client_secret).expect(200)).body.access_token as string;
    const rotated = await t.http.post(`/api/clients/${client.id}/rotate`).set(auth(admin())).send({ previous_valid_seconds: 600 }).expect(200);
    expect(rotated.body.client_secret).not.toBe(client.client_secret);
    await grant(rotated.body.client_secret).expect(200);
    await grant(client.client_secret).expect(200);
    // a token issued before the rotation keeps working until it expires
    await t.http.post('/api/cti/calls').set({ Authorization: `Bearer ${oldToken}` }).send({ agent: 'agent1', caller: '13900004444', call_id: 'OSS-5' }).expect(202);
    t.clock.advance(601);
    await grant(client.client_secret).expect(401);
    const fresh = (await grant(rotated.body.client_secret).expect(200)).body.access_token as string;
    const bearer = { Authorization: `Bearer ${fresh}` };
    await t.http.post('/api/cti/calls').set(bearer).send({ agent: 'agent1', caller: '13900004444', call_id: 'OSS-3' }).expect(202);
    const off = await t.http.patch(`/api/clients/${client.id}`).set(auth(admin())).send({ active: false }).expect(200);
    expect(off.body.active).toBe(false);
    await t.http.post('/api/cti/calls').set(bearer).send({ agent: 'agent1', caller: '13900004444', call_id: 'OSS-4' }).expect(401);
    await grant(rotated.body.client_secret).expect(401);
    const audit = await t.knex('audit_log').where({ entity: 'api_client', entity_id: client.id }).whereNot({ action: 'call' }).orderBy('id').pluck('action');
    expect(audit).toEqual(['created', 'secret_rotated', 'deactivated']);
  });
});
