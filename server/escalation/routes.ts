import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { acknowledgeBody, escalationPolicyBody, escalationPolicySchema, escalationSchema, listEscalationsQuery } from './schemas';
import type { EscalationService } from './service';

export const escalationRoutes = (escalation: EscalationService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/escalations', action: 'escalations.ack', tag: 'escalation', summary: 'Escalations that reached the caller (pending: waiting for acknowledgement)',
    query: listEscalationsQuery,
    responses: { 200: { description: 'newest first', schema: z.object({ items: z.array(escalationSchema) }) } },
    handler: async ({ principal, query }) => ({ body: { items: await escalation.list(principal, query) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/escalations/:id/acknowledge', action: 'escalations.ack', tag: 'escalation', summary: 'Acknowledge an escalation (签收): the case stops climbing at this level',
    description: 'Only the leader it reached acknowledges; acknowledging twice returns the first acknowledgement.',
    params: idParams, body: acknowledgeBody,
    responses: { 200: { description: 'acknowledged', schema: escalationSchema } },
    handler: async ({ principal, params, body }) => ({ body: await escalation.acknowledge(principal, params.id, body.note) }),
  }),
  defineRoute({
    method: 'get', path: '/api/escalation-policy', action: 'escalations.policy.read', tag: 'escalation', summary: 'How long before an idle owner or an unacknowledged level is escalated',
    responses: { 200: { description: 'the policy', schema: escalationPolicySchema } },
    handler: async () => ({ body: await escalation.policy() }),
  }),
  defineRoute({
    method: 'put', path: '/api/escalation-policy', action: 'escalations.policy.write', tag: 'escalation', summary: 'Change the escalation times (applies to timers armed from now on)',
    body: escalationPolicyBody,
    responses: { 200: { description: 'the policy', schema: escalationPolicySchema } },
    handler: async ({ principal, body }) => ({ body: await escalation.updatePolicy(principal, body) }),
  }),
];
