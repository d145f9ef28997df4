import crypto from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { connectAs, listen, nextEvent, record, secondInstance, type ListeningApp } from '../helpers/realtime';
import { until } from '../helpers/until';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let t: TestApp;
let server: ListeningApp;
const sockets: Socket[] = [];
const open = async (user: Parameters<typeof connectAs>[1], url = server.url) => {
  const socket = await connectAs(url, user);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  t = await startTestApp();
  server = await listen(t);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await server.close();
  await t.close();
});

/**
 * The sentinel before a negative assertion: a ticket dispatched to `unitId` (or only accepted) that
 * this socket hears. The bridge sends in commit order, so once it arrives every earlier event this
 * socket would have heard has arrived too.
 */
async function sentinel(socket: Socket, unitId?: number): Promise<number> {
  const { agent } = t.fixture.users;
  const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body as { id: number };
  const heard = nextEvent<{ ticket: { id: number } }>(socket, unitId === undefined ? 'ticket.created' : 'ticket.updated', (p) => p.ticket.id === ticket.id);
  if (unitId !== undefined) await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: unitId }).expect(200);
  await heard;
  return ticket.id;
}

describe('realtime: who hears what', () => {
  it('refuses a socket without a valid token', async () => {
    await expect(connectAs(server.url, { token: 'nonsense' })).rejects.toThrow(/invalid or expired/);
    await expect(connectAs(server.url, { token: '' })).rejects.toThrow(/sign in/);
  });

  it('greets a console with its user, the desk time zone and the server clock', async () => {
    const { agent } = t.fixture.users;
    const { hello } = await open(agent);
    expect(hello).toEqual({ user: expect.objectContaining({ id: agent.id, role: 'agent' }), timezone: 'Asia/Shanghai', server_time: t.clock.now().toISOString(), seq: expect.any(Number) });
  });

  it('sends a new ticket to the desk and supervisors, and a dispatched one to its unit subtree only', async () => {
    const { agent, supervisor, handler, head, otherHandler } = t.fixture.users;
    const [agentSocket, superSocket, handlerSocket, headSocket, otherSocket] = await Promise.all([agent, supervisor, handler, head, otherHandler].map((u) => open(u)));
    const heardByHandler = record(handlerSocket);
    const heardByOther = record(otherSocket);

    const created = [superSocket, agentSocket].map((s) => nextEvent<{ ticket: { id: number } }>(s, 'ticket.created'));
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
    for (const heard of await Promise.all(created)) expect(heard.ticket.id).toBe(ticket.id);

    const toHandler = nextEvent<{ ticket: { id: number; version: number; status: string }; change: string }>(handlerSocket, 'ticket.updated');
    const toHead = nextEvent(headSocket, 'ticket.updated');
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    expect(await toHandler).toMatchObject({ change: 'dispatched', ticket: { id: ticket.id, version: 2, status: 'dispatched' } });
    await toHead;
    await sentinel(handlerSocket, t.fixture.units.countyTeam);
    const otherSentinel = await sentinel(otherSocket, t.fixture.units.otherCounty);
    // The handler did not hear the undispatched intake (only the dispatch and its sentinel); the other branch heard only its own sentinel.
    expect(heardByHandler.map((e) => e.type)).toEqual(['ticket.updated', 'ticket.updated']);
    expect(heardByOther.map((e) => (e.payload.ticket as { id: number }).id)).toEqual([otherSentinel]);
  });

  it('publishes nothing for a change that was refused (stale version)', async () => {
    const { agent, supervisor } = t.fixture.users;
    const superSocket = await open(supervisor);
    const heard = record(superSocket);
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '7').send({ unit_id: t.fixture.units.countyTeam }).expect(409);
    const after = await sentinel(superSocket);
    expect(heard.map((e) => [e.type, (e.payload.ticket as { id: number }).id])).toEqual([['ticket.created', ticket.id], ['ticket.created', after]]);
  });
});

describe('realtime: a user who changes unit', () => {
  it('is disconnected, and hears the new unit only after signing back in through the handshake', async () => {
    const { admin, agent, otherHandler } = t.fixture.users;
    const socket = await open(otherHandler);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await t.http.patch(`/api/users/${otherHandler.id}`).set(auth(admin)).send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    expect(await dropped).toBe('io server disconnect');

    const again = await open(otherHandler);
    const heard = nextEvent<{ ticket: { id: number } }>(again, 'ticket.updated');
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    expect((await heard).ticket.id).toBe(ticket.id);
    await t.http.patch(`/api/users/${otherHandler.id}`).set(auth(admin)).send({ unit_id: t.fixture.units.otherCounty }).expect(200);
  });
});

