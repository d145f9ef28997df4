import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import {
  agentSchema, dutyBody, figuresQuery, figuresSchema, policyBody, policySchema, rescheduleBody, surveyAnswerBody, surveyParams,
  surveyQuery, surveySchema, userIdParams, workItemSchema, workListQuery, workListSchema,
} from './schemas';
import type { CallbacksService } from './service';
import { refusalError, type SurveyService } from './survey-service';
import { CATEGORY_TEXT } from './texts';

export const callbackRoutes = (callbacks: CallbacksService, surveys: SurveyService): RouteSpec[] => [
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
