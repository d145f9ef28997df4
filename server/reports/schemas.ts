import { z } from 'zod';
import { id, text } from '../http/schemas';
import { RATE_KPIS, TARGET_KPI_KEYS } from './definitions';

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const reportQuery = z
  .object({
    month: monthString,
    unit_id: id.optional().describe('a unit: its subtree; absent: everything the caller may see'),
    format: z.enum(['json', 'csv']).default('json'),
    keys: z.enum(['translated', 'machine']).default('translated').describe("CSV header: the figures' names in `lang`, or the machine keys for scripts"),
    lang: z.enum(['zh-CN', 'en']).optional().describe('language of the CSV header; default from Accept-Language, else zh-CN'),
  })
  .strict();

export const bulletinQuery = z
  .object({
    month: monthString,
    unit_id: id.optional().describe('a unit: its subtree; absent: everything the caller may see'),
    format: z.enum(['json', 'html', 'pdf']).default('json').describe('html: the A4 print layout; pdf: the same page rendered by the server'),
  })
  .strict();

export const breakdownQuery = z.object({ month: monthString, unit_id: id.optional() }).strict();

export const targetsQuery = z.object({ month: monthString }).strict();
export const targetsParams = z.object({ month: monthString }).strict();
const targetValue = z.number().min(0).max(1_000_000).nullable();
export const targetsBody = z
  .object({
    unit_id: id.nullable().describe('null: the company (the root every unit inherits from)'),
    targets: z
      .partialRecord(z.enum(TARGET_KPI_KEYS), targetValue)
      .describe('figure → target from this month on; null removes this unit\'s own target of this month (it inherits again). Rates are fractions 0–1'),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const [kpi, value] of Object.entries(b.targets)) {
      if (RATE_KPIS.has(kpi) && typeof value === 'number' && value > 1) ctx.addIssue({ code: 'custom', path: ['targets', kpi], message: 'a rate is a fraction from 0 to 1' });
    }
  });

export const rectificationsQuery = z
  .object({
    month: monthString.describe('items open at the end of the month (carried over until done) and items done in it'),
    unit_id: id.optional(),
    mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('only the items the caller is responsible for'),
  })
  .strict();

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
    example: z.enum(['typical', 'good', 'bad']).nullable().optional().describe('shown to staff as a typical case, a good or a bad example'),
    conclusion: text(4000).nullable().optional().describe("the meeting's conclusion"),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give discuss, analysis, month, example or conclusion', path: ['discuss'] });

export const rectificationBody = z
  .object({
    description: text(2000),
    owner_id: id.describe('the responsible person'),
    due_on: z.iso.date().describe('YYYY-MM-DD'),
  })
  .strict();

export const rectificationPatch = z
  .object({
    done: z.boolean().optional(),
    note: text(2000).optional(),
    evidence: text(4000).optional().describe('what shows the rectification was made (required to close an item that has none)'),
  })
  .strict()
  .refine((b) => b.done !== undefined || b.evidence !== undefined, { message: 'give done or evidence', path: ['done'] });

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
    evidence: z.string().nullable(),
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
      .object({
        month: z.string(), discuss: z.boolean(), analysis: z.string().nullable(), example: z.enum(['typical', 'good', 'bad']).nullable(),
        conclusion: z.string().nullable(), updated_at: z.string(), updated_by: z.number().int().nullable(),
      })
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

export const targetsSchema = z
  .partialRecord(
    z.enum(TARGET_KPI_KEYS),
    z.object({
      target: z.number(),
      direction: z.enum(['max', 'min']).describe('max: the figure must not exceed the target; min: must reach it'),
      met: z.boolean().nullable().describe('null: no figure this month'),
      source_unit_id: z.number().int().nullable().describe('the unit whose target applies (inherited from an ancestor when not this one); null: the company'),
      from_month: z.string(),
    }),
  )
  .meta({ id: 'ReportTargets' });

const unitKpis = z.object({
  unit_id: z.number().int(), name: z.string(), parent_id: z.number().int().nullable(), path: z.string(), kpis: kpisSchema,
  targets: targetsSchema,
});

export const reportSchema = z
  .object({
    month: z.string(),
    unit_id: z.number().int().nullable().describe('null: the whole company'),
    kpis: kpisSchema,
    targets: targetsSchema.describe("the scope's targets for the month and whether each was met"),
    units: z.array(unitKpis).describe('every unit in scope, each with the figures of its subtree'),
    cases: z.array(caseSchema),
    definitions: z.record(z.string(), z.string()),
  })
  .meta({ id: 'CaseAnalysisReport' });

export const trendSchema = z.object({
  unit_id: z.number().int().nullable(),
  months: z.array(z.object({ month: z.string(), kpis: kpisSchema, targets: targetsSchema })),
});

export const rectificationListItem = rectificationSchema
  .extend({
    ticket_number: z.string(),
    unit_id: z.number().int().nullable(),
    unit_name: z.string().nullable(),
    carried_over: z.boolean().describe('created before the month and still open at its start'),
  })
  .meta({ id: 'RectificationListItem' });
export const rectificationListSchema = z.object({ month: z.string(), items: z.array(rectificationListItem) });

