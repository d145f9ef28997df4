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

/**
 * With Redis: a Bull repeatable job `tick` wakes one worker per tick across all processes, and
 * the worker drains due rows from PostgreSQL. Redis holds no timer, only the wake-up: if Redis is
 * flushed or replaced, the reconciler re-adds the repeatable job and, meanwhile, its own interval
 * sweeps due rows, so nothing is lost (only woken later, by at most `reconcileMs`).
 */
export function createBullScheduler(table: DueTable, logger: Logger, options: BullSchedulerOptions): Scheduler {
  const queue = new Queue(options.queueName, options.redisUrl, {
    prefix: options.prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 },
  });
  queue.on('error', (err) => logger.warn('scheduler queue error', { err }));
  let reconcileTimer: NodeJS.Timeout | null = null;
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

  async function reconcile(): Promise<boolean> {
    let rearmed = false;
    try {
      rearmed = await armTick();
      if (rearmed) logger.info('scheduler wake-up re-armed in Redis');
    } catch (err) {
      logger.warn('Redis unreachable: sweeping due items from PostgreSQL only', { err });
    }
    await table.drain();
    return rearmed;
  }

  return {
    adapter: 'bull',
    ...tableOperations(table),
    reconcile,
    async ready() {
      return (await queue.client.ping()) === 'PONG';
    },
    async start() {
      if (started) return;
      started = true;
      void queue.process(TICK, 1, async () => {
        await table.drain();
      });
      await reconcile();
      reconcileTimer = setInterval(() => {
        reconcile().catch((err: unknown) => logger.error('scheduler reconcile failed', { err }));
      }, options.reconcileMs);
      reconcileTimer.unref();
    },
    async stop() {
      if (reconcileTimer) clearInterval(reconcileTimer);
      reconcileTimer = null;
      await queue.close();
      await table.idle();
    },
  };
}
