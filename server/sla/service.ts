import type { Knex } from 'knex';
import { scopePrefix, type Principal } from '../auth/permissions';
import type { CustomerRow } from '../customers/repository';
import { writeAudit } from '../audit';
import { configCache, type ConfigCache } from '../db/config-cache';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { DueItem, Scheduler } from '../jobs';
import type { TicketChange, TicketParticipant } from '../tickets/participants';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import type { SlaSummary } from '../tickets/schemas';
import { toTicketView } from '../tickets/view';
import { calendarClock, startOfLocalDay, wallClock, type Clockwork } from './calendar';
import { boardRepository } from './board-repository';
import { calendarRepository } from './calendar-repository';
import { slaRepository as repo, type NewTimerRow, type PolicyRow, type TimerRow } from './repository';
import type { BoardQuery, BoardView, PolicyView, PutPolicyInput, TimerView } from './schemas';
import { advance, closeSegment, displayState, dueAt, elapsedMs, nextCheckpoint, openSegment, type Crossing, type PolicySnapshot, type TimerClock } from './timer';

export type { TimerRow } from './repository';

export const SLA_TIMER_KIND = 'sla.timer';

/** A timer with the ticket and customer its events describe. */
interface Firing {
  timer: TimerRow;
  ticket: TicketRow;
  customer: CustomerRow;
}

type ClockFor = (key: string) => Promise<Clockwork>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function snapshot(p: PolicyRow): PolicySnapshot {
  return {
    key: p.key, name: p.name, version: p.version, target_seconds: p.target_seconds, warn_at: p.warn_at, clock: p.clock,
    regulatory: p.regulatory, pausable: p.pausable, escalate_on_breach: p.escalate_on_breach, stop_on: p.stop_on,
  };
}

function toPolicyView(p: PolicyRow): PolicyView {
  return {
    key: p.key, name: p.name, ticket_type: p.ticket_type, category: p.category, customer_tier: p.customer_tier, area: p.area,
    payment_channel: p.payment_channel, start_on: p.start_on as PolicyView['start_on'], stop_on: p.stop_on as PolicyView['stop_on'],
    target_seconds: p.target_seconds, warn_at: p.warn_at, clock: p.clock, regulatory: p.regulatory, pausable: p.pausable,
    escalate_on_breach: p.escalate_on_breach, tiers: p.tiers, active: p.active, version: p.version,
    updated_at: p.updated_at.toISOString(), updated_by: p.updated_by,
  };
}

/**
 * SLA timers: started, paused, resumed and stopped by ticket changes (through the
 * TicketParticipant port, in the ticket's transaction), fired by the scheduler at each warning
 * point and at the breach.
 *
 * Policy changes: a timer copies its policy when it starts (`sla_timers.policy`) and keeps that
 * copy to the end. A PUT changes what new timers get; running timers are never re-targeted, so
 * a figure once shown to a customer or a regulator does not silently move. Each timer shows the
 * policy version it runs on.
 */
