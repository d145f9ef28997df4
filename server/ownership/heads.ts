import type { Knex } from 'knex';

export interface Head {
  userId: number;
  unitId: number;
}

/**
 * The head of a unit, or of the nearest unit above it that has an active head (领导包案: the
 * leader of the unit is first responsible). `above` skips the unit itself and any head already
 * reached, which is how escalation climbs one level at a time.
 */
export async function nearestHead(db: Knex, unitId: number, options: { above?: boolean; skipUserIds?: readonly number[] } = {}): Promise<Head | undefined> {
  const query = db('units as u')
    .join('units as a', db.raw(`u.path LIKE a.path || '%'`))
    .join('users as h', function joinHead() {
      this.on('h.id', '=', 'a.head_user_id').andOn('h.active', '=', db.raw('true'));
    })
    .where('u.id', unitId)
    .orderByRaw('length(a.path) DESC')
    .first<{ unit_id: string | number; user_id: string | number } | undefined>('a.id as unit_id', 'a.head_user_id as user_id');
  if (options.above) query.whereNot('a.id', unitId);
  if (options.skipUserIds && options.skipUserIds.length > 0) query.whereNotIn('a.head_user_id', options.skipUserIds);
  const row = await query;
  return row ? { userId: Number(row.user_id), unitId: Number(row.unit_id) } : undefined;
}

/** Every active head above a unit, nearest first, each person once: the escalation ladder. */
export async function headsAbove(db: Knex, unitId: number, skipUserIds: readonly number[]): Promise<Head[]> {
  const rows = await db('units as u')
    .join('units as a', db.raw(`u.path LIKE a.path || '%'`))
    .join('users as h', function joinHead() {
      this.on('h.id', '=', 'a.head_user_id').andOn('h.active', '=', db.raw('true'));
    })
    .where('u.id', unitId)
    .whereNot('a.id', unitId)
    .orderByRaw('length(a.path) DESC')
    .select<{ unit_id: string | number; user_id: string | number }[]>('a.id as unit_id', 'a.head_user_id as user_id');
  const seen = new Set(skipUserIds);
  const ladder: Head[] = [];
  for (const row of rows) {
    const userId = Number(row.user_id);
    if (seen.has(userId)) continue;
    seen.add(userId);
    ladder.push({ userId, unitId: Number(row.unit_id) });
  }
  return ladder;
}
