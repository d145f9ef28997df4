import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import type { EventBus } from '../events/bus';
import { errors } from '../http/errors';
import type { Logger } from '../logger';
import { usersRepository } from '../users/repository';
import { toUserView } from '../users/service';
import type { UserView } from '../users/schemas';
import { hashPassword, verifyPassword } from './passwords';
import type { Principal } from './permissions';
import { AttemptLimiter } from './rate-limit';
import type { TokenService } from './tokens';

const LOGIN_WINDOW_SECONDS = 15 * 60;
/**
 * Signed-in principals are kept this long (real time, not the desk clock) so a request costs no
 * user lookup. A change to a user or unit made by this process drops the cache as soon as it
 * commits (`directory.changed`); a change made by another process, or one racing a lookup, takes
 * effect within this bound: a deactivated user or a new role is honoured within 5 seconds.
 */
export const PRINCIPAL_CACHE_MS = 5000;
const PRINCIPAL_CACHE_MAX = 10_000;
// Verifying against a real hash keeps unknown usernames as slow as wrong passwords.
const dummyHash = hashPassword(crypto.randomBytes(16).toString('hex'));

export function createAuthService(deps: { knex: Knex; bus: EventBus; tokens: TokenService; clock: Clock; loginRateLimit: number }) {
  const { knex, tokens, clock } = deps;
  const limiter = new AttemptLimiter(deps.loginRateLimit, LOGIN_WINDOW_SECONDS, clock);
  const principals = new Map<number, { principal: Principal; until: number }>();
  deps.bus.subscribe((event) => {
    if (event.type === 'directory.changed') principals.clear();
  });

  async function loadPrincipal(userId: number): Promise<Principal> {
    const cached = principals.get(userId);
    if (cached && cached.until > performance.now()) return cached.principal;
    const row = await usersRepository.findPrincipalRow(knex, userId);
    // Refusals are never cached: a reactivated account works on its next request.
    if (!row) throw errors.unauthorized('the account is disabled', 'account_disabled');
    const principal: Principal = { id: row.id, username: row.username, name: row.name, role: row.role, unitId: row.unit_id, unitPath: row.unit_path };
    if (principals.size >= PRINCIPAL_CACHE_MAX) principals.clear();
    principals.set(userId, { principal, until: performance.now() + PRINCIPAL_CACHE_MS });
    return principal;
  }

  return {
    async login(username: string, password: string, clientKey: string): Promise<{ token: string; expires_at: string; user: UserView }> {
      const limitKey = `${clientKey}|${username.toLowerCase()}`;
      const wait = limiter.hit(limitKey);
      if (wait > 0) throw errors.tooManyRequests(wait);
      const user = await usersRepository.findByUsername(knex, username);
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
      if (!user || !ok || !user.active) throw errors.unauthorized('wrong username or password', 'bad_credentials');
      limiter.reset(limitKey);
      const { token, expiresAt } = await tokens.issue(user.id);
      return { token, expires_at: expiresAt.toISOString(), user: toUserView(user) };
    },

    async principalFromToken(token: string | undefined): Promise<Principal> {
      if (!token) throw errors.unauthorized();
      const userId = await tokens.verify(token);
      if (userId === null) throw errors.unauthorized('the token is invalid or expired; sign in again', 'token_invalid');
      return loadPrincipal(userId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

/** A configured secret wins; otherwise one is generated once and kept in the database. */
export async function resolveTokenSecret(knex: Knex, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const fresh = crypto.randomBytes(32).toString('hex');
  await knex('settings').insert({ key: 'token_secret', value: fresh }).onConflict('key').ignore();
  return (await knex('settings').where({ key: 'token_secret' }).first<{ value: string }>())!.value;
}

/** On an empty database, creates `admin` with the configured password, or a random one printed once. */
export async function ensureAdmin(knex: Knex, clock: Clock, logger: Logger, configuredPassword: string | undefined): Promise<void> {
  if ((await usersRepository.count(knex)) > 0) return;
  const password = configuredPassword ?? crypto.randomBytes(9).toString('base64url');
  const now = clock.now();
  const inserted = await knex('users')
    .insert({ username: 'admin', name: 'Administrator', role: 'admin', password_hash: await hashPassword(password), active: true, created_at: now, updated_at: now })
    .onConflict('username')
    .ignore()
    .returning('id');
  if (inserted.length === 0) return;
  if (configuredPassword) logger.info('created user admin with LOOPDESK_ADMIN_PASSWORD');
  else process.stdout.write(`\nCreated user "admin" with password: ${password}\n(shown once; set LOOPDESK_ADMIN_PASSWORD to choose it)\n\n`);
}
