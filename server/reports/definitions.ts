import { CALLBACK_FIGURE_DEFINITIONS, type CallbackFigureRow } from '../callbacks/figures';

/**
 * The report's figures, each defined once: the text below is what the OpenAPI description, the
 * CSV and the mail say, and the SQL and arithmetic below it are the only place the numbers are
 * made. The callback figures are the callbacks domain's (server/callbacks/figures.ts), used here
 * as they are; the timely-handling rate reads the SLA domain's timers.
 *
 * Months are calendar months in the desk's time zone (config.timezone).
 * A ticket belongs to the unit it is dispatched to (tickets.unit_id); tickets never dispatched
 * (resolved at the desk) count for the company as a whole only.
 */
export const DEFINITIONS = {
  tickets: 'tickets accepted (created) in the month, of every type',
  complaints: 'complaints accepted in the month (fault_reports, reconnections and requests: the other types, likewise)',
  avg_handling_days:
    'mean of (resolved_at − accepted) in days over tickets whose resolved_at falls in the month. resolved_at is the resolution of ' +
    'the latest handling round (a reopened ticket loses it until it is resolved again), so a reopened ticket counts once, in the ' +
    'month of its last resolution, with its whole wait including the second handling; first_resolved_at (the first resolution ' +
    'ever) is not used by any figure, because it would hide the rework the customer waited for',
  timely_rate:
    'of the tickets resolved in the month (as above), the share resolved within every applicable target: none of the ' +
    "ticket's SLA timers that the resolution stops breached, in any handling round (a timer met late still breached; cancelled " +
    'timers and the callback window do not count; a ticket without such timers had no target to miss)',
  responsibility_complaints: 'complaints resolved in the month (as above) with responsibility = company (责任投诉)',
  responsibility_complaints_prev_month: 'the same count for the month before',
  responsibility_complaints_prev_year: 'the same count for the same month a year earlier',
  responsibility_complaints_change_prev_month_pct: '(this − previous month) ÷ previous month × 100, one decimal; null when the previous month had none',
  responsibility_complaints_change_prev_year_pct: '(this − same month last year) ÷ same month last year × 100, one decimal; null when that month had none',
  // the callbacks domain owns these three (server/callbacks/figures.ts): counted over attempts done in the month
  first_time_satisfaction: CALLBACK_FIGURE_DEFINITIONS.first_time_satisfaction,
  second_time_satisfaction: CALLBACK_FIGURE_DEFINITIONS.second_time_satisfaction,
  unreachable_rate: CALLBACK_FIGURE_DEFINITIONS.unreachable_rate,
  over_level_complaints: 'complaints accepted in the month through the regulator channel (越级投诉)',
  reconnections_restored: 'reconnection tickets resolved in the month whose reconnection timers were stopped (the line restored): the denominator of both reconnection rates',
  reconnect_24h_rate:
    "of those, the share restored within the regulatory 24 hours from payment (bank transfers: from the bank's confirmation): their regulatory timer never breached, judged at the restoration time",
  reconnect_2h_rate: "of those, the share restored within Dalian's internal 2 hours from payment (same clock start): their internal timer never breached",
  fault_report_rate:
    "fault tickets accepted in the month ÷ the subscribers of the units in scope for that month (unit_subscribers, or the unit's " +
    'subscribers field where the month has no row); a unit counts its own subscribers, a subtree the sum; null without subscribers',
} as const;

export const DEFINITIONS_MARKDOWN = Object.entries(DEFINITIONS).map(([name, text]) => `- \`${name}\`: ${text}`).join('\n');

/** The additive sums one (month, unit) cell of the rollup keeps; every figure is made from these. */
export const TICKET_SUM_COLUMNS = [
  'tickets', 'complaints', 'faults', 'reconnections', 'requests', 'over_level_complaints',
  'resolved', 'handling_seconds', 'timely', 'responsibility_complaints',
  'reconnections_restored', 'reconnect_24h_on_time', 'reconnect_2h_on_time',
] as const;
export const CALLBACK_SUM_COLUMNS = [
  'callbacks_done', 'callbacks_unreachable', 'first_answered', 'first_satisfied', 'second_answered', 'second_satisfied',
] as const;
export const SUM_COLUMNS = [...TICKET_SUM_COLUMNS, ...CALLBACK_SUM_COLUMNS] as const;
export type Sums = Record<(typeof SUM_COLUMNS)[number], number>;

