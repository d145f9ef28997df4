import { z } from 'zod';
import { id } from '../http/schemas';

const counts = { ok: z.number().int(), warning: z.number().int(), breached: z.number().int() };

const timerRow = z.object({
  timer_id: z.number().int(),
  ticket_id: z.number().int(),
  number: z.string(),
  type: z.string(),
  unit_id: z.number().int().nullable(),
  unit_name: z.string().nullable(),
  policy_key: z.string(),
  policy_name: z.string().describe("the policy's current name"),
  regulatory: z.boolean().describe('a regulator\'s limit, not an internal target'),
  tier: z.number().int().nullable(),
  state: z.enum(['running', 'paused', 'warning', 'breached']),
  due_at: z.string().nullable().describe('projected breach; null while paused'),
  breached_at: z.string().nullable(),
  late_seconds: z.number().int().nullable().describe('how long past its limit (breached timers)'),
  remaining_seconds: z.number().int().nullable().describe('until its limit (running timers)'),
  assignee_id: z.number().int().nullable(),
  assignee_name: z.string().nullable(),
  owner_id: z.number().int().nullable().describe('the leadership case owner, if the ticket is a case'),
  owner_name: z.string().nullable(),
});

const period = z.object({
  breached: z.number().int().describe('timers that breached in the period'),
  met: z.number().int().describe('timers stopped by their goal in the period'),
  on_time: z.number().int().describe('of those, stopped before their limit'),
  rate: z.number().nullable().describe('on_time ÷ met; null when nothing was met'),
});

export const boardViewSchema = z
  .object({
    generated_at: z.string(),
    unit: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('the viewed unit; null: every top-level unit'),
    breadcrumb: z.array(z.object({ id: z.number().int(), name: z.string() })).describe('the viewed unit and those above it that the caller may see, top first'),
    totals: z.object(counts).describe('open tickets by their worst open timer'),
    tiles: z
      .array(z.object({
        kind: z.enum(['unit', 'self', 'undispatched']).describe('unit: a child unit and its subtree; self: tickets on the viewed unit itself; undispatched: no unit yet'),
        unit_id: z.number().int().nullable(),
        name: z.string().nullable(),
        has_children: z.boolean(),
        ...counts,
        soonest_due_at: z.string().nullable(),
      }))
      .describe('open tickets by worst timer; the queue link of a tile is unit_id (+ subtree=false for self, no_unit=true for undispatched) and sla_state'),
    policies: z.array(z.object({ policy_key: z.string(), name: z.string(), regulatory: z.boolean(), target_seconds: z.number().int(), ...counts }))
      .describe('open timers per policy by state: regulatory limits first'),
    tiers: z.array(z.object({
      policy_key: z.string(),
      name: z.string(),
      cells: z.array(z.object({ payment_channel: z.string().nullable(), area: z.enum(['city', 'county']), tier: z.number().int().nullable(), ...counts, soonest_due_at: z.string().nullable() })),
    })).describe('reconnection work by payment channel × area, for each tiered policy'),
    late: z.object({ warning: z.number().int(), breached: z.number().int(), items: z.array(timerRow) })
      .describe('open timers in warning or breached, breached first and longest late first (at most 100 listed)'),
    soonest: z.array(timerRow).describe('running timers not yet breached, soonest due first'),
    today: period,
    month: period,
    hourly: z.array(z.object({ hour: z.number().int(), breached: z.number().int(), met: z.number().int(), on_time: z.number().int() }))
      .describe("today by local hour (0–23) in LOOPDESK_TIMEZONE"),
  })
  .meta({ id: 'SlaBoardView' });

export const boardUnitParams = z.object({ id }).strict();
export const boardViewQuery = z.object({}).strict();

export type BoardViewBody = z.output<typeof boardViewSchema>;
export type BoardTimerRow = z.output<typeof timerRow>;
