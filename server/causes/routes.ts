import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { causeListQuery, causeSchema, createCauseBody, updateCauseBody } from './schemas';
import type { CausesService } from './service';

export const causeRoutes = (causes: CausesService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/causes', action: 'causes.read', tag: 'causes', summary: 'The cause tree (原因分类) of every category or one, flat, in order',
    query: causeListQuery,
    responses: { 200: { description: 'causes and sub-causes (parent_id)', schema: z.object({ items: z.array(causeSchema) }) } },
    handler: async ({ query }) => ({ body: { items: await causes.list(query) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/causes', action: 'causes.write', tag: 'causes', summary: 'Add a cause, or a sub-cause under one',
    body: createCauseBody, bodyExample: { category: 'billing', name_zh: '套餐变更未生效', name_en: 'Plan change not applied' },
    responses: { 201: { description: 'created', schema: causeSchema }, 422: { description: 'parent not an active top-level cause of the category (cause_parent_invalid)' } },
    handler: async ({ principal, body }) => ({ status: 201, body: await causes.create(principal, body) }),
  }),
  defineRoute({
    method: 'patch', path: '/api/causes/:id', action: 'causes.write', tag: 'causes', summary: 'Rename (while unused), reorder, deactivate or reactivate a cause',
    description: 'Never deleted: tickets keep the cause they were resolved with. 409 `cause_in_use` on renaming a cause tickets name.',
    params: idParams, body: updateCauseBody,
    responses: { 200: { description: 'updated', schema: causeSchema }, 404: { description: 'no such cause' }, 409: { description: 'renaming a cause in use (cause_in_use)' } },
    handler: async ({ principal, params, body }) => ({ body: await causes.update(principal, params.id, body) }),
  }),
];
