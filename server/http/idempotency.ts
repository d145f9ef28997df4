import type { Request } from 'express';
import { errors } from './errors';

/** The client's `Idempotency-Key`, if it sent one: 1 to 200 visible ASCII characters. */
export function readIdempotencyKey(req: Request): string | undefined {
  const raw = req.get('Idempotency-Key');
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) {
    throw errors.badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters', [{ path: 'Idempotency-Key', message: 'invalid' }]);
  }
  return raw;
}
