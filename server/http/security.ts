import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { logContext } from '../logger';

/** A client's X-Request-Id is kept only when short and plain; anything else gets a fresh id (logs and headers stay clean). */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('X-Request-Id');
  res.locals.requestId = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : crypto.randomUUID();
  res.setHeader('X-Request-Id', res.locals.requestId as string);
  next();
};

/**
 * Every log line written while this request is served carries its id. Entered after the body
 * parsers: they resume from the socket's events, which would leave the request's context behind.
 */
export const requestLogContext: RequestHandler = (_req, res, next) => {
  logContext.run({ request_id: res.locals.requestId as string }, next);
};

/**
 * Security headers (OWASP ASVS 14.4) by helmet: a Content-Security-Policy with no inline script
 * (Ant Design injects <style> elements, so inline styles stay allowed), no framing by any origin,
 * nosniff, no referrer to other sites, and HSTS only when the request came over HTTPS (directly,
 * or through a trusted proxy that says so): a desk reached by plain HTTP on a LAN must not pin it.
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // for browsers older than CSP frame-ancestors
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 86400, includeSubDomains: false });
  return (req, res, next) => {
    headers(req, res, (err?: unknown) => {
      if (err || !req.secure) return next(err);
      hsts(req, res, next);
    });
  };
}
