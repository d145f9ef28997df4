import { z } from 'zod';
import { limit, text } from '../http/schemas';

export const escalationSchema = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    ticket_number: z.string().optional().describe('in lists: the ticket number people read'),
    level: z.number().int().describe('1 = the head above the case owner, 2 = the next one up, …'),
    unit_id: z.number().int(),
    recipient_id: z.number().int(),
    owner_id: z.number().int(),
    reason: z.enum(['breach', 'inactivity', 'unacknowledged']),
    raised_at: z.string(),
    acknowledged_at: z.string().nullable(),
    acknowledged_by: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Escalation' });

export const acknowledgeBody = z.object({ note: text(2000).optional() }).strict();

export const listEscalationsQuery = z.object({ state: z.enum(['pending', 'acknowledged', 'all']).default('pending'), limit }).strict();

export const escalationPolicyBody = z
  .object({
    inactivity_seconds: z.number().int().min(60).max(30 * 86400).describe('an owner who records nothing this long after getting the case is escalated'),
    step_seconds: z.number().int().min(60).max(30 * 86400).describe('each level has this long to acknowledge before the case goes one level up'),
  })
  .strict();

export const escalationPolicySchema = z
  .object({ inactivity_seconds: z.number().int(), step_seconds: z.number().int(), updated_at: z.string() })
  .meta({ id: 'EscalationPolicy' });

export type EscalationView = z.output<typeof escalationSchema>;
export type ListEscalationsQuery = z.output<typeof listEscalationsQuery>;
export type EscalationPolicyInput = z.output<typeof escalationPolicyBody>;
export type EscalationPolicyView = z.output<typeof escalationPolicySchema>;
