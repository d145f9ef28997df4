import { loadConfig } from '../../server/config';
import { chooseChannel, nationalNumber, readReply, surveySms, type ChannelFacts } from '../../server/callbacks/automation';
import { addCallable } from '../../server/callbacks/calendar';
import { sign, verify } from '../../server/integrations/ivr';
import { parseReceipt, parseSmppUrl } from '../../server/integrations/smpp';

const facts = (over: Partial<{ [K in keyof ChannelFacts]: Partial<ChannelFacts[K]> | ChannelFacts[K] }> = {}): ChannelFacts => ({
  attempt: { customerRequested: false, automatedBefore: false, ...(over.attempt as object) },
  customer: { tier: 'standard', preference: null, optedOut: false, ...(over.customer as object) },
  sentToday: (over.sentToday as number) ?? 0,
  smsAvailable: (over.smsAvailable as boolean) ?? true,
  ivrAvailable: (over.ivrAvailable as boolean) ?? true,
});
const sms = { channel: 'sms' as const, dailyCap: 2 };

describe('which channel an attempt goes out on', () => {
  it('follows the policy, and a customer\'s own preference first', () => {
    expect(chooseChannel(sms, facts())).toEqual({ channel: 'sms', reason: 'policy' });
    expect(chooseChannel(sms, facts({ customer: { preference: 'ivr' } }))).toEqual({ channel: 'ivr', reason: 'preference' });
    expect(chooseChannel(sms, facts({ customer: { preference: 'phone' } }))).toEqual({ channel: 'phone', reason: 'prefers_phone' });
    expect(chooseChannel({ channel: 'none', dailyCap: 2 }, facts({ customer: { preference: 'sms' } }))).toEqual({ channel: 'phone', reason: 'automation_off' });
  });

  it('gives big customers, customer-chosen times, opted-out numbers and capped numbers a person', () => {
    expect(chooseChannel(sms, facts({ customer: { tier: 'big_customer', preference: 'sms' } })).reason).toBe('big_customer');
    expect(chooseChannel(sms, facts({ attempt: { customerRequested: true } })).reason).toBe('customer_requested');
    expect(chooseChannel(sms, facts({ customer: { optedOut: true } })).reason).toBe('opted_out');
    expect(chooseChannel(sms, facts({ sentToday: 2 })).reason).toBe('daily_cap');
    expect(chooseChannel(sms, facts({ sentToday: 1 })).channel).toBe('sms');
    expect(chooseChannel(sms, facts({ attempt: { automatedBefore: true } })).reason).toBe('already_automated');
  });

  it('falls back to the policy\'s channel, then to a person, when a channel is not set up', () => {
    expect(chooseChannel(sms, facts({ customer: { preference: 'ivr' }, ivrAvailable: false }))).toEqual({ channel: 'sms', reason: 'policy' });
    expect(chooseChannel(sms, facts({ smsAvailable: false }))).toEqual({ channel: 'phone', reason: 'channel_unavailable' });
  });
});

describe('reading a reply', () => {
  it.each([
    ['1', 'satisfied'], [' 1 ', 'satisfied'], ['１', 'satisfied'], ['1。', 'satisfied'], ['2', 'unsatisfied'], ['２!', 'unsatisfied'],
  ])('%j is an outcome', (text, outcome) => expect(readReply(text)).toEqual({ kind: 'outcome', outcome }));
  it.each(['TD', 'td', 'ＴＤ', '退订', 'T'])('%j opts out', (text) => expect(readReply(text)).toEqual({ kind: 'opt_out' }));
  it.each(['12', '满意', '还是不好用', '', '3'])('%j is a note for an agent', (text) => expect(readReply(text)).toEqual({ kind: 'note' }));
});

describe('SMS plumbing', () => {
  it('reads numbers as the desk stores them', () => {
    expect(nationalNumber('+8613904110001')).toBe('13904110001');
    expect(nationalNumber('8613904110001')).toBe('13904110001');
    expect(nationalNumber('008613904110001')).toBe('13904110001');
    expect(nationalNumber('13904110001')).toBe('13904110001');
  });

  it('keeps the survey within one UCS-2 message in both languages', () => {
    expect(surveySms('zh-CN', 'TS20261125-0001').length).toBeLessThanOrEqual(70);
    expect(surveySms('en', 'TS20261125-0001').length).toBeLessThanOrEqual(160);
  });

  it('parses SMPP_URL and delivery receipts in text and TLV form', () => {
    expect(parseSmppUrl('smpp://desk:p%40ss@smsc.example:2776')).toEqual({ host: 'smsc.example', port: 2776, systemId: 'desk', password: 'p@ss' });
    expect(parseSmppUrl('smpp://desk:x@smsc.example').port).toBe(2775);
    expect(parseReceipt({ short_message: { message: 'id:ABC123 sub:001 dlvr:001 submit date:2611251000 done date:2611251001 stat:UNDELIV err:001 text:' } }))
      .toEqual({ messageId: 'ABC123', stat: 'UNDELIV' });
    expect(parseReceipt({ receipted_message_id: 'X9', message_state: 2 })).toEqual({ messageId: 'X9', stat: 'DELIVRD' });
    expect(parseReceipt({ short_message: 'hello' })).toBeNull();
  });

  it('waits in callable hours: four hours from 18:00 end at 11:00 the next morning', () => {
    const hours = { fromMinute: 9 * 60, untilMinute: 20 * 60, holidays: new Set<string>() };
    expect(addCallable(new Date('2026-11-25T10:00:00Z'), 4 * 3600, hours, 'Asia/Shanghai').toISOString()).toBe('2026-11-26T03:00:00.000Z');
  });
});

describe('the voice platform\'s signature', () => {
  const now = new Date('2026-11-25T02:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);
  const body = Buffer.from('{"request_id":"1","result":"pressed_1"}');
  it('accepts the right secret and body, refuses anything altered or stale', () => {
    const signature = sign('s3cret-s3cret-s3cret', ts, body);
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body, now)).toBe(true);
    expect(verify('another-secret-here', { timestamp: String(ts), signature }, body, now)).toBe(false);
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, Buffer.from('{"request_id":"1","result":"pressed_2"}'), now)).toBe(false);
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verify('s3cret-s3cret-s3cret', { timestamp: undefined, signature }, body, now)).toBe(false);
  });
});

describe('configuration', () => {
  it('takes SMPP_URL with its system id and the sender address, and names a bad one', () => {
    const config = loadConfig({ SMPP_URL: 'smpp://desk:pw@127.0.0.1:2775', LOOPDESK_SMS_SOURCE: '10001' });
    expect(config).toMatchObject({ smppUrl: 'smpp://desk:pw@127.0.0.1:2775', smsSource: '10001' });
    expect(loadConfig({}).smppUrl).toBeUndefined();
    expect(() => loadConfig({ SMPP_URL: 'smpp://127.0.0.1:2775' })).toThrow(/SMPP_URL/);
    expect(() => loadConfig({ SMPP_URL: 'http://desk:pw@127.0.0.1' })).toThrow(/SMPP_URL/);
    expect(() => loadConfig({ LOOPDESK_SMS_SOURCE: '10 000' })).toThrow(/LOOPDESK_SMS_SOURCE/);
  });
});
