import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { readIfMatch } from '../tickets/routes';
import { createTemplateBody, templateListQuery, templateSchema, updateTemplateBody } from './schemas';
import type { TemplatesService } from './service';

const etag = (t: { version: number }) => ({ ETag: `"${t.version}"` });

export const templateRoutes = (templates: TemplatesService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/reply-templates', action: 'templates.read', tag: 'templates', summary: 'Reply templates (常用语) by purpose, category and type; filled from a ticket with ticket_id',
    description: 'Placeholders: {customer_name} {customer_phone} {ticket_number} {due_at} (the soonest open SLA due time, desk time) {unit} {agent_name} (the caller of this request). ' +
      'Without ticket_id the console fills what it knows (intake: the caller being typed).',
    query: templateListQuery,
    responses: { 200: { description: 'the templates', schema: z.object({ items: z.array(templateSchema) }) }, 404: { description: 'ticket_id: no such ticket in your units' } },
    handler: async ({ principal, query }) => ({ body: { items: await templates.list(principal, query) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/reply-templates', action: 'templates.write', tag: 'templates', summary: 'Add a reply template',
    body: createTemplateBody,
    bodyExample: { name: '话费退还', purpose: 'resolution', category: 'billing', body_zh: '{customer_name}您好，您反映的多扣费已核实并退还。', body_en: 'Dear {customer_name}, the overcharge has been refunded.' },
    responses: { 201: { description: 'created', schema: templateSchema } },
    handler: async ({ principal, body }) => {
      const created = await templates.create(principal, body);
      return { status: 201, body: created, headers: etag(created) };
    },
  }),
  defineRoute({
    method: 'patch', path: '/api/reply-templates/:id', action: 'templates.write', tag: 'templates', summary: 'Edit, deactivate or reactivate a reply template',
    params: idParams, body: updateTemplateBody,
    headers: [{ name: 'If-Match', required: true, description: 'the template version you edited; stale: 409' }],
    responses: { 200: { description: 'updated', schema: templateSchema }, 404: { description: 'no such template' }, 409: { description: 'stale version' }, 428: { description: 'If-Match missing' } },
    handler: async ({ principal, params, body, req }) => {
      const updated = await templates.update(principal, params.id, readIfMatch(req), body);
      return { body: updated, headers: etag(updated) };
    },
  }),
];
