import type { CustomerRow } from '../customers/repository';
import { toCustomerView } from '../customers/service';
import type { CallbackRow, TicketRow } from './repository';
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
    payment: row.payment_channel && row.paid_at ? { channel: row.payment_channel, paid_at: row.paid_at.toISOString() } : null,
    resolution: row.resolution,
    cause: row.cause,
    responsibility: row.responsibility,
    one_call_resolution: row.one_call_resolution,
    close_reason: row.close_reason,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    dispatched_at: iso(row.dispatched_at),
    resolved_at: iso(row.resolved_at),
    closed_at: iso(row.closed_at),
    on_hold: row.on_hold ?? false,
    call_id: row.call_id ?? null,
    urge_count: row.urge_count ?? 0,
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
    note: row.note,
    done_at: iso(row.done_at),
  };
}
