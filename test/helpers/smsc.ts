import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';

export interface Submitted {
  to: string;
  from: string;
  text: string;
  messageId: string;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value) return textOf((value as { message: unknown }).message);
  return '';
}

/**
 * A real SMS centre in the test process (the `smpp` package's server): it binds the desk with a
 * system id and password, answers submit_sm with a message id (after `delayMs`, or a refusal with
 * `refuseWith`), and delivers customers' replies and delivery receipts to the bound desk.
 */
export class Smsc {
  readonly submits: Submitted[] = [];
  delayMs = 0;
  refuseWith: number | null = null;
  private server: smpp.Server | null = null;
  private sessions = new Set<smpp.Session>();
  private bound: smpp.Session | null = null;
  private nextId = 1;

  private constructor(private readonly credentials: { systemId: string; password: string }, public port = 0) {}

  static async start(credentials = { systemId: 'loopdesk', password: 'smsc-pass' }, port = 0): Promise<Smsc> {
    const smsc = new Smsc(credentials, port);
    await smsc.listen();
    return smsc;
  }

  get url(): string {
    return `smpp://${this.credentials.systemId}:${this.credentials.password}@127.0.0.1:${this.port}`;
  }

  /** how many times each destination got a message */
  countTo(to: string): number {
    return this.submits.filter((s) => s.to === to).length;
  }

  isBound(): boolean {
    return this.bound !== null;
  }

  async listen(): Promise<void> {
    const server = smpp.createServer((session) => {
      this.sessions.add(session);
      session.on('error', () => undefined);
      session.on('close', () => {
        this.sessions.delete(session);
        if (this.bound === session) this.bound = null;
      });
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        const ok = pdu.system_id === this.credentials.systemId && pdu.password === this.credentials.password;
        session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RBINDFAIL }));
        if (ok) this.bound = session;
        else session.close();
      });
      session.on('submit_sm', (pdu: smpp.PDU) => {
        const answer = () => {
          if (this.refuseWith !== null) {
            session.send(pdu.response({ command_status: this.refuseWith }));
            return;
          }
          const messageId = `M${this.nextId++}`;
          this.submits.push({ to: String(pdu.destination_addr), from: String(pdu.source_addr), text: textOf(pdu.short_message), messageId });
          session.send(pdu.response({ message_id: messageId }));
        };
        if (this.delayMs > 0) setTimeout(answer, this.delayMs);
        else answer();
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
  }

  private deliver(options: Record<string, unknown>): Promise<number> {
    const session = this.bound;
    if (!session) return Promise.reject(new Error('the desk is not bound'));
    return new Promise((resolve) => {
      session.deliver_sm(options, (pdu) => resolve(pdu.command_status));
    });
  }

  /** A customer's reply (mobile-originated); resolves with the desk's command_status (0: stored). */
  reply(from: string, text: string): Promise<number> {
    return this.deliver({ source_addr: from, destination_addr: '10000', short_message: text });
  }

  /** A delivery receipt in the usual text form. */
  receipt(messageId: string, stat = 'DELIVRD'): Promise<number> {
    return this.deliver({
      source_addr: '10000', destination_addr: '10000', esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
      short_message: `id:${messageId} sub:001 dlvr:001 submit date:2611251000 done date:2611251000 stat:${stat} err:000 text:`,
    });
  }

  /** The SMS centre goes down: the listener closes and every session drops. */
  async stop(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    this.sessions.clear();
    this.bound = null;
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
