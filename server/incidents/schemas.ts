import { z } from 'zod';
import { id, text } from '../http/schemas';
import { CATEGORIES, TICKET_TYPES } from '../tickets/vocabulary';

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export const MATCH_ON = ['category_area', 'cause'] as const;

export const detectorKeyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _') }).strict();

export const detectorBody = z
  .object({
    name: text(200),
    enabled: z.boolean().default(true),
    match_on: z.enum(MATCH_ON).describe('category_area: same category and customer area (unit); cause: same resolution cause'),
    ticket_types: z.array(z.enum(TICKET_TYPES)).min(1).default(['complaint', 'fault']),
    threshold: z.number().int().min(2).max(10_000).describe('at least this many tickets …'),
    window_seconds: z.number().int().min(60).max(30 * 86400).describe('… created within this many seconds of each other (both ends included)'),
  })
  .strict();

export const detectorSchema = z
  .object({ key: z.string(), name: z.string(), enabled: z.boolean(), match_on: z.enum(MATCH_ON), ticket_types: z.array(z.string()), threshold: z.number().int(), window_seconds: z.number().int() })
  .meta({ id: 'MassComplaintDetector' });

export const incidentSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    category: z.string().nullable(),
    cause: z.string().nullable(),
    unit_id: z.number().int().describe('the responsible unit'),
    owner_id: z.number().int().nullable().describe('head of the responsible unit (or the nearest above)'),
    explanation_wording: z.string().nullable().describe('解释口径: what agents tell callers'),
    detector_key: z.string().nullable().describe('null when a supervisor made it by hand'),
    ticket_count: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Incident' });

export const incidentDetailSchema = incidentSchema.extend({
  tickets: z.array(z.object({ id: z.number().int(), number: z.string(), status: z.string(), linked_at: z.string(), linked_by: z.number().int().nullable() })),
});

export const listIncidentsQuery = z
  .object({
    status: z.enum(INCIDENT_STATUSES).optional(),
    category: z.enum(CATEGORIES).optional(),
    unit_id: id.optional().describe("incidents of this unit or a unit above it: what a caller from there may be calling about"),
  })
  .strict();

export const createIncidentBody = z
  .object({
    title: text(200),
    unit_id: id,
    category: z.enum(CATEGORIES).optional(),
    explanation_wording: text(4000).optional(),
    ticket_ids: z.array(id).max(500).default([]),
  })
  .strict();

export const updateIncidentBody = z
  .object({ title: text(200).optional(), status: z.enum(INCIDENT_STATUSES).optional(), explanation_wording: text(4000).nullable().optional() })
  .strict();

export const linkBody = z.object({ ticket_id: id }).strict();
export const linkParams = z.object({ id, ticketId: id }).strict();

export type DetectorInput = z.output<typeof detectorBody>;
export type IncidentView = z.output<typeof incidentSchema>;
export type IncidentDetailView = z.output<typeof incidentDetailSchema>;
export type ListIncidentsQuery = z.output<typeof listIncidentsQuery>;
export type CreateIncidentInput = z.output<typeof createIncidentBody>;
export type UpdateIncidentInput = z.output<typeof updateIncidentBody>;
