import { z } from 'zod';
import { id, text } from '../http/schemas';
import { CATEGORIES } from '../tickets/vocabulary';

export const causeSchema = z
  .object({
    id: z.number().int(),
    category: z.enum(CATEGORIES),
    parent_id: z.number().int().nullable().describe('null: a cause; else the cause this sub-cause belongs to'),
    name_zh: z.string(),
    name_en: z.string(),
    position: z.number().int().describe('order among its siblings'),
    active: z.boolean().describe('false: kept for the tickets that name it, no longer offered'),
    in_use: z.boolean().describe('some ticket names it: its names are fixed (deactivate it and add a new one instead)'),
  })
  .meta({ id: 'TicketCause' });

export const causeListQuery = z
  .object({
    category: z.enum(CATEGORIES).optional(),
    include_inactive: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  })
  .strict();

export const createCauseBody = z
  .object({
    category: z.enum(CATEGORIES),
    parent_id: id.optional().describe('a sub-cause: the cause it belongs to (same category; two levels)'),
    name_zh: text(100),
    name_en: text(100),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const updateCauseBody = z
  .object({
    name_zh: text(100).optional(),
    name_en: text(100).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field', path: ['body'] });

/** How a ticket shows its cause: the cause, then the sub-cause picked. */
export const causePathSchema = z.array(z.object({ id: z.number().int(), name_zh: z.string(), name_en: z.string() })).describe('cause → sub-cause, as picked at resolution; empty when none');

export type CauseView = z.output<typeof causeSchema>;
export type CreateCauseInput = z.output<typeof createCauseBody>;
export type UpdateCauseInput = z.output<typeof updateCauseBody>;
export type CausePath = z.output<typeof causePathSchema>;
