import type { TicketParticipant } from '../tickets/participants';
import type { OwnershipService } from './service';

/** Ticket changes that can make or move a leadership case. */
const OWNERSHIP_EVENTS = new Set(['accepted', 'dispatched', 'redispatched', 'reopened']);

/**
 * Case ownership takes part in every ticket change: it (re)assigns the owner when a ticket is
 * accepted or dispatched, and names the duties still missing so a change that would close an
 * owned case keeps it resolved instead; closing it anyway is refused (422, rolling back).
 */
export function ownershipParticipant(ownership: OwnershipService): TicketParticipant {
  return {
    name: 'ownership',
    async afterChange({ uow, actor, now, event, before, after, customer }) {
      if (after.status === 'closed' && before?.status !== 'closed') await ownership.assertCloseable(uow.trx, after.id);
      // A ticket accepted by this change has no ownership row, and without a unit none is made:
      // nothing to read or lock (evaluate would only find that out with a query).
      if (before === null && after.unit_id === null) return;
      if (OWNERSHIP_EVENTS.has(event)) await ownership.evaluate(uow, after, actor?.id ?? null, now, customer);
    },
    closeBlockers: (db, ticketId) => ownership.closeBlockers(db, ticketId),
    async detail(db, ticket) {
      return { ownership: await ownership.detail(db, ticket.id) };
    },
  };
}
