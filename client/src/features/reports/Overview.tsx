import { Card, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useReportText, type ReportTextKey } from '../../i18n/reports';
import { linkProps } from '../../router';
import { useSession } from '../../session';
import {
  BETTER, CARD_KPIS, DRILL, change, drillUrl, formatKpi, formatTarget, shiftMonth,
  type KpiKey, type Kpis, type Report, type TargetKpi, type Targets, type Trend, type UnitFigures,
} from './model';

/** A figure's name with its definition on hover: the same text on cards, table headers and charts. */
export function KpiName({ kpi }: { kpi: KpiKey }) {
  const rt = useReportText();
  return (
    <Tooltip title={rt(`def.${kpi}` as ReportTextKey)}>
      <span className="kpi-name" data-kpi-name={kpi}>{rt(`kpi.${kpi}` as ReportTextKey)}</span>
    </Tooltip>
  );
}

function TargetMark({ kpi, targets, compact }: { kpi: TargetKpi; targets: Targets; compact?: boolean }) {
  const rt = useReportText();
  const { unitName } = useSession();
  const t = targets[kpi];
  if (!t) return compact ? null : <span className="muted">{rt('r.noTarget')}</span>;
  const source = t.source_unit_id === null ? rt('r.company') : unitName(t.source_unit_id);
  const tip = `${rt('r.target')} ${formatTarget(kpi, t)} · ${rt('r.inherited', { unit: source })} · ${t.from_month}`;
  if (compact) {
    return t.met === null ? null : (
      <Tooltip title={tip}><span className={t.met ? 'target-met' : 'target-missed'} data-met={t.met ? '1' : '0'}>{t.met ? '✓' : '✗'}</span></Tooltip>
    );
  }
  return (
    <Tooltip title={tip}>
      <span className="muted">{rt('r.target')} {formatTarget(kpi, t)} </span>
      {t.met !== null && <Tag color={t.met ? 'green' : 'red'} data-met={t.met ? '1' : '0'}>{t.met ? rt('r.met') : rt('r.missed')}</Tag>}
    </Tooltip>
  );
}

function Delta({ kpi, now, before, label }: { kpi: TargetKpi; now: number | null; before: number | null; label: string }) {
  const rt = useReportText();
  const c = change(kpi, now, before);
  if (!c) return <span className="muted">{label} —</span>;
  const better = c.delta === 0 ? null : (c.delta < 0) === (BETTER[kpi] === 'max');
  const text = c.unit === 'pp' ? rt('r.pp', { value: c.text }) : c.unit === 'd' ? rt('r.days', { value: c.text }) : c.text;
  return <span className={better === null ? 'muted' : better ? 'delta-better' : 'delta-worse'}>{label} {c.delta > 0 ? '▲' : c.delta < 0 ? '▼' : ''}{text}</span>;
}

/** The month's figures as cards: value, target and whether it was met, change against last month and last year. */
export function KpiCards({ report, trend }: { report: Report; trend: Trend | undefined }) {
  const rt = useReportText();
  const byMonth = new Map(trend?.months.map((m) => [m.month, m.kpis]) ?? []);
  const prevMonth = byMonth.get(shiftMonth(report.month, -1));
  const prevYear = byMonth.get(shiftMonth(report.month, -12));
  const before = (k: TargetKpi, kpis: Kpis | undefined) =>
    k === 'responsibility_complaints'
      ? (kpis === prevMonth ? report.kpis.responsibility_complaints_prev_month : report.kpis.responsibility_complaints_prev_year)
      : kpis?.[k] ?? null;
  return (
    <div className="kpi-cards" data-testid="kpi-cards">
      {CARD_KPIS.map((k) => {
        const value = report.kpis[k];
        const missed = report.targets[k]?.met === false;
        const figure = DRILL[k];
        return (
          <Card key={k} size="small" className={missed ? 'kpi-card kpi-card-missed' : 'kpi-card'} data-kpi={k}>
            <div className="kpi-card-name"><KpiName kpi={k} /></div>
            <div className="kpi-card-value" data-testid={`kpi-${k}`}>
              {figure ? <a {...linkProps(drillUrl(figure, report.month, report.unit_id))}>{formatKpi(k, value)}</a> : formatKpi(k, value)}
              {k === 'avg_handling_days' && value !== null && <span className="kpi-unit"> {rt('r.days', { value: '' }).trim()}</span>}
            </div>
            <div className="kpi-card-target"><TargetMark kpi={k} targets={report.targets} /></div>
            <div className="kpi-card-deltas">
              <Delta kpi={k} now={value} before={before(k, prevMonth)} label={rt('r.vsPrevMonth')} />
              <Delta kpi={k} now={value} before={before(k, prevYear)} label={rt('r.vsPrevYear')} />
            </div>
          </Card>
        );
      })}
    </div>
  );
}

