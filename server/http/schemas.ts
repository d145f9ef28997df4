import { z } from 'zod';

/** Shared building blocks for request schemas. */
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.object({ id }).strict();
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a cursor from next_cursor').optional();
export const area = z.enum(['city', 'county']);
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9-]{4,19}$/, 'a phone number: digits, optional leading + and dashes');
export const email = z.email().max(254);
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const isoDateTime = z.iso.datetime({ offset: true });
/** a local time of day; 24:00 ends a day */
export const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({
      path: z.string(),
      message: z.string(),
      line: z.number().int().optional().describe('a file import: the line (CSV) or row (XLSX) of the bad value'),
      field: z.string().optional().describe('a file import: the column of the bad value'),
    })).optional().describe('400: one entry per bad field; 422 of a file import: one per bad value, with its line'),
    code: z.string().optional().describe('a stable code where clients branch on the cause, e.g. stale_version, illegal_transition, duplicate'),
    request_id: z.string().optional().describe('the X-Request-Id of the request: every log line of it carries the same id'),
  })
  // RFC 9457 extension members: current_version, current_status, retry_after, missing …
  .loose()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

export function encodeCursor(lastId: number): string {
  return Buffer.from(String(lastId)).toString('base64url');
}

export function decodeCursor(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const decoded = Number(Buffer.from(value, 'base64url').toString());
  return Number.isSafeInteger(decoded) && decoded > 0 ? decoded : undefined;
}
