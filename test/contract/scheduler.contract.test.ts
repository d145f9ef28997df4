import crypto from 'node:crypto';
import { createScheduler, type DueItem, type Scheduler, type SchedulerOptions } from '../../server/jobs';
import { startTestApp, type TestApp } from '../helpers/app';
import { TEST_REDIS_URL as REDIS_URL, deleteRedisPrefix } from '../helpers/redis';

/** One contract, two adapters: what a domain may rely on whichever one runs. */
jest.setTimeout(40_000);


async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const adapters: { name: string; options: () => SchedulerOptions }[] = [
  { name: 'in-process', options: () => ({ redisUrl: null, tickMs: 30 }) },
  { name: 'bull', options: () => ({ redisUrl: REDIS_URL, tickMs: 50, reconcileMs: 300 }) },
];

describe.each(adapters)('the scheduling contract ($name adapter)', ({ name, options }) => {
  let t: TestApp;
  let prefix: string;
  const running: Scheduler[] = [];
  let fired: DueItem[];

  /** A scheduler over the test database, with a recording handler for kind `test`. */
  function make(extra: SchedulerOptions = {}, handler?: (items: readonly DueItem[]) => Promise<void>): Scheduler {
    const scheduler = createScheduler(t.deps, { ...options(), prefix, queueName: 'contract', ...extra });
    scheduler.register('test', async (items) => {
      await handler?.(items);
      fired.push(...items);
    });
    running.push(scheduler);
    return scheduler;
  }
  const arm = (scheduler: Scheduler, key: string, inSeconds: number, payload: Record<string, unknown> = {}) =>
    t.knex.transaction((trx) => scheduler.schedule(trx, { kind: 'test', key, dueAt: new Date(t.clock.now().getTime() + inSeconds * 1000), payload }));
  const firedKeys = () => fired.map((i) => i.key).sort();

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => {
    fired = [];
    prefix = `loopdesk-test-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    await t.knex('scheduled_items').del();
    if (name === 'bull') await deleteRedisPrefix(prefix);
  });
  afterAll(() => t.close());

  it('fires an item when the clock reaches its due time, not before, with its payload', async () => {
    const scheduler = make();
    await scheduler.start();
    expect(scheduler.adapter).toBe(name);
    await arm(scheduler, 'a', 5, { ticket: 7 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fired).toEqual([]);
    t.clock.advance(5);
    await until(async () => fired.length === 1);
    expect(fired[0]).toMatchObject({ kind: 'test', key: 'a', payload: { ticket: 7 }, generation: 1 });
    // the handler runs inside the firing transaction: the row reads fired once it commits
    await until(async () => (await t.knex('scheduled_items').where({ key: 'a' }).first()).state === 'fired');
  });

  it('arms nothing when the caller rolls back, and cancel or re-arm change what fires', async () => {
    const scheduler = make();
    await t.knex.transaction(async (trx) => {
      await scheduler.schedule(trx, { kind: 'test', key: 'rolled-back', dueAt: t.clock.now() });
      await trx.rollback();
    }).catch(() => undefined);
    await arm(scheduler, 'cancelled', 1);
    await arm(scheduler, 'moved', 1);
    await t.knex.transaction((trx) => scheduler.cancel(trx, 'test', 'cancelled'));
    await arm(scheduler, 'moved', 60);
    t.clock.advance(2);
    expect(await scheduler.runDue()).toBe(0);
    t.clock.advance(60);
    expect(await scheduler.runDue()).toBe(1);
    expect(fired).toEqual([expect.objectContaining({ key: 'moved', generation: 2 })]);
  });

  it('fires a duplicated run once: the same tick run three times at once', async () => {
    const scheduler = make();
    for (let i = 0; i < 50; i += 1) await arm(scheduler, `dup-${i}`, 1);
    t.clock.advance(1);
    const counts = await Promise.all([scheduler.runDue(), scheduler.runDue(), scheduler.runDue()]);
    expect(counts.every((c) => c === 50)).toBe(true); // overlapping calls share one drain
    expect(await scheduler.runDue()).toBe(0);
    expect(firedKeys()).toHaveLength(50);
    expect(new Set(firedKeys()).size).toBe(50);
  });

  it('fires each item once when two workers race over the same rows', async () => {
    const slow = async () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const a = make({ batchSize: 20 }, slow);
    const b = make({ batchSize: 20 }, slow);
    await t.knex.transaction((trx) =>
      a.scheduleMany(trx, Array.from({ length: 300 }, (_, i) => ({ kind: 'test', key: `race-${i}`, dueAt: t.clock.now() }))),
    );
    const [byA, byB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(byA + byB).toBe(300);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(new Set(firedKeys()).size).toBe(300);
    expect(fired).toHaveLength(300);
  });

  it('retries an item whose handler failed, without holding the others back', async () => {
    let downstreamUp = false;
    const scheduler = make({}, async (items) => {
      if (items.some((i) => i.key === 'bad') && !downstreamUp) throw new Error('downstream unavailable');
    });
    await arm(scheduler, 'good', 0);
    await arm(scheduler, 'bad', 0);
    await scheduler.runDue();
    expect(firedKeys()).toEqual(['good']);
    const bad = await t.knex('scheduled_items').where({ key: 'bad' }).first();
    expect(bad).toMatchObject({ state: 'pending', attempts: 1, last_error: 'downstream unavailable' });
    downstreamUp = true;
    expect(await scheduler.runDue()).toBe(0); // backing off
    t.clock.advance(2);
    await scheduler.runDue();
    expect(firedKeys()).toEqual(['bad', 'good']);
  });

  it('lets a handler arm its next item in the same transaction', async () => {
    const scheduler = createScheduler(t.deps, { ...options(), prefix, queueName: 'contract' });
    running.push(scheduler);
    scheduler.register('test', async (items, { trx }) => {
      for (const item of items) {
        fired.push(item);
        const step = Number(item.payload.step);
        if (step < 3) await scheduler.schedule(trx, { kind: 'test', key: item.key, dueAt: new Date(item.dueAt.getTime() + 1000), payload: { step: step + 1 } });
      }
    });
    await arm(scheduler, 'chain', 1, { step: 1 });
    t.clock.advance(10);
    await scheduler.runDue();
    await scheduler.runDue();
    await scheduler.runDue();
    expect(fired.map((i) => i.payload.step)).toEqual([1, 2, 3]);
  });

  it('keeps items across a restart: a new process fires what the old one armed', async () => {
    const first = make();
    await first.start();
    await arm(first, 'survivor', 3);
    await first.stop();
    t.clock.advance(3);
    const second = make();
    await second.start();
    await until(async () => fired.length === 1);
    expect(firedKeys()).toEqual(['survivor']);
  });

  if (name === 'bull') {
    it('loses nothing when Redis is flushed: the reconciler re-arms the wake-up and the item fires', async () => {
      const scheduler = make({ reconcileMs: 60_000 });
      await scheduler.start();
      await arm(scheduler, 'after-flush', 2);
      expect(await deleteRedisPrefix(prefix)).toBeGreaterThan(0); // this run's keys only: other runs share the server
      expect(await scheduler.reconcile()).toBe(true);
      expect(await scheduler.reconcile()).toBe(false);
      t.clock.advance(2);
      await until(async () => fired.length === 1);
      expect(firedKeys()).toEqual(['after-flush']);
    });
  }
});
