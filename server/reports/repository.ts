import type { Knex } from 'knex';
import { SUM_COLUMNS, type Sums } from './definitions';

export interface ScopeUnit {
  id: number;
  name: string;
  code: string;
  parent_id: number | null;
  path: string;
  head_user_id: number | null;
}

export interface CellRow extends Sums {
  month: string;
  unit_key: number;
}

export interface CaseRow {
  id: number;
  number: string;
  unit_id: number | null;
  unit_name: string | null;
  unit_path: string | null;
  type: string;
  category: string;
  channel: string;
  responsibility: string | null;
  description: string;
  resolution: string | null;
  cause: string | null;
  handling_round: number;
  status: string;
  created_at: Date;
  resolved_at: Date | null;
  review_month: string | null;
  discuss: boolean | null;
  analysis: string | null;
  example: 'typical' | 'good' | 'bad' | null;
  conclusion: string | null;
  review_updated_at: Date | null;
  review_updated_by: number | null;
}

export interface RectificationRow {
  id: number;
  ticket_id: number;
  description: string;
  owner_id: number;
  owner_name: string;
  due_on: string;
  done_at: Date | null;
  done_by: number | null;
  done_note: string | null;
  evidence: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface RectificationListRow extends RectificationRow {
  ticket_number: string;
  unit_id: number | null;
  unit_name: string | null;
}

export interface TargetRow {
  unit_key: number;
  kpi: string;
  from_month: string;
  value: number;
}

export interface OwnershipRow {
  ticket_id: number;
  owner_id: number;
  owner_name: string;
  reasons: string[];
  active: boolean;
  explanation: string | null;
  explanation_at: Date | null;
}

export interface OwnerActionRow {
  ticket_id: number;
  kind: string;
  note: string;
  at: Date;
  actor_id: number;
}

/** A ticket as a typical case: its unit and the meeting's review. */
const CASE_COLUMNS = `t.id, t.number, t.unit_id, u.name AS unit_name, u.path AS unit_path, t.type, t.category, t.channel,
  t.responsibility, t.description, t.resolution, t.cause, t.handling_round, t.status, t.created_at, t.resolved_at,
  to_char(rc.month, 'YYYY-MM') AS review_month, rc.discuss, rc.analysis, rc.example, rc.conclusion, rc.updated_at AS review_updated_at, rc.updated_by AS review_updated_by`;
const CASE_JOINS = 'LEFT JOIN units u ON u.id = t.unit_id LEFT JOIN report_cases rc ON rc.ticket_id = t.id';

/** A month's first instant in the desk's time zone, as SQL on a 'YYYY-MM-01' binding. */
const monthStart = (binding: string) => `((${binding})::date)::timestamp AT TIME ZONE :tz`;
const monthEnd = (binding: string) => `((${binding})::date + interval '1 month')::timestamp AT TIME ZONE :tz`;

/** Someone the monthly report mail is meant for (it reaches them when `email` is set). */
export interface MailRecipientRow {
  id: number;
  username: string;
  name: string;
  role: 'manager' | 'unit_head';
  unit_id: number | null;
  unit_name: string | null;
  unit_path: string | null;
  email: string | null;
}

export const reportsRepository = {
  /**
   * Who the monthly report mail is for: every active manager (the whole company) and every active
   * unit head of a unit (its subtree), with or without an address; `scopePrefix` keeps the heads of
   * one subtree (a unit head reading it).
   */
  mailRecipients(db: Knex, scopePrefix: string | null) {
    const query = db('users as u')
      .leftJoin('units as n', 'n.id', 'u.unit_id')
      .where('u.active', true)
      .where((q) => q.where('u.role', 'manager').orWhere((h) => h.where('u.role', 'unit_head').whereNotNull('u.unit_id')))
      .select<MailRecipientRow[]>('u.id', 'u.username', 'u.name', 'u.role', 'u.unit_id', 'n.name as unit_name', 'n.path as unit_path', 'u.email')
      .orderByRaw(`u.role = 'manager' DESC, n.path, u.id`);
    if (scopePrefix !== null) query.where('u.role', 'unit_head').where('n.path', 'like', `${scopePrefix}%`);
    return query;
  },

  /** The units in scope: all of them, or one unit's subtree. */
  units: (db: Knex, prefix: string | null): Promise<ScopeUnit[]> => {
    const query = db('units').select('id', 'name', 'code', 'parent_id', 'path', 'head_user_id').orderBy('path');
    if (prefix !== null) query.where('path', 'like', `${prefix}%`);
    return query;
  },

  cells: (db: Knex, months: string[]): Promise<CellRow[]> =>
    db('report_unit_months')
      .select(db.raw(`to_char(month, 'YYYY-MM-DD') AS month`), 'unit_key', ...SUM_COLUMNS)
      .whereIn('month', months),

  /** Subscribers per unit for each month: that month's row, else the unit's own field. */
  async subscribers(db: Knex, months: string[]): Promise<Map<string, Map<number, number>>> {
    const rows = await db.raw<{ rows: { month: string; unit_id: number; subscribers: number }[] }>(
      `SELECT m.month, u.id AS unit_id, COALESCE(s.subscribers, u.subscribers) AS subscribers
       FROM units u CROSS JOIN unnest(?::text[]) AS m(month)
       LEFT JOIN unit_subscribers s ON s.unit_id = u.id AND s.month = m.month::date`,
      [`{${months.join(',')}}`],
    );
    const out = new Map<string, Map<number, number>>();
    for (const row of rows.rows) {
      if (!out.has(row.month)) out.set(row.month, new Map());
      out.get(row.month)!.set(Number(row.unit_id), Number(row.subscribers));
    }
    return out;
  },

  /** Every unit's subscribers for the month, or those of one subtree (a unit head's). */
  subscriberRows: (db: Knex, month: string, scopePrefix: string | null) =>
    db.raw<{ rows: { unit_id: number; name: string; subscribers: number; source: 'month' | 'unit' }[] }>(
      `SELECT u.id AS unit_id, u.name, COALESCE(s.subscribers, u.subscribers) AS subscribers,
         CASE WHEN s.unit_id IS NULL THEN 'unit' ELSE 'month' END AS source
       FROM units u LEFT JOIN unit_subscribers s ON s.unit_id = u.id AND s.month = ?::date
       WHERE u.path LIKE ? ORDER BY u.path`,
      [month, `${scopePrefix ?? ''}%`],
    ),

  upsertSubscribers: (trx: Knex.Transaction, row: { unit_id: number; month: string; subscribers: number; updated_by: number; updated_at: Date }) =>
    trx('unit_subscribers').insert(row).onConflict(['unit_id', 'month']).merge(['subscribers', 'updated_by', 'updated_at']),

  /**
   * The typical cases of a month: complaints resolved in it with responsibility = company or of
   * category service_attitude, and every ticket the meeting marked for this month.
   */
  async cases(db: Knex, tz: string, month: string, prefix: string | null): Promise<CaseRow[]> {
    const result = await db.raw<{ rows: CaseRow[] }>(
      `WITH ids AS (
         SELECT id FROM tickets
         WHERE type = 'complaint' AND (responsibility = 'company' OR category = 'service_attitude')
           AND resolved_at >= ${monthStart(':month')} AND resolved_at < ${monthEnd(':month')}
         UNION
         SELECT ticket_id FROM report_cases WHERE month = :month::date AND discuss
       )
       SELECT ${CASE_COLUMNS}
       FROM ids JOIN tickets t ON t.id = ids.id ${CASE_JOINS}
       WHERE :prefix::text IS NULL OR u.path LIKE :prefix::text || '%'
       ORDER BY u.path NULLS FIRST, t.resolved_at NULLS LAST, t.id`,
      { tz, month, prefix },
    );
    return result.rows;
  },

  caseOf: async (db: Knex, ticketId: number): Promise<CaseRow | undefined> =>
    (
      await db.raw<{ rows: CaseRow[] }>(
        `SELECT ${CASE_COLUMNS} FROM tickets t ${CASE_JOINS} WHERE t.id = ?`,
        [ticketId],
      )
    ).rows[0],

  rectifications: (db: Knex, ticketIds: number[]): Promise<RectificationRow[]> =>
    db('report_rectifications as r')
      .join('users as o', 'o.id', 'r.owner_id')
      .select('r.id', 'r.ticket_id', 'r.description', 'r.owner_id', 'o.name as owner_name', db.raw(`to_char(r.due_on, 'YYYY-MM-DD') AS due_on`),
        'r.done_at', 'r.done_by', 'r.done_note', 'r.evidence', 'r.created_by', 'r.created_at', 'r.updated_at')
      .whereIn('r.ticket_id', ticketIds)
      .orderBy('r.id'),

  ownerships: (db: Knex, ticketIds: number[]): Promise<OwnershipRow[]> =>
    db('case_ownerships as o')
      .join('users as u', 'u.id', 'o.owner_id')
      .select('o.ticket_id', 'o.owner_id', 'u.name as owner_name', 'o.reasons', 'o.active', 'o.explanation', 'o.explanation_at')
      .whereIn('o.ticket_id', ticketIds),

  ownerActions: (db: Knex, ticketIds: number[]): Promise<OwnerActionRow[]> =>
    db('owner_actions').select('ticket_id', 'kind', 'note', 'at', 'actor_id').whereIn('ticket_id', ticketIds).orderBy('id'),

  findRectificationForUpdate: (trx: Knex.Transaction, id: number) =>
    trx('report_rectifications').where({ id }).forUpdate()
      .first<{ id: number; ticket_id: number; owner_id: number; done_at: Date | null; evidence: string | null } | undefined>(),

  /**
   * The rectification list of a month: items created before its end that were still open at its
   * start (carried over) or done within it, and every item open now; scoped by the ticket's unit
   * path (null: all), or to one owner.
   */
  async rectificationList(db: Knex, tz: string, month: string, q: { prefix: string | null; ownerId?: number }): Promise<RectificationListRow[]> {
    const result = await db.raw<{ rows: RectificationListRow[] }>(
      `SELECT r.id, r.ticket_id, r.description, r.owner_id, o.name AS owner_name, to_char(r.due_on, 'YYYY-MM-DD') AS due_on,
         r.done_at, r.done_by, r.done_note, r.evidence, r.created_by, r.created_at, r.updated_at,
         t.number AS ticket_number, t.unit_id, u.name AS unit_name
       FROM report_rectifications r
       JOIN users o ON o.id = r.owner_id
       JOIN tickets t ON t.id = r.ticket_id
       LEFT JOIN units u ON u.id = t.unit_id
       WHERE r.created_at < ${monthEnd(':month')}
         AND (r.done_at IS NULL OR r.done_at >= ${monthStart(':month')})
         AND (:prefix::text IS NULL OR u.path LIKE :prefix::text || '%')
         AND (:owner::bigint IS NULL OR r.owner_id = :owner::bigint)
       ORDER BY r.done_at IS NOT NULL, r.due_on, r.id`,
      { tz, month, prefix: q.prefix, owner: q.ownerId ?? null },
    );
    return result.rows;
  },

  /** Every target row that applies at or before a month (targets run on until replaced). */
  targets: (db: Knex, upTo: string): Promise<TargetRow[]> =>
    db('report_targets')
      .select('unit_key', 'kpi', db.raw(`to_char(from_month, 'YYYY-MM') AS from_month`), 'value')
      .where('from_month', '<=', upTo)
      .orderBy('from_month'),

  upsertTarget: (trx: Knex.Transaction, row: { unit_key: number; kpi: string; from_month: string; value: number; set_by: number; set_at: Date }) =>
    trx('report_targets').insert(row).onConflict(['unit_key', 'kpi', 'from_month']).merge(['value', 'set_by', 'set_at']),

  deleteTarget: (trx: Knex.Transaction, key: { unit_key: number; kpi: string; from_month: string }) => trx('report_targets').where(key).delete(),

  /** Complaints of a month by category (accepted / responsibility resolved) and by recorded cause. */
  async breakdown(db: Knex, tz: string, month: string, prefix: string | null) {
    const scope = `(:prefix::text IS NULL OR t.unit_id IN (SELECT id FROM units WHERE path LIKE :prefix::text || '%'))`;
    const byCategory = await db.raw<{ rows: { category: string; complaints: number; responsibility_complaints: number }[] }>(
      `SELECT category, sum(accepted)::int AS complaints, sum(responsible)::int AS responsibility_complaints FROM (
         SELECT t.category, 1 AS accepted, 0 AS responsible FROM tickets t
         WHERE t.type = 'complaint' AND t.created_at >= ${monthStart(':month')} AND t.created_at < ${monthEnd(':month')} AND ${scope}
         UNION ALL
         SELECT t.category, 0, 1 FROM tickets t
         WHERE t.type = 'complaint' AND t.responsibility = 'company' AND t.resolved_at >= ${monthStart(':month')} AND t.resolved_at < ${monthEnd(':month')} AND ${scope}
       ) x GROUP BY category ORDER BY 2 DESC, 1`,
      { tz, month, prefix },
    );
    const byCause = await db.raw<{ rows: { cause: string; tickets: number }[] }>(
      `SELECT COALESCE(NULLIF(btrim(t.cause), ''), '—') AS cause, count(*)::int AS tickets FROM tickets t
       WHERE t.type = 'complaint' AND t.resolved_at >= ${monthStart(':month')} AND t.resolved_at < ${monthEnd(':month')} AND ${scope}
       GROUP BY 1 ORDER BY 2 DESC, 1`,
      { tz, month, prefix },
    );
    // tickets_resolved_at_idx finds the month; the cause is on the row
    const byCauseId = await db.raw<{ rows: { category: string; cause_id: string | null; tickets: number }[] }>(
      `SELECT t.category, t.cause_id, count(*)::int AS tickets FROM tickets t
       WHERE t.type = 'complaint' AND t.resolved_at >= ${monthStart(':month')} AND t.resolved_at < ${monthEnd(':month')} AND ${scope}
       GROUP BY 1, 2`,
      { tz, month, prefix },
    );
    return { byCategory: byCategory.rows, byCause: byCause.rows, byCauseId: byCauseId.rows.map((r) => ({ ...r, cause_id: r.cause_id === null ? null : Number(r.cause_id) })) };
  },
};