export const ZERO_SUMS: Sums = Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums;

/**
 * A ticket (alias `t`) was handled in time when none of its applicable timers breached. The SLA
 * domain's timers are the record of every target that applied; "applicable" means a target the
 * resolution stops (its policy's stop_on holds 'resolved'), so the callback window, which starts
 * at resolution, is not one. A timer met late still breached; a cancelled one was withdrawn.
 */
export const TIMELY = {
  // a lateral probe per ticket: the planner would otherwise hash every breached timer of all years
  join: `LEFT JOIN LATERAL (
    SELECT true AS breached FROM sla_timers st JOIN sla_policies sp ON sp.key = st.policy_key
    WHERE st.ticket_id = t.id AND st.state <> 'cancelled' AND (st.breached_at IS NOT NULL OR st.level >= 2)
      AND 'resolved' = ANY(sp.stop_on)
    LIMIT 1) late ON true`,
  condition: 'late.breached IS NULL',
};

/**
 * A reconnection (alias `t`) restored: its stopped (met) reconnection timers, the regulatory 24 h
 * one and the internal 2 h one apart; null columns when the ticket is no reconnection or had none.
 */
export const RECONNECTION_ON_TIME = {
  join: `LEFT JOIN LATERAL (
    SELECT bool_or(st.breached_at IS NOT NULL) FILTER (WHERE (st.policy->>'regulatory')::boolean) AS regulatory_late,
      bool_or(st.breached_at IS NOT NULL) FILTER (WHERE NOT (st.policy->>'regulatory')::boolean) AS internal_late
    FROM sla_timers st WHERE t.type = 'reconnection' AND st.ticket_id = t.id AND st.state = 'met') rc ON true`,
};

/**
 * The ticket sums of every (month, unit_key) cell whose rows pass the filters (SQL on `t`,
 * tickets). The callback sums come from the callbacks domain's `callbackFigures`, the one place
 * the satisfaction figures are counted.
 */
export function ticketSumsSql(filters: { accepted: string; resolved: string }): string {
  const month = (column: string) => `date_trunc('month', ${column} AT TIME ZONE :tz)::date`;
  return `
    WITH intake AS (
      SELECT ${month('t.created_at')} AS month, COALESCE(t.unit_id, 0) AS unit_key,
        count(*) AS tickets,
        count(*) FILTER (WHERE t.type = 'complaint') AS complaints,
        count(*) FILTER (WHERE t.type = 'fault') AS faults,
        count(*) FILTER (WHERE t.type = 'reconnection') AS reconnections,
        count(*) FILTER (WHERE t.type = 'request') AS requests,
        count(*) FILTER (WHERE t.type = 'complaint' AND t.channel = 'regulator') AS over_level_complaints
      FROM tickets t WHERE ${filters.accepted}
      GROUP BY 1, 2
    ),
    resolution AS (
      SELECT ${month('t.resolved_at')} AS month, COALESCE(t.unit_id, 0) AS unit_key,
        count(*) AS resolved,
        sum(extract(epoch FROM t.resolved_at - t.created_at))::double precision AS handling_seconds,
        count(*) FILTER (WHERE ${TIMELY.condition}) AS timely,
        count(*) FILTER (WHERE t.type = 'complaint' AND t.responsibility = 'company') AS responsibility_complaints,
        count(*) FILTER (WHERE rc.regulatory_late IS NOT NULL OR rc.internal_late IS NOT NULL) AS reconnections_restored,
        count(*) FILTER (WHERE rc.regulatory_late = false) AS reconnect_24h_on_time,
        count(*) FILTER (WHERE rc.internal_late = false) AS reconnect_2h_on_time
      FROM tickets t ${TIMELY.join} ${RECONNECTION_ON_TIME.join} WHERE t.resolved_at IS NOT NULL AND ${filters.resolved}
      GROUP BY 1, 2
    )
    SELECT month, unit_key,
      COALESCE(i.tickets, 0) AS tickets, COALESCE(i.complaints, 0) AS complaints, COALESCE(i.faults, 0) AS faults,
      COALESCE(i.reconnections, 0) AS reconnections, COALESCE(i.requests, 0) AS requests,
      COALESCE(i.over_level_complaints, 0) AS over_level_complaints,
      COALESCE(r.resolved, 0) AS resolved, COALESCE(r.handling_seconds, 0) AS handling_seconds, COALESCE(r.timely, 0) AS timely,
      COALESCE(r.responsibility_complaints, 0) AS responsibility_complaints,
      COALESCE(r.reconnections_restored, 0) AS reconnections_restored, COALESCE(r.reconnect_24h_on_time, 0) AS reconnect_24h_on_time,
      COALESCE(r.reconnect_2h_on_time, 0) AS reconnect_2h_on_time
    FROM intake i
    FULL JOIN resolution r USING (month, unit_key)`;
}

