import crypto from 'node:crypto';
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Principal } from '../auth/permissions';
import type { AuthService } from '../auth/service';
import type { Deps } from '../deps';
import { AppError } from '../http/errors';
import type { TicketsService } from '../tickets/service';
import { rooms, roomsOf, ticketAudience } from './audience';
import { bridgeEvents } from './bridge';
import { broadcastViewers, type Viewer } from './presence';

export interface RealtimeOptions {
  deps: Deps;
  auth: AuthService;
  tickets: TicketsService;
  /** Redis pub/sub so several server processes behind one port share events and presence. */
  redisUrl?: string;
  /** Redis channel prefix; by default one per database, so deployments sharing a Redis stay apart. */
  redisKey?: string;
}

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

interface SocketData {
  principal: Principal;
  viewer: Viewer;
}

type Ack = (reply: { ok: true } | { ok: false; status: number; detail: string }) => void;

const watchPayload = z.object({ ticket_id: z.number().int().positive() }).strict();

/**
 * socket.io on the API's http server. The handshake carries the API token; sockets join the rooms
 * of their role, unit and user; domain events reach them only through the bridge. Handlers here
 * read (to check visibility) and never write to the database.
 */
/**
 * Processes behind one port share a database, so its location names their channel; pub/sub
 * ignores Redis database numbers, and another desk on the same Redis must not hear this one.
 */
function channelKey(deps: Deps): string {
  const where = deps.config.databaseUrl ?? deps.config.dataDir;
  return `loopdesk:realtime:${crypto.createHash('sha256').update(where).digest('hex').slice(0, 16)}`;
}

export function attachRealtime(server: http.Server, options: RealtimeOptions): Realtime {
  const { deps, auth, tickets } = options;
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(server, {
    serveClient: false,
    // The console sends nothing large; a small limit keeps a misbehaving client cheap.
    maxHttpBufferSize: 16 * 1024,
  });

  const redis = options.redisUrl ? { pub: new Redis(options.redisUrl), sub: undefined as Redis | undefined } : undefined;
  if (redis) {
    redis.sub = redis.pub.duplicate();
    io.adapter(createAdapter(redis.pub, redis.sub, { key: options.redisKey ?? channelKey(deps) }));
  }

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    auth
      .principalFromToken(typeof token === 'string' ? token : undefined)
      .then((principal) => {
        socket.data.principal = principal;
        socket.data.viewer = { id: principal.id, name: principal.name, role: principal.role };
        next();
      })
      .catch((err: unknown) => {
        // Only a refused token is a 401 (the console signs out on it); a database hiccup is a 503 it retries.
        const status = err instanceof AppError ? err.status : 503;
        const failure = new Error(err instanceof AppError ? err.message : 'the desk is not ready; try again') as Error & { data?: unknown };
        failure.data = { status };
        next(failure);
      });
  });

  io.on('connection', (socket: Socket) => {
    const { principal } = socket.data as SocketData;
    void socket.join(roomsOf(principal));
    // The desk's time zone and clock, so countdowns agree with the server whatever the PC's clock says.
    socket.emit('hello', {
      user: { id: principal.id, name: principal.name, role: principal.role, unit_id: principal.unitId },
      timezone: deps.config.timezone,
      server_time: deps.clock.now().toISOString(),
    });

    socket.on('ticket.watch', (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => undefined;
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, status: 400, detail: 'send {ticket_id}' });
      const ticketId = parsed.data.ticket_id;
      tickets
        .get(principal, ticketId)
        .then(async () => {
          await socket.join(rooms.ticket(ticketId));
          reply({ ok: true });
          await broadcastViewers(io, ticketId);
        })
        .catch((err: unknown) => {
          if (!(err instanceof AppError)) deps.logger.error('ticket.watch failed', { err });
          reply({ ok: false, status: err instanceof AppError ? err.status : 500, detail: err instanceof AppError ? err.message : 'failed' });
        });
    });

    socket.on('ticket.unwatch', (payload: unknown) => {
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return;
      void Promise.resolve(socket.leave(rooms.ticket(parsed.data.ticket_id))).then(() => broadcastViewers(io, parsed.data.ticket_id));
    });

    socket.on('disconnecting', () => {
      const watched = [...socket.rooms].filter((r) => r.startsWith('ticket:')).map((r) => Number(r.slice(7)));
      // The socket is still in its rooms while disconnecting; recount once it has left them.
      socket.once('disconnect', () => {
        for (const ticketId of watched) {
          broadcastViewers(io, ticketId).catch((err: unknown) => deps.logger.warn('presence update failed', { err }));
        }
      });
    });
  });

  const unsubscribe = bridgeEvents(deps.bus, io, deps.knex);
  // A ticket dispatched out of someone's subtree also leaves their open detail: they get no more
  // presence of a ticket they may no longer see. Only a dispatch moves a ticket between units.
  const unsubscribeEviction = deps.bus.subscribe(async (event) => {
    if (event.type !== 'ticket.updated' || (event.change !== 'dispatched' && event.change !== 'redispatched')) return;
    const ticketRoom = rooms.ticket(event.ticket.id);
    io.in(ticketRoom).except(await ticketAudience(deps.knex, event.ticket.unit_id)).socketsLeave(ticketRoom);
    await broadcastViewers(io, event.ticket.id);
  });

  return {
    io: io as unknown as Server,
    async close() {
      unsubscribe();
      unsubscribeEviction();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      if (redis) await Promise.all([redis.pub.quit(), redis.sub?.quit()]).catch(() => undefined);
    },
  };
}
