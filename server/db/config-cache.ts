import type { Knex } from 'knex';

/** How long a process keeps read-mostly configuration before reading it again. */
export const CONFIG_TTL_MS = 5_000;

export interface ConfigCache<T> {
  /** The cached value, or a fresh read through `db` (the caller's transaction, so PGlite's one connection is never waited for). */
  get(db: Knex): Promise<T>;
  /** Drops the value: the writing service calls this after its commit, so this process sees its own change at once. */
  invalidate(): void;
}

/**
 * Read-mostly configuration (SLA policies and calendars, mass-complaint detectors) kept in this
 * process so that every ticket change does not read it again. A change made through this
 * process's API is seen at once (the service invalidates after commit); other processes of the
 * desk, and edits made directly in the database, are picked up within `ttlMs`.
 */
export function configCache<T>(load: (db: Knex) => Promise<T>, ttlMs: number = CONFIG_TTL_MS): ConfigCache<T> {
  let entry: { value: Promise<T>; until: number } | undefined;
  return {
    get(db) {
      const now = performance.now();
      if (entry && entry.until > now) {
        // A read shared with another request's transaction failed with it: read again through ours.
        return entry.value.catch(() => load(db));
      }
      const mine = { value: load(db), until: now + ttlMs };
      entry = mine;
      // Only values are cached, never a failure (an invalidation during the read has already dropped it).
      mine.value.catch(() => {
        if (entry === mine) entry = undefined;
      });
      return mine.value;
    },
    invalidate() {
      entry = undefined;
    },
  };
}
