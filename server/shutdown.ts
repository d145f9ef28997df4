import type http from 'node:http';
import type { Logger } from './logger';

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownOptions {
  server: http.Server;
  logger: Logger;
  /** the whole shutdown; past it open connections are cut and the remaining steps skipped */
  timeoutMs: number;
  /** /readyz turns 503 and answers carry `Connection: close`, so the balancer and keep-alive clients go elsewhere */
  onDraining(): void;
  /** once the listener stopped accepting: consoles are told to reconnect (to another process) */
  releaseSockets(): Promise<void>;
  /** after HTTP drained, in order: finish in-flight work (outbox batch, mail, timers), then close pools */
  steps: readonly ShutdownStep[];
}

export interface ShutdownResult {
  /** every request finished and every step completed within the timeout */
  clean: boolean;
  ms: number;
  /** the step (or `http`) that was still running when the time ran out */
  stuck?: string;
}

/**
 * SIGTERM: stop accepting, drain HTTP, release sockets, finish in-flight work, close pools, all
 * within `timeoutMs` (an orchestrator's grace period is 30 s by default: stay below it).
 */
export async function shutdown(options: ShutdownOptions): Promise<ShutdownResult> {
  const { server, logger } = options;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  const within = async (name: string, work: Promise<void>): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), left());
    });
    try {
      return await Promise.race([work.then(() => true as const), timedOut]);
    } catch (err) {
      // a step that fails does not keep the others from closing what they hold
      logger.error('shutdown step failed', { step: name, err });
      return true;
    } finally {
      clearTimeout(timer);
    }
  };

  options.onDraining();
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  // keep-alive connections with no request in flight would hold close() open; those whose last
  // request finishes during the drain become idle later
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  await within('sockets', options.releaseSockets());
  const httpDrained = await within('http', drained);
  clearInterval(idleSweep);
  if (!httpDrained) {
    server.closeAllConnections();
    logger.error('shutdown: requests still running at the timeout; connections cut', { timeout_ms: options.timeoutMs });
    return { clean: false, ms: Date.now() - started, stuck: 'http' };
  }
  for (const step of options.steps) {
    if (!(await within(step.name, step.run()))) {
      logger.error('shutdown: a step did not finish within the timeout', { step: step.name, timeout_ms: options.timeoutMs });
      return { clean: false, ms: Date.now() - started, stuck: step.name };
    }
  }
  return { clean: true, ms: Date.now() - started };
}
