import type { TicketParticipant } from '../tickets/participants';
import type { CallbacksService } from './service';

/**
 * Callbacks take part in ticket changes: a resolution schedules the round's first attempt (or
 * ends a second handling), an unreachable attempt schedules the next, and an unsatisfied answer
 * starts the second handling. The status decisions stay in the tickets service's frame.
 */
export function callbacksParticipant(callbacks: CallbacksService): TicketParticipant {
  return {
    name: 'callbacks',
    async afterChange({ uow, now, event, before, after }) {
      if (event === 'resolved') {
        if (after.handling_round > 1) await callbacks.endSecondHandling(uow, after, now);
        // a resolution the policy needs no callback for may wait resolved for the case owner: nothing to call
        if (after.status === 'resolved' && !after.close_pending_reason) await callbacks.scheduleFirstAttempts(uow, [after], now);
      } else if (event === 'callback_unreachable') {
        await callbacks.scheduleNextAttempt(uow, after, now);
      } else if (event === 'reopened' && before?.status === 'resolved') {
        const answer = await uow.trx('callbacks').where({ ticket_id: after.id, handling_round: before.handling_round, outcome: 'unsatisfied' }).orderBy('id', 'desc').first<{ note: string | null } | undefined>('note');
        await callbacks.startSecondHandling(uow, after, now, answer?.note ?? null);
      }
    },
  };
}
