/**
 * Every machine `code` a problem+json answer can carry. The console translates these (zh-CN and
 * English), never the English `detail`; test/unit/problem-codes.test.ts checks that each one has
 * both texts and that the server sends no code missing from this list.
 */
export const PROBLEM_CODES = [
  // one per status, when nothing more specific applies
  'invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'payload_too_large',
  'unsupported_media_type', 'rule_violation', 'precondition_required', 'too_many_requests', 'internal_error',
  // input and sign-in
  'malformed_json', 'bad_format', 'value_not_allowed', 'unknown_reference', 'invalid_cursor',
  'bad_credentials', 'account_disabled', 'token_invalid', 'idempotency_key_reused',
  // ticket changes
  'stale_version', 'illegal_transition', 'duplicate', 'serialization', 'already_on_hold', 'not_on_hold',
  'no_open_callback', 'callback_closed', 'not_awaiting_owner', 'ticket_closed',
  // leadership cases, incidents, callbacks
  'ownership_duties_missing', 'not_owned', 'not_case_owner', 'action_in_future', 'already_linked',
  'duplicate_open_incident', 'not_callback_agent', 'reschedule_out_of_range',
  'survey_expired', 'survey_used', 'survey_unavailable', 'ivr_not_configured', 'sms_not_configured', 'invalid_signature',
  // administration, sessions, reports, dependencies
  'calendar_managed_by_callback_policy', 'import_rows_invalid', 'unit_in_use', 'head_not_in_unit', 'head_role', 'last_admin', 'weak_password', 'nul_character', 'database_unavailable', 'evidence_required', 'pdf_unavailable',
  'password_change_required', 'password_unchanged', 'import_in_progress',
  'already_claimed', 'claimed_by_other', 'not_claimed', 'assignee_not_unit_staff', 'unknown_agent',
  // templates, cause tree, merging duplicates
  'cause_required', 'cause_not_applicable', 'cause_parent_invalid', 'cause_in_use',
  'merge_same_ticket', 'merge_other_customer', 'merge_target_closed',
  // operations
  'mail_not_parked',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
