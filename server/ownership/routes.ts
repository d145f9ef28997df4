import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import {
  explanationBody, majorProblemBody, myCasesQuery, myCasesSchema, ownerActionBody, ownershipSchema, ruleBody, ruleKeyParams, ruleSchema,
} from './schemas';
import type { OwnershipService } from './service';

export const ownershipRoutes = (ownership: OwnershipService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/ownership-rules', action: 'ownership.rules.read', tag: 'ownership', summary: 'The rules that make a ticket a leadership case (领导包案)',
    responses: { 200: { description: 'all rules', schema: z.object({ items: z.array(ruleSchema) }) } },
    handler: async () => ({ body: { items: await ownership.rules() } }),
  }),
  defineRoute({
    method: 'put', path: '/api/ownership-rules/:key', action: 'ownership.rules.write', tag: 'ownership', summary: 'Create or replace an ownership rule',
    description: 'Applies to tickets evaluated from now on (accepted, dispatched, re-dispatched, reopened, flagged, linked).',
    params: ruleKeyParams, body: ruleBody,
    responses: { 200: { description: 'replaced', schema: ruleSchema }, 201: { description: 'created', schema: ruleSchema } },
    handler: async ({ principal, params, body }) => {
      const { rule, created } = await ownership.putRule(principal, params.key, body);
      return { status: created ? 201 : 200, body: rule };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/ownership-rules/:key', action: 'ownership.rules.write', tag: 'ownership', summary: 'Delete an ownership rule (disable it to keep it)',
    params: ruleKeyParams,
    responses: { 204: { description: 'deleted' } },
    handler: async ({ principal, params }) => {
      await ownership.deleteRule(principal, params.key);
      return { status: 204, body: '' };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/owner-actions', action: 'ownership.act', tag: 'ownership', summary: "Record the case owner's in-person action (visit, apology, …)",
    params: idParams, body: ownerActionBody,
    responses: { 201: { description: 'the ownership section with the new action', schema: ownershipSchema }, 422: { description: 'not a leadership case, or `at` in the future' } },
    handler: async ({ principal, params, body }) => ({ status: 201, body: await ownership.recordAction(principal, params.id, body) }),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/explanation', action: 'ownership.act', tag: 'ownership', summary: "Write (or revise) the case owner's explanation",
    params: idParams, body: explanationBody,
    responses: { 200: { description: 'the ownership section', schema: ownershipSchema }, 422: { description: 'not a leadership case' } },
    handler: async ({ principal, params, body }) => ({ body: await ownership.explain(principal, params.id, body.text) }),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/major-problem', action: 'ownership.flag', tag: 'ownership', summary: 'Flag (or unflag) a major service problem (重大服务问题)',
    params: idParams, body: majorProblemBody,
    responses: { 200: { description: 'the flag and the resulting ownership', schema: z.object({ ticket_id: z.number().int(), major_problem: z.boolean(), ownership: ownershipSchema.nullable() }) } },
    handler: async ({ principal, params, body }) => ({ body: await ownership.setMajorProblem(principal, params.id, body.flagged, body.note) }),
  }),
  defineRoute({
    method: 'get', path: '/api/my-cases', action: 'ownership.mine', tag: 'ownership', summary: "The caller's leadership cases, newest first",
    query: myCasesQuery,
    responses: { 200: { description: 'a page', schema: myCasesSchema } },
    handler: async ({ principal, query }) => ({ body: await ownership.myCases(principal, query) }),
  }),
];
