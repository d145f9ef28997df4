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
  suggested_unit: z
    .object({ unit_id: z.number().int(), source: z.enum(['customer_record', 'past_tickets']) })
    .nullable()
    .describe("where to dispatch: the customer's own unit (area) on record, else the unit most of their past tickets went to"),
});
export type CustomerHistory = z.output<typeof customerHistorySchema>;
