import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import type { Deps } from '../deps';
import type { Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { errors } from '../http/errors';
import { mailRepository } from './repository';
import type { ParkedMail } from './schemas';
import { render, type Locale, type MailTemplate } from './templates';
import { singleFlight } from '../jobs/single-flight';
import type { MailTransport } from './transport';

export interface Recipient {
  userId: number | null;
  email: string;
}

export interface Notification {
  /** derived from what it announces, e.g. `escalation:42`: the same id is never mailed twice */
  id: string;
  ticketId: number | null;
  template: MailTemplate;
  recipients: readonly Recipient[];
}

/** A message already worded by its domain (callback surveys, unit-head notes). */
export interface RenderedNotification {
  id: string;
  kind: string;
  ticketId: number | null;
  locale: Locale;
  subject: string;
  body: string;
  recipients: readonly Recipient[];
  /** a fixed Message-ID (one recipient); otherwise one is derived from (id, recipient) */
  messageId?: string;
  /** an HTML alternative of the body (the monthly bulletin) */
  html?: string;
  attachments?: StoredAttachment[];
}

export interface MailJob {
  notificationId: string;
  recipient: string;
}

export interface RetryPolicy {
  /** first retry after this; each further retry waits twice as long, up to `maxBackoffMs` */
  backoffMs: number;
  /** the longest wait between two attempts: a delivery is retried for as long as SMTP is down */
  maxBackoffMs?: number;
}

export interface MailerOptions {
  transport: MailTransport;
  locale: Locale;
  retry: RetryPolicy;
  /** deliveries sent side by side */
  concurrency?: number;
  /** a worker that claimed a delivery and died releases it after this long */
  leaseSeconds?: number;
  /** how often the worker looks for due deliveries without being woken */
  pollMs?: number;
  /** told of every delivery the server refused for good (550 …): the alert */
  onRefused?: (delivery: MailJob & { error: string }) => void;
}

interface DueDelivery {
  notification_id: string;
  recipient: string;
  message_id: string;
  attempts: number;
  subject: string;
  body: string;
  html: string | null;
  attachments: StoredAttachment[] | null;
}

const derivedMessageId = (notificationId: string, recipient: string) =>
  `<${crypto.createHash('sha1').update(`${notificationId}\n${recipient}`).digest('hex')}@loopdesk>`;

/**
 * Records a notification and one pending delivery per recipient, in the caller's transaction
 * (the one that decided the mail), so it is sent if and only if that transaction commits.
 * Recording it twice is harmless: the same id and recipient are one row.
 */
export async function recordMail(db: Knex, clock: Clock, mail: RenderedNotification): Promise<void> {
  const recipients = [...new Map(mail.recipients.map((r) => [r.email.toLowerCase(), r])).values()];
  if (recipients.length === 0) return;
  const now = clock.now();
  await db('mail_notifications')
    .insert({
      id: mail.id, kind: mail.kind, ticket_id: mail.ticketId, locale: mail.locale, subject: mail.subject, body: mail.body,
      html: mail.html ?? null, attachments: mail.attachments ? JSON.stringify(mail.attachments) : null, created_at: now,
    })
    .onConflict('id').ignore();
  await db('mail_deliveries')
    .insert(recipients.map((r) => ({
      notification_id: mail.id, recipient: r.email, user_id: r.userId, status: 'pending',
      message_id: mail.messageId ?? derivedMessageId(mail.id, r.email), created_at: now,
    })))
    .onConflict(['notification_id', 'recipient']).ignore();
}

/** An SMTP reply in the 5xx range refuses this message for good; anything else may pass later. */
export function isPermanentRefusal(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * The one delivery path: `mail_deliveries` is the queue. A worker claims due rows (pending, or a
 * lease that ran out) with SKIP LOCKED in a statement of its own, sends each OUTSIDE any
 * transaction, and records the outcome: sent; a transient failure waits its backoff and is tried
 * again, for as long as it takes; a refusal (5xx) fails that recipient alone, with an alert and
 * `retryFailed` to send it again. A crash between send and record can repeat one message; its
 * Message-ID is fixed so the receiver can tell.
 */
export function createMailer(deps: Deps, options: MailerOptions) {
  const { knex, clock, config, logger } = deps;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const concurrency = options.concurrency ?? 4;
  const maxBackoffMs = options.retry.maxBackoffMs ?? 60_000;
  let pollTimer: NodeJS.Timeout | null = null;
  let stopped = true;

  async function claim(limit: number, only?: MailJob): Promise<DueDelivery[]> {
    const target = only ? 'AND d.notification_id = ? AND d.recipient = ?' : '';
    const result = await knex.raw<{ rows: DueDelivery[] }>(
      `WITH due AS (
         SELECT d.notification_id, d.recipient FROM mail_deliveries d
         WHERE ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'sending' AND d.lease_until < now())) ${target}
         ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
       UPDATE mail_deliveries m SET status = 'sending', attempts = m.attempts + 1, lease_until = now() + make_interval(secs => ?)
       FROM due, mail_notifications n
       WHERE m.notification_id = due.notification_id AND m.recipient = due.recipient AND n.id = m.notification_id
       RETURNING m.notification_id, m.recipient, m.message_id, m.attempts, n.subject, n.body, n.html, n.attachments`,
      [...(only ? [only.notificationId, only.recipient] : []), limit, leaseSeconds],
    );
    return result.rows;
  }

  async function send(d: DueDelivery): Promise<'sent' | 'retry' | 'refused'> {
    const key = { notification_id: d.notification_id, recipient: d.recipient };
    try {
      await options.transport.send({
        to: d.recipient, subject: d.subject, text: d.body, messageId: d.message_id,
        ...(d.html ? { html: d.html } : {}),
        ...(d.attachments ? { attachments: d.attachments.map((a) => ({ filename: a.filename, contentType: a.content_type, content: Buffer.from(a.content_base64, 'base64') })) } : {}),
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (isPermanentRefusal(err)) {
        await knex('mail_deliveries').where(key).update({ status: 'failed', lease_until: null, last_error: error });
        logger.error('mail refused by the server; set aside until retried', { notification: d.notification_id, recipient: d.recipient, err: error });
        options.onRefused?.({ notificationId: d.notification_id, recipient: d.recipient, error });
        return 'refused';
      }
      const waitMs = Math.min(options.retry.backoffMs * 2 ** Math.min(d.attempts - 1, 30), maxBackoffMs);
      await knex('mail_deliveries').where(key).update({ status: 'pending', lease_until: null, last_error: error, next_attempt_at: knex.raw('now() + make_interval(secs => ?)', [waitMs / 1000]) });
      logger.warn('mail delivery attempt failed; retrying', { notification: d.notification_id, attempt: d.attempts, wait_ms: waitMs, err: error });
      return 'retry';
    }
    await knex('mail_deliveries').where(key).update({ status: 'sent', sent_at: clock.now(), lease_until: null, last_error: null });
    return 'sent';
  }

  /** Sends everything due now; returns how many were sent. */
  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await claim(concurrency * 8);
      if (batch.length === 0) return sent;
      // one at a time per lane: a refused or failing recipient holds back nobody else's mail
      const lanes = Array.from({ length: concurrency }, async (_, lane) => {
        for (let i = lane; i < batch.length; i += concurrency) if ((await send(batch[i]!)) === 'sent') sent += 1;
      });
      await Promise.all(lanes);
      if (batch.length < concurrency * 8) return sent;
    }
  }

  const flight = singleFlight(drain, {
    stopped: () => stopped, idleWhenStopped: true, afterError: 'continue',
    onError: (err) => logger.warn('mail worker pass failed', { err }),
  });
  const kick = flight.run;

  return {
    kick,

    /** Sends this one delivery now if it is due or its lease ran out (sent once, whoever calls). */
    async deliver(job: MailJob): Promise<'sent' | 'skipped' | 'retry' | 'refused'> {
      const [delivery] = await claim(1, job);
      return delivery ? send(delivery) : 'skipped';
    },

    /** Records a templated notification in `db` (the caller's transaction); sent after commit. */
    async record(db: Knex, notification: Notification): Promise<void> {
      const mail = render(notification.template, options.locale, config.timezone);
      await recordMail(db, clock, {
        id: notification.id, kind: notification.template.kind, ticketId: notification.ticketId, locale: options.locale,
        subject: mail.subject, body: mail.text, recipients: notification.recipients,
      });
    },

    /** Records it in a transaction of its own and wakes the worker. */
    async notify(notification: Notification): Promise<void> {
      await knex.transaction((trx) => this.record(trx, notification));
      void kick();
    },

    /** Sends refused deliveries again (after the address was fixed); returns how many. */
    async retryFailed(filter: { notificationId?: string } = {}): Promise<number> {
      const count = await knex('mail_deliveries').where({ status: 'failed', ...(filter.notificationId ? { notification_id: filter.notificationId } : {}) })
        .update({ status: 'pending', next_attempt_at: knex.fn.now(), attempts: 0 });
      void kick();
      return count;
    },

    /** Deliveries not sent yet, and those refused for good: for /readyz and /metrics. */
    backlog: () => mailRepository.backlog(knex),

    async start(): Promise<void> {
      if (!stopped) return;
      stopped = false;
      pollTimer = setInterval(() => void kick(), options.pollMs ?? 1000);
      pollTimer.unref();
      await kick();
    },

    async stop(): Promise<void> {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      await flight.running?.catch(() => undefined);
      options.transport.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;

/** mail_notifications.attachments: files carried with a notification (the monthly report's CSV) */
export interface StoredAttachment {
  filename: string;
  content_type: string;
  content_base64: string;
}

/**
 * Parked mail: deliveries the mail server refused for good, listed with the refusal for an
 * admin or supervisor, who sends one again once the address is fixed. The retry is audited in
 * its transaction; `wake` (the mail worker of this process, when it runs one) sends it at once,
 * otherwise the worker's next poll does.
 */
export function createParkedMailService(deps: Pick<Deps, 'knex' | 'clock' | 'logger'>, wake: () => void = () => undefined) {
  const { knex, clock, logger } = deps;
  return {
    backlog: () => mailRepository.backlog(knex),

    async list(query: { limit: number; before?: number }): Promise<{ items: ParkedMail[]; next_before: number | null }> {
      const rows = await mailRepository.listParked(knex, query.limit, query.before);
      const items = rows.map((r): ParkedMail => ({
        id: r.id, notification_id: r.notification_id, kind: r.kind, subject: r.subject, recipient: r.recipient,
        ticket_id: r.ticket_id, ticket_number: r.ticket_number, attempts: r.attempts, error: r.last_error, created_at: r.created_at.toISOString(),
      }));
      return { items, next_before: rows.length === query.limit ? rows[rows.length - 1]!.id : null };
    },

    async retry(principal: Principal, id: number): Promise<{ id: number; status: 'pending' }> {
      await knex.transaction(async (trx) => {
        const delivery = await mailRepository.lock(trx, id);
        if (!delivery) throw errors.notFound(`mail delivery ${id}`);
        if (delivery.status !== 'failed') throw errors.conflict(`mail delivery ${id} is ${delivery.status}, not parked`, { code: 'mail_not_parked', current_status: delivery.status });
        await mailRepository.requeue(trx, id);
        await writeAudit(trx, {
          at: clock.now(), actorId: principal.id, entity: 'mail_delivery', entityId: id, action: 'retry',
          data: { notification_id: delivery.notification_id, recipient: delivery.recipient, error: delivery.last_error },
        });
      });
      logger.info('parked mail sent again', { delivery: id, by: principal.id });
      wake();
      return { id, status: 'pending' };
    },
  };
}

export type ParkedMailService = ReturnType<typeof createParkedMailService>;
