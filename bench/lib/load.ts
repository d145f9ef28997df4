import crypto from 'node:crypto';
import autocannon from 'autocannon';
import { complaint } from './payload';

export interface LoadOptions {
  port: number;
  connections: number;
  seconds: number;
  /** requests per second over all connections; absent: as fast as the server answers */
  overallRate?: number;
  token?: string;
  phonePool: number;
}

export interface LoadResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** POST /api/tickets with a fresh complaint and Idempotency-Key on every request. */
export async function intakeLoad(options: LoadOptions): Promise<LoadResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/tickets',
        setupRequest: (request) => ({
          ...request,
          headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify(complaint(options.phonePool)),
        }),
      },
    ],
  });
  return {
    // Completed requests over the measured time, not autocannon's per-second sample mean.
    perSecond: Math.round(result.requests.total / (result.duration || options.seconds)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
