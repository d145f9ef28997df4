import { z } from 'zod';
import { id } from '../http/schemas';

export const parkedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: id.optional().describe('deliveries older than this id (the previous page\'s last)'),
}).strict();

export const parkedMailSchema = z.object({
  id: z.number().int(),
  notification_id: z.string().describe('what the mail announces, e.g. `ownership:42`'),
  kind: z.string().describe('the mail kind, e.g. ownership.assigned, callback.survey'),
  subject: z.string(),
  recipient: z.string(),
  ticket_id: z.number().int().nullable(),
  ticket_number: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable().describe("the mail server's refusal, as it said it"),
  created_at: z.string().describe('when the mail was decided'),
}).strict().meta({ id: 'ParkedMail' });

export const parkedPageSchema = z.object({
  items: z.array(parkedMailSchema),
  next_before: z.number().int().nullable().describe('pass as `before` for the next page; null on the last'),
}).strict().meta({ id: 'ParkedMailPage' });

export const retriedSchema = z.object({
  id: z.number().int(),
  status: z.literal('pending').describe('waiting for the mail worker, which sends it within a second or two'),
}).strict().meta({ id: 'MailRetried' });

export type ParkedMail = z.output<typeof parkedMailSchema>;