describe('realtime: presence on a ticket', () => {
  it('lists who has the ticket open, and drops them when they leave', async () => {
    const { agent, supervisor, handler, otherHandler } = t.fixture.users;
    const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
    const [a, s, h, o] = await Promise.all([agent, supervisor, handler, otherHandler].map((u) => open(u)));

    const firstView = nextEvent<{ viewers: { id: number }[] }>(a, 'ticket.viewers');
    expect(await a.emitWithAck('ticket.watch', { ticket_id: ticket.id })).toEqual({ ok: true });
    expect((await firstView).viewers.map((v) => v.id)).toEqual([agent.id]);

    const both = nextEvent<{ viewers: { id: number; name: string }[] }>(a, 'ticket.viewers', (p) => p.viewers.length === 3);
    await s.emitWithAck('ticket.watch', { ticket_id: ticket.id });
    await h.emitWithAck('ticket.watch', { ticket_id: ticket.id });
    expect((await both).viewers.map((v) => v.id).sort()).toEqual([agent.id, supervisor.id, handler.id].sort());

    // Another branch may not look, nor learn who is looking.
    expect(await o.emitWithAck('ticket.watch', { ticket_id: ticket.id })).toMatchObject({ ok: false, status: 404 });
    expect(await o.emitWithAck('ticket.watch', { ticket_id: 'x' })).toMatchObject({ ok: false, status: 400 });

    const afterLeave = nextEvent<{ viewers: { id: number }[] }>(a, 'ticket.viewers', (p) => p.viewers.length === 2);
    s.close();
    expect((await afterLeave).viewers.map((v) => v.id).sort()).toEqual([agent.id, handler.id].sort());

    // Redispatched to another branch: the handler leaves the ticket's room with it.
    const handlerGone = nextEvent<{ viewers: { id: number }[] }>(a, 'ticket.viewers', (p) => p.viewers.length === 1);
    await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '2').send({ unit_id: t.fixture.units.otherCounty }).expect(200);
    expect((await handlerGone).viewers.map((v) => v.id)).toEqual([agent.id]);
  });
});

describe('realtime: a console that comes back', () => {
  it('replays, in order, the events it may see that were committed while it was away; told to reload when they are gone', async () => {
    const { agent, supervisor, otherHandler } = t.fixture.users;
    const first = await open(supervisor);
    const heard = nextEvent<{ ticket: { id: number }; seq: number }>(first, 'ticket.created');
    await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201);
    const lastSeq = (await heard).seq;
    expect(lastSeq).toBeGreaterThan(0);
    first.close();

    // committed while the console was away
    const missed: number[] = [];
    for (let i = 0; i < 3; i += 1) missed.push((await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body.id);
    await until(() => server.relay.streamed() >= lastSeq + 3, 5000, 'the relay');

    const back = await open(supervisor);
    const replay = record(back);
    const reply = await back.emitWithAck('resume', { after_seq: lastSeq });
    expect(reply).toMatchObject({ ok: true, replayed: 3 });
    const replayed = replay.filter((e) => e.payload.replayed === true);
    expect(replayed.map((e) => (e.payload.ticket as { id: number }).id)).toEqual(missed);
    const seqs = replayed.map((e) => e.payload.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // a handler of another branch replays none of them: the same visibility as live events
    const other = await open(otherHandler);
    expect(await other.emitWithAck('resume', { after_seq: lastSeq })).toMatchObject({ ok: true, replayed: 0 });

    // past the retention window (pruned) the console is told to reload instead
    await t.knex('outbox_events').where('seq', '<=', lastSeq + 1).del();
    expect(await back.emitWithAck('resume', { after_seq: lastSeq })).toMatchObject({ ok: false, reload: true });
    expect(await back.emitWithAck('resume', { after_seq: 'x' })).toMatchObject({ ok: false, reload: true });
  });
});

describe('realtime: two server instances behind Redis', () => {
  it("delivers one instance's events to the other's sockets, and presence across both", async () => {
    const redisKey = `loopdesk-test-${crypto.randomBytes(4).toString('hex')}`;
    const a = await listen(t, { redisUrl: REDIS_URL, redisKey });
    const b = await secondInstance(t, { redisUrl: REDIS_URL, redisKey });
    try {
      const { agent, supervisor } = t.fixture.users;
      const onA = await open(supervisor, a.url);
      const onB = await open(agent, b.url);
      // The ticket is written through instance B; A's relay reads it from the outbox.
      // one hop more than in one process (commit, sequencer, NOTIFY, A's stream): a loaded CI machine gets 5 s
      const seen = nextEvent<{ ticket: { id: number } }>(onA, 'ticket.created', () => true, 5000);
      const created = await fetch(`${b.url}/api/tickets`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...auth(agent) }, body: JSON.stringify(complaintBody()),
      });
      expect(created.status).toBe(201);
      const ticket = (await created.json()) as { id: number };
      expect((await seen).ticket.id).toBe(ticket.id);

      const viewers = nextEvent<{ viewers: { id: number }[] }>(onA, 'ticket.viewers', (p) => p.viewers.length === 2);
      await onA.emitWithAck('ticket.watch', { ticket_id: ticket.id });
      await onB.emitWithAck('ticket.watch', { ticket_id: ticket.id });
      expect((await viewers).viewers.map((v) => v.id).sort()).toEqual([agent.id, supervisor.id].sort());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
