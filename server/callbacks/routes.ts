import { rawBodyOf } from '../http/raw-body';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../integrations/ivr';
import type { AutoCallbacks } from './auto-service';
import {
  automationBody, automationSchema, customerIdParams, ivrResultBody, ivrResultSchema, preferenceBody, preferenceSchema,
  agentSchema, dutyBody, figuresQuery, figuresSchema, policyBody, policySchema, rescheduleBody, surveyAnswerBody, surveyParams,
  surveyQuery, surveySchema, userIdParams, workItemSchema, workListQuery, workListSchema,
} from './schemas';
import type { CallbacksService } from './service';
import { refusalError, type SurveyService } from './survey-service';
import { CATEGORY_TEXT } from './texts';

export const callbackRoutes = (callbacks: CallbacksService, surveys: SurveyService, auto: AutoCallbacks): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/callbacks/automation', action: 'callbacks.policy.read', tag: 'callbacks', summary: 'How first attempts are automated (SMS survey, voice platform)',
    description: 'The voice platform\'s secret is never shown, only whether one is set.',
    responses: { 200: { description: 'the settings', schema: automationSchema } },
    handler: async () => ({ body: await auto.settings() }),
  }),
  defineRoute({
    method: 'put', path: '/api/callbacks/automation', action: 'callbacks.policy.write', tag: 'callbacks', summary: 'Replace the automation settings',
    description: 'Channel `sms` needs SMPP_URL; `ivr` needs the platform\'s endpoint and secret (422 `sms_not_configured` / `ivr_not_configured`). Applies to attempts falling due from now on.',
    body: automationBody,
    responses: { 200: { description: 'the settings', schema: automationSchema }, 422: { description: 'the channel is not configured' } },
    handler: async ({ principal, body }) => ({ body: await auto.updateSettings(principal, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/callbacks/preferences/:customer_id', action: 'callbacks.preference', tag: 'callbacks', summary: 'A customer\'s callback channel, language and opt-out',
    params: customerIdParams,
    responses: { 200: { description: 'the preference', schema: preferenceSchema }, 404: { description: 'no such customer' } },
    handler: async ({ params }) => ({ body: await auto.preference(params.customer_id) }),
  }),
  defineRoute({
    method: 'put', path: '/api/callbacks/preferences/:customer_id', action: 'callbacks.preference', tag: 'callbacks', summary: 'Set a customer\'s callback channel, language and opt-out',
    params: customerIdParams, body: preferenceBody,
    responses: { 200: { description: 'the preference', schema: preferenceSchema }, 404: { description: 'no such customer' } },
    handler: async ({ principal, params, body }) => ({ body: await auto.putPreference(principal, params.customer_id, body) }),
  }),
  defineRoute({
    method: 'post', path: '/api/callbacks/ivr/results', action: 'public', tag: 'callbacks', summary: 'The voice platform posts the result of a survey call',
    description: `No login: signed by the platform with the shared secret. \`${TIMESTAMP_HEADER}\`: Unix seconds (at most 5 minutes off); \`${SIGNATURE_HEADER}\`: \`sha256=\` + hex HMAC-SHA256 of "<timestamp>.<raw body>". A result delivered again is answered \`recorded: false\`.`,
    body: ivrResultBody,
    headers: [
      { name: TIMESTAMP_HEADER, required: true, description: 'Unix seconds when the platform signed the request' },
      { name: SIGNATURE_HEADER, required: true, description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">' },
    ],
    responses: { 200: { description: 'recorded', schema: ivrResultSchema }, 401: { description: 'missing or wrong signature' }, 404: { description: 'no such call request' } },
    handler: async ({ body, req }) => {
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      const signed = { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER), raw: rawBodyOf(req) };
      return { body: await auto.onIvrResult(body, signed) };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/callbacks', action: 'callbacks.read', tag: 'callbacks', summary: 'The callback work list (回访), soonest due first',
    description: 'Unit heads see callbacks of their subtree. `assignee_id=me` is the caller\'s own list.',
    query: workListQuery,
    responses: { 200: { description: 'a page', schema: workListSchema } },
    handler: async ({ principal, query }) => ({ body: await callbacks.workList(principal, query) }),
  }),
  defineRoute({
    method: 'post', path: '/api/callbacks/:id/reschedule', action: 'callbacks.reschedule', tag: 'callbacks', summary: 'Move a callback to the time the customer asked for',
    description: 'The asked time is kept even outside callable hours or on a holiday; the assignee stays.',
    params: idParams, body: rescheduleBody,
    responses: { 200: { description: 'the callback', schema: workItemSchema }, 409: { description: 'the callback is done or cancelled' }, 422: { description: 'time out of range' } },
    handler: async ({ principal, params, body }) => ({ body: await callbacks.reschedule(principal, params.id, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/callbacks/policy', action: 'callbacks.policy.read', tag: 'callbacks', summary: 'The callback policy',
    responses: { 200: { description: 'the policy', schema: policySchema } },
    handler: async () => ({ body: await callbacks.policy() }),
  }),
  defineRoute({
    method: 'put', path: '/api/callbacks/policy', action: 'callbacks.policy.write', tag: 'callbacks', summary: 'Replace the callback policy',
    description: 'Applies to callbacks scheduled from now on; those already scheduled keep their time.',
    body: policyBody,
    responses: { 200: { description: 'the policy', schema: policySchema } },
    handler: async ({ principal, body }) => ({ body: await callbacks.updatePolicy(principal, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/callbacks/agents', action: 'callbacks.agents.read', tag: 'callbacks', summary: 'Callback agents, their duty and open callbacks',
    responses: { 200: { description: 'the agents', schema: agentSchema.array() } },
    handler: async () => ({ body: await callbacks.agents() }),
  }),
  defineRoute({
    method: 'put', path: '/api/callbacks/agents/:user_id', action: 'callbacks.duty', tag: 'callbacks', summary: 'Put a callback agent on or off duty',
    description: 'Agents set their own duty; supervisors and admins anyone\'s. Going off duty hands the agent\'s open callbacks to the others (least loaded first); coming on duty takes due callbacks nobody had.',
    params: userIdParams, body: dutyBody,
    responses: { 200: { description: 'the agent', schema: agentSchema }, 422: { description: 'not an active agent or supervisor' } },
    handler: async ({ principal, params, body }) => ({ body: await callbacks.setDuty(principal, params.user_id, body.on_duty) }),
  }),
  defineRoute({
    method: 'get', path: '/api/callbacks/figures', action: 'callbacks.figures', tag: 'callbacks', summary: 'First-time and second-time satisfaction and unreachable rate per unit and month',
    query: figuresQuery,
    responses: { 200: { description: 'one row per month and unit', schema: figuresSchema } },
    handler: async ({ principal, query }) => ({ body: await callbacks.figures(principal, query) }),
  }),
  defineRoute({
    method: 'get', path: '/api/surveys/:token', action: 'public', tag: 'callbacks', summary: 'A mailed survey link: the ticket number and summary',
    description: 'No login. 404 for a forged or altered link, 410 expired, 409 already answered. The page at /survey/:token uses the same rules.',
    params: surveyParams, query: surveyQuery,
    responses: { 200: { description: 'the survey', schema: surveySchema }, 404: { description: 'not a valid link' }, 409: { description: 'answered already' }, 410: { description: 'expired' } },
    handler: async ({ params, query }) => {
      const opened = await surveys.open(params.token);
      if (!opened.ok) throw refusalError(opened.reason);
      const lang = query.lang ?? 'zh-CN';
      return { body: { ticket_number: opened.ticketNumber, summary: CATEGORY_TEXT[lang][opened.category] ?? opened.category, expires_at: opened.expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/surveys/:token', action: 'public', tag: 'callbacks', summary: 'Answer a mailed survey: the answer is the callback outcome',
    params: surveyParams, body: surveyAnswerBody,
    responses: { 200: { description: 'recorded' }, 404: { description: 'not a valid link' }, 409: { description: 'answered already' }, 410: { description: 'expired' } },
    handler: async ({ params, body }) => {
      const answered = await surveys.answer(params.token, body);
      if (!answered.ok) throw refusalError(answered.reason);
      return { body: { outcome: answered.outcome } };
    },
  }),
];
