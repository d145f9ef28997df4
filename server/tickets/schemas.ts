import { z } from 'zod';
import { customerFields, customerSchema } from '../customers/schemas';
import { cursor, id, isoDateTime, limit, text } from '../http/schemas';
import { FIGURE_KEYS } from '../reports/definitions';
import { CALLBACK_OUTCOMES, STATUSES } from './status';
import { CATEGORIES, CHANNELS, CLOSE_REASONS, PAYMENT_CHANNELS, PRIORITIES, RESPONSIBILITIES, TICKET_TYPES } from './vocabulary';

const resolutionFields = z.object({
  resolution: text(4000).describe('what was done'),
  cause: text(1000).describe('why it happened'),
  responsibility: z.enum(RESPONSIBILITIES).describe('company = a responsibility complaint (责任投诉)'),
});

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
      .object({ channel: z.enum(PAYMENT_CHANNELS), paid_at: isoDateTime })
      .strict()
      .optional()
      .describe('reconnection only: how and when the arrears were paid (bank: the bank confirmation time)'),
    resolve: resolutionFields.strict().optional().describe('one-call resolution: the agent solved it during the call'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.customer === undefined) === (body.customer_id === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'give either customer or customer_id' });
    }
    if (body.type === 'complaint' && body.category === undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'required for complaints' });
    }
    if (body.type === 'reconnection' && body.payment === undefined) {
      ctx.addIssue({ code: 'custom', path: ['payment'], message: 'required for reconnection' });
    }
    if (body.type !== 'reconnection' && body.payment !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['payment'], message: 'only for reconnection' });
    }
  });

export const dispatchBody = z
  .object({ unit_id: id, assignee_id: id.optional(), note: text(2000).optional() })
  .strict();

export const resolveBody = resolutionFields.strict();

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
    sla_state: csv(['ok', 'warning', 'breached']).optional().describe('by the worst open SLA timer of the ticket'),
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

const timelineEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  at: z.string(),
  actor_id: z.number().int().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const callbackSchema = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    handling_round: z.number().int(),
    attempt: z.number().int(),
    due_at: z.string(),
    assignee_id: z.number().int().nullable(),
    state: z.enum(['scheduled', 'due', 'done', 'cancelled']),
    outcome: z.enum(CALLBACK_OUTCOMES).nullable(),
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
    channel: z.enum(CHANNELS),
    priority: z.enum(PRIORITIES),
    description: z.string(),
    customer_id: z.number().int(),
    customer: customerSchema,
    unit_id: z.number().int().nullable(),
    assignee_id: z.number().int().nullable(),
    accepted_by: z.number().int(),
    payment: z.object({ channel: z.enum(PAYMENT_CHANNELS), paid_at: z.string() }).nullable(),
    resolution: z.string().nullable(),
    cause: z.string().nullable(),
    responsibility: z.enum(RESPONSIBILITIES).nullable(),
    one_call_resolution: z.boolean(),
    close_reason: z.enum(CLOSE_REASONS).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    dispatched_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    on_hold: z.boolean().describe('waiting on the customer or on parts: pausable internal SLA timers are stopped'),
  })
  .meta({ id: 'Ticket' });

export const ticketDetailSchema = ticketSchema
  .extend({
    events: z.array(timelineEvent).describe('the timeline, oldest first'),
    timers: z.array(z.object({ policy_key: z.string(), started_at: z.string(), due_at: z.string(), state: z.string() })),
    callbacks: z.array(callbackSchema),
    ownership: z.object({ owner_id: z.number().int(), reason: z.string() }).passthrough().nullable(),
    incident: z
      .object({ id: z.number().int(), title: z.string(), status: z.string(), explanation_wording: z.string().nullable() })
      .passthrough()
      .nullable()
      .optional()
      .describe('the mass complaint (规模性投诉) this ticket is linked to, with the wording agents give callers'),
  })
  .meta({ id: 'TicketDetail' });

export const ticketListSchema = z.object({ items: z.array(ticketSchema), next_cursor: z.string().nullable() });

export type CreateTicketInput = z.output<typeof createTicketBody>;
export type DispatchInput = z.output<typeof dispatchBody>;
export type ResolveInput = z.output<typeof resolveBody>;
export type CallbackInput = z.output<typeof callbackBody>;
export type HoldInput = z.output<typeof holdBody>;
export type UnholdInput = z.output<typeof unholdBody>;
export type ListTicketsQuery = z.output<typeof listTicketsQuery>;
export type TicketView = z.output<typeof ticketSchema>;
export type TicketDetailView = z.output<typeof ticketDetailSchema>;
export type CallbackView = z.output<typeof callbackSchema>;
