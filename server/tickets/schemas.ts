import { z } from 'zod';
import { customerFields, customerSchema } from '../customers/schemas';
import { cursor, id, isoDateTime, limit, text } from '../http/schemas';
import { FIGURE_KEYS } from '../reports/definitions';
import { ATTEMPT_OUTCOMES, CALLBACK_CHANNELS, CALLBACK_OUTCOMES, STATUSES } from './status';
import { CATEGORIES, CHANNELS, CLOSE_REASONS, PAYMENT_CHANNELS, PRIORITIES, RESPONSIBILITIES, TICKET_CHANNELS, TICKET_TYPES } from './vocabulary';
import { TIMELINE_EVENT_TYPES } from './timeline';

const resolutionFields = z.object({
  resolution: text(4000).describe('what was done'),
  cause: text(1000).optional().describe('why it happened, in words (optional when cause_id is given: the cause\'s name is kept)'),
  cause_id: id.optional().describe('the cause (or sub-cause) from the category\'s cause tree (GET /api/causes); required for complaints of a category that has one'),
  responsibility: z.enum(RESPONSIBILITIES).describe('company = a responsibility complaint (责任投诉)'),
});

const needsSomeCause = (r: { cause?: string; cause_id?: number }, ctx: z.RefinementCtx, path: string[]) => {
  if (r.cause === undefined && r.cause_id === undefined) ctx.addIssue({ code: 'custom', path: [...path, 'cause'], message: 'give the cause: cause_id, cause, or both' });
};

export const createTicketBody = z
  .object({
    type: z.enum(TICKET_TYPES),
    category: z.enum(CATEGORIES).optional().describe('required for complaints; other types default by type'),
    customer: customerFields.optional().describe('the caller; found by phone or registered on the spot'),
    customer_id: id.optional(),
    channel: z.enum(CHANNELS).default('hotline'),
    description: text(4000),
    priority: z.enum(PRIORITIES).default('normal'),
    payment: z
      .object({
        channel: z.enum(PAYMENT_CHANNELS),
        paid_at: isoDateTime,
        confirmed_at: isoDateTime.optional().describe('bank transfers: when the bank confirmed the payment; the reconnection clock starts there (absent: at paid_at)'),
      })
      .strict()
      .optional()
      .describe('reconnection only: how and when the arrears were paid'),
    resolve: resolutionFields.strict().optional().describe('one-call resolution: the agent solved it during the call'),
    call_id: z.string().trim().min(1).max(100).optional().describe('the phone system\'s id of the call this contact came in on (caller pop)'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.customer === undefined) === (body.customer_id === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'give either customer or customer_id' });
    }
    if (body.resolve) needsSomeCause(body.resolve, ctx, ['resolve']);
    if (body.type === 'complaint' && body.category === undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'required for complaints' });
    }
    if (body.type === 'reconnection' && body.payment === undefined) {
      ctx.addIssue({ code: 'custom', path: ['payment'], message: 'required for reconnection' });
    }
    if (body.type !== 'reconnection' && body.payment !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['payment'], message: 'only for reconnection' });
    }
    if (body.payment?.confirmed_at !== undefined) {
      if (body.payment.channel !== 'bank') ctx.addIssue({ code: 'custom', path: ['payment', 'confirmed_at'], message: 'only for bank transfers' });
      else if (Date.parse(body.payment.confirmed_at) < Date.parse(body.payment.paid_at)) {
        ctx.addIssue({ code: 'custom', path: ['payment', 'confirmed_at'], message: 'before paid_at' });
      }
    }
  });

export const dispatchBody = z
  .object({ unit_id: id, assignee_id: id.optional(), note: text(2000).optional() })
  .strict();

export const resolveBody = resolutionFields.strict().superRefine((r, ctx) => needsSomeCause(r, ctx, []));

export const mergeBody = z
  .object({
    into_ticket_id: id.describe('the ticket that carries on (same customer, not closed)'),
    note: text(2000).optional(),
  })
  .strict();

export const callbackBody = z.object({ outcome: z.enum(CALLBACK_OUTCOMES), note: text(2000).optional() }).strict();

export const commentBody = z.object({ body: text(4000) }).strict();

export const HOLD_REASONS = ['waiting_customer', 'waiting_parts', 'other'] as const;
export const holdBody = z.object({ reason: z.enum(HOLD_REASONS), note: text(2000).optional() }).strict();
export const unholdBody = z.object({ reason: z.enum(HOLD_REASONS).optional(), note: text(2000).optional() }).strict();

