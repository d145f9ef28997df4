import { z } from 'zod';
import { id, text } from '../http/schemas';

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const reportQuery = z
  .object({
    month: monthString,
    unit_id: id.optional().describe('a unit: its subtree; absent: everything the caller may see'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

export const bulletinQuery = reportQuery.omit({ format: true }).extend({ format: z.enum(['json', 'html']).default('json') }).strict();

export const trendQuery = z
  .object({
    to: monthString.optional().describe('the last month shown; default the current month'),
    months: z.coerce.number().int().min(1).max(36).default(12),
    unit_id: id.optional(),
  })
  .strict();

export const subscribersQuery = z.object({ month: monthString }).strict();
export const subscribersParams = z.object({ unit_id: id, month: monthString }).strict();
export const subscribersBody = z.object({ subscribers: z.number().int().min(0).max(1_000_000_000) }).strict();

export const ticketIdParams = z.object({ ticketId: id }).strict();

export const caseReviewBody = z
  .object({
    discuss: z.boolean().optional().describe('take the case to the monthly service-analysis meeting'),
    analysis: text(8000).nullable().optional().describe('the meeting\'s analysis: what happened, why, what is corrected'),
    month: monthString.optional().describe('the meeting month; default the month the ticket was resolved (or accepted)'),
  })
  .strict()
  .refine((b) => b.discuss !== undefined || b.analysis !== undefined || b.month !== undefined, { message: 'give discuss, analysis or month', path: ['discuss'] });

export const rectificationBody = z
  .object({
    description: text(2000),
    owner_id: id.describe('the responsible person'),
    due_on: z.iso.date().describe('YYYY-MM-DD'),
  })
  .strict();

export const rectificationPatch = z
  .object({
    done: z.boolean(),
    note: text(2000).optional(),
  })
  .strict();

const rate = z.number().min(0).max(1).nullable();

export const kpisSchema = z
  .object({
    tickets: z.number().int(),
    complaints: z.number().int(),
    fault_reports: z.number().int(),
    reconnections: z.number().int(),
    requests: z.number().int(),
    resolved: z.number().int(),
    responsibility_complaints: z.number().int(),
    responsibility_complaints_prev_month: z.number().int(),
    responsibility_complaints_prev_year: z.number().int(),
    responsibility_complaints_change_prev_month_pct: z.number().nullable(),
    responsibility_complaints_change_prev_year_pct: z.number().nullable(),
    avg_handling_days: z.number().nullable(),
    timely_rate: rate,
    first_time_satisfaction: rate,
    second_time_satisfaction: rate,
    unreachable_rate: rate,
    over_level_complaints: z.number().int(),
    subscribers: z.number().int(),
    fault_report_rate: rate,
  })
  .meta({ id: 'ReportKpis' });

export const rectificationSchema = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    description: z.string(),
    owner_id: z.number().int(),
    owner_name: z.string(),
    due_on: z.string(),
    done: z.boolean(),
    overdue: z.boolean(),
    done_at: z.string().nullable(),
    done_by: z.number().int().nullable(),
    done_note: z.string().nullable(),
    created_by: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: 'Rectification' });

export const caseSchema = z
  .object({
    ticket_id: z.number().int(),
    number: z.string(),
    unit_id: z.number().int().nullable(),
    unit_name: z.string().nullable(),
    type: z.string(),
    category: z.string(),
    channel: z.string(),
    status: z.string(),
    responsibility: z.string().nullable(),
    kinds: z.array(z.enum(['responsibility', 'service_attitude', 'marked'])),
    description: z.string().describe('what happened'),
    cause: z.string().nullable(),
    resolution: z.string().nullable().describe('what was done'),
    handling_round: z.number().int(),
    accepted_at: z.string(),
    resolved_at: z.string().nullable(),
    review: z
      .object({ month: z.string(), discuss: z.boolean(), analysis: z.string().nullable(), updated_at: z.string(), updated_by: z.number().int().nullable() })
      .nullable(),
    rectifications: z.array(rectificationSchema),
    ownership: z
      .object({
        owner_id: z.number().int(),
        owner_name: z.string(),
        reasons: z.array(z.string()),
        active: z.boolean(),
        actions: z.array(z.object({ kind: z.string(), note: z.string(), at: z.string(), actor_id: z.number().int() })),
        explanation: z.string().nullable(),
        explanation_at: z.string().nullable(),
      })
      .nullable()
      .describe("the unit head's in-person actions and written explanation (领导包案)"),
  })
  .meta({ id: 'ReportCase' });

const unitKpis = z.object({ unit_id: z.number().int(), name: z.string(), parent_id: z.number().int().nullable(), path: z.string(), kpis: kpisSchema });

export const reportSchema = z
  .object({
    month: z.string(),
    unit_id: z.number().int().nullable().describe('null: the whole company'),
    kpis: kpisSchema,
    units: z.array(unitKpis).describe('every unit in scope, each with the figures of its subtree'),
    cases: z.array(caseSchema),
    definitions: z.record(z.string(), z.string()),
  })
  .meta({ id: 'CaseAnalysisReport' });

export const trendSchema = z.object({
  unit_id: z.number().int().nullable(),
  months: z.array(z.object({ month: z.string(), kpis: kpisSchema })),
});

export const bulletinSchema = z.object({
  month: z.string(),
  title: z.string(),
  unit_id: z.number().int().nullable(),
  kpis: kpisSchema,
  units: z.array(unitKpis.extend({ cases: z.array(caseSchema) })),
});

export const subscribersListSchema = z.object({
  month: z.string(),
  items: z.array(z.object({ unit_id: z.number().int(), name: z.string(), subscribers: z.number().int(), source: z.enum(['month', 'unit']) })),
});

export type ReportQuery = z.output<typeof reportQuery>;
export type CaseReviewInput = z.output<typeof caseReviewBody>;
export type RectificationInput = z.output<typeof rectificationBody>;
export type RectificationPatch = z.output<typeof rectificationPatch>;
export type CaseView = z.output<typeof caseSchema>;
export type RectificationView = z.output<typeof rectificationSchema>;
export type UnitKpis = z.output<typeof unitKpis>;
export type Report = z.output<typeof reportSchema>;
