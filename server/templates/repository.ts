import type { Knex } from 'knex';

export interface TemplateRow {
  id: number;
  name: string;
  purpose: string;
  category: string | null;
  ticket_type: string | null;
  body_zh: string;
  body_en: string;
  active: boolean;
  version: number;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

/** reply_templates: owned by this domain. */
export const templatesRepository = {
  /** A category (type) filter keeps the templates for every category (type) too. */
  list: (db: Knex, f: { purpose?: string; category?: string; type?: string; includeInactive: boolean }) => {
    const q = db<TemplateRow>('reply_templates').orderBy([{ column: 'purpose' }, { column: 'category', order: 'asc', nulls: 'last' }, { column: 'name' }, { column: 'id' }]);
    if (f.purpose) q.where('purpose', f.purpose);
    if (f.category) q.where((w) => w.where('category', f.category!).orWhereNull('category'));
    if (f.type) q.where((w) => w.where('ticket_type', f.type!).orWhereNull('ticket_type'));
    if (!f.includeInactive) q.where('active', true);
    return q;
  },

  findForUpdate: (trx: Knex.Transaction, id: number) => trx<TemplateRow>('reply_templates').where({ id }).forUpdate().first(),

  insert: async (trx: Knex.Transaction, row: Omit<TemplateRow, 'id' | 'version'>): Promise<TemplateRow> => {
    const [inserted] = await trx('reply_templates').insert(row).returning<TemplateRow[]>('*');
    return inserted!;
  },

  update: async (trx: Knex.Transaction, id: number, changes: Partial<TemplateRow>): Promise<TemplateRow> => {
    const [updated] = await trx('reply_templates').where({ id }).update({ ...changes, version: trx.raw('version + 1') }).returning<TemplateRow[]>('*');
    return updated!;
  },
};
