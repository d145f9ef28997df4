import knexFactory from 'knex';
import { createApp } from '../app';
import { createTokenService } from '../auth/tokens';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { EventBus } from '../events/bus';
import { createLogger } from '../logger';
import { buildOpenApi } from './document';

/**
 * The document as the desk serves it, built without a database: the routes are wired on a knex
 * that never connects (nothing queries while routes are declared), so code generators and CI can
 * read the contract offline.
 */
export function exportOpenApi(): Record<string, unknown> {
  const config = loadConfig({ LOOPDESK_LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', LOOPDESK_PUBLIC_URL: 'http://localhost:3000' });
  const knex = knexFactory({ client: 'pg', connection: config.databaseUrl, pool: { min: 0, max: 1 } });
  const logger = createLogger(config.logLevel);
  const clock = systemClock;
  const { routes } = createApp({
    deps: { knex, bus: new EventBus(logger), clock, config, logger },
    db: { knex, kind: 'postgres', close: () => knex.destroy() },
    tokens: createTokenService('x'.repeat(32), config.tokenTtlSeconds, clock),
  });
  void knex.destroy();
  return buildOpenApi(routes, { version: '0.1.0', serverUrl: config.publicUrl });
}

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(exportOpenApi(), null, 2)}\n`);
}
