import crypto from 'node:crypto';
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { Principal } from '../auth/permissions';
import type { AuthService } from '../auth/service';
import type { Deps } from '../deps';
import type { OutboxRelay } from '../events/outbox';
import { AppError } from '../http/errors';
import type { TicketsService } from '../tickets/service';
import { rooms, roomsOf, ticketAudience } from './audience';
import { bridgeEvents, emitEvent, eventTargets, type RealtimeServer } from './bridge';
import { broadcastViewers } from './presence';
import type { Ack, ResumeAck, Viewer } from './protocol';

export interface RealtimeOptions {
  deps: Deps;
  auth: AuthService;
  tickets: TicketsService;
  /** Redis pub/sub so several server processes behind one port share events and presence. */
  redisUrl?: string;
  /** Redis channel prefix; by default one per desk (see `deskId`), so desks sharing a Redis stay apart. */
  redisKey?: string;
  /** the desk's identity (settings.desk_id): names its Redis channel */
  deskId?: string;
  /** the outbox relay of this process: its stream is what consoles hear, and what a reconnecting one replays */
  relay: OutboxRelay;
  /** how many missed events a reconnecting console may replay before it is told to reload */
  replayLimit?: number;
}

export interface Realtime {
  io: RealtimeServer;
  close(): Promise<void>;
}

interface SocketData {
  principal: Principal;
  viewer: Viewer;
  /** the token's id: a sign-out drops the sockets opened with it */
  jti: string;
}

/**
 * What one console may send. The console sends a watch and an unwatch per ticket it opens, so these
 * are far above any person's pace: per socket 20 messages a second, per user (all their sockets in
 * this process) 40; a message over either is refused (429) and not handled. A socket that keeps
 * going, 150 messages within 5 seconds, is dropped. One socket watches at most 20 tickets at once.
 */
export const SOCKET_LIMITS = { perSocket: 20, perUser: 40, windowSeconds: 1, floodMessages: 150, floodSeconds: 5, watchedTickets: 20 } as const;
/** Presence changes of one ticket within this many ms go out as one ticket.viewers. */
const PRESENCE_COALESCE_MS = 50;

const watchPayload = z.object({ ticket_id: z.number().int().positive() }).strict();
const resumePayload = z.object({ after_seq: z.number().int().nonnegative() }).strict();

/**
 * socket.io on the API's http server. The handshake carries the API token; sockets join the rooms
 * of their role, unit and user; domain events reach them only through the bridge. Handlers here
 * read (to check visibility) and never write to the database.
 */
/** Processes of one desk share its channel; pub/sub ignores Redis database numbers, so another desk must not share it. */
function channelKey(deps: Deps, deskId: string | undefined): string {
  return `loopdesk:${deskId ?? crypto.createHash('sha256').update(deps.config.databaseUrl ?? deps.config.dataDir).digest('hex').slice(0, 16)}:realtime`;
}

/**
 * Redis clients that never throw at the desk: commands wait for a reconnect instead of failing
 * after N retries (the sub client), or fail at once while Redis is away and are logged (the pub
 * client: the adapter does not catch its publishes, and an unhandled rejection would end the
 * process). ioredis reconnects and re-subscribes by itself, so the adapter re-attaches when Redis returns.
 */
