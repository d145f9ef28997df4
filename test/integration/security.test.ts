import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { PASSWORD, auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';

// Issue 15: each weakness found by the red-team pass, told as the story that exposed it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function accept(overrides: Record<string, unknown> = {}) {
  return (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody(overrides)).expect(201)).body as { id: number; version: number; customer: { id: number; phone: string } };
}
async function dispatch(ticket: { id: number; version: number }, unitId: number) {
  return (await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(ticket.version)).send({ unit_id: unitId }).expect(200)).body;
}
async function signIn(username: string, password = PASSWORD): Promise<string> {
  return (await t.http.post('/api/auth/login').send({ username, password }).expect(200)).body.token as string;
}
async function newUser(role: string, unitId: number | null, username: string): Promise<TestUser> {
  const created = await t.http.post('/api/users').set(auth(t.fixture.users.admin)).send({ username, name: username, role, unit_id: unitId, password: PASSWORD }).expect(201);
  return { id: created.body.id, username, role: created.body.role, unit_id: unitId, token: await signIn(username) };
}

describe('1. customers are seen by handlers and unit heads only through a ticket of their subtree', () => {
  it('a handler reads the caller of their ticket, not another branch\'s; agents still look up anyone', async () => {
    const { handler, head, otherHandler, agent } = t.fixture.users;
    const mine = await accept();
    await dispatch(mine, t.fixture.units.countyTeam);
    const theirs = await accept();
    await dispatch(theirs, t.fixture.units.otherCounty);
    const nobodys = (await t.http.post('/api/customers').set(auth(agent)).send({ phone: '13700001111', name: '无单客户' }).expect(201)).body;

    for (const user of [handler, head]) {
      await t.http.get(`/api/customers/${mine.customer.id}`).set(auth(user)).expect(200);
      await t.http.get(`/api/customers/${mine.customer.id}/history`).set(auth(user)).expect(200);
      for (const hidden of [theirs.customer, nobodys]) {
        expect((await t.http.get(`/api/customers/${hidden.id}`).set(auth(user))).status).toBe(404);
        expect((await t.http.get(`/api/customers/${hidden.id}/history`).set(auth(user))).status).toBe(404);
        expect((await t.http.get('/api/customers').query({ phone: hidden.phone }).set(auth(user)).expect(200)).body.items).toEqual([]);
      }
      expect((await t.http.get('/api/customers').query({ phone: mine.customer.phone }).set(auth(user)).expect(200)).body.items).toHaveLength(1);
    }
    expect((await t.http.get(`/api/customers/${mine.customer.id}`).set(auth(otherHandler))).status).toBe(404);
    for (const c of [mine.customer, theirs.customer, nobodys]) await t.http.get(`/api/customers/${c.id}`).set(auth(agent)).expect(200);
    expect((await t.http.get('/api/customers').query({ phone: nobodys.phone }).set(auth(agent)).expect(200)).body.items).toHaveLength(1);
  });
});

