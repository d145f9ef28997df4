import type { Knex } from 'knex';
import type { PutPolicyInput } from './schemas';
import type { TimerClock } from './timer';

/** A policy as sla_policies holds it. */
export interface PolicyRow extends Omit<PutPolicyInput, 'start_on' | 'stop_on'> {
  key: string;
  start_on: string[];
  stop_on: string[];
  version: number;
  updated_at: Date;
  updated_by: number | null;
}

export interface TimerRow extends TimerClock {
  id: number;
  ticket_id: number;
  ticket_type: string;
  unit_id: number | null;
  handling_round: number;
  policy_key: string;
  tier: number | null;
  started_at: Date;
  due_at: Date | null;
  stopped_at: Date | null;
}

/** A timer as it is inserted (JSON columns already serialised). */
export interface NewTimerRow {
  ticket_id: number;
  ticket_type: string;
  unit_id: number | null;
  handling_round: number;
  policy_key: string;
  policy: string;
  tier: number | null;
  state: 'running';
  level: number;
  started_at: Date;
  elapsed_ms: number;
  run_started_at: Date;
  due_at: Date | null;
  segments: string;
  warnings: string;
  created_at: Date;
  updated_at: Date;
}

/** A queue row's SLA figures, aggregated over the ticket's open timers. */
export interface TimerSummaryRow {
  ticket_id: string;
  level: number;
  due_at: Date | null;
  breached_at: Date | null;
  all_paused: boolean;
  paused_left: number | null;
}

export interface BoardFilter {
  type?: string[];
  policy?: string[];
  /** the caller's scope (unit path prefix), null for see-all roles */
  scopePrefix: string | null;
  unitId?: number;
}

