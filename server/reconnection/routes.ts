import { requireScope } from '../auth/permissions';
import { defineRoute, type RouteSpec } from '../http/route';
import { batchResultSchema, paymentsBody, queueQuery, queueSchema, restorationsBody, suspensionsBody } from './schemas';
import type { ReconnectionService } from './service';

const PER_EVENT = 'Called by billing and provisioning as API clients (scopes `integrations.payments`, `integrations.restorations`); admins post the CSV fallback. Each event is checked and written on its own (all or nothing per event): the answer lists, in order, accepted (with what it did), duplicate (its `external_id` was seen before) or rejected (the fields and why). A batch is never refused for one bad event.';

export const reconnectionRoutes = (reconnection: ReconnectionService): RouteSpec[] => [
  defineRoute({
    method: 'post', path: '/api/integrations/payments', action: requireScope('integrations.payments', 'integrations.upload'), tag: 'integrations', summary: 'Billing: a batch of arrears payments (up to 1,000)',
    description: `${PER_EVENT} A payment of an account suspended for arrears opens its reconnection watch (a reconnection ticket on channel \`system\` with the 24 h regulatory timer and the 2 h internal target of its tier, from the payment or, for a bank transfer, from the bank's confirmation); a later payment joins the open watch; any other payment is recorded and starts nothing. Each event is a \`PaymentEvent\`.`,
    body: paymentsBody,
    bodyExample: { events: [{ external_id: 'PAY-20261203-000001', account_no: 'DL0411000001', channel: 'bank', paid_at: '2026-12-03T09:12:00+08:00', confirmed_at: '2026-12-03T09:40:00+08:00', amount: 58.5, area: 'county' }] },
    responses: { 200: { description: 'per event: accepted, duplicate or rejected', schema: batchResultSchema } },
    handler: async ({ principal, body }) => ({ body: await reconnection.payments(principal, body.events) }),
  }),
  defineRoute({
    method: 'post', path: '/api/integrations/suspensions', action: requireScope('integrations.payments', 'integrations.upload'), tag: 'integrations', summary: 'Billing: notices before suspension and suspensions for arrears (up to 1,000)',
    description: `${PER_EVENT} A suspension with no notice before it is accepted and flagged (\`suspended_without_notice\`: Liaoning's duty to notify first). An account the desk does not know is registered by its \`phone\`. Each event is a \`SuspensionEvent\`.`,
    body: suspensionsBody,
    responses: { 200: { description: 'per event: accepted, duplicate or rejected', schema: batchResultSchema } },
    handler: async ({ principal, body }) => ({ body: await reconnection.suspensions(principal, body.events) }),
  }),
  defineRoute({
    method: 'post', path: '/api/integrations/restorations', action: requireScope('integrations.restorations', 'integrations.upload'), tag: 'integrations', summary: 'Provisioning: lines restored (up to 1,000)',
    description: `${PER_EVENT} Stops the watch's timers at \`restored_at\` (met or breached by that time, not by when the report arrives) and closes it: on time without a callback, late (a target missed) resolved with a callback. Each event is a \`RestorationEvent\`.`,
    body: restorationsBody,
    responses: { 200: { description: 'per event: accepted, duplicate or rejected', schema: batchResultSchema } },
    handler: async ({ principal, body }) => ({ body: await reconnection.restorations(principal, body.events) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reconnection/queue', action: 'reconnection.queue', tag: 'reconnection', summary: 'The provisioning team\'s reconnection work queue: by tier, then by due time',
    query: queueQuery,
    responses: { 200: { description: 'open watches and the counts per tier', schema: queueSchema } },
    handler: async ({ principal, query }) => ({ body: await reconnection.queue(principal, query) }),
  }),
];
