import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errors, translateDatabaseError } from './errors';
import type { Logger } from '../logger';

const PROBLEM_TYPE_BASE = 'https://loopdesk.dev/problems/';

export function sendProblem(res: Parameters<RequestHandler>[1], error: AppError): void {
  const slug = error.title.toLowerCase().replace(/\s+/g, '-');
  res
    .status(error.status)
    .type('application/problem+json')
    .json({ type: PROBLEM_TYPE_BASE + slug, title: error.title, status: error.status, detail: error.message, ...error.extra, code: error.code });
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** The one error handler: known errors become problem+json; anything else a plain 500 and a log line. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const parserError = err as BodyParserError;
    let problem: AppError | undefined;
    if (err instanceof AppError) problem = err;
    else if (parserError?.type === 'entity.too.large') problem = errors.payloadTooLarge(`${parserError.limit} bytes`);
    else if (parserError?.type === 'entity.parse.failed')
      problem = errors.badRequest('the body is not valid JSON', [{ path: 'body', message: 'malformed JSON' }], 'malformed_json');
    else if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported')
      problem = errors.unsupportedMediaType();
    else problem = translateDatabaseError(err);

    if (!problem) {
      logger.error('unhandled error', { request_id: res.locals.requestId, method: req.method, path: req.path, err });
      problem = new AppError(500, 'Internal Server Error', 'something went wrong on our side', {
        code: 'internal_error',
        request_id: res.locals.requestId,
      });
    }
    if (res.headersSent) return;
    sendProblem(res, problem);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(errors.notFound(`${req.method} ${req.path}`));
};
