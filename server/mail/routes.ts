import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { parkedPageSchema, parkedQuery, retriedSchema } from './schemas';
import type { ParkedMailService } from './service';

export const mailRoutes = (parked: ParkedMailService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/mail/parked', action: 'mail.parked.read', tag: 'mail', summary: 'Mail the mail server refused (parked), newest first, with its error',
    query: parkedQuery,
    responses: { 200: { description: 'a page of parked deliveries', schema: parkedPageSchema } },
    handler: async ({ query }) => ({ body: await parked.list(query) }),
  }),
  defineRoute({
    method: 'post', path: '/api/mail/:id/retry', action: 'mail.retry', tag: 'mail', summary: 'Send a parked delivery again (audited)',
    description: 'The delivery goes back to the queue with a fresh count of attempts; the mail worker sends it within a second or two. Only a parked (`failed`) delivery can be retried: anything else is 409 `mail_not_parked`.',
    params: idParams,
    responses: {
      202: { description: 'queued again', schema: retriedSchema },
      404: { description: 'no such delivery' },
      409: { description: 'the delivery is not parked (`mail_not_parked`)' },
    },
    handler: async ({ principal, params }) => ({ status: 202, body: await parked.retry(principal, params.id) }),
  }),
];
