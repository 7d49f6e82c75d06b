import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { anonymous, bearerCaller, callerAs, signIn } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import { createUser } from './users.service.ts';
import { SIGN_IN_ATTEMPTS_PER_MINUTE } from './auth.routes.ts';
import { sha256Hex } from './credentials.ts';
import { SESSION_COOKIE } from './sessions.ts';

let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  expect(body.status).toBe(status);
  expect(response.body).not.toMatch(/\bat .+\(.+:\d+:\d+\)|SELECT |INSERT |syntax error|violates/);
  return body;
}

async function user(email: string, password = 'correct horse battery') {
  return createUser(app.db, { email, name: 'Someone', role: 'viewer', password });
}

const signInAttempt = (email: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

describe('sign-in', () => {
  it('signs in, sets an httpOnly SameSite=Lax session cookie and answers the user and a CSRF token', async () => {
    await user('ok@test.example');
    const response = await signInAttempt('OK@Test.Example', 'correct horse battery');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'ok@test.example', role: 'viewer', vendorId: null, vendorName: null });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    // Only a hash of the session id is stored.
    const stored = await database.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).toContain(sha256Hex(cookie.value));
    expect(stored.map((s) => s.id_hash)).not.toContain(cookie.value);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);
  });

  it('answers a wrong password, an unknown email and a disabled user alike', async () => {
    const disabled = await user('disabled@test.example');
    await database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    await user('wrong@test.example');
    const answers = await Promise.all([
      signInAttempt('wrong@test.example', 'not the password'),
      signInAttempt('nobody@test.example', 'not the password'),
      signInAttempt('disabled@test.example', 'correct horse battery'),
    ]);
    const bodies = answers.map((a) => {
      expect(a.cookies).toHaveLength(0);
      const { instance: _instance, ...rest } = expectProblem(a, 401);
      return rest;
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('rate-limits sign-in per address and email with a 429 problem', async () => {
    await user('limited@test.example');
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_MINUTE; i += 1) {
      expect((await signInAttempt('limited@test.example', 'wrong')).statusCode).toBe(401);
    }
    const limited = await signInAttempt('limited@test.example', 'correct horse battery');
    expectProblem(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Another email from the same address is not locked out by someone guessing this one.
    await user('other@test.example');
    expect((await signInAttempt('other@test.example', 'correct horse battery')).statusCode).toBe(200);
  });

  it('rejects a malformed body with a 400 problem', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 5 } }), 400);
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: '{"email":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
  });
});

describe('sessions', () => {
  it('refuses calls without a session, and with an expired one', async () => {
    expectProblem(await anonymous(app).get('/api/auth/me'), 401);
    const caller = await callerAs(app, 'viewer');
    expect((await caller.get('/api/auth/me')).statusCode).toBe(200);
    await database.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', caller.userId)
      .execute();
    expectProblem(await caller.get('/api/auth/me'), 401);
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const caller = await callerAs(app, 'ops');
    const out = await caller.post('/api/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expectProblem(await caller.get('/api/auth/me'), 401);
  });

  it('ends the sessions of a user who is disabled', async () => {
    const admin = await callerAs(app, 'admin');
    const viewer = await callerAs(app, 'viewer');
    expect((await admin.patch(`/api/users/${viewer.userId}`, { disabled: true })).statusCode).toBe(200);
    expectProblem(await viewer.get('/api/auth/me'), 401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated state change without or with a wrong x-csrf-token', async () => {
    const caller = await callerAs(app, 'admin');
    const { cookie } = await signIn(app, caller.email, caller.password);
    const request = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/tokens',
        cookies: { [SESSION_COOKIE]: cookie },
        headers,
        payload: { name: 'x', role: 'ops' },
      });
    expectProblem(await request({}), 403);
    expectProblem(await request({ 'x-csrf-token': caller.csrfToken }), 403); // another session's token
    expectProblem(await request({ 'x-csrf-token': '' }), 403);
    expect((await caller.post('/api/tokens', { name: 'x', role: 'ops' })).statusCode).toBe(201);
  });
});

