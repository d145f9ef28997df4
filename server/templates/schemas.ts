import { z } from 'zod';
import { id, text } from '../http/schemas';
import { CATEGORIES, TICKET_TYPES } from '../tickets/vocabulary';
import { PLACEHOLDERS, unknownPlaceholders } from './placeholders';

export const TEMPLATE_PURPOSES = ['description', 'resolution', 'comment'] as const;

const body = (max: number) => text(max).superRefine((value, ctx) => {
  const unknown = unknownPlaceholders(value);
  if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` });
});

export const templateSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    purpose: z.enum(TEMPLATE_PURPOSES).describe('where it is offered: description (intake), resolution (resolve / feedback), comment'),
    category: z.enum(CATEGORIES).nullable().describe('null: every category'),
    ticket_type: z.enum(TICKET_TYPES).nullable().describe('null: every type'),
    body_zh: z.string(),
    body_en: z.string(),
    active: z.boolean(),
    version: z.number().int(),
    updated_at: z.string(),
    rendered: z.object({ zh: z.string(), en: z.string() }).optional()
      .describe('with ticket_id: the bodies with the placeholders filled from that ticket (unknown values stay as placeholders)'),
  })
  .meta({ id: 'ReplyTemplate' });

export const templateListQuery = z
  .object({
    purpose: z.enum(TEMPLATE_PURPOSES).optional(),
    category: z.enum(CATEGORIES).optional().describe('templates of this category and those for every category'),
    type: z.enum(TICKET_TYPES).optional().describe('templates of this ticket type and those for every type'),
    ticket_id: id.optional().describe("templates for this ticket's category and type, filled from it"),
    include_inactive: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  })
  .strict();

export const createTemplateBody = z
  .object({
    name: text(100),
    purpose: z.enum(TEMPLATE_PURPOSES),
    category: z.enum(CATEGORIES).nullable().default(null),
    ticket_type: z.enum(TICKET_TYPES).nullable().default(null),
    body_zh: body(4000),
    body_en: body(4000),
  })
  .strict();

export const updateTemplateBody = z
  .object({
    name: text(100).optional(),
    purpose: z.enum(TEMPLATE_PURPOSES).optional(),
    category: z.enum(CATEGORIES).nullable().optional(),
    ticket_type: z.enum(TICKET_TYPES).nullable().optional(),
    body_zh: body(4000).optional(),
    body_en: body(4000).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field', path: ['body'] });

export type TemplateView = z.output<typeof templateSchema>;
export type TemplateListQuery = z.output<typeof templateListQuery>;
export type CreateTemplateInput = z.output<typeof createTemplateBody>;
export type UpdateTemplateInput = z.output<typeof updateTemplateBody>;
