import type { Request } from 'express';
import { z } from 'zod';
import { errors } from '../http/errors';
import { readIdempotencyKey } from '../http/idempotency';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { bulkChange } from './bulk';
import {
  assignBody, bulkBody, bulkResultSchema, callbackBody, claimBody, commentBody, createTicketBody, dispatchBody, holdBody, ifMatchHeader, listTicketsQuery, mergeBody, resolveBody,
  ticketListSchema, ticketSchema, unholdBody, urgeBody, urgeSettingsSchema,
} from './schemas';
import { ticketDetailSchema } from './detail-schema';
import type { TicketsService } from './service';
import { detailTag } from './view';

/** Accepts `3`, `"3"`, `W/"3"` and a detail's `"3-<digest>"`: clients echo the ETag or send the bare version. */
export function readIfMatch(req: Request): number {
  const raw = req.get('If-Match');
  if (raw === undefined) throw errors.preconditionRequired();
  const match = /^(?:W\/)?"?(\d{1,9})(?:-[\w-]{1,64})?"?$/.exec(raw.trim());
  if (!match) throw errors.badRequest('If-Match must be the ticket version', [{ path: 'If-Match', message: 'not a version number' }]);
  return Number(match[1]);
}

const etag = (version: number) => ({ ETag: `"${version}"` });
/** A ticket answer carries its version as the ETag, ready to be sent back as If-Match. */
const withEtag = <T extends { version: number }>(ticket: T) => ({ body: ticket, headers: etag(ticket.version) });
const stateChange = { 200: { description: 'the changed ticket', schema: ticketSchema }, 409: { description: 'stale version or illegal transition' }, 428: { description: 'If-Match missing' } };

