/**
 * Password spraying: many emails from one address are limited per address, and all callers
 * together are limited globally, before any argon2 hash is computed for the refused attempts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { buildApp } from '../app.ts';
import { createUser } from './users.service.ts';

const PER_IP = 12;
const GLOBAL = 20;
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(
    testConfig(database.url, { SIGN_IN_PER_IP_PER_MINUTE: String(PER_IP), SIGN_IN_GLOBAL_PER_MINUTE: String(GLOBAL) }),
  );
  await createUser(app.db, {
    email: 'real@test.example',
    name: 'Real',
    role: 'viewer',
    password: 'correct horse battery',
  });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const attempt = (remoteAddress: string, email: string, password = 'Spring2026!') =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress, payload: { email, password } });

describe('sign-in limits across accounts', () => {
  it('limits password spraying over many emails from one address, not other addresses', async () => {
    for (let i = 0; i < PER_IP; i += 1) {
      expect((await attempt('10.0.0.1', `user${i}@test.example`)).statusCode).toBe(401);
    }
    const limited = await attempt('10.0.0.1', 'real@test.example', 'correct horse battery');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().detail).toContain('from this address');
    // A fresh address signs in: the attacker's address is limited, not the account.
    expect((await attempt('10.0.0.2', 'real@test.example', 'correct horse battery')).statusCode).toBe(200);
  });

  it('limits all callers together once the global budget of hashes is spent', async () => {
    // The first test spent PER_IP + 1 of the global budget: its refused attempt stopped before the global count.
    const spent = PER_IP + 1;
    for (let i = 0; i < GLOBAL - spent; i += 1) {
      expect((await attempt(`10.0.1.${i}`, `spray${i}@test.example`)).statusCode).toBe(401);
    }
    const limited = await attempt('10.0.2.1', 'real@test.example', 'correct horse battery');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().detail).toContain('on this service');
  });
});
