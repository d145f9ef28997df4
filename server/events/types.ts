import type { TicketView } from '../tickets/view';

/** Every domain event that leaves a service. Listeners switch on `type`. */
export type DomainEvent =
  | { type: 'ticket.created'; at: string; actorId: number | null; ticket: TicketView }
  | { type: 'ticket.updated'; at: string; actorId: number | null; change: string; ticket: TicketView }
  | { type: 'callback.due'; at: string; ticket: TicketView; callbackId: number };
