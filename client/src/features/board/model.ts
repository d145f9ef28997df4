import { useEffect } from 'react';
import { api } from '../../api/client';
import { useLoad, useThrottled, type Load } from '../../components/common';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { queueHref, type QueueLink } from '../queues/filters';

/** GET /api/sla/board/overview and /api/sla/board/units/:id (schema SlaBoardView). */
export type SlaState = 'ok' | 'warning' | 'breached';
export const SLA_STATES: SlaState[] = ['ok', 'warning', 'breached'];
export interface Counts { ok: number; warning: number; breached: number }

export interface BoardTile extends Counts {
  kind: 'unit' | 'self' | 'undispatched';
  unit_id: number | null;
  name: string | null;
  has_children: boolean;
  soonest_due_at: string | null;
}

export interface BoardTimer {
  timer_id: number;
  ticket_id: number;
  number: string;
  type: string;
  unit_id: number | null;
  unit_name: string | null;
  policy_key: string;
  policy_name: string;
  regulatory: boolean;
  tier: number | null;
  state: 'running' | 'paused' | 'warning' | 'breached';
  due_at: string | null;
  breached_at: string | null;
  late_seconds: number | null;
  remaining_seconds: number | null;
  assignee_id: number | null;
  assignee_name: string | null;
  owner_id: number | null;
  owner_name: string | null;
}

export interface Period { breached: number; met: number; on_time: number; rate: number | null }

export interface BoardView {
  generated_at: string;
  unit: { id: number; name: string } | null;
  breadcrumb: { id: number; name: string }[];
  totals: Counts;
  tiles: BoardTile[];
  policies: (Counts & { policy_key: string; name: string; regulatory: boolean; target_seconds: number })[];
  tiers: { policy_key: string; name: string; cells: (Counts & { payment_channel: string | null; area: 'city' | 'county'; tier: number | null; soonest_due_at: string | null })[] }[];
  late: { warning: number; breached: number; items: BoardTimer[] };
  soonest: BoardTimer[];
  today: Period;
  month: Period;
  hourly: { hour: number; breached: number; met: number; on_time: number }[];
}

/** Where a number on the board leads: the queue, filtered to exactly the tickets it counts. */
export type QueueFilter = QueueLink;
export { queueHref };

/** The queue filter of a tile (a unit's subtree, a unit itself, or the undispatched). */
export function tileFilter(tile: BoardTile, state?: SlaState): QueueFilter {
  const base = tile.kind === 'undispatched' ? { no_unit: true } : tile.kind === 'self' ? { unit_id: tile.unit_id!, subtree: false } : { unit_id: tile.unit_id! };
  return { ...base, sla_state: state };
}

/** The scope of the whole view: a unit page's subtree, or (overview) everything the caller sees. */
export const scopeFilter = (view: BoardView, overview: boolean): QueueFilter => (overview || !view.unit ? {} : { unit_id: view.unit.id });

/**
 * The board's data, live: any ticket or SLA event reloads it (coalesced to one request a second),
 * a reconnect reloads it (events sent while offline are not replayed), and a slow poll catches
 * what no event announces (midnight resets today's figures).
 */
export function useBoardView(unitId: number | null): Load<BoardView> {
  const path = unitId === null ? '/api/sla/board/overview' : `/api/sla/board/units/${unitId}`;
  const view = useLoad(() => api<BoardView>(path), [path]);
  const reload = useThrottled(view.reload, 1000);
  useRealtimeEvents(['ticket.created', 'ticket.updated', 'sla.warning', 'sla.breached', 'escalation.raised'], reload);
  useResync(view.reload);
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reload]);
  return view;
}
