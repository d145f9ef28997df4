import { Alert, Breadcrumb, Card, Empty, List, Space, Table, Tag, Tooltip } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { api } from '../../api/client';
import type { Page, Ticket } from '../../api/types';
import { Countdown, LoadError, StatusTag, TicketLink, useFlash, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useBoardText } from '../../i18n/board';
import { useRealtime, useRealtimeEvents, useResync } from '../../realtime/socket';
import { linkProps, navigate } from '../../router';
import { useSession } from '../../session';
import { formatAt, formatDuration, useNow } from '../../time';
import { HourlyChart, UnitsChart } from './charts';
import { queueHref, scopeFilter, SLA_STATES, tileFilter, useBoardView, type BoardTile, type BoardTimer, type BoardView, type Counts, type QueueFilter, type SlaState } from './model';
import { WallBoard } from './WallBoard';
import { CountLink, LateText, ownerText, pct, tileName } from './parts';
import './board.css';

/**
 * The supervisors' SLA board (`/board`) and a unit's page (`/board/units/:id`). Every number is a
 * link to the queue filtered to exactly the tickets it counts; everything reloads on events and
 * after a reconnect. `?wall=1` is the wall screen (WallBoard).
 */
export function BoardPage({ wallboard, unitId = null }: { wallboard: boolean; unitId?: number | null }) {
  return wallboard ? <WallBoard /> : <BoardScreen unitId={unitId} />;
}

function BoardScreen({ unitId }: { unitId: number | null }) {
  const { t } = useI18n();
  const bt = useBoardText();
  const { connected } = useRealtime();
  const now = useNow();
  const board = useBoardView(unitId);
  const view = board.data;
  const overview = unitId === null;

  return (
    <div className="stack sla-board" data-testid="board" data-unit={view?.unit?.id ?? ''}>
      <div className="sla-board-head">
        <Space align="baseline" size="large" wrap>
          {view && view.breadcrumb.length > 0 && !overview ? (
            <Breadcrumb items={[{ title: <a {...linkProps('/board')}>{bt('board.title')}</a> }, ...view.breadcrumb.map((u, i) => ({
              title: i === view.breadcrumb.length - 1 ? <b>{u.name}</b> : <a {...linkProps(`/board/units/${u.id}`)}>{u.name}</a>,
            }))]} data-testid="board-breadcrumb" />
          ) : (
            <h2 style={{ margin: 0 }}>{bt('board.title')}{view?.unit ? ` · ${view.unit.name}` : ''}</h2>
          )}
          <span className="board-clock" data-testid="board-clock">{formatAt(new Date(now).toISOString(), 'YYYY-MM-DD HH:mm:ss')}</span>
          <Tag color={connected ? 'green' : 'red'}>{connected ? t('app.live') : t('app.offline')}</Tag>
        </Space>
        <Space>
          <span className="muted">{bt('board.clickHint')}</span>
          <a {...linkProps('/board?wall=1')} data-testid="wallboard-toggle">{bt('board.wallboard')}</a>
        </Space>
      </div>
      {board.error && (board.error.status === 404 ? <Alert type="warning" showIcon title={bt('board.notFound')} /> : <LoadError error={board.error} path="/api/sla/board/overview" retry={board.reload} />)}
      {view && <BoardBody view={view} overview={overview} />}
      {overview && <LatestIntake />}
    </div>
  );
}

