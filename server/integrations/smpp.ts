import * as smpp from 'smpp';
import type { Logger } from '../logger';

/**
 * The desk's side of an SMS centre (SMSC) over SMPP 3.4/5.0 (the `smpp` package): one
 * transceiver session, bound with the system id and password of SMPP_URL, re-connected with
 * backoff whenever it drops. It submits messages and hands what the SMSC delivers (customers'
 * replies and delivery receipts) to `inbound`; a deliver_sm is acknowledged only once `inbound`
 * stored it, otherwise the SMSC is told to try again later (ESME_RX_T_APPN), so nothing is lost.
 *
 * A submit's answer says whether the message may be sent again: `not_sent` (the session was not
 * bound, nothing left the desk) and a transient refusal may; `uncertain` (the PDU was written and
 * no answer came) may not: the caller records it and never repeats it.
 */
export interface SmppInbound {
  message(m: { from: string; to: string; text: string; at: Date }): Promise<void>;
  receipt(r: { messageId: string; stat: string; at: Date }): Promise<void>;
}

export type SubmitResult =
  | { kind: 'accepted'; messageId: string }
  | { kind: 'not_sent'; error: string }
  | { kind: 'refused'; status: number; transient: boolean }
  | { kind: 'uncertain'; error: string };

export interface SmppTarget {
  host: string;
  port: number;
  systemId: string;
  password: string;
}

/** `smpp://system_id:password@host:port` (port 2775 when absent). */
export function parseSmppUrl(url: string): SmppTarget {
  const u = new URL(url);
  return { host: u.hostname, port: u.port ? Number(u.port) : 2775, systemId: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** SMSC answers that mean "not now": the message may be offered again. */
const TRANSIENT = new Set([smpp.ESME_RMSGQFUL, smpp.ESME_RTHROTTLED, smpp.ESME_RX_T_APPN, 0x08 /* ESME_RSYSERR */]);

const MESSAGE_STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value) return textOf((value as { message: unknown }).message);
  return '';
}

/** A delivery receipt names the message in a TLV or in its text (`id:… stat:DELIVRD …`). */
export function parseReceipt(pdu: { receipted_message_id?: unknown; message_state?: unknown; short_message?: unknown }): { messageId: string; stat: string } | null {
  const text = textOf(pdu.short_message);
  const messageId = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id !== '' ? pdu.receipted_message_id : /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const stat = typeof pdu.message_state === 'number' && MESSAGE_STATES[pdu.message_state] ? MESSAGE_STATES[pdu.message_state]! : /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  return messageId && stat ? { messageId, stat } : null;
}

export interface SmppClientOptions {
  url: string;
  /** the sender address (LOOPDESK_SMS_SOURCE) */
  source: string;
  logger: Logger;
  inbound: SmppInbound;
  /** a submit with no answer after this long is `uncertain` */
  responseTimeoutMs?: number;
  enquireLinkMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

export function createSmppClient(options: SmppClientOptions) {
  const target = parseSmppUrl(options.url);
  const { logger, inbound } = options;
  const responseTimeoutMs = options.responseTimeoutMs ?? 30_000;
  const reconnectMaxMs = options.reconnectMaxMs ?? 30_000;
  const reconnectMinMs = options.reconnectMinMs ?? 500;
  let session: smpp.Session | null = null;
  let bound = false;
  let stopped = true;
  let backoff = reconnectMinMs;
  let retryTimer: NodeJS.Timeout | null = null;
  let boundWaiters: (() => void)[] = [];
  /** submits written and not answered yet: settled as uncertain when the session drops */
  const inFlight = new Set<(result: SubmitResult) => void>();

  function connect(): void {
    if (stopped) return;
    const s = smpp.connect({ host: target.host, port: target.port, auto_enquire_link_period: options.enquireLinkMs ?? 10_000 });
    session = s;
    s.on('connect', () => {
      s.bind_transceiver({ system_id: target.systemId, password: target.password }, (pdu) => {
        if (pdu.command_status !== smpp.ESME_ROK) {
          logger.warn('SMSC refused the bind', { status: pdu.command_status });
          s.destroy();
          return;
        }
        bound = true;
        backoff = reconnectMinMs;
        logger.info('SMSC bound', { host: target.host, port: target.port });
        for (const w of boundWaiters.splice(0)) w();
      });
    });
    s.on('deliver_sm', (pdu: smpp.PDU) => void onDeliver(s, pdu));
    s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
    s.on('unbind', (pdu: smpp.PDU) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('error', (err: Error) => logger.warn('SMSC connection error', { err: err.message }));
    s.on('close', () => {
      if (session === s) session = null;
      bound = false;
      for (const settle of [...inFlight]) settle({ kind: 'uncertain', error: 'the SMSC connection closed before it answered' });
      if (stopped) return;
      retryTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, reconnectMaxMs);
    });
  }

  async function onDeliver(s: smpp.Session, pdu: smpp.PDU): Promise<void> {
    try {
      const isReceipt = (Number(pdu.esm_class ?? 0) & smpp.ESM_CLASS.MC_DELIVERY_RECEIPT) !== 0;
      if (isReceipt) {
        const receipt = parseReceipt(pdu as Parameters<typeof parseReceipt>[0]);
        if (receipt) await inbound.receipt({ ...receipt, at: new Date() });
      } else {
        await inbound.message({ from: String(pdu.source_addr ?? ''), to: String(pdu.destination_addr ?? ''), text: textOf(pdu.short_message ?? pdu.message_payload), at: new Date() });
      }
      s.send(pdu.response());
    } catch (err) {
      logger.warn('could not store what the SMSC delivered; it will deliver it again', { err: err instanceof Error ? err.message : String(err) });
      s.send(pdu.response({ command_status: smpp.ESME_RX_T_APPN }));
    }
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      connect();
    },

    bound: () => bound,

    /** Resolves true once bound (false after `ms`). */
    waitBound(ms: number): Promise<boolean> {
      if (bound) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        boundWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },

    submit(to: string, text: string): Promise<SubmitResult> {
      const s = session;
      if (!s || !bound) return Promise.resolve({ kind: 'not_sent', error: 'not bound to the SMSC' });
      return new Promise<SubmitResult>((resolve) => {
        const settle = (result: SubmitResult) => {
          if (!inFlight.delete(settle)) return;
          clearTimeout(timer);
          resolve(result);
        };
        const timer = setTimeout(() => settle({ kind: 'uncertain', error: `no answer from the SMSC within ${responseTimeoutMs} ms` }), responseTimeoutMs);
        inFlight.add(settle);
        s.submit_sm({ source_addr: options.source, destination_addr: to, short_message: text, registered_delivery: 1 }, (pdu) => {
          if (pdu.command_status === smpp.ESME_ROK) settle({ kind: 'accepted', messageId: String(pdu.message_id) });
          else settle({ kind: 'refused', status: pdu.command_status, transient: TRANSIENT.has(pdu.command_status) });
        });
      });
    },

    async stop(): Promise<void> {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      boundWaiters = [];
      const s = session;
      if (!s) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          s.destroy();
          resolve();
        }, 1000);
        s.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        if (bound) s.unbind({}, () => s.close());
        else s.destroy();
      });
    },
  };
}

export type SmppClient = ReturnType<typeof createSmppClient>;
