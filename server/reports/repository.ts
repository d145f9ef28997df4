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
  created_by: number;
  created_at: Date;
  updated_at: Date;
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
  to_char(rc.month, 'YYYY-MM') AS review_month, rc.discuss, rc.analysis, rc.updated_at AS review_updated_at, rc.updated_by AS review_updated_by`;
const CASE_JOINS = 'LEFT JOIN units u ON u.id = t.unit_id LEFT JOIN report_cases rc ON rc.ticket_id = t.id';

/** A month's first instant in the desk's time zone, as SQL on a 'YYYY-MM-01' binding. */
const monthStart = (binding: string) => `((${binding})::date)::timestamp AT TIME ZONE :tz`;
const monthEnd = (binding: string) => `((${binding})::date + interval '1 month')::timestamp AT TIME ZONE :tz`;

export const reportsRepository = {
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
        'r.done_at', 'r.done_by', 'r.done_note', 'r.created_by', 'r.created_at', 'r.updated_at')
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
    trx('report_rectifications').where({ id }).forUpdate().first<{ id: number; ticket_id: number; owner_id: number; done_at: Date | null } | undefined>(),
};
