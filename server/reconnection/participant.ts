import { errors } from '../http/errors';
import type { TicketChange, TicketParticipant } from '../tickets/participants';
import { reconnectionRepository } from './repository';

/**
 * A caller about a reconnection lands on the watch already open for them: intake refuses a second
 * reconnection ticket (409 `reconnection_watch_open`, naming the watch the agent urges instead).
 */
export const reconnectionParticipant: TicketParticipant = {
  name: 'reconnection',
  async afterChange(change: TicketChange) {
    if (change.before !== null || change.after.type !== 'reconnection' || change.after.channel === 'system') return;
    const open = await reconnectionRepository.openWatchOf(change.uow.trx, change.after.customer_id);
    if (open) {
      throw errors.conflict(`the customer's reconnection is already being watched (ticket ${open.ticket_id}): urge it instead`, {
        code: 'reconnection_watch_open', ticket_id: open.ticket_id,
      });
    }
  },
};
