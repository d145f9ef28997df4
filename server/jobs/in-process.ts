import type { Logger } from '../logger';
import { tableOperations, type DueTable } from './due-table';
import type { Scheduler } from './scheduler';

/**
 * Without REDIS_URL: an interval in this process claims due rows from the same table. Several
 * processes on one database still fire each item once (SKIP LOCKED + the conditional update).
 */
export function createInProcessScheduler(table: DueTable, logger: Logger, options: { tickMs: number }): Scheduler {
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    table.drain().catch((err: unknown) => logger.error('scheduler tick failed', { err }));
  };
  return {
    adapter: 'in-process',
    ...tableOperations(table),
    async reconcile() {
      // Nothing lives outside PostgreSQL here: reconciling is sweeping what is overdue.
      await table.drain();
      return false;
    },
    ready: async () => true,
    async start() {
      if (timer) return;
      await table.drain();
      timer = setInterval(tick, options.tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await table.idle();
    },
  };
}
