/**
 * The real LoopDesk app for the bench, in a child process so its RSS is its own: the same wiring
 * as server/main.ts (validated config, PostgreSQL through openDatabase, migrations, admin, token
 * secret, createApp), listening on a loopback port that it reports to the parent over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app';
import { ensureAdmin, resolveTokenSecret } from '../server/auth/service';
import { createTokenService } from '../server/auth/tokens';
import { systemClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/knex';
import { migrateLatest } from '../server/db/migrate';
import { EventBus } from '../server/events/bus';
import { createLogger } from '../server/logger';
import { serveChild } from './lib/child';

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax });
  await migrateLatest(db.knex);
  await ensureAdmin(db.knex, systemClock, logger, config.adminPassword);
  const deps = { knex: db.knex, bus: new EventBus(logger), clock: systemClock, config, logger };
  const tokens = createTokenService(await resolveTokenSecret(db.knex, config.tokenSecret), config.tokenTtlSeconds, systemClock);
  const { app } = createApp({ deps, db, tokens });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serveChild((server.address() as AddressInfo).port, async () => {
    server.closeAllConnections();
    server.close();
    await db.close();
  });
}

void start().catch((err: unknown) => {
  process.stderr.write(`bench app: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
