import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { Redis } from 'ioredis';
import expressStaticGzip from 'express-static-gzip';
import type { Database } from './db/knex';
import type { Deps } from './deps';
import { authRoutes, bearerToken } from './auth/routes';
import { createLoginThrottle } from './auth/rate-limit';
import { createAuthService, type AuthService } from './auth/service';
import type { TokenService } from './auth/tokens';
import { clientRoutes } from './clients/routes';
import { createClientsService, type ClientsService } from './clients/service';
import { createHub, type Hub } from './tmf621/hub';
import { tmfAdminRoutes } from './tmf621/admin-routes';
import { tmfRouter } from './tmf621/routes';
import { createTmfService, type TmfService } from './tmf621/service';
import { registerCallbackJobs } from './callbacks/jobs';
import { callbacksParticipant } from './callbacks/participant';
import { causeRoutes } from './causes/routes';
import { createCausesService } from './causes/service';
import { callbackRoutes } from './callbacks/routes';
import { createCallbacksService, type CallbacksService } from './callbacks/service';
import { createSurveyService, surveyPages } from './callbacks/survey-service';
import { createAutoCallbacks, type AutoCallbacks } from './callbacks/auto-service';
import { customerRoutes } from './customers/routes';
import { ctiRoutes } from './cti/routes';
import { mailRoutes } from './mail/routes';
import { createParkedMailService } from './mail/service';
import { createCtiService } from './cti/service';
import { notificationRoutes } from './notifications/routes';
import { createNotificationsService } from './notifications/service';
import { createCustomersService } from './customers/service';
import { mountRoutes, type RouteSpec } from './http/route';
import { readiness, type Check } from './http/readiness';
import { keepRawBody } from './http/raw-body';
import { createScheduler, type Scheduler } from './jobs';
import { errors } from './http/errors';
import { notFoundHandler, problemHandler } from './http/problem';
import { createMetrics, metricsTokenMatches, type Metrics } from './http/metrics';
import { requestId, requestLogContext, securityHeaders } from './http/security';
import { processFaults } from './desk';
import { buildOpenApi } from './openapi/document';
import { apiDocs } from './openapi/docs';
import { registerEscalationJobs } from './escalation/jobs';
import { escalationRoutes } from './escalation/routes';
import { createEscalationService } from './escalation/service';
import { incidentsParticipant } from './incidents/participant';
import { incidentRoutes } from './incidents/routes';
import { createIncidentsService, type IncidentsService } from './incidents/service';
import { ownershipParticipant } from './ownership/participant';
import { ownershipRoutes } from './ownership/routes';
import { createOwnershipService, type OwnershipService } from './ownership/service';
import { registerReportJobs } from './reports/jobs';
import { monthlyReportMail, type MonthlyReportMail } from './reports/monthly-mail';
import { reportRoutes } from './reports/routes';
import { auditRoutes } from './audit/routes';
import { createAuditService } from './audit/service';
import { calendarRoutes } from './sla/calendar-routes';
import { createCalendarService } from './sla/calendars';
import { createSlaBoard } from './sla/board';
import { slaRoutes } from './sla/routes';
import { createSlaService, type SlaService } from './sla/service';
import { createReportsService } from './reports/service';
import { templateRoutes } from './templates/routes';
import { createTemplatesService } from './templates/service';
import { ticketsRepository } from './tickets/repository';
import { ticketRoutes } from './tickets/routes';
import { createTicketsService, type TicketsService } from './tickets/service';
import { reconnectionParticipant } from './reconnection/participant';
import { reconnectionRoutes } from './reconnection/routes';
import { createReconnectionService } from './reconnection/service';
import { importRoutes } from './imports/routes';
import { createImportsService } from './imports/service';
import { unitRoutes } from './units/routes';
import { createUnitsService } from './units/service';
import { userRoutes } from './users/routes';
import { createUsersService } from './users/service';

export const BODY_LIMIT = '64kb';
export const FEED_BODY_LIMIT = '1mb';
const CLIENT_DIST = path.resolve(__dirname, '..', 'client', 'dist');

