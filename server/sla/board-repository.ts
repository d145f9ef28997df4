import type { Knex } from 'knex';
import type { UnitRow as FullUnitRow } from '../units/repository';

/**
 * The SLA board's read model: open tickets and timers of one unit's subtree (or the whole desk),
 * rolled up per child unit, per policy and per reconnection tier, plus today's and this month's
 * breaches and on-time stops. Read-only; each query names the index it walks.
 */

/** Which timers and tickets a board view counts: a unit's subtree, and (desk-wide) the undispatched. */
export interface BoardScope {
  /** the viewed unit's materialised path ('/1/4/') */
  path: string;
  /** tickets without a unit count too (accepted, not dispatched; resolved at intake) */
  undispatched: boolean;
}

/** the columns of a unit the board reads */
export type UnitRow = Pick<FullUnitRow, 'id' | 'code' | 'name' | 'parent_id' | 'path'>;

export interface CountsRow {
  ok: number;
  warning: number;
  breached: number;
  soonest_due_at: Date | null;
}

/** A subtree match on sla_timers / sla_ticket_states rows aliased `t` (units_path_idx). */
function scopeSql(scope: BoardScope): { sql: string; bindings: Knex.RawBinding[] } {
  return {
    sql: `(t.unit_id IN (SELECT id FROM units WHERE path LIKE ?)${scope.undispatched ? ' OR t.unit_id IS NULL' : ''})`,
    bindings: [`${scope.path}%`],
  };
}

const OPEN = `t.state IN ('running', 'paused')`;
const COUNTS = `count(*) FILTER (WHERE t.level = 0)::int AS ok, count(*) FILTER (WHERE t.level = 1)::int AS warning,
  count(*) FILTER (WHERE t.level = 2)::int AS breached`;

