import type { Knex } from 'knex';
import { auditRepository } from './repository';

/** The configuration and directory entities whose changes are audited. */
export const AUDITED_ENTITIES = [
  'unit', 'user', 'customer', 'calendar', 'sla_policy', 'callback_policy', 'report_subscribers', 'settings', 'mail_delivery', 'reply_template', 'ticket_cause', 'import',
  'incident', 'mass_complaint_detector', 'ownership_rule', 'escalation_policy', 'callback_agent', 'api_client',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export interface AuditEntry {
  at: Date;
  actorId: number | null;
  entity: AuditedEntity;
  /** the changed row's id, or its key for configuration named by a key */
  entityId: number | string;
  action: string;
  data: Record<string, unknown>;
}

/** The one writer of audit rows: inside the caller's transaction, so a change and its audit row commit together. */
export async function writeAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  await auditRepository.insert(trx, {
    at: entry.at,
    actor_id: entry.actorId,
    entity: entry.entity,
    entity_id: typeof entry.entityId === 'number' ? entry.entityId : null,
    entity_key: typeof entry.entityId === 'string' ? entry.entityId : null,
    action: entry.action,
    data: JSON.stringify(entry.data),
  });
}
