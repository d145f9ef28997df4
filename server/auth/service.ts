import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import type { EventBus } from '../events/bus';
import { errors } from '../http/errors';
import type { Logger } from '../logger';
import { usersRepository } from '../users/repository';
import { toUserView } from '../users/view';
import { checkPassword } from './password-policy';
import type { UserView } from '../users/schemas';
import { writeAudit } from '../audit';
import { inTransaction } from '../db/unit-of-work';
import { hashPassword, verifyPassword } from './passwords';
import type { Principal } from './permissions';
import type { LoginThrottle } from './rate-limit';
import type { TokenClaims, TokenService } from './tokens';
import { settingsStore } from '../db/settings';

/**
 * Signed-in sessions are kept this long (real time, not the desk clock) so a request costs no
 * user lookup. A change to a user or unit made by this process drops the cache as soon as it
 * commits (`directory.changed`), and a sign-out here drops its token at once; a change made by
 * another process, or one racing a lookup, takes effect within this bound: a deactivated user, a
 * new role, a changed password or a sign-out is honoured everywhere within 5 seconds.
 */
export const PRINCIPAL_CACHE_MS = 5000;
const PRINCIPAL_CACHE_MAX = 10_000;
// Verifying against a real hash keeps unknown usernames as slow as wrong passwords.
const dummyHash = hashPassword(crypto.randomBytes(16).toString('hex'));

/** A verified token and who it belongs to now. */
export interface Session {
  principal: Principal;
  jti: string;
  expiresAt: Date;
}

export interface AuthServiceDeps {
  knex: Knex;
  bus: EventBus;
  tokens: TokenService;
  clock: Clock;
  throttle: LoginThrottle;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { knex, bus, tokens, clock, throttle } = deps;
  const sessions = new Map<string, { session: Session; until: number }>();
  deps.bus.subscribe((event) => {
    if (event.type === 'directory.changed' || event.type === 'sessions.ended') sessions.clear();
  });

  async function loadSession(claims: TokenClaims): Promise<Session> {
    const cached = sessions.get(claims.jti);
    if (cached && cached.until > performance.now()) return cached.session;
    const row = await usersRepository.findSessionRow(knex, claims.userId, claims.jti);
    // Refusals are never cached: a reactivated account works on its next request.
    if (!row) throw errors.unauthorized('the account is disabled', 'account_disabled');
    if (row.revoked || row.token_generation !== claims.generation) throw errors.unauthorized('this session has ended; sign in again', 'token_invalid');
    const principal: Principal = {
      id: row.id, username: row.username, name: row.name, role: row.role, unitId: row.unit_id, unitPath: row.unit_path,
      ...(row.must_change_password ? { mustChangePassword: true } : {}),
    };
    const session: Session = { principal, jti: claims.jti, expiresAt: claims.expiresAt };
    if (sessions.size >= PRINCIPAL_CACHE_MAX) sessions.clear();
    sessions.set(claims.jti, { session, until: performance.now() + PRINCIPAL_CACHE_MS });
    return session;
  }

  async function sessionFromToken(token: string | undefined): Promise<Session> {
    if (!token) throw errors.unauthorized();
    const claims = await tokens.verify(token);
    if (claims === null) throw errors.unauthorized('the token is invalid or expired; sign in again', 'token_invalid');
    return loadSession(claims);
  }

  return {
    async login(username: string, password: string, clientAddress: string): Promise<{ token: string; expires_at: string; must_change_password: boolean; user: UserView }> {
      await throttle.check(username, clientAddress);
      const user = await usersRepository.findByUsername(knex, username);
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
      if (!user || !ok || !user.active) {
        await throttle.failed(username, clientAddress);
        throw errors.unauthorized('wrong username or password', 'bad_credentials');
      }
      await throttle.succeeded(username, clientAddress);
      const now = clock.now();
      await usersRepository.signedIn(knex, user.id, now);
      const { token, expiresAt } = await tokens.issue(user.id, user.token_generation);
      // the console opens the change-password screen first when `must_change_password` is set
      return { token, expires_at: expiresAt.toISOString(), must_change_password: user.must_change_password, user: toUserView({ ...user, last_sign_in_at: now }) };
    },

    sessionFromToken,

    async principalFromToken(token: string | undefined): Promise<Principal> {
      return (await sessionFromToken(token)).principal;
    },

    /** Sign-out: this token stops working (everywhere within PRINCIPAL_CACHE_MS); the user's other sessions go on. */
    async logout(session: Session): Promise<void> {
      const now = clock.now();
      await inTransaction(knex, bus, async ({ trx, emit }) => {
        await trx('revoked_tokens').insert({ jti: session.jti, user_id: session.principal.id, revoked_at: now, expires_at: session.expiresAt }).onConflict('jti').ignore();
        // tokens past their expiry are refused anyway: their revocations need not be kept
        await trx('revoked_tokens').where('expires_at', '<', now).del();
        emit({ type: 'sessions.ended', at: now.toISOString(), userId: session.principal.id, jti: session.jti });
      });
    },

    /**
     * The signed-in user changes their own password: the current one is asked again, every session
     * (this one too) ends, and a fresh token for this one is returned.
     */
    async changePassword(session: Session, currentPassword: string, newPassword: string, clientAddress: string): Promise<{ token: string; expires_at: string }> {
      const userId = session.principal.id;
      // a stolen token must not become a way round sign-in throttling to guess the password
      await throttle.check(session.principal.username, clientAddress);
      const user = await usersRepository.find(knex, userId);
      if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
        await throttle.failed(session.principal.username, clientAddress);
        throw errors.badRequest('the current password is wrong', [{ path: 'current_password', message: 'wrong password' }]);
      }
      checkPassword(newPassword, user.username, 'new_password');
      // a reset password must really be replaced, not typed again
      if (user.must_change_password && newPassword === currentPassword) {
        throw errors.badRequest('choose a password other than the one you were given', [{ path: 'new_password', message: 'same as the current password' }], 'password_unchanged');
      }
      const hash = await hashPassword(newPassword);
      const now = clock.now();
      const generation = await inTransaction(knex, bus, async ({ trx, emit }) => {
        await usersRepository.update(trx, userId, { password_hash: hash, must_change_password: false, updated_at: now });
        const generation = await usersRepository.endSessions(trx, userId);
        await writeAudit(trx, { at: now, actorId: userId, entity: 'user', entityId: userId, action: 'password_changed', data: {} });
        emit({ type: 'sessions.ended', at: now.toISOString(), userId, jti: null });
        return generation;
      });
      const { token, expiresAt } = await tokens.issue(userId, generation);
      return { token, expires_at: expiresAt.toISOString() };
    },
  };
}

/** Throws 400 naming the field when the password breaks the policy. */
export type AuthService = ReturnType<typeof createAuthService>;

/** A configured secret wins; otherwise one is generated once and kept in the database. */
export async function resolveTokenSecret(knex: Knex, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return settingsStore.once(knex, 'token_secret', 32);
}

/** On an empty database, creates `admin` with the configured password, or a random one printed once. */
export async function ensureAdmin(knex: Knex, clock: Clock, logger: Logger, configuredPassword: string | undefined): Promise<void> {
  if ((await usersRepository.count(knex)) > 0) return;
  // a configured one was held to the password policy by loadConfig
  const password = configuredPassword ?? crypto.randomBytes(12).toString('base64url');
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
