import type { Deps } from '../deps';
import { decodeCursor, encodeCursor } from '../http/schemas';
import { toCsv } from '../http/csv';
import { errors } from '../http/errors';
import { auditRepository, type AuditRow } from './repository';
import type { AuditEntryView, AuditQuery } from './schemas';

const toView = (r: AuditRow): AuditEntryView => ({
  id: Number(r.id), at: r.at.toISOString(), actor_id: r.actor_id === null ? null : Number(r.actor_id), actor_name: r.actor_name,
  entity: r.entity, entity_ref: r.entity_key ?? (r.entity_id === null ? null : String(r.entity_id)), action: r.action, data: r.data,
});

/** Who changed what configuration when: filterable, paged newest first, exportable as CSV. */
export function createAuditService(deps: Deps) {
  const { knex } = deps;
  return {
    async list(q: AuditQuery): Promise<{ items: AuditEntryView[]; next_cursor: string | null }> {
      const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (q.cursor !== undefined && !before) throw errors.badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from next_cursor' }]);
      const rows = await auditRepository.list(knex, {
        entity: q.entity, actorId: q.actor_id, entityRef: q.entity_ref, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
        before, limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      return { items: page.map(toView), next_cursor: rows.length > q.limit ? encodeCursor(Number(page[page.length - 1]!.id)) : null };
    },

    csv(items: readonly AuditEntryView[]): string {
      const header = ['id', 'at', 'actor_id', 'actor_name', 'entity', 'entity_ref', 'action', 'data'];
      // the one CSV writer: BOM for Excel, formulas neutralised (OWASP CSV injection)
      return toCsv([header, ...items.map((e) => [e.id, e.at, e.actor_id, e.actor_name, e.entity, e.entity_ref, e.action, JSON.stringify(e.data)])]);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
