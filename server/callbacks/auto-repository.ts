import type { Knex } from 'knex';
import type { AutoChannel, AutomationSettings, Channel, Language } from './automation';

/** SQL of the automated attempts (migrations/20261203140000_callback_automation.ts). */
export interface AutoAttemptRow {
  id: number;
  callback_id: number;
  ticket_id: number;
  channel: AutoChannel;
  phone: string;
  language: Language;
  body: string;
  state: 'queued' | 'sending' | 'sent' | 'unconfirmed' | 'failed' | 'cancelled';
  tries: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  external_id: string | null;
  sent_at: Date | null;
  delivery: string | null;
  delivered_at: Date | null;
  hand_off_at: Date;
  reply_text: string | null;
  reply_at: Date | null;
  reply_effect: 'outcome' | 'note' | 'opt_out' | 'late' | null;
  created_at: Date;
}

export type NewAutoAttempt = Pick<AutoAttemptRow, 'callback_id' | 'ticket_id' | 'channel' | 'phone' | 'language' | 'body' | 'next_attempt_at' | 'hand_off_at' | 'created_at'>;

export interface ChannelFactsRow {
  callback_id: number;
  ticket_number: string;
  customer_id: number;
  phone: string;
  tier: string;
  preference: Channel | null;
  language: Language | null;
  opted_out: boolean;
  sent_today: number;
  automated_before: boolean;
}

interface AutomationRow {
  channel: 'none' | AutoChannel;
  reply_wait_seconds: number;
  daily_cap: number;
  send_rate_per_second: number;
  ivr_endpoint: string | null;
  ivr_secret: string | null;
  updated_by: number | null;
  updated_at: Date | null;
}

/**
 * A receipt can overtake the submit's answer: recording the id and applying a receipt take the
 * same lock per message id (many at once, always in one order: no deadlock), so whichever comes second sees what the first wrote.
 */
const lockMessageIds = (trx: Knex.Transaction, messageIds: readonly string[]) =>
  trx.raw(`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext('loopdesk.sms:' || m) AS k FROM unnest(?::text[]) m) x ORDER BY k`, [[...messageIds]]);

