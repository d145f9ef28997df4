import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenService } from '../../server/auth/tokens';
import { ManualClock } from '../../server/clock';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/knex';
import { EventBus } from '../../server/events/bus';
import { createLogger } from '../../server/logger';
import { complaintBody, TOKEN_SECRET } from '../helpers/app';
import { ThrowawayRedis } from '../helpers/redis-server';
import { until } from '../helpers/until';
import { freePort, startServer, stopServer, waitForReady, type Started } from '../helpers/spawn';
import { createTestDatabase } from '../setup/db';

jest.setTimeout(180_000);

describe('PostgreSQL unreachable', () => {
  it('answers 503 problem+json with Retry-After, never 500, and /readyz says so within a second', async () => {
    const port = await freePort(); // nobody listens there
    const config = loadConfig({ LOOPDESK_LOG_LEVEL: 'silent', DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere` });
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const logger = createLogger('silent');
    const clock = new ManualClock();
    const tokens = createTokenService(TOKEN_SECRET, 3600, clock);
    const { app } = createApp({ deps: { knex: db.knex, bus: new EventBus(logger), clock, config, logger }, db, tokens });
    try {
      const token = (await tokens.issue(1)).token;
      for (const [method, url] of [['get', '/api/tickets'], ['post', '/api/auth/login']] as const) {
        const res = await request(app)[method](url).set('Authorization', `Bearer ${token}`).send({ username: 'agent1', password: 'Desk-pass-2026' });
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toMatchObject({ status: 503, code: 'database_unavailable', retry_after: 5 });
      }
      const started = Date.now();
      const ready = await request(app).get('/readyz');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not ready', database: false, dependencies: { database: { state: 'down' } } });
    } finally {
      await db.close();
    }
  });
});

/**
 * The desk as `npm start` runs it, on its own PostgreSQL database and a throwaway Redis that the
 * test kills for longer than ioredis's retries (~10 s) and starts again on the same port.
 */
describe('Redis down for 16 s', () => {
  const ADMIN_PASSWORD = 'Desk-root-2026';
  let redis: ThrowawayRedis;
  let server: Started;
  let base: string;
  let knex: Knex;
  let drop: () => Promise<void>;
  let dataDir: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    knex = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 2 } });
    redis = await ThrowawayRedis.create();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-outage-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer({
      PORT: String(port), DATABASE_URL: database.url, REDIS_URL: redis.url, LOOPDESK_DATA_DIR: dataDir, LOOPDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOOPDESK_LOG_LEVEL: 'warn', LOOPDESK_SCHEDULER_RECONCILE_SECONDS: '2',
    });
    await waitForReady(base, server);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await stopServer(server);
    await redis.stop();
    await knex.destroy();
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, url: string, token: string | null, body?: unknown) {
    const res = await fetch(base + url, {
      method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((err: Error) => {
      throw new Error(`${method} ${url}: ${err.message}; the desk said:\n${server.output().slice(-3000)}`);
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: number; token: string } };
  }

  const readyz = async () => {
    const started = Date.now();
    const res = await fetch(`${base}/readyz`);
    return { ms: Date.now() - started, status: res.status, body: (await res.json()) as { status: string; dependencies: Record<string, { state: string }> } };
  };

  it('stays up: intake answers, timers fire from PostgreSQL, consoles hear events, /readyz says degraded; all re-attach when Redis returns', async () => {
    const admin = (await call('POST', '/api/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD })).body.token;
    const city = (await call('POST', '/api/units', admin, { code: 'CITY', name: '市公司', area: 'city' })).body;
    for (const [username, role] of [['agent', 'agent'], ['super', 'supervisor']]) {
      expect((await call('POST', '/api/users', admin, { username, name: username, role, unit_id: city.id, password: 'Desk-pass-2026' })).status).toBe(201);
    }
    const agent = (await call('POST', '/api/auth/login', null, { username: 'agent', password: 'Desk-pass-2026' })).body.token;
    const supervisor = (await call('POST', '/api/auth/login', null, { username: 'super', password: 'Desk-pass-2026' })).body.token;
    expect((await call('PUT', '/api/sla-policies/test_outage', admin, { name: '测试：3秒', ticket_type: 'request', target_seconds: 3, warn_at: [], regulatory: false, escalate_on_breach: false })).status).toBe(201);

    const heard: { type: string; payload: { ticket?: { id: number } } }[] = [];
    const console_ = connect(base, { auth: { token: supervisor }, transports: ['websocket'], forceNew: true });
    sockets.push(console_);
    console_.onAny((type: string, payload: { ticket?: { id: number } }) => heard.push({ type, payload }));
    await until(() => console_.connected, 5000, 'the console');
    expect((await readyz()).body.dependencies.redis!.state).toBe('up');

    await redis.stop();
    const downAt = Date.now();
    await until(async () => (await readyz()).body.dependencies.redis!.state === 'down', 5000, 'readyz to see Redis down');
    const degraded = await readyz();
    expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded', dependencies: { database: { state: 'up' }, redis: { state: 'down' } } } });
    expect(degraded.ms).toBeLessThan(1000);

    // an intake during the outage: answered, heard by the console, and its 3 s timer breaches on time
    const ticket = await call('POST', '/api/tickets', agent, { type: 'request', description: '咨询套餐', customer: { phone: '13900001111' } });
    expect(ticket.status).toBe(201);
    await until(() => heard.some((e) => e.type === 'ticket.created' && e.payload.ticket?.id === ticket.body.id), 5000, 'the console to hear the intake');
    await until(async () => (await knex('ticket_events').where({ ticket_id: ticket.body.id, type: 'sla.breached' })).length === 1, 10_000, 'the breach from PostgreSQL');
    await until(() => heard.some((e) => e.type === 'sla.breached' && e.payload.ticket?.id === ticket.body.id), 5000, 'the console to hear the breach');

    // past ioredis's retries (~10 s): another intake, and the process is still there
    while (Date.now() - downAt < 16_000) await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await call('POST', '/api/tickets', agent, complaintBody())).status).toBe(201);
    expect(server.child.exitCode).toBeNull();
    expect((await readyz()).ms).toBeLessThan(1000);

    await redis.start();
    let last: unknown;
    await until(async () => {
      const r = await readyz();
      last = r.body;
      return r.body.status === 'ready';
    }, 15_000, 'readyz ready again').catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(last)}\n${execSync(`redis-cli -p ${redis.port} client list`).toString()}\n${server.output().split('\n').filter((l) => !/ECONNREFUSED|Redis unreachable/.test(l)).join('\n').slice(-4000)}`);
    });
    // the Bull wake-up is re-armed under this desk's prefix
    const deskId = (await knex('settings').where({ key: 'desk_id' }).first<{ value: string }>('value'))!.value;
    const Redis = (await import('ioredis')).Redis;
    const client = new Redis(redis.url);
    try {
      await until(async () => (await client.keys(`loopdesk:${deskId}:scheduler:*`)).length > 0, 10_000, 'the scheduler keys');
      // the realtime adapter re-subscribed
      await until(async () => Number(await client.pubsub('NUMPAT')) > 0, 10_000, 'the realtime adapter');
    } finally {
      client.disconnect();
    }
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/unhandled promise rejection|MaxRetriesPerRequestError/);
    expect(server.output()).not.toMatch(/"level":"error"/);
  });
});
