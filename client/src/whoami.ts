import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api/client';
import type { SignedIn } from './api/types';

export interface Reconnecting {
  attempt: number;
  /** when the next try starts (ms since epoch) */
  retryAt: number;
  retryNow(): void;
}

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15_000;

/**
 * "Who am I" for a stored token. Only a 401 ends the session: a 503 while the desk restarts or a
 * network blip keeps the token and retries with backoff (1 s, 2 s, 4 s … 15 s, jittered, and at
 * once when the browser comes back online), reporting the wait so the shell can say so.
 */
export function useWhoAmI(token: string | null, onUser: (user: SignedIn) => void, onUnauthorized: () => void): Reconnecting | null {
  const [reconnecting, setReconnecting] = useState<Reconnecting | null>(null);
  const callbacks = useRef({ onUser, onUnauthorized });
  callbacks.current = { onUser, onUnauthorized };

  useEffect(() => {
    setReconnecting(null);
    if (!token) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const check = () => {
      clearTimeout(timer);
      api<SignedIn>('/api/auth/me').then(
        (user) => {
          if (cancelled) return;
          setReconnecting(null);
          callbacks.current.onUser(user);
        },
        (err: unknown) => {
          if (cancelled) return;
          if (err instanceof ApiError && err.status === 401) return callbacks.current.onUnauthorized();
          attempt += 1;
          const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
          setReconnecting({ attempt, retryAt: Date.now() + delay, retryNow: check });
          timer = setTimeout(check, delay);
        },
      );
    };
    check();
    window.addEventListener('online', check);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener('online', check);
    };
  }, [token]);
  return reconnecting;
}
