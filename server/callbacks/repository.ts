import type { Knex } from 'knex';
import { IN_PERSON_KINDS } from '../ownership/rules';
import type { CallbackRow } from '../tickets/repository';
import type { AnswerVia } from '../tickets/status';
import type { TicketType } from '../tickets/vocabulary';
import type { CallbackPolicy } from './policy';

/** The callbacks row with the columns this domain added (migrations/20261125004000_callbacks.ts). */
export interface CallbackRecord extends CallbackRow {
  window_ends_at: Date | null;
  assigned_at: Date | null;
  customer_requested: boolean;
  answered_via: AnswerVia | null;
}

interface PolicyRow {
  window_seconds: number;
  callable_from_minute: number;
  callable_until_minute: number;
  holiday_calendar: string | null;
  calendar_holidays: string[];
  holidays: string[];
  max_attempts: number;
  retry_spacing_seconds: number;
  ticket_types: TicketType[];
  one_call_resolutions: boolean;
  second_handling_seconds: number;
  survey_ttl_seconds: number;
  updated_by: number | null;
  updated_at: Date | null;
}

export interface SurveyRow {
  id: number;
  callback_id: number;
  ticket_id: number;
  email: string;
  expires_at: Date;
  sent_at: Date | null;
  answered_at: Date | null;
  outcome: 'satisfied' | 'unsatisfied' | null;
  comment: string | null;
  created_at: Date;
}

export interface SecondHandlingRow {
  ticket_id: number;
  handling_round: number;
  unit_id: number | null;
  head_user_id: number | null;
  started_at: Date;
  due_at: Date;
  state: 'running' | 'met' | 'breached';
  ended_at: Date | null;
}

export type NewCallback = Pick<CallbackRecord, 'ticket_id' | 'handling_round' | 'attempt' | 'due_at' | 'window_ends_at' | 'customer_requested' | 'created_at'>;

export interface WorkListFilter {
  scopePrefix: string | null;
  /** due: state due, or scheduled and past its time (the tick has not flipped it yet) */
  state?: 'due' | 'scheduled' | 'automated' | 'done' | 'cancelled';
  assigneeId?: number | null;
  ticketId?: number;
  after?: { dueAt: Date; id: number };
  now: Date;
  limit: number;
}

export interface WorkListRow extends CallbackRecord {
  ticket_number: string;
  ticket_type: TicketType;
  unit_id: number | null;
  customer_name: string | null;
  customer_phone: string;
  owner_duties_missing: string[];
}

const POLICY_COLUMNS = [
  'window_seconds', 'holiday_calendar', 'callable_from_minute', 'callable_until_minute', 'max_attempts', 'retry_spacing_seconds', 'ticket_types',
  'one_call_resolutions', 'second_handling_seconds', 'survey_ttl_seconds', 'updated_by', 'updated_at',
];