export interface Kpis {
  tickets: number;
  complaints: number;
  fault_reports: number;
  reconnections: number;
  requests: number;
  resolved: number;
  responsibility_complaints: number;
  responsibility_complaints_prev_month: number;
  responsibility_complaints_prev_year: number;
  responsibility_complaints_change_prev_month_pct: number | null;
  responsibility_complaints_change_prev_year_pct: number | null;
  avg_handling_days: number | null;
  timely_rate: number | null;
  first_time_satisfaction: number | null;
  second_time_satisfaction: number | null;
  unreachable_rate: number | null;
  over_level_complaints: number;
  subscribers: number;
  fault_report_rate: number | null;
  reconnections_restored: number;
  reconnect_24h_rate: number | null;
  reconnect_2h_rate: number | null;
}

const ratio = (numerator: number, denominator: number, digits: number): number | null =>
  denominator > 0 ? round(numerator / denominator, digits) : null;
const round = (value: number, digits: number) => Number(value.toFixed(digits));
const changePct = (now: number, before: number) => (before > 0 ? round(((now - before) / before) * 100, 1) : null);

/** The figures of one scope and month, from its sums, the comparison months' and its subscribers. */
export function kpisFrom(s: Sums, compare: { prevMonth: Sums; prevYear: Sums }, subscribers: number): Kpis {
  return {
    tickets: s.tickets,
    complaints: s.complaints,
    fault_reports: s.faults,
    reconnections: s.reconnections,
    requests: s.requests,
    resolved: s.resolved,
    responsibility_complaints: s.responsibility_complaints,
    responsibility_complaints_prev_month: compare.prevMonth.responsibility_complaints,
    responsibility_complaints_prev_year: compare.prevYear.responsibility_complaints,
    responsibility_complaints_change_prev_month_pct: changePct(s.responsibility_complaints, compare.prevMonth.responsibility_complaints),
    responsibility_complaints_change_prev_year_pct: changePct(s.responsibility_complaints, compare.prevYear.responsibility_complaints),
    avg_handling_days: ratio(s.handling_seconds, s.resolved * 86400, 3),
    timely_rate: ratio(s.timely, s.resolved, 4),
    first_time_satisfaction: ratio(s.first_satisfied, s.first_answered, 4),
    second_time_satisfaction: ratio(s.second_satisfied, s.second_answered, 4),
    unreachable_rate: ratio(s.callbacks_unreachable, s.callbacks_done, 4),
    over_level_complaints: s.over_level_complaints,
    subscribers,
    // six digits: a rate like 0.63 % of 350 k lines must not round away
    fault_report_rate: ratio(s.faults, subscribers, 6),
    reconnections_restored: s.reconnections_restored,
    reconnect_24h_rate: ratio(s.reconnect_24h_on_time, s.reconnections_restored, 4),
    reconnect_2h_rate: ratio(s.reconnect_2h_on_time, s.reconnections_restored, 4),
  };
}

/** The callbacks domain's counts of one (month, unit) as rollup sums. */
export function callbackSums(row: CallbackFigureRow): Partial<Sums> {
  return {
    callbacks_done: row.attempts, callbacks_unreachable: row.unreachable, first_answered: row.first_answered,
    first_satisfied: row.first_satisfied, second_answered: row.second_answered, second_satisfied: row.second_satisfied,
  };
}

