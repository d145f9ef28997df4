import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp } from '../../server/app';
import { createTokenService } from '../../server/auth/tokens';
import type { Deps } from '../../server/deps';
import { EventBus } from '../../server/events/bus';
import { createOutboxRelay, type OutboxRelay } from '../../server/events/outbox';
import { attachRealtime, type Realtime } from '../../server/realtime';
import { TOKEN_SECRET, type TestApp, type TestUser } from './app';

export interface ListeningApp {
  url: string;
  realtime: Realtime;
  relay: OutboxRelay;
  close(): Promise<void>;
}

/** The outbox relay a process runs: it streams every committed event to this instance's sockets. */
async function startRelay(deps: Deps): Promise<OutboxRelay> {
  const relay = createOutboxRelay({ knex: deps.knex, bus: deps.bus, logger: deps.logger, listenUrl: deps.config.databaseUrl, pollMs: 200 });
  await relay.start();
  return relay;
}

/** Puts a test app on a real port with socket.io attached, as main.ts does. */
export async function listen(t: TestApp, options: { redisUrl?: string; redisKey?: string; app?: TestApp['app']; deps?: Deps } = {}): Promise<ListeningApp> {
  const server = http.createServer(options.app ?? t.app);
  const deps = options.deps ?? t.deps;
  const relay = await startRelay(deps);
  const realtime = attachRealtime(server, {
    deps, auth: t.services.auth, tickets: t.services.tickets, redisUrl: options.redisUrl, redisKey: options.redisKey, relay,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    relay,
    async close() {
      server.closeAllConnections();
      await realtime.close();
      await relay.stop();
    },
  };
}

/**
 * A second server instance on the same database with its own event bus and outbox relay, as a
 * second process would have: it hears the first one's events from the outbox, and shares
 * presence with it through the Redis adapter.
 */
export async function secondInstance(t: TestApp, options: { redisUrl: string; redisKey: string }): Promise<ListeningApp & { deps: Deps }> {
  const deps: Deps = { ...t.deps, bus: new EventBus(t.deps.logger) };
  const tokens = createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock);
  const { app, services } = createApp({ deps, db: t.db, tokens });
  const server = http.createServer(app);
  const relay = await startRelay(deps);
  const realtime = attachRealtime(server, { deps, auth: services.auth, tickets: services.tickets, ...options, relay });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    relay,
    deps,
    async close() {
      server.closeAllConnections();
      await realtime.close();
      await relay.stop();
    },
  };
}

export type ConsoleSocket = Socket & { hello: Record<string, unknown> };

/** A console socket signed in as the user; resolves once the server said hello. */
export function connectAs(url: string, user: TestUser | { token: string }): Promise<ConsoleSocket> {
  const socket = connect(url, { auth: { token: user.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('hello', (hello: Record<string, unknown>) => resolve(Object.assign(socket, { hello })));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Everything a socket hears, in order, for asserting what it did and did not receive. */
export function record(socket: Socket): { type: string; payload: Record<string, unknown> }[] {
  const heard: { type: string; payload: Record<string, unknown> }[] = [];
  socket.onAny((type: string, payload: Record<string, unknown>) => heard.push({ type, payload }));
  return heard;
}

/** Resolves with the first event of this type that matches, or rejects after the timeout. */
export function nextEvent<T = Record<string, unknown>>(socket: Socket, type: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(type, listener);
      reject(new Error(`no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(type, listener);
      resolve(payload);
    };
    socket.on(type, listener);
  });
}
