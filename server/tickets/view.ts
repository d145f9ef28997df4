import crypto from 'node:crypto';
import type { CustomerRow } from '../customers/repository';
import { toCustomerView } from '../customers/view';
import type { CallbackRow, TicketRow } from './repository';
import type { TicketDetailView } from './detail-schema';
import type { CallbackView, TicketView } from './schemas';

export type { TicketView } from './schemas';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function toTicketView(row: TicketRow, customer: CustomerRow): TicketView {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    category: row.category,
    status: row.status,
    version: row.version,
    handling_round: row.handling_round,
    channel: row.channel,
    priority: row.priority,
    description: row.description,
    customer_id: row.customer_id,
    customer: toCustomerView(customer),
    unit_id: row.unit_id,
    assignee_id: row.assignee_id,
    accepted_by: row.accepted_by,
    payment: row.payment_channel && row.paid_at
      ? { channel: row.payment_channel, paid_at: row.paid_at.toISOString(), confirmed_at: iso(row.payment_confirmed_at ?? null), tier: row.reconnect_tier ?? null }
      : null,
    resolution: row.resolution,
    cause: row.cause,
    responsibility: row.responsibility,
    one_call_resolution: row.one_call_resolution,
    close_reason: row.close_reason,
    close_pending_reason: row.close_pending_reason ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    dispatched_at: iso(row.dispatched_at),
    resolved_at: iso(row.resolved_at),
    closed_at: iso(row.closed_at),
    on_hold: row.on_hold ?? false,
    call_id: row.call_id ?? null,
    urge_count: row.urge_count ?? 0,
    cause_id: row.cause_id ?? null,
    merged_into_id: row.merged_into_id ?? null,
  };
}

/** A scheduled callback whose time has come is shown as due. */
export function toCallbackView(row: CallbackRow, now: Date): CallbackView {
  const state = row.state === 'scheduled' && row.due_at <= now ? 'due' : row.state;
  return {
    id: row.id,
    ticket_id: row.ticket_id,
    handling_round: row.handling_round,
    attempt: row.attempt,
    due_at: row.due_at.toISOString(),
    assignee_id: row.assignee_id,
    state,
    outcome: row.outcome,
    channel: row.channel,
    note: row.note,
    done_at: iso(row.done_at),
  };
}

/**
 * The cache tag of a ticket detail: the version, then a digest of everything the answer shows
 * (comments, owner actions, callbacks, timers, …), which change without a new version. Counters
 * derived from the request time (a running timer's elapsed/remaining, a paused one's due time)
 * are left out, so an unchanged ticket still revalidates to 304; the console counts those down
 * from `due_at` and `remaining_seconds`, which stay true while nothing else changed.
 */
export function detailTag(view: TicketDetailView): string {
  const timers = (view.timers as Record<string, unknown>[]).map(({ elapsed_seconds: _e, remaining_seconds: remaining, due_at: due, ...rest }) =>
    rest.state === 'paused' ? { ...rest, remaining } : { ...rest, due });
  const digest = crypto.createHash('sha1').update(JSON.stringify({ ...view, timers })).digest('base64url').slice(0, 16);
  return `"${view.version}-${digest}"`;
}