export const bulletinSchema = z.object({
  month: z.string(),
  title: z.string(),
  company: z.string().describe('the name of the tree\'s root unit, printed on every page'),
  unit_id: z.number().int().nullable(),
  kpis: kpisSchema,
  targets: targetsSchema,
  units: z.array(unitKpis.extend({ cases: z.array(caseSchema) })),
  missed: z
    .array(z.object({ unit_id: z.number().int(), name: z.string(), kpi: z.enum(TARGET_KPI_KEYS), value: z.number(), target: z.number(), direction: z.enum(['max', 'min']) }))
    .describe('every unit target missed this month'),
  rectifications: z.array(rectificationListItem).describe('open and done-this-month rectification items'),
});

export const breakdownSchema = z.object({
  month: z.string(),
  unit_id: z.number().int().nullable(),
  by_category: z.array(z.object({ category: z.string(), complaints: z.number().int(), responsibility_complaints: z.number().int() }))
    .describe('complaints accepted in the month, and responsibility complaints resolved in it, by category'),
  by_cause: z.array(z.object({ cause: z.string(), tickets: z.number().int() }))
    .describe('complaints resolved in the month by the cause recorded at resolution (the ten most frequent, the rest as 其他)'),
  by_cause_tree: z.array(z.object({
    category: z.string(),
    cause_id: z.number().int().nullable().describe('null: resolved without a cause from the tree (before it existed, or a category without one)'),
    name_zh: z.string().nullable(),
    name_en: z.string().nullable(),
    active: z.boolean().nullable(),
    tickets: z.number().int().describe('this cause and its sub-causes'),
    sub_causes: z.array(z.object({ cause_id: z.number().int(), name_zh: z.string(), name_en: z.string(), active: z.boolean(), tickets: z.number().int() })),
  })).describe('complaints resolved in the month by category → cause → sub-cause of the cause tree, most frequent first'),
});

export const targetsListSchema = z.object({
  month: z.string(),
  kpis: z.array(z.object({ key: z.enum(TARGET_KPI_KEYS), direction: z.enum(['max', 'min']), rate: z.boolean() })),
  units: z.array(z.object({ unit_id: z.number().int().nullable(), name: z.string(), parent_id: z.number().int().nullable(), targets: targetsSchema })),
  own: z.array(z.object({ unit_id: z.number().int().nullable(), kpi: z.enum(TARGET_KPI_KEYS), from_month: z.string(), value: z.number() }))
    .describe("the rows that apply this month, each unit's own"),
});

export const subscribersListSchema = z.object({
  month: z.string(),
  items: z.array(z.object({ unit_id: z.number().int(), name: z.string(), subscribers: z.number().int(), source: z.enum(['month', 'unit']) })),
});

export const mailRecipientsSchema = z.object({
  items: z.array(z.object({
    user_id: z.number().int(),
    username: z.string(),
    name: z.string(),
    role: z.enum(['manager', 'unit_head']),
    unit_id: z.number().int().nullable(),
    unit_name: z.string().nullable(),
    scope_unit_id: z.number().int().nullable().describe('the subtree the bulletin covers; null: the whole company'),
    email: z.string().nullable(),
    receives: z.boolean().describe('false: no e-mail address, so the bulletin does not reach them'),
  })),
});

export type ReportQuery = z.output<typeof reportQuery>;
export type CaseReviewInput = z.output<typeof caseReviewBody>;
export type RectificationInput = z.output<typeof rectificationBody>;
export type RectificationPatch = z.output<typeof rectificationPatch>;
export type CaseView = z.output<typeof caseSchema>;
export type RectificationView = z.output<typeof rectificationSchema>;
export type UnitKpis = z.output<typeof unitKpis>;
export type Report = z.output<typeof reportSchema>;
export type Targets = z.output<typeof targetsSchema>;
export type TargetsInput = z.output<typeof targetsBody>;
export type RectificationListItem = z.output<typeof rectificationListItem>;
export type Bulletin = z.output<typeof bulletinSchema>;

export const callbackChannelsQuery = z.object({ month: monthString }).strict();
const channelRate = z.number().nullable();
export const callbackChannelsSchema = z
  .object({
    month: z.string(),
    timezone: z.string(),
    definitions: z.record(z.string(), z.string()),
    attempts: z.array(z.object({
      channel: z.enum(['phone', 'sms', 'ivr']), attempts: z.number().int(), answered: z.number().int(), satisfied: z.number().int(),
      no_reply: z.number().int(), replied: z.number().int(), answer_rate: channelRate, reply_rate: channelRate,
    })),
    answers: z.array(z.object({ via: z.enum(['phone', 'survey', 'sms', 'ivr']), satisfied: z.number().int(), unsatisfied: z.number().int() })),
    sms: z.object({ sent: z.number().int(), delivered: z.number().int(), undelivered: z.number().int(), unconfirmed: z.number().int(), queued: z.number().int() }),
    opt_outs: z.number().int(),
    settled_without_agent: z.number().int(),
    settled_by_agent: z.number().int(),
  })
  .meta({ id: 'CallbackChannelFigures' });
export type CallbackChannelsView = z.output<typeof callbackChannelsSchema>;