describe('2. incidents, my cases and unit heads stay inside the subtree', () => {
  it('a handler lists only incidents of their subtree or holding its tickets, and sees only its tickets in them', async () => {
    const { supervisor, handler, otherHandler } = t.fixture.users;
    const mine = await accept({ category: 'billing' });
    await dispatch(mine, t.fixture.units.countyTeam);
    const theirs = await accept({ category: 'billing' });
    await dispatch(theirs, t.fixture.units.otherCounty);
    const theirsToo = await accept({ category: 'billing' });
    await dispatch(theirsToo, t.fixture.units.otherCounty);
    const elsewhere = (await t.http.post('/api/incidents').set(auth(supervisor))
      .send({ title: '瓦房店断网', unit_id: t.fixture.units.otherCounty, explanation_wording: '瓦房店口径', ticket_ids: [theirs.id] }).expect(201)).body;
    const citywide = (await t.http.post('/api/incidents').set(auth(supervisor))
      .send({ title: '全市断网', unit_id: t.fixture.units.city, explanation_wording: '全市口径', ticket_ids: [mine.id, theirsToo.id] }).expect(201)).body;

    const listed = (await t.http.get('/api/incidents').set(auth(handler)).expect(200)).body.items.map((i: { id: number }) => i.id);
    expect(listed).toContain(citywide.id);
    expect(listed).not.toContain(elsewhere.id);
    expect((await t.http.get(`/api/incidents/${elsewhere.id}`).set(auth(handler))).status).toBe(404);
    const detail = (await t.http.get(`/api/incidents/${citywide.id}`).set(auth(handler)).expect(200)).body;
    expect(detail.tickets.map((x: { id: number }) => x.id)).toEqual([mine.id]);
    // the other branch sees its own incident and the city-wide one, with its own ticket only
    const other = (await t.http.get(`/api/incidents/${citywide.id}`).set(auth(otherHandler)).expect(200)).body;
    expect(other.tickets.map((x: { id: number }) => x.id)).toEqual([theirsToo.id]);
    // the desk still sees everything
    expect((await t.http.get(`/api/incidents/${citywide.id}`).set(auth(supervisor)).expect(200)).body.tickets).toHaveLength(2);
  });

  it('a unit head moved to another branch no longer sees the old branch\'s cases, and stops heading it', async () => {
    const { admin } = t.fixture.users;
    const head = await newUser('unit_head', t.fixture.units.county, 'head.moving');
    await t.http.patch(`/api/units/${t.fixture.units.county}`).set(auth(admin)).send({ head_user_id: head.id }).expect(200);
    const ticket = await dispatch(await accept({ category: 'service_attitude' }), t.fixture.units.countyTeam);
    const before = (await t.http.get('/api/my-cases').set(auth(head)).expect(200)).body.items.map((i: { id: number }) => i.id);
    expect(before).toContain(ticket.id);

    await t.http.patch(`/api/users/${head.id}`).set(auth(admin)).send({ unit_id: t.fixture.units.otherCounty }).expect(200);
    const after = (await t.http.get('/api/my-cases').set(auth(head)).expect(200)).body.items;
    expect(after).toEqual([]);
    const county = (await t.http.get('/api/units').set(auth(admin)).expect(200)).body.items.find((u: { id: number }) => u.id === t.fixture.units.county);
    expect(county.head_user_id).toBeNull();
    // restore the fixture's head for the stories below
    await t.http.patch(`/api/units/${t.fixture.units.county}`).set(auth(admin)).send({ head_user_id: t.fixture.users.head.id }).expect(200);
  });

  it('head_user_id must be a leader who belongs to the unit', async () => {
    const { admin, otherHandler, agent, handler } = t.fixture.users;
    for (const user of [otherHandler, agent]) {
      const res = await t.http.patch(`/api/units/${t.fixture.units.county}`).set(auth(admin)).send({ head_user_id: user.id });
      expect(res.status).toBe(422);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'head_user_id' }));
    }
    // a member, but a handler does not lead
    const res = await t.http.patch(`/api/units/${t.fixture.units.countyTeam}`).set(auth(admin)).send({ head_user_id: handler.id });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('head_role');
    const created = await t.http.post('/api/units').set(auth(admin)).send({ code: 'DL-X', name: '新单位', area: 'city', parent_id: t.fixture.units.city, head_user_id: t.fixture.users.head.id });
    expect(created.status).toBe(422);
  });

  it('a unit head reads the subscribers of their subtree\'s units only (11)', async () => {
    const month = t.clock.now().toISOString().slice(0, 7);
    const byHead = (await t.http.get('/api/reports/subscribers').query({ month }).set(auth(t.fixture.users.head)).expect(200)).body.items.map((i: { unit_id: number }) => i.unit_id);
    expect(byHead.sort()).toEqual([t.fixture.units.county, t.fixture.units.countyTeam].sort());
    const byManager = (await t.http.get('/api/reports/subscribers').query({ month }).set(auth(t.fixture.users.manager)).expect(200)).body.items;
    expect(byManager.length).toBeGreaterThanOrEqual(4);
  });
});

