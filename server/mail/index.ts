import type { Deps } from '../deps';
import { subscribeMail } from './notifications';
import { createBullMailQueue, createInProcessMailQueue, type RetryPolicy } from './queue';
import { createMailer, type Mailer } from './service';
import type { Locale } from './templates';
import { createMailTransport } from './transport';

export interface MailOptions {
  /** overrides config.redisUrl; null forces the in-process queue */
  redisUrl?: string | null;
  /** Redis key prefix and queue name; tests give each run its own */
  prefix?: string;
  queueName?: string;
  retry?: RetryPolicy;
  concurrency?: number;
  locale?: Locale;
  sweepEveryMs?: number;
  smtp?: { ignoreTLS?: boolean; connectionTimeout?: number };
}

export interface MailSystem {
  mailer: Mailer;
  transportKind: 'smtp' | 'files';
  queueKind: 'bull' | 'in-process';
  ready(): Promise<boolean>;
  stop(): Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 8, backoffMs: 2000 };

/**
 * Mail for the running desk: SMTP_URL or .eml files under the data directory; a Bull queue when
 * REDIS_URL is set, an in-process one otherwise; subscribed to the event bus.
 */
export async function startMail(deps: Deps, options: MailOptions = {}): Promise<MailSystem> {
  const { config, logger } = deps;
  const transport = createMailTransport({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    from: `LoopDesk <noreply@${new URL(config.publicUrl).hostname}>`,
    smtp: options.smtp,
  });
  const redisUrl = options.redisUrl === undefined ? config.redisUrl : options.redisUrl;
  const retry = options.retry ?? DEFAULT_RETRY;
  const concurrency = options.concurrency ?? 4;
  const queue = redisUrl
    ? createBullMailQueue({ redisUrl, prefix: options.prefix ?? 'loopdesk', name: options.queueName ?? 'mail', retry, concurrency, logger })
    : createInProcessMailQueue({ retry, concurrency, logger });
  const mailer = createMailer(deps, { transport, queue, locale: options.locale ?? 'zh-CN', sweepEveryMs: options.sweepEveryMs });
  const unsubscribe = subscribeMail(deps.bus, deps.knex, config, mailer);
  await mailer.start();
  return {
    mailer,
    transportKind: transport.kind,
    queueKind: queue.kind,
    ready: () => queue.ready(),
    async stop() {
      unsubscribe();
      await mailer.stop();
    },
  };
}
