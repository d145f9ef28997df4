import { toCsv } from '../http/csv';
import { RATE_KPIS, TARGET_KPI_KEYS, type Kpis } from './definitions';
import { label, type Lang } from './labels';
import type { Bulletin, CaseView, Report, Targets } from './schemas';

/** The CSV columns, in order: one row for the scope, then one per unit (its subtree). */
export const CSV_COLUMNS = [
  'month', 'scope', 'unit_id', 'unit_name', 'tickets', 'complaints', 'fault_reports', 'reconnections', 'requests', 'resolved',
  'responsibility_complaints', 'responsibility_complaints_prev_month', 'responsibility_complaints_change_prev_month_pct',
  'responsibility_complaints_prev_year', 'responsibility_complaints_change_prev_year_pct', 'avg_handling_days', 'timely_rate',
  'first_time_satisfaction', 'second_time_satisfaction', 'unreachable_rate', 'over_level_complaints', 'subscribers',
  'fault_report_rate', 'reconnections_restored', 'reconnect_24h_rate', 'reconnect_2h_rate',
] as const;

function kpiCells(k: Kpis): (string | number | null)[] {
  return [
    k.tickets, k.complaints, k.fault_reports, k.reconnections, k.requests, k.resolved,
    k.responsibility_complaints, k.responsibility_complaints_prev_month, k.responsibility_complaints_change_prev_month_pct,
    k.responsibility_complaints_prev_year, k.responsibility_complaints_change_prev_year_pct, k.avg_handling_days, k.timely_rate,
    k.first_time_satisfaction, k.second_time_satisfaction, k.unreachable_rate, k.over_level_complaints, k.subscribers,
    k.fault_report_rate, k.reconnections_restored, k.reconnect_24h_rate, k.reconnect_2h_rate,
  ];
}

/**
 * RFC 4180 with CRLF; a BOM so spreadsheet programs read the Chinese unit names as UTF-8. The
 * header names the figures in the reader's language, or gives the machine keys for scripts.
 */
export function reportCsv(report: Report, scopeName: string, options: { lang: Lang; keys: 'translated' | 'machine' } = { lang: 'zh-CN', keys: 'machine' }): string {
  const header = CSV_COLUMNS.map((c) => (options.keys === 'machine' ? c : label(c, options.lang)));
  const scope = { total: options.lang === 'en' ? 'total' : '合计', unit: options.lang === 'en' ? 'unit' : '单位' };
  const rows = [
    header,
    [report.month, options.keys === 'machine' ? 'total' : scope.total, report.unit_id, scopeName, ...kpiCells(report.kpis)],
    ...report.units.map((u) => [report.month, options.keys === 'machine' ? 'unit' : scope.unit, u.unit_id, u.name, ...kpiCells(u.kpis)]),
  ];
  return toCsv(rows);
}

