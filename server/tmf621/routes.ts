import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { isClient, type ClientPrincipal, type Principal, type Scope } from '../auth/permissions';
import { AppError, errors } from '../http/errors';
import { knownProblem } from '../http/problem';
import { nulPath } from '../http/route';
import type { Logger } from '../logger';
import type { Hub } from './hub';
import { hubCreate } from './schemas';
import type { TmfService } from './service';
import { basePath, type TmfVersion } from './view';

const SPECS = path.resolve(__dirname, '..', '..', 'specs', 'tmf621');
/** the official documents, served as this façade's contract */
const DOCUMENTS: Record<TmfVersion, { file: string; route: string; type: string }> = {
  v5: { file: 'TMF621-Trouble_Ticket-v5.0.1.oas.yaml', route: '/openapi.yaml', type: 'application/yaml' },
  v4: { file: 'TMF621-TroubleTicket-v4.0.0.swagger.json', route: '/swagger.json', type: 'application/json' },
};
const PATCH_TYPES = ['application/merge-patch+json', 'application/json-patch+json', 'application/json'];

/** TMF621's error body: `{code, reason, message, status, referenceError, @type}` (code: the desk's stable problem code). */
function tmfError(res: Response, error: AppError): void {
  const fields = error.extra.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  if (typeof error.extra.retry_after === 'number') res.setHeader('Retry-After', String(error.extra.retry_after));
  res.status(error.status).type('application/json').json({
    '@type': 'Error', code: error.code, reason: error.title, message: fields ? `${error.message} (${fields})` : error.message,
    status: String(error.status), referenceError: `https://loopdesk.dev/problems/${error.code}`,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
  });
}

export interface TmfRouterDeps {
  tmf: TmfService;
  hub: Hub;
  /** a bearer token's API client; null when it is no client token */
  clientFromToken(token: string | undefined): Promise<ClientPrincipal | null>;
  /** whether the token is a person's sign-in token (they get 403, not 401) */
  isUserToken(token: string): Promise<boolean>;
  recordCall(principal: Principal, call: { method: string; path: string; status: number; requestId: string | undefined }): void;
  logger: Logger;
}

type Handler = (req: Request, res: Response, principal: ClientPrincipal) => Promise<void>;

