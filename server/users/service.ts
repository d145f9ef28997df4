import type { Knex } from 'knex';
import { hashPassword } from '../auth/passwords';
import { checkPassword } from '../auth/password-policy';
import { toUserView } from './view';
import { scopePrefix, type Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { usersRepository, type UserRow } from './repository';
import type { CreateUserInput, DirectoryQuery, PersonView, UpdateUserInput, UserView } from './schemas';


/** Roles that may head a unit (ownership goes to unit heads and managers; the hotline is headed by a supervisor). */
export const HEAD_ROLES: ReadonlySet<string> = new Set(['unit_head', 'supervisor', 'manager']);

/** Roles that belong to a unit: without one they would see nothing. */
const NEEDS_UNIT = new Set(['handler', 'unit_head']);

export function createUsersService(deps: Deps) {
  const { knex, bus, clock } = deps;

  async function checkUnit(trx: Knex.Transaction, role: string, unitId: number | null | undefined) {
    if (unitId == null) {
      if (NEEDS_UNIT.has(role)) throw errors.rule(`a ${role} must belong to a unit`, { errors: [{ path: 'unit_id', message: 'required for this role' }] });
      return;
    }
    if (!(await trx('units').where({ id: unitId }).first())) {
      throw errors.rule(`unit ${unitId} does not exist`, { errors: [{ path: 'unit_id', message: 'no such unit' }] });
    }
  }

  /** The desk must keep one active admin: the last one cannot be demoted or deactivated. */
  async function keepAnAdmin(trx: Knex.Transaction, userId: number, field: 'role' | 'active') {
    // every admin row locked, so two admins demoting each other at once cannot both succeed
    const admins = await trx<UserRow>('users').where({ role: 'admin', active: true }).forUpdate().select('id');
    if (admins.every((a) => a.id === userId)) {
      throw errors.rule('the last active admin cannot be demoted or deactivated', { code: 'last_admin', errors: [{ path: field, message: 'last active admin' }] });
    }
  }

  /** Clears head_user_id of units the user may no longer head (moved away, or no longer a leader role). */
  async function unitsHeadedElsewhere(trx: Knex.Transaction, user: UserRow, actorId: number, now: Date) {
    const query = trx('units').where({ head_user_id: user.id });
    if (HEAD_ROLES.has(user.role)) query.whereNot('id', user.unit_id ?? 0);
    const cleared = await query.update({ head_user_id: null, updated_at: now }).returning<{ id: number }[]>('id');
    for (const unit of cleared) {
      await writeAudit(trx, { at: now, actorId, entity: 'unit', entityId: unit.id, action: 'updated', data: { head_user_id: null, reason: 'head moved or changed role' } });
    }
  }

  return {
    async list(actor: Principal, filter: { role?: UserRow['role']; unit_id?: number }): Promise<UserView[]> {
      const rows = await usersRepository.list(knex, { scopePrefix: scopePrefix(actor), role: filter.role, unitId: filter.unit_id });
      return rows.map(toUserView);
    },

    async directory(reader: Principal, query: DirectoryQuery): Promise<PersonView[]> {
      // A scoped reader without a unit gets the desk roles only (a path no unit has).
      const scopePath = scopePrefix(reader) === null ? null : reader.unitPath ?? '/none/';
      return usersRepository.directory(knex, { scopePath, unitId: query.unit_id, roles: query.role });
    },

    /** `mustChangePassword`: the password was set for the user (a bulk import), who replaces it at first sign-in. */
    async create(actor: Principal, input: CreateUserInput, outer?: UnitOfWork, mustChangePassword = false): Promise<UserView> {
      checkPassword(input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      return inTransaction(knex, bus, async ({ trx }) => {
        await checkUnit(trx, input.role, input.unit_id);
        if (await usersRepository.findByUsername(trx, input.username)) {
          throw errors.conflict(`username ${input.username} is taken`, { errors: [{ path: 'username', message: 'taken' }] });
        }
        const now = clock.now();
        const row = await usersRepository.insert(trx, {
          username: input.username,
          name: input.name,
          role: input.role,
          unit_id: input.unit_id ?? null,
          email: input.email ?? null,
          password_hash: passwordHash,
          active: true,
          token_generation: 0,
          must_change_password: mustChangePassword,
          last_sign_in_at: null,
          created_at: now,
          updated_at: now,
        });
        const { password: _secret, ...logged } = input;
        await writeAudit(trx, { at: now, actorId: actor.id, entity: 'user', entityId: row.id, action: 'created', data: logged });
        return toUserView(row);
      }, outer);
    },

    async update(actor: Principal, userId: number, input: UpdateUserInput, outer?: UnitOfWork): Promise<UserView> {
      // hashed before the row is locked (argon2 takes a while); usernames never change
      let passwordHash: string | undefined;
      if (input.password !== undefined) {
        const target = await usersRepository.find(knex, userId);
        if (!target) throw errors.notFound(`user ${userId}`);
        checkPassword(input.password, target.username);
        passwordHash = await hashPassword(input.password);
      }
      return inTransaction(knex, bus, async ({ trx, emit }) => {
        const current = await trx<UserRow>('users').where({ id: userId }).forUpdate().first();
        if (!current) throw errors.notFound(`user ${userId}`);
        const demoted = input.role !== undefined && input.role !== 'admin' && current.role === 'admin';
        const deactivated = input.active === false && current.active && current.role === 'admin';
        if (demoted || deactivated) await keepAnAdmin(trx, userId, demoted ? 'role' : 'active');
        const role = input.role ?? current.role;
        const unitId = input.unit_id !== undefined ? input.unit_id : current.unit_id;
        if (input.role !== undefined || input.unit_id !== undefined) await checkUnit(trx, role, unitId);
        if (input.active === false && userId === actor.id) {
          throw errors.rule('you cannot deactivate yourself', { errors: [{ path: 'active', message: 'own account' }] });
        }
        const now = clock.now();
        const changes: Partial<UserRow> = { updated_at: now };
        if (input.name !== undefined) changes.name = input.name;
        if (input.role !== undefined) changes.role = input.role;
        if (input.unit_id !== undefined) changes.unit_id = input.unit_id;
        if (input.email !== undefined) changes.email = input.email;
        if (input.active !== undefined) changes.active = input.active;
        if (passwordHash) {
          changes.password_hash = passwordHash;
          // a password someone else set is a reset: its owner must replace it at next sign-in
          changes.must_change_password = userId !== actor.id;
        }
        const row = (await usersRepository.update(trx, userId, changes))!;
        // A password reset or a new role ends every earlier session of the user (ASVS 3.3.3).
        const endsSessions = passwordHash !== undefined || (input.role !== undefined && input.role !== current.role);
        if (endsSessions) row.token_generation = await usersRepository.endSessions(trx, userId);
        // A head moved to another unit, or no longer a leader, stops heading the old one.
        if (input.unit_id !== undefined || input.role !== undefined) await unitsHeadedElsewhere(trx, row, actor.id, now);
        if (endsSessions) emit({ type: 'sessions.ended', at: now.toISOString(), userId, jti: null });
        const { password, ...logged } = input;
        await writeAudit(trx, {
          at: now, actorId: actor.id, entity: 'user', entityId: userId, action: 'updated',
          data: { ...logged, ...(password ? { password_changed: true } : {}) },
        });
        emit({ type: 'directory.changed', at: now.toISOString(), actorId: actor.id, entity: 'user', entityId: userId });
        return toUserView(row);
      }, outer);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
