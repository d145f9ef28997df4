import { z } from 'zod';
import { cursor, id, isoDateTime } from '../http/schemas';
import { AUDITED_ENTITIES } from './index';

const csvList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1));

export const auditQuery = z
  .object({
    entity: csvList(AUDITED_ENTITIES).optional().describe('comma-separated entities'),
    entity_ref: z.string().trim().min(1).max(64).optional().describe("the changed row's id or key (a calendar's key, a user's id)"),
    actor_id: id.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    format: z.enum(['json', 'csv']).default('json').describe('csv: UTF-8 with BOM, for Excel'),
    limit: z.coerce.number().int().min(1).max(5000).default(100),
    cursor,
  })
  .strict();
export type AuditQuery = z.output<typeof auditQuery>;

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor_id: z.number().int().nullable(),
    actor_name: z.string().nullable(),
    entity: z.string(),
    entity_ref: z.string().nullable().describe("the changed row's id or key"),
    action: z.string(),
    data: z.record(z.string(), z.unknown()).describe('what changed: the input, or {before, after}'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.output<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), next_cursor: z.string().nullable() });
