import type { Knex } from 'knex';
import { scopePrefix, type Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { DueItem, Scheduler } from '../jobs';
import { recordMail } from '../mail/service';
import { nearestHead } from '../ownership/heads';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import { toTicketView, type TicketView } from '../tickets/view';
import { usersRepository } from '../users/repository';
import { balance } from './assignment';
import { autoRepository } from './auto-repository';
import { earliestCallable, hhmmOf, minuteOf } from './calendar';
import { callbackFigures, CALLBACK_FIGURE_DEFINITIONS } from './figures';
import { callableHours, type CallbackPolicy, type CallbackRules } from './policy';
import { callbacksRepository as repo, type CallbackRecord, type NewCallback, type WorkListRow } from './repository';
import type { AgentView, FiguresQuery, PolicyInput, PolicyView, RescheduleInput, WorkItemView, WorkListQuery } from './schemas';
import { signSurveyToken, surveySecret } from './survey';
import { headMail, surveyMail } from './texts';

/** Scheduler kinds this domain registers. */
export const KINDS = {
  due: 'callback.due',
  surveyMail: 'callback.survey_mail',
  headMail: 'callback.head_mail',
  secondHandling: 'callback.second_handling',
  /** an automated attempt's wait for the customer's answer ends: an agent takes over */
  autoHandoff: 'callback.auto_handoff',
} as const;

/** The automated first attempt (SMS, IVR): given the attempts falling due, takes those it will make and returns their ids. */
export interface AttemptAutomation {
  start(uow: UnitOfWork, rows: readonly CallbackRecord[], now: Date): Promise<ReadonlySet<number>>;
}

const DESK_ROLES = ['agent', 'supervisor'];
/** how far ahead a customer may ask to be called back */
const MAX_RESCHEDULE_MS = 14 * 86400 * 1000;

/** The SLA domain keeps the `callable` calendar (the callback window's clock) equal to the policy's callable hours. */
export interface CallableHoursPort {
  setCallableHours(uow: UnitOfWork, hours: { from: string; until: string }, actorId: number, now: Date): Promise<number>;
  forgetCallable(): void;
}

export interface CallbacksOptions {
  scheduler: Scheduler;
  calendars: CallableHoursPort;
}

export function toPolicyView(p: CallbackPolicy & { updatedBy?: number | null; updatedAt?: Date | null }, timezone: string): PolicyView {
  return {
    window_seconds: p.windowSeconds,
    callable_hours: { from: hhmmOf(p.callableFromMinute), until: hhmmOf(p.callableUntilMinute), timezone },
    holiday_calendar: p.holidayCalendar, holidays: p.holidays, max_attempts: p.maxAttempts, retry_spacing_seconds: p.retrySpacingSeconds,
    ticket_types: p.ticketTypes, one_call_resolutions: p.oneCallResolutions, second_handling_seconds: p.secondHandlingSeconds,
    survey_ttl_seconds: p.surveyTtlSeconds, updated_by: p.updatedBy ?? null, updated_at: p.updatedAt?.toISOString() ?? null,
  };
}

function toWorkItem(row: WorkListRow, now: Date): WorkItemView {
  return {
    id: row.id, ticket_id: row.ticket_id, ticket_number: row.ticket_number, ticket_type: row.ticket_type, unit_id: row.unit_id,
    customer_name: row.customer_name, customer_phone: row.customer_phone, handling_round: row.handling_round, attempt: row.attempt,
    due_at: row.due_at.toISOString(), window_ends_at: row.window_ends_at?.toISOString() ?? null,
    late: row.window_ends_at !== null && row.state !== 'done' && row.state !== 'cancelled' && row.window_ends_at < now,
    assignee_id: row.assignee_id, state: row.state === 'scheduled' && row.due_at <= now ? 'due' : row.state,
    outcome: row.outcome, channel: row.channel, note: row.note, customer_requested: row.customer_requested,
    owner_duties_missing: row.owner_duties_missing.filter((d): d is 'in_person_action' | 'explanation' => d === 'in_person_action' || d === 'explanation'), answered_via: row.answered_via,
    done_at: row.done_at?.toISOString() ?? null,
  };
}

const encodeCursor = (row: { due_at: Date; id: number }) => Buffer.from(`${row.due_at.getTime()}:${row.id}`).toString('base64url');
function decodeCursor(cursor: string): { dueAt: Date; id: number } | undefined {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { dueAt: new Date(Number(match[1])), id: Number(match[2]) } : undefined;
}

export function createCallbacksService(deps: Deps, options: CallbacksOptions) {
  const { knex, bus, clock, config } = deps;
  const { scheduler } = options;
  const publicUrl = config.publicUrl.replace(/\/+$/, '');
  let secret: Promise<string> | undefined;
  const signingSecret = () => (secret ??= surveySecret(knex));
  let automation: AttemptAutomation | null = null;

  async function ticketViews(db: Knex, ticketIds: readonly number[]): Promise<Map<number, TicketView>> {
    const rows = await ticketsRepository.findMany(db, ticketIds);
    const customers = await ticketsRepository.customersByIds(db, [...new Set(rows.map((r) => r.customer_id))]);
    return new Map(rows.map((r) => [r.id, toTicketView(r, customers.get(r.customer_id)!)]));
  }

  /** Assigns callbacks to on-duty agents under the assignment lock; null where nobody is on duty. */
  async function assign(trx: Knex.Transaction, rows: readonly CallbackRecord[], keepCurrent: boolean): Promise<(number | null)[]> {
    await repo.lockAssignment(trx);
    const loads = await repo.onDutyLoads(trx);
    const keeps = rows.map((r) => keepCurrent && r.assignee_id !== null && loads.has(r.assignee_id));
    const picked = balance(loads, keeps.filter((k) => !k).length);
    let next = 0;
    return rows.map((r, i) => (keeps[i] ? r.assignee_id : picked[next++]!));
  }

  async function announceDue(uow: UnitOfWork, rows: readonly { id: number; ticket_id: number; assignee_id: number | null }[], now: Date): Promise<void> {
    const views = await ticketViews(uow.trx, rows.map((r) => r.ticket_id));
    for (const r of rows) uow.emit({ type: 'callback.due', at: now.toISOString(), ticket: views.get(r.ticket_id)!, callbackId: r.id, assigneeId: r.assignee_id });
  }

  /** The attempt falls due: re-check, assign balanced, offer the survey by mail, tell the agent. */
  async function onDue(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    const { trx } = uow;
    const now = clock.now();
    const rows = await repo.lockScheduled(trx, items.map((i) => Number(i.key)));
    const stale = rows.filter((r) => r.ticket_status !== 'resolved' || r.ticket_round !== r.handling_round);
    await repo.cancelMany(trx, stale.map((r) => r.id));
    // a callback moved later meanwhile was re-armed for its new time
    const due = rows.filter((r) => !stale.includes(r) && r.due_at <= now);
    const automated = automation && due.length > 0 ? await automation.start(uow, due, now) : new Set<number>();
    const live = due.filter((r) => !automated.has(r.id));
    if (live.length === 0) return;
    const assignees = await assign(trx, live, true);
    const assigned = live.map((r, i) => ({ ...r, assignee_id: assignees[i]! }));
    await repo.assignMany(trx, assigned.map((r) => ({ id: r.id, assignee_id: r.assignee_id })), 'due', now);
    await ticketsRepository.insertEvents(trx, assigned.map((r) => ({
      ticket_id: r.ticket_id, type: 'callback_due', at: now,
      data: { callback_id: r.id, handling_round: r.handling_round, attempt: r.attempt, assignee_id: r.assignee_id },
    })));
    await offerSurveys(trx, assigned.filter((r) => r.attempt === 1), now);
    await announceDue(uow, assigned, now);
  }

  /** The first attempt of a round also mails customers with an address a survey link; whichever answer comes first counts. */
  async function offerSurveys(trx: Knex.Transaction, rows: readonly CallbackRecord[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    const withEmail = await ticketsRepository.customerEmails(trx, rows.map((r) => r.ticket_id));
    if (withEmail.length === 0) return;
    const policy = await repo.policy(trx);
    const emails = new Map(withEmail.map((w) => [w.ticket_id, w.email]));
    const surveys = await repo.insertSurveys(trx, rows.filter((r) => emails.has(r.ticket_id)).map((r) => ({
      callback_id: r.id, ticket_id: r.ticket_id, email: emails.get(r.ticket_id)!,
      expires_at: new Date(now.getTime() + policy.surveyTtlSeconds * 1000), created_at: now,
    })));
    await scheduler.scheduleMany(trx, surveys.map((s) => ({ kind: KINDS.surveyMail, key: String(s.id), dueAt: now })));
    await ticketsRepository.insertEvents(trx, surveys.map((s) => ({
      ticket_id: s.ticket_id, type: 'callback_survey_offered', at: now, data: { callback_id: s.callback_id, expires_at: s.expires_at.toISOString() },
    })));
  }

  /** Records survey mails with the survey (the mail worker sends them after commit, outside this batch). */
  async function onSurveyMail(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    for (const item of items) {
      const survey = await repo.surveyForUpdate(uow.trx, Number(item.key));
      if (!survey || survey.sent_at || survey.answered_at) continue;
      const ticket = (await ticketsRepository.find(uow.trx, survey.ticket_id))!;
      const link = `${publicUrl}/survey/${signSurveyToken(await signingSecret(), survey.id, survey.expires_at)}`;
      const text = surveyMail({ ticketNumber: ticket.number, link, expiresAt: survey.expires_at, timezone: config.timezone });
      await recordMail(uow.trx, clock, {
        id: `callback-survey:${survey.id}`, kind: 'callback.survey', ticketId: ticket.id, locale: 'zh-CN', subject: text.subject, body: text.text,
        recipients: [{ userId: null, email: survey.email }], messageId: `<callback-survey-${survey.id}@loopdesk>`,
      });
      await repo.surveySent(uow.trx, survey.id, clock.now());
    }
  }

  async function onHeadMail(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    for (const item of items) {
      const [ticketId, round] = item.key.split(':').map(Number) as [number, number];
      const handling = await repo.secondHandling(uow.trx, ticketId, round);
      const head = handling?.head_user_id ? await usersRepository.find(uow.trx, handling.head_user_id) : undefined;
      if (!handling || !head?.active || !head.email) continue;
      const ticket = (await ticketsRepository.find(uow.trx, ticketId))!;
      const text = headMail({ ticketNumber: ticket.number, round, dueAt: handling.due_at, link: `${publicUrl}/tickets/${ticketId}`, note: String(item.payload.note ?? ''), timezone: config.timezone });
      await recordMail(uow.trx, clock, {
        id: `callback-unsatisfied:${item.key}`, kind: 'callback.unsatisfied', ticketId, locale: 'zh-CN', subject: text.subject, body: text.text,
        recipients: [{ userId: handling.head_user_id, email: head.email }], messageId: `<callback-unsatisfied-${item.key}@loopdesk>`,
      });
    }
  }

  /** The second handling's deadline passed: flag it on the timeline and tell the head again. */
  async function onSecondHandlingDue(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    const now = clock.now();
    for (const item of items) {
      const [ticketId, round] = item.key.split(':').map(Number) as [number, number];
      const handling = await repo.runningSecondHandlingForUpdate(uow.trx, ticketId, round);
      if (!handling) continue;
      await repo.endSecondHandling(uow.trx, ticketId, round, 'breached', now);
      await ticketsRepository.insertEvents(uow.trx, [{ ticket_id: ticketId, type: 'second_handling_overdue', at: now, data: { handling_round: round, due_at: handling.due_at.toISOString() } }]);
      const view = (await ticketViews(uow.trx, [ticketId])).get(ticketId)!;
      uow.emit({ type: 'callback.second_handling_overdue', at: now.toISOString(), ticket: view, handlingRound: round, userId: handling.head_user_id, dueAt: handling.due_at.toISOString() });
    }
  }

  const rules: CallbackRules = { policy: (db) => repo.policy(db) };

  /** Reassigns open callbacks of agents who left, and hands the unassigned pool to those on duty. */
  async function rebalance(uow: UnitOfWork, rows: readonly CallbackRecord[], actorId: number, now: Date): Promise<void> {
    if (rows.length === 0) return;
    const assignees = await assign(uow.trx, rows, false);
    const moved = rows.map((r, i) => ({ ...r, from: r.assignee_id, assignee_id: assignees[i]! })).filter((r) => r.from !== r.assignee_id);
    await repo.assignMany(uow.trx, moved.map((r) => ({ id: r.id, assignee_id: r.assignee_id })), null, now);
    await ticketsRepository.insertEvents(uow.trx, moved.map((r) => ({
      ticket_id: r.ticket_id, type: 'callback_reassigned', at: now, actor_id: actorId, data: { callback_id: r.id, from_assignee_id: r.from, assignee_id: r.assignee_id },
    })));
    await announceDue(uow, moved.filter((r) => r.state === 'due' && r.assignee_id !== null), now);
  }

  return {
    rules,

    /** The handlers of this domain's scheduler kinds; jobs.ts registers them at start. */
    jobs: { onDue, onSurveyMail, onHeadMail, onSecondHandlingDue },

    /** The automated attempt service plugs in here (it is built after the tickets service it records answers through). */
    useAutomation(a: AttemptAutomation): void {
      automation = a;
    },

    /**
     * An automated attempt ends without an answer the machine can settle (silence, a busy line, a
     * reply that is not 1 or 2, an opt-out, a refused message): the attempt is done `no_reply`
     * and the round's next attempt is an agent's call, due now (or when callable hours begin).
     * A message still queued is never sent. False when the attempt is no longer waiting.
     */
    async handToAgent(uow: UnitOfWork, callbackId: number, now: Date, reason: string, note: string | null): Promise<boolean> {
      const { trx } = uow;
      const row = await repo.findForUpdate(trx, callbackId);
      if (!row || row.state !== 'automated') return false;
      await trx('callbacks').where({ id: callbackId }).update({ state: 'done', outcome: 'no_reply', note, done_at: now });
      await autoRepository.cancelQueued(trx, callbackId);
      await scheduler.cancel(trx, KINDS.autoHandoff, String(callbackId));
      await ticketsRepository.insertEvents(trx, [{ ticket_id: row.ticket_id, type: 'callback_handed_to_agent', at: now, data: { callback_id: callbackId, channel: row.channel, reason, note } }]);
      const policy = await repo.policy(trx);
      await schedule(trx, [{
        ticket_id: row.ticket_id, handling_round: row.handling_round, attempt: row.attempt + 1, due_at: earliestCallable(now, callableHours(policy), config.timezone),
        window_ends_at: row.window_ends_at, customer_requested: false, created_at: now,
      }]);
      return true;
    },

    /** Schedules attempt 1 for tickets just resolved: at the earliest callable time, due within the window. */
    async scheduleFirstAttempts(uow: UnitOfWork, tickets: readonly TicketRow[], now: Date): Promise<CallbackRecord[]> {
      if (tickets.length === 0) return [];
      const policy = await repo.policy(uow.trx);
      const dueAt = earliestCallable(now, callableHours(policy), config.timezone);
      const windowEndsAt = new Date(now.getTime() + policy.windowSeconds * 1000);
      return schedule(uow.trx, tickets.map((t) => ({
        ticket_id: t.id, handling_round: t.handling_round, attempt: 1, due_at: dueAt, window_ends_at: windowEndsAt, customer_requested: false, created_at: now,
      })));
    },

    /** After an unreachable attempt with attempts left: the next one, spaced and in callable hours. */
    async scheduleNextAttempt(uow: UnitOfWork, ticket: TicketRow, now: Date): Promise<void> {
      const policy = await repo.policy(uow.trx);
      const last = await repo.lastOfRound(uow.trx, ticket.id, ticket.handling_round);
      const dueAt = earliestCallable(new Date(now.getTime() + policy.retrySpacingSeconds * 1000), callableHours(policy), config.timezone);
      await schedule(uow.trx, [{
        ticket_id: ticket.id, handling_round: ticket.handling_round, attempt: (last?.attempt ?? 0) + 1, due_at: dueAt,
        window_ends_at: last?.window_ends_at ?? null, customer_requested: false, created_at: now,
      }]);
    },

    /** Unsatisfied: the ticket is back with its unit; flag the round, set the tighter deadline, tell the head. */
    async startSecondHandling(uow: UnitOfWork, ticket: TicketRow, now: Date, note: string | null): Promise<void> {
      const { trx } = uow;
      const policy = await repo.policy(trx);
      const head = ticket.unit_id === null ? undefined : await nearestHead(trx, ticket.unit_id);
      const dueAt = new Date(now.getTime() + policy.secondHandlingSeconds * 1000);
      const key = `${ticket.id}:${ticket.handling_round}`;
      await repo.startSecondHandling(trx, {
        ticket_id: ticket.id, handling_round: ticket.handling_round, unit_id: ticket.unit_id, head_user_id: head?.userId ?? null, started_at: now, due_at: dueAt,
      });
      await scheduler.schedule(trx, { kind: KINDS.secondHandling, key, dueAt });
      if (head) await scheduler.schedule(trx, { kind: KINDS.headMail, key, dueAt: now, payload: { note } });
      await ticketsRepository.insertEvents(trx, [{
        ticket_id: ticket.id, type: 'second_handling_started', at: now,
        data: { handling_round: ticket.handling_round, unit_id: ticket.unit_id, head_user_id: head?.userId ?? null, due_at: dueAt.toISOString() },
      }]);
      const view = (await ticketViews(trx, [ticket.id])).get(ticket.id)!;
      uow.emit({ type: 'callback.unsatisfied', at: now.toISOString(), ticket: view, handlingRound: ticket.handling_round, userId: head?.userId ?? null, unitId: ticket.unit_id, dueAt: dueAt.toISOString() });
    },

    /** A second handling resolved: its deadline was met if it had not already passed. */
    async endSecondHandling(uow: UnitOfWork, ticket: TicketRow, now: Date): Promise<void> {
      const ended = await repo.endSecondHandling(uow.trx, ticket.id, ticket.handling_round, 'met', now);
      if (ended > 0) await scheduler.cancel(uow.trx, KINDS.secondHandling, `${ticket.id}:${ticket.handling_round}`);
    },

    async policy(): Promise<PolicyView> {
      return toPolicyView(await repo.policy(knex), config.timezone);
    },

    async updatePolicy(principal: Principal, input: PolicyInput): Promise<PolicyView> {
      const view = await inTransaction(knex, bus, async (uow) => {
        const { trx } = uow;
        const now = clock.now();
        if (input.holiday_calendar !== null && !(await trx('sla_calendars').where({ key: input.holiday_calendar }).first('key'))) {
          throw errors.rule(`no working calendar ${input.holiday_calendar}`, { errors: [{ path: 'holiday_calendar', message: 'not an SLA calendar key' }] });
        }
        const policy: CallbackPolicy = {
          windowSeconds: input.window_seconds, callableFromMinute: minuteOf(input.callable_hours.from), callableUntilMinute: minuteOf(input.callable_hours.until),
          holidayCalendar: input.holiday_calendar, calendarHolidays: [], holidays: [...new Set(input.holidays)].sort(), maxAttempts: input.max_attempts, retrySpacingSeconds: input.retry_spacing_seconds,
          ticketTypes: [...new Set(input.ticket_types)], oneCallResolutions: input.one_call_resolutions,
          secondHandlingSeconds: input.second_handling_seconds, surveyTtlSeconds: input.survey_ttl_seconds,
        };
        await repo.savePolicy(trx, policy, principal.id, now);
        await options.calendars.setCallableHours(uow, input.callable_hours, principal.id, now);
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'callback_policy', entityId: 1, action: 'update', data: { ...input } });
        return toPolicyView({ ...policy, updatedBy: principal.id, updatedAt: now }, config.timezone);
      });
      options.calendars.forgetCallable();
      return view;
    },

    async workList(principal: Principal, q: WorkListQuery): Promise<{ items: WorkItemView[]; next_cursor: string | null }> {
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (q.cursor !== undefined && !after) throw errors.badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from next_cursor' }], 'invalid_cursor');
      const now = clock.now();
      const assigneeId = q.assignee_id === 'me' ? principal.id : q.assignee_id === 'none' ? null : q.assignee_id;
      const rows = await repo.workList(knex, { scopePrefix: scopePrefix(principal), state: q.state, assigneeId, ticketId: q.ticket_id, after, now, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      return { items: page.map((r) => toWorkItem(r, now)), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
    },

    async agents(): Promise<AgentView[]> {
      return (await repo.agents(knex)).map((a) => ({ user_id: a.user_id, name: a.name, username: a.username, active: a.active, on_duty: a.on_duty, open_callbacks: a.open_callbacks, changed_at: a.changed_at.toISOString() }));
    },

    /** On or off duty. Going off hands the agent's open callbacks to the others; coming on takes from the unassigned pool. */
    async setDuty(principal: Principal, userId: number, onDuty: boolean): Promise<AgentView> {
      if (principal.role === 'agent' && principal.id !== userId) throw errors.forbidden('an agent sets only their own duty');
      await inTransaction(knex, bus, async (uow) => {
        const { trx } = uow;
        const user = await usersRepository.find(trx, userId);
        if (!user) throw errors.notFound(`user ${userId}`);
        if (!DESK_ROLES.includes(user.role) || (onDuty && !user.active)) {
          throw errors.rule('callback agents are active hotline agents or supervisors', { code: 'not_callback_agent', errors: [{ path: 'user_id', message: 'not desk staff' }] });
        }
        const now = clock.now();
        const wasOnDuty = await repo.setDuty(trx, userId, onDuty, principal.id, now);
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'callback_agent', entityId: userId, action: onDuty ? 'on_duty' : 'off_duty', data: {} });
        if (wasOnDuty && !onDuty) await rebalance(uow, await repo.openOf(trx, userId), principal.id, now);
        if (!wasOnDuty && onDuty) await rebalance(uow, await repo.unassignedDue(trx, 500), principal.id, now);
      });
      return (await this.agents()).find((a) => a.user_id === userId)!;
    },

    /** The customer asked to be called at another time: that time is kept even outside callable hours. */
    async reschedule(principal: Principal, callbackId: number, input: RescheduleInput): Promise<WorkItemView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const callback = await repo.findForUpdate(trx, callbackId);
        const visible = callback ? await repo.workList(trx, { scopePrefix: scopePrefix(principal), ticketId: callback.ticket_id, now, limit: 1 }) : [];
        if (!callback || visible.length === 0) throw errors.notFound(`callback ${callbackId}`);
        if (callback.state !== 'scheduled' && callback.state !== 'due') throw errors.conflict(`callback ${callbackId} is ${callback.state}`, { code: 'callback_closed' });
        const at = new Date(input.at);
        if (at <= now || at.getTime() - now.getTime() > MAX_RESCHEDULE_MS) {
          throw errors.rule('the new time must be in the future and within 14 days', { code: 'reschedule_out_of_range', errors: [{ path: 'at', message: 'out of range' }] });
        }
        await repo.reschedule(trx, callbackId, at);
        await scheduler.schedule(trx, { kind: KINDS.due, key: String(callbackId), dueAt: at });
        await ticketsRepository.insertEvents(trx, [{
          ticket_id: callback.ticket_id, type: 'callback_rescheduled', at: now, actor_id: principal.id,
          data: { callback_id: callbackId, from: callback.due_at.toISOString(), due_at: at.toISOString(), note: input.note ?? null },
        }]);
        const rows = await repo.workList(trx, { scopePrefix: null, ticketId: callback.ticket_id, now, limit: 100 });
        return toWorkItem(rows.find((r) => r.id === callbackId)!, now);
      });
    },

    async figures(principal: Principal, q: FiguresQuery) {
      const items = await callbackFigures(knex, { from: q.from, to: q.to ?? q.from, timezone: config.timezone, scopePrefix: scopePrefix(principal), unitId: q.unit_id });
      return { from: q.from, to: q.to ?? q.from, timezone: config.timezone, definitions: CALLBACK_FIGURE_DEFINITIONS, items };
    },
  };

  async function schedule(trx: Knex.Transaction, rows: readonly NewCallback[]): Promise<CallbackRecord[]> {
    const inserted = await repo.insertMany(trx, rows);
    await scheduler.scheduleMany(trx, inserted.map((c) => ({ kind: KINDS.due, key: String(c.id), dueAt: c.due_at })));
    await ticketsRepository.insertEvents(trx, inserted.map((c) => ({
      ticket_id: c.ticket_id, type: 'callback_scheduled', at: c.created_at,
      data: { callback_id: c.id, handling_round: c.handling_round, attempt: c.attempt, due_at: new Date(c.due_at).toISOString(), window_ends_at: c.window_ends_at ? new Date(c.window_ends_at).toISOString() : null },
    })));
    return inserted;
  }
}

export type CallbacksService = ReturnType<typeof createCallbacksService>;
