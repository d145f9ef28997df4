import { z } from 'zod';
import { ticketSchema } from '../tickets/schemas';
import { customerSchema } from './schemas';

// Apart from schemas.ts: ticket schemas import the customer schema, so this one cannot live there.

/** A complaint within this many days of an earlier one from the same customer is a repeat complaint. */
export const REPEAT_WINDOW_DAYS = 30;

export const customerHistorySchema = z.object({
  customer: customerSchema,
  open_tickets: z.array(ticketSchema).describe('tickets not yet closed, newest first'),
  complaints: z.array(ticketSchema).describe('the latest 20 complaints, any status, newest first'),
  repeat_complaint: z.boolean().describe('true when the customer complained within the last repeat_window_days'),
  repeat_window_days: z.number().int(),
});
export type CustomerHistory = z.output<typeof customerHistorySchema>;
