import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { errors } from '../http/errors';

/** Failures per address and username within this window (LOOPDESK_LOGIN_RATE_LIMIT of them). */
const PAIR_WINDOW_SECONDS = 15 * 60;
/** Failures per address, any username, within this window (LOOPDESK_LOGIN_ADDRESS_LIMIT): password spraying. */
const ADDRESS_WINDOW_SECONDS = 60 * 60;
/** An account's consecutive failures from anywhere: this many are free, then each waits twice as long. */
const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_MAX_BACKOFF_SECONDS = 5 * 60;
/** Consecutive failures are forgotten after a day without one. */
const ACCOUNT_MEMORY_SECONDS = 24 * 3600;

export interface LoginThrottleOptions {
  /** failures per address and username in 15 minutes */
  pairLimit: number;
  /** failures per address in an hour, whatever the username */
  addressLimit: number;
  /** with Redis, every process counts together; without, each process counts alone */
  redis?: Redis;
  keyPrefix?: string;
}

/**
 * Windows run on real time (the limiter's own), not the desk clock.
 *
 * Sign-in throttling (OWASP ASVS 2.2.1) on rate-limiter-flexible: failures are counted per address
 * and username, per address (one password tried across many accounts), and per account from any
 * address with a growing backoff instead of a lockout, so a colleague elsewhere waits seconds, not
 * the whole window. A success clears the account's counters, never the address's.
 */
export function createLoginThrottle(options: LoginThrottleOptions) {
  const prefix = options.keyPrefix ?? 'loopdesk:login';
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
    if (!options.redis) return memory;
    // A Redis that does not answer must not stop sign-in: count in memory meanwhile.
    return new RateLimiterRedis({ storeClient: options.redis, keyPrefix: `${prefix}:${name}`, points, duration, insuranceLimiter: memory, rejectIfRedisNotReady: true });
  };
  const pair = make('pair', options.pairLimit, PAIR_WINDOW_SECONDS);
  const address = make('addr', options.addressLimit, ADDRESS_WINDOW_SECONDS);
  const accountFailures = make('acct', 1_000_000, ACCOUNT_MEMORY_SECONDS);
  const accountWait = make('wait', 1, ACCOUNT_MAX_BACKOFF_SECONDS);

  const keys = (username: string, addr: string) => ({ user: username.toLowerCase(), pair: `${addr}|${username.toLowerCase()}`, addr });
  // `points` failures are allowed; the attempt after them waits for the window to end
  const blockedFor = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points && res.msBeforeNext > 0 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

  return {
    /** Throws 429 with the seconds to wait when this attempt may not even be tried. */
    async check(username: string, addr: string): Promise<void> {
      const k = keys(username, addr);
      const [byAddress, byPair, byAccount] = await Promise.all([address.get(k.addr), pair.get(k.pair), accountWait.get(k.user)]);
      const wait = Math.max(blockedFor(byAddress, options.addressLimit), blockedFor(byPair, options.pairLimit), blockedFor(byAccount, 1));
      if (wait > 0) throw errors.tooManyRequests(wait);
    },

    async failed(username: string, addr: string): Promise<void> {
      const k = keys(username, addr);
      const swallow = (err: unknown) => (err instanceof RateLimiterRes ? err : Promise.reject(err));
      await Promise.all([address.consume(k.addr).catch(swallow), pair.consume(k.pair).catch(swallow)]);
      const streak = (await accountFailures.consume(k.user).catch(swallow)).consumedPoints;
      if (streak >= ACCOUNT_FREE_FAILURES) {
        const seconds = Math.min(ACCOUNT_MAX_BACKOFF_SECONDS, 2 ** (streak - ACCOUNT_FREE_FAILURES));
        await accountWait.block(k.user, seconds);
      }
    },

    async succeeded(username: string, addr: string): Promise<void> {
      const k = keys(username, addr);
      await Promise.all([pair.delete(k.pair), accountFailures.delete(k.user), accountWait.delete(k.user)]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
