import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Action, Principal } from '../auth/permissions';
import { isAllowed } from '../auth/permissions';
import { errors, type FieldError } from './errors';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerContext<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  method: Method;
  /** Express path, e.g. /api/tickets/:id */
  path: string;
  /** The permission the caller needs; `public` routes skip authentication. */
  action: Action | 'public';
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The body is a file, streamed by the handler from `req` (not JSON): its media types, for the reference. */
  fileBody?: { mediaTypes: readonly string[]; description: string };
  /** A typical request body, shown in the reference and checked against `body` by the linter. */
  bodyExample?: unknown;
  /** Headers the route reads (documented in OpenAPI). */
  headers?: { name: string; required: boolean; description: string }[];
  responses: Record<number, {
    description: string;
    schema?: Schema;
    contentType?: string;
    example?: unknown;
    /** other media types this status may answer with as text, e.g. `text/csv` for `format=csv` */
    textAlternatives?: string[];
  }>;
  handler(ctx: HandlerContext<Out<P>, Out<Q>, Out<B>>): Promise<Reply> | Reply;
}

/** Keeps the schema types of one route tied to its handler's argument types. */
export function defineRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const segments = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [prefix, ...segments, key].filter((s) => s !== undefined && s !== '').join('.') || (prefix ?? 'body'),
      message: key ? 'unknown field' : issue.message,
    }));
  }).flat();
}

function parsePart<S extends Schema>(schema: S | undefined, value: unknown, prefix: string | undefined, bag: FieldError[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  bag.push(...toFieldErrors(result.error, prefix));
  return undefined;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/** The path of the first string holding a NUL character: PostgreSQL cannot store one in text. */
export function nulPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'body' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = nulPath(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key.replace(/\u0000/g, '')].join('.') : nulPath(inner, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function refuseNul(req: Request): void {
  const field = nulPath(req.params) ?? nulPath(req.query) ?? nulPath(req.body);
  if (field !== undefined) throw errors.badRequest(`${field} contains a NUL character`, [{ path: field, message: 'must not contain NUL characters' }], 'nul_character');
}

export type Authenticate = (req: Request) => Promise<Principal>;

export function mountRoutes(router: Router, routes: RouteSpec[], authenticate: Authenticate): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      // before authentication too: the public sign-in must answer 400, not 500, to a NUL
      refuseNul(req);
      const principal = route.action === 'public' ? (undefined as unknown as Principal) : await authenticate(req);
      if (route.action !== 'public' && principal.mustChangePassword && route.action !== 'session.read') {
        throw errors.forbidden('change the password an admin set before anything else (POST /api/auth/password)', 'password_change_required');
      }
      if (route.action !== 'public' && !isAllowed(principal.role, route.action)) {
        throw errors.forbidden(`role ${principal.role} may not ${route.action.replace('.', ' ')}`);
      }
      if (route.body && hasBody(req) && !req.is('application/json')) throw errors.unsupportedMediaType();
      const bag: FieldError[] = [];
      const params = parsePart(route.params, req.params, undefined, bag);
      const query = parsePart(route.query, req.query, undefined, bag);
      const body = parsePart(route.body, req.body ?? {}, undefined, bag);
      if (bag.length > 0) {
        throw errors.badRequest(`invalid ${bag.map((e) => e.path).join(', ')}`, bag);
      }
      const reply = await route.handler({ principal, params, query, body, req, res } as HandlerContext<never, never, never>);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      res.status(reply.status ?? 200);
      if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) res.send(reply.body);
      else res.json(reply.body);
    });
  }
}