describe('password change', () => {
  it('needs the current password, then the new one works and other sessions end', async () => {
    const caller = await callerAs(app, 'viewer');
    const other = await signIn(app, caller.email, caller.password);
    const wrong = await caller.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new password',
    });
    expectProblem(wrong, 403);
    expectProblem(
      await caller.post('/api/auth/password', { currentPassword: caller.password, newPassword: 'short' }),
      400,
    );
    const ok = await caller.post('/api/auth/password', {
      currentPassword: caller.password,
      newPassword: 'a brand new password',
    });
    expect(ok.statusCode).toBe(204);
    expect((await caller.get('/api/auth/me')).statusCode).toBe(200);
    const otherMe = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { [SESSION_COOKIE]: other.cookie },
    });
    expectProblem(otherMe, 401);
    expectProblem(await signInAttempt(caller.email, caller.password), 401);
    expect((await signInAttempt(caller.email, 'a brand new password')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('works as a bearer token without CSRF, is listed without its secret, and stops working once revoked', async () => {
    const admin = await callerAs(app, 'admin');
    const created = await admin.post('/api/tokens', { name: 'uploader', role: 'admin' });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    const automation = bearerCaller(app, secret, 'admin');
    expect((await automation.get('/api/users')).statusCode).toBe(200);
    expect((await automation.post('/api/tokens', { name: 'by token', role: 'viewer' })).statusCode).toBe(201);
    const list = await admin.get('/api/tokens');
    expect(list.body).not.toContain(secret);
    const listed = list.json().items.find((t: { id: number }) => t.id === token.id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect((await admin.delete(`/api/tokens/${token.id}`)).statusCode).toBe(204);
    expectProblem(await automation.get('/api/users'), 401);
    expectProblem(await bearerCaller(app, 'sct_not-a-token').get('/api/users'), 401);
  });

  it('scopes a vendor token to its vendor role', async () => {
    const admin = await callerAs(app, 'admin');
    const vendor = await database.db
      .insertInto('vendors')
      .values({ name: 'Token Vendor' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expectProblem(await admin.post('/api/tokens', { name: 'v', role: 'vendor' }), 400);
    const created = await admin.post('/api/tokens', { name: 'v', role: 'vendor', vendorId: vendor.id });
    expect(created.statusCode).toBe(201);
    expectProblem(await bearerCaller(app, created.json().secret, 'vendor').get('/api/users'), 403);
  });
});

describe('users admin', () => {
  it('invites a user with a one-time password that signs in and must be changed', async () => {
    const admin = await callerAs(app, 'admin');
    const created = await admin.post('/api/users', {
      email: 'New.Person@Test.Example',
      name: 'New Person',
      role: 'ops',
    });
    expect(created.statusCode).toBe(201);
    const { user: invited, initialPassword } = created.json();
    expect(invited).toMatchObject({ email: 'new.person@test.example', role: 'ops', mustChangePassword: true });
    expect((await signInAttempt('new.person@test.example', initialPassword)).json().user.mustChangePassword).toBe(true);
    expectProblem(
      await admin.post('/api/users', { email: 'new.person@test.example', name: 'Again', role: 'ops' }),
      409,
    );
    expectProblem(await admin.post('/api/users', { email: 'v@test.example', name: 'V', role: 'vendor' }), 400);
    expect((await admin.get('/api/users')).body).not.toMatch(/passwordHash|password_hash|\$argon2/);
  });

  it('refuses to disable or demote the last active admin', async () => {
    const db = await createTestDatabase();
    const lonely = await buildApp(testConfig(db.url));
    try {
      const admin = await callerAs(lonely, 'admin');
      expectProblem(await admin.patch(`/api/users/${admin.userId}`, { role: 'ops' }), 409);
      expectProblem(await admin.patch(`/api/users/${admin.userId}`, { disabled: true }), 409);
    } finally {
      await lonely.close();
      await db.drop();
    }
  });
});

describe('security headers', () => {
  it("sends pages the browser renders helmet's document set with the dashboard's CSP", async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['origin-agent-cluster']).toBe('?1');
  });

  it('sends JSON answers and problem documents the API set: nothing allowed, nothing framed, nothing cached', async () => {
    for (const url of ['/health/live', '/api/scorecards']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['content-type'], url).toMatch(/^application\/(problem\+)?json/);
      expect(response.headers, url).toMatchObject({
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(response.headers, url).not.toHaveProperty('origin-agent-cluster');
    }
  });
});
