import type { TicketRow } from '../tickets/repository';
import type { Category, TicketType } from '../tickets/vocabulary';
import { CHANNELS } from '../tickets/vocabulary';

/**
 * The TMF621 ↔ LoopDesk mapping table, both ways, in one place (README "TMF621" repeats it).
 *
 * | TMF status   | LoopDesk                                                        |
 * |--------------|-----------------------------------------------------------------|
 * | acknowledged | accepted                                                        |
 * | inProgress   | dispatched, not on hold                                         |
 * | pending      | dispatched, on hold waiting for the customer (InformationRequired) |
 * | held         | dispatched, on hold waiting for parts or another reason        |
 * | resolved     | resolved (the callback is due or a leadership case waits)       |
 * | closed       | closed (satisfied, unreachable, no callback)                    |
 * | cancelled    | closed, close_reason cancelled (withdrawn or duplicate)         |
 * | rejected     | closed, close_reason cancelled, cancel_reason rejected          |
 */
export const TMF_STATUSES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'closed', 'resolved'] as const;
export type TmfStatus = (typeof TMF_STATUSES)[number];

export function tmfStatus(row: Pick<TicketRow, 'status' | 'on_hold' | 'hold_reason' | 'close_reason' | 'cancel_reason'>): TmfStatus {
  switch (row.status) {
    case 'accepted':
      return 'acknowledged';
    case 'dispatched':
      if (!row.on_hold) return 'inProgress';
      return row.hold_reason === 'waiting_customer' ? 'pending' : 'held';
    case 'resolved':
      return 'resolved';
    case 'closed':
      if (row.close_reason !== 'cancelled') return 'closed';
      return row.cancel_reason === 'rejected' ? 'rejected' : 'cancelled';
  }
}

/** SQL for the same mapping over `tickets t` (list filters), kept beside tmfStatus so the two agree. */
export const TMF_STATUS_SQL: Record<TmfStatus, string> = {
  acknowledged: `t.status = 'accepted'`,
  inProgress: `t.status = 'dispatched' AND NOT t.on_hold`,
  pending: `t.status = 'dispatched' AND t.on_hold AND t.hold_reason = 'waiting_customer'`,
  held: `t.status = 'dispatched' AND t.on_hold AND t.hold_reason IS DISTINCT FROM 'waiting_customer'`,
  resolved: `t.status = 'resolved'`,
  closed: `t.status = 'closed' AND t.close_reason IS DISTINCT FROM 'cancelled'`,
  cancelled: `t.status = 'closed' AND t.close_reason = 'cancelled' AND t.cancel_reason IS DISTINCT FROM 'rejected'`,
  rejected: `t.status = 'closed' AND t.close_reason = 'cancelled' AND t.cancel_reason = 'rejected'`,
};

/** The timeline event types that change the TMF status, and the status each leads to (statusChangeHistory). */
export function statusOfEvent(type: string, data: Record<string, unknown>): TmfStatus | null {
  switch (type) {
    case 'accepted':
      return 'acknowledged';
    case 'dispatched':
    case 'unheld':
    case 'reopened':
      return 'inProgress';
    case 'held':
      return data.reason === 'waiting_customer' ? 'pending' : 'held';
    case 'resolved':
      return data.close_reason === 'no_callback' && data.awaiting_owner === undefined ? 'closed' : 'resolved';
    case 'closed':
      return 'closed';
    case 'cancelled':
      return data.reason === 'rejected' ? 'rejected' : 'cancelled';
    default:
      return null;
  }
}

/**
 * ticketType is a free string in TMF621: an OSS sends its own values. Known ones map to a desk
 * type and category; anything else maps to the admin-set default and is kept and returned as given.
 */
export interface TypeMapping {
  default: { type: Exclude<TicketType, 'reconnection'>; category: Category };
  /** lower-cased TMF ticketType → desk type and category */
  types: Record<string, { type: Exclude<TicketType, 'reconnection'>; category: Category }>;
}

export const DEFAULT_TYPE_MAPPING: TypeMapping = {
  default: { type: 'fault', category: 'network_quality' },
  types: {
    incident: { type: 'fault', category: 'network_quality' },
    fault: { type: 'fault', category: 'network_quality' },
    trouble: { type: 'fault', category: 'network_quality' },
    complaint: { type: 'complaint', category: 'other' },
    complain: { type: 'complaint', category: 'other' },
    billing: { type: 'complaint', category: 'billing' },
    broadband: { type: 'fault', category: 'broadband' },
    request: { type: 'request', category: 'other' },
  },
};

export function deskType(ticketType: string, mapping: TypeMapping): { type: Exclude<TicketType, 'reconnection'>; category: Category } {
  return mapping.types[ticketType.trim().toLowerCase()] ?? mapping.default;
}

/** The TMF ticketType of a desk ticket nobody gave one to (opened at the desk). */
export const TMF_TICKET_TYPE: Record<TicketType, string> = { complaint: 'complaint', fault: 'incident', reconnection: 'request', request: 'request' };

/** severity (Critical, Major, Minor …) and priority (High, Medium, Low …) decide the desk priority: urgent or normal. */
const URGENT = new Set(['critical', 'major', 'high', 'urgent', 'emergency', '1', '2']);
export function deskPriority(severity: string | undefined, priority: string | undefined): 'normal' | 'urgent' {
  return [severity, priority].some((v) => v !== undefined && URGENT.has(v.trim().toLowerCase())) ? 'urgent' : 'normal';
}
export const TMF_SEVERITY = { urgent: 'Major', normal: 'Minor' } as const;
export const TMF_PRIORITY = { urgent: 'High', normal: 'Medium' } as const;

/** channel ↔ channel: a desk channel by id or name; anything else is the web channel, kept as given. */
export function deskChannel(channel: { id?: string; name?: string } | undefined): (typeof CHANNELS)[number] {
  const candidates = [channel?.id, channel?.name].map((v) => v?.trim().toLowerCase());
  return CHANNELS.find((c) => candidates.includes(c)) ?? 'web';
}

/** A TMF PATCH of `status` → the desk transition it asks for (null: nothing to do; a string: refused with this reason). */
export type StatusRequest =
  | { action: 'cancel'; reason: 'withdrawn' }
  | { action: 'resolve' }
  | { action: 'close' }
  | { action: 'hold'; reason: 'waiting_customer' | 'waiting_parts' }
  | { action: 'unhold' };

export function statusRequest(from: TmfStatus, to: TmfStatus): StatusRequest | null | string {
  if (from === to) return null;
  switch (to) {
    case 'cancelled':
      return { action: 'cancel', reason: 'withdrawn' };
    case 'resolved':
      return { action: 'resolve' };
    case 'closed':
      return from === 'resolved' ? { action: 'close' } : 'only a resolved ticket can be closed (the requester confirming the resolution)';
    case 'pending':
      return { action: 'hold', reason: 'waiting_customer' };
    case 'held':
      return { action: 'hold', reason: 'waiting_parts' };
    case 'inProgress':
      return from === 'pending' || from === 'held' ? { action: 'unhold' } : 'the desk puts a ticket in progress by dispatching it to a unit';
    case 'acknowledged':
      return 'the desk acknowledges a ticket when it accepts it';
    case 'rejected':
      return 'only the desk rejects a ticket';
  }
}
