import type { Knex } from 'knex';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  path: string;
  area: 'city' | 'county';
  head_user_id: number | null;
  subscribers: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export const unitsRepository = {
  list: (db: Knex) => db<UnitRow>('units').select('*').orderBy('path'),
  find: (db: Knex, id: number) => db<UnitRow>('units').where({ id }).first(),
  findForUpdate: (trx: Knex.Transaction, id: number) => trx<UnitRow>('units').where({ id }).forUpdate().first(),

  /** What still depends on a unit: active sub-units, active users, open tickets. */
  async dependants(trx: Knex.Transaction, unit: UnitRow): Promise<{ units: number; users: number; open_tickets: number }> {
    const { rows } = await trx.raw<{ rows: { units: number; users: number; open_tickets: number }[] }>(
      `SELECT (SELECT count(*)::int FROM units WHERE path LIKE ? AND id <> ? AND active) AS units,
              (SELECT count(*)::int FROM users WHERE unit_id = ? AND active) AS users,
              (SELECT count(*)::int FROM tickets WHERE unit_id = ? AND status <> 'closed') AS open_tickets`,
      [`${unit.path}%`, unit.id, unit.id, unit.id],
    );
    return rows[0]!;
  },

  async insert(trx: Knex.Transaction, row: Omit<UnitRow, 'id' | 'path' | 'active'>): Promise<UnitRow> {
    const [inserted] = await trx('units').insert({ ...row, path: '/' }).returning<UnitRow[]>('*');
    const parentPath = row.parent_id ? (await trx<UnitRow>('units').where({ id: row.parent_id }).first())!.path : '/';
    const [withPath] = await trx('units')
      .where({ id: inserted!.id })
      .update({ path: `${parentPath}${inserted!.id}/` })
      .returning<UnitRow[]>('*');
    return withPath!;
  },

  update: async (trx: Knex.Transaction, id: number, changes: Partial<UnitRow>) =>
    (await trx('units').where({ id }).update(changes).returning<UnitRow[]>('*'))[0]!,

  /** Moves a whole subtree: every path under the old prefix gets the new prefix. */
  async repath(trx: Knex.Transaction, oldPath: string, newPath: string): Promise<void> {
    await trx.raw(`UPDATE units SET path = ? || substr(path, ?) WHERE path LIKE ?`, [newPath, oldPath.length + 1, `${oldPath}%`]);
  },
};
