import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { createUnitBody, unitSchema, updateUnitBody } from './schemas';
import type { UnitsService } from './service';

export const unitRoutes = (units: UnitsService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/units', action: 'units.read', tag: 'units', summary: 'List the unit tree (flat, ordered by path)',
    responses: { 200: { description: 'all units', schema: z.object({ items: z.array(unitSchema) }) } },
    handler: async () => ({ body: { items: await units.list() } }),
  }),
  defineRoute({
    method: 'post', path: '/api/units', action: 'units.write', tag: 'units', summary: 'Create a unit', body: createUnitBody,
    responses: { 201: { description: 'created', schema: unitSchema } },
    handler: async ({ principal, body }) => ({ status: 201, body: await units.create(principal, body) }),
  }),
  defineRoute({
    method: 'patch', path: '/api/units/:id', action: 'units.write', tag: 'units', summary: 'Rename, move, or set the head of a unit',
    params: idParams, body: updateUnitBody,
    responses: { 200: { description: 'updated', schema: unitSchema } },
    handler: async ({ principal, params, body }) => ({ body: await units.update(principal, params.id, body) }),
  }),
];
