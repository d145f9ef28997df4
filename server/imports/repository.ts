import type { Knex } from 'knex';
import type { ImportKind } from './schemas';

export interface ImportBatchRow {
  id: number;
  kind: ImportKind;
  idempotency_key: string;
  content_hash: string;
  status: 'running' | 'done';
  actor_id: number;
  rows_total: number;
  rows_done: number;
  created: number;
  updated: number;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export const importsRepository = {
  /** Inserts the batch unless its key is known; returns the stored row, locked, and whether it is new. */
  async claim(trx: Knex.Transaction, row: Pick<ImportBatchRow, 'kind' | 'idempotency_key' | 'content_hash' | 'actor_id' | 'rows_total' | 'started_at' | 'updated_at'>): Promise<{ batch: ImportBatchRow; fresh: boolean }> {
    const inserted = await trx('import_batches').insert({ ...row, status: 'running' }).onConflict(['kind', 'idempotency_key']).ignore().returning<ImportBatchRow[]>('*');
    if (inserted[0]) return { batch: inserted[0], fresh: true };
    const batch = await trx<ImportBatchRow>('import_batches').where({ kind: row.kind, idempotency_key: row.idempotency_key }).forUpdate().first();
    return { batch: batch!, fresh: false };
  },

  update: async (trx: Knex.Transaction, id: number, changes: Partial<ImportBatchRow>) =>
    (await trx('import_batches').where({ id }).update(changes).returning<ImportBatchRow[]>('*'))[0]!,

  /** A batch's rows done so far, counted together with the rows it just committed. */
  progressed: async (trx: Knex.Transaction, id: number, rows: number, counts: { created: number; updated: number }, now: Date) =>
    (await trx('import_batches').where({ id })
      .update({ rows_done: trx.raw('rows_done + ?', [rows]), created: trx.raw('created + ?', [counts.created]), updated: trx.raw('updated + ?', [counts.updated]), updated_at: now })
      .returning<ImportBatchRow[]>('*'))[0]!,
};
