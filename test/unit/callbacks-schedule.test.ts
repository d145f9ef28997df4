import { balance } from '../../server/callbacks/assignment';
import { earliestCallable, type CallableHours } from '../../server/callbacks/calendar';
import { DEFAULT_CALLBACK_POLICY, needsCallback } from '../../server/callbacks/policy';
import { signSurveyToken, verifySurveyToken } from '../../server/callbacks/survey';

const TZ = 'Asia/Shanghai'; // UTC+8, no daylight saving
const hours = (holidays: string[] = []): CallableHours => ({ fromMinute: 9 * 60, untilMinute: 20 * 60, holidays: new Set(holidays) });
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('the earliest callable time', () => {
  it('is the resolution itself inside callable hours', () => {
    expect(iso(earliestCallable(at('2026-11-25T10:15:00'), hours(), TZ))).toBe(iso(at('2026-11-25T10:15:00')));
  });

  it('moves a resolution at 23:50 to 09:00 the next morning', () => {
    expect(iso(earliestCallable(at('2026-11-25T23:50:00'), hours(), TZ))).toBe(iso(at('2026-11-26T09:00:00')));
  });

  it('moves a resolution at 03:00 to 09:00 the same day, and 20:00 sharp is already too late', () => {
    expect(iso(earliestCallable(at('2026-11-26T03:00:00'), hours(), TZ))).toBe(iso(at('2026-11-26T09:00:00')));
    expect(iso(earliestCallable(at('2026-11-26T20:00:00'), hours(), TZ))).toBe(iso(at('2026-11-27T09:00:00')));
    expect(iso(earliestCallable(at('2026-11-26T19:59:59'), hours(), TZ))).toBe(iso(at('2026-11-26T19:59:59')));
  });

  it('skips a holiday after a resolution on its eve, and a run of holidays', () => {
    const newYear = hours(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(iso(earliestCallable(at('2026-12-31T21:30:00'), newYear, TZ))).toBe(iso(at('2027-01-04T09:00:00')));
    // on the eve itself, within hours, the call is still made that evening
    expect(iso(earliestCallable(at('2026-12-31T19:00:00'), newYear, TZ))).toBe(iso(at('2026-12-31T19:00:00')));
    expect(iso(earliestCallable(at('2027-01-02T11:00:00'), newYear, TZ))).toBe(iso(at('2027-01-04T09:00:00')));
  });

  it('follows daylight saving in a zone that has it', () => {
    // Europe/Berlin springs forward on 2027-03-28: 09:00 that day is 07:00 UTC, the day before 08:00 UTC
    expect(iso(earliestCallable(new Date('2027-03-27T06:00:00Z'), hours(), 'Europe/Berlin'))).toBe('2027-03-27T08:00:00.000Z');
    expect(iso(earliestCallable(new Date('2027-03-27T22:00:00Z'), hours(), 'Europe/Berlin'))).toBe('2027-03-28T07:00:00.000Z');
  });
});

describe('which resolutions get a callback', () => {
  const policy = { ...DEFAULT_CALLBACK_POLICY, ticketTypes: ['complaint' as const, 'fault' as const], oneCallResolutions: false };
  it('complaints always, listed types unless resolved on the spot, second handlings always', () => {
    expect(needsCallback(policy, { type: 'complaint', handling_round: 1, one_call_resolution: true })).toBe(true);
    expect(needsCallback(policy, { type: 'fault', handling_round: 1, one_call_resolution: false })).toBe(true);
    expect(needsCallback(policy, { type: 'fault', handling_round: 1, one_call_resolution: true })).toBe(false);
    expect(needsCallback(policy, { type: 'request', handling_round: 1, one_call_resolution: false })).toBe(false);
    expect(needsCallback(policy, { type: 'request', handling_round: 2, one_call_resolution: false })).toBe(true);
  });
});

describe('balanced assignment', () => {
  it('gives each callback to the least-loaded agent, ties to the lowest id', () => {
    expect(balance(new Map([[7, 2], [3, 0], [5, 1]]), 5)).toEqual([3, 3, 5, 3, 5]);
  });
  it('evens out a large batch', () => {
    const picked = balance(new Map([[1, 0], [2, 10], [3, 4]]), 100);
    const counts = new Map<number, number>();
    for (const id of picked) counts.set(id!, (counts.get(id!) ?? 0) + 1);
    // final loads 1: 38, 2: 38, 3: 38 (± 1)
    expect(counts.get(1)! + 0).toBeGreaterThanOrEqual(37);
    expect(counts.get(2)! + 10).toBeLessThanOrEqual(39);
    expect(counts.get(3)! + 4).toBeGreaterThanOrEqual(37);
  });
  it('leaves callbacks unassigned when nobody is on duty', () => {
    expect(balance(new Map(), 2)).toEqual([null, null]);
  });
});

describe('survey tokens', () => {
  const secret = 'a'.repeat(64);
  const now = new Date('2026-11-25T02:00:00Z');
  const expires = new Date('2026-11-28T02:00:00Z');
  it('verifies its own signature until it expires', () => {
    const token = signSurveyToken(secret, 42, expires);
    expect(verifySurveyToken(secret, token, now)).toEqual({ ok: true, surveyId: 42, expiresAt: expires });
    expect(verifySurveyToken(secret, token, expires)).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses an altered id, an extended expiry, another secret and garbage', () => {
    const token = signSurveyToken(secret, 42, expires);
    const [, exp, sig] = token.split('.');
    expect(verifySurveyToken(secret, `43.${exp}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySurveyToken(secret, `42.${Number(exp) + 86400}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySurveyToken('b'.repeat(64), token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySurveyToken(secret, 'not-a-token', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