const escapeHtml = (text: string | null) =>
  (text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/**
 * A rate as a percentage with the digits it needs: 99.52 %, 0.63 %, 0.0063 % (a fault-report
 * rate of a few lines in 100 000 must not print as 0.0 %).
 */
export function pct(rate: number | null): string {
  if (rate === null) return '—';
  const p = rate * 100;
  if (p === 0) return '0%';
  return `${p >= 10 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : Number(p.toPrecision(2)).toString()}%`;
}
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
    ['复机及时率 Reconnected on time', `24小时 ${pct(k.reconnect_24h_rate)} / 2小时 ${pct(k.reconnect_2h_rate)}（复机 ${k.reconnections_restored}）`],
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

const KINDS: Record<string, string> = { responsibility: '责任投诉', service_attitude: '服务态度', marked: '会议提请' };
const EXAMPLES: Record<string, string> = { typical: '典型案例', good: '正面案例', bad: '反面案例' };
const ACTIONS: Record<string, string> = { visit: '上门', apology: '致歉', call: '电话', meeting: '约见' };

function caseBlock(c: CaseView): string {
  const actions = c.ownership?.actions.map((a) => `${escapeHtml(ACTIONS[a.kind] ?? a.kind)} ${a.at.slice(0, 10)}：${escapeHtml(a.note)}`).join('；') ?? '';
  const rows: [string, string][] = [
    ['事情经过', escapeHtml(c.description)],
    ['原因', escapeHtml(c.cause ?? '—')],
    ['责任认定', escapeHtml(c.responsibility === 'company' ? '责任投诉（公司责任）' : c.responsibility ?? '—')],
    ['处理', escapeHtml(c.resolution ?? '—')],
  ];
  if (c.ownership) rows.push(['领导包案', `${escapeHtml(c.ownership.owner_name)}${actions ? `：${actions}` : ''}${c.ownership.explanation ? `<br>书面说明：${escapeHtml(c.ownership.explanation)}` : ''}`]);
  if (c.review?.analysis) rows.push(['分析', escapeHtml(c.review.analysis)]);
  if (c.review?.conclusion) rows.push(['会议结论', escapeHtml(c.review.conclusion)]);
  const tags = [...c.kinds.map((k) => KINDS[k] ?? k), ...(c.review?.example ? [EXAMPLES[c.review.example]!] : [])];
  return `<article class="case"><h4>${escapeHtml(c.number)} · ${escapeHtml(c.unit_name ?? '受理台')} · ${escapeHtml(tags.join('、'))}</h4>
<table class="case-table"><colgroup><col style="width:18%"><col></colgroup>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table></article>`;
}

const UNIT_COLUMNS: [keyof Kpis, string, (k: Kpis) => string][] = [
  ['complaints', '投诉', (k) => String(k.complaints)],
  ['responsibility_complaints', '责任投诉', (k) => String(k.responsibility_complaints)],
  ['avg_handling_days', '平均处理（天）', (k) => num(k.avg_handling_days)],
  ['timely_rate', '及时率', (k) => pct(k.timely_rate)],
  ['first_time_satisfaction', '一次满意率', (k) => pct(k.first_time_satisfaction)],
  ['second_time_satisfaction', '二次满意率', (k) => pct(k.second_time_satisfaction)],
  ['unreachable_rate', '未接通率', (k) => pct(k.unreachable_rate)],
  ['over_level_complaints', '越级投诉', (k) => String(k.over_level_complaints)],
  ['fault_report_rate', '障碍申告率', (k) => pct(k.fault_report_rate)],
];

/** A figure with its target mark: ✓ met, ✗ missed (and the target), nothing without a target. */
function judged(key: keyof Kpis, text: string, targets: Targets): string {
  const t = (targets as Record<string, Targets[keyof Targets]>)[key];
  if (!t || t.met === null) return escapeHtml(text);
  return t.met ? `${escapeHtml(text)} <span class="met">✓</span>` : `<span class="missed">${escapeHtml(text)} ✗</span>`;
}

const targetText = (kpi: string, value: number, direction: 'max' | 'min') =>
  `${direction === 'max' ? '≤' : '≥'} ${RATE_KPIS.has(kpi) ? pct(value) : value}`;

/**
 * The printable bulletin (服务情况通报), A4 portrait: the company and the month in the page
 * header, page numbers in the footer (CSS page-margin boxes, so the browser's print and the
 * server's PDF number pages alike), every table laid out fixed to the page width.
 */
export function bulletinHtml(b: Bulletin, scopeName: string): string {
  const unitRows = b.units
    .map((u) => `<tr><td class="name">${escapeHtml(u.name)}</td>${UNIT_COLUMNS.map(([key, , f]) => `<td>${judged(key, f(u.kpis), u.targets)}</td>`).join('')}</tr>`)
    .join('');
  const totalRow = `<tr class="total"><td class="name">${escapeHtml(scopeName)}</td>${UNIT_COLUMNS.map(([key, , f]) => `<td>${judged(key, f(b.kpis), b.targets)}</td>`).join('')}</tr>`;
  const targetRows = TARGET_KPI_KEYS.filter((k) => b.targets[k]).map((k) => {
    const t = b.targets[k]!;
    return `<tr><th>${label(k, 'zh-CN')}</th><td>${targetText(k, t.target, t.direction)}</td><td>${t.met === null ? '—' : t.met ? '<span class="met">达标</span>' : '<span class="missed">未达标</span>'}</td></tr>`;
  });
  const missed = b.missed.length === 0
    ? '<p>本月各单位均完成目标。All units met their targets.</p>'
    : `<table class="grid"><colgroup><col style="width:34%"><col style="width:26%"><col style="width:20%"><col style="width:20%"></colgroup>
<thead><tr><th>单位</th><th>指标</th><th>实际</th><th>目标</th></tr></thead><tbody>${b.missed
        .map((m) => `<tr><td>${escapeHtml(m.name)}</td><td>${label(m.kpi, 'zh-CN')}</td><td class="missed">${RATE_KPIS.has(m.kpi) ? pct(m.value) : m.value}</td><td>${targetText(m.kpi, m.target, m.direction)}</td></tr>`)
        .join('')}</tbody></table>`;
  const cases = b.units.flatMap((u) => u.cases);
  const rectifications = b.rectifications.length === 0
    ? '<p>无整改事项。No rectification items.</p>'
    : `<table class="grid"><colgroup><col style="width:17%"><col style="width:12%"><col style="width:24%"><col style="width:10%"><col style="width:13%"><col style="width:9%"><col style="width:15%"></colgroup>
<thead><tr><th>工单</th><th>单位</th><th>整改事项</th><th>责任人</th><th>期限</th><th>状态</th><th>佐证</th></tr></thead><tbody>${b.rectifications
        .map((r) => `<tr class="${r.overdue ? 'overdue' : ''}"><td>${escapeHtml(r.ticket_number)}</td><td>${escapeHtml(r.unit_name ?? '受理台')}</td><td>${escapeHtml(r.description)}${r.carried_over ? '（上月结转）' : ''}</td><td>${escapeHtml(r.owner_name)}</td><td>${r.due_on}</td><td>${r.done ? '已完成' : r.overdue ? '逾期' : '进行中'}</td><td>${escapeHtml(r.evidence ?? '')}</td></tr>`)
        .join('')}</tbody></table>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(b.title)} · ${escapeHtml(scopeName)}</title>
<style>
@page { size: A4 portrait; margin: 18mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(b.company)}; font-size: 8pt; color: #555; }
  @top-right { content: ${cssString(b.title)}; font-size: 8pt; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; color: #555; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", system-ui, sans-serif; font-size: 9.5pt; line-height: 1.45; margin: 0 auto; max-width: 182mm; color: #111; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; } .sub { text-align: center; color: #444; margin: 0 0 5mm; }
h2 { font-size: 12pt; border-bottom: 1.5px solid #333; padding-bottom: 1mm; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 3mm 0 1mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 2mm; }
th, td { border: 0.5px solid #888; padding: 1mm 1.4mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
thead th, table.grid th, table.units th { background: #eef1f5; font-weight: 600; }
thead { display: table-header-group; } tr { break-inside: avoid; }
table.units td:not(.name), table.units th:not(:first-child) { text-align: right; }
table.units { font-size: 8.5pt; } tr.total td { font-weight: 600; background: #f7f7f7; }
.kpis th { width: 40%; font-weight: 500; background: #f7f8fa; }
.case { break-inside: avoid; } .case-table th { background: #f7f8fa; font-weight: 500; }
.met { color: #237804; } .missed { color: #cf1322; font-weight: 600; } tr.overdue td { background: #fff1f0; }
@media screen { body { margin: 10mm auto; } }
</style></head>
<body>
<h1>${escapeHtml(b.title)}</h1><p class="sub">${escapeHtml(b.company)} · ${escapeHtml(scopeName)}</p>
<h2>一、总体指标</h2>${kpiTable(b.kpis)}
${targetRows.length ? `<table class="grid"><colgroup><col style="width:40%"><col style="width:35%"><col></colgroup><thead><tr><th>目标</th><th>目标值</th><th>完成情况</th></tr></thead><tbody>${targetRows.join('')}</tbody></table>` : ''}
<h2>二、各单位指标</h2>
<table class="units"><colgroup><col style="width:19%">${UNIT_COLUMNS.map(() => '<col>').join('')}</colgroup>
<thead><tr><th>单位</th>${UNIT_COLUMNS.map(([, name]) => `<th>${name}</th>`).join('')}</tr></thead><tbody>${totalRow}${unitRows}</tbody></table>
<h2>三、未完成目标的单位</h2>${missed}
<h2>四、典型案例（${cases.length}）</h2>${cases.length === 0 ? '<p>本月无典型案例。No typical cases this month.</p>' : cases.map(caseBlock).join('\n')}
<h2>五、整改跟踪</h2>${rectifications}
</body></html>`;
}

const cssString = (text: string) => `"${text.replace(/["\\\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`;