describe('3. a password change, a reset or a role change ends every earlier session; sign-out ends this one', () => {
  it('changing my own password ends my other sessions and gives this one a fresh token', async () => {
    const user = await newUser('agent', t.fixture.units.city, 'agent.pw');
    const other = await signIn('agent.pw');
    const changed = await t.http.post('/api/auth/password').set(auth(user)).send({ current_password: PASSWORD, new_password: 'Another-desk-pass-9' }).expect(200);
    for (const old of [user.token, other]) expect((await t.http.get('/api/auth/me').set(bearer(old))).status).toBe(401);
    await t.http.get('/api/auth/me').set(bearer(changed.body.token)).expect(200);
    await signIn('agent.pw', 'Another-desk-pass-9');

    const wrong = await t.http.post('/api/auth/password').set(bearer(changed.body.token)).send({ current_password: 'not-my-password', new_password: 'Yet-another-pass-7' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toContainEqual(expect.objectContaining({ path: 'current_password' }));
  });

  it('an admin reset and a role change end the user\'s sessions; a name change does not', async () => {
    const { admin } = t.fixture.users;
    const user = await newUser('agent', t.fixture.units.city, 'agent.reset');
    await t.http.patch(`/api/users/${user.id}`).set(auth(admin)).send({ name: '改名' }).expect(200);
    await t.http.get('/api/auth/me').set(auth(user)).expect(200);
    await t.http.patch(`/api/users/${user.id}`).set(auth(admin)).send({ password: 'Reset-by-admin-4' }).expect(200);
    expect((await t.http.get('/api/auth/me').set(auth(user))).status).toBe(401);

    const again = await signIn('agent.reset', 'Reset-by-admin-4');
    await t.http.patch(`/api/users/${user.id}`).set(auth(admin)).send({ role: 'supervisor' }).expect(200);
    expect((await t.http.get('/api/auth/me').set(bearer(again))).status).toBe(401);
  });

  it('signing out ends this token only', async () => {
    const user = await newUser('agent', t.fixture.units.city, 'agent.out');
    const second = await signIn('agent.out');
    await t.http.post('/api/auth/logout').set(auth(user)).expect(204);
    expect((await t.http.get('/api/auth/me').set(auth(user))).status).toBe(401);
    await t.http.get('/api/auth/me').set(bearer(second)).expect(200);
    expect(await t.knex('revoked_tokens').where({ user_id: user.id }).count<{ count: string }[]>('* as count')).toEqual([{ count: 1 }]);
  });
});

describe('5. NUL characters are refused naming the field', () => {
  it('in a body field, a nested field, a query and the unauthenticated sign-in', async () => {
    const { agent } = t.fixture.users;
    const cases: [() => Promise<{ status: number; body: { errors?: { path: string }[]; code?: string } }>, string][] = [
      [() => t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ description: 'bad\u0000byte' })), 'description'],
      [() => t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ customer: { phone: '13911112222', name: 'a\u0000b' } })), 'customer.name'],
      [() => t.http.get('/api/tickets').query({ q: 'x\u0000y' }).set(auth(agent)), 'q'],
      [() => t.http.post('/api/auth/login').send({ username: 'agent1\u0000', password: PASSWORD }), 'username'],
    ];
    const before = await t.knex('tickets').count<{ count: string }[]>('* as count');
    for (const [send, field] of cases) {
      const res = await send();
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('nul_character');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path: field }));
    }
    expect(await t.knex('tickets').count<{ count: string }[]>('* as count')).toEqual(before);
  });
});

/** A raw request, for bodies that supertest would fix up (lying lengths, mismatched encodings). */
function rawRequest(port: number, head: string, body: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = new net.Socket();
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(data);
      resolve({ status: match ? Number(match[1]) : 0, text: data });
    });
    socket.connect(port, '127.0.0.1', () => {
      socket.write(head);
      socket.end(body);
    });
  });
}

describe('6. bodies that cannot be read are the client\'s fault', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('Content-Encoding: gzip over a plain body is 400', async () => {
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(JSON.stringify(complaintBody()));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('an unknown Content-Encoding is 415', async () => {
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).set('Content-Type', 'application/json').set('Content-Encoding', 'br-nonsense').send('{}');
    expect(res.status).toBe(415);
  });

  it('a Content-Length longer than the body sent is 400, not 500', async () => {
    const body = JSON.stringify({ username: 'agent1', password: PASSWORD });
    // the client hangs up before the promised bytes, so the answer may not reach it: the server's own
    // account (an "unhandled error" line is what a 500 leaves) tells how it was classified
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      const res = await rawRequest(port, `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 50}\r\nConnection: close\r\n\r\n`, body);
      expect([0, 400]).toContain(res.status);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      process.stderr.write = write;
    }
    expect(logged.filter((line) => line.includes('unhandled error'))).toEqual([]);
  });

  it('a survey form with 1,100 fields is 413', async () => {
    const form = Array.from({ length: 1100 }, (_, i) => `f${i}=x`).join('&');
    const res = await t.http.post('/survey/anything').type('form').send(form);
    expect(res.status).toBe(413);
  });
});

describe('8. password policy', () => {
  it.each([
    ['eight spaces', '        ', 'password'],
    ['ten spaces', '          ', 'password'],
    ['password', 'password', 'password'],
    ['12345678', '12345678', 'password'],
    ['a common long one', 'qwertyuiop', 'password'],
    ['the username inside', 'xx-newagent-2026', 'password'],
  ])('refuses %s for a new user', async (_name, password, field) => {
    const res = await t.http.post('/api/users').set(auth(t.fixture.users.admin)).send({ username: 'newagent', name: 'n', role: 'agent', unit_id: t.fixture.units.city, password });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: field }));
  });

  it('holds for an admin resetting their own password and for a self-service change', async () => {
    const { admin } = t.fixture.users;
    const reset = await t.http.patch(`/api/users/${admin.id}`).set(auth(admin)).send({ password: '1234567890' });
    expect(reset.status).toBe(400);
    expect(reset.body.code).toBe('weak_password');
    const self = await t.http.post('/api/auth/password').set(auth(admin)).send({ current_password: PASSWORD, new_password: 'my-admin-pass' });
    expect(self.status).toBe(400);
    expect(self.body.errors).toContainEqual(expect.objectContaining({ path: 'new_password' }));
    await t.http.get('/api/auth/me').set(auth(admin)).expect(200);
  });
});

