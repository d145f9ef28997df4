import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errors, translateDatabaseError } from './errors';
import type { Logger } from '../logger';

const PROBLEM_TYPE_BASE = 'https://loopdesk.dev/problems/';

export function sendProblem(res: Parameters<RequestHandler>[1], error: AppError): void {
  const slug = error.title.toLowerCase().replace(/\s+/g, '-');
  if (typeof error.extra.retry_after === 'number') res.setHeader('Retry-After', String(error.extra.retry_after));
  res
    .status(error.status)
    .type('application/problem+json')
    .json({
      type: PROBLEM_TYPE_BASE + slug, title: error.title, status: error.status, detail: error.message, ...error.extra, code: error.code,
      // the id the client quotes to the operator, who finds the request's log lines by it
      ...(typeof res.locals.requestId === 'string' ? { request_id: res.locals.requestId } : {}),
    });
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  expose?: boolean;
}

/** What body-parser (json, urlencoded, raw-body) reports, as the client's fault it is. */
function bodyProblem(err: BodyParserError): AppError | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return errors.payloadTooLarge(`${err.limit} bytes`);
    case 'parameters.too.many':
      return new AppError(413, 'Payload Too Large', 'the form has too many fields', { errors: [{ path: 'body', message: 'too many fields' }] });
    case 'entity.parse.failed':
      return errors.badRequest('the body is not valid JSON', [{ path: 'body', message: 'malformed JSON' }]);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return errors.unsupportedMediaType();
    case 'request.size.invalid':
    case 'request.aborted':
      return errors.badRequest('the body is shorter or longer than its Content-Length', [{ path: 'Content-Length', message: 'does not match the body' }]);
    case 'entity.verify.failed':
      return errors.badRequest('the body was refused');
    default:
      break;
  }
  // a body that does not inflate (Content-Encoding: gzip over plain bytes) and other client mistakes
  // the parsers mark as exposable 4xx
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.expose) {
    return err.status === 415 ? errors.unsupportedMediaType() : new AppError(err.status, err.status === 413 ? 'Payload Too Large' : 'Bad Request', 'the body could not be read as sent (check Content-Encoding and Content-Length)', { errors: [{ path: 'body', message: 'unreadable' }] });
  }
  return undefined;
}

/** The one error handler: known errors become problem+json; anything else a plain 500 and a log line. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const parserError = err as BodyParserError;
    let problem: AppError | undefined;
    if (err instanceof AppError) problem = err;
    // the router could not percent-decode a path segment (`/api/tickets/%E0%A4%A`)
    else if (err instanceof URIError) problem = errors.badRequest('the path is not valid percent-encoding', [{ path: 'path', message: 'malformed percent-encoding' }]);
    else problem = (parserError && typeof parserError === 'object' ? bodyProblem(parserError) : undefined) ?? translateDatabaseError(err);

    if (!problem) {
      logger.error('unhandled error', { request_id: res.locals.requestId, method: req.method, path: req.path, err });
      problem = new AppError(500, 'Internal Server Error', 'something went wrong on our side', { code: 'internal_error' });
    }
    if (res.headersSent) return;
    sendProblem(res, problem);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(errors.notFound(`${req.method} ${req.path}`));
};