const csv = <T extends [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const listTicketsQuery = z
  .object({
    status: csv([...STATUSES]).optional().describe('one or more, comma-separated'),
    type: csv([...TICKET_TYPES]).optional(),
    category: csv([...CATEGORIES]).optional(),
    unit_id: id.optional().describe('tickets of this unit and its subtree'),
    assignee_id: id.optional(),
    customer_id: id.optional(),
    owner_id: id.optional().describe('leadership cases owned by this user'),
    unassigned: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: only tickets nobody has taken'),
    round: z.enum(['first', 'second']).optional().describe('first: handling round 1; second: a second (or later) handling'),
    sort: z.enum(['newest', 'due']).default('newest').describe('due: breached first, then soonest SLA due time'),
    sla_state: csv(['ok', 'warning', 'breached']).optional().describe('by the worst open SLA timer of the ticket (with sla_policy: by that policy\'s open timer)'),
    sla_policy: z.string().regex(/^[a-z][a-z0-9_,]{1,600}$/).transform((v) => v.split(',').filter(Boolean)).optional()
      .describe('tickets with an open timer of one of these policies (keys, comma-separated)'),
    subtree: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').describe('with unit_id: false counts the unit itself only'),
    no_unit: z.enum(['true']).transform(() => true).optional().describe('tickets not dispatched to any unit yet'),
    payment_channel: csv([...PAYMENT_CHANNELS]).optional().describe('reconnections by how the customer paid'),
    area: z.enum(['city', 'county']).optional().describe("the customer's area (unknown counts as city, as SLA tiers do)"),
    q: z.string().trim().min(1).max(100).optional().describe('ticket number, customer phone, or words in the description'),
    figure: z.enum(FIGURE_KEYS).optional().describe('the tickets a figure of the case-analysis report counts (needs month)'),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').optional().describe("the report month of `figure`, in the desk's time zone"),
    limit,
    cursor,
  })
  .strict()
  .refine((q) => (q.figure === undefined) === (q.month === undefined), { message: 'figure and month go together', path: ['month'] });

export const ifMatchHeader = {
  name: 'If-Match',
  required: true,
  description: 'the ticket version you acted on (from `version` or the ETag); stale: 409',
};

export const timelineEventSchema = z.object({
  id: z.number().int(),
  type: z.enum(TIMELINE_EVENT_TYPES),
  at: z.string(),
  actor_id: z.number().int().nullable(),
  actor_name: z.string().nullable().describe('who acted; null for the system (timers, the customer answering a survey)'),
  data: z.record(z.string(), z.unknown()),
  source: z.object({ ticket_id: z.number().int(), number: z.string() }).nullable().optional()
    .describe('on a survivor: the duplicate merged into it whose timeline this event comes from'),
});

export const callbackSchema = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    handling_round: z.number().int(),
    attempt: z.number().int(),
    due_at: z.string(),
    assignee_id: z.number().int().nullable(),
    state: z.enum(['scheduled', 'due', 'automated', 'done', 'cancelled']).describe('automated: an SMS or IVR survey waits for the customer\'s answer'),
    outcome: z.enum(ATTEMPT_OUTCOMES).nullable().describe('no_reply: an automated attempt got no usable answer and went to an agent'),
    channel: z.enum(CALLBACK_CHANNELS),
    note: z.string().nullable(),
    done_at: z.string().nullable(),
  })
  .meta({ id: 'Callback' });

export const ticketSchema = z
  .object({
    id: z.number().int(),
    number: z.string().describe('human-readable, e.g. TS20261125-0001'),
    type: z.enum(TICKET_TYPES),
    category: z.enum(CATEGORIES),
    status: z.enum(STATUSES),
    version: z.number().int(),
    handling_round: z.number().int().describe('1 for the first handling, 2 after an unsatisfied callback, …'),
    channel: z.enum(TICKET_CHANNELS).describe('system: opened by a feed (a billing payment)'),
    priority: z.enum(PRIORITIES),
    description: z.string(),
    customer_id: z.number().int(),
    customer: customerSchema,
    unit_id: z.number().int().nullable(),
    assignee_id: z.number().int().nullable(),
    accepted_by: z.number().int(),
    payment: z
      .object({
        channel: z.enum(PAYMENT_CHANNELS),
        paid_at: z.string(),
        confirmed_at: z.string().nullable().describe('bank transfers: the bank confirmation time'),
        tier: z.number().int().nullable().describe('the reconnection tier (1 first) the SLA policy put the ticket in by payment channel × area'),
      })
      .nullable(),
    resolution: z.string().nullable(),
    cause: z.string().nullable(),
    responsibility: z.enum(RESPONSIBILITIES).nullable(),
    one_call_resolution: z.boolean(),
    close_reason: z.enum(CLOSE_REASONS).nullable(),
    close_pending_reason: z.enum(CLOSE_REASONS).nullable()
      .describe('a leadership case kept resolved until its owner records the missing duties; then it closes with this reason'),
    created_at: z.string(),
    updated_at: z.string(),
    dispatched_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    on_hold: z.boolean().describe('waiting on the customer or on parts: pausable internal SLA timers are stopped'),
    call_id: z.string().nullable().describe('the call the ticket was accepted on, from the phone system'),
    urge_count: z.number().int().describe('how many times the caller chased it (催单)'),
    cause_id: z.number().int().nullable().describe('the cause picked from the cause tree at resolution'),
    merged_into_id: z.number().int().nullable().describe('a duplicate closed as merged: the ticket that carries on'),
  })
  .meta({ id: 'Ticket' });


