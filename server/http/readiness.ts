/** One dependency check: true (up), false (down), an object of details (up), or a throw (down). */
export type Check = () => Promise<boolean | Record<string, unknown>>;

export interface DependencyState {
  state: 'up' | 'down';
  latency_ms: number;
  detail?: string;
  [key: string]: unknown;
}

/** Each check gets this long; /readyz answers within about it whatever hangs. */
export const CHECK_TIMEOUT_MS = 800;

/** Runs the checks side by side, each cut off at `timeoutMs`, so a dead dependency cannot hang the answer. */
export async function readiness(checks: Record<string, Check>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Record<string, DependencyState>> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]): Promise<[string, DependencyState]> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([check(), timeout]);
      const latency_ms = Math.round(performance.now() - started);
      if (result === false) return [name, { state: 'down', latency_ms }];
      return [name, { state: 'up', latency_ms, ...(typeof result === 'object' ? result : {}) }];
    } catch (err) {
      return [name, { state: 'down', latency_ms: Math.round(performance.now() - started), detail: err instanceof Error ? err.message : String(err) }];
    } finally {
      clearTimeout(timer);
    }
  }));
  return Object.fromEntries(entries);
}
