import type { Knex } from 'knex';

export interface CauseRow {
  id: number;
  category: string;
  parent_id: number | null;
  name_zh: string;
  name_en: string;
  position: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** ticket_causes: owned by this domain; tickets refer to a row by tickets.cause_id. */
export const causesRepository = {
  /** Each cause with whether a ticket names it (one indexed probe per row on tickets_cause_idx). */
  list: (db: Knex, f: { category?: string; includeInactive: boolean }) => {
    const q = db('ticket_causes as c')
      .select<(CauseRow & { in_use: boolean })[]>('c.*', db.raw('EXISTS (SELECT 1 FROM tickets t WHERE t.cause_id = c.id) AS in_use'))
      .orderBy([{ column: 'c.category' }, { column: 'c.position' }, { column: 'c.id' }]);
    if (f.category) q.where('c.category', f.category);
    if (!f.includeInactive) q.where('c.active', true);
    return q;
  },

  find: (db: Knex, id: number) => db<CauseRow>('ticket_causes').where({ id }).first(),

  findForUpdate: (trx: Knex.Transaction, id: number) => trx<CauseRow>('ticket_causes').where({ id }).forUpdate().first(),

  inUse: async (db: Knex, id: number): Promise<boolean> => Boolean(await db('tickets').where({ cause_id: id }).first('id')),

  insert: async (trx: Knex.Transaction, row: Omit<CauseRow, 'id'>): Promise<CauseRow> => {
    const [inserted] = await trx('ticket_causes').insert(row).returning<CauseRow[]>('*');
    return inserted!;
  },

  update: async (trx: Knex.Transaction, id: number, changes: Partial<CauseRow>): Promise<CauseRow> => {
    const [updated] = await trx('ticket_causes').where({ id }).update(changes).returning<CauseRow[]>('*');
    return updated!;
  },

  /** Whether the category offers any active cause: then complaints of it must name one at resolution. */
  hasActive: async (db: Knex, category: string): Promise<boolean> => Boolean(await db('ticket_causes').where({ category, active: true }).first('id')),

  byIds: (db: Knex, ids: readonly number[]) => (ids.length === 0 ? Promise.resolve([] as CauseRow[]) : db<CauseRow>('ticket_causes').whereIn('id', ids)),
};
