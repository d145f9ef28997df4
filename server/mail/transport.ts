import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** an HTML alternative to the text (the monthly bulletin) */
  html?: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  /** deterministic, so a receiver can spot the rare duplicate a crash between send and record could cause */
  messageId: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'files';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  smtpUrl: string | undefined;
  /** where .eml files go when no SMTP server is configured */
  dataDir: string;
  from: string;
  /** SMTP options for tests against a plain local server */
  smtp?: { ignoreTLS?: boolean; connectionTimeout?: number };
}

/** SMTP when SMTP_URL is set; otherwise each message is an .eml file a newcomer can open. */
export function createMailTransport(options: TransportOptions): MailTransport {
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport({
      url: options.smtpUrl,
      ignoreTLS: options.smtp?.ignoreTLS,
      connectionTimeout: options.smtp?.connectionTimeout ?? 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      kind: 'smtp',
      async send(mail) {
        await transporter.sendMail({ from: options.from, ...mail });
      },
      close: () => transporter.close(),
    };
  }
  const dir = path.join(options.dataDir, 'mail');
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(mail) {
      const info = await writer.sendMail({ from: options.from, ...mail });
      await fs.mkdir(dir, { recursive: true });
      const name = `${mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`;
      // write then rename: a reader never sees half a message
      const tmp = path.join(dir, `.${name}.tmp`);
      await fs.writeFile(tmp, info.message as Buffer);
      await fs.rename(tmp, path.join(dir, name));
    },
    close: () => writer.close(),
  };
}
