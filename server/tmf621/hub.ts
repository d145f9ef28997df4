import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { writeAudit } from '../audit';
import type { ClientPrincipal } from '../auth/permissions';
import { clientsRepository, type ClientRow } from '../clients/repository';
import type { Deps } from '../deps';
import type { DomainEvent, DurableConsumer } from '../events/types';
import { AppError, errors } from '../http/errors';
import { recordMail } from '../mail/service';
import { ticketsRepository } from '../tickets/repository';
import { statusOfEvent, tmfStatus, type TmfStatus } from './mapping';
import { singleFlight } from '../jobs/single-flight';
import type { TmfVersion } from './view';

type Json = Record<string, unknown>;

export const HUB_EVENT_TYPES = [
  'TroubleTicketCreateEvent', 'TroubleTicketAttributeValueChangeEvent', 'TroubleTicketStatusChangeEvent',
  'TroubleTicketResolvedEvent', 'TroubleTicketInformationRequiredEvent', 'TroubleTicketDeleteEvent',
] as const;
export type HubEventType = (typeof HUB_EVENT_TYPES)[number];

export interface HubOptions {
  /** a subscription failing this long is suspended and its owner told (default a day) */
  giveUpSeconds: number;
  /** the longest wait between two attempts of one delivery */
  maxBackoffSeconds: number;
  /** how often the sender looks for due deliveries without being woken */
  pollMs?: number;
  /** deliveries sent side by side */
  concurrency?: number;
}

interface SubscriptionRow {
  id: number;
  client_id: number;
  version: TmfVersion;
  callback: string;
  query: string | null;
  secret: string;
  state: 'active' | 'suspended' | 'deleted';
  failing_since: Date | null;
  suspended_at: Date | null;
  created_at: Date;
}

interface DueDelivery {
  id: number;
  subscription_id: number;
  ticket_id: number;
  event_type: HubEventType;
  payload: Json;
  attempts: number;
  callback: string;
  secret: string;
  failing_since: Date | null;
  client_id: number;
}

/** The listener path of an event type: `{callback}/listener/troubleTicketCreateEvent`. */
export const listenerPath = (eventType: HubEventType) => `/listener/${eventType[0]!.toLowerCase()}${eventType.slice(1)}`;

/**
 * `X-LoopDesk-Signature: sha256=<hex>`: the HMAC-SHA256, keyed with the subscription's secret, of
 * `<X-LoopDesk-Timestamp>.<body>`: the body cannot be changed nor replayed later with a fresh time.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A deterministic event id per (outbox event, TMF event type): a re-offered outbox event makes no second delivery. */
