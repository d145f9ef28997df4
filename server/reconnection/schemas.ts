import { z } from 'zod';
import { area, cursor, id, isoDateTime, phone } from '../http/schemas';

export const BATCH_MAX = 1000;
export const FEED_PAYMENT_CHANNELS = ['counter', 'bank', 'card', 'online', 'prepaid_card'] as const;

const externalId = z.string().trim().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : -, at most 64');
const accountNo = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and -, at most 32');

/** One payment as billing sends it; checked event by event (one bad event never rejects the others). */
export const paymentEventSchema = z
  .object({
    external_id: externalId.describe("billing's id of the payment: the same id twice is one payment"),
    account_no: accountNo,
    phone: phone.optional(),
    channel: z.enum(FEED_PAYMENT_CHANNELS),
    paid_at: isoDateTime,
    confirmed_at: isoDateTime.optional().describe("bank transfers: the bank's confirmation; both clocks start there"),
    amount: z.number().positive().max(1e10),
    area: area.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.confirmed_at !== undefined && Date.parse(e.confirmed_at) < Date.parse(e.paid_at)) {
      ctx.addIssue({ code: 'custom', path: ['confirmed_at'], message: 'before paid_at' });
    }
  })
  .meta({ id: 'PaymentEvent' });

export const suspensionEventSchema = z
  .object({
    external_id: externalId,
    account_no: accountNo,
    phone: phone.optional().describe("needed when the desk does not know the account yet"),
    area: area.optional(),
    kind: z.enum(['notified', 'suspended']).describe('notified: the customer was told suspension is coming; suspended: service stopped for arrears'),
    at: isoDateTime,
  })
  .strict()
  .meta({ id: 'SuspensionEvent' });

export const restorationEventSchema = z
  .object({
    external_id: externalId,
    account_no: accountNo.optional(),
    ticket_id: id.optional(),
    restored_at: isoDateTime.describe('when the line came back: the timers stop here, whenever the report arrives'),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.account_no === undefined) === (e.ticket_id === undefined)) ctx.addIssue({ code: 'custom', path: ['account_no'], message: 'give account_no or ticket_id' });
  })
  .meta({ id: 'RestorationEvent' });

/** The batch is read loosely: each event is checked on its own and answered on its own. */
const batchOf = (what: string) =>
  z.object({
    events: z.array(z.record(z.string(), z.unknown())).min(1).max(BATCH_MAX).describe(`up to ${BATCH_MAX} ${what}, each answered on its own`),
  }).strict();

export const paymentsBody = batchOf('PaymentEvent objects');
export const suspensionsBody = batchOf('SuspensionEvent objects');
export const restorationsBody = batchOf('RestorationEvent objects');

export const EVENT_RESULTS = ['accepted', 'duplicate', 'rejected'] as const;

export const eventResultSchema = z.object({
  index: z.number().int().describe('position in the batch'),
  external_id: z.string().nullable(),
  result: z.enum(EVENT_RESULTS),
  outcome: z.string().nullable().describe('payments: watch_opened / joined_watch / recorded; suspensions: notified / suspended / suspended_without_notice; restorations: closed / callback / no_watch'),
  ticket_id: z.number().int().nullable().describe('the reconnection watch the event opened, joined or closed'),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).describe('rejected: which field and why'),
});

export const batchResultSchema = z
  .object({
    accepted: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
    results: z.array(eventResultSchema),
  })
  .meta({ id: 'FeedBatchResult' });

export const queueQuery = z
  .object({
    tier: z.coerce.number().int().min(1).max(99).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor,
  })
  .strict();

const queueItem = z.object({
  ticket_id: z.number().int(),
  number: z.string(),
  account_no: z.string(),
  phone: z.string(),
  customer_name: z.string().nullable(),
  channel: z.string(),
  area: area,
  tier: z.number().int().nullable(),
  paid_at: z.string(),
  clock_from: z.string().describe('payment, or the bank confirmation'),
  internal_due_at: z.string(),
  regulatory_due_at: z.string(),
  state: z.enum(['ok', 'internal_breached', 'regulatory_breached']),
  urge_count: z.number().int(),
});

export const queueSchema = z
  .object({
    generated_at: z.string(),
    tiers: z.array(z.object({
      tier: z.number().int().nullable(),
      open: z.number().int(),
      internal_breached: z.number().int(),
      regulatory_breached: z.number().int(),
      soonest_due_at: z.string().nullable(),
    })).describe('open watches per tier'),
    items: z.array(queueItem).describe('by tier, then by the 2-hour due time'),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'ReconnectionQueue' });

export type PaymentEvent = z.output<typeof paymentEventSchema>;
export type SuspensionEvent = z.output<typeof suspensionEventSchema>;
export type RestorationEvent = z.output<typeof restorationEventSchema>;
export type EventResult = z.output<typeof eventResultSchema>;
export type BatchResult = z.output<typeof batchResultSchema>;
export type QueueQuery = z.output<typeof queueQuery>;
export type QueueView = z.output<typeof queueSchema>;
