import type { Knex } from 'knex';
import { scopePrefix, type Principal } from '../auth/permissions';
import type { CustomerRow } from '../customers/repository';
import { writeAudit } from '../audit';
import { configCache, type ConfigCache } from '../db/config-cache';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { Scheduler } from '../jobs';
import type { TicketChange, TicketParticipant } from '../tickets/participants';
import type { TicketRow } from '../tickets/repository';
import type { SlaSummary } from '../tickets/schemas';
import { toTicketView } from '../tickets/view';
import { calendarClock, startOfLocalDay, wallClock, type Clockwork } from './calendar';
import { calendarRepository } from './calendar-repository';
import type { BoardQuery, BoardView, PolicyView, PutPolicyInput, TimerView } from './schemas';
import { advance, closeSegment, displayState, dueAt, elapsedMs, nextCheckpoint, openSegment, type Crossing, type PolicySnapshot, type TimerClock } from './timer';

export const SLA_TIMER_KIND = 'sla.timer';
const OPEN = ['running', 'paused'];

interface PolicyRow extends Omit<PutPolicyInput, 'start_on' | 'stop_on'> {
  key: string;
  start_on: string[];
  stop_on: string[];
  version: number;
  updated_at: Date;
  updated_by: number | null;
}

export interface TimerRow extends TimerClock {
  id: number;
  ticket_id: number;
  ticket_type: string;
  unit_id: number | null;
  handling_round: number;
  policy_key: string;
  tier: number | null;
  started_at: Date;
  due_at: Date | null;
  stopped_at: Date | null;
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
  const activePolicies = configCache(async (db): Promise<readonly PolicyRow[]> => db<PolicyRow>('sla_policies').where({ active: true }));

  async function saveTimers(trx: Knex, timers: readonly TimerRow[], now: Date): Promise<void> {
    if (timers.length === 0) return;
    const rows = timers.map((t) => ({
      id: t.id, state: t.state, level: t.level, elapsed_ms: t.elapsed_ms, run_started_at: iso(t.run_started_at), due_at: iso(t.due_at),
      segments: t.segments, warnings: t.warnings, breached_at: iso(t.breached_at), stopped_at: iso(t.stopped_at), unit_id: t.unit_id,
    }));
    await trx.raw(
      `UPDATE sla_timers t SET state = r.state, level = r.level, elapsed_ms = r.elapsed_ms, run_started_at = r.run_started_at,
         due_at = r.due_at, segments = r.segments, warnings = r.warnings, breached_at = r.breached_at, stopped_at = r.stopped_at,
         unit_id = r.unit_id, updated_at = ?
       FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, state text, level smallint, elapsed_ms bigint, run_started_at timestamptz,
         due_at timestamptz, segments jsonb, warnings jsonb, breached_at timestamptz, stopped_at timestamptz, unit_id bigint)
       WHERE t.id = r.id`,
      [now, JSON.stringify(rows)],
    );
  }