/** The TMF621 façade of one version, mounted at /tmf-api/troubleTicket/<version>: API clients only, by scope. */
export function tmfRouter(version: TmfVersion, deps: TmfRouterDeps): Router {
  const { tmf, hub } = deps;
  const router = express.Router();
  router.use(express.json({ type: PATCH_TYPES, limit: '64kb', strict: false }));

  const doc = DOCUMENTS[version];
  router.get(doc.route, (_req, res) => {
    res.type(doc.type).send(fs.readFileSync(path.join(SPECS, doc.file)));
  });

  const guarded = (scope: Scope, handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const field = nulPath(req.query) ?? nulPath(req.body);
      if (field !== undefined) throw errors.badRequest(`${field} contains a NUL character`, [{ path: field, message: 'must not contain NUL characters' }], 'nul_character');
      const header = req.get('Authorization');
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const principal = await deps.clientFromToken(token);
      if (!principal) {
        if (token && (await deps.isUserToken(token))) throw errors.forbidden('TMF621 is for API clients: get a token at POST /oauth/token', 'insufficient_scope');
        throw errors.unauthorized('send an API client\'s bearer token (POST /oauth/token)');
      }
      res.on('finish', () => deps.recordCall(principal, { method: req.method, path: req.originalUrl.split('?')[0]!, status: res.statusCode, requestId: res.locals.requestId as string | undefined }));
      if (!isClient(principal) || !principal.client.scopes.includes(scope)) throw errors.forbidden(`this client lacks the scope ${scope}`, 'insufficient_scope');
      await handler(req, res, principal);
    } catch (err) {
      next(err);
    }
  };
  const idOf = (req: Request): number => {
    const raw = String(req.params.id);
    if (!/^[1-9][0-9]{0,15}$/.test(raw)) throw errors.notFound(`troubleTicket ${raw}`);
    return Number(raw);
  };
  const fieldsOf = (req: Request) => (typeof req.query.fields === 'string' ? req.query.fields : undefined);
  const json = (res: Response, status: number, body: unknown) => res.status(status).type('application/json').json(body);

  router.get('/troubleTicket', guarded('tmf621.read', async (req, res, principal) => {
    const { items, total } = await tmf.list(principal, req.query as Record<string, unknown>, version);
    res.setHeader('X-Total-Count', String(total));
    res.setHeader('X-Result-Count', String(items.length));
    json(res, 200, items);
  }));
  router.get('/troubleTicket/:id', guarded('tmf621.read', async (req, res, principal) => {
    const { resource, version: v } = await tmf.get(principal, idOf(req), fieldsOf(req), version);
    res.setHeader('ETag', `"${v}"`);
    json(res, 200, resource);
  }));
  router.post('/troubleTicket', guarded('tmf621.write', async (req, res, principal) => {
    if (!req.is('application/json')) throw errors.unsupportedMediaType();
    const { resource } = await tmf.create(principal, req.body, version);
    res.setHeader('Location', String(resource.href));
    const fields = fieldsOf(req);
    json(res, 201, fields ? Object.fromEntries(Object.entries(resource).filter(([k]) => ['id', 'href', '@type', ...fields.split(',').map((f) => f.trim())].includes(k))) : resource);
  }));
  router.patch('/troubleTicket/:id', guarded('tmf621.write', async (req, res, principal) => {
    const type = PATCH_TYPES.find((t) => req.is(t) === t);
    if (!type) throw new AppError(415, 'Unsupported Media Type', `send ${PATCH_TYPES.join(', ')}`);
    const ifMatch = req.get('If-Match');
    const expected = ifMatch === undefined ? null : Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
    if (expected !== null && !Number.isSafeInteger(expected)) throw errors.badRequest('If-Match: the ETag of the ticket', [{ path: 'If-Match', message: 'not a version' }]);
    // JSON Patch on application/json would be ambiguous: merge-patch unless the type says otherwise
    const resource = await tmf.patch(principal, idOf(req), type === 'application/json' ? 'application/merge-patch+json' : type, req.body, expected, version);
    json(res, 200, resource);
  }));
  router.delete('/troubleTicket/:id', guarded('tmf621.write', async (req, res, principal) => {
    await tmf.remove(principal, idOf(req));
    res.status(204).end();
  }));

  router.post('/hub', guarded('tmf621.hub', async (req, res, principal) => {
    const parsed = hubCreate.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      throw errors.badRequest(`${field}: ${issue.message}`, [{ path: field, message: issue.message }]);
    }
    const created = await hub.subscribe(principal, version, parsed.data, tmf.apiRoot);
    res.setHeader('Location', String(created.href));
    json(res, 201, created);
  }));
  router.get('/hub/:id', guarded('tmf621.hub', async (req, res, principal) => {
    json(res, 200, await hub.get(principal, idOf(req), version, tmf.apiRoot));
  }));
  router.delete('/hub/:id', guarded('tmf621.hub', async (req, res, principal) => {
    await hub.unsubscribe(principal, idOf(req), version);
    res.status(204).end();
  }));

  router.use((req, _res, next) => next(errors.notFound(`${req.method} ${basePath(version)}${req.path}`)));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = knownProblem(err);
    if (problem) {
      tmfError(res, problem);
      return;
    }
    deps.logger.error('unhandled error', { request_id: res.locals.requestId, method: req.method, path: req.originalUrl, err });
    tmfError(res, new AppError(500, 'Internal Server Error', 'something went wrong on our side', { code: 'internal_error' }));
  });
  return router;
}
