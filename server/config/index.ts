import path from 'node:path';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { passwordMessage, passwordProblem } from '../auth/password-policy';

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not a known IANA time zone');

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}//`);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_LISTEN_URL: url(['postgres:', 'postgresql:']).optional(),
  LOOPDESK_DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  SMPP_URL: url(['smpp:', 'ssmpp:']).refine((value) => new URL(value).username !== '', 'must name the system id: smpp://system_id:password@host:port').optional(),
  LOOPDESK_SMS_SOURCE: z.string().regex(/^[0-9A-Za-z]{1,20}$/, 'a sender address of 1-20 digits or letters').default('10000'),
  LOOPDESK_ADMIN_PASSWORD: z.string().superRefine((value, ctx) => {
    const problem = passwordProblem(value, 'admin');
    if (problem) ctx.addIssue({ code: 'custom', message: passwordMessage(problem) });
  }).optional(),
  LOOPDESK_TIMEZONE: timezone.default('Asia/Shanghai'),
  LOOPDESK_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOOPDESK_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(12 * 3600),
  LOOPDESK_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOOPDESK_LOGIN_ADDRESS_LIMIT: z.coerce.number().int().positive().default(100),
  LOOPDESK_TRUSTED_PROXIES: z.string().default('').transform((value) => value.split(',').map((p) => p.trim()).filter(Boolean)).refine((list) => {
    try {
      proxyAddr.compile(list);
      return true;
    } catch {
      return false;
    }
  }, 'a comma-separated list of addresses or CIDR ranges (or loopback, linklocal, uniquelocal)'),
  LOOPDESK_PUBLIC_URL: url(['http:', 'https:']).optional(),
  LOOPDESK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOOPDESK_SCHEDULER_TICK_MS: z.coerce.number().int().min(20).max(60_000).default(200),
  LOOPDESK_SCHEDULER_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LOOPDESK_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOOPDESK_OUTBOX_RETENTION_SECONDS: z.coerce.number().int().min(60).max(30 * 86400).default(3600),
  LOOPDESK_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LOOPDESK_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOOPDESK_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(25),
  LOOPDESK_IMPORT_BATCH_ABOVE_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
});

export interface Config {
  readonly port: number;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL connections the app may hold (the embedded database always has one). */
  readonly databasePoolMax: number;
  /** A direct (session) connection for the outbox's LISTEN when DATABASE_URL goes through a transaction pooler. */
  readonly databaseListenUrl: string | undefined;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  /** `smpp://system_id:password@host:port` of the SMS centre; absent: no SMS surveys */
  readonly smppUrl: string | undefined;
  /** the sender address of survey SMS */
  readonly smsSource: string;
  readonly adminPassword: string | undefined;
  readonly timezone: string;
  readonly tokenSecret: string | undefined;
  readonly tokenTtlSeconds: number;
  /** Failed sign-ins allowed per client address and username in 15 minutes. */
  readonly loginRateLimit: number;
  /** Failed sign-ins allowed per client address, any username, in an hour. */
  readonly loginAddressLimit: number;
  /** Proxies whose X-Forwarded-For is believed (Express `trust proxy`); empty: none, the peer address counts. */
  readonly trustedProxies: readonly string[];
  readonly publicUrl: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How often due timers are claimed (Bull tick or in-process interval). */
  readonly schedulerTickMs: number;
  /** How often the reconciler re-arms Redis from PostgreSQL and sweeps overdue timers. */
  readonly schedulerReconcileSeconds: number;
  /** `all`: everything in one process; `api`: HTTP and realtime; `worker`: scheduler, mail and outbox consumers */
  readonly role: 'all' | 'api' | 'worker';
  /** How long outbox events are kept for consoles that reconnect. */
  readonly outboxRetentionSeconds: number;
  /** A second listener serving only GET /metrics (keep it off the public network); absent: none. */
  readonly metricsPort: number | undefined;
  /** Bearer token that opens GET /metrics on the main port; absent: /metrics is not served there. */
  readonly metricsToken: string | undefined;
  /** How long a SIGTERM may take to drain before the process exits anyway. */
  readonly shutdownTimeoutSeconds: number;
  /** customer files with more rows are committed batch by batch (resumable); smaller ones in one transaction */
  readonly importBatchAboveRows: number;
}

export class ConfigError extends Error {}

/** Reads the environment once; a bad value throws a one-line message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`invalid ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    databaseListenUrl: e.DATABASE_LISTEN_URL ?? e.DATABASE_URL,
    dataDir: path.resolve(e.LOOPDESK_DATA_DIR),
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    smppUrl: e.SMPP_URL,
    smsSource: e.LOOPDESK_SMS_SOURCE,
    adminPassword: e.LOOPDESK_ADMIN_PASSWORD,
    timezone: e.LOOPDESK_TIMEZONE,
    tokenSecret: e.LOOPDESK_TOKEN_SECRET,
    tokenTtlSeconds: e.LOOPDESK_TOKEN_TTL_SECONDS,
    loginRateLimit: e.LOOPDESK_LOGIN_RATE_LIMIT,
    loginAddressLimit: e.LOOPDESK_LOGIN_ADDRESS_LIMIT,
    trustedProxies: Object.freeze(e.LOOPDESK_TRUSTED_PROXIES),
    publicUrl: e.LOOPDESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOOPDESK_LOG_LEVEL,
    schedulerTickMs: e.LOOPDESK_SCHEDULER_TICK_MS,
    schedulerReconcileSeconds: e.LOOPDESK_SCHEDULER_RECONCILE_SECONDS,
    role: e.LOOPDESK_ROLE,
    outboxRetentionSeconds: e.LOOPDESK_OUTBOX_RETENTION_SECONDS,
    metricsPort: e.LOOPDESK_METRICS_PORT,
    metricsToken: e.LOOPDESK_METRICS_TOKEN,
    shutdownTimeoutSeconds: e.LOOPDESK_SHUTDOWN_TIMEOUT_SECONDS,
    importBatchAboveRows: e.LOOPDESK_IMPORT_BATCH_ABOVE_ROWS,
  });
}