function BoardBody({ view, overview }: { view: BoardView; overview: boolean }) {
  const bt = useBoardText();
  const scope = scopeFilter(view, overview);
  const regulatory = view.policies.filter((p) => p.regulatory);
  const internal = view.policies.filter((p) => !p.regulatory);
  return (
    <>
      <div className="sla-summary" data-testid="summary">
        <Card size="small" title={bt('board.openTickets')}>
          <div className="sla-counts-big">{SLA_STATES.map((s) => <CountLink key={s} state={s} n={view.totals[s]} filter={scope} testId={`total-${s}`} />)}</div>
        </Card>
        <PeriodCard title={bt('board.today')} period={view.today} testId="today" />
        <PeriodCard title={bt('board.month')} period={view.month} testId="month" />
      </div>

      <Card size="small" title={bt('board.tilesTitle')}>
        <div className="sla-tiles" data-testid="tiles">
          {view.tiles.map((tile) => <TileCard key={`${tile.kind}-${tile.unit_id}`} tile={tile} />)}
        </div>
      </Card>

      <div className="grid-2">
        <Card size="small" title={bt('board.lateTitle')} extra={<span className="muted">{bt('board.lateCount', { breached: view.late.breached, warning: view.late.warning })}</span>} data-testid="late">
          <TimerTable rows={view.late.items} empty={bt('board.noLate')} />
          {view.late.items.length < view.late.warning + view.late.breached && <div className="muted">{bt('board.lateShown', { n: view.late.items.length })}</div>}
        </Card>
        <div className="stack">
          <Card size="small" title={bt('board.chartTitle')}>
            <div style={{ height: 240 }}>
              <UnitsChart tiles={view.tiles} names={view.tiles.map((x) => tileName(x, bt))} dark={false} fontSize={12} onOpen={(tile, state) => navigate(queueHref(tileFilter(tile, state)))} />
            </div>
          </Card>
          <Card size="small" title={bt('board.hourlyTitle')}>
            <HourlyChart hourly={view.hourly} dark={false} fontSize={12} height={220} />
          </Card>
        </div>
      </div>

      <div className="sla-policy-grid">
        <PolicyCard title={bt('board.regulatory')} rows={regulatory} scope={scope} testId="policies-regulatory" />
        <PolicyCard title={bt('board.internal')} rows={internal} scope={scope} testId="policies-internal" />
      </div>

      <div className="grid-2">
        <TiersCard view={view} scope={scope} />
        <Card size="small" title={bt('board.soonestTitle')} data-testid="soonest">
          <TimerTable rows={view.soonest} empty={bt('board.noSoonest')} />
        </Card>
      </div>
    </>
  );
}

function PeriodCard({ title, period, testId }: { title: string; period: BoardView['today']; testId: string }) {
  const bt = useBoardText();
  return (
    <Card size="small" title={title} data-testid={testId}>
      <div className="sla-period">
        <div><div className="muted">{bt('board.breaches')}</div><div className={`sla-big${period.breached > 0 ? ' sla-breached' : ''}`} data-testid={`${testId}-breached`}>{period.breached}</div></div>
        <div><div className="muted">{bt('board.onTimeRate')}</div><div className="sla-big" data-testid={`${testId}-rate`}>{pct(period.rate)}</div><div className="muted">{bt('board.onTimeOf', { on_time: period.on_time, met: period.met })}</div></div>
      </div>
    </Card>
  );
}

function TileCard({ tile }: { tile: BoardTile }) {
  const bt = useBoardText();
  const name = tileName(tile, bt);
  return (
    <div className={`sla-tile${tile.breached > 0 ? ' has-breach' : ''}`} data-unit={tile.unit_id ?? 'none'} data-kind={tile.kind}>
      <div className="sla-tile-name">
        {tile.kind === 'unit' ? <a {...linkProps(`/board/units/${tile.unit_id}`)} title={bt('board.openUnit')} data-testid="tile-unit-link">{name}</a> : name}
      </div>
      <div className="sla-tile-counts">{SLA_STATES.map((s) => <CountLink key={s} state={s} n={tile[s]} filter={tileFilter(tile)} />)}</div>
      <div className="muted sla-tile-due">{bt('board.soonest')}: {tile.soonest_due_at ? <Countdown due={tile.soonest_due_at} /> : '—'}</div>
    </div>
  );
}

function TimerTable({ rows, empty }: { rows: BoardTimer[]; empty: string }) {
  const bt = useBoardText();
  return (
    <Table<BoardTimer> size="small" className="dense-table" pagination={false} rowKey="timer_id" dataSource={rows} locale={{ emptyText: empty }} scroll={{ y: 360 }}
      rowClassName={(r) => (r.state === 'breached' ? 'sla-row-breached' : r.state === 'warning' ? 'sla-row-warning' : '')}
      onRow={(r) => ({ 'data-ticket': r.ticket_id, 'data-state': r.state } as HTMLAttributes<HTMLElement>)}
      columns={[
        { title: bt('board.col.ticket'), dataIndex: 'number', width: 140, render: (_v, r) => <TicketLink ticket={{ id: r.ticket_id, number: r.number }} /> },
        { title: bt('board.col.unit'), dataIndex: 'unit_name', width: 100, ellipsis: true, render: (v: string | null) => v ?? bt('board.undispatched') },
        { title: bt('board.col.policy'), dataIndex: 'policy_name', ellipsis: { showTitle: false }, render: (v: string, r) => <Tooltip title={v}>{r.regulatory && <Tag color="red">{bt('board.regulatoryTag')}</Tag>}{v}</Tooltip> },
        { title: bt('board.col.late'), key: 'late', width: 112, render: (_v, r) => <LateText timer={r} /> },
        { title: bt('board.col.owner'), key: 'owner', width: 110, ellipsis: true, render: (_v, r) => ownerText(r, bt) },
      ]} />
  );
}

