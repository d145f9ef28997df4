import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** Structured logs by pino: one JSON line per entry on stderr, with the request id of the request being served. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** a logger whose every line also carries `bindings` (e.g. `{domain: 'mail'}`) */
  child(bindings: Record<string, unknown>): Logger;
  /** the pino instance underneath (pino-http takes it) */
  readonly pino: pino.Logger;
}

/**
 * What is being served now: the request middleware enters it, so a line logged anywhere below
 * (a service, a repository, a participant) names the request without the id being passed down.
 */
export const logContext = new AsyncLocalStorage<{ request_id: string }>();

function wrap(base: pino.Logger): Logger {
  // The desk's call sites say (message, fields); pino says (fields, message).
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
    if (!base.isLevelEnabled(level)) return;
    const err = fields?.err;
    // pino serialises `err` only when it is an Error; a string reason stays a string
    base[level](err === undefined || err instanceof Error ? fields ?? {} : { ...fields, err: String(err) }, msg);
  };
  return {
    debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'),
    child: (bindings) => wrap(base.child(bindings)),
    pino: base,
  };
}

/**
 * `destination` defaults to stderr, written synchronously: the line about why the process stops
 * is not lost to the exit that follows it.
 */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return wrap(pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => logContext.getStore() ?? {},
  }, destination));
}
