import crypto from 'node:crypto';
import { createApp } from '../../server/app';
import { createTokenService } from '../../server/auth/tokens';
import { createScheduler, type Scheduler } from '../../server/jobs';
import { auth, startTestApp, type TestApp } from '../helpers/app';
import { TEST_REDIS_URL as REDIS_URL, deleteRedisPrefix } from '../helpers/redis';

/**
 * The SLA worker on Bull against real Redis: timers survive a restart, a flushed Redis, and two
 * workers racing over the same due timers breach each timer once.
 */
jest.setTimeout(40_000);
let t: TestApp;
let prefix: string;
const workers: Scheduler[] = [];


/** Another process of the desk on the same database: its own app and Bull worker. */
function process2(): Scheduler {
  const scheduler = createScheduler(t.deps, { redisUrl: REDIS_URL, prefix, queueName: 'sla-durable', tickMs: 40, reconcileMs: 60_000 });
  createApp({ deps: t.deps, db: t.db, tokens: createTokenService('another-secret-another-secret-!!', 3600, t.clock), scheduler });
  workers.push(scheduler);
  return scheduler;
}

async function breaches(ticketIds: number[]): Promise<number[]> {
  const rows = await t.knex('ticket_events').whereIn('ticket_id', ticketIds).where({ type: 'sla.breached' }).select('ticket_id');
  return rows.map((r) => r.ticket_id as number);
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function requests(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const res = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent))
      .send({ type: 'request', description: '咨询', customer: { phone: `1360000${String(ids.length + Math.floor(Math.random() * 9000)).padStart(4, '0')}` } }).expect(201);
    ids.push(res.body.id);
  }
  return ids;
}

beforeAll(async () => {
  t = await startTestApp();
  await t.http.put('/api/sla-policies/test_durable').set(auth(t.fixture.users.admin))
    .send({ name: '测试：5秒', ticket_type: 'request', target_seconds: 5, warn_at: [], regulatory: false, escalate_on_breach: true }).expect(201);
});
beforeEach(() => {
  prefix = `loopdesk-test-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await deleteRedisPrefix(prefix);
});
afterAll(() => t.close());

it('timers armed before a restart fire in the next process', async () => {
  const ids = await requests(3); // armed by the test app, whose scheduler never runs
  t.clock.advance(5);
  const next = process2();
  await next.start();
  await until(async () => (await breaches(ids)).length === 3);
});

it('a Redis flush loses no timer: the reconciler re-arms the wake-up from PostgreSQL', async () => {
  const worker = process2();
  await worker.start();
  const ids = await requests(3);
  expect(await deleteRedisPrefix(prefix)).toBeGreaterThan(0);
  await worker.reconcile(); // re-adds the repeatable tick if the flush took it (a tick in flight may have re-added it already)
  t.clock.advance(5);
  await until(async () => (await breaches(ids)).length === 3);
});

it('two workers racing over the same due timers breach each timer once', async () => {
  const ids = await requests(20);
  t.clock.advance(5);
  const a = process2();
  const b = process2();
  await Promise.all([a.start(), b.start(), a.runDue(), b.runDue()]);
  await until(async () => (await breaches(ids)).length >= 20);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const fired = await breaches(ids);
  expect(fired).toHaveLength(20);
  expect(new Set(fired).size).toBe(20);
  const busBreaches = t.events.filter((e) => e.type === 'sla.breached' && ids.includes(e.ticket.id));
  expect(busBreaches).toHaveLength(20);
});
