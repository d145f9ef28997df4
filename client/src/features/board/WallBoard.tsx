import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../../i18n';
import { useBoardText } from '../../i18n/board';
import { useRealtime } from '../../realtime/socket';
import { formatAt, useNow } from '../../time';
import { CountLink, LateText, ownerText, pct, tileName } from './parts';
import { HourlyChart, UnitsChart } from './charts';
import { SLA_STATES, tileFilter, useBoardView, type BoardTile, type BoardView } from './model';

const ROTATE_MS = 10_000;
/** Tile size in em: the type scales with the screen (1 em = 1/120 of its width), so 1080p and 4K show the same layout. */
const TILE_W = 15;
const TILE_H = 6.6;
const GAP = 0.6;
const ROW_H = 1.9;

/** How many items of a given em size fit in an element, kept up to date as it resizes. */
function useFit(itemW: number | null, itemH: number, gap = GAP): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(1);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const em = parseFloat(getComputedStyle(el).fontSize) || 16;
      const cols = itemW === null ? 1 : Math.max(1, Math.floor((el.clientWidth + gap * em) / ((itemW + gap) * em)));
      const rows = Math.max(1, Math.floor((el.clientHeight + gap * em) / ((itemH + gap) * em)));
      setFit(cols * rows);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [itemW, itemH, gap]);
  return [ref, fit];
}

/** Pages of `size` items, turning every ROTATE_MS while there is more than one. */
function useRotation<T>(items: T[], size: number): { page: T[]; index: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setIndex((i) => i + 1), ROTATE_MS);
    return () => clearInterval(timer);
  }, [pages]);
  const current = index % pages;
  return { page: items.slice(current * size, current * size + size), index: current, pages };
}

/**
 * The wall screen: the whole board on one 16:9 screen without scrolling, from 1080p to 4K (type
 * scaled to the width), units rotating when they do not all fit, a clock and the connection
 * state. It holds only the latest view (no history grows), so it can run for days.
 */
export function WallBoard() {
  const bt = useBoardText();
  const { connected, generation } = useRealtime();
  const now = useNow();
  const board = useBoardView(null);
  const view = board.data;
  const [fontPx, setFontPx] = useState(16);
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const measure = () => root.current && setFontPx(parseFloat(getComputedStyle(root.current).fontSize) || 16);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  return (
    <div className="sla-wall" ref={root} data-testid="board" data-wall="1">
      <header className="sla-wall-head">
        <div className="sla-wall-title">{bt('board.title')}{view?.unit ? ` · ${view.unit.name}` : ''}</div>
        {view && (
          <div className="sla-wall-totals" data-testid="wall-totals">
            {SLA_STATES.map((s) => <CountLink key={s} state={s} n={view.totals[s]} filter={{}} />)}
          </div>
        )}
        {view && (
          <div className="sla-wall-period" data-testid="wall-today">
            <span>{bt('board.today')} {bt('board.breaches')} <b className={view.today.breached > 0 ? 'sla-breached' : ''}>{view.today.breached}</b></span>
            <span>{bt('board.onTimeRate')} <b>{pct(view.today.rate)}</b></span>
            <span className="muted">{bt('board.month')} {pct(view.month.rate)}</span>
          </div>
        )}
        <div className="sla-wall-clock" data-testid="board-clock">{formatAt(new Date(now).toISOString(), 'HH:mm:ss')}<small>{formatAt(new Date(now).toISOString(), 'YYYY-MM-DD')}</small></div>
        <div className={`sla-wall-live ${connected ? 'on' : 'off'}`} data-testid="live-state" data-live={connected ? '1' : '0'} data-generation={generation}>
          <span className="dot" />{connected ? bt('board.live') : bt('board.offline')}
        </div>
      </header>
      {!view ? <div className="sla-wall-empty">{board.error ? board.error.message : '…'}</div> : <WallBody view={view} fontPx={fontPx} />}
      <footer className="sla-wall-foot">
        {view && <span>{bt('board.updated', { time: formatAt(view.generated_at, 'HH:mm:ss') })}</span>}
        <a href="/board" className="muted" data-testid="wallboard-toggle">{bt('board.exitWallboard')}</a>
      </footer>
    </div>
  );
}

