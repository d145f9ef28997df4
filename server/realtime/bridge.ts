import type { Knex } from 'knex';
import type { Server } from 'socket.io';
import type { EventBus } from '../events/bus';
import type { DomainEvent } from '../events/types';
import { rooms, ticketAudience } from './audience';

/** What a console receives: the event's fields in the API's snake_case, the ticket as the API shows it. */
export function toWire(event: DomainEvent): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) wire[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  return wire;
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

/**
 * The bridge from the one event path to the sockets. It only listens: the bus hears an event
 * after its transaction committed, so a console never sees a change that was rolled back. Every
 * event that carries a ticket goes to the rooms that may see that ticket (a ticket's own room is
 * for presence only: its members are all in those rooms already), and to any user it names.
 */
export function bridgeEvents(bus: EventBus, io: Server, knex: Knex): () => void {
  return bus.subscribe(async (event) => {
    if (event.type === 'directory.changed') {
      // A user's role, unit or account changed: their sockets joined rooms for the old one. Drop
      // them; the console reconnects and the handshake reads who they are now (or refuses them).
      if (event.entity === 'user') io.in(rooms.user(event.entityId)).disconnectSockets(true);
      return;
    }
    if (event.type === 'sessions.ended') {
      // A sign-out drops the sockets of that token; a password or role change, all of the user's.
      if (event.jti === null) io.in(rooms.user(event.userId)).disconnectSockets(true);
      else for (const socket of await io.in(rooms.user(event.userId)).fetchSockets()) if ((socket.data as { jti?: string }).jti === event.jti) socket.disconnect(true);
      return;
    }
    const ticket = ticketOf(event);
    const targets = ticket ? await ticketAudience(knex, ticket.unit_id) : [];
    targets.push(...userTargets(event).map(rooms.user));
    if (targets.length === 0) return;
    io.to(targets).emit(event.type, toWire(event));
  });
}
