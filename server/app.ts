import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Database } from './db/knex';
import type { Deps } from './deps';
import { authRoutes } from './auth/routes';
import { createAuthService, type AuthService } from './auth/service';
import type { TokenService } from './auth/tokens';
import { callbacksParticipant } from './callbacks/participant';
import { callbackRoutes } from './callbacks/routes';
import { createCallbacksService } from './callbacks/service';
import { createSurveyService, surveyPages } from './callbacks/survey-service';
import { customerRoutes } from './customers/routes';
import { createCustomersService } from './customers/service';
import { mountRoutes, type RouteSpec } from './http/route';
import { createScheduler, type Scheduler } from './jobs';
import { createMailTransport, type MailTransport } from './mail/transport';
import { notFoundHandler, problemHandler } from './http/problem';
import { buildOpenApi } from './openapi/document';
import { escalationRoutes } from './escalation/routes';
import { createEscalationService } from './escalation/service';
import { incidentsParticipant } from './incidents/participant';
import { incidentRoutes } from './incidents/routes';
import { createIncidentsService } from './incidents/service';
import { ownershipParticipant } from './ownership/participant';
import { ownershipRoutes } from './ownership/routes';
import { createOwnershipService } from './ownership/service';
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
import { ticketRoutes } from './tickets/routes';
import { createTicketsService, type TicketsService } from './tickets/service';
import { unitRoutes } from './units/routes';
import { createUnitsService } from './units/service';
import { userRoutes } from './users/routes';
import { createUsersService } from './users/service';

export const BODY_LIMIT = '64kb';
const CLIENT_DIST = path.resolve(__dirname, '..', 'client', 'dist');

export interface Services {
  auth: AuthService;
  tickets: TicketsService;
  /** the durable scheduler every domain registers its kinds on; main.ts starts it */
  scheduler: Scheduler;
  sla: SlaService;
  /** the monthly report mail, registered on the scheduler; main.ts arms it once at start */
  monthlyMail: MonthlyReportMail;
}

export interface AppOptions {
  deps: Deps;
  db: Database;
  tokens: TokenService;
  /** Reports whether the queue backend answers; absent means the in-process scheduler. */
  queueReady?: () => Promise<boolean>;
  /** Defaults to one over config (Bull with REDIS_URL, else in-process), registered but not started. */
  scheduler?: Scheduler;
  /** Where callback mail (surveys, unit heads) goes; defaults to SMTP_URL or .eml files. */
  mailTransport?: MailTransport;
}

/** Builds the Express app without listening, so supertest and main.ts share it. */
export function createApp(options: AppOptions): { app: Express; routes: RouteSpec[]; services: Services } {
  const { deps, db, tokens } = options;
  const auth = createAuthService({ knex: deps.knex, bus: deps.bus, tokens, clock: deps.clock, loginRateLimit: deps.config.loginRateLimit });
  const ownership = createOwnershipService(deps);
  const incidents = createIncidentsService(deps, ownership);
  const scheduler = options.scheduler ?? createScheduler(deps);
  const escalation = createEscalationService(deps, scheduler, ownership);
  const mailTransport = options.mailTransport
    ?? createMailTransport({ smtpUrl: deps.config.smtpUrl, dataDir: deps.config.dataDir, from: `LoopDesk <noreply@${new URL(deps.config.publicUrl).hostname}>` });
  const sla = createSlaService(deps, scheduler);
  const calendars = createCalendarService(deps, sla);
  const callbacks = createCallbacksService(deps, { scheduler, transport: mailTransport, calendars });
  const tickets = createTicketsService(deps, [sla.participant, incidentsParticipant(incidents), ownershipParticipant(ownership), callbacksParticipant(callbacks)], callbacks.rules);
  const surveys = createSurveyService(deps, tickets);
  const reports = createReportsService(deps);
  const monthlyMail = monthlyReportMail(deps, reports, scheduler);
  const routes: RouteSpec[] = [
    ...authRoutes(auth),
    ...unitRoutes(createUnitsService(deps)),
    ...userRoutes(createUsersService(deps)),
    ...customerRoutes(createCustomersService(deps)),
    ...ticketRoutes(tickets),
    ...ownershipRoutes(ownership),
    ...incidentRoutes(incidents),
    ...escalationRoutes(escalation),
    ...slaRoutes(sla, createSlaBoard(deps)),
    ...calendarRoutes(calendars),
    ...auditRoutes(createAuditService(deps)),
    ...callbackRoutes(callbacks, surveys),
    ...reportRoutes(reports),
  ];

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    res.locals.requestId = req.get('X-Request-Id') ?? crypto.randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const database = await db.knex.raw('SELECT 1').then(() => true, () => false);
    const queue = options.queueReady ? await options.queueReady().catch(() => false) : true;
    res.status(database && queue ? 200 : 503).json({ status: database && queue ? 'ready' : 'not ready', database, queue, database_kind: db.kind });
  });

  const openApi = buildOpenApi(routes, '0.1.0');
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  const api = express.Router();
  mountRoutes(api, routes, (req) => {
    const header = req.get('Authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    return auth.principalFromToken(token);
  });
  app.use(api);
  app.use(surveyPages(surveys));
  app.use('/api', notFoundHandler);

  if (fs.existsSync(CLIENT_DIST)) {
    // Built assets carry a content hash: cache them for good; index.html names the current ones,
    // so it is revalidated every time and a rebuilt console reaches every desk on its next load.
    app.use('/assets', express.static(path.join(CLIENT_DIST, 'assets'), { maxAge: '365d', immutable: true }), notFoundHandler);
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: 0 }));
    app.get('/{*rest}', (_req, res) => res.sendFile(path.join(CLIENT_DIST, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  } else {
    app.get('/', (_req, res) => res.type('html').send(placeholderPage()));
  }
  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return { app, routes, services: { auth, tickets, scheduler, sla, monthlyMail } };
}

function placeholderPage(): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>LoopDesk 投诉受理台</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>LoopDesk 投诉受理台</h1><p>服务已启动。API 文档：<a href="/api/openapi.json">/api/openapi.json</a></p>
<p lang="en">The desk is running. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;
}
