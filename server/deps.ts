import type { Knex } from 'knex';
import type { Clock } from './clock';
import type { Config } from './config';
import type { EventBus } from './events/bus';
import type { Logger } from './logger';

/** What every service is built from; passed down explicitly, never imported as a global. */
export interface Deps {
  knex: Knex;
  bus: EventBus;
  clock: Clock;
  config: Config;
  logger: Logger;
}
