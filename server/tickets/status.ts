/**
 * Ticket statuses are a closed list with one transition table. Each action names the statuses it
 * may start from; the service asks here before it changes anything, and a refusal is a 409 that
 * names the current status.
 */
export const STATUSES = ['accepted', 'dispatched', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];

export const CALLBACK_OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
/** What an attempt row can end with: an agent's outcome, or `no_reply` when an automated attempt (SMS, IVR) was handed to an agent. */
export const ATTEMPT_OUTCOMES = [...CALLBACK_OUTCOMES, 'no_reply'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
/** How an attempt goes out: an agent's call, an SMS survey over SMPP, or a call of the voice platform. */
export const CALLBACK_CHANNELS = ['phone', 'sms', 'ivr'] as const;
export type CallbackChannel = (typeof CALLBACK_CHANNELS)[number];
/** How an answer came: by phone, the mail survey, an SMS reply or a key pressed on the voice platform. */
export type AnswerVia = 'phone' | 'survey' | 'sms' | 'ivr';

export const TRANSITIONS = {
  /** first dispatch, or re-dispatch to another unit */
  dispatch: { from: ['accepted', 'dispatched'] },
  /** accepted → resolved is the one-call resolution at the desk */
  resolve: { from: ['accepted', 'dispatched'] },
  /** the callback outcome decides: closed, dispatched again, or another attempt */
  callback: { from: ['resolved'] },
  /** a leadership case whose close waited for its owner's duties closes when the last one is recorded */
  close_pending: { from: ['resolved'] },
  comment: { from: ['accepted', 'dispatched', 'resolved', 'closed'] },
  /** a dispatched ticket waits on the customer or on parts (the `on_hold` flag); pausable internal SLA timers stop */
  hold: { from: ['dispatched'] },
  unhold: { from: ['dispatched'] },
  /** a handler takes a dispatched ticket for themselves (接单), or gives it back to the unit */
  claim: { from: ['dispatched'] },
  release: { from: ['dispatched'] },
  /** a supervisor or unit head names the person in the unit who works it */
  assign: { from: ['dispatched'] },
  /** the caller chases a ticket still being worked (催单) */
  urge: { from: ['accepted', 'dispatched'] },
  /** a duplicate still being worked closes into the surviving ticket (close_reason merged) */
  merge: { from: ['accepted', 'dispatched'] },
  /** the survivor takes the duplicate in while it is still open */
  absorb: { from: ['accepted', 'dispatched', 'resolved'] },
} as const satisfies Record<string, { from: readonly TicketStatus[] }>;

export type TicketAction = keyof typeof TRANSITIONS;

export function canPerform(action: TicketAction, status: TicketStatus): boolean {
  return (TRANSITIONS[action].from as readonly TicketStatus[]).includes(status);
}

/** Where a callback outcome takes the ticket; `unreachable` depends on whether attempts remain. */
export function statusAfterCallback(outcome: CallbackOutcome, attemptsLeft: boolean): TicketStatus {
  switch (outcome) {
    case 'satisfied':
      return 'closed';
    case 'unsatisfied':
      return 'dispatched';
    case 'unreachable':
      return attemptsLeft ? 'resolved' : 'closed';
  }
}

export const OPEN_STATUSES: readonly TicketStatus[] = ['accepted', 'dispatched', 'resolved'];
