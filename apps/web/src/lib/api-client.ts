/**
 * The one way the dashboard talks to the API. Never throws anything but `ApiError` for HTTP failures:
 * problem documents (RFC 9457) become typed errors the UI can show as they are.
 */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { location: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A FormData body is sent as multipart, a Blob as it is with its own type (a CSV file); anything else as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

// Handed out by sign-in and /api/auth/me; required on every state-changing request made with the cookie.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: () => void = () => {};
/** Called when any request answers 401 (session expired): the app shows the sign-in page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? 'GET';
  const headers = new Headers({ accept: 'application/json, application/problem+json' });
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  let body: BodyInit | undefined;
  if (request.body instanceof FormData) body = request.body;
  else if (request.body instanceof Blob) {
    headers.set('content-type', request.body.type);
    body = request.body;
  } else if (request.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(request.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, request.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'The server cannot be reached',
      status: 0,
      detail: 'Check your connection; the request was not sent.',
    });
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }
  const problem = await readProblem(response);
  if (response.status === 401 && path !== '/api/auth/me' && path !== '/api/auth/sign-in') onUnauthenticated();
  throw new ApiError(problem);
}

async function readProblem(response: Response): Promise<ProblemDocument> {
  const fallback: ProblemDocument = {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status}.`,
  };
  try {
    const parsed = (await response.json()) as Partial<ProblemDocument>;
    return { ...fallback, ...parsed, status: response.status };
  } catch {
    return fallback;
  }
}
