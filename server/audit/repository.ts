import type { Knex } from 'knex';

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  entity: string;
  entity_id: number | null;
  entity_key: string | null;
  action: string;
  data: Record<string, unknown>;
}

export interface AuditFilter {
  entity?: string[];
  actorId?: number;
  entityRef?: string;
  from?: Date;
  to?: Date;
  /** rows older than this id (newest first) */
  before?: number;
  limit: number;
}

/** audit_log: written by the one writer (index.ts), read newest first by filter. */
export const auditRepository = {
  async insert(trx: Knex, row: Omit<AuditRow, 'id' | 'actor_name' | 'data'> & { data: string }): Promise<void> {
    await trx('audit_log').insert(row);
  },

  /** Newest first, by the primary key (audit_log_at_idx serves the time window). */
  async list(db: Knex, f: AuditFilter): Promise<AuditRow[]> {
    const q = db('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_id')
      .select<AuditRow[]>('a.id', 'a.at', 'a.actor_id', 'u.name as actor_name', 'a.entity', 'a.entity_id', 'a.entity_key', 'a.action', 'a.data')
      .orderBy('a.id', 'desc').limit(f.limit);
    if (f.entity?.length) q.whereIn('a.entity', f.entity);
    if (f.actorId !== undefined) q.where('a.actor_id', f.actorId);
    if (f.entityRef !== undefined) q.where((w) => w.where('a.entity_key', f.entityRef!).orWhereRaw('a.entity_id::text = ?', [f.entityRef!]));
    if (f.from) q.where('a.at', '>=', f.from);
    if (f.to) q.where('a.at', '<', f.to);
    if (f.before !== undefined) q.where('a.id', '<', f.before);
    return q;
  },
};
