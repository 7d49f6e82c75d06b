/**
 * Real PostgreSQL and Redis for integration tests, isolated per test file (database) and per call (queue prefix).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../packages/config/src/config.ts';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { ADMIN_URL, databaseUrl, REDIS_URL } from './db-urls.ts';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the template built in global setup. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `scorecard_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  const url = databaseUrl(name);
  const { db } = createDb({ url, maxConnections: 5 });
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A Config for tests: the given database, a queue prefix of its own, a temporary upload folder. */
export function testConfig(databaseUrlForTest: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: databaseUrlForTest,
    REDIS_URL,
    QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    UPLOAD_DIR: mkdtempSync(path.join(tmpdir(), 'scorecard-uploads-')),
    // Every test signs its callers in through the API from one address: the per-address and global sign-in
    // limits would refuse a suite's hundreds of users. sign-in-limits.int.test.ts sets its own.
    SIGN_IN_PER_IP_PER_MINUTE: '1000000',
    SIGN_IN_GLOBAL_PER_MINUTE: '1000000',
    ...env,
  });
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
