import { Alert, Button, Card, List, Space, Table, Tag } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Page, Ticket } from '../../api/types';
import { Countdown, LoadError, StatusTag, TicketLink, useFlash, useLoad, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useRealtime, useRealtimeEvents, useResync } from '../../realtime/socket';
import { linkProps } from '../../router';
import { useSession } from '../../session';
import { formatAt, serverNow, useNow } from '../../time';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** One unit's tile, read tolerantly from GET /api/sla/board. */
interface UnitTile {
  unit_id: number;
  name: string;
  ok: number;
  warning: number;
  breached: number;
  soonest_due: string | null;
}

interface AtRisk {
  ticket_id: number;
  number: string;
  unit_id: number | null;
  policy: string;
  due_at: string;
  state: string;
}

type Raw = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

interface MetToday {
  met: number;
  on_time: number;
  rate: number | null;
}

function readBoard(raw: unknown, unitName: (id: number | null) => string): { tiles: UnitTile[]; atRisk: AtRisk[]; metToday: MetToday | null } {
  const body = (raw ?? {}) as Raw;
  const rows = (Array.isArray(raw) ? raw : (body.units ?? body.items ?? [])) as Raw[];
  const tiles = rows.map((r) => {
    const counts = (r.counts ?? r) as Raw;
    const unitId = r.unit_id === null ? 0 : num(r.unit_id ?? r.id);
    return {
      unit_id: unitId,
      name: str(r.name) ?? str(r.unit_name) ?? unitName(unitId),
      ok: num(counts.ok),
      warning: num(counts.warning),
      breached: num(counts.breached),
      soonest_due: str(r.soonest_due) ?? str(r.soonest_due_at) ?? str((r.soonest as Raw | undefined)?.due_at),
    };
  });
  const risky = (body.at_risk ?? body.soonest ?? []) as Raw[];
  const atRisk = risky.map((r) => ({
    ticket_id: num(r.ticket_id ?? (r.ticket as Raw | undefined)?.id),
    number: str(r.number) ?? str((r.ticket as Raw | undefined)?.number) ?? `#${num(r.ticket_id)}`,
    unit_id: r.unit_id === null || r.unit_id === undefined ? null : num(r.unit_id),
    policy: str(r.policy_name) ?? str(r.name) ?? str(r.policy_key) ?? '',
    due_at: str(r.due_at) ?? '',
    state: str(r.state) ?? 'running',
  }));
  const met = body.met_today as MetToday | undefined;
  return { tiles, atRisk, metToday: met ?? null };
}

/**
 * The supervisor's wall screen: unit tiles with SLA counts, tickets about to breach at the top,
 * breaches flashing, the latest intake, all moving without a reload. `?wall=1` hides the console
 * chrome and needs no clicks.
 */
