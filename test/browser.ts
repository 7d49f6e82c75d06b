/**
 * Browser tests run the real stack: the built dashboard served by the real API (`buildApp` + `listen`),
 * the real worker, a fresh database, real Debian chromium through playwright-core. Data goes in through
 * the real import path.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { buildApp } from '../apps/api/src/app.ts';
import { createUser } from '../apps/api/src/auth/users.service.ts';
import { startWorkers, type WorkerRuntime } from '../apps/worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from './harness.ts';

export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../test-artifacts');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Stack {
  baseUrl: string;
  database: TestDatabase;
  app: FastifyInstance;
  worker: WorkerRuntime;
  browser: Browser;
  admin: Credentials;
  close(): Promise<void>;
}

/** `env` adds configuration variables (e.g. SOURCE_SECRET_KEY) to the test config. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, { WEB_DIST_DIR: inject('webDistDir'), ...env });
  const app = await buildApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The API is not listening on a TCP port');
  const worker = startWorkers(config);
  const admin = { email: 'lead@example.test', password: 'correct horse battery staple' };
  await createUser(database.db, { email: admin.email, name: 'Pat Lead', role: 'admin', password: admin.password });
  const browser = await launchChromium();
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    database,
    app,
    worker,
    browser,
    admin,
    async close() {
      await browser.close();
      await app.close();
      await worker.close();
      await database.drop();
    },
  };
}

/**
 * A new browser context (own cookies) signed in through the sign-in page; `options` add context options (e.g. a
 * `timezoneId` other than the organisation's reporting zone).
 */
export async function signedInPage(
  stack: Stack,
  user: Credentials = stack.admin,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  await page.goto(stack.baseUrl);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** The API as a script would call it: signed in with a cookie, CSRF header on state changes. */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(baseUrl: string, user: Credentials): Promise<ApiSession> {
    const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new ApiSession(baseUrl, cookie, csrfToken);
  }

  async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Uploads a CSV through POST /api/imports and returns the import's id. */
  async upload(fileName: string, csv: string, fields: Record<string, string> = {}): Promise<number> {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
    const { id } = await this.request<{ id: number }>('POST', '/api/imports', form);
    return id;
  }
}

/** Resolves when the import and the recomputes it enqueued have all run (polls the queues, with a deadline). */
export async function waitForWorkerIdle(worker: WorkerRuntime, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(
      Object.values(worker.queues).map(async (queue) => {
        const c = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        // A job scheduler's next run (every vendor's weekly report) waits as a delayed job: not pending work.
        const delayed = (await queue.getDelayed()).filter((job) => !job.repeatJobKey).length;
        return Object.values(c).reduce((a, b) => a + b, 0) + delayed;
      }),
    );
    const pending = counts.reduce((sum, c) => sum + c, 0);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`The worker still has ${pending} job(s) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
