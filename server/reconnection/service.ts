import type { z } from 'zod';
import { scopePrefix, type Principal } from '../auth/permissions';
import { localDateStamp } from '../clock';
import { customersRepository, type CustomerRow } from '../customers/repository';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { AppError, errors, type FieldError } from '../http/errors';
import { decodeCursor, encodeCursor } from '../http/schemas';
import { toFieldErrors } from '../http/route';
import type { SlaService } from '../sla/service';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import type { TicketsService } from '../tickets/service';
import { toTicketView } from '../tickets/view';
import { reconnectionRepository as repo, type AccountRow, type WatchRow } from './repository';
import {
  paymentEventSchema, restorationEventSchema, suspensionEventSchema,
  type BatchResult, type EventResult, type PaymentEvent, type QueueQuery, type QueueView, type RestorationEvent, type SuspensionEvent,
} from './schemas';

/** The two targets a watch is timed by (DOMAIN.md "SLA rules"); their policies hold the numbers. */
export const INTERNAL_POLICY = 'reconnect_internal';
export const REGULATORY_POLICY = 'reconnect_regulatory';
/** A restoration reported this far ahead of the desk's clock is refused (clocks of two systems drift, not by more). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const RESTORED_RESOLUTION = '线路已复机（开通系统回报）';
const RESTORED_CAUSE = '欠费停机，用户交费后复机';

type Checked<T> = { index: number; event: T };

/**
 * One feed batch: each event is checked alone; the valid ones are written together, one
 * statement per step for the whole batch. Should the batch's transaction fail, each event is
 * retried in a transaction of its own, so one event that cannot be written never takes the
 * others down and no event is ever half written.
 */
async function runBatch<T extends { external_id: string }>(
  raw: readonly Record<string, unknown>[],
  schema: z.ZodType<T>,
  write: (events: readonly Checked<T>[]) => Promise<EventResult[]>,
  onError: (err: unknown) => void,
): Promise<BatchResult> {
  const results: EventResult[] = [];
  const valid: Checked<T>[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    const externalId = typeof item.external_id === 'string' ? item.external_id : null;
    if (!parsed.success) {
      results.push({ index, external_id: externalId, result: 'rejected', outcome: null, ticket_id: null, errors: toFieldErrors(parsed.error) });
    } else if (seen.has(parsed.data.external_id)) {
      // the same event twice in one batch counts once
      results.push({ index, external_id: parsed.data.external_id, result: 'duplicate', outcome: null, ticket_id: null, errors: [] });
    } else {
      seen.add(parsed.data.external_id);
      valid.push({ index, event: parsed.data });
    }
  });
  if (valid.length > 0) {
    try {
      results.push(...(await write(valid)));
    } catch (err) {
      if (valid.length === 1) results.push(failed(valid[0]!, err, onError));
      else {
        for (const one of valid) {
          try {
            results.push(...(await write([one])));
          } catch (single) {
            results.push(failed(one, single, onError));
          }
        }
      }
    }
  }
  results.sort((a, b) => a.index - b.index);
  const count = (r: EventResult['result']) => results.filter((x) => x.result === r).length;
  return { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected'), results };
}

function failed(one: Checked<{ external_id: string }>, err: unknown, onError: (err: unknown) => void): EventResult {
  const fieldErrors: FieldError[] = err instanceof AppError && Array.isArray(err.extra.errors) ? err.extra.errors : [{ path: 'external_id', message: 'could not be stored; send it again' }];
  if (!(err instanceof AppError)) onError(err);
  return { index: one.index, external_id: one.event.external_id, result: 'rejected', outcome: null, ticket_id: null, errors: fieldErrors };
}

const accepted = (c: Checked<{ external_id: string }>, outcome: string, ticketId: number | null): EventResult =>
  ({ index: c.index, external_id: c.event.external_id, result: 'accepted', outcome, ticket_id: ticketId, errors: [] });
const duplicate = (c: Checked<{ external_id: string }>): EventResult =>
  ({ index: c.index, external_id: c.event.external_id, result: 'duplicate', outcome: null, ticket_id: null, errors: [] });
const rejected = (c: Checked<{ external_id: string }>, path: string, message: string): EventResult =>
  ({ index: c.index, external_id: c.event.external_id, result: 'rejected', outcome: null, ticket_id: null, errors: [{ path, message }] });

/**
 * The reconnection loop (issue 17): billing's suspensions and payments open a watch (a
 * reconnection ticket on channel `system` with its 24 h and 2 h timers), provisioning's
 * restorations stop the timers at the restoration time and close it.
 */
