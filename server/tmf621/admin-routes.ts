import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { CATEGORIES } from '../tickets/vocabulary';
import type { Hub } from './hub';
import type { TmfService } from './service';

const subscriptionSchema = z
  .object({
    id: z.number().int(),
    version: z.enum(['v4', 'v5']),
    callback: z.string(),
    query: z.string().nullable(),
    state: z.enum(['active', 'suspended']).describe('suspended: it failed for the give-up window (LOOPDESK_HUB_GIVE_UP_SECONDS); resume it to send what waited'),
    failing_since: z.string().nullable(),
    suspended_at: z.string().nullable(),
    created_at: z.string(),
    pending: z.number().int(),
    delivered: z.number().int(),
  })
  .meta({ id: 'HubSubscription' });

const deliverySchema = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    event_id: z.string(),
    event_type: z.string(),
    state: z.enum(['pending', 'delivered', 'abandoned']),
    attempts: z.number().int(),
    last_status: z.number().int().nullable().describe('the HTTP status of the last attempt; null: no answer'),
    last_error: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
  })
  .meta({ id: 'HubDelivery' });

const deskTypeSchema = z.object({ type: z.enum(['complaint', 'fault', 'request']), category: z.enum(CATEGORIES) }).strict();
const typeMappingSchema = z
  .object({
    default: deskTypeSchema.describe('what an unknown ticketType becomes (the ticketType itself is kept and returned as given)'),
    types: z.record(z.string().trim().toLowerCase().min(1).max(100), deskTypeSchema).describe('TMF ticketType (case-insensitive) → desk type and category'),
  })
  .strict()
  .meta({ id: 'TmfTypeMapping' });

/** The admin area's view of TMF621: hub subscriptions with their delivery log, and the ticketType mapping. */
export const tmfAdminRoutes = (hub: Hub, tmf: TmfService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/clients/:id/subscriptions', action: 'clients.read', tag: 'clients', summary: "A client's TMF621 hub subscriptions",
    params: idParams,
    responses: { 200: { description: 'subscriptions, oldest first', schema: z.object({ items: z.array(subscriptionSchema) }) } },
    handler: async ({ params }) => ({ body: { items: await hub.subscriptions(params.id) } }),
  }),
  defineRoute({
    method: 'get', path: '/api/hub-subscriptions/:id/deliveries', action: 'clients.read', tag: 'clients', summary: 'The delivery log of a hub subscription, newest first',
    params: idParams, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
    responses: { 200: { description: 'deliveries', schema: z.object({ items: z.array(deliverySchema) }) }, 404: { description: 'no such subscription' } },
    handler: async ({ params, query }) => ({ body: { items: await hub.deliveries(params.id, query.limit) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/hub-subscriptions/:id/resume', action: 'clients.write', tag: 'clients', summary: 'Resume a suspended hub subscription: what waited is sent, in order',
    params: idParams,
    responses: { 204: { description: 'resumed' }, 404: { description: 'no such subscription' } },
    handler: async ({ principal, params }) => {
      await hub.resume(principal.id, params.id);
      return { status: 204, body: '' };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/tmf621/type-mapping', action: 'clients.read', tag: 'clients', summary: 'How TMF621 ticketType values map to desk types and categories',
    responses: { 200: { description: 'the mapping', schema: typeMappingSchema } },
    handler: async () => ({ body: await tmf.typeMapping() }),
  }),
  defineRoute({
    method: 'put', path: '/api/tmf621/type-mapping', action: 'clients.write', tag: 'clients', summary: 'Set the TMF621 ticketType mapping and its default',
    body: typeMappingSchema,
    bodyExample: { default: { type: 'fault', category: 'network_quality' }, types: { incident: { type: 'fault', category: 'network_quality' } } },
    responses: { 200: { description: 'the mapping', schema: typeMappingSchema } },
    handler: async ({ principal, body }) => ({ body: await tmf.putTypeMapping(principal, body) }),
  }),
];