const OPEN = ['running', 'paused'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function boardWhere(f: BoardFilter): { sql: string; bindings: Knex.RawBinding[] } {
  const filters: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  if (f.type) { filters.push('t.ticket_type = ANY(?)'); bindings.push(f.type); }
  if (f.policy) { filters.push('t.policy_key = ANY(?)'); bindings.push(f.policy); }
  if (f.scopePrefix !== null) { filters.push(`t.unit_id IN (SELECT id FROM units WHERE path LIKE ?)`); bindings.push(`${f.scopePrefix}%`); }
  if (f.unitId !== undefined) {
    filters.push(`t.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = ?) || '%')`);
    bindings.push(f.unitId);
  }
  return { sql: filters.map((s) => ` AND ${s}`).join(''), bindings };
}

/** The SLA domain's timers, per-ticket summaries and policies: sla_timers, sla_ticket_states, sla_policies, sla_policy_changes. */
export const slaRepository = {
  activePolicies: (db: Knex): Promise<PolicyRow[]> => db<PolicyRow>('sla_policies').where({ active: true }),
  policy: (db: Knex, key: string): Promise<PolicyRow | undefined> => db<PolicyRow>('sla_policies').where({ key }).first(),
  policies: (db: Knex): Promise<PolicyRow[]> => db<PolicyRow>('sla_policies').orderBy('key'),
  lockPolicy: (trx: Knex.Transaction, key: string): Promise<PolicyRow | undefined> => trx<PolicyRow>('sla_policies').where({ key }).forUpdate().first(),

  async savePolicy(trx: Knex.Transaction, key: string, values: Record<string, unknown>, previousVersion: number | null): Promise<PolicyRow> {
    const [row] = previousVersion !== null
      ? await trx('sla_policies').where({ key }).update({ ...values, version: previousVersion + 1 }).returning<PolicyRow[]>('*')
      : await trx('sla_policies').insert({ key, ...values, version: 1 }).returning<PolicyRow[]>('*');
    return row!;
  },

  insertPolicyChange: (trx: Knex.Transaction, change: { policy_key: string; version: number; at: Date; actor_id: number; before: string | null; after: string }) =>
    trx('sla_policy_changes').insert(change),

  /** A ticket's timers, oldest first (sla_timers_ticket_idx); `lock` takes them FOR UPDATE. */
  ticketTimers(db: Knex, ticketId: number, options: { lock?: boolean } = {}): Promise<TimerRow[]> {
    const query = db<TimerRow>('sla_timers').where({ ticket_id: ticketId }).orderBy('id');
    return options.lock ? query.forUpdate() : query;
  },

  /** The ticket's open timers, locked. By ticket only (its few timers), open ones picked here: see refreshTicketStates on the planner. */
  async lockOpenTimersOfTicket(trx: Knex.Transaction, ticketId: number): Promise<TimerRow[]> {
    return (await slaRepository.ticketTimers(trx, ticketId, { lock: true })).filter((t) => OPEN.includes(t.state));
  },

  /** The running timers among these ids, locked, in id order (a fixed lock order across batches). */
  async lockRunning(trx: Knex.Transaction, ids: readonly number[]): Promise<TimerRow[]> {
    return (await trx<TimerRow>('sla_timers').whereRaw('id = ANY(?)', [[...ids]]).orderBy('id').forUpdate()).filter((t) => t.state === 'running');
  },

  /** One statement for all of a ticket's new timers; a timer already started for the round is left alone. */
  insertTimers: async (trx: Knex.Transaction, rows: readonly NewTimerRow[]): Promise<TimerRow[]> =>
    (await trx('sla_timers').insert([...rows]).onConflict(['ticket_id', 'policy_key', 'handling_round']).ignore().returning<TimerRow[]>('*'))
      .sort((a, b) => a.id - b.id),

  /** Writes back what the arithmetic changed, for many timers in one statement. */
  async saveTimers(trx: Knex.Transaction, timers: readonly TimerRow[], now: Date): Promise<void> {
    if (timers.length === 0) return;
    const rows = timers.map((t) => ({
      id: t.id, state: t.state, level: t.level, elapsed_ms: t.elapsed_ms, run_started_at: iso(t.run_started_at), due_at: iso(t.due_at),
      segments: t.segments, warnings: t.warnings, breached_at: iso(t.breached_at), stopped_at: iso(t.stopped_at), unit_id: t.unit_id,
    }));
    await trx.raw(
      `UPDATE sla_timers t SET state = r.state, level = r.level, elapsed_ms = r.elapsed_ms, run_started_at = r.run_started_at,
         due_at = r.due_at, segments = r.segments, warnings = r.warnings, breached_at = r.breached_at, stopped_at = r.stopped_at,
         unit_id = r.unit_id, updated_at = ?
       FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, state text, level smallint, elapsed_ms bigint, run_started_at timestamptz,
         due_at timestamptz, segments jsonb, warnings jsonb, breached_at timestamptz, stopped_at timestamptz, unit_id bigint)
       WHERE t.id = r.id`,
      [now, JSON.stringify(rows)],
    );
  },

  /** Re-derives the per-ticket summary the board counts (worst level, soonest due) for these tickets. */
  async refreshTicketStates(trx: Knex, ticketIds: readonly number[]): Promise<void> {
    if (ticketIds.length === 0) return;
    const ids = [...new Set(ticketIds)];
    await trx.raw(
      `WITH agg AS (
         SELECT ticket_id, max(unit_id) AS unit_id, max(ticket_type) AS ticket_type, max(level) FILTER (WHERE state IN ('running', 'paused')) AS level,
           min(due_at) FILTER (WHERE level < 2 AND state IN ('running', 'paused')) AS due_at
         FROM sla_timers WHERE ticket_id = ANY(?) GROUP BY ticket_id
         -- state is filtered here, not in WHERE: there the planner AND-ed the ticket index with the
         -- million-entry open-timers index (1 s per batch at bench scale)
         HAVING count(*) FILTER (WHERE state IN ('running', 'paused')) > 0),
       gone AS (
         DELETE FROM sla_ticket_states s WHERE s.ticket_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM agg WHERE agg.ticket_id = s.ticket_id))
       INSERT INTO sla_ticket_states (ticket_id, unit_id, ticket_type, level, due_at) SELECT * FROM agg
       ON CONFLICT (ticket_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, ticket_type = EXCLUDED.ticket_type, level = EXCLUDED.level, due_at = EXCLUDED.due_at
       -- a fired warning or breach often leaves the summary as it was (another timer was worse): no new row version then
       WHERE (sla_ticket_states.unit_id, sla_ticket_states.ticket_type, sla_ticket_states.level, sla_ticket_states.due_at)
         IS DISTINCT FROM (EXCLUDED.unit_id, EXCLUDED.ticket_type, EXCLUDED.level, EXCLUDED.due_at)`,
      [ids, ids],
    );
  },

  /** Open timers counting on a calendar, locked (sla_timers_open_clock_idx). */
  openTimersOnClock: (trx: Knex.Transaction, key: string): Promise<TimerRow[]> =>
    trx<TimerRow>('sla_timers').whereRaw(`policy->>'clock' = ?`, [key]).whereIn('state', OPEN).orderBy('id').forUpdate(),

  /** Per ticket of a queue page: worst level, soonest due, first breach, and what is left when every open timer is paused. */
  async summaries(db: Knex, ticketIds: readonly number[]): Promise<TimerSummaryRow[]> {
    const { rows } = await db.raw<{ rows: TimerSummaryRow[] }>(
      `SELECT ticket_id, max(level) AS level, min(due_at) FILTER (WHERE state = 'running' AND level < 2) AS due_at,
         min(breached_at) AS breached_at, bool_and(state = 'paused') AS all_paused,
         min((policy->>'target_seconds')::float8 - elapsed_ms / 1000.0) FILTER (WHERE state = 'paused') AS paused_left
       FROM sla_timers WHERE ticket_id = ANY(?) AND state IN ('running', 'paused') GROUP BY ticket_id`,
      [[...ticketIds]],
    );
    return rows;
  },

  /** The flat board: open tickets per unit by worst timer (narrowed to some policies: only their timers count). */
  async boardCounts(db: Knex, f: BoardFilter) {
    const where = boardWhere(f);
    const perTicket = f.policy
      ? `SELECT t.unit_id, t.ticket_id, max(t.level) AS level, min(t.due_at) FILTER (WHERE t.level < 2) AS due_at
         FROM sla_timers t WHERE t.state IN ('running', 'paused')${where.sql} GROUP BY t.unit_id, t.ticket_id`
      : `SELECT t.unit_id, t.level, t.due_at FROM sla_ticket_states t WHERE true${where.sql}`;
    const { rows } = await db.raw<{ rows: { unit_id: number | null; ok: number; warning: number; breached: number; soonest_due_at: Date | null }[] }>(
      `SELECT unit_id, count(*) FILTER (WHERE level = 0)::int AS ok, count(*) FILTER (WHERE level = 1)::int AS warning,
         count(*) FILTER (WHERE level = 2)::int AS breached, min(due_at) AS soonest_due_at
       FROM (${perTicket}) per_ticket GROUP BY unit_id ORDER BY unit_id NULLS FIRST`,
      where.bindings,
    );
    return rows;
  },

  async boardSoonest(db: Knex, f: BoardFilter, limit: number) {
    const where = boardWhere(f);
    const { rows } = await db.raw<{ rows: { ticket_id: number; unit_id: number | null; policy_key: string; due_at: Date }[] }>(
      `SELECT t.ticket_id, t.unit_id, t.policy_key, t.due_at FROM sla_timers t
       WHERE t.state = 'running' AND t.level < 2${where.sql} ORDER BY t.due_at LIMIT ?`,
      [...where.bindings, limit],
    );
    return rows;
  },

  async boardMetSince(db: Knex, f: BoardFilter, since: Date): Promise<{ met: number; on_time: number }> {
    const where = boardWhere(f);
    const { rows } = await db.raw<{ rows: { met: number; on_time: number }[] }>(
      `SELECT count(*)::int AS met, count(*) FILTER (WHERE t.breached_at IS NULL)::int AS on_time
       FROM sla_timers t WHERE t.state = 'met' AND t.stopped_at >= ?${where.sql}`,
      [since, ...where.bindings],
    );
    return rows[0]!;
  },
};
