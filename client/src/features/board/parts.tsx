import { Countdown } from '../../components/common';
import { useBoardText } from '../../i18n/board';
import { linkProps } from '../../router';
import { formatDuration, useNow } from '../../time';
import { queueHref, type BoardTile, type BoardTimer, type QueueFilter, type SlaState } from './model';

export const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** A count that opens its tickets: "超时 3" → /queues?…&sla_state=breached. */
export function CountLink({ state, n, filter, label = true, testId }: { state: SlaState; n: number; filter: QueueFilter; label?: boolean; testId?: string }) {
  const bt = useBoardText();
  return (
    <a {...linkProps(queueHref({ ...filter, sla_state: state }))} className={`sla-count sla-${state}${n === 0 ? ' sla-zero' : ''}`} data-state={state} data-count={n} data-testid={testId}
      aria-label={`${bt(`board.${state}`)} ${n}`}>
      {label && <span className="sla-count-label">{bt(`board.${state}`)}</span>}<span className="sla-count-n">{n}</span>
    </a>
  );
}

export function tileName(tile: BoardTile, bt: ReturnType<typeof useBoardText>): string {
  return tile.kind === 'undispatched' ? bt('board.undispatched') : tile.kind === 'self' ? bt('board.self', { unit: tile.name ?? '' }) : tile.name ?? '';
}

/** "超 1:02:00" for a breached timer, "剩 0:12:00" for one still running, from the shared clock. */
export function LateText({ timer }: { timer: BoardTimer }) {
  const bt = useBoardText();
  const now = useNow();
  if (timer.breached_at) return <span className="countdown countdown-over">{bt('board.lateBy', { time: formatDuration((now - Date.parse(timer.breached_at)) / 1000) })}</span>;
  if (!timer.due_at) return <span className="muted">{bt('board.paused')}</span>;
  return <Countdown due={timer.due_at} />;
}

export function ownerText(timer: BoardTimer, bt: ReturnType<typeof useBoardText>): string {
  const parts = [timer.owner_name ? bt('board.owner.case', { name: timer.owner_name }) : null, timer.assignee_name];
  return parts.filter(Boolean).join(' · ');
}