export interface Services {
  auth: AuthService;
  /** Closes what the app opened itself (the sign-in counters' Redis connection). */
  close(): Promise<void>;
  tickets: TicketsService;
  /** the durable scheduler every domain registers its kinds on; main.ts starts it */
  scheduler: Scheduler;
  sla: SlaService;
  /** the monthly report mail, registered on the scheduler; main.ts arms it once at start */
  monthlyMail: MonthlyReportMail;
  /** the demo's working morning drives these as users would (server/demo/morning.ts) */
  callbacks: CallbacksService;
  /** automated attempts (SMS, IVR); main.ts starts their sender with startAutoCallbacks */
  autoCallbacks: AutoCallbacks;
  incidents: IncidentsService;
  ownership: OwnershipService;
  /** API clients: their tokens authenticate like sign-in tokens */
  clients: ClientsService;
  tmf: TmfService;
  /** TMF621 hub: its durable consumer is registered here; main.ts starts its sender with the workers */
  hub: Hub;
}

export interface AppOptions {
  deps: Deps;
  db: Database;
  tokens: TokenService;
  /** Reports whether the queue backend answers; absent means the in-process scheduler. */
  queueReady?: () => Promise<boolean>;
  /** more dependencies for /readyz (outbox, mail, realtime Redis): each answers true, false or throws */
  readiness?: Record<string, Check>;
  /** Defaults to one over config (Bull with REDIS_URL, else in-process), registered but not started. */
  scheduler?: Scheduler;
  /** Redis key prefix of the sign-in counters (tests keep theirs apart). */
  throttleKeyPrefix?: string;
  /** true once a graceful shutdown began: /readyz answers 503 and connections are not kept alive */
  draining?: () => boolean;
  /** wakes this process's mail worker (a retried delivery goes out at once); absent: its next poll sends it */
  wakeMail?: () => void;
  /** Defaults to a registry of this app's own; main.ts adds the relay's, mail's and realtime's sources. */
  metrics?: Metrics;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** Builds the Express app without listening, so supertest and main.ts share it. */
export function createApp(options: AppOptions): { app: Express; routes: RouteSpec[]; services: Services; metrics: Metrics } {
  const { deps, db, tokens } = options;
  // With Redis every process counts sign-in failures together; a lost Redis falls back to memory.
  const throttleRedis = deps.config.redisUrl ? new Redis(deps.config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined;
  throttleRedis?.on('error', (err: unknown) => deps.logger.warn('sign-in counters: redis error', { err }));
  const throttle = createLoginThrottle({ pairLimit: deps.config.loginRateLimit, addressLimit: deps.config.loginAddressLimit, redis: throttleRedis, keyPrefix: options.throttleKeyPrefix });
  const auth = createAuthService({ knex: deps.knex, bus: deps.bus, tokens, clock: deps.clock, throttle });
  const ownership = createOwnershipService(deps);
  const incidents = createIncidentsService(deps, ownership);
  const scheduler = options.scheduler ?? createScheduler(deps);
  const escalation = createEscalationService(deps, scheduler, ownership);
  const sla = createSlaService(deps, scheduler);
  const calendars = createCalendarService(deps, sla);
  const callbacks = createCallbacksService(deps, { scheduler, calendars });
  const tickets = createTicketsService(deps, [sla.participant, incidentsParticipant(incidents), ownershipParticipant(ownership), callbacksParticipant(callbacks), reconnectionParticipant], callbacks.rules);
  ownership.onDutiesDone((uow, principal, ticketId) => tickets.closeAwaitingOwner(principal, ticketId, uow));
  const surveys = createSurveyService(deps, tickets);
  const autoCallbacks = createAutoCallbacks(deps, { scheduler, tickets, callbacks });
  callbacks.useAutomation(autoCallbacks.automation);
  const reports = createReportsService(deps);
  const monthlyMail = monthlyReportMail(deps, reports, scheduler);
  // Every domain's job kinds, registered here before main.ts starts the scheduler (sla registers its timer kind in createSlaService).
  registerCallbackJobs(scheduler, callbacks);
  registerEscalationJobs(scheduler, escalation);
  registerReportJobs(scheduler, monthlyMail);
  const parkedMail = createParkedMailService(deps, options.wakeMail);
  const units = createUnitsService(deps);
  const users = createUsersService(deps);
  const clients = createClientsService(deps, tokens);
  const tmf = createTmfService(deps, {
    tickets,
    slaSummaries: (db, ids) => sla.participant.summarize(db, ids),
    relatedTickets: async (db, ids) => {
      // merged duplicates (mergedInto / mergedFrom), then the other tickets of the same mass-complaint incident
      const siblings = await incidents.siblings(db, ids);
      const out = new Map<number, { id: number; number: string; relationshipType: string; name: string }[]>();
      for (const row of await ticketsRepository.findMany(db, ids)) {
        const merged = await ticketsRepository.related(db, row);
        const incident = siblings.get(row.id);
        out.set(row.id, [
          ...merged.map((m) => ({ id: m.ticket_id, number: m.number, relationshipType: m.relation === 'merged_into' ? 'mergedInto' : 'mergedFrom', name: m.number })),
          ...(incident?.tickets ?? []).map((t) => ({ id: t.id, number: t.number, relationshipType: 'isRelatedTo', name: `${t.number} (${incident!.title})` })),
        ]);
      }
      return out;
    },
  });
  const hub = createHub(deps, tmf, { giveUpSeconds: deps.config.hubGiveUpSeconds, maxBackoffSeconds: deps.config.hubMaxBackoffSeconds });
  const unsubscribeHub = deps.bus.subscribeDurable(hub.consumer);
  const routes: RouteSpec[] = [
    ...authRoutes(auth),
    ...unitRoutes(units),
    ...userRoutes(users),
    ...importRoutes(createImportsService(deps, { units, users })),
    ...customerRoutes(createCustomersService(deps)),
    ...ticketRoutes(tickets),
    ...templateRoutes(createTemplatesService(deps, tickets)),
    ...causeRoutes(createCausesService(deps)),
    ...ownershipRoutes(ownership),
    ...incidentRoutes(incidents),
    ...escalationRoutes(escalation),
    ...slaRoutes(sla, createSlaBoard(deps)),
    ...calendarRoutes(calendars),
    ...auditRoutes(createAuditService(deps)),
    ...callbackRoutes(callbacks, surveys, autoCallbacks),
    ...reportRoutes(reports),
    ...ctiRoutes(createCtiService(deps)),
    ...notificationRoutes(createNotificationsService(deps)),
    ...mailRoutes(parkedMail),
    ...clientRoutes(clients),
    ...tmfAdminRoutes(hub, tmf),
    ...reconnectionRoutes(createReconnectionService(deps, sla, tickets)),
  ];

  const metrics = options.metrics ?? createMetrics(deps.logger, deps.config.role);
  const pool = (db.knex.client as { pool?: TarnPool }).pool;
  metrics.provide({
    timers: () => scheduler.dueCounts(),
    mail: () => parkedMail.backlog(),
    faults: () => processFaults,
    ...(pool ? { pool: () => ({ used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires(), max: pool.max }) } : {}),
    ...(scheduler.queueCounts ? { queue: () => scheduler.queueCounts!() } : {}),
  });

  const app = express();
  app.disable('x-powered-by');
  // Only the configured proxies may name the client address (X-Forwarded-For); none by default.
  app.set('trust proxy', deps.config.trustedProxies.length > 0 ? [...deps.config.trustedProxies] : false);
  app.use(requestId);
  app.use(metrics.observe);
  if (options.draining) {
    const draining = options.draining;
    app.use((_req, res, next) => {
      if (draining()) res.setHeader('Connection', 'close');
      next();
    });
  }
  app.use(securityHeaders());
  // a feed batch of 1,000 events is larger than any console request
  app.use('/api/integrations', express.json({ limit: FEED_BODY_LIMIT, strict: true, verify: keepRawBody }));
  app.use(express.json({ limit: BODY_LIMIT, strict: true, verify: keepRawBody }));
  // OAuth clients send the token request form-encoded (RFC 6749 §4.4.2)
  app.use('/oauth/token', express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 }));
  app.use(requestLogContext);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // the balancer stops sending work here while the process finishes what it has
    if (options.draining?.()) return void res.status(503).json({ status: 'draining' });
    const report = await readiness({
      database: () => db.knex.raw('SELECT 1').then(() => true),
      ...(options.queueReady ? { redis: options.queueReady } : {}),
      ...options.readiness,
    });
    const database = report.database!.state === 'up';
    const queue = report.redis ? report.redis.state === 'up' : true;
    const degraded = Object.values(report).some((d) => d.state !== 'up');
    // Only the database makes the desk unable to serve: without Redis (or SMTP) it runs degraded.
    res.status(database ? 200 : 503).json({
      status: !database ? 'not ready' : degraded ? 'degraded' : 'ready', database, queue, database_kind: db.kind, dependencies: report,
    });
  });

  // On the public port only with a token (LOOPDESK_METRICS_TOKEN); LOOPDESK_METRICS_PORT serves it on a port of its own.
  app.get('/metrics', async (req, res) => {
    const token = deps.config.metricsToken;
    // a 404 of its own: falling through would serve the console's index.html
    if (!token) throw errors.notFound('GET /metrics');
    if (!metricsTokenMatches(req.get('Authorization'), token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw errors.unauthorized('GET /metrics needs the metrics bearer token');
    }
    res.type(metrics.contentType).send(await metrics.render());
  });

  const openApi = buildOpenApi(routes, { version: '0.1.0', serverUrl: deps.config.publicUrl });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use(apiDocs());

  const api = express.Router();
  mountRoutes(api, routes, async (req) => {
    const token = bearerToken(req);
    return (await clients.principalFromToken(token)) ?? auth.principalFromToken(token);
  }, (principal, call) => clients.recordCall(principal, call));
  app.use(api);
  app.use(surveyPages(surveys));
  for (const version of ['v5', 'v4'] as const) {
    app.use(`/tmf-api/troubleTicket/${version}`, tmfRouter(version, {
      tmf, hub, logger: deps.logger,
      clientFromToken: (token) => clients.principalFromToken(token),
      isUserToken: async (token) => (await tokens.verify(token)) !== null,
      recordCall: (principal, call) => clients.recordCall(principal, call),
    }));
  }
  app.use('/api', notFoundHandler);

  if (fs.existsSync(CLIENT_DIST)) {
    // Built assets carry a content hash: cache them for good; index.html names the current ones,
    // so it is revalidated every time and a rebuilt console reaches every desk on its next load.
    // The build wrote .br and .gz beside each asset: the best one the browser accepts is sent as is.
    app.use('/assets', expressStaticGzip(path.join(CLIENT_DIST, 'assets'), {
      enableBrotli: true, orderPreference: ['br', 'gz'], index: false, serveStatic: { maxAge: '365d', immutable: true },
    }), notFoundHandler);
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: 0 }));
    app.get('/{*rest}', (_req, res) => res.sendFile(path.join(CLIENT_DIST, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  } else {
    app.get('/', (_req, res) => res.type('html').send(placeholderPage()));
  }
  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  const close = async () => {
    unsubscribeHub();
    await hub.stop();
    if (throttleRedis) await throttleRedis.quit().catch(() => undefined);
  };
  return { app, routes, metrics, services: { auth, close, tickets, scheduler, sla, monthlyMail, callbacks, autoCallbacks, incidents, ownership, clients, tmf, hub } };
}

function placeholderPage(): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>LoopDesk 投诉受理台</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>LoopDesk 投诉受理台</h1><p>服务已启动。API 文档：<a href="/api/docs">/api/docs</a></p>
<p lang="en">The desk is running. The API reference is at <a href="/api/docs">/api/docs</a> (<a href="/api/openapi.json">openapi.json</a>).</p></body></html>`;
}
