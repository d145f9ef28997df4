import type { Clockwork } from './calendar';

/** The policy as a timer keeps it from its start (a later PUT never moves a running timer). */
export interface PolicySnapshot {
  key: string;
  name: string;
  version: number;
  target_seconds: number;
  warn_at: number[];
  clock: string;
  regulatory: boolean;
  pausable: boolean;
  escalate_on_breach: boolean;
  stop_on: string[];
}

export interface Segment {
  start: string;
  end: string | null;
}

export interface Warning {
  fraction: number;
  /** the exact instant the fraction was reached */
  at: string;
  fired_at: string;
}

/** The part of a timer its arithmetic needs; the row adds ids and bookkeeping. */
export interface TimerClock {
  policy: PolicySnapshot;
  state: 'running' | 'paused' | 'met' | 'cancelled';
  elapsed_ms: number;
  run_started_at: Date | null;
  segments: Segment[];
  warnings: Warning[];
  breached_at: Date | null;
  level: number;
}

export type Crossing = { kind: 'warning'; fraction: number; at: Date } | { kind: 'breach'; at: Date };

/** Elapsed-time thresholds in ms: the warning points in order, then the target. */
export function checkpoints(policy: PolicySnapshot): number[] {
  return [...policy.warn_at.map((f) => Math.round(f * policy.target_seconds * 1000)), policy.target_seconds * 1000];
}

export function elapsedMs(timer: TimerClock, now: Date, clock: Clockwork): number {
  return timer.elapsed_ms + (timer.run_started_at ? clock.measure(timer.run_started_at, now) : 0);
}

/** When the timer will have counted `thresholdMs`; null while it is not running. */
export function instantOf(timer: TimerClock, thresholdMs: number, clock: Clockwork): Date | null {
  if (timer.state !== 'running' || !timer.run_started_at) return null;
  return clock.add(timer.run_started_at, thresholdMs - timer.elapsed_ms);
}

function nextIndex(timer: TimerClock): number | null {
  if (timer.breached_at) return null;
  return timer.warnings.length;
}

/** The instant of the next warning or breach still ahead; null if none (paused, stopped, breached). */
export function nextCheckpoint(timer: TimerClock, clock: Clockwork): Date | null {
  const index = nextIndex(timer);
  return index === null ? null : instantOf(timer, checkpoints(timer.policy)[index]!, clock);
}

/** The projected breach instant while running. */
export function dueAt(timer: TimerClock, clock: Clockwork): Date | null {
  return instantOf(timer, timer.policy.target_seconds * 1000, clock);
}

/**
 * Records every warning and the breach whose instant has passed by `now`, in order (a timer
 * started in the past, e.g. from a bank confirmation, may cross several at once). Mutates `timer`.
 */
export function advance(timer: TimerClock, now: Date, clock: Clockwork): Crossing[] {
  const crossed: Crossing[] = [];
  const points = checkpoints(timer.policy);
  for (let index = nextIndex(timer); index !== null; index = nextIndex(timer)) {
    const at = instantOf(timer, points[index]!, clock);
    if (!at || at > now) break;
    if (index < timer.policy.warn_at.length) {
      const fraction = timer.policy.warn_at[index]!;
      timer.warnings = [...timer.warnings, { fraction, at: at.toISOString(), fired_at: now.toISOString() }];
      timer.level = Math.max(timer.level, 1);
      crossed.push({ kind: 'warning', fraction, at });
    } else {
      timer.breached_at = at;
      timer.level = 2;
      crossed.push({ kind: 'breach', at });
    }
  }
  return crossed;
}

/** Closes the running segment: pause or stop. Call `advance` first so nothing crossed is lost. */
export function closeSegment(timer: TimerClock, now: Date, clock: Clockwork): void {
  if (timer.run_started_at) {
    timer.elapsed_ms += clock.measure(timer.run_started_at, now);
    timer.run_started_at = null;
  }
  const last = timer.segments[timer.segments.length - 1];
  if (last && last.end === null) timer.segments = [...timer.segments.slice(0, -1), { ...last, end: now.toISOString() }];
}

export function openSegment(timer: TimerClock, now: Date): void {
  timer.run_started_at = now;
  timer.segments = [...timer.segments, { start: now.toISOString(), end: null }];
}

/** What the API shows: paused/running, or the worst that happened to an open timer; met/cancelled once stopped. */
export function displayState(timer: TimerClock): 'running' | 'paused' | 'warning' | 'breached' | 'met' | 'cancelled' {
  if (timer.state === 'met' || timer.state === 'cancelled') return timer.state;
  if (timer.breached_at) return 'breached';
  if (timer.warnings.length > 0) return 'warning';
  return timer.state;
}