export const callbacksRepository = {
  async policy(db: Knex): Promise<CallbackPolicy & { updatedBy: number | null; updatedAt: Date | null }> {
    const row = (await db('callback_policy').where({ id: 1 })
      .first<PolicyRow>(...POLICY_COLUMNS,
        db.raw(`array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays`),
        db.raw(`array(SELECT to_char(h.day, 'YYYY-MM-DD') FROM sla_holidays h WHERE h.calendar_key = callback_policy.holiday_calendar ORDER BY h.day) AS calendar_holidays`)))!;
    return {
      windowSeconds: row.window_seconds, callableFromMinute: row.callable_from_minute, callableUntilMinute: row.callable_until_minute,
      holidayCalendar: row.holiday_calendar, calendarHolidays: row.calendar_holidays, holidays: row.holidays, maxAttempts: row.max_attempts,
      retrySpacingSeconds: row.retry_spacing_seconds, ticketTypes: row.ticket_types, oneCallResolutions: row.one_call_resolutions,
      secondHandlingSeconds: row.second_handling_seconds, surveyTtlSeconds: row.survey_ttl_seconds,
      updatedBy: row.updated_by, updatedAt: row.updated_at,
    };
  },

  async savePolicy(trx: Knex.Transaction, p: CallbackPolicy, actorId: number, now: Date): Promise<void> {
    await trx('callback_policy').where({ id: 1 }).update({
      window_seconds: p.windowSeconds, callable_from_minute: p.callableFromMinute, callable_until_minute: p.callableUntilMinute,
      holiday_calendar: p.holidayCalendar, holidays: trx.raw('?::date[]', [p.holidays]), max_attempts: p.maxAttempts, retry_spacing_seconds: p.retrySpacingSeconds,
      ticket_types: trx.raw('?::text[]', [p.ticketTypes]), one_call_resolutions: p.oneCallResolutions,
      second_handling_seconds: p.secondHandlingSeconds, survey_ttl_seconds: p.surveyTtlSeconds, updated_by: actorId, updated_at: now,
    });
  },

  /** Many callbacks in one statement (bulk resolutions keep up this way). */
  async insertMany(trx: Knex, rows: readonly NewCallback[]): Promise<CallbackRecord[]> {
    if (rows.length === 0) return [];
    const result = await trx.raw<{ rows: CallbackRecord[] }>(
      `INSERT INTO callbacks (ticket_id, handling_round, attempt, due_at, window_ends_at, customer_requested, state, created_at)
       SELECT r.ticket_id, r.handling_round, r.attempt, r.due_at, r.window_ends_at, r.customer_requested, 'scheduled', r.created_at
       FROM jsonb_to_recordset(?::jsonb) AS r(ticket_id bigint, handling_round integer, attempt integer, due_at timestamptz,
         window_ends_at timestamptz, customer_requested boolean, created_at timestamptz)
       RETURNING *`,
      [JSON.stringify(rows)],
    );
    return result.rows;
  },

  find: (db: Knex, id: number) => db<CallbackRecord>('callbacks').where({ id }).first(),

  /** The last attempt of a ticket's round. */
  lastOfRound: (db: Knex, ticketId: number, round: number) =>
    db<CallbackRecord>('callbacks').where({ ticket_id: ticketId, handling_round: round }).orderBy('attempt', 'desc').first(),

  /** The customer asked to be called at `at`: kept even outside callable hours. */
  reschedule: (trx: Knex.Transaction, id: number, at: Date) => trx('callbacks').where({ id }).update({ due_at: at, state: 'scheduled', customer_requested: true }),

  surveySent: (trx: Knex.Transaction, surveyId: number, at: Date) => trx('callback_surveys').where({ id: surveyId }).update({ sent_at: at }),

  startSecondHandling: (trx: Knex.Transaction, row: { ticket_id: number; handling_round: number; unit_id: number | null; head_user_id: number | null; started_at: Date; due_at: Date }) =>
    trx('callback_second_handlings').insert({ ...row, state: 'running' }),

  runningSecondHandlingForUpdate: (trx: Knex.Transaction, ticketId: number, round: number) =>
    trx('callback_second_handlings').where({ ticket_id: ticketId, handling_round: round, state: 'running' }).forUpdate()
      .first<{ head_user_id: number | null; due_at: Date } | undefined>(),

  /** Ends the round's running second handling (`met` or `breached`); answers how many rows ended (0: none ran). */
  endSecondHandling: (trx: Knex.Transaction, ticketId: number, round: number, state: 'met' | 'breached', at: Date): Promise<number> =>
    trx('callback_second_handlings').where({ ticket_id: ticketId, handling_round: round, state: 'running' }).update({ state, ended_at: at }),

  /** A ticket's callbacks, every round, in order (the ticket detail shows them). */
  ofTicket: (db: Knex, ticketId: number) => db<CallbackRow>('callbacks').where({ ticket_id: ticketId }).orderBy('id'),

  /** The ticket's open attempt (scheduled or due), locked: the outcome being recorded is for it. */
  openOfTicketForUpdate: (trx: Knex.Transaction, ticketId: number) =>
    trx<CallbackRow>('callbacks').where({ ticket_id: ticketId }).whereIn('state', ['scheduled', 'due', 'automated']).orderBy('id', 'desc').forUpdate().first(),

  /** Attempts of a round the machine made (SMS, IVR): they do not use up the agents' attempts. */
  automatedAttempts: async (trx: Knex, ticketId: number, round: number) =>
    Number((await trx('callbacks').where({ ticket_id: ticketId, handling_round: round }).whereNot('channel', 'phone').count<{ n: string }[]>('* as n'))[0]!.n),

  recordOutcome: (trx: Knex.Transaction, id: number, outcome: Pick<CallbackRecord, 'outcome' | 'note' | 'done_by' | 'done_at'> & { answered_via: AnswerVia | null }) =>
    trx('callbacks').where({ id }).update({ state: 'done', ...outcome }),

  findForUpdate: (trx: Knex.Transaction, id: number) => trx<CallbackRecord>('callbacks').where({ id }).forUpdate().first(),

  /** Scheduled callbacks among `ids` with their ticket's status, locked; rows a concurrent change holds are skipped. */
  async lockScheduled(trx: Knex.Transaction, ids: readonly number[]): Promise<(CallbackRecord & { ticket_status: string; ticket_round: number })[]> {
    return trx('callbacks as c')
      .join('tickets as t', 't.id', 'c.ticket_id')
      .whereRaw('c.id = ANY(?::bigint[])', [[...ids]])
      .where('c.state', 'scheduled')
      .forUpdate('c')
      .select('c.*', 't.status as ticket_status', 't.handling_round as ticket_round')
      .orderBy('c.due_at')
      .orderBy('c.id');
  },

  /** Sets state/assignee of many callbacks: one statement for a whole due batch. */
  async assignMany(trx: Knex, changes: readonly { id: number; assignee_id: number | null }[], state: 'due' | null, now: Date): Promise<void> {
    if (changes.length === 0) return;
    await trx.raw(
      `UPDATE callbacks c SET assignee_id = r.assignee_id, assigned_at = CASE WHEN r.assignee_id IS NULL THEN NULL ELSE ?::timestamptz END,
         state = COALESCE(?, c.state)
       FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, assignee_id bigint) WHERE c.id = r.id`,
      [now, state, JSON.stringify(changes)],
    );
  },

  cancelMany: (trx: Knex, ids: readonly number[]) => (ids.length === 0 ? Promise.resolve(0) : trx('callbacks').whereIn('id', ids).update({ state: 'cancelled' })),

  /** Open callbacks per on-duty, active callback agent (kept by triggers): the load balanced assignment evens out. */
  async onDutyLoads(trx: Knex): Promise<Map<number, number>> {
    const rows = await trx.raw<{ rows: { user_id: number; open_callbacks: number }[] }>(
      `SELECT a.user_id, a.open_callbacks FROM callback_agents a JOIN users u ON u.id = a.user_id AND u.active WHERE a.on_duty`,
    );
    return new Map(rows.rows.map((r) => [r.user_id, r.open_callbacks]));
  },

  /** Serialises assignment decisions, so two batches never both pick the same least-loaded agent. */
  lockAssignment: (trx: Knex.Transaction) => trx.raw(`SELECT pg_advisory_xact_lock(hashtext('loopdesk.callbacks.assign'))`),

  openOf: (trx: Knex.Transaction, assigneeId: number) =>
    trx<CallbackRecord>('callbacks').where({ assignee_id: assigneeId }).whereIn('state', ['scheduled', 'due']).orderBy('due_at').forUpdate(),

  unassignedDue: (trx: Knex.Transaction, limit: number) =>
    trx<CallbackRecord>('callbacks').where({ state: 'due' }).whereNull('assignee_id').orderBy('due_at').limit(limit).forUpdate().skipLocked(),

  async workList(db: Knex, f: WorkListFilter): Promise<WorkListRow[]> {
    const q = db('callbacks as c')
      .join('tickets as t', 't.id', 'c.ticket_id')
      .join('customers as cu', 'cu.id', 't.customer_id')
      .select('c.*', 't.number as ticket_number', 't.type as ticket_type', 't.unit_id', 'cu.name as customer_name', 'cu.phone as customer_phone')
      // a leadership case's missing owner duties (the outcome is recorded, the close waits for them):
      // case_ownerships by primary key, owner_actions by owner_actions_ticket_idx
      .select(db.raw(`CASE WHEN co.ticket_id IS NULL THEN '{}'::text[] ELSE array_remove(ARRAY[
          CASE WHEN NOT EXISTS (SELECT 1 FROM owner_actions oa WHERE oa.ticket_id = c.ticket_id AND oa.kind = ANY(?::text[])) THEN 'in_person_action' END,
          CASE WHEN co.explanation IS NULL THEN 'explanation' END], NULL) END AS owner_duties_missing`, [[...IN_PERSON_KINDS]]))
      .leftJoin('case_ownerships as co', (j) => j.on('co.ticket_id', 'c.ticket_id').andOn('co.active', db.raw('true')))
      .orderBy('c.due_at').orderBy('c.id').limit(f.limit);
    if (f.scopePrefix !== null) q.join('units as u', 'u.id', 't.unit_id').where('u.path', 'like', `${f.scopePrefix}%`);
    if (f.state === 'due') q.where((w) => w.where('c.state', 'due').orWhere((s) => s.where('c.state', 'scheduled').where('c.due_at', '<=', f.now)));
    else if (f.state === 'scheduled') q.where('c.state', 'scheduled').where('c.due_at', '>', f.now);
    else if (f.state) q.where('c.state', f.state);
    if (f.assigneeId === null) q.whereNull('c.assignee_id');
    else if (f.assigneeId !== undefined) q.where('c.assignee_id', f.assigneeId);
    if (f.ticketId !== undefined) q.where('c.ticket_id', f.ticketId);
    if (f.after) q.whereRaw('(c.due_at, c.id) > (?, ?)', [f.after.dueAt, f.after.id]);
    return q;
  },

  agents: (db: Knex) =>
    db('callback_agents as a')
      .join('users as u', 'u.id', 'a.user_id')
      .select('a.user_id', 'u.name', 'u.username', 'u.active', 'a.on_duty', 'a.changed_at', 'a.open_callbacks')
      .orderBy('a.user_id') as Promise<{ user_id: number; name: string; username: string; active: boolean; on_duty: boolean; changed_at: Date; open_callbacks: number }[]>,

  async setDuty(trx: Knex.Transaction, userId: number, onDuty: boolean, actorId: number, now: Date): Promise<boolean> {
    const before = await trx('callback_agents').where({ user_id: userId }).forUpdate().first<{ on_duty: boolean } | undefined>('on_duty');
    await trx('callback_agents').insert({ user_id: userId, on_duty: onDuty, changed_by: actorId, changed_at: now })
      .onConflict('user_id').merge(['on_duty', 'changed_by', 'changed_at']);
    return before?.on_duty ?? false;
  },

  insertSurveys: async (trx: Knex, rows: readonly Omit<SurveyRow, 'id' | 'sent_at' | 'answered_at' | 'outcome' | 'comment'>[]): Promise<SurveyRow[]> =>
    rows.length === 0 ? [] : trx('callback_surveys').insert(rows).onConflict('callback_id').ignore().returning<SurveyRow[]>('*'),

  survey: (db: Knex, id: number) => db<SurveyRow>('callback_surveys').where({ id }).first(),

  surveyForUpdate: (trx: Knex.Transaction, id: number) => trx<SurveyRow>('callback_surveys').where({ id }).forUpdate().first(),

  secondHandling: (db: Knex, ticketId: number, round: number) =>
    db<SecondHandlingRow>('callback_second_handlings').where({ ticket_id: ticketId, handling_round: round }).first(),
};
