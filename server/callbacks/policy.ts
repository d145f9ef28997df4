import type { Knex } from 'knex';
import type { TicketType } from '../tickets/vocabulary';
import type { CallableHours } from './calendar';

/**
 * How callbacks are made: data in `callback_policy`, edited through the API. Defaults follow the
 * automatic-callback practice in DOMAIN.md: within 24 h of the resolution, 09:00–20:00, three
 * tries two hours apart, every ticket type (complaints always), one-call resolutions included.
 */
export interface CallbackPolicy {
  windowSeconds: number;
  callableFromMinute: number;
  callableUntilMinute: number;
  /** the SLA working calendar whose holidays are not callable days (null: none) */
  holidayCalendar: string | null;
  /** that calendar's holidays, read with the policy (YYYY-MM-DD) */
  calendarHolidays: string[];
  /** extra local days (YYYY-MM-DD) without callbacks */
  holidays: string[];
  maxAttempts: number;
  retrySpacingSeconds: number;
  /** ticket types whose resolution is followed by a callback; always includes complaint */
  ticketTypes: TicketType[];
  /** whether a ticket resolved on the spot at intake gets a callback too */
  oneCallResolutions: boolean;
  /** the deadline of a second handling after an unsatisfied callback */
  secondHandlingSeconds: number;
  /** how long a mailed survey link stays valid */
  surveyTtlSeconds: number;
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = {
  windowSeconds: 24 * 3600, callableFromMinute: 9 * 60, callableUntilMinute: 20 * 60, holidayCalendar: null, calendarHolidays: [], holidays: [],
  maxAttempts: 3, retrySpacingSeconds: 2 * 3600, ticketTypes: ['complaint', 'fault', 'reconnection', 'request'],
  oneCallResolutions: true, secondHandlingSeconds: 12 * 3600, surveyTtlSeconds: 72 * 3600,
};

/** What the tickets service asks the callback domain while it changes a ticket's status. */
export interface CallbackRules {
  /** the policy in force, read inside the caller's transaction */
  policy(db: Knex): Promise<CallbackPolicy>;
}

export const DEFAULT_CALLBACK_RULES: CallbackRules = { policy: async () => DEFAULT_CALLBACK_POLICY };

/**
 * Whether a ticket resolved now is followed by a callback. A second handling always is: the
 * customer already said they were unsatisfied. Otherwise the type must be listed (complaints
 * always are) and a one-call resolution needs `oneCallResolutions`. A ticket that needs none is
 * closed at resolution with close_reason `no_callback`.
 */
export function needsCallback(policy: CallbackPolicy, ticket: { type: TicketType; handling_round: number; one_call_resolution: boolean }): boolean {
  if (ticket.handling_round > 1 || ticket.type === 'complaint') return true;
  if (!policy.ticketTypes.includes(ticket.type)) return false;
  return !ticket.one_call_resolution || policy.oneCallResolutions;
}

export function callableHours(policy: CallbackPolicy): CallableHours {
  return { fromMinute: policy.callableFromMinute, untilMinute: policy.callableUntilMinute, holidays: new Set([...policy.calendarHolidays, ...policy.holidays]) };
}
