import Queue from 'bull';
import type { Logger } from '../logger';
import { tableOperations, type DueTable } from './due-table';
import type { Scheduler } from './scheduler';

export interface BullSchedulerOptions {
  redisUrl: string;
  /** Redis key prefix; tests give each run its own so parallel runs never collide */
  prefix: string;
  queueName: string;
  tickMs: number;
  reconcileMs: number;
}

const TICK = 'tick';
const REDIS_TIMEOUT_MS = 2000;
const READY_TIMEOUT_MS = 700;
/** how long past two missed Bull ticks before the process ticks by itself */
const FALLBACK_GRACE_MS = 500;

/**
 * With Redis: a Bull repeatable job `tick` wakes one worker per tick across all processes, and
 * the worker drains due rows from PostgreSQL. Redis holds no timer, only the wake-up: while Bull
 * does not tick (Redis down, flushed or replaced) every process drains on its own interval, so
 * timers fire late by at most a tick or two; the reconciler sweeps PostgreSQL first and re-adds
 * the repeatable job once Redis answers.
 */
export function createBullScheduler(table: DueTable, logger: Logger, options: BullSchedulerOptions): Scheduler {
  const queue = new Queue(options.queueName, options.redisUrl, {
    prefix: options.prefix,
    // Bull's own default waits e^n ms between reconnects, up to 20 s: Redis would be back long before Bull noticed
    redis: { retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) },
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 },
  });
  queue.on('error', (err) => logger.warn('scheduler queue error', { err }));
  let reconcileTimer: NodeJS.Timeout | null = null;
  let fallbackTimer: NodeJS.Timeout | null = null;
  let started = false;

  async function armTick(): Promise<boolean> {
    const repeatable = await queue.getRepeatableJobs();
    if (repeatable.some((job) => job.name === TICK && Number(job.every) === options.tickMs)) {
      // The repeat config survives in a hash, but a flush can drop the next delayed run only.
      const [delayed, waiting, active] = await Promise.all([queue.getDelayedCount(), queue.getWaitingCount(), queue.getActiveCount()]);
      if (delayed + waiting + active > 0) return false;
      for (const job of repeatable) await queue.removeRepeatableByKey(job.key);
    }
    await queue.add(TICK, {}, { repeat: { every: options.tickMs }, jobId: TICK });
    return true;
  }

  /** A Redis call that gives up after `ms` instead of waiting for ioredis to reconnect. */
  function within<T>(ms: number, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    });
    work.catch(() => undefined); // settles later, after the timeout won
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  async function reconcile(): Promise<boolean> {
    // PostgreSQL first: what is overdue fires whether or not Redis answers
    await table.drain();
    try {
      const rearmed = await within(REDIS_TIMEOUT_MS, armTick());
      if (rearmed) logger.info('scheduler wake-up re-armed in Redis');
      return rearmed;
    } catch (err) {
      logger.warn('Redis unreachable: timers fire from PostgreSQL on the in-process tick', { err: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  // Bull's tick is the wake-up while it comes; when it stops (Redis down, flushed, the repeatable
  // job lost), this process's own interval drains PostgreSQL until Bull ticks again.
  let lastBullTick = Date.now();
  const fallback = () => {
    if (Date.now() - lastBullTick < options.tickMs * 2 + FALLBACK_GRACE_MS) return;
    table.drain().catch((err: unknown) => logger.error('scheduler fallback tick failed', { err }));
  };

  return {
    adapter: 'bull',
    ...tableOperations(table),
    reconcile,
    async ready() {
      return (await within(READY_TIMEOUT_MS, queue.client.ping())) === 'PONG';
    },
    async queueCounts() {
      return { ...(await within(READY_TIMEOUT_MS, queue.getJobCounts())) };
    },
    async start() {
      if (started) return;
      started = true;
      void queue.process(TICK, 1, async () => {
        lastBullTick = Date.now();
        await table.drain();
      }).catch((err: unknown) => logger.warn('scheduler queue processing stopped', { err }));
      await reconcile();
      reconcileTimer = setInterval(() => {
        reconcile().catch((err: unknown) => logger.error('scheduler reconcile failed', { err }));
      }, options.reconcileMs);
      reconcileTimer.unref();
      fallbackTimer = setInterval(fallback, options.tickMs);
      fallbackTimer.unref();
    },
    async stop() {
      if (reconcileTimer) clearInterval(reconcileTimer);
      if (fallbackTimer) clearInterval(fallbackTimer);
      reconcileTimer = null;
      fallbackTimer = null;
      await within(REDIS_TIMEOUT_MS, queue.close()).catch((err: unknown) => logger.warn('scheduler queue did not close cleanly', { err }));
      await table.idle();
    },
  };
}
