import type { Deps } from '../deps';
import { requestCall } from '../integrations/ivr';
import { createSmppClient, type SmppClient, type SubmitResult } from '../integrations/smpp';
import { autoRepository as autoRepo, type AutoAttemptRow } from './auto-repository';
import type { AutoChannel } from './automation';
import type { AutoCallbacks } from './auto-service';
import { singleFlight } from '../jobs/single-flight';

export interface AutoDispatchOptions {
  /** how often queued messages are looked for without being woken */
  pollMs?: number;
  /** a claim whose worker died is `unconfirmed` after this long (never sent again) */
  leaseSeconds?: number;
  /** submits waiting for the SMSC's answer at once (a slow SMSC holds back no more than this) */
  window?: number;
  smpp?: { responseTimeoutMs?: number; reconnectMinMs?: number; reconnectMaxMs?: number; enquireLinkMs?: number };
  /** first retry of a message that could not be offered; doubles up to `maxBackoffMs` */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface AutoDispatch {
  smpp: SmppClient | null;
  /** sends what is due now; resolves with how many went out */
  kick(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The sending side of automated attempts, like the mail worker: `callback_auto_attempts` is the
 * queue. A pass claims due messages (marked `sending` and committed: our reference exists before
 * anything leaves), offers them at the automation's send rate with at most `window` in flight,
 * and records each answer: sent with the SMSC's message id (receipts match on it), queued again
 * with backoff when nothing left the desk (SMSC down, not bound, throttled), `unconfirmed` when
 * the request went out and no answer came (never repeated: a customer gets one survey), refused
 * for good → an agent calls. Nothing is sent outside callable hours or on a channel not set up.
 */
export function startAutoCallbacks(deps: Deps, auto: AutoCallbacks, options: AutoDispatchOptions = {}): AutoDispatch {
  const { knex, clock, config, logger } = deps;
  const pollMs = options.pollMs ?? 500;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const window = options.window ?? 32;
  const backoffMs = options.backoffMs ?? 2000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const smpp = config.smppUrl
    ? createSmppClient({
      url: config.smppUrl, source: config.smsSource, logger, ...options.smpp,
      inbound: { message: (m) => auto.onSmsMessage(m), receipt: (r) => auto.onSmsReceipt(r) },
    })
    : null;
  let stopped = false;
  // the send rate holds over any second of real time, across passes: the last `rate` sends are remembered
  const recent: number[] = [];

  async function paced(rate: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
      if (recent.length < rate) {
        recent.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, recent[0]! + 1000 - now + 1));
    }
  }

  async function offer(row: AutoAttemptRow, ivr: { endpoint: string; secret: string } | null): Promise<SubmitResult> {
    if (row.channel === 'sms') return smpp ? smpp.submit(row.phone, row.body) : { kind: 'not_sent', error: 'SMPP_URL is not set' };
    if (!ivr) return { kind: 'not_sent', error: 'the voice platform is not configured' };
    const result = await requestCall(ivr.endpoint, ivr.secret, {
      request_id: String(row.id), phone: row.phone, language: row.language, prompt: row.body, result_url: auto.resultUrl,
    }, clock.now());
    return result.kind === 'accepted' ? { kind: 'accepted', messageId: result.callId } : result;
  }

  async function record(row: AutoAttemptRow, result: SubmitResult, accepted: { id: number; externalId: string }[]): Promise<boolean> {
    const now = clock.now();
    switch (result.kind) {
      case 'accepted':
        accepted.push({ id: row.id, externalId: result.messageId });
        return true;
      case 'not_sent':
        await autoRepo.requeue(knex, row.id, new Date(now.getTime() + Math.min(backoffMs * 2 ** Math.min(row.tries - 1, 20), maxBackoffMs)), result.error);
        return false;
      case 'refused':
        if (result.transient) {
          await autoRepo.requeue(knex, row.id, new Date(now.getTime() + Math.min(backoffMs * 2 ** Math.min(row.tries - 1, 20), maxBackoffMs)), `refused for now (status ${result.status})`);
        } else {
          await autoRepo.setState(knex, row.id, 'failed', `refused (status ${result.status})`);
          logger.warn('automated callback refused; an agent calls instead', { id: row.id, channel: row.channel, status: result.status });
          await auto.onRefused(row);
        }
        return false;
      case 'uncertain':
        await autoRepo.setState(knex, row.id, 'unconfirmed', result.error);
        logger.warn('automated callback sent without an answer; it will not be sent again', { id: row.id, channel: row.channel, err: result.error });
        return false;
    }
  }

  /** The SMSC has these: their ids are written even if the database is slow for a while (they are never offered again meanwhile). */
  async function recordSent(group: { id: number; externalId: string }[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await autoRepo.recordSent(knex, group, clock.now());
        return;
      } catch (err) {
        if (attempt >= 5 || stopped) throw err;
        logger.warn('could not record sent messages yet; retrying', { count: group.length, err: err instanceof Error ? err.message : String(err) });
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  }

  async function pass(): Promise<number> {
    const now = clock.now();
    await autoRepo.expireLeases(knex, now);
    if (!(await auto.callableNow(knex, now))) return 0;
    const settings = await auto.settingsRow();
    const ivr = settings.ivrEndpoint && settings.ivrSecret ? { endpoint: settings.ivrEndpoint, secret: settings.ivrSecret } : null;
    const channels: AutoChannel[] = [...(smpp?.bound() ? ['sms' as const] : []), ...(ivr ? ['ivr' as const] : [])];
    if (channels.length === 0) return 0;
    const rate = settings.sendRatePerSecond;
    // about two seconds of work per claim, so a rate change takes effect soon
    const batch = await autoRepo.claim(knex, channels, Math.max(window, Math.min(rate * 2, 1000)), now, leaseSeconds);
    let sent = 0;
    let next = 0;
    // accepted messages are recorded in groups: one transaction per group, not per message
    let accepted: { id: number; externalId: string }[] = [];
    let writing = Promise.resolve();
    const flush = () => {
      const group = accepted;
      accepted = [];
      writing = writing.then(() => recordSent(group));
      return writing;
    };
    const lanes = Array.from({ length: Math.min(window, batch.length) }, async () => {
      while (next < batch.length && !stopped) {
        const row = batch[next++]!;
        await paced(rate);
        const result = await offer(row, ivr).catch((err: unknown): SubmitResult => ({ kind: 'uncertain', error: err instanceof Error ? err.message : String(err) }));
        if (await record(row, result, accepted)) sent += 1;
        if (accepted.length >= 50) await flush();
      }
    });
    await Promise.all(lanes);
    await flush();
    // a stop in the middle of a batch gives back what was claimed and not offered
    for (const row of batch.slice(next)) await autoRepo.requeue(knex, row.id, now, 'the desk stopped before sending');
    if (batch.length > 0 && !stopped) flight.again();
    return sent;
  }

  const flight = singleFlight(pass, {
    stopped: () => stopped, idleWhenStopped: true, afterError: 'continue',
    onError: (err) => logger.warn('automated callback pass failed', { err }),
  });
  const kick = flight.run;

  smpp?.start();
  const timer = setInterval(() => void kick(), pollMs);
  timer.unref();
  return {
    smpp,
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await flight.running;
      await smpp?.stop();
    },
  };
}
