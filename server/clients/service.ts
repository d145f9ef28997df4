import crypto from 'node:crypto';
import { writeAudit } from '../audit';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { type ClientPrincipal, type Principal, type Scope } from '../auth/permissions';
import type { TokenService } from '../auth/tokens';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { clientsRepository, type ClientRow } from './repository';
import type { ClientView, ClientWithSecret, CreateClientInput, OAuthErrorCode, TokenInput, TokenView, UpdateClientInput } from './schemas';

/** How long a resolved client principal is reused before its row is read again (as for sessions). */
export const CLIENT_CACHE_MS = 5000;
const CLIENT_CACHE_MAX = 1000;
// Verifying against a real hash keeps unknown client ids as slow as wrong secrets.
const dummyHash = hashPassword(crypto.randomBytes(16).toString('hex'));

/** RFC 6749 §5.2: what the token endpoint answers instead of a token. */
export class OAuthError extends Error {
  constructor(readonly error: OAuthErrorCode, description: string, readonly status: 400 | 401 = 400) {
    super(description);
  }
}

const toView = (row: ClientRow): ClientView => ({
  id: Number(row.id),
  client_id: row.client_id,
  name: row.name,
  scopes: row.scopes,
  unit_ids: row.unit_ids,
  active: row.active,
  user_id: Number(row.user_id),
  previous_secret_until: row.previous_secret_until?.toISOString() ?? null,
  created_at: row.created_at.toISOString(),
  last_used_at: row.last_used_at?.toISOString() ?? null,
});

const newSecret = () => crypto.randomBytes(32).toString('base64url');

/** RFC 6749 §2.3.1: HTTP Basic carries the form-urlencoded client id and secret. */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'HTTP Basic credentials must be client_id:client_secret', 401);
  try {
    const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'HTTP Basic credentials are not valid form encoding', 401);
  }
}

/**
 * API clients (service accounts of other systems): created by admins with scopes and units, a
 * secret shown once and stored as an argon2 hash, exchanged for short-lived bearer tokens
 * (OAuth 2.0 client credentials). Each client acts as its own service account user, so what it
 * changes is attributed to it in timelines and the audit log.
 */