export function BoardPage({ wallboard }: { wallboard: boolean }) {
  const { t, tv } = useI18n();
  const { unitName } = useSession();
  const { connected } = useRealtime();
  const board = useLoad(() => api<unknown>('/api/sla/board'), []);
  const latest = useLoad(() => api<Page<Ticket>>('/api/tickets', { query: { limit: 12 } }), []);
  const [feed, setFeed] = useState<Ticket[]>([]);
  const [lit, flash] = useFlash(3000);
  const now = useNow();

  useEffect(() => {
    if (latest.data) setFeed(latest.data.items);
  }, [latest.data]);

  const reloadBoard = useThrottled(board.reload, 1000);
  useResync(() => {
    board.reload();
    latest.reload();
  });
  useRealtimeEvents(['ticket.created', 'ticket.updated'], (payload) => {
    const ticket = payload.ticket as Ticket;
    setFeed((prev) => [ticket, ...prev.filter((x) => x.id !== ticket.id)].slice(0, 12).sort((a, b) => b.id - a.id));
    flash(ticket.id);
    reloadBoard();
  });
  useRealtimeEvents(['sla.warning', 'sla.breached', 'escalation.raised'], reloadBoard);

  const { tiles, atRisk, metToday } = board.data ? readBoard(board.data, (id) => (id ? unitName(id) : t('board.undispatched'))) : { tiles: [], atRisk: [], metToday: null };
  const numbers = useTicketNumbers(atRisk.filter((r) => r.number.startsWith('#')).map((r) => r.ticket_id), feed);
  const policies = useLoad(() => api<{ items: { key: string; name: string }[] }>('/api/sla-policies'), []);
  const policyName = new Map((policies.data?.items ?? []).map((p) => [p.key, p.name]));
  const slaMissing = board.error?.missing ?? false;
  const totals = tiles.reduce((sum, x) => ({ ok: sum.ok + x.ok, warning: sum.warning + x.warning, breached: sum.breached + x.breached }), { ok: 0, warning: 0, breached: 0 });
  const sortedRisk = [...atRisk].sort((a, b) => a.due_at.localeCompare(b.due_at));

  return (
    <div className="stack" data-testid="board">
      <Space align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space align="baseline" size="large">
          <h2 style={{ margin: 0 }}>{t('board.title')}</h2>
          <span className="board-clock" data-testid="board-clock">{formatAt(new Date(now).toISOString(), 'YYYY-MM-DD HH:mm:ss')}</span>
          <Tag color={connected ? 'green' : 'red'}>{connected ? t('app.live') : t('app.offline')}</Tag>
        </Space>
        <Space size="large">
          {metToday && metToday.met > 0 && (
            <span className="muted" data-testid="met-today">{t('board.metToday', { met: metToday.met, on_time: metToday.on_time, rate: metToday.rate === null ? '—' : `${Math.round(metToday.rate * 1000) / 10}%` })}</span>
          )}
          {tiles.length > 0 && (
            <span className="tile" style={{ display: 'inline-flex', gap: 12 }}>
              <span className="ok">{t('board.ok')} {totals.ok}</span>
              <span className="warning">{t('board.warning')} {totals.warning}</span>
              <span className="breached">{t('board.breached')} {totals.breached}</span>
            </span>
          )}
          <a {...linkProps(wallboard ? '/board' : '/board?wall=1')} data-testid="wallboard-toggle">{wallboard ? t('board.exitWallboard') : t('board.wallboard')}</a>
        </Space>
      </Space>
      {slaMissing ? <Alert type="info" showIcon title={t('board.slaMissing')} data-testid="sla-missing" /> : board.error && <LoadError error={board.error} path="/api/sla/board" retry={board.reload} />}
      {tiles.length > 0 && (
        <div className="tiles" data-testid="tiles">
          {tiles.map((tile) => (
            <div key={tile.unit_id} className={`tile${tile.breached > 0 ? ' has-breach' : ''}`} data-unit={tile.unit_id}>
              <h4>{tile.name}</h4>
              <div className="counts">
                <span className="ok" title={t('board.ok')}>{tile.ok}</span>
                <span className="warning" title={t('board.warning')}>{tile.warning}</span>
                <span className="breached" title={t('board.breached')}>{tile.breached}</span>
              </div>
              <div className="muted">{t('board.soonest')}: {tile.soonest_due ? <Countdown due={tile.soonest_due} /> : '—'}</div>
            </div>
          ))}
        </div>
      )}
      <div className="grid-2">
        <Card size="small" title={t('board.atRisk')} data-testid="at-risk">
          {slaMissing ? <span className="muted">{t('board.slaMissing')}</span> : (
            <Table<AtRisk> size="small" className="dense-table" pagination={false} rowKey={(r) => `${r.ticket_id}-${r.policy}`} dataSource={sortedRisk}
              locale={{ emptyText: t('board.noRisk') }}
              rowClassName={(r) => (r.state === 'breached' || new Date(r.due_at).getTime() < serverNow() ? 'at-risk-breached' : '')}
              columns={[
                { title: t('col.ticket'), dataIndex: 'number', render: (v: string, r) => <TicketLink ticket={{ id: r.ticket_id, number: numbers.get(r.ticket_id) ?? v }} /> },
                { title: t('col.unit'), dataIndex: 'unit_id', render: (v: number | null) => (v === null ? t('board.undispatched') : unitName(v)) },
                { title: 'SLA', dataIndex: 'policy', render: (v: string) => policyName.get(v) ?? v },
                { title: t('col.due'), dataIndex: 'due_at', render: (v: string) => <Countdown due={v} /> },
              ]} />
          )}
        </Card>
        <div className="stack">
          {tiles.length > 0 && (
            <Card size="small" title={t('board.breachedByUnit')}>
              <BreachChart tiles={tiles} dark={wallboard} />
            </Card>
          )}
          <Card size="small" title={t('board.latest')} extra={<Button size="small" type="text" onClick={latest.reload}>{t('common.refresh')}</Button>}>
            <div data-testid="latest"><List size="small" dataSource={feed} renderItem={(x) => (
              <List.Item className={lit.has(x.id) ? 'row-flash' : ''} data-ticket={x.id}>
                <Space wrap>
                  <TicketLink ticket={x} /><StatusTag status={x.status} />{tv('type', x.type)} · {tv('category', x.category)}
                  <span className="muted">{unitName(x.unit_id)}</span><span className="muted">{formatAt(x.created_at, 'HH:mm')}</span>
                </Space>
              </List.Item>
            )} /></div>
          </Card>
        </div>
      </div>
    </div>
  );
}

function BreachChart({ tiles, dark }: { tiles: UnitTile[]; dark: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, [dark]);
  useEffect(() => {
    chart.current?.setOption({
      backgroundColor: 'transparent',
      grid: { left: 36, right: 8, top: 8, bottom: 48 },
      tooltip: {},
      xAxis: { type: 'category', data: tiles.map((x) => x.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: tiles.map((x) => x.breached), itemStyle: { color: '#dc2626' }, animationDurationUpdate: 300 }],
    });
  }, [tiles]);
  return <div ref={ref} style={{ height: 200 }} data-testid="breach-chart" />;
}

/** Ticket numbers for the at-risk rows: known from the live feed, else fetched once and kept. */
const knownNumbers = new Map<number, string>();
function useTicketNumbers(ids: number[], feed: Ticket[]): Map<number, string> {
  const [, setVersion] = useState(0);
  for (const x of feed) knownNumbers.set(x.id, x.number);
  const missing = ids.filter((id) => !knownNumbers.has(id));
  const key = missing.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(key.split(',').map((id) => api<Ticket>(`/api/tickets/${id}`).then((x) => knownNumbers.set(x.id, x.number), () => undefined)))
      .then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [key]);
  return knownNumbers;
}
