/**
 * Every kind of row on a ticket's timeline (`ticket_events.type`), one closed list: whoever writes
 * the timeline (tickets, callbacks, ownership, escalation, incidents, reports, sla) names one of
 * these, the API declares them as an enum, and the console has a text for each.
 */
export const TIMELINE_EVENT_TYPES = [
  // tickets: the transitions of status.ts and the desk's own acts
  'accepted', 'dispatched', 'redispatched', 'resolved', 'closed', 'reopened', 'awaiting_owner', 'callback_unreachable',
  'held', 'unheld', 'claimed', 'released', 'assigned', 'urged', 'comment', 'merged_into', 'merged_from',
  // integrations: TMF621 (cancel, amend) and the billing / provisioning feeds
  'cancelled', 'amended', 'payment_received', 'restored',
  // callbacks
  'callback_scheduled', 'callback_due', 'callback_rescheduled', 'callback_reassigned', 'callback_survey_offered',
  'callback_automated', 'callback_handed_to_agent', 'callback_late_reply',
  'second_handling_started', 'second_handling_overdue',
  // leadership case ownership
  'ownership_assigned', 'ownership_transferred', 'ownership_released', 'owner_action', 'owner_explanation',
  'major_problem_flagged', 'major_problem_unflagged',
  // escalation
  'escalated', 'escalation_acknowledged', 'escalation_top_reached',
  // mass complaints
  'incident_linked', 'incident_unlinked',
  // the monthly case review
  'case_reviewed', 'rectification_added', 'rectification_evidence', 'rectification_done', 'rectification_reopened',
  // SLA timers
  'sla.warning', 'sla.breached',
] as const;

export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];