export function createReconnectionService(deps: Deps, sla: SlaService, tickets: TicketsService) {
  const { knex, bus, clock, config, logger } = deps;
  const onError = (err: unknown) => logger.error('reconnection feed: an event could not be stored', { err });

  /** Days whose ticket-number base this process has opened (one statement a day, outside the batch). */
  const openedDays = new Set<string>();
  async function openDay(now: Date): Promise<string> {
    const day = localDateStamp(now, config.timezone);
    if (!openedDays.has(day)) {
      await ticketsRepository.openNumberDay(knex, day);
      if (openedDays.size > 3) openedDays.clear();
      openedDays.add(day);
    }
    return day;
  }

  async function writePayments(principal: Principal, batch: readonly Checked<PaymentEvent>[]): Promise<EventResult[]> {
    const now = clock.now();
    const day = await openDay(now);
    return inTransaction(knex, bus, async (uow) => {
      const { trx } = uow;
      const stored = await repo.insertPayments(trx, batch.map(({ event: e }) => ({
        external_id: e.external_id, account_no: e.account_no, phone: e.phone ?? null, channel: e.channel, paid_at: e.paid_at,
        confirmed_at: e.confirmed_at ?? null, amount: e.amount, area: e.area ?? null,
      })), now, principal.id);
      const paymentIds = new Map(stored.map((s) => [s.external_id, s.id]));
      const fresh = batch.filter((c) => paymentIds.has(c.event.external_id));
      const accounts = await repo.lockAccounts(trx, fresh.map((c) => c.event.account_no));
      const customers = new Map((await trx<CustomerRow>('customers').whereIn('id', [...new Set([...accounts.values()].map((a) => a.customer_id))])).map((c) => [c.id, c]));

      // In batch order: the first payment of a suspended account opens its watch, later ones join it.
      const opening: { check: Checked<PaymentEvent>; customer: CustomerRow }[] = [];
      const openedBy = new Map<string, Checked<PaymentEvent>>();
      const joined: { check: Checked<PaymentEvent>; ticketId: number | null }[] = [];
      for (const check of fresh) {
        const account = accounts.get(check.event.account_no);
        if (!account || account.state !== 'suspended') continue;
        if (account.open_ticket_id !== null || openedBy.has(account.account_no)) joined.push({ check, ticketId: account.open_ticket_id });
        else {
          openedBy.set(account.account_no, check);
          const customer = customers.get(account.customer_id)!;
          opening.push({ check, customer: { ...customer, area: customer.area ?? check.event.area ?? null } });
        }
      }

      const ticketOf = new Map<string, TicketRow>();
      if (opening.length > 0) {
        const inserted = await ticketsRepository.insertManyAccepted(trx, {
          day,
          acceptedEvent: { channel: 'system', type: 'reconnection', category: 'suspension', source: 'billing' },
          tickets: await Promise.all(opening.map(async ({ check: { event: e }, customer }) => ({
            type: 'reconnection', category: 'suspension', status: customer.unit_id === null ? 'accepted' : 'dispatched', channel: 'system', priority: 'normal',
            description: `欠费复机：账户 ${e.account_no} 于 ${e.paid_at} 交费 ${e.amount} 元（${e.channel}）`,
            customer_id: customer.id, unit_id: customer.unit_id, assignee_id: null, accepted_by: principal.id,
            payment_channel: e.channel, paid_at: new Date(e.paid_at),
            // the desk keeps a confirmation time for bank transfers only: that is where their clock starts
            payment_confirmed_at: e.channel === 'bank' && e.confirmed_at ? new Date(e.confirmed_at) : null,
            resolution: null, cause: null, responsibility: null, one_call_resolution: false,
            idempotency_key: `payment:${e.external_id}`, idempotency_hash: null, created_at: now,
            // set with the insert: the SLA domain finds it in place instead of updating every ticket again
            reconnect_tier: await sla.reconnectTier(trx, e.channel, customer.area ?? 'city'),
          }))),
        });
        for (const t of inserted) ticketOf.set(t.idempotency_key!.slice('payment:'.length), t);
        const entries = opening.map(({ check, customer }) => ({ ticket: ticketOf.get(check.event.external_id)!, customer }));
        const timers = await sla.startAccepted(uow, entries, now);
        const due = new Map<string, Date>();
        for (const t of timers) if (t.due_at) due.set(`${t.ticket_id}:${t.policy_key}`, t.due_at);
        await repo.insertWatches(trx, entries.map(({ ticket, customer }, i) => {
          const e = opening[i]!.check.event;
          const from = ticket.payment_confirmed_at ?? ticket.paid_at!;
          return {
            ticket_id: ticket.id, account_no: e.account_no, customer_id: customer.id, payment_id: paymentIds.get(e.external_id)!, channel: e.channel,
            area: customer.area ?? 'city', tier: ticket.reconnect_tier ?? null, clock_from: from,
            internal_due_at: due.get(`${ticket.id}:${INTERNAL_POLICY}`) ?? from, regulatory_due_at: due.get(`${ticket.id}:${REGULATORY_POLICY}`) ?? from,
          };
        }), now);
        for (const { ticket, customer } of entries) uow.emit({ type: 'ticket.created', at: now.toISOString(), actorId: principal.id, ticket: toTicketView(ticket, customer) });
      }
      // A later payment of the same arrears shows on its watch's timeline.
      const joinedRows = joined.map(({ check, ticketId }) => ({ check, ticketId: ticketId ?? ticketOf.get(openedBy.get(check.event.account_no)!.event.external_id)!.id }));
      if (joinedRows.length > 0) {
        await trx('ticket_events').insert(joinedRows.map(({ check: { event: e }, ticketId }) => ({
          ticket_id: ticketId, type: 'payment_received', at: now, actor_id: principal.id,
          data: JSON.stringify({ external_id: e.external_id, channel: e.channel, paid_at: e.paid_at, amount: e.amount }),
        })));
      }
      const outcomes = [
        ...opening.map(({ check }) => ({ check, outcome: 'watch_opened', ticket_id: ticketOf.get(check.event.external_id)!.id })),
        ...joinedRows.map(({ check, ticketId }) => ({ check, outcome: 'joined_watch', ticket_id: ticketId })),
      ];
      await repo.setPaymentOutcomes(trx, outcomes.map((o) => ({ id: paymentIds.get(o.check.event.external_id)!, outcome: o.outcome, ticket_id: o.ticket_id })));
      const byId = new Map(outcomes.map((o) => [o.check.event.external_id, o]));
      return batch.map((check) => {
        if (!paymentIds.has(check.event.external_id)) return duplicate(check);
        const o = byId.get(check.event.external_id);
        return accepted(check, o?.outcome ?? 'recorded', o?.ticket_id ?? null);
      });
    });
  }

  async function writeSuspensions(principal: Principal, batch: readonly Checked<SuspensionEvent>[]): Promise<EventResult[]> {
    const now = clock.now();
    return inTransaction(knex, bus, async ({ trx }) => {
      const known = await repo.knownSuspensions(trx, batch.map((c) => c.event.external_id));
      const fresh = batch.filter((c) => !known.has(c.event.external_id));
      const customers = await customersRepository.findByAccounts(trx, fresh.map((c) => c.event.account_no));
      const out: EventResult[] = batch.filter((c) => known.has(c.event.external_id)).map(duplicate);
      const unknown = new Map<string, { account_no: string; phone: string; area: 'city' | 'county' | null }>();
      const usable: Checked<SuspensionEvent>[] = [];
      for (const c of fresh) {
        if (customers.has(c.event.account_no)) usable.push(c);
        else if (c.event.phone === undefined) out.push(rejected(c, 'account_no', 'unknown account: send phone so the desk can register the customer'));
        else {
          unknown.set(c.event.phone, { account_no: c.event.account_no, phone: c.event.phone, area: c.event.area ?? null });
          usable.push(c);
        }
      }
      for (const row of await customersRepository.registerAccounts(trx, [...unknown.values()], now)) if (row.account_no) customers.set(row.account_no, row);
      const accounts = await repo.lockAccounts(trx, usable.map((c) => c.event.account_no));
      const states = new Map<string, AccountRow>([...accounts].map(([k, v]) => [k, { ...v }]));
      const stored: { check: Checked<SuspensionEvent>; outcome: string; notice_missing: boolean }[] = [];
      // In batch order per account: a notice in this batch before the suspension counts.
      for (const c of [...usable].sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at) || a.index - b.index)) {
        const customer = customers.get(c.event.account_no);
        if (!customer) {
          // the phone belongs to a customer registered under another account
          out.push(rejected(c, 'phone', 'this phone belongs to another account'));
          continue;
        }
        const at = new Date(c.event.at);
        const current = states.get(c.event.account_no) ?? { account_no: c.event.account_no, customer_id: customer.id, state: 'restored' as const, notified_at: null, suspended_at: null, notice_missing: false, restored_at: null };
        if (c.event.kind === 'notified') {
          states.set(c.event.account_no, { ...current, state: current.state === 'suspended' ? 'suspended' : 'notified', notified_at: at });
          stored.push({ check: c, outcome: 'notified', notice_missing: false });
        } else {
          // Liaoning's duty to notify before suspending: a suspension with no notice before it is flagged
          const missing = current.notified_at === null || current.notified_at > at;
          states.set(c.event.account_no, { ...current, state: 'suspended', suspended_at: at, notice_missing: missing });
          stored.push({ check: c, outcome: missing ? 'suspended_without_notice' : 'suspended', notice_missing: missing });
        }
      }
      const inserted = await repo.insertSuspensions(trx, stored.map((s) => ({
        external_id: s.check.event.external_id, account_no: s.check.event.account_no, kind: s.check.event.kind, at: s.check.event.at, notice_missing: s.notice_missing,
      })), now, principal.id);
      // a parallel batch stored one of them first: it is that batch's, and this batch's state must not count it
      if (inserted.size !== stored.length) throw errors.conflict('a parallel batch carried the same events');
      await repo.upsertAccounts(trx, [...states.values()].filter((a) => stored.some((s) => s.check.event.account_no === a.account_no)), now);
      out.push(...stored.map((s) => accepted(s.check, s.outcome, null)));
      return out;
    });
  }

  async function writeRestorations(principal: Principal, batch: readonly Checked<RestorationEvent>[]): Promise<EventResult[]> {
    const now = clock.now();
    return inTransaction(knex, bus, async (uow) => {
      const { trx } = uow;
      const stored = await repo.insertRestorations(trx, batch.map(({ event: e }) => ({
        external_id: e.external_id, account_no: e.account_no ?? null, ticket_id: e.ticket_id ?? null, restored_at: e.restored_at,
      })), now, principal.id);
      const fresh = batch.filter((c) => stored.has(c.event.external_id));
      const watches = await repo.lockOpenWatches(trx, fresh.flatMap((c) => (c.event.ticket_id ? [c.event.ticket_id] : [])), fresh.flatMap((c) => (c.event.account_no ? [c.event.account_no] : [])));
      const byTicket = new Map(watches.map((w) => [w.ticket_id, w]));
      const byAccount = new Map(watches.map((w) => [w.account_no, w]));
      const out: EventResult[] = batch.filter((c) => !stored.has(c.event.external_id)).map(duplicate);
      const drop: string[] = [];
      const closing = new Map<number, { check: Checked<RestorationEvent>; watch: WatchRow; at: Date }>();
      const noWatch: Checked<RestorationEvent>[] = [];
      for (const c of fresh) {
        const at = new Date(c.event.restored_at);
        const watch = c.event.ticket_id !== undefined ? byTicket.get(c.event.ticket_id) : byAccount.get(c.event.account_no!);
        let refusal: [string, string] | null = null;
        if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) refusal = ['restored_at', 'in the future'];
        else if (c.event.ticket_id !== undefined && !watch) refusal = ['ticket_id', 'not an open reconnection watch'];
        else if (watch && at < watch.clock_from) refusal = ['restored_at', 'before the payment that opened the watch'];
        else if (watch && closing.has(watch.ticket_id)) refusal = ['external_id', 'another restoration in this batch closes the same watch'];
        if (refusal) {
          drop.push(c.event.external_id);
          out.push(rejected(c, ...refusal));
        } else if (watch) closing.set(watch.ticket_id, { check: c, watch, at });
        else noWatch.push(c);
      }
      await repo.dropRestorations(trx, drop);

      const timers = await sla.stopTimersAt(uow, new Map([...closing].map(([id, c]) => [id, c.at])), now);
      const onTime = (ticketId: number, policy: string) => timers.get(ticketId)?.find((t) => t.policy_key === policy)?.on_time ?? true;
      const late = [...closing.values()].filter((c) => (timers.get(c.watch.ticket_id) ?? []).some((t) => !t.on_time));
      const lateIds = new Set(late.map((c) => c.watch.ticket_id));
      const dataOf = (c: { check: Checked<RestorationEvent>; watch: WatchRow }) => ({
        external_id: c.check.event.external_id, restored_at: c.check.event.restored_at, sla: timers.get(c.watch.ticket_id) ?? [],
        internal_on_time: onTime(c.watch.ticket_id, INTERNAL_POLICY), regulatory_on_time: onTime(c.watch.ticket_id, REGULATORY_POLICY),
      });
      // On time: closed at once, no callback. The timeline event says when the line came back.
      const closed = await ticketsRepository.closeMany(trx, {
        now, actorId: principal.id, eventType: 'restored', resolution: RESTORED_RESOLUTION, cause: RESTORED_CAUSE,
        tickets: [...closing.values()].filter((c) => !lateIds.has(c.watch.ticket_id)).map((c) => ({ id: c.watch.ticket_id, resolved_at: c.at, data: dataOf(c) })),
      });
      if (closed.length > 0) {
        const customers = new Map((await trx<CustomerRow>('customers').whereIn('id', [...new Set(closed.map((t) => t.customer_id))])).map((c) => [c.id, c]));
        for (const t of closed) uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'restored', ticket: toTicketView(t, customers.get(t.customer_id)!) });
      }
      // Late: the customer waited; resolved through the ticket's own rules so the callback is scheduled.
      for (const c of late) {
        await tickets.resolveRestored(c.watch.ticket_id, { restoredAt: c.at, resolution: RESTORED_RESOLUTION, cause: RESTORED_CAUSE, data: { ...dataOf(c), late: true, feed_user_id: principal.id } }, uow);
      }
      await repo.closeWatches(trx, [...closing.values()].map((c) => ({
        ticket_id: c.watch.ticket_id, restored_at: c.check.event.restored_at, restoration_id: c.check.event.external_id,
        internal_on_time: onTime(c.watch.ticket_id, INTERNAL_POLICY), regulatory_on_time: onTime(c.watch.ticket_id, REGULATORY_POLICY),
      })));
      const restoredAccounts = new Map<string, string>();
      for (const c of closing.values()) restoredAccounts.set(c.watch.account_no, c.check.event.restored_at);
      for (const c of noWatch) restoredAccounts.set(c.event.account_no!, c.event.restored_at);
      await repo.restoreAccounts(trx, [...restoredAccounts].map(([account_no, restored_at]) => ({ account_no, restored_at })), now);
      const results = [
        ...[...closing.values()].map((c) => ({ check: c.check, outcome: lateIds.has(c.watch.ticket_id) ? 'callback' : 'closed', ticket_id: c.watch.ticket_id as number | null, account_no: c.watch.account_no })),
        ...noWatch.map((check) => ({ check, outcome: 'no_watch', ticket_id: null, account_no: check.event.account_no ?? null })),
      ];
      await repo.setRestorationOutcomes(trx, results.map((r) => ({ external_id: r.check.event.external_id, outcome: r.outcome, ticket_id: r.ticket_id, account_no: r.account_no })));
      out.push(...results.map((r) => accepted(r.check, r.outcome, r.ticket_id)));
      return out;
    });
  }

  return {
    payments: (principal: Principal, events: readonly Record<string, unknown>[]) => runBatch(events, paymentEventSchema, (batch) => writePayments(principal, batch), onError),
    suspensions: (principal: Principal, events: readonly Record<string, unknown>[]) => runBatch(events, suspensionEventSchema, (batch) => writeSuspensions(principal, batch), onError),
    restorations: (principal: Principal, events: readonly Record<string, unknown>[]) => runBatch(events, restorationEventSchema, (batch) => writeRestorations(principal, batch), onError),

    /** The provisioning team's queue: by tier, then by the 2-hour due time; with the counts per tier. */
    async queue(principal: Principal, q: QueueQuery): Promise<QueueView> {
      const offset = decodeCursor(q.cursor);
      if (q.cursor && offset === undefined) throw errors.badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from next_cursor' }], 'invalid_cursor');
      const now = clock.now();
      const scope = scopePrefix(principal);
      const start = (offset ?? 1) - 1;
      const [tiers, rows] = await Promise.all([
        repo.tierCounts(knex, now, scope),
        repo.queue(knex, { scopePrefix: scope, tier: q.tier, offset: start, limit: q.limit + 1 }),
      ]);
      const page = rows.slice(0, q.limit);
      return {
        generated_at: now.toISOString(),
        tiers: tiers.map((t) => ({ ...t, soonest_due_at: t.soonest_due_at?.toISOString() ?? null })),
        items: page.map((w) => ({
          ticket_id: w.ticket_id, number: w.number, account_no: w.account_no, phone: w.phone, customer_name: w.customer_name, channel: w.channel,
          area: w.area, tier: w.tier, paid_at: w.paid_at.toISOString(), clock_from: w.clock_from.toISOString(),
          internal_due_at: w.internal_due_at.toISOString(), regulatory_due_at: w.regulatory_due_at.toISOString(),
          state: w.regulatory_due_at <= now ? 'regulatory_breached' : w.internal_due_at <= now ? 'internal_breached' : 'ok',
          urge_count: w.urge_count ?? 0,
        })),
        next_cursor: rows.length > q.limit ? encodeCursor(start + q.limit + 1) : null,
      };
    },

  };
}

export type ReconnectionService = ReturnType<typeof createReconnectionService>;
