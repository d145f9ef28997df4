import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp } from '../../server/app';
import { createTokenService } from '../../server/auth/tokens';
import type { Deps } from '../../server/deps';
import { EventBus } from '../../server/events/bus';
import { attachRealtime, type Realtime } from '../../server/realtime';
import { TOKEN_SECRET, type TestApp, type TestUser } from './app';

export interface ListeningApp {
  url: string;
  realtime: Realtime;
  close(): Promise<void>;
}

/** Puts a test app on a real port with socket.io attached, as main.ts does. */
export async function listen(t: TestApp, options: { redisUrl?: string; redisKey?: string; app?: TestApp['app']; deps?: Deps } = {}): Promise<ListeningApp> {
  const server = http.createServer(options.app ?? t.app);
  const realtime = attachRealtime(server, {
    deps: options.deps ?? t.deps, auth: t.services.auth, tickets: t.services.tickets, redisUrl: options.redisUrl, redisKey: options.redisKey,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    async close() {
      server.closeAllConnections();
      await realtime.close();
    },
  };
}

/**
 * A second server instance on the same database with its own event bus, as a second process
 * would have: events reach the other instance's sockets only through the Redis adapter.
 */
export async function secondInstance(t: TestApp, options: { redisUrl: string; redisKey: string }): Promise<ListeningApp & { deps: Deps }> {
  const deps: Deps = { ...t.deps, bus: new EventBus(t.deps.logger) };
  const tokens = createTokenService(TOKEN_SECRET, t.config.tokenTtlSeconds, t.clock);
  const { app, services } = createApp({ deps, db: t.db, tokens });
  const server = http.createServer(app);
  const realtime = attachRealtime(server, { deps, auth: services.auth, tickets: services.tickets, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    deps,
    async close() {
      server.closeAllConnections();
      await realtime.close();
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
export function nextEvent<T = Record<string, unknown>>(socket: Socket, type: string, match: (payload: T) => boolean = () => true, timeoutMs = 2000): Promise<T> {
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
