import type { Server } from 'socket.io';
import { rooms } from './audience';
import type { ServerToClientEvents, Viewer } from './protocol';

type PresenceServer = Server<never, Pick<ServerToClientEvents<unknown, unknown>, 'ticket.viewers'>>;

/** Who has a ticket open, across every server process (fetchSockets asks the adapter), or in this one only. */
export async function viewersOf(io: PresenceServer, ticketId: number, everyProcess = true): Promise<Viewer[]> {
  const sockets = await (everyProcess ? io : io.local).in(rooms.ticket(ticketId)).fetchSockets();
  const byUser = new Map<number, Viewer>();
  for (const s of sockets) {
    const viewer = (s.data as { viewer?: Viewer }).viewer;
    if (viewer) byUser.set(viewer.id, viewer);
  }
  return [...byUser.values()].sort((a, b) => a.id - b.id);
}

export async function broadcastViewers(io: PresenceServer, ticketId: number, everyProcess = true): Promise<void> {
  const viewers = await viewersOf(io, ticketId, everyProcess);
  (everyProcess ? io : io.local).to(rooms.ticket(ticketId)).emit('ticket.viewers', { ticket_id: ticketId, viewers });
}
