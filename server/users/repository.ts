import type { Knex } from 'knex';
import { SEES_ALL_UNITS, type Role } from '../auth/permissions';

/** Roles that work every unit's tickets (accept, dispatch, call back): every reader may name them. */
const DESK_ROLES = SEES_ALL_UNITS;

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  unit_id: number | null;
  email: string | null;
  password_hash: string;
  active: boolean;
  /** bumped by a password change, a reset or a role change: tokens of an older generation are refused */
  token_generation: number;
  /** set by an admin's password reset: the user must choose their own before anything else */
  must_change_password: boolean;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const usersRepository = {
  find: (db: Knex, id: number) => db<UserRow>('users').where({ id }).first(),
  findByUsername: (db: Knex, username: string) => db<UserRow>('users').where({ username }).first(),

  /** The signed-in user of one token, with their unit path and whether that token was signed out. */
  findSessionRow: (db: Knex, id: number, jti: string) =>
    db('users')
      .leftJoin('units', 'units.id', 'users.unit_id')
      .where('users.id', id)
      .andWhere('users.active', true)
      .first<(UserRow & { unit_path: string | null; revoked: boolean }) | undefined>(
        'users.*', 'units.path as unit_path', db.raw('EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = ?) AS revoked', [jti]),
      ),

  /** Ends every session of the user: tokens carry the generation they were issued in. */
  endSessions: async (trx: Knex.Transaction, id: number): Promise<number> =>
    (await trx('users').where({ id }).increment('token_generation', 1).returning<{ token_generation: number }[]>('token_generation'))[0]!.token_generation,

  list(db: Knex, filter: { scopePrefix: string | null; role?: Role; unitId?: number }) {
    const query = db<UserRow>('users').select('users.*').orderBy('users.id');
    if (filter.scopePrefix !== null) {
      query.join('units', 'units.id', 'users.unit_id').where('units.path', 'like', `${filter.scopePrefix}%`);
    }
    if (filter.role) query.where('users.role', filter.role);
    if (filter.unitId) query.where('users.unit_id', filter.unitId);
    return query;
  },

  /**
   * Names of people: everyone, or for a unit-scoped reader the people of its subtree, of the units
   * above it (its heads, who get its escalations) and the desk roles that accept and call back.
   */
  directory(db: Knex, filter: { scopePath: string | null; unitId?: number; roles?: Role[] }) {
    const query = db('users')
      .leftJoin('units', 'units.id', 'users.unit_id')
      .select<{ id: number; name: string; role: Role; unit_id: number | null; unit_name: string | null; active: boolean }[]>(
        'users.id', 'users.name', 'users.role', 'users.unit_id', 'units.name as unit_name', 'users.active',
      )
      .orderBy('users.id');
    if (filter.scopePath !== null) {
      const path = filter.scopePath;
      query.where((scope) => scope
        .where('units.path', 'like', `${path}%`)
        .orWhereRaw(`? LIKE units.path || '%'`, [path])
        .orWhereIn('users.role', DESK_ROLES));
    }
    if (filter.unitId !== undefined) {
      query.whereRaw(`units.path LIKE (SELECT path FROM units WHERE id = ?) || '%'`, [filter.unitId]);
    }
    if (filter.roles) query.whereIn('users.role', filter.roles);
    return query;
  },

  insert: async (trx: Knex.Transaction, row: Omit<UserRow, 'id'>) =>
    (await trx('users').insert(row).returning<UserRow[]>('*'))[0]!,

  update: async (trx: Knex.Transaction, id: number, changes: Partial<UserRow>) =>
    (await trx('users').where({ id }).update(changes).returning<UserRow[]>('*'))[0],

  /** A successful sign-in, shown to admins as the user's last one. */
  signedIn: async (db: Knex, id: number, at: Date): Promise<void> => {
    await db('users').where({ id }).update({ last_sign_in_at: at });
  },

  count: async (db: Knex) => Number((await db('users').count<{ count: number }[]>('* as count'))[0]!.count),
};
