import type { Knex } from 'knex';
import type { Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { DueItem, Scheduler } from '../jobs';
import { verify } from '../integrations/ivr';
import { ticketsRepository } from '../tickets/repository';
import type { TicketsService } from '../tickets/service';
import { autoRepository as autoRepo, type AutoAttemptRow } from './auto-repository';
import { chooseChannel, ivrPrompt, nationalNumber, readReply, surveySms, type AutoChannel, type Language, type ReplyMeaning } from './automation';
import { addCallable, earliestCallable } from './calendar';
import { callableHours } from './policy';
import { callbacksRepository as repo, type CallbackRecord } from './repository';
import type { AutomationInput, AutomationView, IvrResultInput, PreferenceInput, PreferenceView } from './schemas';
import { KINDS, type CallbacksService } from './service';

/** Replies are handled on this many lanes (by number), up to REPLY_BATCH in one transaction. */
const REPLY_LANES = 4;
const REPLY_BATCH = 10;

/** Receipt states that mean the survey never reached the phone: an agent calls at once. */
const UNDELIVERED = new Set(['UNDELIV', 'REJECTD', 'EXPIRED', 'DELETED']);

export interface AutoCallbacksOptions {
  scheduler: Scheduler;
  tickets: TicketsService;
  callbacks: CallbacksService;
}

/**
 * The automated first attempt of a callback round (issue 18): an SMS survey over SMPP or a call of
 * the voice platform, bound to the attempt (`callbacks` row in state `automated`, channel sms/ivr).
 * The customer's answer (SMS reply matched by number and time window, or the platform's signed
 * result) becomes the callback outcome through the tickets service's frame, like the mail survey;
 * silence until the policy's wait (in callable hours), an unusable reply, an opt-out or an
 * undelivered message hands the round to an agent (CallbacksService.handToAgent). An answer that
 * arrives after an agent recorded the outcome is kept on the timeline and overrides nothing.
 */
export function createAutoCallbacks(deps: Deps, options: AutoCallbacksOptions) {
  const { knex, bus, clock, config } = deps;
  const { scheduler, tickets, callbacks } = options;
  const publicUrl = config.publicUrl.replace(/\/+$/, '');

  async function start(uow: UnitOfWork, rows: readonly CallbackRecord[], now: Date): Promise<ReadonlySet<number>> {
    const { trx } = uow;
    const settings = await autoRepo.settings(trx);
    if (settings.channel === 'none') return new Set();
    const facts = await autoRepo.channelFacts(trx, rows.map((r) => r.id), now, config.timezone);
    const perPhone = new Map<string, number>();
    const chosen: { row: CallbackRecord; channel: AutoChannel; phone: string; language: Language; ticketNumber: string }[] = [];
    for (const row of rows) {
      const f = facts.get(row.id);
      if (!f) continue;
      const earlier = perPhone.get(f.phone) ?? 0;
      const decision = chooseChannel(settings, {
        attempt: { customerRequested: row.customer_requested, automatedBefore: f.automated_before },
        customer: { tier: f.tier, preference: f.preference, optedOut: f.opted_out },
        sentToday: f.sent_today + earlier,
        smsAvailable: config.smppUrl !== undefined,
        ivrAvailable: Boolean(settings.ivrEndpoint && settings.ivrSecret),
      });
      if (decision.channel === 'phone') continue;
      perPhone.set(f.phone, earlier + 1);
      chosen.push({ row, channel: decision.channel, phone: f.phone, language: f.language ?? 'zh-CN', ticketNumber: f.ticket_number });
    }
    if (chosen.length === 0) return new Set();
    const policy = await repo.policy(trx);
    const handOffAt = addCallable(now, settings.replyWaitSeconds, callableHours(policy), config.timezone);
    await autoRepo.markAutomated(trx, chosen.map((c) => ({ id: c.row.id, channel: c.channel })));
    await autoRepo.insertAttempts(trx, chosen.map((c) => ({
      callback_id: c.row.id, ticket_id: c.row.ticket_id, channel: c.channel, phone: c.phone, language: c.language,
      body: c.channel === 'sms' ? surveySms(c.language, c.ticketNumber) : ivrPrompt(c.language, c.ticketNumber),
      next_attempt_at: now, hand_off_at: handOffAt, created_at: now,
    })));
    await scheduler.scheduleMany(trx, chosen.map((c) => ({ kind: KINDS.autoHandoff, key: String(c.row.id), dueAt: handOffAt })));
    await ticketsRepository.insertEvents(trx, chosen.map((c) => ({
      ticket_id: c.row.ticket_id, type: 'callback_automated', at: now,
      data: { callback_id: c.row.id, channel: c.channel, attempt: c.row.attempt, handling_round: c.row.handling_round, hand_off_at: handOffAt.toISOString() },
    })));
    return new Set(chosen.map((c) => c.row.id));
  }

  /** The wait ended: an attempt still waiting for its answer goes to an agent. */
  async function onHandOff(items: readonly DueItem[], uow: UnitOfWork): Promise<void> {
    const now = clock.now();
    for (const item of items) await callbacks.handToAgent(uow, Number(item.key), now, 'no_reply', null);
  }
  scheduler.register(KINDS.autoHandoff, onHandOff);

  /**
   * What an answer does. 1/2: the outcome of the automated attempt, or of the round's agent
   * attempt not made yet (whichever comes first wins, as with the mail survey). Anything else: a
   * note handed to the agent. After the round's outcome is recorded: kept on the timeline only.
   */
  async function settle(uow: UnitOfWork, attempt: AutoAttemptRow, meaning: ReplyMeaning, text: string, now: Date): Promise<NonNullable<AutoAttemptRow['reply_effect']>> {
    const { trx } = uow;
    const callback = (await repo.findForUpdate(trx, attempt.callback_id))!;
    const waiting = callback.state === 'automated';
    if (meaning.kind === 'opt_out') {
      if (waiting) await callbacks.handToAgent(uow, callback.id, now, 'opted_out', text);
      return 'opt_out';
    }
    if (meaning.kind === 'note' && waiting) {
      await callbacks.handToAgent(uow, callback.id, now, 'reply', text);
      return 'note';
    }
    if (meaning.kind === 'outcome') {
      const ticket = await trx('tickets').where({ id: callback.ticket_id }).first<{ status: string; handling_round: number }>('status', 'handling_round');
      const open = waiting ? callback : await trx<CallbackRecord>('callbacks')
        .where({ ticket_id: callback.ticket_id, handling_round: callback.handling_round }).whereIn('state', ['scheduled', 'due']).orderBy('id', 'desc').first();
      if (open && ticket?.status === 'resolved' && ticket.handling_round === callback.handling_round) {
        await tickets.recordCallback(null, callback.ticket_id, null, { outcome: meaning.outcome }, { outer: uow, callbackId: open.id, via: attempt.channel });
        await scheduler.cancel(trx, KINDS.autoHandoff, String(callback.id));
        return 'outcome';
      }
    }
    await ticketsRepository.insertEvents(trx, [{
      ticket_id: callback.ticket_id, type: 'callback_late_reply', at: now,
      data: { callback_id: callback.id, channel: attempt.channel, text, ...(meaning.kind === 'outcome' ? { outcome: meaning.outcome } : {}) },
    }]);
    return 'late';
  }

  async function handleReply(uow: UnitOfWork, phone: string, text: string): Promise<void> {
    const { trx } = uow;
    const meaning = readReply(text);
    const now = clock.now();
    if (meaning.kind === 'opt_out') await autoRepo.optOut(trx, phone, now, 'sms', text);
    const policy = await repo.policy(trx);
    // the survey a reply answers: the latest one to that number within the survey's lifetime
    const sms = await autoRepo.latestSmsTo(trx, phone, new Date(now.getTime() - policy.surveyTtlSeconds * 1000));
    if (!sms) {
      if (meaning.kind !== 'opt_out') await autoRepo.unmatched(trx, phone, text, now);
      return;
    }
    // a second reply to one survey is kept as a late note
    const effect = await settle(uow, sms, sms.reply_at ? { kind: 'note' } : meaning, text, now);
    if (!sms.reply_at) await autoRepo.recordReply(trx, sms.id, text, now, effect);
  }

  type Reply = { phone: string; text: string; resolve: () => void; reject: (err: unknown) => void };
  const replyLanes: Reply[][] = Array.from({ length: REPLY_LANES }, () => []);
  const laneBusy: boolean[] = Array.from({ length: REPLY_LANES }, () => false);
  async function drainReplies(lane: number): Promise<void> {
    laneBusy[lane] = true;
    const queue = replyLanes[lane]!;
    while (queue.length > 0) {
      const batch = queue.splice(0, REPLY_BATCH);
      try {
        await inTransaction(knex, bus, async (uow) => {
          for (const r of batch) await handleReply(uow, r.phone, r.text);
        });
        for (const r of batch) r.resolve();
      } catch {
        for (const r of batch) {
          await inTransaction(knex, bus, (uow) => handleReply(uow, r.phone, r.text)).then(r.resolve, r.reject);
        }
      }
    }
    laneBusy[lane] = false;
  }

  let receipts: { messageId: string; stat: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let receiptTimer: NodeJS.Timeout | null = null;
  let receiptsWriting = false;
  /** One receipt transaction at a time: what arrives meanwhile waits for the next (bounded use of the pool). */
  async function flushReceipts(): Promise<void> {
    receiptTimer = null;
    if (receiptsWriting) {
      receiptTimer = setTimeout(() => void flushReceipts(), 20);
      return;
    }
    const batch = receipts.splice(0, 500);
    if (batch.length === 0) return;
    receiptsWriting = true;
    try {
      await inTransaction(knex, bus, async (uow) => {
        const now = clock.now();
        const matched = await autoRepo.applyReceipts(uow.trx, batch, now);
        for (const m of matched) if (UNDELIVERED.has(m.delivery)) await callbacks.handToAgent(uow, m.callback_id, now, 'undelivered', null);
      });
      for (const r of batch) r.resolve();
    } catch (err) {
      for (const r of batch) r.reject(err);
    } finally {
      receiptsWriting = false;
      if (receipts.length > 0) receiptTimer ??= setTimeout(() => void flushReceipts(), 0);
    }
  }

  return {
    /** plugged into the callbacks service: takes the due attempts the machine makes */
    automation: { start },

    /**
     * A customer's SMS (deliver_sm), acknowledged to the SMSC once stored; never dropped. Replies
     * of one number are handled in order on one lane; a lane writes the replies waiting on it in
     * one transaction (one by one if that fails), so a burst of answers does not exhaust the pool.
     */
    onSmsMessage(m: { from: string; text: string }): Promise<void> {
      const phone = nationalNumber(m.from);
      return new Promise((resolve, reject) => {
        const lane = [...phone].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % REPLY_LANES, 0);
        replyLanes[lane]!.push({ phone, text: m.text, resolve, reject });
        if (!laneBusy[lane]) void drainReplies(lane);
      });
    },

    /**
     * A delivery receipt: recorded on its message (or kept until the message id is); undelivered →
     * an agent calls. Receipts come one per message: those arriving together are written in one
     * transaction, and each is acknowledged to the SMSC once that committed.
     */
    onSmsReceipt(r: { messageId: string; stat: string }): Promise<void> {
      return new Promise((resolve, reject) => {
        receipts.push({ ...r, resolve, reject });
        receiptTimer ??= setTimeout(() => void flushReceipts(), 20);
      });
    },

    /** A message refused for good by the SMSC or the platform: an agent calls. */
    async onRefused(row: AutoAttemptRow): Promise<void> {
      await inTransaction(knex, bus, (uow) => callbacks.handToAgent(uow, row.callback_id, clock.now(), 'send_failed', null));
    },

    /** The voice platform's result of a call (signature checked by the route). Repeated deliveries change nothing. */
    async onIvrResult(input: IvrResultInput, signed: { timestamp?: string; signature?: string; raw?: Buffer }): Promise<{ recorded: boolean }> {
      const { ivrSecret } = await autoRepo.settings(knex);
      if (!ivrSecret || !signed.raw || !verify(ivrSecret, { timestamp: signed.timestamp, signature: signed.signature }, signed.raw, clock.now())) {
        throw errors.unauthorized('the signature does not match', 'invalid_signature');
      }
      return inTransaction(knex, bus, async (uow) => {
        const { trx } = uow;
        const now = clock.now();
        const attempt = await autoRepo.forUpdate(trx, Number(input.request_id));
        if (!attempt || attempt.channel !== 'ivr') throw errors.notFound(`call request ${input.request_id}`);
        if (attempt.reply_at) return { recorded: false };
        await trx('callback_auto_attempts').where({ id: attempt.id }).update({ delivery: input.result, delivered_at: now, ...(input.call_id ? { external_id: attempt.external_id ?? input.call_id } : {}) });
        const meaning: ReplyMeaning = input.result === 'pressed_1' ? { kind: 'outcome', outcome: 'satisfied' } : input.result === 'pressed_2' ? { kind: 'outcome', outcome: 'unsatisfied' } : { kind: 'note' };
        if (meaning.kind === 'note') {
          await callbacks.handToAgent(uow, attempt.callback_id, now, input.result, null);
          await autoRepo.recordReply(trx, attempt.id, input.result, now, 'note');
          return { recorded: true };
        }
        await autoRepo.recordReply(trx, attempt.id, input.result, now, await settle(uow, attempt, meaning, input.result, now));
        return { recorded: true };
      });
    },

    /** Whether `now` is inside callable hours (nothing is sent outside them). */
    async callableNow(db: Knex, now: Date): Promise<boolean> {
      return earliestCallable(now, callableHours(await repo.policy(db)), config.timezone).getTime() <= now.getTime();
    },

    resultUrl: `${publicUrl}/api/callbacks/ivr/results`,

    settingsRow: () => autoRepo.settings(knex),

    async settings(): Promise<AutomationView> {
      return toView(await autoRepo.settings(knex));
    },

    async updateSettings(principal: Principal, input: AutomationInput): Promise<AutomationView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const before = await autoRepo.settings(trx);
        const ivrSecret = input.ivr.secret ?? (input.ivr.endpoint === null ? null : before.ivrSecret);
        if (input.channel === 'ivr' && (!input.ivr.endpoint || !ivrSecret)) {
          throw errors.rule('the voice platform needs an endpoint and a secret', { code: 'ivr_not_configured', errors: [{ path: 'ivr.endpoint', message: 'required for channel ivr' }] });
        }
        if (input.channel === 'sms' && config.smppUrl === undefined) {
          throw errors.rule('SMPP_URL is not set: the desk cannot send SMS', { code: 'sms_not_configured', errors: [{ path: 'channel', message: 'no SMS centre configured' }] });
        }
        const next = {
          channel: input.channel, replyWaitSeconds: input.reply_wait_seconds, dailyCap: input.daily_cap, sendRatePerSecond: input.send_rate_per_second,
          ivrEndpoint: input.ivr.endpoint, ivrSecret,
        };
        await autoRepo.saveSettings(trx, next, principal.id, now);
        const { ivr, ...rest } = input;
        await writeAudit(trx, {
          at: now, actorId: principal.id, entity: 'callback_policy', entityId: 'automation', action: 'automation_updated',
          data: { ...rest, ivr_endpoint: ivr.endpoint, ivr_secret_changed: input.ivr.secret !== undefined },
        });
        return toView({ ...next, updatedBy: principal.id, updatedAt: now });
      });
    },

    async preference(customerId: number): Promise<PreferenceView> {
      const row = await autoRepo.preference(knex, customerId);
      if (!row) throw errors.notFound(`customer ${customerId}`);
      return { customer_id: Number(row.customer_id), channel: row.channel, language: row.language ?? 'zh-CN', opted_out: row.opted_out, updated_at: row.updated_at?.toISOString() ?? null };
    },

    async putPreference(principal: Principal, customerId: number, input: PreferenceInput): Promise<PreferenceView> {
      await inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const row = await autoRepo.preference(trx, customerId);
        if (!row) throw errors.notFound(`customer ${customerId}`);
        await autoRepo.savePreference(trx, customerId, input.channel, input.language, principal.id, now);
        if (input.opted_out) await autoRepo.optOut(trx, row.phone, now, 'agent', null);
        else await autoRepo.optIn(trx, row.phone);
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'customer', entityId: customerId, action: 'callback_preference_updated', data: { ...input } });
      });
      return this.preference(customerId);
    },
  };

  function toView(s: Awaited<ReturnType<typeof autoRepo.settings>>): AutomationView {
    return {
      channel: s.channel, reply_wait_seconds: s.replyWaitSeconds, daily_cap: s.dailyCap, send_rate_per_second: s.sendRatePerSecond,
      ivr: { endpoint: s.ivrEndpoint, secret_set: Boolean(s.ivrSecret), result_url: `${publicUrl}/api/callbacks/ivr/results` },
      sms: { configured: config.smppUrl !== undefined, source: config.smsSource },
      updated_by: s.updatedBy, updated_at: s.updatedAt?.toISOString() ?? null,
    };
  }
}

export type AutoCallbacks = ReturnType<typeof createAutoCallbacks>;
