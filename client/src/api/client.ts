import type { Problem } from './types';

const TOKEN_KEY = 'loopdesk.token';

/** A problem+json answer, kept whole so screens can react to its status and code. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  /** The route itself is unknown (404 "GET /api/… not found"): that part of the desk has not landed here. */
  get missing(): boolean {
    return this.problem.status === 404 && /^(GET|POST|PUT|PATCH|DELETE) \/api\//.test(this.problem.detail ?? '');
  }
}

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server no longer accepts the token: the shell goes back to sign-in. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: number;
  idempotencyKey?: string;
  query?: Record<string, string | number | undefined | null>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const url = query.size > 0 ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError({ title: 'Network', status: 0, detail: 'network' });
  }
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data && typeof data === 'object' ? data : { title: response.statusText, detail: response.statusText }) as Problem;
    problem.status = response.status;
    if (response.status === 401 && token) unauthorizedListeners.forEach((l) => l());
    throw new ApiError(problem);
  }
  return data as T;
}
