import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Segmented } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { useReportText } from '../../i18n/reports';
import { navigate } from '../../router';
import { BETTER, DRILL, drillUrl, formatKpi, formatPct, type Breakdown, type Trend, type UnitFigures } from './model';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

/** One chart: created once, options replaced as data changes, resized with the window, disposed on unmount. */
function Chart({ option, height, testId, onClick }: { option: Option; height: number; testId: string; onClick?: (dataIndex: number) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.((params as { dataIndex: number }).dataIndex));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}

export function TrendChart({ trend }: { trend: Trend }) {
  const rt = useReportText();
  const months = trend.months.slice(-12);
  const target = (key: 'responsibility_complaints' | 'first_time_satisfaction') => months.map((m) => m.targets[key]?.target ?? null);
  const pct = (v: number | null) => (v === null ? null : Number((v * 100).toFixed(2)));
  const option: Option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : String(v)) },
    legend: { top: 0, type: 'scroll', itemGap: 14 },
    grid: { left: 40, right: 48, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 2)), max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: rt('kpi.complaints'), type: 'bar', data: months.map((m) => m.kpis.complaints), itemStyle: { color: '#93c5fd' } },
      { name: rt('kpi.responsibility_complaints'), type: 'bar', data: months.map((m) => m.kpis.responsibility_complaints), itemStyle: { color: '#f87171' } },
      { name: `${rt('r.target')}·${rt('kpi.responsibility_complaints')}`, type: 'line', step: 'middle', data: target('responsibility_complaints'), lineStyle: { type: 'dashed', color: '#b91c1c' }, itemStyle: { color: '#b91c1c' }, symbol: 'none' },
      { name: rt('kpi.first_time_satisfaction'), type: 'line', yAxisIndex: 1, data: months.map((m) => pct(m.kpis.first_time_satisfaction)), itemStyle: { color: '#16a34a' } },
      { name: rt('kpi.second_time_satisfaction'), type: 'line', yAxisIndex: 1, data: months.map((m) => pct(m.kpis.second_time_satisfaction)), itemStyle: { color: '#0d9488' } },
      { name: `${rt('r.target')}·${rt('kpi.first_time_satisfaction')}`, type: 'line', yAxisIndex: 1, data: target('first_time_satisfaction').map(pct), lineStyle: { type: 'dashed', color: '#15803d' }, itemStyle: { color: '#15803d' }, symbol: 'none' },
    ],
  };
  return <Chart option={option} height={280} testId="trend-chart" />;
}

const RANKED = ['responsibility_complaints', 'first_time_satisfaction', 'timely_rate', 'avg_handling_days'] as const;

/** The scope's units side by side on one figure, worst first; a click opens that unit's tickets. */
export function RankingChart({ units, rootId, month }: { units: UnitFigures[]; rootId: number | null; month: string }) {
  const rt = useReportText();
  const [kpi, setKpi] = useState<(typeof RANKED)[number]>('responsibility_complaints');
  // the units right below the scope's root (the company's branches and centres; a branch's teams), or the root alone
  const root = rootId === null ? units.find((u) => u.parent_id === null) : units.find((u) => u.unit_id === rootId);
  const below = units.filter((u) => root !== undefined && u.parent_id === root.unit_id);
  const shown = below.length > 0 ? below : root ? [root] : [];
  const value = (u: UnitFigures) => u.kpis[kpi];
  const worse = BETTER[kpi] === 'max' ? -1 : 1;
  shown.sort((a, b) => ((value(a) ?? (worse > 0 ? Infinity : -Infinity)) - (value(b) ?? (worse > 0 ? Infinity : -Infinity))) * worse);
  const rows = shown.reverse(); // echarts draws the first category at the bottom: worst on top
  const rate = kpi !== 'responsibility_complaints' && kpi !== 'avg_handling_days';
  const option: Option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (rate ? formatPct(Number(v) / 100) : String(v)) },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: rate ? { formatter: '{value}%' } : {} },
    yAxis: { type: 'category', data: rows.map((u) => u.name), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{
      type: 'bar', data: rows.map((u) => {
        const v = value(u);
        const t = u.targets[kpi];
        const shownValue = v === null ? null : rate ? Number((v * 100).toFixed(2)) : v;
        return { value: shownValue, itemStyle: { color: t?.met === false ? '#dc2626' : t?.met ? '#16a34a' : '#60a5fa' } };
      }),
      label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatKpi(kpi, value(rows[p.dataIndex]!)) },
    }],
  };
  return (
    <div>
      <Segmented size="small" value={kpi} onChange={(v) => setKpi(v as typeof kpi)} options={RANKED.map((k) => ({ value: k, label: rt(`kpi.${k}`) }))} />
      <Chart option={option} height={Math.max(180, rows.length * 24 + 24)} testId="ranking-chart"
        onClick={(i) => rows[i] && DRILL[kpi] && navigate(drillUrl(DRILL[kpi]!, month, rows[i]!.unit_id))} />
    </div>
  );
}

export function CategoryChart({ breakdown, month, unitId }: { breakdown: Breakdown; month: string; unitId: number | null }) {
  const rt = useReportText();
  const { tv } = useI18n();
  const rows = breakdown.by_category;
  const option: Option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => tv('category', r.category)), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: rt('kpi.complaints'), type: 'bar', data: rows.map((r) => r.complaints), itemStyle: { color: '#60a5fa' } },
      { name: rt('kpi.responsibility_complaints'), type: 'bar', data: rows.map((r) => r.responsibility_complaints), itemStyle: { color: '#f87171' } },
    ],
  };
  return <Chart option={option} height={240} testId="category-chart" onClick={() => navigate(drillUrl('complaints', month, unitId))} />;
}

export function CauseChart({ breakdown }: { breakdown: Breakdown }) {
  const rows = breakdown.by_cause.slice().reverse();
  const option: Option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.cause), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r) => r.tickets), itemStyle: { color: '#a78bfa' }, label: { show: true, position: 'right' } }],
  };
  return <Chart option={option} height={Math.max(160, rows.length * 22 + 24)} testId="cause-chart" />;
}
