import type { Knex } from 'knex';
import { configCache } from '../../server/db/config-cache';

const db = {} as Knex;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('configCache', () => {
  it('reads once within the TTL, again after it or after an invalidation', async () => {
    let reads = 0;
    const cache = configCache(async () => (reads += 1), 50);
    expect(await Promise.all([cache.get(db), cache.get(db)])).toEqual([1, 1]);
    expect(await cache.get(db)).toBe(1);
    cache.invalidate();
    expect(await cache.get(db)).toBe(2);
    await sleep(60);
    expect(await cache.get(db)).toBe(3);
  });

  it('never keeps a failed read, and a request sharing it reads again itself', async () => {
    let reads = 0;
    const cache = configCache(async () => {
      reads += 1;
      if (reads === 1) throw new Error('connection lost');
      return reads;
    }, 60_000);
    const [first, second] = await Promise.allSettled([cache.get(db), cache.get(db)]);
    expect(first).toMatchObject({ status: 'rejected' });
    expect(second).toEqual({ status: 'fulfilled', value: 2 });
    expect(await cache.get(db)).toBe(3);
  });

  it('does not keep a read that began before an invalidation', async () => {
    let reads = 0;
    const cache = configCache(async () => {
      const mine = (reads += 1);
      await sleep(10);
      return mine;
    }, 60_000);
    const stale = cache.get(db);
    cache.invalidate();
    expect(await cache.get(db)).toBe(2);
    expect(await stale).toBe(1);
    expect(await cache.get(db)).toBe(2);
  });
});
