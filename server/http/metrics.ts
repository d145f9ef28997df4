import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger';

/**
 * What /metrics reads when it is scraped; each part is filled in by whoever owns it (main.ts
 * wires the relay, mail, realtime and the scheduler). A source that throws leaves its gauges
 * at their last value and is counted in `loopdesk_metrics_source_errors_total`.
 */
export interface MetricSources {
  /** outbox events not yet sequenced and the age of the oldest */
  outbox: () => Promise<{ waiting: number; oldestSeconds: number }>;
  /** events a durable consumer set aside after its last attempt */
  outboxDeadLettered: () => number;
  /** mail deliveries waiting (pending, sending), parked (refused: failed) and the oldest waiting */
  mail: () => Promise<{ pending: number; failed: number; oldestSeconds: number }>;
  /** durable timers (SLA, escalation, callbacks, monthly mail) by kind: due now and late beyond the grace */
  timers: () => Promise<{ kind: string; due: number; late: number }[]>;
  /** Bull's job counts by state (with Redis) */
  queue: () => Promise<Record<string, number>>;
  /** connected consoles of this process */
  sockets: () => number;
  /** the knex pool of this process */
  pool: () => { used: number; free: number; pending: number; max: number };
  /** unhandled rejections and uncaught exceptions of this process */
  faults: () => { unhandledRejections: number; uncaughtExceptions: number };
}

export interface Metrics {
  registry: Registry;
  /** times every HTTP answer by method, route pattern and status; writes the access log line */
  observe: RequestHandler;
  provide(sources: Partial<MetricSources>): void;
  /** the text exposition (Prometheus 0.0.4) */
  render(): Promise<string>;
  readonly contentType: string;
}

/** The route pattern (`/api/tickets/:id`), never the raw path: ids would make a series per ticket. */
function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  if (req.originalUrl.startsWith('/assets/')) return '/assets';
  return 'unmatched';
}

export function createMetrics(logger: Logger, role: string): Metrics {
  const registry = new Registry();
  // api and worker processes of one desk are told apart on a dashboard
  registry.setDefaultLabels({ loopdesk_role: role });
  // process CPU, memory, GC, handles and event-loop lag (nodejs_eventloop_lag_*)
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const sources: Partial<MetricSources> = {};
  const sourceErrors = new Counter({ name: 'loopdesk_metrics_source_errors_total', help: 'metric sources that failed during a scrape', labelNames: ['source'], registers: [registry] });
  const read = async <T>(name: keyof MetricSources, fn: (() => Promise<T> | T) | undefined): Promise<T | undefined> => {
    if (!fn) return undefined;
    try {
      return await fn();
    } catch (err) {
      sourceErrors.inc({ source: name });
      logger.warn('metrics source failed', { source: name, err });
      return undefined;
    }
  };

  const duration = new Histogram({
    name: 'loopdesk_http_request_duration_seconds', help: 'HTTP answers by method, route pattern and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });

  // prom-client collects every metric of a scrape at once: gauges fed by one query share its answer
  const shared = <T>(name: keyof MetricSources, fn: () => (() => Promise<T>) | undefined) => {
    let last: { at: number; value: Promise<T | undefined> } | null = null;
    return () => {
      if (!last || Date.now() - last.at > 250) last = { at: Date.now(), value: read(name, fn()) };
      return last.value;
    };
  };
  const outbox = shared('outbox', () => sources.outbox);
  const mail = shared('mail', () => sources.mail);
  const timers = shared('timers', () => sources.timers);
  const gauge = <T>(name: string, help: string, labelNames: string[], from: () => Promise<T | undefined>, set: (g: Gauge, value: T) => void) =>
    new Gauge({
      name, help, labelNames, registers: [registry],
      async collect() {
        const value = await from();
        if (value !== undefined) set(this, value);
      },
    });

  gauge('loopdesk_outbox_backlog', 'outbox events committed but not yet sequenced by a relay', [], outbox, (g, b) => g.set(b.waiting));
  gauge('loopdesk_outbox_oldest_seconds', 'age of the oldest unsequenced outbox event (the relay lag)', [], outbox, (g, b) => g.set(b.oldestSeconds));
  gauge('loopdesk_outbox_dead_lettered', 'events a durable consumer of this process set aside after its last attempt', [],
    async () => read('outboxDeadLettered', sources.outboxDeadLettered), (g, n) => g.set(n));
  gauge('loopdesk_mail_deliveries', 'mail deliveries not sent: waiting (pending, retrying) or parked (refused by the server until retried)', ['state'], mail, (g, m) => {
    g.set({ state: 'waiting' }, m.pending);
    g.set({ state: 'parked' }, m.failed);
  });
  gauge('loopdesk_mail_oldest_waiting_seconds', 'age of the oldest mail delivery still waiting', [], mail, (g, m) => g.set(m.oldestSeconds));
  gauge('loopdesk_timers_due', 'durable timers due now and not fired, by kind', ['kind'], timers, (g, rows) => {
    g.reset();
    for (const r of rows) g.set({ kind: r.kind }, r.due);
  });
  gauge('loopdesk_timers_late', 'durable timers due for more than 5 s and not fired, by kind (the scheduler is behind)', ['kind'], timers, (g, rows) => {
    g.reset();
    for (const r of rows) g.set({ kind: r.kind }, r.late);
  });
  gauge('loopdesk_queue_jobs', "the scheduler's Bull queue by job state (Redis)", ['state'], async () => read('queue', sources.queue), (g, counts) => {
    for (const [state, n] of Object.entries(counts)) g.set({ state }, n);
  });
  gauge('loopdesk_socket_connections', 'consoles connected to this process (socket.io)', [], async () => read('sockets', sources.sockets), (g, n) => g.set(n));
  gauge('loopdesk_db_pool_connections', "this process's PostgreSQL pool: used, free, max, and requests waiting for a connection (pending)", ['state'],
    async () => read('pool', sources.pool), (g, p) => {
      for (const [state, n] of Object.entries(p)) g.set({ state }, n);
    });
  gauge('loopdesk_process_faults', 'unhandled promise rejections (logged, the desk carries on) and uncaught exceptions of this process', ['kind'],
    async () => read('faults', sources.faults), (g, f) => {
      g.set({ kind: 'unhandled_rejection' }, f.unhandledRejections);
      g.set({ kind: 'uncaught_exception' }, f.uncaughtExceptions);
    });

  const access = logger.child({ log: 'access' });
  const observe: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      duration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      // the finish event runs outside the request's context: name the request here
      access.info('request', { request_id: res.locals.requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) });
    });
    next();
  };

  return {
    registry,
    observe,
    provide(more) {
      Object.assign(sources, more);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** A scrape must present this bearer token; compared in constant time. */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}
