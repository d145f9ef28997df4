import type { Knex } from 'knex';
import type { BroadcastOperator, Server, Socket } from 'socket.io';
import type { OutboxRelay } from '../events/outbox';
import type { DomainEvent } from '../events/types';
import type { TimerView } from '../sla/schemas';
import type { TicketView } from '../tickets/view';
import { rooms, ticketAudience } from './audience';
import type { ClientToServerEvents, Delivery, RealtimeEvents, ServerToClientEvents } from './protocol';

export type ServerEvents = ServerToClientEvents<TicketView, TimerView>;
export type RealtimeServer<SocketData = unknown> = Server<ClientToServerEvents, ServerEvents, Record<string, never>, SocketData>;

/** The events consoles hear; directory and session changes only move sockets. */
export type BroadcastEvent = Exclude<DomainEvent, { type: 'directory.changed' | 'sessions.ended' }>;

type Snake<S extends string> = S extends `${infer Head}${infer Tail}` ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`) : Head}${Snake<Tail>}` : S;
type WireOf<E> = { [K in keyof E as K extends string ? Snake<K> : never]: E[K] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time proof that the bus's events, once in snake_case, are the shared protocol's payloads. */
type WireMatchesProtocol = Same<{ [E in BroadcastEvent as E['type']]: WireOf<E> }, RealtimeEvents<TicketView, TimerView>>;
const wireMatchesProtocol: WireMatchesProtocol = true;
void wireMatchesProtocol;

/** What a console receives: the event's fields in the API's snake_case, the ticket as the API shows it. */
export function toWire<E extends BroadcastEvent>(event: E): WireOf<E> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) wire[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  return wire as WireOf<E>;
}

/**
 * Sends one bus event to rooms or a socket. socket.io types `emit` per event name and cannot follow
 * a union of names to its payload; `WireMatchesProtocol` above is what makes this one cast sound.
 */
export function emitEvent(
  target: BroadcastOperator<ServerEvents, unknown> | Socket<ClientToServerEvents, ServerEvents>,
  event: BroadcastEvent,
  delivery: Delivery,
): void {
  (target as unknown as { emit(name: string, payload: unknown): boolean }).emit(event.type, { ...toWire(event), ...delivery });
}

interface TicketLike {
  id: number;
  unit_id: number | null;
}

function ticketOf(event: DomainEvent): TicketLike | undefined {
  const candidate = (event as { ticket?: unknown }).ticket;
  return candidate && typeof candidate === 'object' && 'id' in candidate && 'unit_id' in candidate ? (candidate as TicketLike) : undefined;
}

function userTargets(event: DomainEvent): number[] {
  const ids: number[] = [];
  for (const key of ['userId', 'ownerId', 'assigneeId', 'recipientId'] as const) {
    const value = (event as Partial<Record<typeof key, unknown>>)[key];
    if (typeof value === 'number') ids.push(value);
  }
  return ids;
}

/** The rooms an event goes to: who may see its ticket, and any user it names; none for directory changes. */
export async function eventTargets(knex: Knex, event: DomainEvent): Promise<string[]> {
  if (event.type === 'directory.changed') return [];
  const ticket = ticketOf(event);
  const targets = ticket ? await ticketAudience(knex, ticket.unit_id) : [];
  targets.push(...userTargets(event).map(rooms.user));
  return targets;
}

/**
 * The bridge from the outbox stream to the sockets. Every process reads every committed event, in
 * `seq` order, and tells its OWN sockets (`io.local`): events never depend on Redis, a process
 * that restarts resumes from the outbox, and a console hears a change only after it committed.
 * Every event that carries a ticket goes to the rooms that may see that ticket (a ticket's own
 * room is for presence only: its members are all in those rooms already), and to any user it names.
 */
export function bridgeEvents(relay: OutboxRelay, io: RealtimeServer, knex: Knex): () => void {
  return relay.subscribe(async (event, meta) => {
    if (event.type === 'directory.changed') {
      // A user's role, unit or account changed: their sockets joined rooms for the old one. Drop
      // them; the console reconnects and the handshake reads who they are now (or refuses them).
      if (event.entity === 'user') io.local.in(rooms.user(event.entityId)).disconnectSockets(true);
      return;
    }
    if (event.type === 'sessions.ended') {
      // A sign-out drops the sockets of that token; a password or role change, all of the user's.
      // Every process hears every event from the outbox, so each drops its own sockets.
      if (event.jti === null) io.local.in(rooms.user(event.userId)).disconnectSockets(true);
      else for (const socket of await io.local.in(rooms.user(event.userId)).fetchSockets()) if ((socket.data as { jti?: string }).jti === event.jti) socket.disconnect(true);
      return;
    }
    const targets = await eventTargets(knex, event);
    if (targets.length === 0) return;
    emitEvent(io.local.to(targets), event, { seq: meta.seq });
  });
}
