import { useCallback, useSyncExternalStore } from 'react';

/**
 * A small history router: the console has a handful of screens, and their filters live in the
 * query string so a queue view can be bookmarked, shared and survives a reload.
 */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const [path, query = ''] = current.split('?');
  return { path: path ?? '/', search: new URLSearchParams(query) };
}

/** Query-string state: `set({status: 'dispatched'})` rewrites the URL without a new history entry. */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | null | undefined>) => void] {
  const { path, search } = useLocation();
  const set = useCallback(
    (changes: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      navigate(query ? `${path}?${query}` : path, { replace: true });
    },
    [path],
  );
  return [search, set];
}

/** `/tickets/:id` → {id: '12'} when the pattern matches. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(`^${pattern.replace(/:(\w+)/g, (_m, name: string) => (names.push(name), '([^/]+)'))}/?$`);
  const m = re.exec(path);
  if (!m) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(m[i + 1]!)]));
}

/** A link that navigates without a reload (and still opens in a new tab with a middle click). */
export function linkProps(to: string) {
  return {
    href: to,
    onClick: (e: { preventDefault(): void; button: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      navigate(to);
    },
  };
}
