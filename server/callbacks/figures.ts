import type { Knex } from 'knex';

/**
 * The callback figures, defined once (DOMAIN.md "The figures, defined"); the report reuses
 * `callbackFigures`. Counted over callback attempts done in the month (done_at, in the desk's
 * time zone), for the unit the ticket is dispatched to (null: resolved at the desk, never dispatched),
 * which each callback carries (`callbacks.unit_id`, kept equal to the ticket's by triggers) so a
 * unit's month is read from callbacks_done_unit_idx alone.
 */
export const CALLBACK_FIGURE_DEFINITIONS = {
  first_time_satisfaction: 'callbacks of a first handling (handling_round 1) answered satisfied ÷ those answered satisfied or unsatisfied; unreachable attempts are not answers',
  second_time_satisfaction: 'the same for second handlings (handling_round 2)',
  unreachable_rate: 'callback attempts with outcome unreachable ÷ all callback attempts done',
  survey_answers: 'answers that came through the mail survey instead of a call (included in the counts above)',
} as const;

export interface CallbackFigureRow {
  month: string;
  unit_id: number | null;
  unit_name: string | null;
  attempts: number;
  unreachable: number;
  first_answered: number;
  first_satisfied: number;
  second_answered: number;
  second_satisfied: number;
  survey_answers: number;
  first_time_satisfaction: number | null;
  second_time_satisfaction: number | null;
  unreachable_rate: number | null;
}

export interface FigureQuery {
  /** first and last month, YYYY-MM, inclusive */
  from: string;
  to: string;
  timezone: string;
  /** unit-path prefix the caller is confined to (null: everything, including the desk's own) */
  scopePrefix: string | null;
  /** only this unit and its subtree, each unit still reported on its own */
  unitId?: number;
  /** only these units (0: not dispatched), each on its own: the rollup's recount of marked cells */
  unitKeys?: readonly number[];
}

const rate = (numerator: number, denominator: number): number | null => (denominator > 0 ? Number((numerator / denominator).toFixed(4)) : null);

export async function callbackFigures(db: Knex, q: FigureQuery): Promise<CallbackFigureRow[]> {
  const bindings: (string | number)[] = [q.timezone, `${q.from}-01`, q.timezone, `${q.to}-01`, q.timezone];
  let where = '';
  if (q.scopePrefix !== null) {
    where += ` AND u.path LIKE ?`;
    bindings.push(`${q.scopePrefix}%`);
  }
  if (q.unitId !== undefined) {
    where += ` AND u.path LIKE (SELECT path FROM units WHERE id = ?) || '%'`;
    bindings.push(q.unitId);
  }
  if (q.unitKeys !== undefined) {
    where += ` AND COALESCE(c.unit_id, 0) = ANY(?::bigint[])`;
    bindings.push(`{${q.unitKeys.join(',')}}`);
  }
  const result = await db.raw<{ rows: Omit<CallbackFigureRow, 'first_time_satisfaction' | 'second_time_satisfaction' | 'unreachable_rate'>[] }>(
    `SELECT to_char(date_trunc('month', c.done_at AT TIME ZONE ?), 'YYYY-MM') AS month, c.unit_id, u.name AS unit_name,
       count(*)::int AS attempts,
       count(*) FILTER (WHERE c.outcome = 'unreachable')::int AS unreachable,
       count(*) FILTER (WHERE c.handling_round = 1 AND c.outcome IN ('satisfied', 'unsatisfied'))::int AS first_answered,
       count(*) FILTER (WHERE c.handling_round = 1 AND c.outcome = 'satisfied')::int AS first_satisfied,
       count(*) FILTER (WHERE c.handling_round = 2 AND c.outcome IN ('satisfied', 'unsatisfied'))::int AS second_answered,
       count(*) FILTER (WHERE c.handling_round = 2 AND c.outcome = 'satisfied')::int AS second_satisfied,
       count(*) FILTER (WHERE c.answered_via = 'survey')::int AS survey_answers
     FROM callbacks c LEFT JOIN units u ON u.id = c.unit_id
     WHERE c.state = 'done'
       AND c.done_at >= (?::date)::timestamp AT TIME ZONE ?
       AND c.done_at < ((?::date) + interval '1 month')::timestamp AT TIME ZONE ?${where}
     GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST`,
    bindings,
  );
  return result.rows.map((r) => ({
    ...r,
    first_time_satisfaction: rate(r.first_satisfied, r.first_answered),
    second_time_satisfaction: rate(r.second_satisfied, r.second_answered),
    unreachable_rate: rate(r.unreachable, r.attempts),
  }));
}