export function addSums(a: Sums, b: Partial<Sums>): Sums {
  const out = { ...a };
  for (const column of SUM_COLUMNS) out[column] += Number(b[column] ?? 0);
  return out;
}

/**
 * The figures a unit can be given a target for (目标管理), each with the side a good value lies on:
 * `max` a ceiling (responsibility complaints ≤ 2), `min` a floor (first-time satisfaction ≥ 99.5 %).
 * Rates are fractions 0–1 like the figures themselves.
 */
export const TARGET_KPIS = {
  responsibility_complaints: 'max',
  over_level_complaints: 'max',
  avg_handling_days: 'max',
  timely_rate: 'min',
  first_time_satisfaction: 'min',
  second_time_satisfaction: 'min',
  unreachable_rate: 'max',
  fault_report_rate: 'max',
} as const satisfies Partial<Record<keyof Kpis, 'max' | 'min'>>;
export type TargetKpi = keyof typeof TARGET_KPIS;
export const TARGET_KPI_KEYS = Object.keys(TARGET_KPIS) as [TargetKpi, ...TargetKpi[]];
export const RATE_KPIS: ReadonlySet<string> = new Set(['timely_rate', 'first_time_satisfaction', 'second_time_satisfaction', 'unreachable_rate', 'fault_report_rate', 'reconnect_24h_rate', 'reconnect_2h_rate']);

/** Met when the figure lies on the target's good side; null when the month has no figure to judge. */
export function targetMet(kpi: TargetKpi, value: number | null, target: number): boolean | null {
  if (value === null) return null;
  return TARGET_KPIS[kpi] === 'max' ? value <= target : value >= target;
}

/**
 * The tickets behind each countable figure (the report's drill-down into the queue): SQL on
 * `tickets` (no alias) over :from/:to instants of the month. Each is the same condition the rollup
 * counts, so a click lists exactly the tickets the number counts.
 */
export const FIGURE_TICKETS = {
  tickets: 'tickets.created_at >= :from AND tickets.created_at < :to',
  complaints: "tickets.type = 'complaint' AND tickets.created_at >= :from AND tickets.created_at < :to",
  fault_reports: "tickets.type = 'fault' AND tickets.created_at >= :from AND tickets.created_at < :to",
  reconnections: "tickets.type = 'reconnection' AND tickets.created_at >= :from AND tickets.created_at < :to",
  requests: "tickets.type = 'request' AND tickets.created_at >= :from AND tickets.created_at < :to",
  over_level_complaints: "tickets.type = 'complaint' AND tickets.channel = 'regulator' AND tickets.created_at >= :from AND tickets.created_at < :to",
  resolved: 'tickets.resolved_at >= :from AND tickets.resolved_at < :to',
  responsibility_complaints: "tickets.type = 'complaint' AND tickets.responsibility = 'company' AND tickets.resolved_at >= :from AND tickets.resolved_at < :to",
  /** resolved in the month and not in time: the timely-handling rate's misses */
  late: `tickets.resolved_at >= :from AND tickets.resolved_at < :to AND EXISTS (
    SELECT 1 FROM sla_timers st JOIN sla_policies sp ON sp.key = st.policy_key
    WHERE st.ticket_id = tickets.id AND st.state <> 'cancelled' AND (st.breached_at IS NOT NULL OR st.level >= 2) AND 'resolved' = ANY(sp.stop_on))`,
  /** a first- or second-handling callback answered unsatisfied in the month */
  unsatisfied: `tickets.id IN (SELECT c.ticket_id FROM callbacks c WHERE c.state = 'done' AND c.outcome = 'unsatisfied' AND c.done_at >= :from AND c.done_at < :to)`,
  unreachable: `tickets.id IN (SELECT c.ticket_id FROM callbacks c WHERE c.state = 'done' AND c.outcome = 'unreachable' AND c.done_at >= :from AND c.done_at < :to)`,
} as const;
export type Figure = keyof typeof FIGURE_TICKETS;
export const FIGURE_KEYS = Object.keys(FIGURE_TICKETS) as [Figure, ...Figure[]];
