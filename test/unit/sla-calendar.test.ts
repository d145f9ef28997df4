import { calendarClock, startOfLocalDay, wallClock } from '../../server/sla/calendar';
import { advance, closeSegment, dueAt, elapsedMs, openSegment, type TimerClock } from '../../server/sla/timer';

/** Business hours in Asia/Shanghai (UTC+8): weekdays 08:30–12:00 and 13:00–17:30; 2026-11-30 (a Monday) a holiday. */
const weekday: [string, string][] = [['08:30', '12:00'], ['13:00', '17:30']];
const business = calendarClock({ hours: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday }, holidays: ['2026-11-30'] }, 'Asia/Shanghai');
const local = (s: string) => new Date(`${s}+08:00`);
const H = 3600_000;

describe('business-hours arithmetic', () => {
  it('counts across a night: Tue 17:00 + 1 h of work is Wed 09:00', () => {
    expect(business.add(local('2026-11-24T17:00:00'), H)).toEqual(local('2026-11-25T09:00:00'));
    expect(business.measure(local('2026-11-24T17:00:00'), local('2026-11-25T09:00:00'))).toBe(H);
  });

  it('skips the lunch break', () => {
    expect(business.add(local('2026-11-25T11:30:00'), H)).toEqual(local('2026-11-25T13:30:00'));
  });

  it('skips a weekend and a Monday holiday: Fri 17:00 + 1 h is Tue 09:00', () => {
    expect(business.add(local('2026-11-27T17:00:00'), H)).toEqual(local('2026-12-01T09:00:00'));
    expect(business.measure(local('2026-11-27T17:00:00'), local('2026-12-01T09:00:00'))).toBe(H);
    expect(business.measure(local('2026-11-28T00:00:00'), local('2026-11-30T23:59:59'))).toBe(0);
  });

  it('starts counting at the next opening when started outside hours, and a full day is 8 h', () => {
    expect(business.add(local('2026-11-25T06:00:00'), 1000)).toEqual(local('2026-11-25T08:30:01'));
    expect(business.measure(local('2026-11-25T00:00:00'), local('2026-11-26T00:00:00'))).toBe(8 * H);
    expect(business.add(local('2026-11-25T08:30:00'), 8 * H)).toEqual(local('2026-11-25T17:30:00'));
  });

  it('refuses a calendar without working time', () => {
    expect(() => calendarClock({ hours: {}, holidays: [] }, 'Asia/Shanghai')).toThrow('working interval');
  });

  it('finds the local midnight of the desk', () => {
    expect(startOfLocalDay(new Date('2026-11-25T02:00:00Z'), 'Asia/Shanghai')).toEqual(new Date('2026-11-24T16:00:00Z'));
  });
});

describe('timer segments', () => {
  const timer = (): TimerClock => ({
    policy: { key: 'p', name: 'p', version: 1, target_seconds: 100, warn_at: [0.5, 0.8], clock: 'business', regulatory: false, pausable: true, escalate_on_breach: false, stop_on: ['resolved'] },
    state: 'running', elapsed_ms: 0, run_started_at: null, segments: [], warnings: [], breached_at: null, level: 0,
  });

  it('keeps paused time out exactly and projects the due time from what is left', () => {
    const t = timer();
    t.policy.clock = 'wall';
    openSegment(t, new Date(0));
    closeSegment(t, new Date(30_000), wallClock);
    t.state = 'paused';
    expect(dueAt(t, wallClock)).toBeNull();
    openSegment(t, new Date(1_000_000));
    t.state = 'running';
    expect(elapsedMs(t, new Date(1_010_000), wallClock)).toBe(40_000);
    expect(dueAt(t, wallClock)).toEqual(new Date(1_070_000));
    expect(t.segments).toEqual([{ start: new Date(0).toISOString(), end: new Date(30_000).toISOString() }, { start: new Date(1_000_000).toISOString(), end: null }]);
  });

  it('crosses warnings then the breach in order, on the business clock over a night', () => {
    const t = timer();
    t.policy.target_seconds = 3600;
    openSegment(t, local('2026-11-25T17:00:00'));
    expect(advance(t, local('2026-11-25T17:29:59'), business)).toEqual([]);
    const crossed = advance(t, local('2026-11-26T12:00:00'), business);
    expect(crossed.map((c) => c.kind)).toEqual(['warning', 'warning', 'breach']);
    expect(crossed.map((c) => c.at)).toEqual([local('2026-11-25T17:30:00'), local('2026-11-26T08:48:00'), local('2026-11-26T09:00:00')]);
    expect(advance(t, local('2026-11-27T12:00:00'), business)).toEqual([]);
  });
});

describe('make-up working days (调休) across a year boundary', () => {
  // 09:00–12:00 and 13:30–18:00 on weekdays; New Year's Day (Fri) off, Saturday 2027-01-02 worked instead
  const day: [string, string][] = [['09:00', '12:00'], ['13:30', '18:00']];
  const desk = calendarClock({ hours: { 1: day, 2: day, 3: day, 4: day, 5: day }, holidays: ['2027-01-01'], workingDays: ['2027-01-02'] }, 'Asia/Shanghai');

  it('Thu 17:30 + 2 h: half an hour on New Year\'s Eve, the holiday skipped, on until 10:30 on the make-up Saturday', () => {
    expect(desk.add(local('2026-12-31T17:30:00'), 2 * H)).toEqual(local('2027-01-02T10:30:00'));
    expect(desk.measure(local('2026-12-31T17:30:00'), local('2027-01-02T10:30:00'))).toBe(2 * H);
  });

  it('a make-up day keeps the lunch break, and the Sunday after it stays off', () => {
    expect(desk.add(local('2027-01-02T11:30:00'), H)).toEqual(local('2027-01-02T14:00:00'));
    expect(desk.add(local('2027-01-02T17:30:00'), H)).toEqual(local('2027-01-04T09:30:00'));
    expect(desk.measure(local('2027-01-03T00:00:00'), local('2027-01-04T00:00:00'))).toBe(0);
  });
});