function PolicyCard({ title, rows, scope, testId }: { title: string; rows: BoardView['policies']; scope: QueueFilter; testId: string }) {
  const bt = useBoardText();
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table size="small" className="dense-table" pagination={false} rowKey="policy_key" dataSource={rows}
        onRow={(r) => ({ 'data-policy': r.policy_key } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: bt('board.col.policy'), dataIndex: 'name', render: (v: string, r) => <>{v} <span className="muted">{bt('board.target', { time: formatTarget(r.target_seconds) })}</span></> },
          ...SLA_STATES.map((s) => ({ title: bt(`board.${s}`), key: s, width: 64, align: 'right' as const, render: (_v: unknown, r: Counts & { policy_key: string }) => <CountLink state={s} n={r[s]} label={false} filter={{ ...scope, sla_policy: r.policy_key }} /> })),
        ]} />
    </Card>
  );
}

function formatTarget(seconds: number): string {
  return seconds % 86400 === 0 ? `${seconds / 86400}d` : seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}min`;
}

/** Reconnection work: payment channel down, city / county across, each cell its tier and counts. */
export function TiersCard({ view, scope, compact = false }: { view: BoardView; scope: QueueFilter; compact?: boolean }) {
  const bt = useBoardText();
  const { tv } = useI18n();
  return (
    <Card size="small" title={bt('board.tiersTitle')} data-testid="tiers">
      {view.tiers.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={bt('board.noTiers')} /> : view.tiers.map((group) => {
        const channels = [...new Set(group.cells.map((c) => c.payment_channel))];
        return (
          <table key={group.policy_key} className="sla-tiers">
            {!compact && <caption>{group.name}</caption>}
            <thead><tr><th>{bt('board.col.channel')}</th><th>{tv('area', 'city')}</th><th>{tv('area', 'county')}</th></tr></thead>
            <tbody>
              {channels.map((channel) => (
                <tr key={channel ?? 'none'}>
                  <th>{channel ? tv('payment', channel) : '—'}</th>
                  {(['city', 'county'] as const).map((area) => {
                    const cell = group.cells.find((c) => c.payment_channel === channel && c.area === area);
                    const filter = { ...scope, sla_policy: group.policy_key, payment_channel: channel ?? undefined, area };
                    return (
                      <td key={area} data-cell={`${channel}-${area}`}>
                        {cell ? <>
                          {cell.tier !== null && <Tag className="sla-tier-tag">{bt('board.tier', { tier: cell.tier })}</Tag>}
                          {SLA_STATES.map((s) => <CountLink key={s} state={s} n={cell[s]} filter={filter} label={false} />)}
                        </> : <span className="muted">—</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </Card>
  );
}

/** The last tickets accepted or changed, as they arrive. */
function LatestIntake() {
  const { tv } = useI18n();
  const bt = useBoardText();
  const { unitName } = useSession();
  const latest = useLoad(() => api<Page<Ticket>>('/api/tickets', { query: { limit: 12 } }), []);
  const [feed, setFeed] = useState<Ticket[]>([]);
  const [lit, flash] = useFlash(3000);
  useEffect(() => {
    if (latest.data) setFeed(latest.data.items);
  }, [latest.data]);
  useResync(latest.reload);
  useRealtimeEvents(['ticket.created', 'ticket.updated'], (payload) => {
    const { ticket } = payload;
    setFeed((prev) => [ticket, ...prev.filter((x) => x.id !== ticket.id)].sort((a, b) => b.id - a.id).slice(0, 12));
    flash(ticket.id);
  });
  return (
    <Card size="small" title={bt('board.latest')}>
      <div data-testid="latest"><List size="small" dataSource={feed} renderItem={(x) => (
        <List.Item className={lit.has(x.id) ? 'row-flash' : ''} data-ticket={x.id}>
          <Space wrap>
            <TicketLink ticket={x} /><StatusTag status={x.status} />{tv('type', x.type)} · {tv('category', x.category)}
            <span className="muted">{unitName(x.unit_id)}</span><span className="muted">{formatAt(x.created_at, 'HH:mm')}</span>
          </Space>
        </List.Item>
      )} /></div>
    </Card>
  );
}
