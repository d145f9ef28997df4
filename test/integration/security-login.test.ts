import crypto from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenService } from '../../server/auth/tokens';
import type { Deps } from '../../server/deps';
import { createScheduler } from '../../server/jobs';
import { PASSWORD, TOKEN_SECRET, startTestApp, type TestApp } from '../helpers/app';
import { TEST_REDIS_URL, deleteRedisPrefix } from '../helpers/redis';

// Issue 15, item 7: sign-in throttling that a forged X-Forwarded-For cannot dodge, that limits one
// password tried across many accounts, and that does not lock a colleague out for the whole window.
const login = (app: TestApp | { http: TestApp['http'] }, username: string, password: string, from?: string) => {
  const req = app.http.post('/api/auth/login');
  if (from) req.set('X-Forwarded-For', from);
  return req.send({ username, password });
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('with no trusted proxy (the default), X-Forwarded-For does not choose the address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOOPDESK_LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('a guesser who changes the header every time is still held to the limit', async () => {
    for (let i = 0; i < 3; i += 1) expect((await login(t, 'agent1', 'wrong-guess', `10.0.0.${i}`)).status).toBe(401);
    const res = await login(t, 'agent1', 'wrong-guess', '10.0.0.99');
    expect(res.status).toBe(429);
    expect(res.body.retry_after).toBeGreaterThan(14 * 60);
  });
});

describe('behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOOPDESK_TRUSTED_PROXIES: 'loopback', LOOPDESK_LOGIN_ADDRESS_LIMIT: '6' } });
  });
  afterAll(() => t.close());

  it('one password tried across many accounts from one address is limited per address', async () => {
    const usernames = ['agent1', 'super1', 'manager1', 'handler1', 'head1', 'handler2'];
    for (const username of usernames) expect((await login(t, username, 'Spring-2026!', '203.0.113.5')).status).toBe(401);
    // the address is spent: even a right password from it waits; the same account from elsewhere does not
    const blocked = await login(t, 'agent1', PASSWORD, '203.0.113.5');
    expect(blocked.status).toBe(429);
    expect((await login(t, 'agent1', PASSWORD, '203.0.113.6')).status).toBe(200);
  });

  it('an account guessed at from many addresses waits longer after each failure, and the right password works once the wait is over', async () => {
    const admin = (await login(t, 'admin', PASSWORD, '192.0.2.1').expect(200)).body.token as string;
    await t.http.post('/api/users').set({ Authorization: `Bearer ${admin}` }).send({ username: 'agent.target', name: 'x', role: 'agent', unit_id: t.fixture.units.city, password: PASSWORD }).expect(201);
    // five failures in a row are free, wherever they come from
    for (let i = 0; i < 5; i += 1) expect((await login(t, 'agent.target', 'wrong-guess', `198.51.100.${i}`)).status).toBe(401);
    const first = await login(t, 'agent.target', PASSWORD, '198.51.100.50');
    expect(first.status).toBe(429);
    expect(first.body.retry_after).toBe(1);
    await sleep(1100);
    expect((await login(t, 'agent.target', 'wrong-guess', '198.51.100.51')).status).toBe(401);
    const second = await login(t, 'agent.target', PASSWORD, '198.51.100.52');
    expect(second.status).toBe(429);
    expect(second.body.retry_after).toBe(2);
    await sleep(2100);
    expect((await login(t, 'agent.target', PASSWORD, '198.51.100.53')).status).toBe(200);
    // a success starts the count again
    expect((await login(t, 'agent.target', 'wrong-guess', '198.51.100.54')).status).toBe(401);
    expect((await login(t, 'agent.target', PASSWORD, '198.51.100.55')).status).toBe(200);
  });
});

describe('with Redis configured, every process counts together', () => {
  const prefix = `loopdesk:test-login:${crypto.randomBytes(4).toString('hex')}`;
  let t: TestApp;
  const apps: { http: TestApp['http']; close: () => Promise<void> }[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { LOOPDESK_LOGIN_RATE_LIMIT: '4' } });
    // two processes on one database and one Redis (an in-process scheduler, never started: no Bull queues here)
    for (let i = 0; i < 2; i += 1) {
      const deps: Deps = { ...t.deps, config: { ...t.config, redisUrl: TEST_REDIS_URL } };
      const scheduler = createScheduler(deps, { redisUrl: null });
      const { app, services } = createApp({ deps, db: t.db, tokens: createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock), scheduler, throttleKeyPrefix: prefix });
      apps.push({ http: request(app), close: services.close });
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await deleteRedisPrefix(prefix);
    await t.close();
  });

  it('failures on one process count on the other, and the counters live in Redis', async () => {
    const [a, b] = apps as [typeof apps[0], typeof apps[0]];
    expect((await login(a, 'handler1', 'wrong-guess')).status).toBe(401);
    expect((await login(b, 'handler1', 'wrong-guess')).status).toBe(401);
    expect((await login(a, 'handler1', 'wrong-guess')).status).toBe(401);
    expect((await login(b, 'handler1', 'wrong-guess')).status).toBe(401);
    expect((await login(a, 'handler1', PASSWORD)).status).toBe(429);
    expect((await login(b, 'handler1', PASSWORD)).status).toBe(429);
    // the in-memory limiter of the plain test app never heard of them
    expect((await login(t, 'handler1', PASSWORD)).status).toBe(200);
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const [, keys] = await redis.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});
