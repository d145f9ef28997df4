import type { Knex } from 'knex';
import { errors } from '../http/errors';
import { causesRepository as repo, type CauseRow } from './repository';
import type { CausePath } from './schemas';

/** A cause's path from the top: [cause] or [cause, sub-cause]. */
export async function causePath(db: Knex, causeId: number | null | undefined): Promise<CausePath> {
  if (causeId === null || causeId === undefined) return [];
  const row = await repo.find(db, causeId);
  if (!row) return [];
  const parent = row.parent_id === null ? undefined : await repo.find(db, row.parent_id);
  return [parent, row].filter((c): c is CauseRow => c !== undefined).map((c) => ({ id: c.id, name_zh: c.name_zh, name_en: c.name_en }));
}

/**
 * The cause recorded at resolution. A picked cause must be active and of the ticket's category;
 * a complaint of a category that offers causes must pick one (free text stays beside it).
 * Returns the cause and its label (kept as the ticket's `cause` text when none was typed).
 */
export async function resolutionCause(
  db: Knex, ticket: { type: string; category: string }, causeId: number | undefined,
): Promise<{ id: number; label: string } | null> {
  if (causeId === undefined) {
    if (ticket.type === 'complaint' && (await repo.hasActive(db, ticket.category))) {
      throw errors.rule('a complaint names its cause from the cause tree of its category', { code: 'cause_required', errors: [{ path: 'cause_id', message: 'required for complaints' }] });
    }
    return null;
  }
  const row = await repo.find(db, causeId);
  const parent = row?.parent_id ? await repo.find(db, row.parent_id) : undefined;
  if (!row || !row.active || row.category !== ticket.category || (parent !== undefined && !parent.active)) {
    throw errors.rule('the cause is not an active cause of the ticket\'s category', { code: 'cause_not_applicable', errors: [{ path: 'cause_id', message: 'not offered for this category' }] });
  }
  return { id: row.id, label: parent ? `${parent.name_zh} / ${row.name_zh}` : row.name_zh };
}
