import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { boardQuery, boardSchema, policyKeyParams, policySchema, putPolicyBody } from './schemas';
import type { SlaBoard } from './board';
import { boardUnitParams, boardViewQuery, boardViewSchema } from './board-schemas';
import type { SlaService } from './service';

export const slaRoutes = (sla: SlaService, board: SlaBoard): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/sla-policies', action: 'sla.read', tag: 'sla', summary: 'SLA policies: which tickets, what target, which clock',
    responses: { 200: { description: 'every policy', schema: z.object({ items: z.array(policySchema) }) } },
    handler: async () => ({ body: { items: await sla.listPolicies() } }),
  }),
  defineRoute({
    method: 'get', path: '/api/sla-policies/:key', action: 'sla.read', tag: 'sla', summary: 'One SLA policy',
    params: policyKeyParams,
    responses: { 200: { description: 'the policy', schema: policySchema } },
    handler: async ({ params }) => ({ body: await sla.getPolicy(params.key) }),
  }),
  defineRoute({
    method: 'put', path: '/api/sla-policies/:key', action: 'sla.policies.write', tag: 'sla', summary: 'Create or replace an SLA policy',
    description: 'New timers follow the new version; running timers keep the policy they started with (shown as `policy_version`).',
    params: policyKeyParams, body: putPolicyBody,
    responses: { 200: { description: 'replaced', schema: policySchema }, 201: { description: 'created', schema: policySchema } },
    handler: async ({ principal, params, body }) => {
      const { policy, created } = await sla.putPolicy(principal, params.key, body);
      return { status: created ? 201 : 200, body: policy };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sla/board', action: 'sla.read', tag: 'sla', summary: 'Open tickets by SLA state per unit, soonest due, met-rate today',
    query: boardQuery,
    responses: { 200: { description: 'the board', schema: boardSchema } },
    handler: async ({ principal, query }) => ({ body: await sla.board(principal, query) }),
  }),
  defineRoute({
    method: 'get', path: '/api/sla/board/overview', action: 'sla.read', tag: 'sla', summary: 'The SLA board: open tickets per unit, policy and reconnection tier, late timers, today and this month',
    description: 'The company (see-all roles, with the undispatched) or the caller\'s own unit (scoped roles).',
    query: boardViewQuery,
    responses: { 200: { description: 'the board', schema: boardViewSchema } },
    handler: async ({ principal }) => ({ body: await board.overview(principal) }),
  }),
  defineRoute({
    method: 'get', path: '/api/sla/board/units/:id', action: 'sla.read', tag: 'sla', summary: "One unit's SLA page: the unit and its subtree",
    params: boardUnitParams, query: boardViewQuery,
    responses: { 200: { description: 'the unit\'s board', schema: boardViewSchema } },
    handler: async ({ principal, params }) => ({ body: await board.unit(principal, params.id) }),
  }),
];
