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
export const PRIORITIES = ['normal', 'urgent'] as const;
export const RESPONSIBILITIES = ['company', 'customer', 'third_party', 'none'] as const;
export const PAYMENT_CHANNELS = ['counter', 'bank', 'online', 'prepaid_card', 'agent'] as const;
/** merged: a duplicate closed into the ticket that carries on */
export const CLOSE_REASONS = ['satisfied', 'unreachable', 'no_callback', 'merged'] as const;
