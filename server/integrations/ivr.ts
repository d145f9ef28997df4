import crypto from 'node:crypto';

/**
 * The voice platform (IVR) over HTTP: the desk POSTs a call request to the platform's endpoint and
 * the platform POSTs the caller's key press back to the desk. Both directions are signed with the
 * shared secret: `X-LoopDesk-Timestamp` (Unix seconds) and `X-LoopDesk-Signature: sha256=<hex of
 * HMAC-SHA256(secret, "<timestamp>.<raw body>")>`; a signature older than five minutes is refused,
 * so a captured request cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'x-loopdesk-signature';
export const TIMESTAMP_HEADER = 'x-loopdesk-timestamp';
const TOLERANCE_SECONDS = 300;

export function sign(secret: string, timestamp: number, body: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export function verify(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: Buffer, now: Date): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export type CallRequestResult =
  | { kind: 'accepted'; callId: string }
  | { kind: 'not_sent'; error: string }
  | { kind: 'refused'; status: number; transient: boolean }
  | { kind: 'uncertain'; error: string };

/** Errors raised before a byte of the request left: safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export async function requestCall(endpoint: string, secret: string, payload: Record<string, unknown>, now: Date, timeoutMs = 10_000): Promise<CallRequestResult> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST', body, signal: AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: sign(secret, timestamp, body) },
    });
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    const message = err instanceof Error ? err.message : String(err);
    return code && NOT_SENT_CODES.has(code) ? { kind: 'not_sent', error: `${code}: ${message}` } : { kind: 'uncertain', error: message };
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) return { kind: 'refused', status: response.status, transient: response.status === 429 || response.status >= 500 };
  let callId = '';
  try {
    const parsed = JSON.parse(text) as { call_id?: unknown };
    if (typeof parsed.call_id === 'string' || typeof parsed.call_id === 'number') callId = String(parsed.call_id);
  } catch {
    // a platform that answers 2xx without a body still took the call; our request id names it
  }
  return { kind: 'accepted', callId: callId || String(payload.request_id) };
}
