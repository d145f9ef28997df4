/** The API's shapes, as /api/openapi.json describes them (the parts the console reads). */
export type Role = 'agent' | 'handler' | 'unit_head' | 'supervisor' | 'manager' | 'admin';
export type Status = 'accepted' | 'dispatched' | 'resolved' | 'closed';
export type TicketType = 'complaint' | 'fault' | 'reconnection' | 'request';

export const TICKET_TYPES: TicketType[] = ['complaint', 'fault', 'reconnection', 'request'];
export const STATUSES: Status[] = ['accepted', 'dispatched', 'resolved', 'closed'];
export const CATEGORIES = ['service_attitude', 'network_quality', 'billing', 'business_handling', 'installation', 'broadband', 'suspension', 'other'] as const;
export const CHANNELS = ['hotline', 'counter', 'web', 'letter', 'regulator'] as const;
export const RESPONSIBILITIES = ['company', 'customer', 'third_party', 'none'] as const;
export const PAYMENT_CHANNELS = ['counter', 'bank', 'online', 'prepaid_card', 'agent'] as const;
export const OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export const OWNER_ACTION_KINDS = ['visit', 'apology', 'call', 'meeting'] as const;
export const HOLD_REASONS = ['waiting_customer', 'waiting_parts', 'other'] as const;

export interface User {
  id: number;
  username: string;
  name: string;
  role: Role;
  unit_id: number | null;
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  head_user_id: number | null;
  area: 'city' | 'county';
  path: string;
}

export interface Customer {
  id: number;
  phone: string;
  name: string | null;
  account_no: string | null;
  area: 'city' | 'county' | null;
  tier: 'standard' | 'vip' | 'big_customer';
  email: string | null;
  unit_id: number | null;
}

export interface Ticket {
  id: number;
  number: string;
  type: TicketType;
  category: string;
  status: Status;
  version: number;
  handling_round: number;
  channel: string;
  priority: 'normal' | 'urgent';
  description: string;
  customer_id: number;
  customer: Customer;
  unit_id: number | null;
  assignee_id: number | null;
  accepted_by: number;
  resolution: string | null;
  cause: string | null;
  responsibility: string | null;
  one_call_resolution: boolean;
  close_reason: string | null;
  /** a leadership case kept resolved until its owner's duties are recorded, then closed with this reason */
  close_pending_reason?: string | null;
  on_hold?: boolean;
  created_at: string;
  updated_at: string;
}

export interface Timer {
  id?: number;
  policy_key: string;
  name?: string;
  started_at: string;
  due_at: string;
  state: string;
  regulatory?: boolean;
  remaining_seconds?: number;
}

export interface Callback {
  id: number;
  ticket_id: number;
  handling_round: number;
  attempt: number;
  due_at: string;
  assignee_id: number | null;
  state: string;
  outcome: string | null;
  note?: string | null;
}

/** One row of the callback work list (GET /api/callbacks). */
export interface CallbackWorkItem extends Callback {
  ticket_number: string;
  ticket_type: TicketType;
  unit_id: number | null;
  customer_name: string | null;
  customer_phone: string;
  window_ends_at: string | null;
  late: boolean;
  customer_requested: boolean;
  /** a leadership case: the owner's duties still missing (the outcome is kept; the case closes once they are done) */
  owner_duties_missing?: ('in_person_action' | 'explanation')[];
}

export interface TimelineEvent {
  id: number;
  type: string;
  at: string;
  actor_id: number | null;
  data: Record<string, unknown>;
}

export interface Escalation {
  id: number;
  ticket_id: number;
  level: number;
  unit_id: number;
  recipient_id: number;
  owner_id?: number;
  reason: string;
  raised_at: string;
  acknowledged_at: string | null;
}

export interface Ownership {
  owner_id: number;
  owner_name?: string | null;
  reason: string;
  reasons?: string[];
  actions?: { id?: number; kind: string; note: string; at: string }[];
  explanation?: string | null;
  /** what the owner must still record before the case can close */
  missing?: ('in_person_action' | 'explanation')[];
  escalations?: Escalation[];
}

export interface TicketDetail extends Ticket {
  events: TimelineEvent[];
  timers: Timer[];
  callbacks: Callback[];
  ownership: Ownership | null;
}

export interface CustomerHistory {
  customer: Customer;
  open_tickets: Ticket[];
  complaints: Ticket[];
  repeat_complaint: boolean;
  repeat_window_days: number;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  code?: string;
  current_version?: number;
  current_status?: string;
}