export function createClientsService(deps: Deps, tokens: TokenService) {
  const { knex, bus, clock, config, logger } = deps;
  const cache = new Map<string, { principal: ClientPrincipal; until: number }>();

  async function checkUnits(unitIds: readonly number[]): Promise<void> {
    const found = await clientsRepository.unitPaths(knex, unitIds);
    const missing = unitIds.filter((id) => !found.some((u) => Number(u.id) === id));
    if (missing.length > 0) {
      throw errors.rule(`no unit ${missing.join(', ')}`, { code: 'unknown_reference', errors: [{ path: 'unit_ids', message: `no unit ${missing.join(', ')}` }] });
    }
  }

  async function load(id: number): Promise<ClientRow> {
    const row = await clientsRepository.find(knex, id);
    if (!row) throw errors.notFound(`client ${id}`);
    return row;
  }

  async function verifySecret(row: ClientRow | undefined, secret: string): Promise<boolean> {
    if (!row) {
      await verifyPassword(await dummyHash, secret);
      return false;
    }
    if (await verifyPassword(row.secret_hash, secret)) return true;
    const overlap = row.previous_secret_hash !== null && row.previous_secret_until !== null && row.previous_secret_until > clock.now();
    return overlap && verifyPassword(row.previous_secret_hash!, secret);
  }

  return {
    async list(filter: { active?: boolean }): Promise<ClientView[]> {
      return (await clientsRepository.list(knex, filter)).map(toView);
    },

    async get(id: number): Promise<ClientView> {
      return toView(await load(id));
    },

    async create(actor: Principal, input: CreateClientInput): Promise<ClientWithSecret> {
      const unitIds = [...new Set(input.unit_ids)];
      await checkUnits(unitIds);
      const secret = newSecret();
      const clientId = `ld_${crypto.randomBytes(12).toString('base64url')}`;
      const [secretHash, accountHash] = await Promise.all([hashPassword(secret), hashPassword(newSecret())]);
      const row = await inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const userId = await clientsRepository.insertServiceAccount(trx, { username: `client:${clientId}`, name: input.name, passwordHash: accountHash, at: now });
        const created = await clientsRepository.insert(trx, {
          client_id: clientId, name: input.name, user_id: userId, scopes: [...new Set(input.scopes)], unit_ids: unitIds,
          secret_hash: secretHash, active: true, created_by: actor.id, created_at: now, updated_at: now,
        });
        await writeAudit(trx, { at: now, actorId: actor.id, entity: 'api_client', entityId: created.id, action: 'created', data: { client_id: clientId, name: input.name, scopes: created.scopes, unit_ids: unitIds } });
        return created;
      });
      return { ...toView(row), client_secret: secret };
    },

    async update(actor: Principal, id: number, input: UpdateClientInput): Promise<ClientView> {
      if (input.unit_ids) await checkUnits(input.unit_ids);
      const row = await inTransaction(knex, bus, async ({ trx }) => {
        const before = await clientsRepository.find(trx, id, true);
        if (!before) throw errors.notFound(`client ${id}`);
        const now = clock.now();
        const changes = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.scopes ? { scopes: [...new Set(input.scopes)] } : {}),
          ...(input.unit_ids ? { unit_ids: [...new Set(input.unit_ids)] } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
        };
        const after = await clientsRepository.update(trx, id, { ...changes, updated_at: now });
        if (input.name !== undefined) await clientsRepository.renameServiceAccount(trx, after.user_id, input.name, now);
        // fewer rights or a deactivation must not wait for issued tokens to expire
        if (input.active === false || input.scopes || input.unit_ids) await clientsRepository.endTokens(trx, id);
        await writeAudit(trx, {
          at: now, actorId: actor.id, entity: 'api_client', entityId: id, action: input.active === false && before.active ? 'deactivated' : 'updated',
          data: { before: { name: before.name, scopes: before.scopes, unit_ids: before.unit_ids, active: before.active }, after: changes },
        });
        return after;
      });
      cache.clear();
      return toView(row);
    },

    /** A new secret; the current one keeps working for `previousValidSeconds` so the system can switch over. */
    async rotate(actor: Principal, id: number, previousValidSeconds: number): Promise<ClientWithSecret> {
      const secret = newSecret();
      const secretHash = await hashPassword(secret);
      const row = await inTransaction(knex, bus, async ({ trx }) => {
        const before = await clientsRepository.find(trx, id, true);
        if (!before) throw errors.notFound(`client ${id}`);
        const now = clock.now();
        const until = new Date(now.getTime() + previousValidSeconds * 1000);
        const after = await clientsRepository.update(trx, id, { secret_hash: secretHash, previous_secret_hash: before.secret_hash, previous_secret_until: until, updated_at: now });
        await writeAudit(trx, { at: now, actorId: actor.id, entity: 'api_client', entityId: id, action: 'secret_rotated', data: { previous_valid_until: until.toISOString() } });
        return after;
      });
      return { ...toView(row), client_secret: secret };
    },

    /** POST /oauth/token, grant_type=client_credentials (RFC 6749 §4.4). */
    async token(input: TokenInput, authorization: string | undefined): Promise<TokenView> {
      if (input.grant_type !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'only client_credentials is supported');
      const basic = basicCredentials(authorization);
      if (basic && (input.client_id !== undefined || input.client_secret !== undefined)) {
        throw new OAuthError('invalid_request', 'send the client credentials either in HTTP Basic or in the body, not both');
      }
      const clientId = basic?.clientId ?? input.client_id;
      const secret = basic?.secret ?? input.client_secret;
      if (!clientId || !secret) throw new OAuthError('invalid_client', 'client authentication is required', 401);
      const row = await clientsRepository.findByClientId(knex, clientId);
      if (!(await verifySecret(row, secret)) || !row!.active) throw new OAuthError('invalid_client', 'unknown client, wrong secret or inactive client', 401);
      const requested = input.scope?.split(' ').filter(Boolean);
      const granted = requested ?? row!.scopes;
      if (requested && requested.some((s) => !row!.scopes.includes(s as Scope))) {
        throw new OAuthError('invalid_scope', `the client holds only: ${row!.scopes.join(' ')}`);
      }
      const ttl = config.clientTokenTtlSeconds;
      const { token } = await tokens.issueClient(Number(row!.id), row!.token_generation, ttl, granted);
      await clientsRepository.touch(knex, row!.id, clock.now());
      return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: granted.join(' ') };
    },

    /** The client a bearer token belongs to; null when it is no client token (a user's, say); 401 when it no longer works. */
    async principalFromToken(token: string | undefined): Promise<ClientPrincipal | null> {
      if (!token) return null;
      const claims = await tokens.verifyClient(token);
      if (!claims) return null;
      const key = `${claims.clientId}:${claims.generation}:${claims.scopes.join(' ')}`;
      const cached = cache.get(key);
      if (cached && cached.until > performance.now()) return cached.principal;
      const row = await clientsRepository.find(knex, claims.clientId);
      if (!row || !row.active || row.token_generation !== claims.generation) throw errors.unauthorized('this client token no longer works; request a new one', 'token_invalid');
      const units = (await clientsRepository.unitPaths(knex, row.unit_ids)).map((u) => ({ id: Number(u.id), path: u.path }));
      const scopes = row.scopes.filter((s) => claims.scopes.includes(s));
      const principal: ClientPrincipal = {
        id: Number(row.user_id), username: `client:${row.client_id}`, name: row.name, role: 'integration',
        // existing services scope by one unit path: exact for a one-unit client, nothing for several (use `client.units`)
        unitId: units.length === 1 ? units[0]!.id : null, unitPath: units.length === 1 ? units[0]!.path : null,
        client: { id: Number(row.id), clientId: row.client_id, scopes, units },
      };
      if (cache.size >= CLIENT_CACHE_MAX) cache.clear();
      cache.set(key, { principal, until: performance.now() + CLIENT_CACHE_MS });
      return principal;
    },

    /** Every call a client makes is audited with the client's service account as actor (after the answer, never failing it). */
    recordCall(principal: Principal, call: { method: string; path: string; status: number; requestId: string | undefined }): void {
      if (!principal.client) return;
      const client = principal.client;
      knex.transaction((trx) => writeAudit(trx, {
        at: clock.now(), actorId: principal.id, entity: 'api_client', entityId: client.id, action: 'call',
        data: { method: call.method, path: call.path, status: call.status, request_id: call.requestId ?? null },
      })).catch((err: unknown) => logger.warn('could not audit an API client call', { err, client_id: client.clientId }));
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