/** The worst open SLA timer of a ticket, as a queue row shows it. */
export const slaSummarySchema = z
  .object({
    state: z.enum(['ok', 'warning', 'breached', 'paused']).describe('paused: every open timer is stopped by a hold'),
    due_at: z.string().nullable().describe('the soonest breach among running timers; null when paused or every timer breached'),
    breached_at: z.string().nullable().describe('the first breach, when one has'),
    remaining_seconds: z.number().nullable().describe('while paused: what the soonest timer has left'),
  })
  .meta({ id: 'SlaSummary' });

export const ticketListItemSchema = ticketSchema.extend({ sla: slaSummarySchema.nullable().describe('null: no open SLA timer') }).meta({ id: 'TicketListItem' });

export const ticketListSchema = z.object({ items: z.array(ticketListItemSchema), next_cursor: z.string().nullable() });

export const claimBody = z.object({}).strict();
export const assignBody = z.object({ assignee_id: id.nullable().describe('null: back to the unit'), note: text(2000).optional() }).strict();
export const urgeSettingsSchema = z
  .object({ escalate_after: z.number().int().min(0).max(20).describe('the urge count that makes a ticket urgent and tells the unit head; 0: never') })
  .strict()
  .meta({ id: 'UrgeSettings' });
export const urgeBody = z.object({ note: text(2000).optional() }).strict();

export const BULK_ACTIONS = ['dispatch', 'assign', 'comment'] as const;
export const bulkBody = z
  .object({
    action: z.enum(BULK_ACTIONS),
    tickets: z.array(z.object({ id, version: z.number().int().min(1) }).strict()).min(1).max(200).describe('each with the version the user saw'),
    unit_id: id.optional().describe('dispatch: the unit'),
    assignee_id: id.nullable().optional().describe('dispatch (optional) or assign: the person'),
    note: text(2000).optional(),
    body: text(4000).optional().describe('comment: the text'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === 'dispatch' && b.unit_id === undefined) ctx.addIssue({ code: 'custom', path: ['unit_id'], message: 'required for dispatch' });
    if (b.action === 'assign' && b.assignee_id === undefined) ctx.addIssue({ code: 'custom', path: ['assignee_id'], message: 'required for assign (null to unassign)' });
    if (b.action === 'comment' && b.body === undefined) ctx.addIssue({ code: 'custom', path: ['body'], message: 'required for comment' });
    if (new Set(b.tickets.map((t) => t.id)).size !== b.tickets.length) ctx.addIssue({ code: 'custom', path: ['tickets'], message: 'a ticket appears twice' });
  });

export const bulkResultSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(z.object({
    id: z.number().int(),
    ok: z.boolean(),
    version: z.number().int().nullable().describe('the new version when it worked'),
    status: z.number().int().nullable().describe('the HTTP status this change alone would have got'),
    code: z.string().nullable().describe('stable machine code of the failure (stale_version, illegal_transition, forbidden, not_found, rule)'),
    detail: z.string().nullable(),
  })),
});

export type CreateTicketInput = z.output<typeof createTicketBody>;
export type DispatchInput = z.output<typeof dispatchBody>;
export type ResolveInput = z.output<typeof resolveBody>;
export type CallbackInput = z.output<typeof callbackBody>;
export type HoldInput = z.output<typeof holdBody>;
export type UnholdInput = z.output<typeof unholdBody>;
export type ListTicketsQuery = z.output<typeof listTicketsQuery>;
export type AssignInput = z.output<typeof assignBody>;
export type MergeInput = z.output<typeof mergeBody>;
export type BulkInput = z.output<typeof bulkBody>;
export type BulkResult = z.output<typeof bulkResultSchema>;
export type SlaSummary = z.output<typeof slaSummarySchema>;
export type TicketListItem = z.output<typeof ticketListItemSchema>;
export type TicketView = z.output<typeof ticketSchema>;
export type CallbackView = z.output<typeof callbackSchema>;
