import type { Knex } from 'knex';

export interface AuditEntry {
  at: Date;
  actorId: number | null;
  entity: 'unit' | 'user' | 'customer' | 'settings' | 'cti_call';
  entityId: number;
  action: string;
  data: Record<string, unknown>;
}

/** Written inside the caller's transaction, so a change and its audit row commit together. */
export async function writeAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('audit_log').insert({
    at: entry.at,
    actor_id: entry.actorId,
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    data: JSON.stringify(entry.data),
  });
}
