/** The desk's vocabulary, from DOMAIN.md. */
export const TICKET_TYPES = ['complaint', 'fault', 'reconnection', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CATEGORIES = [
  'service_attitude', 'network_quality', 'billing', 'business_handling', 'installation', 'broadband', 'suspension', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Used when an intake of this type names no category (complaints must name one). */
export const DEFAULT_CATEGORY: Record<Exclude<TicketType, 'complaint'>, Category> = {
  fault: 'network_quality',
  reconnection: 'suspension',
  request: 'other',
};

export const CHANNELS = ['hotline', 'counter', 'web', 'letter', 'regulator'] as const;
/** what a ticket may carry: the intake channels, and `system` for tickets a feed opened (billing's payments) */
export const TICKET_CHANNELS = [...CHANNELS, 'system'] as const;
export const PRIORITIES = ['normal', 'urgent'] as const;
export const RESPONSIBILITIES = ['company', 'customer', 'third_party', 'none'] as const;
export const PAYMENT_CHANNELS = ['counter', 'bank', 'card', 'online', 'prepaid_card', 'agent'] as const;
/** merged: a duplicate closed into the ticket that carries on; cancelled: withdrawn, rejected or a duplicate (TMF621) */
export const CLOSE_REASONS = ['satisfied', 'unreachable', 'no_callback', 'merged', 'cancelled'] as const;
/** why a ticket was cancelled: the requester withdrew it, the desk rejected it, or it duplicated another */
export const CANCEL_REASONS = ['withdrawn', 'rejected', 'duplicate'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
