/** Shapes of the desk features' API answers (see /api/openapi.json), beside the core ones in types.ts. */
import type { CustomerHistory, Ticket } from './types';

export interface SlaSummary {
  state: 'ok' | 'warning' | 'breached' | 'paused';
  due_at: string | null;
  breached_at: string | null;
  remaining_seconds: number | null;
}

/** A queue row: the ticket with its worst open SLA timer and how often the caller chased it. */
export type QueueTicket = Ticket & { sla: SlaSummary | null; urge_count?: number; call_id?: string | null };

export type DeskHistory = CustomerHistory & { suggested_unit?: { unit_id: number; source: 'customer_record' | 'past_tickets' } | null };

export interface Incident {
  id: number;
  title: string;
  status: 'open' | 'resolved';
  unit_id: number;
  explanation_wording: string | null;
  ticket_count: number;
}

export interface BulkResult {
  succeeded: number;
  failed: number;
  results: { id: number; ok: boolean; version: number | null; status: number | null; code: string | null; detail: string | null }[];
}

export const NOTIFICATION_KINDS = ['dispatched', 'callback_due', 'escalation', 'sla_warning'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export interface NotificationSettings {
  kinds: Record<NotificationKind, boolean>;
  desktop: boolean;
  sound: boolean;
}

export interface CallbackPolicy {
  callable_hours: { from: string; until: string; timezone: string };
}

export interface CallbackAgent {
  user_id: number;
  on_duty: boolean;
}
