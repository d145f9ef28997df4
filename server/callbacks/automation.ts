/**
 * Which channel an attempt goes out on, decided once, when it falls due (the one place this rule
 * lives). The machine makes only the first attempt of a handling round; everything it cannot
 * settle goes to an agent.
 */
export type AutoChannel = 'sms' | 'ivr';
export type Channel = 'phone' | AutoChannel;

export interface AutomationSettings {
  /** the automated channel of first attempts; `none`: every attempt is an agent's call */
  channel: 'none' | AutoChannel;
  /** callable seconds the desk waits for an answer before an agent takes over */
  replyWaitSeconds: number;
  /** automated messages or calls one number gets per local day */
  dailyCap: number;
  /** SMS and call requests sent per second at most */
  sendRatePerSecond: number;
  ivrEndpoint: string | null;
  ivrSecret: string | null;
}

export interface ChannelFacts {
  attempt: { customerRequested: boolean; automatedBefore: boolean };
  customer: { tier: string; preference: Channel | null; optedOut: boolean };
  /** automated messages this number already got today (desk's zone) */
  sentToday: number;
  smsAvailable: boolean;
  ivrAvailable: boolean;
}

export type ChannelReason =
  | 'policy' | 'preference' | 'automation_off' | 'already_automated' | 'big_customer' | 'customer_requested'
  | 'prefers_phone' | 'opted_out' | 'daily_cap' | 'channel_unavailable';

/**
 * In order: automation off → agent; the round had its automated attempt → agent; a big customer
 * always gets a person (DOMAIN.md: the green channel); a time the customer asked for is a call;
 * the customer's own preference (phone, or the other automated channel); opted out (TD / 退订);
 * the number's daily cap; the channel must be configured (SMPP_URL, the voice platform's endpoint).
 */
export function chooseChannel(settings: Pick<AutomationSettings, 'channel' | 'dailyCap'>, f: ChannelFacts): { channel: Channel; reason: ChannelReason } {
  const phone = (reason: ChannelReason) => ({ channel: 'phone' as const, reason });
  if (settings.channel === 'none') return phone('automation_off');
  if (f.attempt.automatedBefore) return phone('already_automated');
  if (f.customer.tier === 'big_customer') return phone('big_customer');
  if (f.attempt.customerRequested) return phone('customer_requested');
  if (f.customer.preference === 'phone') return phone('prefers_phone');
  if (f.customer.optedOut) return phone('opted_out');
  if (f.sentToday >= settings.dailyCap) return phone('daily_cap');
  const wanted: AutoChannel = f.customer.preference ?? settings.channel;
  const available = (c: AutoChannel) => (c === 'sms' ? f.smsAvailable : f.ivrAvailable);
  if (available(wanted)) return { channel: wanted, reason: f.customer.preference ? 'preference' : 'policy' };
  if (wanted !== settings.channel && available(settings.channel)) return { channel: settings.channel, reason: 'policy' };
  return phone('channel_unavailable');
}

/** What the customer's reply means. Full-width digits and letters (common on Chinese phones) count as their ASCII forms. */
export type ReplyMeaning = { kind: 'outcome'; outcome: 'satisfied' | 'unsatisfied' } | { kind: 'opt_out' } | { kind: 'note' };

export function readReply(text: string): ReplyMeaning {
  const plain = text.normalize('NFKC').trim().replace(/[。.!！\s]+$/u, '').toUpperCase();
  if (plain === '1') return { kind: 'outcome', outcome: 'satisfied' };
  if (plain === '2') return { kind: 'outcome', outcome: 'unsatisfied' };
  if (plain === 'TD' || plain === 'T' || plain === '退订' || plain === 'STOP') return { kind: 'opt_out' };
  return { kind: 'note' };
}

/** Numbers as the SMSC writes them (+86…, 86…) and as the desk stores them (the national number). */
export function nationalNumber(address: string): string {
  const digits = address.replace(/[^\d]/g, '');
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

export type Language = 'zh-CN' | 'en';

/** The survey SMS (UCS-2: at most 70 characters in one message, so it is kept short). */
export function surveySms(language: Language, ticketNumber: string): string {
  return language === 'en'
    ? `Ticket ${ticketNumber} resolved. Reply 1 satisfied, 2 not satisfied. TD to stop.`
    : `您的工单${ticketNumber}已处理，回复1满意，2不满意。回复TD退订。`;
}

/** What the voice platform reads to the customer before asking for a key. */
export function ivrPrompt(language: Language, ticketNumber: string): string {
  return language === 'en'
    ? `Your ticket ${ticketNumber} has been resolved. If you are satisfied, press 1; if not, press 2.`
    : `您好，您的工单${ticketNumber}已处理完毕。满意请按1，不满意请按2。`;
}
