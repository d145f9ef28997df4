import { activeText } from '../i18n';
import type { Problem } from './types';

const TOKEN_KEY = 'loopdesk.token';

/**
 * What the user reads about a problem: the text of its machine `code` (or its status's) in the
 * chosen language, and the fields it names; the server's English `detail` is for logs and tools.
 */
export function problemText(problem: Problem): string {
  const byCode = problem.code ? activeText(`problem.${problem.code}`) : undefined;
  const main = byCode ?? activeText(problem.status === 0 ? 'problem.network' : `problem.${STATUS_CODES[problem.status] ?? 'internal_error'}`) ?? problem.title;
  const fields = [...new Set((problem.errors ?? []).map((e) => activeText(`field.${e.path}`) ?? activeText('field.other')!))];
  return fields.length > 0 ? `${main}（${activeText('problem.fields', { fields: fields.join('、') })}）` : main;
}

const STATUS_CODES: Record<number, string> = {
  400: 'invalid_input', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'payload_too_large',
  415: 'unsupported_media_type', 422: 'rule_violation', 428: 'precondition_required', 429: 'too_many_requests',
};

/** A problem+json answer, kept whole so screens can react to its status and code; its message is the user's text. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    // read when shown, so it follows a language switch
    Object.defineProperty(this, 'message', { get: () => problemText(problem) });
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
  /** a file sent as the body as it is (a bulk import), instead of `body` as JSON */
  file?: { content: Blob; contentType: string };
  query?: Record<string, string | number | undefined | null>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file) headers['Content-Type'] = options.file.contentType;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const url = query.size > 0 ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.file ? options.file.content : options.body === undefined ? undefined : JSON.stringify(options.body) });
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