function WallBody({ view, fontPx }: { view: BoardView; fontPx: number }) {
  const bt = useBoardText();
  const [tilesRef, tilesFit] = useFit(TILE_W, TILE_H);
  const tiles = useRotation(view.tiles, tilesFit);
  const [lateRef, lateFit] = useFit(null, ROW_H, 0);
  const lateRows = view.late.items.slice(0, Math.max(1, lateFit - 1));
  const hidden = view.late.warning + view.late.breached - lateRows.length;
  const regulatory = view.policies.filter((p) => p.regulatory);
  const internal = view.policies.filter((p) => !p.regulatory && p.ok + p.warning + p.breached > 0);
  return (
    <main className="sla-wall-main">
      <section className="sla-wall-tiles-box">
        <div className="sla-wall-section-title">
          {bt('board.tilesTitle')}
          {tiles.pages > 1 && <span className="sla-wall-page" data-testid="wall-page">{bt('board.page', { page: tiles.index + 1, pages: tiles.pages })}</span>}
        </div>
        <div className="sla-wall-tiles" ref={tilesRef} data-testid="tiles" data-fit={tilesFit}>
          {tiles.page.map((tile) => <WallTile key={`${tile.kind}-${tile.unit_id}`} tile={tile} />)}
        </div>
      </section>
      <section className="sla-wall-late">
        <div className="sla-wall-section-title">{bt('board.lateTitle')} <span className="muted">{bt('board.lateCount', { breached: view.late.breached, warning: view.late.warning })}</span></div>
        <div className="sla-wall-late-rows" ref={lateRef} data-testid="late">
          {lateRows.length === 0 && <div className="muted">{bt('board.noLate')}</div>}
          {lateRows.map((r) => (
            <div key={r.timer_id} className={`sla-wall-late-row ${r.state}`} data-ticket={r.ticket_id} data-state={r.state}>
              <span className="num">{r.number}</span>
              <span className="unit">{r.unit_name ?? bt('board.undispatched')}</span>
              <span className="policy">{r.regulatory && <em>{bt('board.regulatoryTag')}</em>}{r.policy_name}</span>
              <span className="late"><LateText timer={r} /></span>
              <span className="owner">{ownerText(r, bt)}</span>
            </div>
          ))}
          {hidden > 0 && <div className="muted">{bt('board.more', { n: hidden })}</div>}
        </div>
      </section>
      <section className="sla-wall-side">
        <WallPolicies title={bt('board.regulatory')} rows={regulatory} />
        <WallPolicies title={bt('board.internal')} rows={internal} />
        <WallTiers view={view} />
      </section>
      <section className="sla-wall-chart">
        <div className="sla-wall-section-title">{bt('board.chartTitle')}</div>
        <div className="sla-wall-chart-box"><UnitsChart tiles={view.tiles} names={view.tiles.map((x) => tileName(x, bt))} dark fontSize={Math.round(fontPx * 0.8)} onOpen={() => undefined} /></div>
      </section>
      <section className="sla-wall-chart">
        <div className="sla-wall-section-title">{bt('board.hourlyTitle')}</div>
        <div className="sla-wall-chart-box"><HourlyChart hourly={view.hourly} dark fontSize={Math.round(fontPx * 0.8)} height="100%" /></div>
      </section>
    </main>
  );
}

function WallTile({ tile }: { tile: BoardTile }) {
  const bt = useBoardText();
  return (
    <div className={`sla-wall-tile${tile.breached > 0 ? ' has-breach' : ''}`} data-unit={tile.unit_id ?? 'none'} data-kind={tile.kind}>
      <div className="name">{tileName(tile, bt)}</div>
      <div className="counts">{SLA_STATES.map((s) => <CountLink key={s} state={s} n={tile[s]} filter={tileFilter(tile)} />)}</div>
    </div>
  );
}

function WallPolicies({ title, rows }: { title: string; rows: BoardView['policies'] }) {
  const bt = useBoardText();
  return (
    <div className="sla-wall-policies" data-testid={`wall-policies-${title}`}>
      <div className="sla-wall-section-title">{title}</div>
      <div className="sla-wall-policy sla-wall-policy-head"><span className="name" /><span>{bt('board.warning')}</span><span>{bt('board.breached')}</span></div>
      {rows.map((p) => (
        <div key={p.policy_key} className="sla-wall-policy">
          <span className="name">{p.name}</span>
          <span className="sla-warning">{p.warning}</span><span className="sla-breached">{p.breached}</span>
        </div>
      ))}
      {rows.length === 0 && <div className="muted">{bt('board.noLate')}</div>}
    </div>
  );
}

function WallTiers({ view }: { view: BoardView }) {
  const bt = useBoardText();
  const { tv } = useI18n();
  const cells = view.tiers.flatMap((g) => g.cells);
  return (
    <div className="sla-wall-policies" data-testid="wall-tiers">
      <div className="sla-wall-section-title">{bt('board.tiersTitle')}</div>
      <div className="sla-wall-policy sla-wall-policy-head"><span className="name" /><span className="sla-ok">{bt('board.ok')}</span><span>{bt('board.warning')}</span><span>{bt('board.breached')}</span></div>
      {cells.length === 0 && <div className="muted">{bt('board.noTiers')}</div>}
      {cells.map((c) => (
        <div key={`${c.payment_channel}-${c.area}`} className="sla-wall-policy">
          <span className="name">{c.tier !== null ? `${bt('board.tier', { tier: c.tier })} · ` : ''}{c.payment_channel ? tv('payment', c.payment_channel) : '—'} · {tv('area', c.area)}</span>
          <span className="sla-ok">{c.ok}</span><span className="sla-warning">{c.warning}</span><span className="sla-breached">{c.breached}</span>
        </div>
      ))}
    </div>
  );
}