export const autoRepository = {
  async settings(db: Knex): Promise<AutomationSettings & { updatedBy: number | null; updatedAt: Date | null }> {
    const r = (await db('callback_automation').where({ id: 1 }).first<AutomationRow>())!;
    return {
      channel: r.channel, replyWaitSeconds: r.reply_wait_seconds, dailyCap: r.daily_cap, sendRatePerSecond: r.send_rate_per_second,
      ivrEndpoint: r.ivr_endpoint, ivrSecret: r.ivr_secret, updatedBy: r.updated_by, updatedAt: r.updated_at,
    };
  },

  async saveSettings(trx: Knex.Transaction, s: AutomationSettings, actorId: number, now: Date): Promise<void> {
    await trx('callback_automation').where({ id: 1 }).update({
      channel: s.channel, reply_wait_seconds: s.replyWaitSeconds, daily_cap: s.dailyCap, send_rate_per_second: s.sendRatePerSecond,
      ivr_endpoint: s.ivrEndpoint, ivr_secret: s.ivrSecret, updated_by: actorId, updated_at: now,
    });
  },

  /**
   * What the channel rule needs about each due callback, for a whole batch in one statement:
   * the customer (tier, preference, opt-out), automated messages to the number
   * today in the desk's zone (callback_auto_attempts_phone_idx) and whether the round already had an automated attempt.
   */
  async channelFacts(trx: Knex, callbackIds: readonly number[], now: Date, timezone: string): Promise<Map<number, ChannelFactsRow>> {
    if (callbackIds.length === 0) return new Map();
    const result = await trx.raw<{ rows: ChannelFactsRow[] }>(
      `SELECT c.id AS callback_id, t.number AS ticket_number, cu.id AS customer_id, cu.phone, cu.tier,
         p.channel AS preference, p.language,
         EXISTS (SELECT 1 FROM callback_opt_outs o WHERE o.phone = cu.phone) AS opted_out,
         (SELECT count(*) FROM callback_auto_attempts a WHERE a.phone = cu.phone
           AND a.created_at >= (date_trunc('day', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ?))::int AS sent_today,
         EXISTS (SELECT 1 FROM callbacks e WHERE e.ticket_id = c.ticket_id AND e.handling_round = c.handling_round AND e.channel <> 'phone') AS automated_before
       FROM callbacks c JOIN tickets t ON t.id = c.ticket_id JOIN customers cu ON cu.id = t.customer_id
       LEFT JOIN callback_preferences p ON p.customer_id = cu.id
       WHERE c.id = ANY(?::bigint[])`,
      [now, timezone, timezone, [...callbackIds]],
    );
    return new Map(result.rows.map((r) => [Number(r.callback_id), { ...r, callback_id: Number(r.callback_id), customer_id: Number(r.customer_id) }]));
  },

  async markAutomated(trx: Knex, rows: readonly { id: number; channel: AutoChannel }[]): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `UPDATE callbacks c SET state = 'automated', channel = r.channel, assignee_id = NULL, assigned_at = NULL
       FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, channel text) WHERE c.id = r.id`,
      [JSON.stringify(rows)],
    );
  },

  async insertAttempts(trx: Knex, rows: readonly NewAutoAttempt[]): Promise<AutoAttemptRow[]> {
    if (rows.length === 0) return [];
    return trx('callback_auto_attempts').insert(rows.map((r) => ({ ...r, state: 'queued' }))).returning<AutoAttemptRow[]>('*');
  },

  /**
   * Claims due queued messages of the given channels and marks them `sending` with a lease, in a
   * statement of its own: the row (our reference of the message) is committed before the send.
   */
  async claim(knex: Knex, channels: readonly AutoChannel[], limit: number, now: Date, leaseSeconds: number): Promise<AutoAttemptRow[]> {
    const result = await knex.raw<{ rows: AutoAttemptRow[] }>(
      `WITH due AS (
         SELECT id FROM callback_auto_attempts WHERE state = 'queued' AND next_attempt_at <= ? AND channel = ANY(?::text[])
         ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
       UPDATE callback_auto_attempts a SET state = 'sending', tries = a.tries + 1, lease_until = ?::timestamptz + make_interval(secs => ?)
       FROM due WHERE a.id = due.id RETURNING a.*`,
      [now, [...channels], limit, now, leaseSeconds],
    );
    return result.rows.sort((a, b) => a.id - b.id);
  },

  /** A claim whose worker died mid-send: the message may have left, so it is never sent again. */
  expireLeases: (knex: Knex, now: Date) =>
    knex('callback_auto_attempts').where({ state: 'sending' }).where('lease_until', '<', now)
      .update({ state: 'unconfirmed', lease_until: null, last_error: 'the sending worker stopped before the answer was recorded' }),

  /** Messages the SMSC (or the platform) accepted, with their ids, in one transaction; receipts that overtook them are applied. */
  async recordSent(knex: Knex, sent: readonly { id: number; externalId: string }[], now: Date): Promise<void> {
    if (sent.length === 0) return;
    await knex.transaction(async (trx) => {
      await lockMessageIds(trx, sent.map((s) => s.externalId));
      const ids = JSON.stringify(sent.map((s) => ({ id: s.id, external_id: s.externalId })));
      await trx.raw(
        `UPDATE callback_auto_attempts a SET state = 'sent', external_id = r.external_id, sent_at = ?, lease_until = NULL, last_error = NULL
         FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, external_id text) WHERE a.id = r.id AND a.state IN ('sending', 'unconfirmed')`,
        [now, ids],
      );
      await trx.raw(
        `WITH early AS (DELETE FROM callback_sms_receipts r USING jsonb_to_recordset(?::jsonb) AS s(id bigint, external_id text)
           WHERE r.message_id = s.external_id RETURNING s.id, r.stat, r.at)
         UPDATE callback_auto_attempts a SET delivery = early.stat, delivered_at = early.at FROM early WHERE a.id = early.id AND a.channel = 'sms'`,
        [ids],
      );
    });
  },

  requeue: (knex: Knex, id: number, at: Date, error: string) =>
    knex('callback_auto_attempts').where({ id, state: 'sending' }).update({ state: 'queued', next_attempt_at: at, lease_until: null, last_error: error }),

  setState: (knex: Knex, id: number, state: 'unconfirmed' | 'failed', error: string) =>
    knex('callback_auto_attempts').where({ id }).whereIn('state', ['sending']).update({ state, lease_until: null, last_error: error }),

  /** Receipts applied to the messages whose ids are recorded; the others kept until their id is. Returns the messages matched. */
  async applyReceipts(trx: Knex.Transaction, receipts: readonly { messageId: string; stat: string }[], at: Date): Promise<{ callback_id: number; delivery: string }[]> {
    if (receipts.length === 0) return [];
    await lockMessageIds(trx, receipts.map((r) => r.messageId));
    const list = JSON.stringify(receipts.map((r) => ({ message_id: r.messageId, stat: r.stat })));
    const matched = await trx.raw<{ rows: { callback_id: number; delivery: string; external_id: string }[] }>(
      `UPDATE callback_auto_attempts a SET delivery = r.stat, delivered_at = ? FROM jsonb_to_recordset(?::jsonb) AS r(message_id text, stat text)
       WHERE a.channel = 'sms' AND a.external_id = r.message_id RETURNING a.callback_id, a.delivery, a.external_id`,
      [at, list],
    );
    const found = new Set(matched.rows.map((m) => m.external_id));
    const early = [...new Map(receipts.filter((r) => !found.has(r.messageId)).map((r) => [r.messageId, r])).values()];
    if (early.length > 0) {
      await trx('callback_sms_receipts').insert(early.map((r) => ({ message_id: r.messageId, stat: r.stat, at }))).onConflict('message_id').merge(['stat', 'at']);
    }
    return matched.rows.map((m) => ({ callback_id: Number(m.callback_id), delivery: m.delivery }));
  },

  /** The survey a reply answers: the latest SMS to that number sent within the window. */
  latestSmsTo: (trx: Knex.Transaction, phone: string, since: Date) =>
    trx<AutoAttemptRow>('callback_auto_attempts').where({ phone, channel: 'sms' }).where('created_at', '>=', since)
      .whereIn('state', ['sent', 'unconfirmed', 'sending']).orderBy('created_at', 'desc').orderBy('id', 'desc').forUpdate().first(),

  forUpdate: (trx: Knex.Transaction, id: number) => trx<AutoAttemptRow>('callback_auto_attempts').where({ id }).forUpdate().first(),

  byCallback: (trx: Knex, callbackId: number) => trx<AutoAttemptRow>('callback_auto_attempts').where({ callback_id: callbackId }).first(),

  recordReply: (trx: Knex, id: number, text: string, at: Date, effect: NonNullable<AutoAttemptRow['reply_effect']>) =>
    trx('callback_auto_attempts').where({ id }).update({ reply_text: text, reply_at: at, reply_effect: effect }),

  /** An agent took over: a message not sent yet is never sent. */
  cancelQueued: (trx: Knex, callbackId: number) =>
    trx('callback_auto_attempts').where({ callback_id: callbackId, state: 'queued' }).update({ state: 'cancelled' }),

  unmatched: (trx: Knex, phone: string, text: string, at: Date) => trx('callback_sms_unmatched').insert({ phone, text, at }),

  async optOut(trx: Knex, phone: string, at: Date, source: 'sms' | 'agent', text: string | null): Promise<void> {
    await trx('callback_opt_outs').insert({ phone, at, source, text }).onConflict('phone').ignore();
  },

  optIn: (trx: Knex, phone: string) => trx('callback_opt_outs').where({ phone }).del(),

  preference: (db: Knex, customerId: number) =>
    db('callback_preferences as p').rightJoin('customers as cu', 'cu.id', 'p.customer_id').where('cu.id', customerId)
      .first<{ customer_id: number; phone: string; channel: Channel | null; language: Language | null; updated_at: Date | null; opted_out: boolean } | undefined>(
        'cu.id as customer_id', 'cu.phone', 'p.channel', 'p.language', 'p.updated_at',
        db.raw('EXISTS (SELECT 1 FROM callback_opt_outs o WHERE o.phone = cu.phone) AS opted_out'),
      ),

  async savePreference(trx: Knex, customerId: number, channel: Channel | null, language: Language, actorId: number, now: Date): Promise<void> {
    await trx('callback_preferences').insert({ customer_id: customerId, channel, language, updated_by: actorId, updated_at: now })
      .onConflict('customer_id').merge(['channel', 'language', 'updated_by', 'updated_at']);
  },
};
