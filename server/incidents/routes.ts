import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import {
  createIncidentBody, detectorBody, detectorKeyParams, detectorSchema, incidentDetailSchema, incidentSchema, linkBody, linkParams,
  listIncidentsQuery, updateIncidentBody,
} from './schemas';
import type { IncidentsService } from './service';

export const incidentRoutes = (incidents: IncidentsService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/incidents', action: 'incidents.read', tag: 'incidents', summary: 'Mass complaints (规模性投诉), newest first',
    description: 'Agents look up open incidents for the caller\'s category and unit before logging: `explanation_wording` is what to tell the caller. ' +
      'Handlers and unit heads see incidents of their subtree or holding a ticket of it.',
    query: listIncidentsQuery,
    responses: { 200: { description: 'up to 200 incidents', schema: z.object({ items: z.array(incidentSchema) }) } },
    handler: async ({ principal, query }) => ({ body: { items: await incidents.list(principal, query) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/incidents', action: 'incidents.link', tag: 'incidents', summary: 'Open an incident by hand and link tickets to it',
    body: createIncidentBody,
    responses: { 201: { description: 'opened', schema: incidentDetailSchema }, 409: { description: 'a ticket is already linked elsewhere' } },
    handler: async ({ principal, body }) => ({ status: 201, body: await incidents.create(principal, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/incidents/:id', action: 'incidents.read', tag: 'incidents', summary: 'An incident with its tickets',
    params: idParams,
    responses: { 200: { description: 'the incident', schema: incidentDetailSchema } },
    handler: async ({ principal, params }) => ({ body: await incidents.get(principal, params.id) }),
  }),
  defineRoute({
    method: 'patch', path: '/api/incidents/:id', action: 'incidents.manage', tag: 'incidents', summary: 'Set the title, status or explanation wording (解释口径)',
    description: 'Supervisors and managers, or the unit head who owns the incident.',
    params: idParams, body: updateIncidentBody,
    responses: { 200: { description: 'updated', schema: incidentDetailSchema } },
    handler: async ({ principal, params, body }) => ({ body: await incidents.update(principal, params.id, body) }),
  }),
  defineRoute({
    method: 'post', path: '/api/incidents/:id/tickets', action: 'incidents.attach', tag: 'incidents', summary: 'Link a ticket to the incident by hand',
    params: idParams, body: linkBody,
    responses: { 200: { description: 'the incident', schema: incidentDetailSchema }, 409: { description: 'the ticket is linked to another incident' } },
    handler: async ({ principal, params, body }) => ({ body: await incidents.linkTicket(principal, params.id, body.ticket_id) }),
  }),
  defineRoute({
    method: 'delete', path: '/api/incidents/:id/tickets/:ticketId', action: 'incidents.link', tag: 'incidents', summary: 'Unlink a ticket from the incident',
    params: linkParams,
    responses: { 200: { description: 'the incident', schema: incidentDetailSchema } },
    handler: async ({ principal, params }) => ({ body: await incidents.unlinkTicket(principal, params.id, params.ticketId) }),
  }),
  defineRoute({
    method: 'get', path: '/api/mass-complaint-detectors', action: 'incidents.detectors.read', tag: 'incidents', summary: 'The mass-complaint detectors',
    responses: { 200: { description: 'all detectors', schema: z.object({ items: z.array(detectorSchema) }) } },
    handler: async () => ({ body: { items: await incidents.detectors() } }),
  }),
  defineRoute({
    method: 'put', path: '/api/mass-complaint-detectors/:key', action: 'incidents.detectors.write', tag: 'incidents', summary: 'Create or replace a detector (N tickets within a window)',
    params: detectorKeyParams, body: detectorBody,
    responses: { 200: { description: 'replaced', schema: detectorSchema }, 201: { description: 'created', schema: detectorSchema } },
    handler: async ({ principal, params, body }) => {
      const { detector, created } = await incidents.putDetector(principal, params.key, body);
      return { status: created ? 201 : 200, body: detector };
    },
  }),
];