describe('9. CSV exports neutralise formulas', () => {
  it('a unit named like a formula is written as text', async () => {
    const { admin, manager } = t.fixture.users;
    const names = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB'];
    for (const [i, name] of names.entries()) {
      await t.http.post('/api/units').set(auth(admin)).send({ code: `EVIL-${i}`, name, area: 'city', parent_id: t.fixture.units.city }).expect(201);
    }
    const month = t.clock.now().toISOString().slice(0, 7);
    const res = await t.http.get('/api/reports/case-analysis').query({ month, format: 'csv' }).set(auth(manager)).expect(200);
    const cells = res.text.split('\r\n').flatMap((line) => line.split(','));
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.test""`);
    expect(res.text).toContain("'+1+1");
  });
});

describe('10. security headers', () => {
  it('the console and the API carry CSP without inline script, no framing, nosniff and a referrer policy', async () => {
    for (const path of ['/', '/api/openapi.json', '/healthz']) {
      const res = await t.http.get(path);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('HSTS only over HTTPS, as a trusted proxy reports it', async () => {
    const behindProxy = await startTestApp({ env: { LOOPDESK_TRUSTED_PROXIES: 'loopback' } });
    try {
      const https = await behindProxy.http.get('/healthz').set('X-Forwarded-Proto', 'https');
      expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect((await behindProxy.http.get('/healthz')).headers['strict-transport-security']).toBeUndefined();
      // a proxy not trusted cannot claim HTTPS
      expect((await t.http.get('/healthz').set('X-Forwarded-Proto', 'https')).headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy.close();
    }
  });
});

describe('11. smaller weaknesses', () => {
  it('a token with junk after its signature is refused', async () => {
    const { agent } = t.fixture.users;
    await t.http.get('/api/auth/me').set(auth(agent)).expect(200);
    for (const junk of ['!!', '==', '.', '%', 'A', ' x']) {
      expect((await t.http.get('/api/auth/me').set(bearer(agent.token + junk))).status).toBe(401);
    }
    // the last signature character carries 2 bits: a sibling decoding to the same bytes is refused too
    const last = agent.token.slice(-1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) + 1]!;
    expect((await t.http.get('/api/auth/me').set(bearer(agent.token.slice(0, -1) + sibling))).status).toBe(401);
  });

  it('the last active admin cannot be demoted or deactivated', async () => {
    const { admin } = t.fixture.users;
    const demote = await t.http.patch(`/api/users/${admin.id}`).set(auth(admin)).send({ role: 'manager' });
    expect(demote.status).toBe(422);
    expect(demote.body.code).toBe('last_admin');
    const second = await newUser('admin', null, 'admin.two');
    const deactivate = await t.http.patch(`/api/users/${second.id}`).set(auth(admin)).send({ active: false }).expect(200);
    expect(deactivate.body.active).toBe(false);
    // admin.two is inactive: admin is the last active one again
    expect((await t.http.patch(`/api/users/${admin.id}`).set(bearer(second.token)).send({ role: 'manager' })).status).toBe(401);
    expect((await t.http.patch(`/api/users/${admin.id}`).set(auth(admin)).send({ role: 'agent' })).status).toBe(422);
    expect((await t.knex('users').where({ id: admin.id }).first()).role).toBe('admin');
  });

  it('a long or odd X-Request-Id is replaced, a plain one kept', async () => {
    const long = await t.http.get('/healthz').set('X-Request-Id', 'a'.repeat(3000));
    expect((long.headers['x-request-id'] as string).length).toBeLessThanOrEqual(128);
    expect(long.headers['x-request-id']).not.toContain('aaaa');
    const odd = await t.http.get('/healthz').set('X-Request-Id', 'abc"<script>');
    expect(odd.headers['x-request-id']).not.toContain('<');
    expect((await t.http.get('/healthz').set('X-Request-Id', 'req-42.a:b_c')).headers['x-request-id']).toBe('req-42.a:b_c');
  });
});
