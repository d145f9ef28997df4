import type { Knex } from 'knex';
import { settingsStore } from './db/settings';
import type { Logger } from './logger';

/**
 * The desk's identity: made once and kept in its database, so every process of one desk agrees
 * on it and two desks never do. Bull queue prefixes, the socket.io channel and other Redis keys
 * are derived from it, so two desks can share one Redis safely.
 */
export async function resolveDeskId(knex: Knex): Promise<string> {
  return settingsStore.once(knex, 'desk_id', 6);
}

/** The Redis key prefix of a desk's queues. */
export const redisPrefix = (deskId: string) => `loopdesk:${deskId}`;

/** Process-wide counters a drill or /metrics reads. */
export const processFaults = { unhandledRejections: 0, uncaughtExceptions: 0 };

/**
 * A promise nobody awaited must not end the desk silently: log it, count it and carry on (Node
 * would exit). An uncaught exception leaves the process in an unknown state: log it and exit
 * with status 1 so the supervisor restarts it, never silently.
 */
export function guardProcess(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    processFaults.unhandledRejections += 1;
    logger.error('unhandled promise rejection', { err: reason instanceof Error ? reason : String(reason), count: processFaults.unhandledRejections });
  });
  process.on('uncaughtException', (err) => {
    processFaults.uncaughtExceptions += 1;
    logger.error('uncaught exception; exiting so the supervisor restarts the desk', { err });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  });
}
