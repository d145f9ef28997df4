import { z } from 'zod';
import { ticketSchema } from '../tickets/schemas';
import { cursor, isoDateTime, limit, text } from '../http/schemas';
import { OWNER_ACTION_KINDS, ruleMatchSchema } from './rules';

export const ruleKeyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _') }).strict();

export const ruleBody = z
  .object({ name: text(200), enabled: z.boolean().default(true), match: ruleMatchSchema })
  .strict();

export const ruleSchema = z
  .object({ key: z.string(), name: z.string(), enabled: z.boolean(), match: z.record(z.string(), z.array(z.string())) })
  .meta({ id: 'OwnershipRule' });

export const ownerActionBody = z
  .object({
    kind: z.enum(OWNER_ACTION_KINDS).describe('visit, apology and meeting are in person; a call is recorded but does not count as in person'),
    note: text(4000),
    at: isoDateTime.describe('when it happened'),
  })
  .strict();

export const explanationBody = z.object({ text: text(8000).describe('the written explanation of how the complaint was handled and corrected') }).strict();

export const majorProblemBody = z
  .object({ flagged: z.boolean(), note: text(2000).optional() })
  .strict();

export const myCasesQuery = z
  .object({ state: z.enum(['open', 'closed', 'all']).default('open'), limit, cursor })
  .strict();

export const ownershipSchema = z
  .object({
    owner_id: z.number().int(),
    owner_name: z.string().nullable(),
    unit_id: z.number().int().describe('the unit whose head owns the case'),
    reason: z.string().describe('the first matching rule key'),
    reasons: z.array(z.string()).describe('every matching ownership rule'),
    assigned_at: z.string(),
    actions: z.array(z.object({ id: z.number().int(), kind: z.string(), note: z.string(), at: z.string(), actor_id: z.number().int(), recorded_at: z.string() })),
    explanation: z.string().nullable(),
    explanation_at: z.string().nullable(),
    missing: z.array(z.enum(['in_person_action', 'explanation'])).describe('what the owner must still record before the case can close'),
    escalations: z.array(z.object({
      id: z.number().int(), level: z.number().int(), unit_id: z.number().int(), recipient_id: z.number().int(),
      reason: z.string(), raised_at: z.string(), acknowledged_at: z.string().nullable(),
    })).describe('each level the case went up to (逐级汇报), and whether that leader acknowledged'),
  })
  .meta({ id: 'Ownership' });

export const myCasesSchema = z.object({ items: z.array(ticketSchema.extend({ ownership: ownershipSchema })), next_cursor: z.string().nullable() });

export type RuleInput = z.output<typeof ruleBody>;
export type OwnerActionInput = z.output<typeof ownerActionBody>;
export type MyCasesQuery = z.output<typeof myCasesQuery>;
export type OwnershipView = z.output<typeof ownershipSchema>;
