import { z } from 'zod';
import { CATEGORIES, CHANNELS, TICKET_TYPES } from '../tickets/vocabulary';

/** Facts a rule can look at; flags come from people (major problem) or the detector (mass complaint). */
export const CASE_FLAGS = ['major_problem', 'mass_complaint'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];
export const CUSTOMER_TIERS = ['standard', 'vip', 'big_customer'] as const;

export const ruleMatchSchema = z
  .object({
    types: z.array(z.enum(TICKET_TYPES)).min(1).optional(),
    categories: z.array(z.enum(CATEGORIES)).min(1).optional(),
    channels: z.array(z.enum(CHANNELS)).min(1).optional(),
    customer_tiers: z.array(z.enum(CUSTOMER_TIERS)).min(1).optional(),
    flags: z.array(z.enum(CASE_FLAGS)).min(1).optional(),
  })
  .strict()
  .refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'name at least one criterion' })
  .describe('every listed criterion must hold; within a list, any value matches');

export type RuleMatch = z.output<typeof ruleMatchSchema>;

export interface OwnershipRule {
  key: string;
  name: string;
  enabled: boolean;
  match: RuleMatch;
}

export interface CaseFacts {
  type: string;
  category: string;
  channel: string;
  customerTier: string;
  flags: ReadonlySet<CaseFlag>;
}

const hits = (list: readonly string[] | undefined, value: string) => list === undefined || list.includes(value);

export function ruleApplies(match: RuleMatch, facts: CaseFacts): boolean {
  return (
    hits(match.types, facts.type) &&
    hits(match.categories, facts.category) &&
    hits(match.channels, facts.channel) &&
    hits(match.customer_tiers, facts.customerTier) &&
    (match.flags === undefined || match.flags.some((flag) => facts.flags.has(flag)))
  );
}

/** The keys of the enabled rules that make this ticket a leadership case, in rule-key order. */
export function matchingRules(rules: readonly OwnershipRule[], facts: CaseFacts): string[] {
  return rules.filter((rule) => rule.enabled && ruleApplies(rule.match, facts)).map((rule) => rule.key).sort();
}

/** Owner actions that count as handling the case in person (a phone call does not). */
export const OWNER_ACTION_KINDS = ['visit', 'apology', 'call', 'meeting'] as const;
export const IN_PERSON_KINDS: readonly string[] = ['visit', 'apology', 'meeting'];
