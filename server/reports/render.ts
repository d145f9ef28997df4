import { toCsv } from '../http/csv';
import type { Kpis } from './definitions';
import type { CaseView, Report, UnitKpis } from './schemas';

/** The CSV columns, in order: one row for the scope, then one per unit (its subtree). */
export const CSV_COLUMNS = [
  'month', 'scope', 'unit_id', 'unit_name', 'tickets', 'complaints', 'fault_reports', 'reconnections', 'requests', 'resolved',
  'responsibility_complaints', 'responsibility_complaints_prev_month', 'responsibility_complaints_change_prev_month_pct',
  'responsibility_complaints_prev_year', 'responsibility_complaints_change_prev_year_pct', 'avg_handling_days', 'timely_rate',
  'first_time_satisfaction', 'second_time_satisfaction', 'unreachable_rate', 'over_level_complaints', 'subscribers',
  'fault_report_rate',
] as const;

function kpiCells(k: Kpis): (string | number | null)[] {
  return [
    k.tickets, k.complaints, k.fault_reports, k.reconnections, k.requests, k.resolved,
    k.responsibility_complaints, k.responsibility_complaints_prev_month, k.responsibility_complaints_change_prev_month_pct,
    k.responsibility_complaints_prev_year, k.responsibility_complaints_change_prev_year_pct, k.avg_handling_days, k.timely_rate,
    k.first_time_satisfaction, k.second_time_satisfaction, k.unreachable_rate, k.over_level_complaints, k.subscribers,
    k.fault_report_rate,
  ];
}

/** Unit names are typed by admins: the shared writer neutralises any that look like a formula. */
export function reportCsv(report: Report, scopeName: string): string {
  return toCsv([
    [...CSV_COLUMNS],
    [report.month, 'total', report.unit_id, scopeName, ...kpiCells(report.kpis)],
    ...report.units.map((u) => [report.month, 'unit', u.unit_id, u.name, ...kpiCells(u.kpis)]),
  ]);
}

const escapeHtml = (text: string | null) =>
  (text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
const num = (value: number | null) => (value === null ? '—' : String(value));

/** The figures as label/value lines, shared by the printable bulletin and the monthly mail. */
function kpiRows(k: Kpis): [string, string][] {
  return [
    ['受理量 Tickets', `${k.tickets}（投诉 ${k.complaints} / 障碍 ${k.fault_reports} / 复机 ${k.reconnections} / 咨询 ${k.requests}）`],
    ['责任投诉 Responsibility complaints', `${k.responsibility_complaints}（上月 ${k.responsibility_complaints_prev_month}，${signedPct(k.responsibility_complaints_change_prev_month_pct)}；去年同期 ${k.responsibility_complaints_prev_year}，${signedPct(k.responsibility_complaints_change_prev_year_pct)}）`],
    ['平均处理时长 Average handling (days)', num(k.avg_handling_days)],
    ['处理及时率 Timely-handling rate', pct(k.timely_rate)],
    ['一次满意率 First-time satisfaction', pct(k.first_time_satisfaction)],
    ['二次满意率 Second-time satisfaction', pct(k.second_time_satisfaction)],
    ['回访未接通率 Unreachable rate', pct(k.unreachable_rate)],
    ['越级投诉 Over-level complaints', String(k.over_level_complaints)],
    ['障碍申告率 Fault-report rate', pct(k.fault_report_rate)],
  ];
}

const signedPct = (change: number | null) => (change === null ? '—' : `${change > 0 ? '+' : ''}${change}%`);

function kpiTable(k: Kpis): string {
  return `<table class="kpis">${kpiRows(k).map(([label, value]) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
}

/** The monthly mail: the figures and the typical cases as plain text, and where to read the rest. */
export function reportText(report: Report, title: string, link: string): string {
  const lines = [title, '', ...kpiRows(report.kpis).map(([label, value]) => `${label}：${value}`), ''];
  lines.push(`典型案例 Typical cases：${report.cases.length}`);
  for (const c of report.cases) {
    lines.push(`- ${c.number} ${c.unit_name ?? '受理台'} [${c.kinds.join(', ')}] ${c.description}`);
    if (c.cause) lines.push(`  原因 Cause：${c.cause}`);
    if (c.resolution) lines.push(`  处理 Resolution：${c.resolution}`);
    for (const r of c.rectifications) lines.push(`  整改 Rectification：${r.description}（${r.owner_name}，${r.due_on}，${r.done ? '已完成' : r.overdue ? '逾期' : '进行中'}）`);
  }
  lines.push('', `全文 Full report：${link}`);
  return lines.join('\n');
}

function caseBlock(c: CaseView): string {
  const actions = c.ownership?.actions.map((a) => `${escapeHtml(a.kind)} ${a.at.slice(0, 10)}：${escapeHtml(a.note)}`).join('<br>') ?? '';
  const rectifications = c.rectifications
    .map((r) => `${escapeHtml(r.description)}（${escapeHtml(r.owner_name)}，${r.due_on}，${r.done ? '已完成 done' : r.overdue ? '逾期 overdue' : '进行中 open'}）`)
    .join('<br>');
  return `<tr><td>${escapeHtml(c.number)}</td><td>${escapeHtml(c.kinds.join(', '))}</td><td>${escapeHtml(c.description)}</td>
<td>${escapeHtml(c.cause)}</td><td>${escapeHtml(c.resolution)}</td><td>${actions}${c.ownership?.explanation ? `<br>书面说明：${escapeHtml(c.ownership.explanation)}` : ''}</td>
<td>${escapeHtml(c.review?.analysis ?? '')}</td><td>${rectifications}</td></tr>`;
}

/** The printable bulletin (服务情况通报); also the body of the monthly mail. */
export function bulletinHtml(b: { title: string; kpis: Kpis; units: (UnitKpis & { cases: CaseView[] })[] }, scopeName: string): string {
  const units = b.units
    .map((u) => `<section><h2>${escapeHtml(u.name)}</h2>${kpiTable(u.kpis)}
${u.cases.length === 0 ? '<p>本月无典型案例。No typical cases this month.</p>' : `<table class="cases"><tr><th>工单</th><th>类别</th><th>事情经过</th><th>原因</th><th>处理</th><th>领导包案</th><th>分析</th><th>整改</th></tr>${u.cases.map(caseBlock).join('')}</table>`}</section>`)
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(b.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top;text-align:left}
section{break-inside:avoid;margin-top:1.5rem}@media print{body{margin:0}section{page-break-inside:avoid}}</style></head>
<body><h1>${escapeHtml(b.title)} · ${escapeHtml(scopeName)}</h1>${kpiTable(b.kpis)}
${units}</body></html>`;
}