function adapterClients(redisUrl: string, logger: Deps['logger']): { pub: Redis; sub: Redis; ready(): boolean } {
  const base = new Redis(redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: false, retryStrategy: (n) => Math.min(n * 200, 2000) });
  const sub = base.duplicate({ enableOfflineQueue: true });
  let warned = false;
  for (const [name, client] of [['pub', base], ['sub', sub]] as const) {
    client.on('error', (err: Error) => {
      if (!warned) logger.warn('realtime Redis unreachable: events still reach this process\'s consoles', { client: name, err: err.message });
      warned = true;
    });
    client.on('ready', () => {
      if (warned) logger.info('realtime Redis is back: processes share presence again', { client: name });
      warned = false;
    });
  }
  const pub = new Proxy(base, {
    get(target, prop, receiver) {
      if (prop === 'publish') {
        return (...args: Parameters<Redis['publish']>) => target.publish(...args).catch((err: unknown) => {
          logger.debug('realtime publish dropped while Redis is away', { err });
          return 0;
        });
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { pub, sub, ready: () => base.status === 'ready' && sub.status === 'ready' };
}

export function attachRealtime(server: http.Server, options: RealtimeOptions): Realtime {
  const { deps, auth, tickets } = options;
  const io: RealtimeServer<SocketData> = new Server(server, {
    serveClient: false,
    // The console sends nothing large; a small limit keeps a misbehaving client cheap.
    maxHttpBufferSize: 16 * 1024,
  });

  const redis = options.redisUrl ? adapterClients(options.redisUrl, deps.logger) : undefined;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { key: options.redisKey ?? channelKey(deps, options.deskId), requestsTimeout: 1000 }));
  // presence asks every process through Redis while it answers, and only this one meanwhile
  const presence = (ticketId: number) =>
    broadcastViewers(io, ticketId, !redis || redis.ready()).catch((err: unknown) => deps.logger.warn('presence update failed', { err }));
  const replayLimit = options.replayLimit ?? 1000;

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    auth
      .sessionFromToken(typeof token === 'string' ? token : undefined)
      .then(({ principal, jti }) => {
        socket.data.principal = principal;
        socket.data.viewer = { id: principal.id, name: principal.name, role: principal.role };
        socket.data.jti = jti;
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

  const perSocket = new RateLimiterMemory({ keyPrefix: 'socket', points: SOCKET_LIMITS.perSocket, duration: SOCKET_LIMITS.windowSeconds });
  const perUser = new RateLimiterMemory({ keyPrefix: 'user', points: SOCKET_LIMITS.perUser, duration: SOCKET_LIMITS.windowSeconds });
  const flood = new RateLimiterMemory({ keyPrefix: 'flood', points: SOCKET_LIMITS.floodMessages, duration: SOCKET_LIMITS.floodSeconds });

  // Presence of a ticket is recounted once per burst of joins and leaves, not once per message.
  const pendingPresence = new Map<number, NodeJS.Timeout>();
  const announcePresence = (ticketId: number) => {
    if (pendingPresence.has(ticketId)) return;
    pendingPresence.set(ticketId, setTimeout(() => {
      pendingPresence.delete(ticketId);
      void presence(ticketId);
    }, PRESENCE_COALESCE_MS));
  };

  io.on('connection', (socket) => {
    const { principal } = socket.data;
    socket.use((packet, next) => {
      const ack = packet[packet.length - 1];
      const refuse = (res: unknown) => {
        if (!(res instanceof RateLimiterRes)) return deps.logger.warn('socket rate limit failed', { err: res });
        if (typeof ack === 'function') (ack as Ack)({ ok: false, status: 429, detail: `too many messages; wait ${Math.ceil(res.msBeforeNext / 1000)} s` });
      };
      flood.consume(socket.id).then(
        () => perSocket.consume(socket.id).then(() => perUser.consume(principal.id).then(() => next(), refuse), refuse),
        (res: unknown) => {
          deps.logger.warn('socket dropped for flooding', { user_id: principal.id, socket_id: socket.id });
          refuse(res);
          socket.disconnect(true);
        },
      );
    });

    void socket.join(roomsOf(principal));
    // The desk's time zone and clock, so countdowns agree with the server whatever the PC's clock says.
    socket.emit('hello', {
      user: { id: principal.id, name: principal.name, role: principal.role, unit_id: principal.unitId },
      timezone: deps.config.timezone,
      server_time: deps.clock.now().toISOString(),
      // the last event this process streamed: a console that comes back sends it as `resume`
      seq: options.relay.streamed(),
    });

    // A console that was away replays, in order, the events it may see after the last seq it
    // heard; when they are no longer held (or too many) it is told to reload instead.
    socket.on('resume', (payload: unknown, ack?: ResumeAck) => {
      const reply: ResumeAck = typeof ack === 'function' ? ack : () => undefined;
      const parsed = resumePayload.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, reload: true, detail: 'send {after_seq}' });
      const { relay } = options;
      (async () => {
        const missed = await relay.replay(parsed.data.after_seq, replayLimit + 1);
        if (!missed || missed.envelopes.length > replayLimit) return reply({ ok: false, reload: true, detail: 'missed events are no longer held; reload' });
        const mine = new Set(socket.rooms);
        let replayed = 0;
        for (const { event, seq } of missed.envelopes) {
          if (event.type === 'directory.changed' || event.type === 'sessions.ended') continue;
          const targets = await eventTargets(deps.knex, event);
          if (!targets.some((room) => mine.has(room))) continue;
          emitEvent(socket, event, { seq, replayed: true });
          replayed += 1;
        }
        reply({ ok: true, replayed, seq: missed.upTo });
      })().catch((err: unknown) => {
        deps.logger.warn('resume failed', { err });
        reply({ ok: false, reload: true, detail: 'replay failed; reload' });
      });
    });

    socket.on('ticket.watch', (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => undefined;
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, status: 400, detail: 'send {ticket_id}' });
      const ticketId = parsed.data.ticket_id;
      const room = rooms.ticket(ticketId);
      if (socket.rooms.has(room)) return reply({ ok: true });
      if ([...socket.rooms].filter((r) => r.startsWith('ticket:')).length >= SOCKET_LIMITS.watchedTickets) {
        return reply({ ok: false, status: 429, detail: `watch at most ${SOCKET_LIMITS.watchedTickets} tickets at once` });
      }
      tickets
        .canSee(principal, ticketId)
        .then(async (visible) => {
          if (!visible) return reply({ ok: false, status: 404, detail: `ticket ${ticketId} not found` });
          await socket.join(room);
          reply({ ok: true });
          announcePresence(ticketId);
        })
        .catch((err: unknown) => {
          deps.logger.error('ticket.watch failed', { err });
          reply({ ok: false, status: 500, detail: 'failed' });
        });
    });

    socket.on('ticket.unwatch', (payload: unknown) => {
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return;
      const room = rooms.ticket(parsed.data.ticket_id);
      if (!socket.rooms.has(room)) return;
      void Promise.resolve(socket.leave(room)).then(() => announcePresence(parsed.data.ticket_id));
    });

    socket.on('disconnecting', () => {
      const watched = [...socket.rooms].filter((r) => r.startsWith('ticket:')).map((r) => Number(r.slice(7)));
      // The socket is still in its rooms while disconnecting; recount once it has left them.
      socket.once('disconnect', () => {
        for (const ticketId of watched) announcePresence(ticketId);
      });
    });
  });

  const unsubscribe = bridgeEvents(options.relay, io, deps.knex);
  // A ticket dispatched out of someone's subtree also leaves their open detail: they get no more
  // presence of a ticket they may no longer see. Only a dispatch moves a ticket between units.
  const unsubscribeEviction = options.relay.subscribe(async (event) => {
    if (event.type !== 'ticket.updated' || (event.change !== 'dispatched' && event.change !== 'redispatched')) return;
    const ticketRoom = rooms.ticket(event.ticket.id);
    // every process evicts its own sockets (it hears every event from the outbox)
    io.local.in(ticketRoom).except(await ticketAudience(deps.knex, event.ticket.unit_id)).socketsLeave(ticketRoom);
    await presence(event.ticket.id);
  });

  return {
    io,
    async close() {
      for (const timer of pendingPresence.values()) clearTimeout(timer);
      pendingPresence.clear();
      unsubscribe();
      unsubscribeEviction();
      // a disconnect packet ('io server disconnect'): the console reconnects at once (to another process
      // behind the balancer) and resumes from its last seq
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      if (redis) await Promise.all([redis.pub.quit(), redis.sub.quit()]).catch(() => undefined);
    },
  };
}
