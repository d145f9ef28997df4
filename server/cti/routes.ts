import { requireScope } from '../auth/permissions';
import { defineRoute, type RouteSpec } from '../http/route';
import { ringingCallBody, ringingCallSchema } from './schemas';
import type { CtiService } from './service';

export const ctiRoutes = (cti: CtiService): RouteSpec[] => [
  defineRoute({
    method: 'post', path: '/api/cti/calls', action: requireScope('cti.calls', 'cti.calls'), tag: 'cti', summary: 'A call rings at an agent: their console opens intake for the caller (caller pop)',
    description: 'Called by the phone system: an API client with the scope `cti.calls`, or a user of role `integration`. The agent must be an active agent or supervisor (422 `unknown_agent`).',
    body: ringingCallBody,
    responses: { 202: { description: 'announced to the agent', schema: ringingCallSchema } },
    handler: async ({ principal, body }) => ({ status: 202, body: await cti.ringing(principal, body) }),
  }),
];
