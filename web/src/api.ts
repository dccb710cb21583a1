// The console's only way to the server: the public JSON API under /api/v1.
//
// Every request that is safe to repeat (reads, quotes, draft saves with their revision,
// and creations that carry an Idempotency-Key) is retried after a network error or a 502,
// 503 or 504, with a growing pause, until it succeeds; meanwhile the connection banner says
// so. Nothing is dropped silently: a request either answers or stays visibly retrying.
// Sign-in is the exception: it is answered once, so a wrong password is never replayed.

export interface Money {
  minor: number;
  currency: string;
}

export interface FieldProblem {
  path: string;
  problem: string;
}

export interface Problem {
  status: number;
  type?: string;
  title?: string;
  detail?: string;
  errors?: FieldProblem[];
  current_revision?: number;
  current_status?: string; // A complaint's, on a 409.
  reason?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

export interface ConnectionState {
  online: boolean;
  retryInSeconds: number;
}

type Listener = (state: ConnectionState) => void;

let csrfToken = '';
const listeners = new Set<Listener>();
let unauthorized: () => void = () => {};
let connection: ConnectionState = { online: true, retryInSeconds: 0 };

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export function onConnection(listener: Listener): () => void {
  listeners.add(listener);
  listener(connection);
  return () => listeners.delete(listener);
}

function setConnection(state: ConnectionState): void {
  if (state.online === connection.online && state.retryInSeconds === connection.retryInSeconds) {
    return;
  }
  connection = state;
  for (const listener of listeners) listener(state);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  retry?: boolean; // Default true; false for sign-in.
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const retry = options.retry ?? true;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  for (let attempt = 0; ; ++attempt) {
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin' });
      status = response.status;
      text = await response.text();
    } catch {
      status = 0; // The network failed, or the body was cut off: the answer is unknown.
    }
    const transient = status === 0 || status === 502 || status === 503 || status === 504;
    if (transient && retry) {
      const seconds = Math.min(5, 1 + attempt);
      setConnection({ online: false, retryInSeconds: seconds });
      await sleep(seconds * 1000);
      continue;
    }
    if (status === 0) throw new ApiError({ status: 0, title: 'offline' });
    setConnection({ online: true, retryInSeconds: 0 });
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (status >= 200 && status < 300) return json as T;
    const problem = { ...(json as Problem | undefined), status } as Problem;
    // The first request with this key is still being handled: ask again for its answer.
    if (status === 409 && options.idempotencyKey && problem.type?.endsWith('idempotency_key_in_flight')) {
      await sleep(250);
      continue;
    }
    if (status === 401 && path !== '/session') unauthorized();
    throw new ApiError(problem);
  }
}

export function newKey(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function problemsOf(error: unknown): FieldProblem[] {
  if (error instanceof ApiError) {
    if (error.problem.errors && error.problem.errors.length > 0) return error.problem.errors;
    return [{ path: '', problem: error.message }];
  }
  return [{ path: '', problem: String(error) }];
}

export type DocumentKind = 'receipt' | 'invoice';
export type DocumentFormat = 'json' | 'text' | 'html' | 'pdf';

// The address of an order's receipt (or invoice) in a format, for what the browser loads
// itself: the receipt frame (HTML) and the PDF tab. Both go out with the session cookie; the
// JSON goes through api() like every other read.
export function documentUrl(number: string, kind: DocumentKind, format: DocumentFormat): string {
  return `/api/v1/orders/${encodeURIComponent(number)}/receipt?format=${format}&kind=${kind}`;
}