export const ticketRoutes = (tickets: TicketsService): RouteSpec[] => [
  defineRoute({
    method: 'post', path: '/api/tickets', action: 'tickets.create', tag: 'tickets', summary: 'Accept a contact (受理)',
    description: 'With `resolve`, the ticket is resolved on the spot (one-call resolution). The same Idempotency-Key returns the same ticket.',
    body: createTicketBody,
    bodyExample: {
      type: 'complaint', category: 'billing', channel: 'hotline', priority: 'normal',
      description: '用户反映本月话费异常，多扣费 30 元',
      customer: { phone: '13904110001', name: '王先生', area: 'county' },
    },
    headers: [{ name: 'Idempotency-Key', required: false, description: 'retries with the same key return the first ticket (200)' }],
    responses: { 201: { description: 'accepted', schema: ticketSchema }, 200: { description: 'replay of an earlier request with this Idempotency-Key', schema: ticketSchema } },
    handler: async ({ principal, body, req }) => {
      const { ticket, replayed } = await tickets.create(principal, body, readIdempotencyKey(req));
      return { status: replayed ? 200 : 201, body: ticket, headers: { ...etag(ticket.version), Location: `/api/tickets/${ticket.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/tickets', action: 'tickets.read', tag: 'tickets', summary: 'List tickets, newest first, paged by cursor',
    query: listTicketsQuery,
    responses: { 200: { description: 'a page', schema: ticketListSchema } },
    handler: async ({ principal, query }) => ({ body: await tickets.list(principal, query) }),
  }),
  defineRoute({
    method: 'get', path: '/api/tickets/:id', action: 'tickets.read', tag: 'tickets', summary: 'A ticket with its timeline, timers, callbacks and ownership',
    params: idParams,
    responses: { 200: { description: 'the ticket', schema: ticketDetailSchema }, 304: { description: 'not modified: the If-None-Match tag is current (every part the answer shows is unchanged)' } },
    // The tag follows everything shown, not only the version: a comment must not revalidate to 304.
    handler: async ({ principal, params }) => {
      const ticket = await tickets.get(principal, params.id);
      return { body: ticket, headers: { ETag: detailTag(ticket) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/dispatch', action: 'tickets.dispatch', tag: 'tickets', summary: 'Dispatch (派单) to a unit, optionally a person',
    params: idParams, body: dispatchBody, bodyExample: { unit_id: 12, note: '请装维班今日上门核查' }, headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, body, req }) => withEtag(await tickets.dispatch(principal, params.id, readIfMatch(req), body)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/resolve', action: 'tickets.resolve', tag: 'tickets', summary: 'Record the resolution, its cause and the responsibility verdict',
    params: idParams, body: resolveBody, bodyExample: { resolution: '已核实并退还多扣话费 30 元', cause: '套餐变更未及时生效', responsibility: 'company' }, headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, body, req }) => withEtag(await tickets.resolve(principal, params.id, readIfMatch(req), body)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/callback', action: 'tickets.callback', tag: 'tickets', summary: 'Record the callback outcome (回访)',
    description: 'satisfied → closed; unsatisfied → dispatched again with handling_round + 1; unreachable → another attempt, or closed after the last.',
    params: idParams, body: callbackBody, bodyExample: { outcome: 'satisfied', note: '用户对处理结果满意' }, headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, body, req }) => withEtag(await tickets.recordCallback(principal, params.id, readIfMatch(req), body)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/hold', action: 'tickets.hold', tag: 'tickets', summary: 'Put a dispatched ticket on hold (waiting on the customer or on parts)',
    description: 'Pausable internal SLA timers stop; regulatory ones run on. 409 if already on hold.',
    params: idParams, body: holdBody, headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, body, req }) => withEtag(await tickets.hold(principal, params.id, readIfMatch(req), body)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/unhold', action: 'tickets.hold', tag: 'tickets', summary: 'End the hold: paused SLA timers resume where they stopped',
    params: idParams, body: unholdBody, headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, body, req }) => withEtag(await tickets.unhold(principal, params.id, readIfMatch(req), body)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/comments', action: 'tickets.comment', tag: 'tickets', summary: 'Add a comment to the timeline',
    params: idParams, body: commentBody,
    responses: { 201: { description: 'the timeline event', schema: z.object({ id: z.number(), type: z.literal('comment'), at: z.string(), actor_id: z.number(), data: z.object({ body: z.string() }) }) } },
    handler: async ({ principal, params, body }) => ({ status: 201, body: await tickets.comment(principal, params.id, body.body) }),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/claim', action: 'tickets.claim', tag: 'tickets', summary: 'Take a dispatched ticket for yourself (接单)',
    description: '409 `claimed_by_other` when someone else works it (a unit head may take it over), `already_claimed` when you do.',
    params: idParams, body: claimBody.optional(), headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, req }) => withEtag(await tickets.claim(principal, params.id, readIfMatch(req))),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/release', action: 'tickets.claim', tag: 'tickets', summary: 'Give a ticket back to the unit (its worker or the unit head)',
    params: idParams, body: claimBody.optional(), headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, req }) => withEtag(await tickets.release(principal, params.id, readIfMatch(req))),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/assign', action: 'tickets.assign', tag: 'tickets', summary: 'Name the person in the unit who works the ticket (null: nobody)',
    params: idParams, body: assignBody, headers: [ifMatchHeader], responses: stateChange,
    handler: async ({ principal, params, body, req }) => withEtag(await tickets.assign(principal, params.id, readIfMatch(req), body)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/urge', action: 'tickets.urge', tag: 'tickets', summary: 'The caller chases the ticket (催单) instead of a duplicate being opened',
    description: 'No If-Match: an urge adds to the ticket as it is. Counted in `urge_count`; the N-th (GET /api/settings/urges) makes it urgent and tells the unit head.',
    params: idParams, body: urgeBody, responses: { 200: { description: 'the urged ticket', schema: ticketSchema }, 409: { description: 'the ticket is resolved or closed' } },
    handler: async ({ principal, params, body }) => withEtag(await tickets.urge(principal, params.id, body.note)),
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/:id/merge', action: 'tickets.merge', tag: 'tickets', summary: 'Close a duplicate complaint into the ticket that carries on (合并工单)',
    description: 'The ticket in the path is the duplicate (If-Match: its version); it closes with close_reason `merged`. Both timelines record it (merged_into / merged_from), ' +
      "the survivor adds the duplicate's urge count and shows its timeline, and both answer `related`. Same customer only (422 `merge_other_customer`); " +
      'the survivor must not be closed (422 `merge_target_closed`).',
    params: idParams, body: mergeBody, bodyExample: { into_ticket_id: 42, note: '同一用户重复来电，合并处理' }, headers: [ifMatchHeader],
    responses: {
      200: { description: 'both tickets after the merge', schema: z.object({ duplicate: ticketSchema, survivor: ticketSchema }) },
      404: { description: 'either ticket is not there or not in your units' },
      409: { description: 'stale version, or the duplicate is no longer open' },
      422: { description: 'another customer, the same ticket, or a closed survivor' },
      428: { description: 'If-Match missing' },
    },
    handler: async ({ principal, params, body, req }) => {
      const merged = await tickets.merge(principal, params.id, readIfMatch(req), body);
      return { body: merged, headers: etag(merged.duplicate.version) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/tickets/bulk', action: 'tickets.bulk', tag: 'tickets', summary: 'Dispatch, assign or comment on many tickets: each its own versioned change',
    description: 'Always 200 with one result per ticket: `ok`, or the status and stable `code` that ticket alone would have got (stale_version, illegal_transition, …).',
    body: bulkBody, responses: { 200: { description: 'what worked and what failed, per ticket', schema: bulkResultSchema } },
    handler: async ({ principal, body }) => ({ body: await bulkChange(tickets, principal, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/settings/urges', action: 'urges.settings.read', tag: 'tickets', summary: 'After how many urges a ticket escalates',
    responses: { 200: { description: 'the setting', schema: urgeSettingsSchema } },
    handler: async () => ({ body: await tickets.urgeSettings() }),
  }),
  defineRoute({
    method: 'put', path: '/api/settings/urges', action: 'urges.settings.write', tag: 'tickets', summary: 'Set after how many urges a ticket escalates (0: never)',
    body: urgeSettingsSchema, responses: { 200: { description: 'the setting', schema: urgeSettingsSchema } },
    handler: async ({ principal, body }) => ({ body: await tickets.putUrgeSettings(principal, body) }),
  }),
];
