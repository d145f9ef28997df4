import crypto from 'node:crypto';
import type { Deps } from '../deps';
import type { MailJob, MailQueue } from './queue';
import { render, type Locale, type MailTemplate } from './templates';
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

export interface MailerOptions {
  transport: MailTransport;
  queue: MailQueue;
  locale: Locale;
  /** a worker that claimed a delivery and died releases it after this long */
  leaseSeconds?: number;
  /** how often unsent deliveries are queued again (lost jobs, attempts exhausted while SMTP was down) */
  sweepEveryMs?: number;
}

interface DeliveryKey {
  notification_id: string;
  recipient: string;
}

/**
 * Mail goes out through a queue with retries; PostgreSQL records each (notification, recipient)
 * delivery, and a worker must claim it (pending → sending) before sending, so a job that runs
 * twice, or two workers, send it once. A send that fails puts it back to pending for the retry.
 */
export function createMailer(deps: Deps, options: MailerOptions) {
  const { knex, clock, config, logger } = deps;
  const leaseSeconds = options.leaseSeconds ?? 120;
  let sweepTimer: NodeJS.Timeout | null = null;

  const messageId = (notificationId: string, recipient: string) =>
    `<${crypto.createHash('sha1').update(`${notificationId}\n${recipient}`).digest('hex')}@loopdesk>`;

  async function deliver(job: MailJob): Promise<'sent' | 'skipped'> {
    const key: DeliveryKey = { notification_id: job.notificationId, recipient: job.recipient };
    const claimed = await knex.raw<{ rows: { message_id: string }[] }>(
      `UPDATE mail_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => ?)
       WHERE notification_id = ? AND recipient = ? AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
       RETURNING message_id`,
      [leaseSeconds, key.notification_id, key.recipient],
    );
    const delivery = claimed.rows[0];
    if (!delivery) return 'skipped'; // sent already, or another worker holds it
    const notification = await knex('mail_notifications').where({ id: key.notification_id })
      .first<{ subject: string; body: string; html: string | null; attachments: StoredAttachment[] | null }>('subject', 'body', 'html', 'attachments');
    try {
      await options.transport.send({
        to: key.recipient, subject: notification!.subject, text: notification!.body, messageId: delivery.message_id,
        ...(notification!.html ? { html: notification!.html } : {}),
        ...(notification!.attachments ? { attachments: notification!.attachments.map((a) => ({ filename: a.filename, contentType: a.content_type, content: Buffer.from(a.content_base64, 'base64') })) } : {}),
      });
    } catch (err) {
      await knex('mail_deliveries').where(key).update({ status: 'pending', lease_until: null, last_error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    await knex('mail_deliveries').where(key).update({ status: 'sent', sent_at: clock.now(), lease_until: null, last_error: null });
    return 'sent';
  }

  async function sweep(): Promise<number> {
    const unsent: DeliveryKey[] = await knex('mail_deliveries')
      .where('status', 'pending')
      .orWhere((q) => q.where('status', 'sending').andWhere('lease_until', '<', knex.fn.now()))
      .select('notification_id', 'recipient')
      .limit(1000);
    for (const d of unsent) await options.queue.add({ notificationId: d.notification_id, recipient: d.recipient });
    return unsent.length;
  }

  return {
    deliver,
    sweep,

    /** Records the notification and one delivery per recipient, then queues what is unsent. */
    async notify(notification: Notification): Promise<void> {
      const recipients = [...new Map(notification.recipients.map((r) => [r.email.toLowerCase(), r])).values()];
      if (recipients.length === 0) return;
      const mail = render(notification.template, options.locale, config.timezone);
      const now = clock.now();
      await knex.transaction(async (trx) => {
        await trx('mail_notifications')
          .insert({ id: notification.id, kind: notification.template.kind, ticket_id: notification.ticketId, locale: options.locale, subject: mail.subject, body: mail.text, created_at: now })
          .onConflict('id').ignore();
        await trx('mail_deliveries')
          .insert(recipients.map((r) => ({
            notification_id: notification.id, recipient: r.email, user_id: r.userId, status: 'pending', message_id: messageId(notification.id, r.email), created_at: now,
          })))
          .onConflict(['notification_id', 'recipient']).ignore();
      });
      const unsent: string[] = await knex('mail_deliveries').where({ notification_id: notification.id }).whereNot('status', 'sent').pluck('recipient');
      for (const recipient of unsent) await options.queue.add({ notificationId: notification.id, recipient });
    },

    async start(): Promise<void> {
      options.queue.start(async (job) => {
        await deliver(job);
      });
      await sweep();
      sweepTimer = setInterval(() => {
        sweep().catch((err: unknown) => logger.warn('mail sweep failed', { err }));
      }, options.sweepEveryMs ?? 60_000);
      sweepTimer.unref();
    },

    async stop(): Promise<void> {
      if (sweepTimer) clearInterval(sweepTimer);
      await options.queue.close();
      options.transport.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;

/** mail_notifications.attachments: files carried with a notification (the monthly report's CSV) */
interface StoredAttachment {
  filename: string;
  content_type: string;
  content_base64: string;
}
