import type { Deps } from '../deps';
import { subscribeMail } from './notifications';
import { createMailer, type Mailer, type RetryPolicy } from './service';
import type { Locale } from './templates';
import { createMailTransport, type MailTransport } from './transport';

export interface MailOptions {
  retry?: RetryPolicy;
  concurrency?: number;
  locale?: Locale;
  /** how often the worker looks for due deliveries without being woken */
  pollMs?: number;
  smtp?: { ignoreTLS?: boolean; connectionTimeout?: number };
  /** instead of SMTP_URL / .eml files (drills, tests) */
  transport?: MailTransport;
  onRefused?: Parameters<typeof createMailer>[1]['onRefused'];
}

export interface MailSystem {
  mailer: Mailer;
  transportKind: 'smtp' | 'files';
  stop(): Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { backoffMs: 2000, maxBackoffMs: 60_000 };

/**
 * Mail for the running desk: SMTP_URL or .eml files under the data directory. Notifications are
 * recorded by the durable `mail` consumer of the event bus (once per event, in the transaction
 * that marks it handled) and by the domains' own scheduled handlers; this process's worker sends
 * them from `mail_deliveries`.
 */
export async function startMail(deps: Deps, options: MailOptions = {}): Promise<MailSystem> {
  const { config } = deps;
  const transport = options.transport ?? createMailTransport({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    from: `LoopDesk <noreply@${new URL(config.publicUrl).hostname}>`,
    smtp: options.smtp,
  });
  const mailer = createMailer(deps, {
    transport, locale: options.locale ?? 'zh-CN', retry: options.retry ?? DEFAULT_RETRY,
    concurrency: options.concurrency, pollMs: options.pollMs, onRefused: options.onRefused,
  });
  const unsubscribe = subscribeMail(deps.bus, deps.knex, config, mailer);
  await mailer.start();
  return {
    mailer,
    transportKind: transport.kind,
    async stop() {
      unsubscribe();
      await mailer.stop();
    },
  };
}
