import { z } from 'zod';
import { cursor, hhmm, id, isoDateTime, limit, text } from '../http/schemas';
import { ATTEMPT_OUTCOMES, CALLBACK_CHANNELS } from '../tickets/status';
import { TICKET_TYPES } from '../tickets/vocabulary';

const day = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const policyBody = z
  .object({
    window_seconds: z.number().int().min(60).max(30 * 86400).describe('the callback is due within this long after the resolution'),
    callable_hours: z.object({ from: hhmm, until: hhmm }).strict()
      .refine((h) => h.from < h.until, { message: 'from must be before until', path: ['until'] })
      .describe('local time in LOOPDESK_TIMEZONE; calls are made in [from, until)'),
    holiday_calendar: z.string().min(1).max(64).nullable().describe('the SLA working calendar whose holidays are not callable days (e.g. business), or null'),
    holidays: z.array(day).max(400).describe('extra local days without callbacks, on top of the calendar\'s holidays'),
    max_attempts: z.number().int().min(1).max(10),
    retry_spacing_seconds: z.number().int().min(60).max(7 * 86400),
    ticket_types: z.array(z.enum(TICKET_TYPES)).min(1)
      .refine((types) => types.includes('complaint'), 'complaints always get a callback: include complaint')
      .describe('ticket types whose resolution is followed by a callback; the others close with close_reason no_callback'),
    one_call_resolutions: z.boolean().describe('whether tickets resolved on the spot at intake get a callback (complaints always do)'),
    second_handling_seconds: z.number().int().min(60).max(30 * 86400).describe('deadline of the second handling after an unsatisfied callback'),
    survey_ttl_seconds: z.number().int().min(300).max(30 * 86400).describe('how long a mailed survey link stays valid'),
  })
  .strict();

export const policySchema = z
  .object({
    window_seconds: z.number().int(),
    callable_hours: z.object({ from: z.string(), until: z.string(), timezone: z.string() }),
    holiday_calendar: z.string().nullable(),
    holidays: z.array(z.string()),
    max_attempts: z.number().int(),
    retry_spacing_seconds: z.number().int(),
    ticket_types: z.array(z.enum(TICKET_TYPES)),
    one_call_resolutions: z.boolean(),
    second_handling_seconds: z.number().int(),
    survey_ttl_seconds: z.number().int(),
    updated_by: z.number().int().nullable(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'CallbackPolicy' });

export const workListQuery = z
  .object({
    state: z.enum(['due', 'scheduled', 'automated', 'done', 'cancelled']).optional()
      .describe('due: its time has come (assigned or waiting for an agent); scheduled: later; automated: an SMS or IVR survey waits for the answer'),
    assignee_id: z.union([z.literal('me'), z.literal('none'), id]).optional().describe('a user id, `me`, or `none` (not assigned)'),
    ticket_id: id.optional(),
    limit,
    cursor,
  })
  .strict();

export const workItemSchema = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    ticket_number: z.string(),
    ticket_type: z.enum(TICKET_TYPES),
    unit_id: z.number().int().nullable(),
    customer_name: z.string().nullable(),
    customer_phone: z.string(),
    handling_round: z.number().int(),
    attempt: z.number().int(),
    due_at: z.string(),
    window_ends_at: z.string().nullable(),
    late: z.boolean().describe('still open after the policy window ended'),
    assignee_id: z.number().int().nullable(),
    state: z.enum(['scheduled', 'due', 'automated', 'done', 'cancelled']),
    outcome: z.enum(ATTEMPT_OUTCOMES).nullable().describe('no_reply: an automated attempt got no usable answer and went to an agent'),
    channel: z.enum(CALLBACK_CHANNELS).describe('phone: an agent calls; sms: the SMS survey; ivr: the voice platform calls'),
    note: z.string().nullable(),
    customer_requested: z.boolean(),
    owner_duties_missing: z.array(z.enum(['in_person_action', 'explanation']))
      .describe('a leadership case: the owner duties not yet recorded; the outcome is kept and the case closes once they are'),
    answered_via: z.enum(['phone', 'survey', 'sms', 'ivr']).nullable(),
    done_at: z.string().nullable(),
  })
  .meta({ id: 'CallbackWorkItem' });

export const workListSchema = z.object({ items: z.array(workItemSchema), next_cursor: z.string().nullable() });

export const agentSchema = z
  .object({
    user_id: z.number().int(), name: z.string(), username: z.string(), active: z.boolean(), on_duty: z.boolean(),
    open_callbacks: z.number().int(), changed_at: z.string(),
  })
  .meta({ id: 'CallbackAgent' });

export const userIdParams = z.object({ user_id: id }).strict();
export const dutyBody = z.object({ on_duty: z.boolean() }).strict();

export const rescheduleBody = z.object({ at: isoDateTime.describe('the time the customer asked for'), note: text(2000).optional() }).strict();