const TABLE_KPIS: { key: KpiKey; width: number; hint?: ReportTextKey }[] = [
  { key: 'tickets', width: 80 },
  { key: 'complaints', width: 80 },
  { key: 'responsibility_complaints', width: 100 },
  { key: 'avg_handling_days', width: 110, hint: 'r.resolvedHint' },
  { key: 'timely_rate', width: 100, hint: 'r.lateHint' },
  { key: 'first_time_satisfaction', width: 110, hint: 'r.unsatisfiedHint' },
  { key: 'second_time_satisfaction', width: 110, hint: 'r.unsatisfiedHint' },
  { key: 'unreachable_rate', width: 110, hint: 'r.unreachableHint' },
  { key: 'over_level_complaints', width: 90 },
  { key: 'fault_report_rate', width: 110 },
  { key: 'reconnect_24h_rate', width: 110 },
  { key: 'reconnect_2h_rate', width: 110 },
];

const depth = (path: string) => path.split('/').filter(Boolean).length;

/** Every unit of the scope, each figure a link to the tickets it counts; headers translated, sortable, defined on hover. */
export function UnitTable({ report }: { report: Report }) {
  const rt = useReportText();
  const minDepth = Math.min(...report.units.map((u) => depth(u.path)));
  const columns: ColumnsType<UnitFigures> = [
    {
      title: rt('r.unit'), dataIndex: 'name', key: 'name', fixed: 'left', width: 170,
      sorter: (a, b) => a.path.localeCompare(b.path), defaultSortOrder: 'ascend',
      render: (name: string, u) => <span style={{ paddingLeft: (depth(u.path) - minDepth) * 12 }} className="unit-name">{name}</span>,
    },
    ...TABLE_KPIS.map(({ key, width, hint }) => ({
      title: <KpiName kpi={key} />,
      key,
      width,
      align: 'right' as const,
      sorter: (a: UnitFigures, b: UnitFigures) => (a.kpis[key] ?? -1) - (b.kpis[key] ?? -1),
      render: (_v: unknown, u: UnitFigures) => {
        const figure = DRILL[key];
        const text = formatKpi(key, u.kpis[key]);
        return (
          <span className="unit-cell">
            {figure ? <Tooltip title={rt(hint ?? 'r.drillHint')}><a {...linkProps(drillUrl(figure, report.month, u.unit_id))} data-drill={`${key}:${u.unit_id}`}>{text}</a></Tooltip> : text}
            {key in BETTER && <TargetMark kpi={key as TargetKpi} targets={u.targets} compact />}
          </span>
        );
      },
    })),
  ];
  return (
    <Card size="small" title={rt('r.units')} extra={<span className="muted">{rt('r.unitsHint')}</span>}>
      <Table<UnitFigures> size="small" className="dense-table unit-table" rowKey="unit_id" pagination={false} dataSource={report.units}
        columns={columns} scroll={{ x: 170 + TABLE_KPIS.reduce((n, c) => n + c.width, 0) }} data-testid="unit-table" />
    </Card>
  );
}