  /** Re-derives the per-ticket summary the board counts (worst level, soonest due) for these tickets. */
  async function refreshTicketStates(trx: Knex, ticketIds: readonly number[]): Promise<void> {
    if (ticketIds.length === 0) return;
    const ids = [...new Set(ticketIds)];
    await trx.raw(
      `WITH agg AS (
         SELECT ticket_id, max(unit_id) AS unit_id, max(ticket_type) AS ticket_type, max(level) FILTER (WHERE state IN ('running', 'paused')) AS level,
           min(due_at) FILTER (WHERE level < 2 AND state IN ('running', 'paused')) AS due_at
         FROM sla_timers WHERE ticket_id = ANY(?) GROUP BY ticket_id
         -- state is filtered here, not in WHERE: there the planner AND-ed the ticket index with the
         -- million-entry open-timers index (1 s per batch at bench scale)
         HAVING count(*) FILTER (WHERE state IN ('running', 'paused')) > 0),
       gone AS (
         DELETE FROM sla_ticket_states s WHERE s.ticket_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM agg WHERE agg.ticket_id = s.ticket_id))
       INSERT INTO sla_ticket_states (ticket_id, unit_id, ticket_type, level, due_at) SELECT * FROM agg
       ON CONFLICT (ticket_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, ticket_type = EXCLUDED.ticket_type, level = EXCLUDED.level, due_at = EXCLUDED.due_at`,
      [ids, ids],
    );
  }

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
  async function recordCrossings(uow: UnitOfWork, crossings: { timer: TimerRow; crossed: Crossing[]; ticket: TicketRow; customer: CustomerRow }[], now: Date, clockFor: ClockFor) {
    const events = [];
    for (const { timer, crossed, ticket, customer } of crossings) {
      const base = { timer_id: timer.id, policy_key: timer.policy_key, policy_name: timer.policy.name, regulatory: timer.policy.regulatory, tier: timer.tier };
      for (const c of crossed) {
        const view = toTimerView(timer, now, await clockFor(timer.policy.clock));
        const ticketView = toTicketView(ticket, customer);
        if (c.kind === 'warning') {
          events.push({ ticket_id: timer.ticket_id, type: 'sla.warning', at: now, actor_id: null, data: JSON.stringify({ ...base, fraction: c.fraction, reached_at: c.at.toISOString(), due_at: view.due_at }) });
          uow.emit({ type: 'sla.warning', at: now.toISOString(), ticket: ticketView, timer: view, fraction: c.fraction });
        } else {
          events.push({ ticket_id: timer.ticket_id, type: 'sla.breached', at: now, actor_id: null, data: JSON.stringify({ ...base, breached_at: c.at.toISOString(), escalate_on_breach: timer.policy.escalate_on_breach }) });
          uow.emit({ type: 'sla.breached', at: now.toISOString(), ticket: ticketView, timer: view, escalate: timer.policy.escalate_on_breach });
        }
      }
    }
    if (events.length > 0) await uow.trx('ticket_events').insert(events);
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

  async function startTimers(change: TicketChange, trigger: string, customer: CustomerRow, clockFor: ClockFor): Promise<void> {
    await startTimersMany(change.uow, [{ ticket: change.after, customer }], trigger, change.now, clockFor);
  }

  /**
   * Starts the timers `trigger` starts on many tickets: one insert, one re-arm and one tier update
   * for the whole batch (a billing feed opens hundreds of reconnections at once).
   */
  async function startTimersMany(uow: UnitOfWork, entries: readonly { ticket: TicketRow; customer: CustomerRow }[], trigger: string, now: Date, clockFor: ClockFor): Promise<TimerRow[]> {
    const { trx } = uow;
    const active = await activePolicies.get(trx);
    const rows = [];
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
          policy: timer.policy, tier, state: 'running', level: 0, started_at: from, elapsed_ms: 0, run_started_at: from,
          due_at: dueAt(timer, c), segments: timer.segments, warnings: [], created_at: now, updated_at: now,
        });
      }
    }
    if (rows.length === 0) return [];
    // One statement for all the timers; ids follow the rows, so sorting keeps the policies' order.
    // rows as one JSON parameter: a multi-row VALUES of the batch took knex and the server ~10x longer
    const { rows: inserted } = await trx.raw<{ rows: TimerRow[] }>(
      `INSERT INTO sla_timers (ticket_id, ticket_type, unit_id, handling_round, policy_key, policy, tier, state, level, started_at, elapsed_ms,
         run_started_at, due_at, segments, warnings, created_at, updated_at)
       SELECT r.ticket_id, r.ticket_type, r.unit_id, r.handling_round, r.policy_key, r.policy, r.tier, r.state, r.level, r.started_at, r.elapsed_ms,
         r.run_started_at, r.due_at, r.segments, r.warnings, r.created_at, r.updated_at
       FROM jsonb_to_recordset(?::jsonb) AS r(ticket_id bigint, ticket_type text, unit_id bigint, handling_round int, policy_key text, policy jsonb,
         tier smallint, state text, level smallint, started_at timestamptz, elapsed_ms bigint, run_started_at timestamptz, due_at timestamptz,
         segments jsonb, warnings jsonb, created_at timestamptz, updated_at timestamptz)
       ON CONFLICT (ticket_id, policy_key, handling_round) DO NOTHING
       RETURNING *`,
      [JSON.stringify(rows)],
    );
    const started = inserted.sort((a, b) => a.id - b.id);
    const byTicket = new Map(entries.map((e) => [e.ticket.id, e]));
    const tiers = new Map<number, number>();
    for (const timer of started) if (timer.tier !== null && !tiers.has(timer.ticket_id)) tiers.set(timer.ticket_id, timer.tier);
    const moved = [...tiers].filter(([id, tier]) => byTicket.get(id)!.ticket.reconnect_tier !== tier);
    if (moved.length > 0) {
      // Kept on the ticket for queues; the change's view is built from these same rows afterwards.
      await trx.raw(`UPDATE tickets t SET reconnect_tier = r.tier FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, tier smallint) WHERE t.id = r.id`,
        [JSON.stringify(moved.map(([id, tier]) => ({ id, tier })))]);
      for (const [id, tier] of moved) byTicket.get(id)!.ticket.reconnect_tier = tier;
    }
    // A clock started in the past (a bank confirmation an hour ago) may already be past a warning.
    await saveTimers(trx, await fireCrossed(uow, started.map((timer) => ({ timer, ...byTicket.get(timer.ticket_id)! })), now, clockFor), now);
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
    const timers = (await trx<TimerRow>('sla_timers').whereIn('ticket_id', ids).orderBy('id').forUpdate()).filter((t) => OPEN.includes(t.state));
    if (timers.length === 0) return outcomes;
    const tickets = new Map((await trx<TicketRow>('tickets').whereIn('id', ids)).map((t) => [t.id, t]));
    const customers = new Map((await trx<CustomerRow>('customers').whereIn('id', [...new Set([...tickets.values()].map((t) => t.customer_id))])).map((c) => [c.id, c]));
    const clockFor = clockLoader(trx);
    const crossings = [];
    for (const timer of timers) {
      const at = new Date(Math.min(stops.get(timer.ticket_id)!.getTime(), now.getTime()));
      const c = await clockFor(timer.policy.clock);
      timer.warnings = timer.warnings.filter((w) => Date.parse(w.at) <= at.getTime());
      if (timer.breached_at && timer.breached_at > at) timer.breached_at = null;
      timer.level = timer.breached_at ? 2 : timer.warnings.length > 0 ? 1 : 0;
      const ticket = tickets.get(timer.ticket_id)!;
      const crossed = timer.state === 'running' ? advance(timer, at, c) : [];
      if (crossed.length > 0) crossings.push({ timer, crossed, ticket, customer: customers.get(ticket.customer_id)! });
      closeSegment(timer, at, c);
      timer.state = 'met';
      timer.stopped_at = at;
      const list = outcomes.get(timer.ticket_id) ?? [];
      list.push({ policy_key: timer.policy_key, on_time: timer.breached_at === null, elapsed_seconds: timer.elapsed_ms / 1000 });
      outcomes.set(timer.ticket_id, list);
    }
    await recordCrossings(uow, crossings, now, clockFor);
    await saveTimers(trx, timers, now);
    await scheduler.cancelMany(trx, SLA_TIMER_KIND, timers.map((t) => String(t.id)));
    await refreshTicketStates(trx, ids);
    return outcomes;
  }

  async function fireCrossed(uow: UnitOfWork, list: { timer: TimerRow; ticket: TicketRow; customer: CustomerRow }[], now: Date, clockFor: ClockFor): Promise<TimerRow[]> {
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
    // by ticket only (its few timers), open ones picked here: see refreshTicketStates on the planner;
    // a ticket accepted in this very transaction has none yet
    const open = change.before === null ? [] : (await trx<TimerRow>('sla_timers').where({ ticket_id: ticket.id }).orderBy('id').forUpdate()).filter((t) => OPEN.includes(t.state));
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
    await saveTimers(trx, [...touched], now);
    await rearm(trx, [...touched], clockFor);
    if (summary.length > 0) {
      // The change's own timeline event (held, resolved, …) carries what it did to the timers.
      await trx.raw(
        `UPDATE ticket_events SET data = data || jsonb_build_object('sla', ?::jsonb)
         WHERE id = (SELECT max(id) FROM ticket_events WHERE ticket_id = ? AND type = ?)`,
        [JSON.stringify(summary), ticket.id, event],
      );
    }
    if (ticket.status !== 'closed') await startTimers(change, event, customer, clockFor);
    await refreshTicketStates(trx, [ticket.id]);
  }

  /** The scheduler's handler: items are timer ids whose next warning or breach fell due. */
  async function fire(ids: readonly number[], uow: UnitOfWork, now: Date): Promise<void> {
    const { trx } = uow;
    const timers = (await trx<TimerRow>('sla_timers').whereIn('id', ids).orderBy('id').forUpdate()).filter((t) => t.state === 'running');
    if (timers.length === 0) return;
    const tickets = new Map((await trx<TicketRow>('tickets').whereIn('id', [...new Set(timers.map((t) => t.ticket_id))])).map((t) => [t.id, t]));
    const customers = new Map((await trx<CustomerRow>('customers').whereIn('id', [...new Set([...tickets.values()].map((t) => t.customer_id))])).map((c) => [c.id, c]));
    const clockFor = clockLoader(trx);
    const changed = await fireCrossed(uow, timers.map((timer) => {
      const ticket = tickets.get(timer.ticket_id)!;
      return { timer, ticket, customer: customers.get(ticket.customer_id)! };
    }), now, clockFor);
    await saveTimers(trx, changed, now);
    await refreshTicketStates(trx, changed.map((t) => t.ticket_id));
    // Re-arm every loaded timer: one whose item fired early (a clock edit) is put back on its next point.
    // Their items were just claimed as fired, so there is nothing to cancel.
    await rearm(trx, timers, clockFor, { cancelIdle: false });
  }

  scheduler.register(SLA_TIMER_KIND, (items, uow) => fire(items.map((i) => Number(i.key)), uow, items[0]!.firedAt));

  async function policyRow(db: Knex, key: string): Promise<PolicyRow | undefined> {
    return db<PolicyRow>('sla_policies').where({ key }).first();
  }

  /**
   * A calendar changed (in `uow`): every open timer counting on it gets its due time and next
   * warning from the new calendar, and whatever the new calendar puts in the past fires now.
   * Answers how many running timers moved their due time.
   */
  async function retimeCalendar(uow: UnitOfWork, key: string, now: Date): Promise<number> {
    const { trx } = uow;
    const fresh = await loadClock(trx, key);
    const clockFor: ClockFor = (k) => (k === key ? Promise.resolve(fresh) : clockLoader(trx)(k));
    const timers = await calendarRepository.openTimersOnClock<TimerRow>(trx, key);
    if (timers.length === 0) return 0;
    const tickets = new Map((await trx<TicketRow>('tickets').whereIn('id', [...new Set(timers.map((t) => t.ticket_id))])).map((t) => [t.id, t]));
    const customers = new Map((await trx<CustomerRow>('customers').whereIn('id', [...new Set([...tickets.values()].map((t) => t.customer_id))])).map((c) => [c.id, c]));
    await fireCrossed(uow, timers.map((timer) => {
      const ticket = tickets.get(timer.ticket_id)!;
      return { timer, ticket, customer: customers.get(ticket.customer_id)! };
    }), now, clockFor);
    let moved = 0;
    for (const timer of timers) {
      const due = timer.state === 'running' ? dueAt(timer, fresh) : null;
      if (timer.state === 'running' && due?.getTime() !== timer.due_at?.getTime()) moved += 1;
      timer.due_at = due;
    }
    await saveTimers(trx, timers, now);
    await refreshTicketStates(trx, timers.map((t) => t.ticket_id));
    await rearm(trx, timers, clockFor);
    return moved;
  }

  return {
    refreshTicketStates,
    retimeCalendar,
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
      await refreshTicketStates(uow.trx, entries.map((e) => e.ticket.id));
      return started;
    },
    stopTimersAt,
    /** Drops this process's cached clock of a calendar (after the commit that changed it). */
    forgetCalendar(key: string): void {
      calendars.get(key)?.invalidate();
    },
    /** The calendar arithmetic the timers use, for previews. */
    clockFor: (key: string): Promise<Clockwork> => clockLoader(knex)(key),
    policyRow: (key: string) => policyRow(knex, key),

    participant: {
      name: 'sla',
      afterChange: onTicketChange,
      async detail(db: Knex, ticket: TicketRow, now: Date) {
        const timers = await db<TimerRow>('sla_timers').where({ ticket_id: ticket.id }).orderBy('id');
        const clockFor = clockLoader(db);
        const views = [];
        for (const t of timers) views.push(toTimerView(t, now, await clockFor(t.policy.clock)));
        return { timers: views };
      },
      /** A queue row's worst timer: breached beats warning beats ok; all open timers paused shows what is left, not a due time. */
      async summarize(db: Knex, ticketIds: readonly number[]) {
        const summaries = new Map<number, SlaSummary>();
        if (ticketIds.length === 0) return summaries;
        const { rows } = await db.raw<{ rows: { ticket_id: string; level: number; due_at: Date | null; breached_at: Date | null; all_paused: boolean; paused_left: number | null }[] }>(
          `SELECT ticket_id, max(level) AS level, min(due_at) FILTER (WHERE state = 'running' AND level < 2) AS due_at,
             min(breached_at) AS breached_at, bool_and(state = 'paused') AS all_paused,
             min((policy->>'target_seconds')::float8 - elapsed_ms / 1000.0) FILTER (WHERE state = 'paused') AS paused_left
           FROM sla_timers WHERE ticket_id = ANY(?) AND state IN ('running', 'paused') GROUP BY ticket_id`,
          [[...ticketIds]],
        );
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
      return (await knex<PolicyRow>('sla_policies').orderBy('key')).map(toPolicyView);
    },

    /** Creates or replaces a policy; running timers keep their snapshot (see above). */
    async putPolicy(principal: Principal, key: string, input: PutPolicyInput): Promise<{ policy: PolicyView; created: boolean }> {
      const result = await inTransaction(knex, bus, async ({ trx }) => {
        if (input.clock !== 'wall' && !(await trx('sla_calendars').where({ key: input.clock }).first())) {
          throw errors.rule(`no working calendar ${input.clock}`, { errors: [{ path: 'clock', message: "'wall' or a calendar key" }] });
        }
        const before = await trx<PolicyRow>('sla_policies').where({ key }).forUpdate().first();
        const now = clock.now();
        const values = { ...input, tiers: input.tiers === null ? null : JSON.stringify(input.tiers), updated_at: now, updated_by: principal.id };
        const [row] = before
          ? await trx('sla_policies').where({ key }).update({ ...values, version: before.version + 1 }).returning<PolicyRow[]>('*')
          : await trx('sla_policies').insert({ key, ...values, version: 1 }).returning<PolicyRow[]>('*');
        await trx('sla_policy_changes').insert({
          policy_key: key, version: row!.version, at: now, actor_id: principal.id,
          before: before ? JSON.stringify(toPolicyView(before)) : null, after: JSON.stringify(toPolicyView(row!)),
        });
        await writeAudit(trx, {
          at: now, actorId: principal.id, entity: 'sla_policy', entityId: key, action: before ? 'update' : 'create',
          data: { before: before ? toPolicyView(before) : null, after: toPolicyView(row!) },
        });
        return { policy: toPolicyView(row!), created: !before };
      });
      activePolicies.invalidate();
      return result;
    },

    async getPolicy(key: string): Promise<PolicyView> {
      const row = await policyRow(knex, key);
      if (!row) throw errors.notFound(`SLA policy ${key}`);
      return toPolicyView(row);
    },

    async board(principal: Principal, q: BoardQuery): Promise<BoardView> {
      const now = clock.now();
      const scope = scopePrefix(principal);
      const filters: string[] = [];
      const bindings: Knex.RawBinding[] = [];
      if (q.type) { filters.push('t.ticket_type = ANY(?)'); bindings.push(q.type); }
      if (q.policy) { filters.push('t.policy_key = ANY(?)'); bindings.push(q.policy); }
      if (scope !== null) { filters.push(`t.unit_id IN (SELECT id FROM units WHERE path LIKE ?)`); bindings.push(`${scope}%`); }
      if (q.unit_id !== undefined) {
        filters.push(`t.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = ?) || '%')`);
        bindings.push(q.unit_id);
      }
      const where = filters.map((f) => ` AND ${f}`).join('');
      // Per ticket: the summary table; narrowed to some policies, only those policies' timers count.
      const perTicket = q.policy
        ? `SELECT t.unit_id, t.ticket_id, max(t.level) AS level, min(t.due_at) FILTER (WHERE t.level < 2) AS due_at
           FROM sla_timers t WHERE t.state IN ('running', 'paused')${where} GROUP BY t.unit_id, t.ticket_id`
        : `SELECT t.unit_id, t.level, t.due_at FROM sla_ticket_states t WHERE true${where}`;
      const [perUnit, soonest, met, units] = await Promise.all([
        knex.raw<{ rows: { unit_id: number | null; ok: number; warning: number; breached: number; soonest_due_at: Date | null }[] }>(
          `SELECT unit_id, count(*) FILTER (WHERE level = 0)::int AS ok, count(*) FILTER (WHERE level = 1)::int AS warning,
             count(*) FILTER (WHERE level = 2)::int AS breached, min(due_at) AS soonest_due_at
           FROM (${perTicket}) per_ticket GROUP BY unit_id ORDER BY unit_id NULLS FIRST`,
          bindings,
        ),
        knex.raw<{ rows: { ticket_id: number; unit_id: number | null; policy_key: string; due_at: Date }[] }>(
          `SELECT t.ticket_id, t.unit_id, t.policy_key, t.due_at FROM sla_timers t
           WHERE t.state = 'running' AND t.level < 2${where} ORDER BY t.due_at LIMIT 20`,
          bindings,
        ),
        knex.raw<{ rows: { met: number; on_time: number }[] }>(
          `SELECT count(*)::int AS met, count(*) FILTER (WHERE t.breached_at IS NULL)::int AS on_time
           FROM sla_timers t WHERE t.state = 'met' AND t.stopped_at >= ?${where}`,
          [startOfLocalDay(now, config.timezone), ...bindings],
        ),
        knex('units').select<{ id: number; name: string }[]>('id', 'name'),
      ]);
      const names = new Map(units.map((u) => [u.id, u.name]));
      const totals = { ok: 0, warning: 0, breached: 0 };
      for (const r of perUnit.rows) { totals.ok += r.ok; totals.warning += r.warning; totals.breached += r.breached; }
      const m = met.rows[0]!;
      return {
        generated_at: now.toISOString(),
        totals,
        units: perUnit.rows.map((r) => ({ unit_id: r.unit_id, name: r.unit_id === null ? null : names.get(r.unit_id) ?? null, ok: r.ok, warning: r.warning, breached: r.breached, soonest_due_at: iso(r.soonest_due_at) })),
        soonest: soonest.rows.map((r) => ({ ticket_id: r.ticket_id, unit_id: r.unit_id, policy_key: r.policy_key, due_at: r.due_at.toISOString() })),
        met_today: { met: m.met, on_time: m.on_time, rate: m.met === 0 ? null : m.on_time / m.met },
      };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
