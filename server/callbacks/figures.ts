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

/** The automated channels' figures (issue 18), over the same attempts as `callbackFigures`. */
export const CHANNEL_FIGURE_DEFINITIONS = {
  attempts: 'callback attempts done in the month by the channel they went out on (phone: an agent; sms: the SMS survey; ivr: the voice platform)',
  answers: 'attempts answered satisfied or unsatisfied, by how the answer came (phone, mail survey, SMS reply, IVR key)',
  reply_rate: 'automated attempts the customer replied to (any reply, opt-outs included) ÷ automated attempts done',
  answer_rate: 'automated attempts answered 1 or 2 (or a key 1/2) ÷ automated attempts done',
  opt_outs: 'numbers opted out of automated surveys in the month (TD / 退订 replies and agents), company-wide',
  settled_without_agent: 'callbacks answered satisfied or unsatisfied without an agent\'s call: by SMS, IVR or the mail survey',
} as const;

export interface ChannelFigures {
  attempts: { channel: string; attempts: number; answered: number; satisfied: number; no_reply: number; replied: number; answer_rate: number | null; reply_rate: number | null }[];
  answers: { via: string; satisfied: number; unsatisfied: number }[];
  sms: { sent: number; delivered: number; undelivered: number; unconfirmed: number; queued: number };
  opt_outs: number;
  settled_without_agent: number;
  settled_by_agent: number;
}

/** One month (YYYY-MM in `timezone`), confined to a unit-path prefix like the other figures. */
export async function channelFigures(db: Knex, q: { month: string; timezone: string; scopePrefix: string | null }): Promise<ChannelFigures> {
  const range = [`${q.month}-01`, q.timezone, `${q.month}-01`, q.timezone];
  const scope = q.scopePrefix === null ? '' : ' AND u.path LIKE ?';
  const scoped = q.scopePrefix === null ? [] : [`${q.scopePrefix}%`];
  const inMonth = (column: string) => `${column} >= (?::date)::timestamp AT TIME ZONE ? AND ${column} < ((?::date) + interval '1 month')::timestamp AT TIME ZONE ?`;
  const attempts = await db.raw<{ rows: { channel: string; attempts: number; answered: number; satisfied: number; no_reply: number; replied: number }[] }>(
    `SELECT c.channel, count(*)::int AS attempts,
       count(*) FILTER (WHERE c.outcome IN ('satisfied', 'unsatisfied'))::int AS answered,
       count(*) FILTER (WHERE c.outcome = 'satisfied')::int AS satisfied,
       count(*) FILTER (WHERE c.outcome = 'no_reply')::int AS no_reply,
       count(a.reply_at)::int AS replied
     FROM callbacks c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN units u ON u.id = t.unit_id
     LEFT JOIN callback_auto_attempts a ON a.callback_id = c.id
     WHERE c.state = 'done' AND ${inMonth('c.done_at')}${scope}
     GROUP BY 1 ORDER BY 1`,
    [...range, ...scoped],
  );
  const answers = await db.raw<{ rows: { via: string; satisfied: number; unsatisfied: number }[] }>(
    `SELECT c.answered_via AS via, count(*) FILTER (WHERE c.outcome = 'satisfied')::int AS satisfied, count(*) FILTER (WHERE c.outcome = 'unsatisfied')::int AS unsatisfied
     FROM callbacks c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN units u ON u.id = t.unit_id
     WHERE c.state = 'done' AND c.outcome IN ('satisfied', 'unsatisfied') AND ${inMonth('c.done_at')}${scope}
     GROUP BY 1 ORDER BY 1`,
    [...range, ...scoped],
  );
  const sms = (await db.raw<{ rows: ChannelFigures['sms'][] }>(
    `SELECT count(*) FILTER (WHERE a.state = 'sent')::int AS sent,
       count(*) FILTER (WHERE a.delivery = 'DELIVRD')::int AS delivered,
       count(*) FILTER (WHERE a.delivery IN ('UNDELIV', 'REJECTD', 'EXPIRED', 'DELETED'))::int AS undelivered,
       count(*) FILTER (WHERE a.state = 'unconfirmed')::int AS unconfirmed,
       count(*) FILTER (WHERE a.state IN ('queued', 'sending'))::int AS queued
     FROM callback_auto_attempts a JOIN tickets t ON t.id = a.ticket_id LEFT JOIN units u ON u.id = t.unit_id
     WHERE a.channel = 'sms' AND ${inMonth('a.created_at')}${scope}`,
    [...range, ...scoped],
  )).rows[0]!;
  const optOuts = (await db.raw<{ rows: { n: number }[] }>(`SELECT count(*)::int AS n FROM callback_opt_outs WHERE ${inMonth('at')}`, range)).rows[0]!.n;
  const answered = answers.rows;
  const without = answered.filter((a) => a.via !== 'phone').reduce((n, a) => n + a.satisfied + a.unsatisfied, 0);
  const by = answered.filter((a) => a.via === 'phone').reduce((n, a) => n + a.satisfied + a.unsatisfied, 0);
  return {
    attempts: attempts.rows.map((r) => ({
      ...r,
      answer_rate: r.channel === 'phone' ? null : rate(r.answered, r.attempts),
      reply_rate: r.channel === 'phone' ? null : rate(r.replied, r.attempts),
    })),
    answers: answered,
    sms,
    opt_outs: optOuts,
    settled_without_agent: without,
    settled_by_agent: by,
  };
}
