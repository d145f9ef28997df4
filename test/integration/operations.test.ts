import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import { createApp } from '../../server/app';
import { createTokenService } from '../../server/auth/tokens';
import { openDatabase } from '../../server/db/knex';
import type { Deps } from '../../server/deps';
import { EventBus } from '../../server/events/bus';
import { createOutboxRelay } from '../../server/events/outbox';
import { createLogger } from '../../server/logger';
import { startMail, type MailSystem } from '../../server/mail';
import { attachRealtime } from '../../server/realtime';
import { shutdown } from '../../server/shutdown';
import { auth, complaintBody, startTestApp, TOKEN_SECRET, type TestApp } from '../helpers/app';
import { SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const METRICS_TOKEN = 'metrics-token-for-tests-0001';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { LOOPDESK_METRICS_TOKEN: METRICS_TOKEN } });
});
afterAll(() => t.close());

/** A logger writing into an array, one parsed JSON object per line. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

async function newTicket(): Promise<{ id: number; number: string; version: number }> {
  return (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body;
}

describe('request ids', () => {
  it('keeps a plain client X-Request-Id, answers it, and puts it in problem+json', async () => {
    const res = await t.http.get('/api/tickets/999999').set(auth(t.fixture.users.agent)).set('X-Request-Id', 'call-42.a').expect(404);
    expect(res.headers['x-request-id']).toBe('call-42.a');
    expect(res.body).toMatchObject({ code: 'not_found', request_id: 'call-42.a' });
    const fresh = await t.http.get('/api/tickets/999999').set(auth(t.fixture.users.agent)).set('X-Request-Id', 'bad id with spaces').expect(404);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.body.request_id).toBe(fresh.headers['x-request-id']);
  });

  it('puts the request id on every log line written while serving it, after the body parser and the awaits', async () => {
    const { lines, logger } = capturedLogger();
    const deps: Deps = { ...t.deps, logger };
    const { app } = createApp({ deps, db: t.db, tokens: createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock) });
    const failed = await t.knex('mail_deliveries').insert(await parkedDelivery('log')).returning('id');
    // a JSON body, so the body parser runs before the route; the service logs after its transaction
    await request(app).post(`/api/mail/${failed[0].id}/retry`).set(auth(t.fixture.users.admin)).set('X-Request-Id', 'req-log-1').send({}).expect(202);
    const serviceLine = lines.find((l) => l.msg === 'parked mail sent again');
    expect(serviceLine).toMatchObject({ level: 'info', request_id: 'req-log-1', delivery: Number(failed[0].id) });
    expect(typeof serviceLine!.time).toBe('string');
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ request_id: 'req-log-1', route: '/api/mail/:id/retry', status: 202 });
  });
});

async function parkedDelivery(tag: string, ticketId: number | null = null) {
  const id = `test:parked:${tag}:${Math.random().toString(36).slice(2)}`;
  await t.knex('mail_notifications').insert({ id, kind: 'ownership.assigned', ticket_id: ticketId, locale: 'zh-CN', subject: `【领导包案】${tag}`, body: 'x', created_at: new Date() });
  return { notification_id: id, recipient: `${tag}@refused.example.test`, status: 'failed', attempts: 1, last_error: '550 mailbox unavailable', message_id: `<${id}@t>`, created_at: new Date() };
}

/** The value of one sample of the text exposition whose labels include `labels`; undefined if there is none. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('is closed without the metrics token and not served at all without one configured', async () => {
    await t.http.get('/metrics').expect(401);
    await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
    const { app } = createApp({ deps: t.deps.config.metricsToken ? { ...t.deps, config: { ...t.config, metricsToken: undefined } } : t.deps, db: t.db, tokens: createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock) });
    await request(app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
  });

  it('reports HTTP latency by route pattern, timers due and late, parked mail, the pool and event-loop lag', async () => {
    const ticket = await newTicket();
    await t.http.get(`/api/tickets/${ticket.id}`).set(auth(t.fixture.users.agent)).expect(200);
    await t.knex('scheduled_items').insert({ kind: 'test.metrics', key: 'late', due_at: new Date(t.clock.now().getTime() - 60_000), state: 'pending', created_at: new Date(), updated_at: new Date() });
    await t.knex('mail_deliveries').insert(await parkedDelivery('metrics'));
    const res = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    // the pattern, never the id: one series per route
    expect(sample(text, 'loopdesk_http_request_duration_seconds_count', { method: 'GET', route: '/api/tickets/:id', status: '200', loopdesk_role: 'all' })).toBe(1);
    expect(text).not.toContain(`/api/tickets/${ticket.id}"`);
    expect(sample(text, 'loopdesk_timers_due', { kind: 'test.metrics' })).toBe(1);
    expect(sample(text, 'loopdesk_timers_late', { kind: 'test.metrics' })).toBe(1);
    expect(sample(text, 'loopdesk_db_pool_connections', { state: 'max' })).toBe(10);
    expect(sample(text, 'loopdesk_process_faults', { kind: 'unhandled_rejection' })).toBe(0);
    expect(sample(text, 'loopdesk_mail_deliveries', { state: 'parked' })).toBeGreaterThanOrEqual(1);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    await t.knex('scheduled_items').where({ kind: 'test.metrics' }).del();
  });
});

describe('parked mail: list with the error, retry from the console (audited)', () => {
  let sink: SmtpSink;
  let mail: MailSystem;
  beforeAll(async () => {
    sink = await SmtpSink.create();
    await sink.start();
    mail = await startMail({ ...t.deps, config: { ...t.config, smtpUrl: sink.url } }, { retry: { backoffMs: 40, maxBackoffMs: 400 }, smtp: { ignoreTLS: true, connectionTimeout: 500 }, pollMs: 200 });
  });
  afterAll(async () => {
    await mail.stop();
    await sink.stop();
  });

  it('a refused recipient is parked with its error, listed, and sent once after the retry', async () => {
    const address = 'moved@example.test';
    sink.refused.add(address);
    const ticket = await newTicket();
    await mail.mailer.notify({
      id: `test:retry:${ticket.id}`, ticketId: ticket.id, recipients: [{ userId: null, email: address }],
      template: { kind: 'deadline.warning', data: { ticketNumber: ticket.number, customerName: null, customerPhone: '139****0000', deadline: null, link: 'https://desk.example.test/tickets/1', category: 'billing', description: 'x' } },
    });
    const { supervisor, agent } = t.fixture.users;
    let found: { id: number; recipient: string; error: string; ticket_number: string } | undefined;
    await until(async () => {
      const page = (await t.http.get('/api/mail/parked').set(auth(supervisor)).expect(200)).body as { items: NonNullable<typeof found>[] };
      found = page.items.find((i) => i.recipient === address);
      return found !== undefined;
    }, 10_000, 'the refused delivery parked');
    const parked = found!;
    expect(parked).toMatchObject({ ticket_number: ticket.number, kind: 'deadline.warning' });
    expect(parked.error).toMatch(/550/);

    await t.http.get('/api/mail/parked').set(auth(agent)).expect(403);
    await t.http.post(`/api/mail/${parked.id}/retry`).set(auth(agent)).expect(403);
    sink.refused.delete(address);
    const retried = await t.http.post(`/api/mail/${parked.id}/retry`).set(auth(supervisor)).expect(202);
    expect(retried.body).toEqual({ id: parked.id, status: 'pending' });
    // not parked any more: a second click is a conflict, not a second mail
    const again = await t.http.post(`/api/mail/${parked.id}/retry`).set(auth(supervisor)).expect(409);
    expect(again.body.code).toBe('mail_not_parked');
    await t.http.post('/api/mail/99999999/retry').set(auth(supervisor)).expect(404);

    await until(async () => (await t.knex('mail_deliveries').where({ id: parked.id }).first()).status === 'sent', 10_000, 'the retried mail recorded sent');
    expect(sink.received.filter((r) => r.to.includes(address))).toHaveLength(1);
    const audit = (await t.http.get('/api/audit-log?entity=mail_delivery').set(auth(t.fixture.users.admin)).expect(200)).body.items;
    const entry = (audit as { entity_ref: string }[]).filter((a) => a.entity_ref === String(parked.id));
    expect(entry).toEqual([expect.objectContaining({ action: 'retry', actor_id: supervisor.id })]);
    expect((entry[0] as unknown as { data: unknown }).data).toMatchObject({ recipient: address, error: expect.stringMatching(/550/) });
  });
});

describe('graceful shutdown', () => {
  /** a second process of the desk on the same database: its own pool, bus, relay, listener and sockets */
  async function instance() {
    const db = await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    const deps: Deps = { ...t.deps, knex: db.knex, bus: new EventBus(t.deps.logger) };
    let draining = false;
    const { app, services } = createApp({ deps, db, tokens: createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock), draining: () => draining });
    const relay = createOutboxRelay({ knex: db.knex, bus: deps.bus, logger: deps.logger, listenUrl: t.config.databaseUrl, pollMs: 200 });
    const server = http.createServer(app);
    const realtime = attachRealtime(server, { deps, auth: services.auth, tickets: services.tickets, relay });
    await relay.start();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stop = (timeoutMs: number) => shutdown({
      server, logger: deps.logger, timeoutMs,
      onDraining: () => {
        draining = true;
      },
      releaseSockets: () => realtime.close(),
      steps: [
        { name: 'outbox', run: async () => { await relay.pass(); await relay.stop(); } },
        { name: 'scheduler', run: () => services.scheduler.stop() },
        { name: 'connections', run: async () => { await services.close(); await db.close(); } },
      ],
    });
    /** what a stop cut short still holds */
    const release = async () => {
      await relay.stop();
      await services.scheduler.stop();
      await services.close();
      await db.close();
    };
    return { url, db, stop, release };
  }

  it('stops accepting, lets the request in flight finish, tells consoles to reconnect, then closes the pool', async () => {
    const desk = await instance();
    const ticket = await newTicket();
    const socket = connect(desk.url, { auth: { token: t.fixture.users.agent.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => socket.on('connect', () => resolve()).on('connect_error', reject));
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

    // the comment waits for the ticket's row lock, held here, so it is in flight when SIGTERM comes
    const lock = await t.knex.transaction();
    await lock('tickets').where({ id: ticket.id }).forUpdate();
    const inFlight = fetch(`${desk.url}/api/tickets/${ticket.id}/comments`, {
      method: 'POST', headers: { ...auth(t.fixture.users.agent), 'Content-Type': 'application/json' }, body: JSON.stringify({ body: '关机前的备注' }),
    });
    await until(async () => (await t.knex.raw<{ rows: unknown[] }>(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows.length > 0, 5_000, 'the comment waiting for the lock');
    const stopped = desk.stop(5_000);

    expect(await disconnected).toBe('io server disconnect');
    await expect(fetch(`${desk.url}/readyz`)).rejects.toThrow();
    await lock.commit();
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    const result = await stopped;
    expect(result).toMatchObject({ clean: true });
    // the comment's event was sequenced before the relay left
    const events: { seq: number | null }[] = await t.knex('outbox_events').whereRaw(`payload->'ticket'->>'id' = ?`, [String(ticket.id)]).andWhere('created_at', '>', new Date(Date.now() - 60_000)).select('seq');
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.seq === null)).toEqual([]);
    await expect(desk.db.knex.raw('SELECT 1')).rejects.toThrow();
    socket.close();
  });

  it('is bounded: a request that never finishes is cut at the timeout', async () => {
    const desk = await instance();
    const ticket = await newTicket();
    const lock = await t.knex.transaction();
    await lock('tickets').where({ id: ticket.id }).forUpdate();
    const inFlight = fetch(`${desk.url}/api/tickets/${ticket.id}/comments`, {
      method: 'POST', headers: { ...auth(t.fixture.users.agent), 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'x' }),
    }).then(() => 'answered', () => 'cut');
    await until(async () => (await t.knex.raw<{ rows: unknown[] }>(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows.length > 0, 5_000, 'the comment waiting for the lock');
    const started = Date.now();
    const result = await desk.stop(600);
    expect(result).toMatchObject({ clean: false, stuck: 'http' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await inFlight).toBe('cut');
    await lock.rollback();
    await desk.release();
  });
});
