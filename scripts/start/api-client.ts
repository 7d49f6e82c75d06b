/**
 * A small HTTP client for the start script and benchmarks: the same requests a browser or automation makes,
 * with the session cookie and CSRF header once signed in.
 */
export interface ApiResponse {
  status: number;
  body: unknown;
}

export class ApiClient {
  private cookie = '';
  private csrfToken = '';

  constructor(readonly baseUrl: string) {}

  /** Resolves false when the API has no sign-in route (auth not installed); throws when sign-in is refused. */
  async signIn(email: string, password: string): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status === 404) return false;
    const body = (await response.json()) as { csrfToken?: string; detail?: string };
    if (response.status !== 200 || !body.csrfToken) {
      throw new Error(`sign-in as ${email} failed: ${response.status} ${body.detail ?? ''}`);
    }
    this.cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    this.csrfToken = body.csrfToken;
    return true;
  }

  /** The Cookie header of the signed-in session ('' when anonymous), for tools like autocannon. */
  get cookieHeader(): string {
    return this.cookie;
  }

  async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: isJson && text ? (JSON.parse(text) as unknown) : text };
  }

  get(path: string): Promise<ApiResponse> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<ApiResponse> {
    return this.request('POST', path, body);
  }
}

/** The start log's one line writer. */
export type Log = (message: string) => void;

export interface Vendor {
  id: number;
  name: string;
}

/** The body of a request the demo cannot do without: any answer from 300 up stops the start with its text. */
export async function must(api: ApiClient, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
  const response = await api.request(method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 500 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
