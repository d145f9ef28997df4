/**
 * The durable scheduling port: "call my handler for (kind, key) at dueAt", surviving restarts and
 * a lost Redis.
 *
 * How a domain uses it (SLA timers, escalation timers, callback due-times):
 *
 *   // at start, once per kind (deps are captured by the closure):
 *   scheduler.register('escalation.step', async (items, uow) => {
 *     for (const item of items) {                  // items of this kind that fell due
 *       // re-check your own state first: the item may be stale (ticket closed meanwhile)
 *       await escalate(uow.trx, item.key, item.payload);
 *       uow.emit({ type: 'escalation.raised', ... }); // published after commit
 *     }
 *   });
 *
 *   // inside the service transaction that decides the timer exists:
 *   await scheduler.schedule(trx, { kind: 'escalation.step', key: `${ticketId}:1`, dueAt, payload: { level: 1 } });
 *   await scheduler.cancel(trx, 'escalation.step', `${ticketId}:1`);   // when it no longer applies
 *
 * Semantics:
 * - PostgreSQL (`scheduled_items`) holds the truth, written in the caller's transaction: a rollback
 *   un-arms, a commit arms. schedule() on an existing (kind, key) re-arms it (new dueAt/payload).
 * - Firing claims due rows with `FOR UPDATE SKIP LOCKED` and marks them fired in the same
 *   transaction the handler runs in: a tick run twice, or by two workers, fires an item once; if
 *   the handler throws, nothing of it commits and the item is retried with backoff.
 * - A handler may schedule() again inside its `uow.trx` (e.g. the next warning point).
 * - Keys are per kind; make them describe what fires (`<timerId>`, `<ticketId>:<step>`).
 *
 * Adapters (see ./index.ts `createScheduler`): with REDIS_URL a Bull repeatable "tick" job wakes
 * the workers of every process (Bull coordinates; PostgreSQL decides); without it an in-process
 * interval does the same over the same table. Both run a reconciler at start and on an interval
 * that re-creates what Redis lost and sweeps anything overdue.
 *
 * Why a tick rather than one delayed Bull job per item: arming stays one row in the caller's
 * transaction (no Redis write that a rollback cannot undo, nothing to re-enqueue after a flush),
 * a million armed timers cost no Redis memory (~0.8 KB per Bull job), and one claim fires
 * hundreds of rows where Bull fires at most ~9 k jobs/s here. Lateness is bounded by the tick
 * (LOOPDESK_SCHEDULER_TICK_MS) plus the drain; `npm run bench:sla` measures it next to plain Bull.
 */
import type { Knex } from 'knex';
import type { UnitOfWork } from '../db/unit-of-work';

export interface ScheduleRequest {
  kind: string;
  key: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface DueItem {
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  /** how many times this (kind, key) was armed; a handler may compare it with its own record */
  generation: number;
  firedAt: Date;
}

/** Called with due items of one kind, inside the transaction that marks them fired. */
export type DueHandler = (items: readonly DueItem[], uow: UnitOfWork) => Promise<void>;

export interface Scheduler {
  readonly adapter: 'bull' | 'in-process';
  register(kind: string, handler: DueHandler): void;
  schedule(trx: Knex, request: ScheduleRequest): Promise<void>;
  /** Arms many items in one statement (bulk intake, benchmarks). */
  scheduleMany(trx: Knex, requests: readonly ScheduleRequest[]): Promise<void>;
  cancel(trx: Knex, kind: string, key: string): Promise<void>;
  cancelMany(trx: Knex, kind: string, keys: readonly string[]): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Fires everything due now (by the injected clock) and returns how many fired. */
  runDue(): Promise<number>;
  /** Re-arms the wake-up in Redis if it was lost and sweeps overdue items; true if something was re-armed. */
  reconcile(): Promise<boolean>;
  /** Whether the wake-up backend answers (for /readyz). */
  ready(): Promise<boolean>;
  /** Pending timers due now, and late ones (due > 5 s ago), by kind: /metrics. */
  dueCounts(): Promise<{ kind: string; due: number; late: number }[]>;
  /** The wake-up queue's job counts by state (Bull only): /metrics. */
  queueCounts?(): Promise<Record<string, number>>;
}
