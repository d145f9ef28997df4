import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Action, Principal, ScopeRequirement } from '../auth/permissions';
import { isAllowed, isClient } from '../auth/permissions';
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
  /**
   * The permission the caller needs; `public` routes skip authentication. `requireScope(...)` opens
   * the route to API clients holding that scope (and to people only when it names an action).
   */
  action: Action | 'public' | ScopeRequirement;
  /** Media types the body may come in (default application/json only); each is parsed into `body`. */
  bodyTypes?: string[];
  /** The route's own answer to bad input or a wrong media type (OAuth's `{error}`), instead of problem+json. */
  invalidInput?: (fieldErrors: FieldError[]) => Reply;
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

/** Told after each answer to an API client, so its calls are audited with the client as actor. */
export type ClientCallObserver = (principal: Principal, call: { method: string; path: string; status: number; requestId: string | undefined }) => void;

/** Whether the caller may pass the route's door: people by the role matrix, API clients by scope. */
function authorize(principal: Principal, action: Action | ScopeRequirement): void {
  if (typeof action === 'object') {
    if (isClient(principal)) {
      if (!principal.client.scopes.includes(action.scope)) throw errors.forbidden(`this client lacks the scope ${action.scope}`, 'insufficient_scope');
      return;
    }
    if (!action.users || !isAllowed(principal.role, action.users)) throw errors.forbidden(`only API clients with the scope ${action.scope} may call this`);
    return;
  }
  if (isClient(principal)) throw errors.forbidden('API clients may call only the routes their scopes open', 'insufficient_scope');
  if (!isAllowed(principal.role, action)) throw errors.forbidden(`role ${principal.role} may not ${action.replace('.', ' ')}`);
}

export function mountRoutes(router: Router, routes: RouteSpec[], authenticate: Authenticate, onClientCall?: ClientCallObserver): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      // before authentication too: the public sign-in must answer 400, not 500, to a NUL
      refuseNul(req);
      const principal = route.action === 'public' ? (undefined as unknown as Principal) : await authenticate(req);
      if (principal && onClientCall && isClient(principal)) {
        res.on('finish', () => onClientCall(principal, { method: req.method, path: req.originalUrl.split('?')[0]!, status: res.statusCode, requestId: res.locals.requestId as string | undefined }));
      }
      if (route.action !== 'public' && principal.mustChangePassword && route.action !== 'session.read') {
        throw errors.forbidden('change the password an admin set before anything else (POST /api/auth/password)', 'password_change_required');
      }
      if (route.action !== 'public') authorize(principal, route.action);
      const bag: FieldError[] = [];
      const wrongMediaType = route.body !== undefined && hasBody(req) && !req.is(route.bodyTypes ?? ['application/json']);
      if (wrongMediaType) {
        if (!route.invalidInput) throw errors.unsupportedMediaType();
        bag.push({ path: 'Content-Type', message: `one of ${(route.bodyTypes ?? ['application/json']).join(', ')}` });
      }
      const params = parsePart(route.params, req.params, undefined, bag);
      const query = parsePart(route.query, req.query, undefined, bag);
      const body = wrongMediaType ? undefined : parsePart(route.body, req.body ?? {}, undefined, bag);
      const reply = bag.length > 0
        ? route.invalidInput?.(bag)
        : await route.handler({ principal, params, query, body, req, res } as HandlerContext<never, never, never>);
      if (!reply) throw errors.badRequest(`invalid ${bag.map((e) => e.path).join(', ')}`, bag);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      res.status(reply.status ?? 200);
      if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) res.send(reply.body);
      else res.json(reply.body);
    });
  }
}
