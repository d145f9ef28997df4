/**
 * The API's shapes, taken from the generated copy of /api/openapi.json (schema.gen.ts, written by
 * `npm run gen:api`): the console compiles against what the server declares, never a hand copy.
 */
import type { components, operations } from './schema.gen';

type Schemas = components['schemas'];
type Json<O extends keyof operations, S extends keyof operations[O]['responses']> =
  operations[O]['responses'][S] extends { content: { 'application/json': infer T } } ? T : never;

export type User = Schemas['User'];
/** The signed-in user and the actions the server lets them take (GET /api/auth/me). */
export type SignedIn = Schemas['SignedIn'];
export type Action = SignedIn['actions'][number];
export type Role = User['role'];
export type Unit = Schemas['Unit'];
export type Customer = Schemas['Customer'];
export type Ticket = Schemas['Ticket'];
export type Status = Ticket['status'];
export type TicketType = Ticket['type'];
export type Payment = NonNullable<Ticket['payment']>;
export type TicketDetail = Schemas['TicketDetail'];
export type Timer = Schemas['SlaTimer'];
export type TimelineEvent = TicketDetail['events'][number];
export type Callback = Schemas['Callback'];
/** One row of the callback work list (GET /api/callbacks). */
export type CallbackWorkItem = Schemas['CallbackWorkItem'];
/** Automatic callbacks' settings and the month's figures by channel. */
export type CallbackAutomation = Schemas['CallbackAutomation'];
export type CallbackChannelFigures = Schemas['CallbackChannelFigures'];
export type Escalation = Schemas['Escalation'];
export type Ownership = Schemas['Ownership'];
/** A colleague as the directory names them (GET /api/directory/people). */
export type Person = Json<'getDirectoryPeople', 200>['items'][number];
export type CustomerHistory = Json<'getCustomersByIdHistory', 200>;
/** A problem+json answer; the console makes its own (no `type`) for network failures. */
export type Problem = Pick<Schemas['Problem'], 'title' | 'status' | 'detail' | 'errors' | 'code'> & { type?: string; [extension: string]: unknown };

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

// Option lists the screens render, in the server's order; `satisfies` keeps each within the declared enum.
export const TICKET_TYPES = ['complaint', 'fault', 'reconnection', 'request'] as const satisfies readonly TicketType[];
export const STATUSES = ['accepted', 'dispatched', 'resolved', 'closed'] as const satisfies readonly Status[];
export const CATEGORIES = ['service_attitude', 'network_quality', 'billing', 'business_handling', 'installation', 'broadband', 'suspension', 'other'] as const satisfies readonly Ticket['category'][];
export const CHANNELS = ['hotline', 'counter', 'web', 'letter', 'regulator'] as const satisfies readonly Ticket['channel'][];
export const RESPONSIBILITIES = ['company', 'customer', 'third_party', 'none'] as const satisfies readonly NonNullable<Ticket['responsibility']>[];
export const PAYMENT_CHANNELS = ['counter', 'bank', 'online', 'prepaid_card', 'agent'] as const satisfies readonly NonNullable<Ticket['payment']>['channel'][];
export const OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'] as const satisfies readonly NonNullable<Callback['outcome']>[];
export const OWNER_ACTION_KINDS = ['visit', 'apology', 'call', 'meeting'] as const;
export const HOLD_REASONS = ['waiting_customer', 'waiting_parts', 'other'] as const;
/** An API client (service account of another system), and once, with its secret. */
export type ApiClient = Schemas['ApiClient'];
export type ApiClientWithSecret = Schemas['ApiClientWithSecret'];
export type HubSubscription = Schemas['HubSubscription'];
export type HubDelivery = Schemas['HubDelivery'];
