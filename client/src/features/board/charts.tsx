import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useBoardText } from '../../i18n/board';
import type { BoardTile, BoardView, SlaState } from './model';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS: Record<SlaState, string> = { ok: '#16a34a', warning: '#d97706', breached: '#dc2626' };

/**
 * One ECharts instance for the component's life: options are replaced on each update (notMerge,
 * so nothing accumulates over days on a wall), resized with its box, disposed on unmount.
 */
function EChart({ option, dataKey, onClick, height, dark, testId }: { option: echarts.EChartsCoreOption; dataKey: string; onClick?(params: { seriesIndex?: number; dataIndex: number }): void; height: number | string; dark: boolean; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => click.current?.(p as { seriesIndex?: number; dataIndex: number }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);
  const latest = useRef(option);
  latest.current = option;
  // only when what it shows changed: the page re-renders every second for its clock
  useEffect(() => {
    chart.current?.setOption(latest.current, { notMerge: true, lazyUpdate: true });
  }, [dataKey, dark]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}

/** Open tickets per unit, stacked by state, each bar segment labelled and a link to its tickets. */
export function UnitsChart({ tiles, names, dark, fontSize, onOpen }: { tiles: BoardTile[]; names: string[]; dark: boolean; fontSize: number; onOpen(tile: BoardTile, state: SlaState): void }) {
  const bt = useBoardText();
  const states: SlaState[] = ['warning', 'breached'];
  const option = {
    backgroundColor: 'transparent',
    textStyle: { fontSize },
    legend: { top: 0, itemWidth: fontSize * 1.8, itemHeight: fontSize, textStyle: { fontSize } },
    grid: { left: 8, right: 16, top: fontSize * 2.2, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: states.map((state) => ({
      name: bt(`board.${state}`), type: 'bar', stack: 'sla', barMaxWidth: fontSize * 4, cursor: 'pointer', itemStyle: { color: COLORS[state] },
      label: { show: true, fontSize, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
      data: tiles.map((x) => x[state]), animationDurationUpdate: 300,
    })),
  };
  return <EChart testId="units-chart" dataKey={JSON.stringify([names, tiles.map((x) => [x.warning, x.breached]), fontSize, bt('board.warning')])} dark={dark} height="100%" option={option} onClick={(p) => onOpen(tiles[p.dataIndex]!, states[p.seriesIndex ?? 0]!)} />;
}

/** Today by local hour: breaches and met timers as bars, the on-time rate as a line. */
export function HourlyChart({ hourly, dark, fontSize, height }: { hourly: BoardView['hourly']; dark: boolean; fontSize: number; height: number | string }) {
  const bt = useBoardText();
  const option = {
    backgroundColor: 'transparent',
    textStyle: { fontSize },
    legend: { top: 0, itemWidth: fontSize * 1.8, itemHeight: fontSize, textStyle: { fontSize } },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: fontSize * 2.2, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: hourly.map((h) => `${String(h.hour).padStart(2, '0')}:00`), axisLabel: { fontSize } },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      { type: 'value', min: 0, max: 100, axisLabel: { fontSize, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: bt('board.hourlyMet'), type: 'bar', barMaxWidth: fontSize * 2, itemStyle: { color: '#3b82f6' }, data: hourly.map((h) => h.met) },
      { name: bt('board.hourlyBreached'), type: 'bar', itemStyle: { color: COLORS.breached }, label: { show: true, fontSize, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') }, data: hourly.map((h) => h.breached) },
      { name: bt('board.hourlyRate'), type: 'line', yAxisIndex: 1, connectNulls: true, itemStyle: { color: COLORS.ok }, data: hourly.map((h) => (h.met === 0 ? null : Math.round((h.on_time / h.met) * 1000) / 10)) },
    ],
  };
  return <EChart testId="hourly-chart" dataKey={JSON.stringify([hourly, fontSize, bt('board.hourlyMet')])} dark={dark} height={height} option={option} />;
}