function eventId(outboxId: string, type: string): string {
  const h = crypto.createHash('sha1').update(`${outboxId}:${type}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * A subscription's `query` filters what it hears: `eventType=A,B&status=resolved&severity=Major`;
 * each key names the event type or an attribute of the ticket (dotted paths reach deeper); all
 * must match one of their comma-separated values. Empty: every event.
 */
export function parseHubQuery(query: string | null | undefined): [string, string[]][] {
  if (!query?.trim()) return [];
  const params = new URLSearchParams(query.trim().replace(/^\?/, ''));
  return [...params.keys()].filter((k, i, all) => all.indexOf(k) === i).map((key) => [key, params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)]);
}

function matches(filter: [string, string[]][], eventType: string, ticket: Json): boolean {
  return filter.every(([key, values]) => {
    if (key === 'eventType') return values.includes(eventType);
    const path = key.replace(/^event\.troubleTicket\./, '').split('.');
    const value = path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), ticket);
    return value !== undefined && values.includes(String(value));
  });
}

/** The TMF events one desk change raises, from the TMF status it had last been announced in. */
function hubEvents(created: boolean, before: TmfStatus | undefined, after: TmfStatus): HubEventType[] {
  if (created) return ['TroubleTicketCreateEvent'];
  if (before === after) return ['TroubleTicketAttributeValueChangeEvent'];
  const out: HubEventType[] = ['TroubleTicketStatusChangeEvent'];
  if (after === 'resolved') out.push('TroubleTicketResolvedEvent');
  if (after === 'pending') out.push('TroubleTicketInformationRequiredEvent');
  if (after === 'cancelled') out.push('TroubleTicketDeleteEvent');
  return out;
}

const clientPrincipal = (client: ClientRow, units: { id: number; path: string }[]): ClientPrincipal => ({
  id: Number(client.user_id), username: `client:${client.client_id}`, name: client.name, role: 'integration', unitId: null, unitPath: null,
  client: { id: Number(client.id), clientId: client.client_id, scopes: client.scopes, units },
});

export interface HubRender {
  render(principal: ClientPrincipal, ticketId: number, version: TmfVersion, db: Knex): Promise<Json>;
}

/**
 * TMF621 hub: subscriptions per API client, and their deliveries riding on the outbox. A durable
 * consumer of `ticket.created` / `ticket.updated` turns each committed change into TMF events and
 * writes one delivery row per matching subscription in its own transaction (at least once: the
 * relay re-offers what a crash skipped). A sender claims the head of each (subscription, ticket)
 * line with SKIP LOCKED, POSTs it signed outside any transaction, and records the outcome: in order
 * per ticket, retried with backoff, and a subscription failing for `giveUpSeconds` is suspended
 * and its owner told. No delivery is part of (or can block) a ticket change.
 */
export function createHub(deps: Deps, renderer: HubRender, options: HubOptions) {
  const { knex, clock, logger } = deps;
  const pollMs = options.pollMs ?? 250;
  const concurrency = options.concurrency ?? 16;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function toHub(row: SubscriptionRow, apiRoot: string, secret?: string): Json {
    return {
      id: String(row.id), href: `${apiRoot}/tmf-api/troubleTicket/${row.version}/hub/${row.id}`, '@type': 'Hub', callback: row.callback,
      ...(row.query ? { query: row.query } : {}), ...(secret ? { secret } : {}),
    };
  }

  async function ownSubscription(principal: ClientPrincipal, id: number, version: TmfVersion): Promise<SubscriptionRow> {
    const row = await knex<SubscriptionRow>('tmf_hub_subscriptions').where({ id, client_id: principal.client.id, version }).whereNot({ state: 'deleted' }).first();
    if (!row) throw errors.notFound(`hub ${id}`);
    return row;
  }

  const consumer: DurableConsumer = {
    name: 'tmf621.hub',
    types: ['ticket.created', 'ticket.updated'],
    knex,
    async handle(event: DomainEvent, work, meta) {
      if (event.type !== 'ticket.created' && event.type !== 'ticket.updated') return;
      const { trx } = work;
      const subscriptions = await trx<SubscriptionRow>('tmf_hub_subscriptions').where({ state: 'active' }).orderBy('id');
      const ticketId = event.ticket.id;
      // the last announced state of the ticket, locked: changes of one ticket are announced one at a time, in version order
      await trx('tmf_ticket_states').insert({ ticket_id: ticketId, version: 0, status: '' }).onConflict('ticket_id').ignore();
      const state = await trx('tmf_ticket_states').where({ ticket_id: ticketId }).forUpdate().first<{ version: number; status: string }>();
      // the ticket was announced already (an update of its own intake transaction got here first)
      if (event.type === 'ticket.created' && state!.status !== '') return;
      // a later state was announced already (two fast paths finished out of order): its status news is
      // in that one; an attribute change is still told, with the current ticket (never an older one)
      const stale = event.ticket.version < state!.version;
      if (stale && (event.type !== 'ticket.updated' || statusOfEvent(event.change, {}) !== null)) return;
      const row = (await ticketsRepository.findMany(trx, [ticketId]))[0];
      if (!row) return;
      const status = tmfStatus(row);
      if (!stale) await trx('tmf_ticket_states').where({ ticket_id: ticketId }).update({ version: Math.max(row.version, state!.version), status });
      if (subscriptions.length === 0) return;
      const types: HubEventType[] = stale ? ['TroubleTicketAttributeValueChangeEvent'] : hubEvents(state!.status === '', (state!.status || undefined) as TmfStatus | undefined, status);
      const clients = new Map((await trx<ClientRow>('api_clients').whereIn('id', [...new Set(subscriptions.map((s) => s.client_id))]).where({ active: true })).map((c) => [Number(c.id), c]));
      const now = clock.now();
      const rendered = new Map<string, Json | null>();
      const deliveries: Json[] = [];
      for (const sub of subscriptions) {
        const client = clients.get(Number(sub.client_id));
        if (!client) continue;
        const key = `${client.id}:${sub.version}`;
        if (!rendered.has(key)) {
          const units = (await clientsRepository.unitPaths(trx, client.unit_ids)).map((u) => ({ id: Number(u.id), path: u.path }));
          // a ticket the client may not see is not announced to it (404 from the renderer)
          rendered.set(key, await renderer.render(clientPrincipal(client, units), ticketId, sub.version, trx).catch((err: unknown) => {
            if (err instanceof AppError && err.status === 404) return null;
            throw err;
          }));
        }
        const ticket = rendered.get(key);
        if (!ticket) continue;
        const filter = parseHubQuery(sub.query);
        for (const type of types) {
          if (!matches(filter, type, ticket)) continue;
          const id = eventId(meta.id, type);
          const payload = {
            ...(sub.version === 'v5' ? { '@type': type } : {}),
            eventId: id, eventTime: event.at, eventType: type, correlationId: meta.id,
            ...(sub.version === 'v5' ? { timeOccurred: event.at, domain: 'troubleTicket' } : {}),
            event: { troubleTicket: type === 'TroubleTicketDeleteEvent' && sub.version === 'v5' ? { '@type': 'TroubleTicketRef', id: ticket.id, href: ticket.href, name: ticket.name } : ticket },
          };
          deliveries.push({ subscription_id: sub.id, ticket_id: ticketId, event_id: id, event_type: type, payload: JSON.stringify(payload), next_attempt_at: now, created_at: now });
        }
      }
      if (deliveries.length === 0) return;
      await trx('tmf_hub_deliveries').insert(deliveries).onConflict(['subscription_id', 'event_id']).ignore();
      // send as soon as this transaction commits rather than at the next poll
      void trx.executionPromise.then(() => { if (!stopped) void pass(); }, () => undefined);
    },
  };

  /** Claims due heads of lines: the oldest pending delivery of each (subscription, ticket), of active subscriptions. */
  async function claim(limit: number): Promise<DueDelivery[]> {
    const now = clock.now();
    const { rows } = await knex.raw<{ rows: DueDelivery[] }>(
      `UPDATE tmf_hub_deliveries d SET lease_until = ?::timestamptz + interval '60 seconds'
       FROM (
         SELECT d.id FROM tmf_hub_deliveries d
         JOIN tmf_hub_subscriptions s ON s.id = d.subscription_id AND s.state = 'active'
         WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
           AND NOT EXISTS (SELECT 1 FROM tmf_hub_deliveries e WHERE e.subscription_id = d.subscription_id AND e.ticket_id = d.ticket_id AND e.state = 'pending' AND e.id < d.id)
         ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED
       ) due, tmf_hub_subscriptions s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.ticket_id, d.event_type, d.payload, d.attempts, s.callback, s.secret, s.failing_since, s.client_id`,
      [now, now, now, limit],
    );
    return rows;
  }

  async function send(d: DueDelivery): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const body = JSON.stringify(d.payload);
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    try {
      const res = await fetch(`${d.callback.replace(/\/$/, '')}${listenerPath(d.event_type)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-LoopDesk-Timestamp': timestamp, 'X-LoopDesk-Signature': signDelivery(d.secret, timestamp, body), 'X-LoopDesk-Delivery': String(d.id) },
        body,
        signal: AbortSignal.timeout(10_000),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.status >= 300 ? `HTTP ${res.status}` : null };
    } catch (err) {
      return { ok: false, status: null, error: err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err) };
    }
  }

  /** The outcome of one attempt; a subscription failing for giveUpSeconds is suspended and its owner told, in one transaction. */
  async function record(d: DueDelivery, outcome: { ok: boolean; status: number | null; error: string | null }): Promise<void> {
    const now = clock.now();
    await knex.transaction(async (trx) => {
      if (outcome.ok) {
        await trx('tmf_hub_deliveries').where({ id: d.id }).update({ state: 'delivered', attempts: d.attempts + 1, last_status: outcome.status, last_error: null, delivered_at: now, lease_until: null });
        await trx('tmf_hub_subscriptions').where({ id: d.subscription_id }).whereNotNull('failing_since').update({ failing_since: null });
        return;
      }
      const attempts = d.attempts + 1;
      const wait = Math.min(2 ** Math.min(attempts - 1, 20), options.maxBackoffSeconds);
      await trx('tmf_hub_deliveries').where({ id: d.id }).update({
        attempts, last_status: outcome.status, last_error: outcome.error?.slice(0, 500) ?? null, lease_until: null,
        next_attempt_at: new Date(now.getTime() + wait * 1000),
      });
      const since = d.failing_since ?? now;
      if (!d.failing_since) await trx('tmf_hub_subscriptions').where({ id: d.subscription_id }).whereNull('failing_since').update({ failing_since: now });
      if (now.getTime() - since.getTime() < options.giveUpSeconds * 1000) return;
      const suspended = await trx('tmf_hub_subscriptions').where({ id: d.subscription_id, state: 'active' }).update({ state: 'suspended', suspended_at: now }).returning<{ id: number }[]>('id');
      if (suspended.length === 0) return;
      const client = await trx('api_clients as c').leftJoin('users as u', 'u.id', 'c.created_by').where('c.id', d.client_id)
        .first<{ id: number; name: string; created_by: number | null; email: string | null }>('c.id', 'c.name', 'c.created_by', 'u.email');
      await writeAudit(trx, { at: now, actorId: null, entity: 'api_client', entityId: Number(d.client_id), action: 'hub_suspended', data: { subscription_id: d.subscription_id, callback: d.callback, failing_since: since.toISOString(), last_error: outcome.error } });
      if (client?.email) {
        await recordMail(trx, clock, {
          id: `hub-suspended:${d.subscription_id}:${now.getTime()}`, kind: 'tmf621.hub_suspended', ticketId: null, locale: 'zh-CN',
          subject: `接入系统「${client.name}」的事件订阅已暂停 / Hub subscription of ${client.name} suspended`,
          body: `订阅 ${d.subscription_id}（${d.callback}）自 ${since.toISOString()} 起一直投递失败，已暂停；恢复后在系统设置 → 接入系统中重新启用。\n` +
            `Subscription ${d.subscription_id} (${d.callback}) has failed since ${since.toISOString()} (last error: ${outcome.error ?? 'none'}) and is suspended; resume it in Administration → API clients.`,
          recipients: [{ userId: client.created_by === null ? null : Number(client.created_by), email: client.email }],
        });
      }
      logger.warn('hub subscription suspended after failing for the give-up window', { subscription_id: d.subscription_id, callback: d.callback });
    });
  }

  async function drain(): Promise<void> {
    for (;;) {
      const due = await claim(concurrency);
      if (due.length === 0) return;
      await Promise.all(due.map(async (d) => record(d, await send(d))));
    }
  }

  const flight = singleFlight(async () => {
    await drain();
    return 0;
  }, { stopped: () => stopped, afterError: 'stop', onError: (err) => logger.warn('hub sender pass failed; retrying', { err }) });
  const pass = flight.run;

  return {
    consumer,
    async subscribe(principal: ClientPrincipal, version: TmfVersion, input: { callback: string; query?: string }, apiRoot: string): Promise<Json> {
      const secret = crypto.randomBytes(32).toString('base64url');
      const now = clock.now();
      const [row] = await knex('tmf_hub_subscriptions').insert({ client_id: principal.client.id, version, callback: input.callback, query: input.query ?? null, secret, created_at: now }).returning<SubscriptionRow[]>('*');
      return toHub(row!, apiRoot, secret);
    },
    async get(principal: ClientPrincipal, id: number, version: TmfVersion, apiRoot: string): Promise<Json> {
      return toHub(await ownSubscription(principal, id, version), apiRoot);
    },
    async unsubscribe(principal: ClientPrincipal, id: number, version: TmfVersion): Promise<void> {
      await ownSubscription(principal, id, version);
      await knex.transaction(async (trx) => {
        await trx('tmf_hub_subscriptions').where({ id }).update({ state: 'deleted' });
        await trx('tmf_hub_deliveries').where({ subscription_id: id, state: 'pending' }).update({ state: 'abandoned', last_error: 'subscription deleted' });
      });
    },
    /** Subscriptions of a client, for the admin area. */
    async subscriptions(clientId: number): Promise<Json[]> {
      const rows = await knex('tmf_hub_subscriptions as s').where({ client_id: clientId }).whereNot({ state: 'deleted' }).orderBy('id')
        .select<(SubscriptionRow & { pending: number; delivered: number })[]>('s.*',
          knex.raw(`(SELECT count(*)::int FROM tmf_hub_deliveries d WHERE d.subscription_id = s.id AND d.state = 'pending') AS pending`),
          knex.raw(`(SELECT count(*)::int FROM tmf_hub_deliveries d WHERE d.subscription_id = s.id AND d.state = 'delivered') AS delivered`));
      return rows.map((r) => ({
        id: Number(r.id), version: r.version, callback: r.callback, query: r.query, state: r.state, failing_since: r.failing_since?.toISOString() ?? null,
        suspended_at: r.suspended_at?.toISOString() ?? null, created_at: r.created_at.toISOString(), pending: r.pending, delivered: r.delivered,
      }));
    },
    /** The delivery log of a subscription, newest first. */
    async deliveries(subscriptionId: number, limit: number): Promise<Json[]> {
      if (!(await knex('tmf_hub_subscriptions').where({ id: subscriptionId }).first())) throw errors.notFound(`subscription ${subscriptionId}`);
      const rows = await knex('tmf_hub_deliveries').where({ subscription_id: subscriptionId }).orderBy('id', 'desc').limit(limit)
        .select<{ id: number; ticket_id: number; event_id: string; event_type: string; state: string; attempts: number; last_status: number | null; last_error: string | null; created_at: Date; delivered_at: Date | null; next_attempt_at: Date }[]>(
          'id', 'ticket_id', 'event_id', 'event_type', 'state', 'attempts', 'last_status', 'last_error', 'created_at', 'delivered_at', 'next_attempt_at');
      return rows.map((r) => ({
        id: Number(r.id), ticket_id: Number(r.ticket_id), event_id: r.event_id, event_type: r.event_type, state: r.state, attempts: r.attempts,
        last_status: r.last_status, last_error: r.last_error, created_at: r.created_at.toISOString(), delivered_at: r.delivered_at?.toISOString() ?? null,
        next_attempt_at: r.state === 'pending' ? r.next_attempt_at.toISOString() : null,
      }));
    },
    /** An admin resumes a suspended subscription: what waited is sent again, in order. */
    async resume(actorId: number, subscriptionId: number): Promise<void> {
      const now = clock.now();
      await knex.transaction(async (trx) => {
        const sub = await trx<SubscriptionRow>('tmf_hub_subscriptions').where({ id: subscriptionId }).forUpdate().first();
        if (!sub || sub.state === 'deleted') throw errors.notFound(`subscription ${subscriptionId}`);
        await trx('tmf_hub_subscriptions').where({ id: subscriptionId }).update({ state: 'active', failing_since: null, suspended_at: null });
        await trx('tmf_hub_deliveries').where({ subscription_id: subscriptionId, state: 'pending' }).update({ next_attempt_at: now, attempts: 0 });
        await writeAudit(trx, { at: now, actorId, entity: 'api_client', entityId: Number(sub.client_id), action: 'hub_resumed', data: { subscription_id: subscriptionId } });
      });
      void pass();
    },
    /** Starts the sender (main.ts, worker role): woken by local commits and by polling. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void pass(), pollMs);
      timer.unref();
      void pass();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await flight.running?.catch(() => undefined);
    },
    /** one sending pass (tests) */
    pass,
  };
}

export type Hub = ReturnType<typeof createHub>;
