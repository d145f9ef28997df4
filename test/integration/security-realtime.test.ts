import type { Knex } from 'knex';
import { PASSWORD, auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { connectAs, listen, nextEvent, type ConsoleSocket, type ListeningApp } from '../helpers/realtime';

// Issue 15, items 3 and 4 over real socket.io clients: a flooding socket is refused and dropped
// without stalling anyone else, presence is cheap, and ended sessions lose their sockets.
let t: TestApp;
let server: ListeningApp;
let ticketIds: number[];
const sockets: ConsoleSocket[] = [];
beforeAll(async () => {
  t = await startTestApp();
  server = await listen(t);
  ticketIds = [];
  for (let i = 0; i < 3; i += 1) {
    const created = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body;
    await t.http.post(`/api/tickets/${created.id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(created.version)).send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    ticketIds.push(created.id);
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
  await t.close();
});

async function open(user: { token: string }): Promise<ConsoleSocket> {
  const socket = await connectAs(server.url, user);
  sockets.push(socket);
  return socket;
}

type Reply = { ok: boolean; status?: number };

/** Counts the queries the app sends to PostgreSQL while `work` runs. */
/**
 * Queries the work itself ran. The outbox relay streams earlier events to the sockets in the
 * background (their audiences cost queries too): wait until the pool has been quiet for a while.
 */
async function countQueries(knex: Knex, work: () => Promise<unknown>): Promise<number> {
  // the relay's transactions: its statements on the outbox and their BEGIN / COMMIT
  const background = (sql: string | undefined) => /\boutbox|^(BEGIN|COMMIT|ROLLBACK);?$/.test(sql ?? '');
  let last = Date.now();
  const seen = (query: { sql?: string }) => {
    if (!background(query.sql)) last = Date.now();
  };
  knex.on('query', seen);
  while (Date.now() - last < 500) await new Promise((resolve) => setTimeout(resolve, 100));
  knex.removeListener('query', seen);
  let count = 0;
  const listener = (query: { sql?: string }) => {
    // the relay's own polling of the outbox never belongs to a watch
    if (!background(query.sql)) count += 1;
  };
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.removeListener('query', listener);
  }
  return count;
}

describe('4. one socket cannot stall the desk', () => {
  it('watching a ticket costs one indexed query, and watching it again none', async () => {
    const socket = await open(t.fixture.users.handler);
    expect(await countQueries(t.knex, () => socket.emitWithAck('ticket.watch', { ticket_id: ticketIds[0] }))).toBeLessThanOrEqual(1);
    expect(await countQueries(t.knex, () => socket.emitWithAck('ticket.watch', { ticket_id: ticketIds[0] }))).toBe(0);
    socket.close();
  });

  it('a socket sending 1,000 watches is refused beyond its limit and dropped, while another user is served promptly', async () => {
    const flooder = await open(t.fixture.users.handler);
    const bystander = await open(t.fixture.users.head);
    const replies: Reply[] = [];
    const disconnected = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    const queriesBefore = { count: 0 };
    const listener = () => {
      queriesBefore.count += 1;
    };
    t.knex.on('query', listener);
    for (let i = 0; i < 1000; i += 1) {
      flooder.emit('ticket.watch', { ticket_id: ticketIds[i % ticketIds.length] }, (reply: Reply) => replies.push(reply));
    }
    // someone else's request during the flood
    const started = performance.now();
    await t.http.get(`/api/tickets/${ticketIds[0]}`).set(auth(t.fixture.users.head)).expect(200);
    const otherRequestMs = performance.now() - started;
    expect(await disconnected).toBe('io server disconnect');
    t.knex.removeListener('query', listener);

    expect(replies.filter((r) => r.ok).length).toBeLessThanOrEqual(20);
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // the flood reached the database a handful of times, not a thousand
    expect(queriesBefore.count).toBeLessThan(50);
    // 4.3 s was measured before the limits, on a quiet machine; a loaded 2-core one serves it in about a second
    expect(otherRequestMs).toBeLessThan(3000);
    // the bystander is still connected and served
    expect(bystander.connected).toBe(true);
    expect(await bystander.emitWithAck('ticket.watch', { ticket_id: ticketIds[1] })).toEqual({ ok: true });
  });

  it('one user\'s sockets share a limit: three sockets of 15 messages each are over it together', async () => {
    const mine = await Promise.all([0, 1, 2].map(() => open(t.fixture.users.supervisor)));
    const replies = await Promise.all(mine.flatMap((socket) =>
      Array.from({ length: 15 }, (_, i) => socket.timeout(3000).emitWithAck('ticket.watch', { ticket_id: ticketIds[i % ticketIds.length] }) as Promise<Reply>)));
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(5);
    expect(mine.every((s) => s.connected)).toBe(true);
  });

  it('a socket watches at most 20 tickets at once', async () => {
    const socket = await open(t.fixture.users.manager);
    const many: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      many.push((await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body.id);
    }
    for (const id of many.slice(0, 20)) expect(await socket.emitWithAck('ticket.watch', { ticket_id: id })).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the per-second limit
    expect(await socket.emitWithAck('ticket.watch', { ticket_id: many[20] })).toMatchObject({ ok: false, status: 429 });
  });
});

describe('3. ended sessions lose their sockets and cannot reconnect', () => {
  it('a password change drops the user\'s sockets and the old token cannot open a new one', async () => {
    const { admin } = t.fixture.users;
    const user = (await t.http.post('/api/users').set(auth(admin)).send({ username: 'agent.sock', name: 'x', role: 'agent', unit_id: t.fixture.units.city, password: PASSWORD }).expect(201)).body;
    const token = (await t.http.post('/api/auth/login').send({ username: 'agent.sock', password: PASSWORD }).expect(200)).body.token as string;
    const socket = await open({ token });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await t.http.patch(`/api/users/${user.id}`).set(auth(admin)).send({ password: 'Brand-new-pass-5' }).expect(200);
    expect(await dropped).toBe('io server disconnect');
    await expect(connectAs(server.url, { token })).rejects.toThrow(/session has ended/);
  });

  it('signing out drops the sockets of that token only', async () => {
    const { admin } = t.fixture.users;
    await t.http.post('/api/users').set(auth(admin)).send({ username: 'agent.two', name: 'x', role: 'agent', unit_id: t.fixture.units.city, password: PASSWORD }).expect(201);
    const first = (await t.http.post('/api/auth/login').send({ username: 'agent.two', password: PASSWORD }).expect(200)).body.token as string;
    const second = (await t.http.post('/api/auth/login').send({ username: 'agent.two', password: PASSWORD }).expect(200)).body.token as string;
    const a = await open({ token: first });
    const b = await open({ token: second });
    const dropped = new Promise<string>((resolve) => a.once('disconnect', resolve));
    await t.http.post('/api/auth/logout').set({ Authorization: `Bearer ${first}` }).expect(204);
    expect(await dropped).toBe('io server disconnect');
    await expect(connectAs(server.url, { token: first })).rejects.toThrow(/session has ended/);
    // the other session's socket still hears the desk
    const created = nextEvent(b, 'ticket.created');
    await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201);
    await created;
    expect(b.connected).toBe(true);
  });
});
