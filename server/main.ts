import http from 'node:http';
import { createApp } from './app';
import { ensureAdmin, resolveTokenSecret } from './auth/service';
import { createTokenService } from './auth/tokens';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/knex';
import { migrateLatest } from './db/migrate';
import { guardProcess, redisPrefix, resolveDeskId } from './desk';
import { EventBus } from './events/bus';
import { createOutboxRelay } from './events/outbox';
import { createScheduler } from './jobs';
import { createLogger } from './logger';
import { loadMorning } from './demo/morning';
import { loadDemo } from './demo/seed';
import { startMail } from './mail';
import { startAutoCallbacks } from './callbacks/auto-dispatcher';
import { attachRealtime } from './realtime';
import { createMetrics } from './http/metrics';
import { shutdown } from './shutdown';

async function main(argv: string[]): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`loopdesk: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  guardProcess(logger);
  const clock = systemClock;
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax });
  const applied = await migrateLatest(db.knex);
  if (applied.length > 0) logger.info('migrations applied', { count: applied.length });
  await ensureAdmin(db.knex, clock, logger, config.adminPassword);
  const deskId = await resolveDeskId(db.knex);
  const serveApi = config.role !== 'worker';
  const runWorkers = config.role !== 'api';

  const bus = new EventBus(logger);
  const deps = { knex: db.knex, bus, clock, config, logger };
  if (argv.includes('--demo')) {
    await loadDemo(deps);
  }
  const tokens = createTokenService(await resolveTokenSecret(db.knex, config.tokenSecret), config.tokenTtlSeconds, clock);
  // One scheduler for every domain; it starts once all of them registered their kinds in createApp.
  const scheduler = createScheduler(deps, { prefix: redisPrefix(deskId) });
  // Mail registers its durable consumer before the relay's first pass.
  const mail = runWorkers ? await startMail(deps) : null;
  const relay = createOutboxRelay({ knex: db.knex, bus, logger, listenUrl: config.databaseUrl ? config.databaseListenUrl : undefined, retentionSeconds: config.outboxRetentionSeconds });
  const metrics = createMetrics(logger, config.role);
  let draining = false;
  const { app, services } = createApp({
    deps, db, tokens, scheduler, metrics, draining: () => draining,
    ...(mail ? { wakeMail: () => void mail.mailer.kick() } : {}),
    queueReady: config.redisUrl ? () => scheduler.ready() : undefined,
    readiness: {
      outbox: async () => relay.backlog(),
      ...(mail ? { mail: async () => mail.mailer.backlog() } : {}),
    },
  });
  // today's live work, before the scheduler starts: its warnings, breaches and due callbacks fire at start
  if (argv.includes('--demo')) await loadMorning(deps, db, tokens);
  // the SMS centre's session and the sender of automated callbacks (SMS, voice platform)
  const autoDispatch = runWorkers ? startAutoCallbacks(deps, services.autoCallbacks) : null;
  if (runWorkers) {
    await scheduler.start();
    await services.monthlyMail.arm(db.knex);
    logger.info('scheduler started', { adapter: scheduler.adapter });
  }
  const server = http.createServer(app);
  const realtime = serveApi ? attachRealtime(server, { deps, auth: services.auth, tickets: services.tickets, redisUrl: config.redisUrl, deskId, relay }) : null;
  metrics.provide({
    outbox: () => relay.backlog(),
    outboxDeadLettered: () => relay.deadLettered,
    ...(realtime ? { sockets: () => realtime.io.engine.clientsCount } : {}),
  });
  await relay.start();
  if (mail) logger.info('mail ready', { transport: mail.transportKind });
  server.listen(config.port, () => {
    logger.info('LoopDesk is listening', { url: config.publicUrl, database: db.kind, timezone: config.timezone, role: config.role, desk: deskId });
  });
  // Prometheus scrapes a port of its own, kept off the public network; the API port needs LOOPDESK_METRICS_TOKEN.
  const metricsServer = config.metricsPort === undefined ? null : http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.render().then((text) => res.writeHead(200, { 'Content-Type': metrics.contentType }).end(text), (err: unknown) => {
      logger.error('metrics scrape failed', { err });
      res.writeHead(500).end();
    });
  }).listen(config.metricsPort, () => logger.info('metrics listening', { port: config.metricsPort }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: draining', { signal, timeout_s: config.shutdownTimeoutSeconds });
    const result = await shutdown({
      server, logger, timeoutMs: config.shutdownTimeoutSeconds * 1000,
      onDraining: () => {
        draining = true;
      },
      // the console reconnects on 'io server disconnect' and resumes from its last seq on another process
      releaseSockets: async () => realtime?.close(),
      steps: [
        // the last requests' events: sequenced, streamed and handed to the durable consumers before leaving
        { name: 'outbox', run: async () => { await relay.pass(); await relay.stop(); } },
        { name: 'mail', run: async () => mail?.stop() },
        { name: 'automatic callbacks', run: async () => autoDispatch?.stop() },
        { name: 'scheduler', run: () => scheduler.stop() },
        { name: 'connections', run: async () => { await services.close(); metricsServer?.close(); await db.close(); } },
      ],
    });
    logger.info(result.clean ? 'stopped' : 'stopped before everything finished', { ms: result.ms, ...(result.stuck ? { stuck: result.stuck } : {}) });
    process.exit(result.clean ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`loopdesk: failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
