import type { TicketParticipant } from '../tickets/participants';
import type { IncidentsService } from './service';

/**
 * Mass-complaint detection runs inside every ticket change (before ownership, so a freshly linked
 * ticket is owned as a mass complaint); the detail shows the incident and its explanation wording.
 */
export function incidentsParticipant(incidents: IncidentsService): TicketParticipant {
  return {
    name: 'incidents',
    async afterChange({ uow, event, before, after, now, customer }) {
      if (after.status !== 'closed') await incidents.detect(uow, after, event, now, customer, before === null);
    },
    async detail(db, ticket) {
      return { incident: await incidents.forTicket(db, ticket.id) };
    },
  };
}
