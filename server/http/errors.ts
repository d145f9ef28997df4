/** One error type for everything the API answers on purpose; the handler turns it into problem+json. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
  }
}

export const errors = {
  badRequest: (detail: string, fieldErrors?: FieldError[], code?: string) =>
    new AppError(400, 'Bad Request', detail, { ...(code ? { code } : {}), ...(fieldErrors ? { errors: fieldErrors } : {}) }),
  unauthorized: (detail = 'sign in first') => new AppError(401, 'Unauthorized', detail),
  forbidden: (detail = 'your role may not do this') => new AppError(403, 'Forbidden', detail),
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
  conflict: (detail: string, extra: Record<string, unknown> = {}) => new AppError(409, 'Conflict', detail, extra),
  payloadTooLarge: (limit: string) => new AppError(413, 'Payload Too Large', `request body exceeds ${limit}`),
  unsupportedMediaType: () =>
    new AppError(415, 'Unsupported Media Type', 'send the body as application/json'),
  rule: (detail: string, extra: Record<string, unknown> = {}) => new AppError(422, 'Unprocessable Entity', detail, extra),
  preconditionRequired: () =>
    new AppError(428, 'Precondition Required', 'send If-Match with the ticket version you are acting on', {
      errors: [{ path: 'If-Match', message: 'required' }],
    }),
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

/** PostgreSQL errors that bad input can still reach, translated in one place. */
export function translateDatabaseError(err: unknown): AppError | undefined {
  const pgError = err as PgError;
  switch (pgError?.code) {
    case '23505':
      return errors.conflict(`already exists (${pgError.constraint ?? 'unique'})`, { code: 'duplicate' });
    case '23503':
      return errors.rule(`refers to something that does not exist (${pgError.constraint ?? 'foreign key'})`);
    case '23514':
      return errors.badRequest(`value not allowed (${pgError.constraint ?? 'check'})`);
    case '22021': // a NUL or invalid byte in text
    case '22P05': // \u0000 in jsonb
      return errors.badRequest('text must not contain NUL characters', undefined, 'nul_character');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return errors.badRequest('a value has the wrong format');
    case '40001':
    case '40P01':
      return errors.conflict('a concurrent change won; retry', { code: 'serialization' });
    default:
      return undefined;
  }
}
