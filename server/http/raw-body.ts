import type { IncomingMessage } from 'node:http';

/**
 * The bytes of a JSON body as they arrived, for the few routes whose sender signs them (the voice
 * platform's webhook): an HMAC is over the raw body, never over a re-serialised object.
 */
const raw = new WeakMap<IncomingMessage, Buffer>();

/** express.json's `verify` hook: keeps the bytes beside the request (collected with it). */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  raw.set(req, buf);
}

export const rawBodyOf = (req: IncomingMessage): Buffer | undefined => raw.get(req);
