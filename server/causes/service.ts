import { writeAudit } from '../audit';
import type { Principal } from '../auth/permissions';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { causesRepository as repo, type CauseRow } from './repository';
import type { CauseView, CreateCauseInput, UpdateCauseInput } from './schemas';

const toView = (row: CauseRow, inUse: boolean): CauseView => ({
  id: row.id, category: row.category as CauseView['category'], parent_id: row.parent_id, name_zh: row.name_zh, name_en: row.name_en,
  position: row.position, active: row.active, in_use: inUse,
});

/** The cause tree per category (原因分类树): category → cause → sub-cause, edited by admins, versioned by deactivation. */
export function createCausesService(deps: Deps) {
  const { knex, bus, clock } = deps;
  return {
    async list(q: { category?: string; include_inactive: boolean }): Promise<CauseView[]> {
      const rows = await repo.list(knex, { category: q.category, includeInactive: q.include_inactive });
      return rows.map((r) => toView(r, r.in_use));
    },

    create(principal: Principal, input: CreateCauseInput): Promise<CauseView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        if (input.parent_id !== undefined) {
          const parent = await repo.find(trx, input.parent_id);
          if (!parent || parent.category !== input.category || parent.parent_id !== null || !parent.active) {
            throw errors.rule('a sub-cause belongs to an active top-level cause of the same category', { code: 'cause_parent_invalid', errors: [{ path: 'parent_id', message: 'not an active cause of this category' }] });
          }
        }
        const now = clock.now();
        const row = await repo.insert(trx, {
          category: input.category, parent_id: input.parent_id ?? null, name_zh: input.name_zh, name_en: input.name_en,
          position: input.position ?? 0, active: true, created_at: now, updated_at: now,
        });
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'ticket_cause', entityId: row.id, action: 'cause_created', data: { after: toView(row, false) } });
        return toView(row, false);
      });
    },

    /** Names are fixed once a ticket names the cause: the report would regroup history otherwise. */
    update(principal: Principal, causeId: number, input: UpdateCauseInput): Promise<CauseView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const before = await repo.findForUpdate(trx, causeId);
        if (!before) throw errors.notFound(`cause ${causeId}`);
        const inUse = await repo.inUse(trx, causeId);
        const renamed = (input.name_zh !== undefined && input.name_zh !== before.name_zh) || (input.name_en !== undefined && input.name_en !== before.name_en);
        if (renamed && inUse) {
          throw errors.conflict('tickets name this cause: deactivate it and add a new one instead of renaming it', { code: 'cause_in_use', errors: [{ path: input.name_zh !== undefined ? 'name_zh' : 'name_en', message: 'in use' }] });
        }
        const now = clock.now();
        const after = await repo.update(trx, causeId, { ...input, updated_at: now });
        await writeAudit(trx, {
          at: now, actorId: principal.id, entity: 'ticket_cause', entityId: causeId,
          action: input.active === false && before.active ? 'cause_deactivated' : input.active === true && !before.active ? 'cause_reactivated' : 'cause_updated',
          data: { before: toView(before, inUse), after: toView(after, inUse) },
        });
        return toView(after, inUse);
      });
    },
  };
}

export type CausesService = ReturnType<typeof createCausesService>;
