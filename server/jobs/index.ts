import type { Deps } from '../deps';
import { createBullScheduler } from './bull';
import { createDueTable } from './due-table';
import { createInProcessScheduler } from './in-process';
import type { Scheduler } from './scheduler';

export type { DueHandler, DueItem, ScheduleRequest, Scheduler } from './scheduler';

export interface SchedulerOptions {
  /** overrides config.redisUrl; `null` forces the in-process adapter */
  redisUrl?: string | null;
  prefix?: string;
  queueName?: string;
  tickMs?: number;
  reconcileMs?: number;
  batchSize?: number;
  concurrency?: number;
}

/** Bull when Redis is configured, the in-process adapter otherwise; both over `scheduled_items`. */
export function createScheduler(deps: Deps, options: SchedulerOptions = {}): Scheduler {
  const table = createDueTable({ knex: deps.knex, bus: deps.bus, clock: deps.clock, logger: deps.logger, batchSize: options.batchSize, concurrency: options.concurrency });
  const tickMs = options.tickMs ?? deps.config.schedulerTickMs;
  const redisUrl = options.redisUrl === undefined ? deps.config.redisUrl : options.redisUrl;
  if (!redisUrl) return createInProcessScheduler(table, deps.logger, { tickMs });
  return createBullScheduler(table, deps.logger, {
    redisUrl,
    prefix: options.prefix ?? 'loopdesk',
    queueName: options.queueName ?? 'scheduler',
    tickMs,
    reconcileMs: options.reconcileMs ?? deps.config.schedulerReconcileSeconds * 1000,
  });
}
