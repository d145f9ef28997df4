import type { User } from '../../api/types';

export type QueueView = 'mine' | 'unit' | 'all';

/**
 * Every way into the queue speaks one vocabulary: its own toolbar, the SLA board's numbers and the
 * report's figures write these keys into the URL, and they are the API's own keys
 * (GET /api/tickets), except `view` and `assignee`, which the console resolves for the signed-in user.
 */
export interface QueueFilters {
  view: QueueView;
  /** comma-separated statuses, or 'any' */
  status: string;
  sort: 'due' | 'newest';
  type?: string;
  category?: string;
  /** comma-separated SLA states */
  sla_state?: string;
  round?: 'first' | 'second';
  q?: string;
  assignee?: 'me' | 'none';
  unit_id?: number;
  /** with unit_id: false means the unit itself, not its subtree */
  subtree?: boolean;
  no_unit?: boolean;
  sla_policy?: string;
  payment_channel?: string;
  area?: 'city' | 'county';
  /** a report figure's tickets in a month (both or neither) */
  figure?: string;
  month?: string;
}

/** A link into the queue: the filters it sets (the rest take their defaults). */
export type QueueLink = Partial<QueueFilters>;

const OPEN = 'accepted,dispatched,resolved';
/** A handler's work list: tickets waiting for a callback are the desk's, not theirs. */
const UNIT_WORK = 'dispatched';

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);
const text = (value: string | null) => (value ? value : undefined);
const positive = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

/** The filters in a URL; a unit and its staff default to the unit's work by soonest due. */
export function readQueueFilters(search: URLSearchParams, scoped: boolean): QueueFilters {
  return {
    view: oneOf(search.get('view'), ['mine', 'unit', 'all'] as const) ?? (scoped ? 'unit' : 'all'),
    status: search.get('status') ?? (scoped ? UNIT_WORK : OPEN),
    sort: oneOf(search.get('sort'), ['due', 'newest'] as const) ?? (scoped ? 'due' : 'newest'),
    type: text(search.get('type')),
    category: text(search.get('category')),
    sla_state: text(search.get('sla_state')),
    round: oneOf(search.get('round'), ['first', 'second'] as const),
    q: text(search.get('q')),
    assignee: oneOf(search.get('assignee'), ['me', 'none'] as const),
    // `unit` is what bookmarks from before one vocabulary carry
    unit_id: positive(search.get('unit_id')) ?? positive(search.get('unit')),
    subtree: search.get('subtree') === 'false' ? false : undefined,
    no_unit: search.get('no_unit') === 'true' ? true : undefined,
    sla_policy: text(search.get('sla_policy')),
    payment_channel: text(search.get('payment_channel')),
    area: oneOf(search.get('area'), ['city', 'county'] as const),
    figure: search.get('figure') && search.get('month') ? search.get('figure')! : undefined,
    month: search.get('figure') && search.get('month') ? search.get('month')! : undefined,
  };
}

/** The GET /api/tickets query of the filters, for this user. */
export function queueApiQuery(f: QueueFilters, user: Pick<User, 'id' | 'unit_id'>): Record<string, string | number | undefined> {
  return {
    status: f.status === 'any' ? undefined : f.status,
    sort: f.sort,
    type: f.type,
    category: f.category,
    sla_state: f.sla_state,
    round: f.round,
    q: f.q,
    assignee_id: f.view === 'mine' || f.assignee === 'me' ? user.id : undefined,
    unassigned: f.assignee === 'none' ? 'true' : undefined,
    unit_id: f.unit_id ?? (f.view === 'unit' && user.unit_id !== null ? user.unit_id : undefined),
    subtree: f.unit_id !== undefined && f.subtree === false ? 'false' : undefined,
    no_unit: f.no_unit ? 'true' : undefined,
    sla_policy: f.sla_policy,
    payment_channel: f.payment_channel,
    area: f.area,
    figure: f.figure,
    month: f.figure ? f.month : undefined,
  };
}

/** The URL of the queue showing exactly these tickets (every view: a link counts all it may see). */
export function queueHref(link: QueueLink): string {
  const params = new URLSearchParams({ view: 'all' });
  for (const [key, value] of Object.entries(link)) if (value !== undefined) params.set(key, String(value));
  return `/queues?${params.toString()}`;
}
