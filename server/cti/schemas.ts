import { z } from 'zod';
import { phone } from '../http/schemas';

export const ringingCallBody = z
  .object({
    agent: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]).describe("the agent's username (or user id) whose phone rings"),
    caller: phone.describe('the calling number, as the phone system reports it'),
    call_id: z.string().trim().min(1).max(100).describe("the phone system's id of the call: kept on the ticket it produces"),
  })
  .strict();

export const ringingCallSchema = z
  .object({
    id: z.number().int(),
    call_id: z.string(),
    agent_id: z.number().int(),
    caller: z.string(),
    customer_id: z.number().int().nullable().describe('the caller as a known customer; null for a new caller'),
    at: z.string(),
  })
  .meta({ id: 'RingingCall' });

export type RingingCallInput = z.output<typeof ringingCallBody>;
export type RingingCallView = z.output<typeof ringingCallSchema>;
