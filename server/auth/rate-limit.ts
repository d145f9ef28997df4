import type { Clock } from '../clock';

/**
 * Fixed-window attempt counter kept in memory. One process serves the API, so this is enough;
 * several processes behind a balancer would each allow the limit (noted in the README).
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.clock.now().getTime();
    const windowMs = this.windowSeconds * 1000;
    let entry = this.windows.get(key);
    if (!entry || now - entry.startedAt >= windowMs) {
      entry = { startedAt: now, count: 0 };
      this.windows.set(key, entry);
      if (this.windows.size > 10_000) this.sweep(now, windowMs);
    }
    entry.count += 1;
    return entry.count > this.limit ? Math.ceil((entry.startedAt + windowMs - now) / 1000) : 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, entry] of this.windows) if (now - entry.startedAt >= windowMs) this.windows.delete(key);
  }
}
