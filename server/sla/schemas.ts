import { z } from 'zod';
import { id } from '../http/schemas';
import { CATEGORIES, PAYMENT_CHANNELS, TICKET_TYPES } from '../tickets/vocabulary';

export const SLA_STATES = ['ok', 'warning', 'breached'] as const;
const AREAS = ['city', 'county'] as const;
const TIERS = ['standard', 'vip', 'big_customer'] as const;
/** Ticket changes a timer can start or stop on; `paid` is the payment instant of a reconnection. */
const START_EVENTS = ['accepted', 'paid', 'resolved', 'reopened'] as const;
const STOP_EVENTS = ['dispatched', 'resolved', 'reopened', 'closed'] as const;

const fraction = z.number().gt(0).lt(1);

const csv = <T extends [string, ...string[]]>(values: T) =>
  z.string().transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1));

export const policyKeyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'lowercase letters, digits and _') }).strict();

export const putPolicyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    ticket_type: z.enum(TICKET_TYPES).nullable().describe('null: every type (e.g. big customers)'),
    category: z.enum(CATEGORIES).nullable().default(null),
    customer_tier: z.enum(TIERS).nullable().default(null),
    area: z.enum(AREAS).nullable().default(null).describe("the customer's area (city when unknown)"),
    payment_channel: z.enum(PAYMENT_CHANNELS).nullable().default(null),
    start_on: z.array(z.enum(START_EVENTS)).min(1).default(['accepted']),
    stop_on: z.array(z.enum(STOP_EVENTS)).min(1).default(['resolved']),
    target_seconds: z.number().int().positive().max(366 * 86400),
    warn_at: z.array(fraction).max(5).refine((list) => list.every((f, i) => i === 0 || f > list[i - 1]!), 'ascending, no repeats').default([]),
    clock: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/).default('wall').describe("'wall', or the key of a working calendar (business, callable)"),
    regulatory: z.boolean(),
    pausable: z.boolean().default(false).describe('stops while the ticket is on hold; never for regulatory limits'),
    escalate_on_breach: z.boolean(),
    tiers: z
      .array(z.object({ payment_channel: z.enum(PAYMENT_CHANNELS), area: z.enum(AREAS), tier: z.number().int().min(1).max(99) }).strict())
      .nullable()
      .default(null)
      .describe('work order by payment channel × area (reconnection)'),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.regulatory && body.pausable) ctx.addIssue({ code: 'custom', path: ['pausable'], message: 'a regulatory limit never pauses' });
  });

export const policySchema = putPolicyBody
  .safeExtend({ key: z.string(), version: z.number().int(), updated_at: z.string(), updated_by: z.number().int().nullable() })
  .meta({ id: 'SlaPolicy' });

export const timerSchema = z
  .object({
    id: z.number().int(),
    policy_key: z.string(),
    name: z.string(),
    policy_version: z.number().int(),
    regulatory: z.boolean(),
    pausable: z.boolean(),
    clock: z.string(),
    handling_round: z.number().int(),
    tier: z.number().int().nullable(),
    state: z.enum(['running', 'paused', 'warning', 'breached', 'met', 'cancelled']),
    started_at: z.string(),
    due_at: z.string().describe('while paused: when it would fall due if resumed now'),
    target_seconds: z.number().int(),
    elapsed_seconds: z.number(),
    remaining_seconds: z.number().describe('negative once breached'),
    warnings: z.array(z.object({ fraction: z.number(), at: z.string(), fired_at: z.string() })),
    breached_at: z.string().nullable(),
    stopped_at: z.string().nullable(),
    met_on_time: z.boolean().nullable(),
    segments: z.array(z.object({ start: z.string(), end: z.string().nullable() })).describe('counted intervals; gaps are holds'),
  })
  .meta({ id: 'SlaTimer' });

export const boardQuery = z
  .object({
    unit_id: id.optional().describe('this unit and its subtree'),
    type: csv([...TICKET_TYPES]).optional(),
    policy: z.string().regex(/^[a-z][a-z0-9_,]{1,600}$/).transform((v) => v.split(',').filter(Boolean)).optional().describe('policy keys, comma-separated'),
  })
  .strict();

const unitRow = z.object({
  unit_id: z.number().int().nullable().describe('null: accepted, not yet dispatched'),
  name: z.string().nullable(),
  ok: z.number().int(),
  warning: z.number().int(),
  breached: z.number().int(),
  soonest_due_at: z.string().nullable(),
});

export const boardSchema = z
  .object({
    generated_at: z.string(),
    totals: z.object({ ok: z.number().int(), warning: z.number().int(), breached: z.number().int() }),
    units: z.array(unitRow).describe('open tickets by their worst open timer'),
    soonest: z.array(z.object({ ticket_id: z.number().int(), unit_id: z.number().int().nullable(), policy_key: z.string(), due_at: z.string() })),
    met_today: z.object({ met: z.number().int(), on_time: z.number().int(), rate: z.number().nullable() }),
  })
  .meta({ id: 'SlaBoard' });

export type PutPolicyInput = z.output<typeof putPolicyBody>;
export type PolicyView = z.output<typeof policySchema>;
export type TimerView = z.output<typeof timerSchema>;
export type BoardQuery = z.output<typeof boardQuery>;
export type BoardView = z.output<typeof boardSchema>;
