import type { operations } from '../../api/schema.gen';
import { queueHref } from '../queues/filters';
/** The report API's shapes as the console reads them, and how its figures are shown. */
export type Direction = 'max' | 'min';
export type TargetKpi =
  | 'responsibility_complaints' | 'over_level_complaints' | 'avg_handling_days' | 'timely_rate'
  | 'first_time_satisfaction' | 'second_time_satisfaction' | 'unreachable_rate' | 'fault_report_rate';

export interface Kpis {
  tickets: number;
  complaints: number;
  fault_reports: number;
  resolved: number;
  responsibility_complaints: number;
  responsibility_complaints_prev_month: number;
  responsibility_complaints_prev_year: number;
  responsibility_complaints_change_prev_month_pct: number | null;
  avg_handling_days: number | null;
  timely_rate: number | null;
  first_time_satisfaction: number | null;
  second_time_satisfaction: number | null;
  unreachable_rate: number | null;
  over_level_complaints: number;
  subscribers: number;
  fault_report_rate: number | null;
}
export type KpiKey = keyof Kpis;

export interface TargetState { target: number; direction: Direction; met: boolean | null; source_unit_id: number | null; from_month: string }
export type Targets = Partial<Record<TargetKpi, TargetState>>;

export interface UnitFigures { unit_id: number; name: string; parent_id: number | null; path: string; kpis: Kpis; targets: Targets }

export interface Rectification {
  id: number; ticket_id: number; description: string; owner_id: number; owner_name: string; due_on: string; done: boolean; overdue: boolean;
  done_at: string | null; evidence: string | null;
}
export interface RectificationItem extends Rectification { ticket_number: string; unit_id: number | null; unit_name: string | null; carried_over: boolean }

export type Example = 'typical' | 'good' | 'bad';
export interface Case {
  ticket_id: number; number: string; unit_id: number | null; unit_name: string | null; type: string; category: string; channel: string;
  responsibility: string | null; kinds: ('responsibility' | 'service_attitude' | 'marked')[]; description: string; cause: string | null;
  resolution: string | null; accepted_at: string; resolved_at: string | null;
  review: { month: string; discuss: boolean; analysis: string | null; example: Example | null; conclusion: string | null } | null;
  rectifications: Rectification[];
  ownership: { owner_id: number; owner_name: string; actions: { kind: string; note: string; at: string }[]; explanation: string | null } | null;
}

export interface Report { month: string; unit_id: number | null; kpis: Kpis; targets: Targets; units: UnitFigures[]; cases: Case[] }
export interface Trend { unit_id: number | null; months: { month: string; kpis: Kpis; targets: Targets }[] }
/** GET /api/reports/breakdown, as the server declares it (with the cause tree's section). */
export type Breakdown = operations['getReportsBreakdown']['responses'][200]['content']['application/json'];
export interface TargetsList {
  month: string;
  kpis: { key: TargetKpi; direction: Direction; rate: boolean }[];
  units: { unit_id: number | null; name: string; parent_id: number | null; targets: Targets }[];
  own: { unit_id: number | null; kpi: TargetKpi; from_month: string; value: number }[];
}

export const RATES: ReadonlySet<string> = new Set(['timely_rate', 'first_time_satisfaction', 'second_time_satisfaction', 'unreachable_rate', 'fault_report_rate']);

/** Which way is better for each figure the cards show: 'max' lower is better, 'min' higher is. */
export const BETTER: Record<string, Direction> = {
  responsibility_complaints: 'max', over_level_complaints: 'max', avg_handling_days: 'max', timely_rate: 'min',
  first_time_satisfaction: 'min', second_time_satisfaction: 'min', unreachable_rate: 'max', fault_report_rate: 'max',
};

/** The cards, in the order the meeting reads them. */
export const CARD_KPIS: TargetKpi[] = [
  'responsibility_complaints', 'first_time_satisfaction', 'second_time_satisfaction', 'timely_rate',
  'avg_handling_days', 'unreachable_rate', 'over_level_complaints', 'fault_report_rate',
];

/**
 * A rate as a percentage with the digits it needs: 99.5 %, 0.63 %, 0.0063 %. A fault-report rate of a
 * few lines per hundred thousand printed as "0.0%" told the manager nothing.
 */
export function formatPct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  const p = rate * 100;
  if (p === 0) return '0%';
  return `${p >= 10 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : Number(p.toPrecision(2)).toString()}%`;
}

export function formatKpi(key: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (RATES.has(key)) return formatPct(value);
  if (key === 'avg_handling_days') return value.toFixed(2);
  return String(value);
}

export function formatTarget(key: string, target: TargetState): string {
  return `${target.direction === 'max' ? '≤' : '≥'} ${formatKpi(key, target.target)}`;
}

/** The tickets behind a figure (the queue's `figure` filter), or none for figures with no tickets of their own. */
export const DRILL: Partial<Record<KpiKey, string>> = {
  tickets: 'tickets', complaints: 'complaints', fault_reports: 'fault_reports', resolved: 'resolved',
  responsibility_complaints: 'responsibility_complaints', over_level_complaints: 'over_level_complaints',
  avg_handling_days: 'resolved', timely_rate: 'late', first_time_satisfaction: 'unsatisfied', second_time_satisfaction: 'unsatisfied',
  unreachable_rate: 'unreachable', fault_report_rate: 'fault_reports',
};

export function drillUrl(figure: string, month: string, unitId: number | null): string {
  return queueHref({ status: 'any', figure, month, unit_id: unitId ?? undefined });
}

export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A change between two values of a figure: percent for counts, points for rates, days for durations. */
export function change(key: string, now: number | null, before: number | null): { delta: number; text: string; unit: 'pct' | 'pp' | 'd' } | null {
  if (now === null || before === null) return null;
  if (RATES.has(key)) {
    const delta = (now - before) * 100;
    return { delta, text: `${delta > 0 ? '+' : ''}${Math.abs(delta) < 0.1 && delta !== 0 ? delta.toPrecision(1) : delta.toFixed(1)}`, unit: 'pp' };
  }
  if (key === 'avg_handling_days') {
    const delta = now - before;
    return { delta, text: `${delta > 0 ? '+' : ''}${delta.toFixed(2)}`, unit: 'd' };
  }
  if (before === 0) return null;
  const delta = ((now - before) / before) * 100;
  return { delta, text: `${delta > 0 ? '+' : ''}${delta.toFixed(1)}%`, unit: 'pct' };
}