export function createSlaService(deps: Deps, scheduler: Scheduler) {
  const { knex, bus, clock, config } = deps;

  /** A calendar's clock as the database holds it now (inside a transaction: with its own edits). */
  async function loadClock(db: Knex, key: string): Promise<Clockwork> {
    const definition = await calendarRepository.definition(db, key);
    if (!definition) throw new Error(`SLA calendar ${key} does not exist`);
    return calendarClock(definition, config.timezone);
  }

  /**
   * Clocks by policy clock key, kept per process: an edit through this process's API drops its
   * entry after commit; other processes and direct database edits are picked up within CONFIG_TTL_MS.
   */
  const calendars = new Map<string, ConfigCache<Clockwork>>();
  function clockLoader(db: Knex): ClockFor {
    return (key) => {
      if (key === 'wall') return Promise.resolve(wallClock);
      let cached = calendars.get(key);
      if (!cached) {
        cached = configCache((reader) => loadClock(reader, key));
        calendars.set(key, cached);
      }
      return cached.get(db);
    };
  }

  /** The active policies, kept per process: putPolicy drops them after its commit, other processes re-read within CONFIG_TTL_MS. */
  const activePolicies = configCache(async (db): Promise<readonly PolicyRow[]> => repo.activePolicies(db));

  /** Arms (or disarms) each timer's next warning or breach in the scheduler. */
  async function rearm(trx: Knex, timers: readonly TimerRow[], clockFor: ClockFor, options: { cancelIdle: boolean } = { cancelIdle: true }): Promise<void> {
    const requests = [];
    const idle = [];
    for (const t of timers) {
      const next = t.state === 'running' ? nextCheckpoint(t, await clockFor(t.policy.clock)) : null;
      if (next) requests.push({ kind: SLA_TIMER_KIND, key: String(t.id), dueAt: next });
      else idle.push(String(t.id));
    }
    await scheduler.scheduleMany(trx, requests);
    if (options.cancelIdle) await scheduler.cancelMany(trx, SLA_TIMER_KIND, idle);
  }

  /** Timeline rows and bus events for warnings and breaches crossed; one insert for the batch. */
  async function recordCrossings(uow: UnitOfWork, crossings: (Firing & { crossed: Crossing[] })[], now: Date, clockFor: ClockFor) {
    const events = [];
    for (const { timer, crossed, ticket, customer } of crossings) {
      const base = { timer_id: timer.id, policy_key: timer.policy_key, policy_name: timer.policy.name, regulatory: timer.policy.regulatory, tier: timer.tier };
      for (const c of crossed) {
        const view = toTimerView(timer, now, await clockFor(timer.policy.clock));
        const ticketView = toTicketView(ticket, customer);
        if (c.kind === 'warning') {
          events.push({ ticket_id: timer.ticket_id, type: 'sla.warning' as const, at: now, actor_id: null, data: { ...base, fraction: c.fraction, reached_at: c.at.toISOString(), due_at: view.due_at } });
          uow.emit({ type: 'sla.warning', at: now.toISOString(), ticket: ticketView, timer: view, fraction: c.fraction });
        } else {
          events.push({ ticket_id: timer.ticket_id, type: 'sla.breached' as const, at: now, actor_id: null, data: { ...base, breached_at: c.at.toISOString(), escalate_on_breach: timer.policy.escalate_on_breach } });
          uow.emit({ type: 'sla.breached', at: now.toISOString(), ticket: ticketView, timer: view, escalate: timer.policy.escalate_on_breach });
        }
      }
    }
    await ticketsRepository.insertEvents(uow.trx, events);
  }

  function toTimerView(t: TimerRow, now: Date, c: Clockwork): TimerView {
    const elapsed = elapsedMs(t, now, c);
    const remaining = t.policy.target_seconds * 1000 - elapsed;
    const due = t.due_at ?? (t.state === 'paused' ? c.add(now, Math.max(0, remaining)) : dueAt(t, c)) ?? now;
    return {
      id: t.id, policy_key: t.policy_key, name: t.policy.name, policy_version: t.policy.version, regulatory: t.policy.regulatory,
      pausable: t.policy.pausable, clock: t.policy.clock, handling_round: t.handling_round, tier: t.tier, state: displayState(t),
      started_at: t.started_at.toISOString(), due_at: due.toISOString(), target_seconds: t.policy.target_seconds,
      elapsed_seconds: Math.round(elapsed) / 1000, remaining_seconds: Math.round(remaining) / 1000, warnings: t.warnings,
      breached_at: iso(t.breached_at), stopped_at: iso(t.stopped_at),
      met_on_time: t.state === 'met' ? t.breached_at === null : null, segments: t.segments,
    };
  }

  function applies(p: PolicyRow, ticket: TicketRow, customer: CustomerRow, area: string): boolean {
    return (p.ticket_type === null || p.ticket_type === ticket.type)
      && (p.category === null || p.category === ticket.category)
      && (p.customer_tier === null || p.customer_tier === customer.tier)
      && (p.area === null || p.area === area)
      && (p.payment_channel === null || p.payment_channel === ticket.payment_channel);
  }

  /** Starts the timers the change triggers; answers how many started. */
  async function startTimers(change: TicketChange, trigger: string, customer: CustomerRow, clockFor: ClockFor): Promise<number> {
    return (await startTimersMany(change.uow, [{ ticket: change.after, customer }], trigger, change.now, clockFor)).length;
  }

  /**
   * Starts the timers `trigger` starts on many tickets: one insert and one re-arm for the whole
   * batch (a billing feed opens hundreds of reconnections at once).
   */
  async function startTimersMany(uow: UnitOfWork, entries: readonly { ticket: TicketRow; customer: CustomerRow }[], trigger: string, now: Date, clockFor: ClockFor): Promise<TimerRow[]> {
    const { trx } = uow;
    const active = await activePolicies.get(trx);
    const rows: NewTimerRow[] = [];
    for (const { ticket, customer } of entries) {
      // An unknown area counts as city: the stricter targets apply.
      const area = customer.area ?? 'city';
      for (const p of active) {
        if (!applies(p, ticket, customer, area) || !(p.start_on.includes(trigger) || (trigger === 'accepted' && p.start_on.includes('paid')))) continue;
        // A bank transfer counts from the bank's confirmation, when there is one.
        const paid = ticket.payment_confirmed_at ?? ticket.paid_at;
        const from = p.start_on.includes('paid') && paid ? paid : now;
        const tier = p.tiers?.find((t) => t.payment_channel === ticket.payment_channel && t.area === area)?.tier ?? null;
        const timer: TimerClock = { policy: snapshot(p), state: 'running', elapsed_ms: 0, run_started_at: null, segments: [], warnings: [], breached_at: null, level: 0 };
        openSegment(timer, from);
        const c = await clockFor(p.clock);
        rows.push({
          ticket_id: ticket.id, ticket_type: ticket.type, unit_id: ticket.unit_id, handling_round: ticket.handling_round, policy_key: p.key,
          policy: JSON.stringify(timer.policy), tier, state: 'running', level: 0, started_at: from, elapsed_ms: 0, run_started_at: from,
          due_at: dueAt(timer, c), segments: JSON.stringify(timer.segments), warnings: '[]', created_at: now, updated_at: now,
        });
      }
    }
    // ids follow the rows, so sorting keeps the policies' order
    const started = await repo.insertTimers(trx, rows);
    if (started.length === 0) return [];
    const byTicket = new Map(entries.map((e) => [e.ticket.id, e]));
    for (const timer of started) {
      const { ticket } = byTicket.get(timer.ticket_id)!;
      if (timer.tier === null || timer.tier === ticket.reconnect_tier) continue;
      // Kept on the ticket for queues; the change's view is built from this same row after the participants.
      // (A feed sets it with its insert: nothing to update there.)
      await ticketsRepository.setReconnectTier(trx, ticket.id, timer.tier);
      ticket.reconnect_tier = timer.tier;
    }
    // A clock started in the past (a bank confirmation an hour ago) may already be past a warning.
    await repo.saveTimers(trx, await fireCrossed(uow, started.map((timer) => ({ timer, ...byTicket.get(timer.ticket_id)! })), now, clockFor), now);
    await rearm(trx, started, clockFor);
    return started;
  }

  /**
   * Stops every open timer of these tickets at the instant given per ticket (a restoration the
   * provisioning feed reports late is judged by when the line came back, not when the report
   * arrived): a warning or breach recorded after that instant is withdrawn, one before it that was
   * not fired yet is recorded now. Answers, per ticket, each timer's outcome.
   */
  async function stopTimersAt(uow: UnitOfWork, stops: ReadonlyMap<number, Date>, now: Date): Promise<Map<number, { policy_key: string; on_time: boolean; elapsed_seconds: number }[]>> {
    const { trx } = uow;
    const outcomes = new Map<number, { policy_key: string; on_time: boolean; elapsed_seconds: number }[]>();
    if (stops.size === 0) return outcomes;
    const ids = [...stops.keys()];
    const timers = await repo.lockOpenTimersOfTickets(trx, ids);
    if (timers.length === 0) return outcomes;
    const firings = await withTickets(trx, timers);
    const clockFor = clockLoader(trx);
    const crossings = [];
    for (const { timer, ticket, customer } of firings) {
      const at = new Date(Math.min(stops.get(timer.ticket_id)!.getTime(), now.getTime()));
      const c = await clockFor(timer.policy.clock);
      timer.warnings = timer.warnings.filter((w) => Date.parse(w.at) <= at.getTime());
      if (timer.breached_at && timer.breached_at > at) timer.breached_at = null;
      timer.level = timer.breached_at ? 2 : timer.warnings.length > 0 ? 1 : 0;
      const crossed = timer.state === 'running' ? advance(timer, at, c) : [];
      if (crossed.length > 0) crossings.push({ timer, crossed, ticket, customer });
      closeSegment(timer, at, c);
      timer.state = 'met';
      timer.stopped_at = at;
      const list = outcomes.get(timer.ticket_id) ?? [];
      list.push({ policy_key: timer.policy_key, on_time: timer.breached_at === null, elapsed_seconds: timer.elapsed_ms / 1000 });
      outcomes.set(timer.ticket_id, list);
    }
    await recordCrossings(uow, crossings, now, clockFor);
    await repo.saveTimers(trx, timers, now);
    await scheduler.cancelMany(trx, SLA_TIMER_KIND, timers.map((t) => String(t.id)));
    await repo.refreshTicketStates(trx, ids);
    return outcomes;
  }

  async function fireCrossed(uow: UnitOfWork, list: Firing[], now: Date, clockFor: ClockFor): Promise<TimerRow[]> {
    const crossings = [];
    const changed: TimerRow[] = [];
    for (const entry of list) {
      const crossed = advance(entry.timer, now, await clockFor(entry.timer.policy.clock));
      if (crossed.length > 0) {
        crossings.push({ ...entry, crossed });
        changed.push(entry.timer);
      }
    }
    await recordCrossings(uow, crossings, now, clockFor);
    return changed;
  }

  async function onTicketChange(change: TicketChange): Promise<void> {
    const { uow, after: ticket, now, event } = change;
    const { trx } = uow;
    const clockFor = clockLoader(trx);
    const customer = await change.customer();
    // a ticket accepted in this very transaction has none yet
    const open = change.before === null ? [] : await repo.lockOpenTimersOfTicket(trx, ticket.id);
    // Whatever fell due before this change counts first: a breach one second before resolution is a breach.
    const touched = new Set<TimerRow>(await fireCrossed(uow, open.map((timer) => ({ timer, ticket, customer })), now, clockFor));
    const summary: { policy_key: string; state: string; elapsed_seconds: number; on_time?: boolean }[] = [];

    for (const timer of open) {
      const c = await clockFor(timer.policy.clock);
      // A closed ticket keeps no clock running, whatever change closed it (callback, resolution without callback).
      // A callback recorded on a case that waits for its owner to close ends the callback clocks as the close would.
      const stopEvent = event === 'awaiting_owner' ? 'closed' : event;
      const stop = timer.policy.stop_on.includes(stopEvent) ? 'met' : ticket.status === 'closed' ? 'cancelled' : null;
      if (stop) {
        closeSegment(timer, now, c);
        timer.state = stop;
        timer.stopped_at = now;
        summary.push({ policy_key: timer.policy_key, state: stop, elapsed_seconds: timer.elapsed_ms / 1000, on_time: timer.breached_at === null });
      } else if (event === 'held' && timer.state === 'running' && timer.policy.pausable && !timer.policy.regulatory) {
        closeSegment(timer, now, c);
        timer.state = 'paused';
        timer.due_at = null;
        summary.push({ policy_key: timer.policy_key, state: 'paused', elapsed_seconds: timer.elapsed_ms / 1000 });
      } else if (event === 'unheld' && timer.state === 'paused') {
        openSegment(timer, now);
        timer.state = 'running';
        timer.due_at = dueAt(timer, c);
        summary.push({ policy_key: timer.policy_key, state: 'running', elapsed_seconds: timer.elapsed_ms / 1000 });
      } else if (ticket.unit_id === timer.unit_id) {
        continue;
      }
      timer.unit_id = ticket.unit_id;
      touched.add(timer);
    }
    await repo.saveTimers(trx, [...touched], now);
    await rearm(trx, [...touched], clockFor);
    // The change's own timeline event (held, resolved, …) carries what it did to the timers.
    if (summary.length > 0) await ticketsRepository.mergeIntoLatestEvent(trx, ticket.id, event, 'sla', summary);
    const started = ticket.status === 'closed' ? 0 : await startTimers(change, event, customer, clockFor);
    // no timer of the ticket moved or started (most intakes of types without a policy, most edits): its summary stands
    if (touched.size > 0 || started > 0) await repo.refreshTicketStates(trx, [ticket.id]);
  }

  /** The timers with their tickets and customers (what a fired warning's event describes). */
  async function withTickets(trx: Knex, timers: readonly TimerRow[]): Promise<Firing[]> {
    const tickets = await ticketsRepository.withCustomers(trx, timers.map((t) => t.ticket_id));
    return timers.map((timer) => ({ timer, ...tickets.get(timer.ticket_id)! }));
  }

  /**
   * Records what fell due on these locked timers (timeline, events) and writes back `toWrite` of
   * them (by default the ones that crossed a point) with their tickets' summaries, a few
   * statements per batch: the common core of firing and of a calendar edit.
   */
  async function settle(uow: UnitOfWork, timers: TimerRow[], now: Date, clockFor: ClockFor, toWrite = (changed: TimerRow[]) => changed): Promise<void> {
    const changed = await fireCrossed(uow, await withTickets(uow.trx, timers), now, clockFor);
    const written = toWrite(changed);
    await repo.saveTimers(uow.trx, written, now);
    await repo.refreshTicketStates(uow.trx, written.map((t) => t.ticket_id));
  }

  /** The scheduler's handler: items are timer ids whose next warning or breach fell due. */
  async function fire(items: readonly DueItem[], uow: UnitOfWork, now: Date): Promise<void> {
    const timers = await repo.lockRunning(uow.trx, items.map((i) => Number(i.key)));
    if (timers.length === 0) return;
    const clockFor = clockLoader(uow.trx);
    await settle(uow, timers, now, clockFor);
    // Their items were just claimed as fired, so nothing to cancel: only a timer with a point still
    // ahead (a warning crossed, an item that fired early after a clock edit) writes a new item.
    await rearm(uow.trx, timers, clockFor, { cancelIdle: false });
  }

  scheduler.register(SLA_TIMER_KIND, (items, uow) => fire(items, uow, items[0]!.firedAt));

  /**
   * A calendar changed (in `uow`): every open timer counting on it gets its due time and next
   * warning from the new calendar, and whatever the new calendar puts in the past fires now.
   * Answers how many running timers moved their due time.
   */
  async function retimeCalendar(uow: UnitOfWork, key: string, now: Date): Promise<number> {
    const fresh = await loadClock(uow.trx, key);
    const clockFor: ClockFor = (k) => (k === key ? Promise.resolve(fresh) : clockLoader(uow.trx)(k));
    const timers = await repo.openTimersOnClock(uow.trx, key);
    if (timers.length === 0) return 0;
    let moved = 0;
    await settle(uow, timers, now, clockFor, () => {
      for (const timer of timers) {
        const due = timer.state === 'running' ? dueAt(timer, fresh) : null;
        if (timer.state === 'running' && due?.getTime() !== timer.due_at?.getTime()) moved += 1;
        timer.due_at = due;
      }
      return timers;
    });
    await rearm(uow.trx, timers, clockFor);
    return moved;
  }

  return {
    refreshTicketStates: repo.refreshTicketStates,
    /** The reconnection tier a payment channel and area get from the active tiered policy (the feed sets it on the ticket it opens). */
    async reconnectTier(db: Knex, channel: string, area: 'city' | 'county'): Promise<number | null> {
      for (const p of await activePolicies.get(db)) {
        const tier = p.ticket_type === 'reconnection' ? p.tiers?.find((t) => t.payment_channel === channel && t.area === area)?.tier : undefined;
        if (tier !== undefined) return tier;
      }
      return null;
    },
    /** Arms the timers of tickets accepted in bulk (the reconnection feed), in the caller's transaction. */
    async startAccepted(uow: UnitOfWork, entries: readonly { ticket: TicketRow; customer: CustomerRow }[], now: Date): Promise<TimerRow[]> {
      const started = await startTimersMany(uow, entries, 'accepted', now, clockLoader(uow.trx));
      await repo.refreshTicketStates(uow.trx, entries.map((e) => e.ticket.id));
      return started;
    },
    stopTimersAt,
    retimeCalendar,
    /** Drops this process's cached clock of a calendar (after the commit that changed it). */
    forgetCalendar(key: string): void {
      calendars.get(key)?.invalidate();
    },
    /** The calendar arithmetic the timers use, for previews. */
    clockFor: (key: string): Promise<Clockwork> => clockLoader(knex)(key),
    policyRow: (key: string) => repo.policy(knex, key),

    participant: {
      name: 'sla',
      afterChange: onTicketChange,
      async detail(db: Knex, ticket: TicketRow, now: Date) {
        const timers = await repo.ticketTimers(db, ticket.id);
        const clockFor = clockLoader(db);
        const views = [];
        for (const t of timers) views.push(toTimerView(t, now, await clockFor(t.policy.clock)));
        return { timers: views };
      },
      /** A queue row's worst timer: breached beats warning beats ok; all open timers paused shows what is left, not a due time. */
      async summarize(db: Knex, ticketIds: readonly number[]) {
        const summaries = new Map<number, SlaSummary>();
        if (ticketIds.length === 0) return summaries;
        const rows = await repo.summaries(db, ticketIds);
        for (const r of rows) {
          const paused = r.all_paused && r.level < 2;
          summaries.set(Number(r.ticket_id), {
            state: r.level >= 2 ? 'breached' : paused ? 'paused' : r.level === 1 ? 'warning' : 'ok',
            due_at: paused ? null : r.due_at?.toISOString() ?? null,
            breached_at: r.breached_at?.toISOString() ?? null,
            remaining_seconds: paused && r.paused_left !== null ? Math.round(r.paused_left) : null,
          });
        }
        return summaries;
      },
    } satisfies TicketParticipant,

    async listPolicies(): Promise<PolicyView[]> {
      return (await repo.policies(knex)).map(toPolicyView);
    },

    /** Creates or replaces a policy; running timers keep their snapshot (see above). */
    async putPolicy(principal: Principal, key: string, input: PutPolicyInput): Promise<{ policy: PolicyView; created: boolean }> {
      const result = await inTransaction(knex, bus, async ({ trx }) => {
        if (input.clock !== 'wall' && !(await calendarRepository.exists(trx, input.clock))) {
          throw errors.rule(`no working calendar ${input.clock}`, { errors: [{ path: 'clock', message: "'wall' or a calendar key" }] });
        }
        const before = await repo.lockPolicy(trx, key);
        const now = clock.now();
        const values = { ...input, tiers: input.tiers === null ? null : JSON.stringify(input.tiers), updated_at: now, updated_by: principal.id };
        const row = await repo.savePolicy(trx, key, values, before?.version ?? null);
        await repo.insertPolicyChange(trx, {
          policy_key: key, version: row.version, at: now, actor_id: principal.id,
          before: before ? JSON.stringify(toPolicyView(before)) : null, after: JSON.stringify(toPolicyView(row)),
        });
        await writeAudit(trx, {
          at: now, actorId: principal.id, entity: 'sla_policy', entityId: key, action: before ? 'update' : 'create',
          data: { before: before ? toPolicyView(before) : null, after: toPolicyView(row) },
        });
        return { policy: toPolicyView(row), created: !before };
      });
      activePolicies.invalidate();
      return result;
    },

    async getPolicy(key: string): Promise<PolicyView> {
      const row = await repo.policy(knex, key);
      if (!row) throw errors.notFound(`SLA policy ${key}`);
      return toPolicyView(row);
    },

    async board(principal: Principal, q: BoardQuery): Promise<BoardView> {
      const now = clock.now();
      const filter = { type: q.type, policy: q.policy, scopePrefix: scopePrefix(principal), unitId: q.unit_id };
      const [perUnit, soonest, m, names] = await Promise.all([
        repo.boardCounts(knex, filter),
        repo.boardSoonest(knex, filter, 20),
        repo.boardMetSince(knex, filter, startOfLocalDay(now, config.timezone)),
        boardRepository.unitNames(knex),
      ]);
      const totals = { ok: 0, warning: 0, breached: 0 };
      for (const r of perUnit) { totals.ok += r.ok; totals.warning += r.warning; totals.breached += r.breached; }
      return {
        generated_at: now.toISOString(),
        totals,
        units: perUnit.map((r) => ({ unit_id: r.unit_id, name: r.unit_id === null ? null : names.get(r.unit_id) ?? null, ok: r.ok, warning: r.warning, breached: r.breached, soonest_due_at: iso(r.soonest_due_at) })),
        soonest: soonest.map((r) => ({ ticket_id: r.ticket_id, unit_id: r.unit_id, policy_key: r.policy_key, due_at: r.due_at.toISOString() })),
        met_today: { met: m.met, on_time: m.on_time, rate: m.met === 0 ? null : m.on_time / m.met },
      };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
