import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import type { RouteSpec } from '../http/route';
import { problemSchema } from '../http/schemas';

export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z_]+)/g, '{$1}');

/** `get /api/tickets/:id/events` -> `getTicketsByIdEvents`: stable, URL-safe, unique per method and path. */
export function operationId(route: Pick<RouteSpec, 'method' | 'path'>): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return route.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const TAGS: Record<string, string> = {
  auth: 'Sign-in and the current user',
  tickets: 'Tickets: accept → dispatch → resolve → callback, with the timeline',
  customers: 'Callers, found by phone, with their history',
  units: 'The operator\'s organisation tree (branches, teams)',
  users: 'Desk users and their roles',
  sla: 'SLA policies, timers and the board',
  callbacks: 'Return visits (回访): policies, work lists, surveys',
  ownership: 'Leadership cases (领导包案)',
  incidents: 'Mass complaints (规模性投诉)',
  escalation: 'Escalation of breaches and idle cases',
  reports: 'The monthly case-analysis report, trends and the bulletin',
  audit: 'Who changed which configuration or directory entry',
  templates: 'Reply templates (常用语) with placeholders filled from a ticket',
  causes: 'The cause tree per category (原因分类), picked at resolution',
  mail: 'Mail the desk sends: deliveries the mail server refused, and sending them again',
  imports: 'Bulk import of units, users and customers from CSV or XLSX',
};

function headerParams(route: RouteSpec): z.ZodObject | undefined {
  if (!route.headers?.length) return undefined;
  return z.object(
    Object.fromEntries(route.headers.map((h) => [h.name, (h.required ? z.string() : z.string().optional()).describe(h.description)])),
  );
}

function responses(route: RouteSpec): Record<`${1 | 2 | 3 | 4 | 5}${string}`, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    out[status] = {
      description: response.description,
      ...(response.schema
        ? {
          content: {
            [response.contentType ?? 'application/json']: { schema: response.schema, ...(response.example !== undefined ? { example: response.example } : {}) },
            ...Object.fromEntries((response.textAlternatives ?? []).map((mediaType) => [mediaType, { schema: z.string() }])),
          },
        }
        : {}),
    };
  }
  const problems: Record<string, string> = { 400: 'bad input: `errors` names each field' };
  if (route.action !== 'public') Object.assign(problems, { 401: 'not signed in', 403: 'the role may not do this' });
  for (const [status, description] of Object.entries(problems)) {
    out[status] ??= { description };
  }
  // 404, 409, 422, 429, 503 … wherever the rules say so: every error has the one problem shape
  out.default = { description: 'any other error' };
  for (const [status, response] of Object.entries(out)) {
    if (status === 'default' || Number(status) >= 400) {
      out[status] = { description: response.description, content: { 'application/problem+json': { schema: problemSchema } } };
    }
  }
  return out;
}

function operation(route: RouteSpec): ZodOpenApiOperationObject {
  const header = headerParams(route);
  const requestParams = {
    ...(route.params ? { path: route.params as z.ZodObject } : {}),
    ...(route.query ? { query: route.query as z.ZodObject } : {}),
    ...(header ? { header } : {}),
  };
  return {
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    operationId: operationId(route),
    ...(route.action === 'public' ? { security: [] } : { 'x-permission': route.action }),
    ...(Object.keys(requestParams).length > 0 ? { requestParams } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body, ...(route.bodyExample !== undefined ? { example: route.bodyExample } : {}) } } } }
      : {}),
    ...(route.fileBody
      ? {
        requestBody: {
          required: true,
          description: route.fileBody.description,
          content: Object.fromEntries(route.fileBody.mediaTypes.map((mediaType) => [mediaType, { schema: z.string().meta({ format: 'binary' }) }])),
        },
      }
      : {}),
    responses: responses(route),
  };
}

/**
 * Built from the same route specs and zod schemas that validate requests and type the answers.
 * Schemas carrying `.meta({ id })` become `components/schemas` (an `…Output` twin where the
 * request and response shapes of one schema differ).
 */
export function buildOpenApi(routes: RouteSpec[], options: { version: string; serverUrl: string }): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) }));
  const document = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'LoopDesk API',
      version: options.version,
      description:
        'Complaint handling for telecom operators: accept → dispatch → resolve → callback. ' +
        'Sign in with `POST /api/auth/login` and send the token as `Authorization: Bearer …`. ' +
        'Errors are application/problem+json; a 400 names each bad field in `errors`.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: options.serverUrl, description: 'this desk' }],
    tags,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque token from POST /api/auth/login' } } },
    security: [{ bearer: [] }],
    paths,
  });
  return document as unknown as Record<string, unknown>;
}
