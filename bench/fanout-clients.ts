/**
 * The console sockets of bench:fanout, in their own process (as consoles are on other machines):
 * the driver's API calls are not slowed by 500 sockets decoding events. Told {url, tokens, count}
 * over IPC, it connects, then records when each event arrived (epoch ms, comparable across
 * processes) until asked for its report.
 */
import { io as connect, type Socket } from 'socket.io-client';

interface Open {
  kind: 'open';
  url: string;
  tokens: string[];
  count: number;
  /** dispatch: a change is its ticket id + new version; raw: the bare server's sequence number */
  key: 'dispatch' | 'raw';
}

const now = () => performance.timeOrigin + performance.now();
let sockets: Socket[] = [];
let heard: [string, number][] = [];

function keyOf(mode: Open['key'], payload: Record<string, unknown>): string {
  if (mode === 'raw') return String(payload.seq);
  const t = payload.ticket as { id: number; version: number };
  return `${t.id}:${t.version}`;
}

async function open(msg: Open): Promise<void> {
  // In batches: 500 handshakes at once would measure the accept queue, not the fan-out.
  for (let i = 0; i < msg.count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, msg.count - i) }, (_v, j) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(msg.url, { auth: { token: msg.tokens[(i + j) % msg.tokens.length] }, transports: ['websocket'], reconnection: false, forceNew: true });
          socket.on('ticket.updated', (payload: Record<string, unknown>) => heard.push([keyOf(msg.key, payload), now()]));
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
      ),
    );
    sockets.push(...batch);
  }
}

process.on('message', (msg: Open | { kind: 'count' } | { kind: 'report' }) => {
  if (msg.kind === 'count') {
    process.send!({ kind: 'counted', count: heard.length });
  } else if (msg.kind === 'open') {
    open(msg).then(
      () => process.send!({ kind: 'opened' }),
      (err: unknown) => process.send!({ kind: 'error', message: String(err) }),
    );
  } else {
    for (const s of sockets) s.close();
    sockets = [];
    process.send!({ kind: 'report', heard });
    heard = [];
  }
});
