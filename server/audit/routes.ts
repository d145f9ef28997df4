import { defineRoute, type RouteSpec } from '../http/route';
import { auditPageSchema, auditQuery } from './schemas';
import type { AuditService } from './service';

export const auditRoutes = (audit: AuditService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/audit-log', action: 'audit.read', tag: 'audit', summary: 'Who changed which configuration or directory entry, when, with what',
    description: 'Newest first. `format=csv` answers text/csv (UTF-8 with BOM) of the same page; cells that a spreadsheet would run as formulas are prefixed with a quote.',
    query: auditQuery,
    responses: { 200: { description: 'a page of audit entries (or CSV)', schema: auditPageSchema } },
    handler: async ({ query, res }) => {
      const page = await audit.list(query);
      if (query.format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment('audit-log.csv');
        return { body: audit.csv(page.items) };
      }
      return { body: page };
    },
  }),
];
