import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delivery, RealtimeEventName, RealtimeEvents, ServerToClientEvents } from '../../../server/realtime/protocol';
import type { Ticket, Timer } from '../api/types';
import { setDeskClock } from '../time';

/** The protocol shared with server/realtime, with the ticket and timer as the generated API types have them. */
export type ConsoleSocket = Socket<ServerToClientEvents<Ticket, Timer>, ClientToServerEvents>;
export type { Viewer } from '../../../server/realtime/protocol';
type Heard = RealtimeEvents<Ticket, Timer> & { 'ticket.viewers': Parameters<ServerToClientEvents<Ticket, Timer>['ticket.viewers']>[0] };
export type HeardName = RealtimeEventName | 'ticket.viewers';
export type RealtimeHandler<K extends HeardName> = (payload: Heard[K] & Delivery) => void;

interface Realtime {
  connected: boolean;
  /** Moves on when screens must refetch: the first connect, and a reconnect whose missed events could not be replayed. */
  generation: number;
  socket: ConsoleSocket | null;
}

const Context = createContext<Realtime>({ connected: false, generation: 0, socket: null });

/**
 * One socket per signed-in console. The server decides what it hears (rooms by role, unit and
 * user); the client only listens. After a reconnect it asks the server to replay the events it
 * missed (`resume` with the last seq heard); if they are no longer held, `generation` moves on and
 * every screen reloads its data from the API.
 */
export function RealtimeProvider({ token, onUnauthorized, children }: { token: string; onUnauthorized(): void; children: ReactNode }) {
  const [state, setState] = useState<Realtime>({ connected: false, generation: 0, socket: null });
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    const socket: ConsoleSocket = io({ auth: { token }, transports: ['websocket'], reconnectionDelayMax: 5000 });
    // Every event carries the desk's sequence number: after a reconnect the server replays what
    // this console missed since the last one it heard; only when it cannot do screens reload.
    let generation = 0;
    let lastSeq: number | null = null;
    let resumeFrom: number | null = null;
    const reload = () => {
      generation += 1;
      setState({ connected: true, generation, socket });
    };
    socket.onAny((_type: string, payload: { seq?: unknown } | undefined) => {
      if (typeof payload?.seq === 'number') lastSeq = Math.max(lastSeq ?? 0, payload.seq);
    });
    socket.on('hello', (hello) => {
      setDeskClock(hello.timezone, hello.server_time);
      if (resumeFrom === null) {
        lastSeq ??= hello.seq;
        return;
      }
      const after = resumeFrom;
      resumeFrom = null;
      socket.timeout(10_000).emitWithAck('resume', { after_seq: after }).then(
        (reply) => (reply.ok ? setState({ connected: true, generation, socket }) : reload()),
        reload,
      );
    });
    socket.on('connect', () => {
      // the first connect loads the screens; later ones resume (hello) or reload
      if (generation === 0 || lastSeq === null) reload();
    });
    socket.on('disconnect', (reason) => {
      resumeFrom = lastSeq;
      setState((s) => ({ ...s, connected: false }));
      // The server dropped us on purpose (e.g. a restart); socket.io does not retry that by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err: Error & { data?: { status?: number } }) => {
      if (err.data?.status === 401) unauthorized.current();
    });
    setState({ connected: false, generation: 0, socket });
    return () => {
      socket.removeAllListeners();
      socket.close();
    };
  }, [token]);

  return <Context.Provider value={state}>{children}</Context.Provider>;
}

export function useRealtime(): Realtime {
  return useContext(Context);
}

/** Calls the handler for each of these events while the component is mounted. */
export function useRealtimeEvents<K extends HeardName>(types: K[], handler: RealtimeHandler<K>): void {
  const { socket } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  const key = types.join(',');
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: Heard[K] & Delivery) => latest.current(payload);
    // socket.io types `on` per event name; the names here are the caller's K, whose payloads the listener takes
    const untyped = socket as unknown as { on(name: string, fn: typeof listener): void; off(name: string, fn: typeof listener): void };
    const names = key.split(',');
    for (const name of names) untyped.on(name, listener);
    return () => {
      for (const name of names) untyped.off(name, listener);
    };
  }, [socket, key]);
}

/** Runs `load` now and again after every reconnect (the resync). */
export function useResync(load: () => void): void {
  const { generation } = useRealtime();
  const latest = useRef(load);
  latest.current = load;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (generation > 1) latest.current();
  }, [generation]);
}