export const figuresQuery = z
  .object({ from: month, to: month.optional(), unit_id: id.optional() })
  .strict()
  .refine((q) => q.to === undefined || q.to >= q.from, { message: 'to must not be before from', path: ['to'] })
  .refine((q) => q.to === undefined || monthsBetween(q.from, q.to) <= 36, { message: 'at most 36 months at once', path: ['to'] });

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty! - fy!) * 12 + (tm! - fm!);
}

const rate = z.number().nullable();
export const figuresSchema = z
  .object({
    from: z.string(), to: z.string(), timezone: z.string(), definitions: z.record(z.string(), z.string()),
    items: z.array(z.object({
      month: z.string(), unit_id: z.number().int().nullable(), unit_name: z.string().nullable(), attempts: z.number().int(), unreachable: z.number().int(),
      first_answered: z.number().int(), first_satisfied: z.number().int(), second_answered: z.number().int(), second_satisfied: z.number().int(),
      survey_answers: z.number().int(), first_time_satisfaction: rate, second_time_satisfaction: rate, unreachable_rate: rate,
    })),
  })
  .meta({ id: 'CallbackFigures' });

export const surveyParams = z.object({ token: z.string().max(200) }).strict();
export const surveyQuery = z.object({ lang: z.enum(['zh-CN', 'en']).optional() }).strict();
export const surveyAnswerBody = z.object({ outcome: z.enum(['satisfied', 'unsatisfied']), comment: text(1000).optional() }).strict();
export const surveySchema = z.object({ ticket_number: z.string(), summary: z.string(), expires_at: z.string() }).meta({ id: 'Survey' });

export type PolicyInput = z.output<typeof policyBody>;
export type PolicyView = z.output<typeof policySchema>;
export type WorkListQuery = z.output<typeof workListQuery>;
export type WorkItemView = z.output<typeof workItemSchema>;
export type AgentView = z.output<typeof agentSchema>;
export type RescheduleInput = z.output<typeof rescheduleBody>;
export type FiguresQuery = z.output<typeof figuresQuery>;
export type SurveyAnswerInput = z.output<typeof surveyAnswerBody>;

const httpUrl = z.url({ protocol: /^https?$/ }).max(500);

export const automationBody = z
  .object({
    channel: z.enum(['none', 'sms', 'ivr']).describe('how the first attempt of a round goes out; none: every attempt is an agent\'s call'),
    reply_wait_seconds: z.number().int().min(60).max(7 * 86400).describe('callable seconds to wait for the answer before an agent takes over'),
    daily_cap: z.number().int().min(1).max(20).describe('automated messages or calls one number gets per day at most'),
    send_rate_per_second: z.number().int().min(1).max(1000).describe('SMS and call requests sent per second at most'),
    ivr: z.object({
      endpoint: httpUrl.nullable().describe('the voice platform\'s call-request URL'),
      secret: z.string().min(16).max(200).optional().describe('shared HMAC secret; omit to keep the current one'),
    }).strict(),
  })
  .strict();

export const automationSchema = z
  .object({
    channel: z.enum(['none', 'sms', 'ivr']),
    reply_wait_seconds: z.number().int(),
    daily_cap: z.number().int(),
    send_rate_per_second: z.number().int(),
    ivr: z.object({ endpoint: z.string().nullable(), secret_set: z.boolean(), result_url: z.string().describe('where the platform posts results') }),
    sms: z.object({ configured: z.boolean().describe('SMPP_URL is set'), source: z.string().describe('LOOPDESK_SMS_SOURCE') }),
    updated_by: z.number().int().nullable(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'CallbackAutomation' });

export const customerIdParams = z.object({ customer_id: id }).strict();
export const preferenceBody = z
  .object({
    channel: z.enum(['phone', 'sms', 'ivr']).nullable().describe('how the customer wants to be called back; null: as the desk decides'),
    language: z.enum(['zh-CN', 'en']),
    opted_out: z.boolean().describe('no automated surveys to this number (as after a TD reply)'),
  })
  .strict();
export const preferenceSchema = z
  .object({
    customer_id: z.number().int(), channel: z.enum(['phone', 'sms', 'ivr']).nullable(), language: z.enum(['zh-CN', 'en']),
    opted_out: z.boolean(), updated_at: z.string().nullable(),
  })
  .meta({ id: 'CallbackPreference' });

export const IVR_RESULTS = ['pressed_1', 'pressed_2', 'no_answer', 'busy', 'hung_up'] as const;
export const ivrResultBody = z
  .object({
    request_id: z.string().regex(/^\d{1,15}$/).describe('the request_id the desk sent with the call request'),
    call_id: z.string().max(100).optional(),
    result: z.enum(IVR_RESULTS),
  })
  .strict();
export const ivrResultSchema = z.object({ recorded: z.boolean().describe('false: this result was recorded before') });

export type AutomationInput = z.output<typeof automationBody>;
export type AutomationView = z.output<typeof automationSchema>;
export type PreferenceInput = z.output<typeof preferenceBody>;
export type PreferenceView = z.output<typeof preferenceSchema>;
export type IvrResultInput = z.output<typeof ivrResultBody>;