export const boardRepository = {
  unit: (db: Knex, id: number) => db<UnitRow>('units').where({ id }).first('id', 'code', 'name', 'parent_id', 'path'),
  roots: (db: Knex) => db<UnitRow>('units').whereNull('parent_id').orderBy('code').select('id', 'code', 'name', 'parent_id', 'path'),
  children: (db: Knex, id: number) => db<UnitRow>('units').where({ parent_id: id }).orderBy('code').select('id', 'code', 'name', 'parent_id', 'path'),
  /** the viewed unit and its ancestors, root first: the breadcrumb */
  ancestors: (db: Knex, path: string) =>
    db<UnitRow>('units').whereIn('id', path.split('/').filter(Boolean).map(Number)).orderByRaw('length(path)').select('id', 'code', 'name', 'parent_id', 'path'),

  async unitNames(db: Knex): Promise<Map<number, string>> {
    const rows = await db('units').select<{ id: number; name: string }[]>('id', 'name');
    return new Map(rows.map((u) => [u.id, u.name]));
  },
  /** Which of these units have units below them (a tile that can be opened further); units_parent_idx. */
  async withChildren(db: Knex, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await db('units').distinct<{ parent_id: number }[]>('parent_id').whereIn('parent_id', ids);
    return rows.map((r) => r.parent_id);
  },

  /**
   * Open tickets by worst timer, bucketed by the child of the viewed unit they sit under
   * ('self': on the unit itself, 'none': undispatched). sla_ticket_states_unit_idx + units_path_idx.
   */
  async tiles(db: Knex, scope: BoardScope): Promise<(CountsRow & { bucket: string })[]> {
    const where = scopeSql(scope);
    const { rows } = await db.raw<{ rows: (CountsRow & { bucket: string })[] }>(
      `SELECT CASE WHEN t.unit_id IS NULL THEN 'none' WHEN u.path = ? THEN 'self'
                   ELSE split_part(substr(u.path, length(?) + 1), '/', 1) END AS bucket,
              ${COUNTS}, min(t.due_at) AS soonest_due_at
       FROM sla_ticket_states t LEFT JOIN units u ON u.id = t.unit_id
       WHERE ${where.sql} GROUP BY 1`,
      [scope.path, scope.path, ...where.bindings],
    );
    return rows;
  },

  /** Open timers by policy and level (sla_timers_open_policy_idx), with the policy's current name. */
  async policies(db: Knex, scope: BoardScope) {
    const where = scopeSql(scope);
    const { rows } = await db.raw<{ rows: { policy_key: string; name: string; regulatory: boolean; target_seconds: number; ok: number; warning: number; breached: number }[] }>(
      `SELECT p.key AS policy_key, p.name, p.regulatory, p.target_seconds, coalesce(c.ok, 0)::int AS ok, coalesce(c.warning, 0)::int AS warning,
              coalesce(c.breached, 0)::int AS breached
       FROM sla_policies p LEFT JOIN (
         SELECT t.policy_key, ${COUNTS} FROM sla_timers t WHERE ${OPEN} AND ${where.sql} GROUP BY t.policy_key
       ) c ON c.policy_key = p.key
       WHERE p.active OR c.policy_key IS NOT NULL
       ORDER BY p.regulatory DESC, p.ticket_type NULLS LAST, p.target_seconds`,
      where.bindings,
    );
    return rows;
  },

  /**
   * Reconnection work by tier: open timers of the tiered policies, by the ticket's payment channel
   * and the customer's area (unknown counts as city, as the timer did when it picked its tier).
   */
  async tiers(db: Knex, scope: BoardScope) {
    const where = scopeSql(scope);
    const { rows } = await db.raw<{ rows: { policy_key: string; payment_channel: string | null; area: string; tier: number | null; ok: number; warning: number; breached: number; soonest_due_at: Date | null }[] }>(
      `SELECT t.policy_key, k.payment_channel, coalesce(c.area, 'city') AS area, max(t.tier)::int AS tier, ${COUNTS}, min(t.due_at) FILTER (WHERE t.level < 2) AS soonest_due_at
       FROM sla_timers t JOIN tickets k ON k.id = t.ticket_id JOIN customers c ON c.id = k.customer_id
       WHERE ${OPEN} AND t.policy_key IN (SELECT key FROM sla_policies WHERE tiers IS NOT NULL) AND ${where.sql}
       GROUP BY 1, 2, 3`,
      where.bindings,
    );
    return rows;
  },

  /** Warned and breached open timers, the latest first (sla_timers_late_idx), and how many there are. */
  async late(db: Knex, scope: BoardScope, limit: number) {
    const where = scopeSql(scope);
    const [list, count] = await Promise.all([
      db.raw<{ rows: LateRow[] }>(
        `SELECT t.id AS timer_id, t.ticket_id, k.number, k.type, t.unit_id, t.policy_key, coalesce(p.name, t.policy->>'name') AS policy_name,
                (t.policy->>'regulatory')::boolean AS regulatory, t.tier, t.level, t.state, t.due_at, t.breached_at,
                k.assignee_id, a.name AS assignee_name, o.owner_id, ou.name AS owner_name
         FROM sla_timers t
         JOIN tickets k ON k.id = t.ticket_id
         LEFT JOIN sla_policies p ON p.key = t.policy_key
         LEFT JOIN users a ON a.id = k.assignee_id
         LEFT JOIN case_ownerships o ON o.ticket_id = t.ticket_id AND o.active
         LEFT JOIN users ou ON ou.id = o.owner_id
         WHERE ${OPEN} AND t.level >= 1 AND ${where.sql}
         ORDER BY t.level DESC, t.breached_at ASC NULLS LAST, t.due_at ASC NULLS LAST, t.id
         LIMIT ?`,
        [...where.bindings, limit],
      ),
      db.raw<{ rows: { warning: number; breached: number }[] }>(
        `SELECT count(*) FILTER (WHERE t.level = 1)::int AS warning, count(*) FILTER (WHERE t.level = 2)::int AS breached
         FROM sla_timers t WHERE ${OPEN} AND t.level >= 1 AND ${where.sql}`,
        where.bindings,
      ),
    ]);
    return { rows: list.rows, counts: count.rows[0]! };
  },

  /** Running timers not yet breached, soonest due first (sla_timers_soonest_idx). */
  async soonest(db: Knex, scope: BoardScope, limit: number) {
    const where = scopeSql(scope);
    const { rows } = await db.raw<{ rows: LateRow[] }>(
      `SELECT t.id AS timer_id, t.ticket_id, k.number, k.type, t.unit_id, t.policy_key, coalesce(p.name, t.policy->>'name') AS policy_name,
              (t.policy->>'regulatory')::boolean AS regulatory, t.tier, t.level, t.state, t.due_at, t.breached_at,
              k.assignee_id, a.name AS assignee_name, o.owner_id, ou.name AS owner_name
       FROM (SELECT * FROM sla_timers t WHERE t.state = 'running' AND t.level < 2 AND ${where.sql} ORDER BY t.due_at LIMIT ?) t
       JOIN tickets k ON k.id = t.ticket_id
       LEFT JOIN sla_policies p ON p.key = t.policy_key
       LEFT JOIN users a ON a.id = k.assignee_id
       LEFT JOIN case_ownerships o ON o.ticket_id = t.ticket_id AND o.active
       LEFT JOIN users ou ON ou.id = o.owner_id
       ORDER BY t.due_at`,
      [...where.bindings, limit],
    );
    return rows;
  },

  /**
   * Breaches and on-time stops since the start of today and of this month (in the desk's zone),
   * and today's by local hour. Timers count: a ticket with two policies breached twice counts two.
   * sla_timers_breached_at_idx and sla_timers_met_at_idx, index-only.
   */
  async periods(db: Knex, scope: BoardScope, now: Date, timezone: string) {
    const where = scopeSql(scope);
    const bounds = `(SELECT date_trunc('day', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ? AS day,
                            date_trunc('month', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ? AS month)`;
    const boundBindings = [now, timezone, timezone, now, timezone, timezone];
    const [breaches, stops] = await Promise.all([
      db.raw<{ rows: { hour: number | null; today: boolean; n: number }[] }>(
        `SELECT CASE WHEN t.breached_at >= b.day THEN extract(hour FROM t.breached_at AT TIME ZONE ?)::int END AS hour,
                t.breached_at >= b.day AS today, count(*)::int AS n
         FROM sla_timers t, ${bounds} b
         WHERE t.breached_at IS NOT NULL AND t.breached_at >= b.month AND t.breached_at <= ? AND ${where.sql}
         GROUP BY 1, 2`,
        [timezone, ...boundBindings, now, ...where.bindings],
      ),
      db.raw<{ rows: { hour: number | null; today: boolean; met: number; on_time: number }[] }>(
        `SELECT CASE WHEN t.stopped_at >= b.day THEN extract(hour FROM t.stopped_at AT TIME ZONE ?)::int END AS hour,
                t.stopped_at >= b.day AS today, count(*)::int AS met, count(*) FILTER (WHERE t.breached_at IS NULL)::int AS on_time
         FROM sla_timers t, ${bounds} b
         WHERE t.state = 'met' AND t.stopped_at >= b.month AND t.stopped_at <= ? AND ${where.sql}
         GROUP BY 1, 2`,
        [timezone, ...boundBindings, now, ...where.bindings],
      ),
    ]);
    return { breaches: breaches.rows, stops: stops.rows };
  },
};

export interface LateRow {
  timer_id: number;
  ticket_id: number;
  number: string;
  type: string;
  unit_id: number | null;
  policy_key: string;
  policy_name: string;
  regulatory: boolean;
  tier: number | null;
  level: number;
  state: string;
  due_at: Date | null;
  breached_at: Date | null;
  assignee_id: number | null;
  assignee_name: string | null;
  owner_id: number | null;
  owner_name: string | null;
}
