import { z } from 'zod';
import type { RouteSpec } from '../http/route';
import { problemSchema } from '../http/schemas';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z_]+)/g, '{$1}');

/** Built from the same route specs and zod schemas that validate requests: it cannot drift. */
export function buildOpenApi(routes: RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = toSchema(problemSchema, 'output');
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: toSchema(response.schema, 'output') } } } : {}),
      };
    }
    const problems: Record<string, string> = { 400: 'bad input: `errors` names each field' };
    if (route.action !== 'public') Object.assign(problems, { 401: 'not signed in', 403: 'the role may not do this' });
    for (const [status, description] of Object.entries(problems)) {
      responses[status] ??= { description };
    }
    for (const status of Object.keys(responses)) {
      if (Number(status) >= 400) {
        (responses[status] as Record<string, unknown>).content = { 'application/problem+json': { schema: problem } };
      }
    }
    paths[openApiPath(route.path)] ??= {};
    paths[openApiPath(route.path)]![route.method] = {
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(route.action === 'public' ? { security: [] } : { 'x-permission': route.action }),
      parameters: [
        ...parameters(route.params, 'path'),
        ...parameters(route.query, 'query'),
        ...(route.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } })),
      ],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'LoopDesk API',
      version,
      description: 'Complaint handling for telecom operators: accept → dispatch → resolve → callback. Errors are application/problem+json.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
