import type { ProblemCode } from './codes';

/** One error type for everything the API answers on purpose; the handler turns it into problem+json. */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemExtra {
  /** the stable machine code the console translates; defaults to the status's generic one */
  code?: ProblemCode;
  errors?: FieldError[];
  [key: string]: unknown;
}

/** The generic code of each status, for errors that name none of their own. */
const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'invalid_input', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 410: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'rule_violation', 428: 'precondition_required',
  429: 'too_many_requests', 503: 'internal_error',
};

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(detail);
  }

  get code(): ProblemCode {
    return this.extra.code ?? STATUS_CODES[this.status] ?? 'internal_error';
  }
}

export const errors = {
  badRequest: (detail: string, fieldErrors?: FieldError[], code?: ProblemCode) =>
    new AppError(400, 'Bad Request', detail, { ...(fieldErrors ? { errors: fieldErrors } : {}), ...(code ? { code } : {}) }),
  unauthorized: (detail = 'sign in first', code: ProblemCode = 'unauthenticated') => new AppError(401, 'Unauthorized', detail, { code }),
  forbidden: (detail = 'your role may not do this', code: ProblemCode = 'forbidden') => new AppError(403, 'Forbidden', detail, { code }),
  notFound: (what: string) => new AppError(404, 'Not Found', `${what} not found`),
  staleVersion: (current: number) =>
    new AppError(409, 'Conflict', `the ticket was changed meanwhile: current version is ${current}`, {
      code: 'stale_version',
      current_version: current,
    }),
  illegalTransition: (action: string, status: string) =>
    new AppError(409, 'Conflict', `cannot ${action} a ticket whose status is ${status}`, {
      code: 'illegal_transition',
      current_status: status,
    }),
  conflict: (detail: string, extra: ProblemExtra = {}) => new AppError(409, 'Conflict', detail, extra),
  payloadTooLarge: (limit: string) => new AppError(413, 'Payload Too Large', `request body exceeds ${limit}`),
  unsupportedMediaType: () =>
    new AppError(415, 'Unsupported Media Type', 'send the body as application/json'),
  rule: (detail: string, extra: ProblemExtra = {}) => new AppError(422, 'Unprocessable Entity', detail, extra),
  preconditionRequired: () =>
    new AppError(428, 'Precondition Required', 'send If-Match with the ticket version you are acting on', {
      errors: [{ path: 'If-Match', message: 'required' }],
    }),
  /** a dependency is down: the client may try again after `retryAfterSeconds` (sent as Retry-After too) */
  unavailable: (detail: string, code: ProblemCode, retryAfterSeconds: number) =>
    new AppError(503, 'Service Unavailable', detail, { code, retry_after: retryAfterSeconds }),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError(429, 'Too Many Requests', `too many attempts; try again in ${retryAfterSeconds} s`, {
      retry_after: retryAfterSeconds,
    }),
};

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_MESSAGES = /Connection terminated|connection error and is not queryable|Timeout acquiring a connection|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i;

/** The database cannot be reached or is restarting: nothing the request did wrong, so 503 and try again. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return typeof e.message === 'string' && UNREACHABLE_MESSAGES.test(e.message);
}

/** Seconds a client is told to wait while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL errors that bad input (or an outage) can still reach, translated in one place. */
export function translateDatabaseError(err: unknown): AppError | undefined {
  const pgError = err as PgError;
  if (isDatabaseUnavailable(err)) {
    return errors.unavailable('the database is unreachable; try again shortly', 'database_unavailable', DATABASE_RETRY_AFTER_SECONDS);
  }
  switch (pgError?.code) {
    case '23505':
      return errors.conflict(`already exists (${pgError.constraint ?? 'unique'})`, { code: 'duplicate' });
    case '23503':
      return errors.rule(`refers to something that does not exist (${pgError.constraint ?? 'foreign key'})`, { code: 'unknown_reference' });
    case '23514':
      return errors.badRequest(`value not allowed (${pgError.constraint ?? 'check'})`, undefined, 'value_not_allowed');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return errors.badRequest('a value has the wrong format', undefined, 'bad_format');
    case '40001':
    case '40P01':
      return errors.conflict('a concurrent change won; retry', { code: 'serialization' });
    default:
      return undefined;
  }
}
