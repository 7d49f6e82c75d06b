/**
 * Migrates a template database once per migration set; every test file then clones it
 * (CREATE DATABASE … TEMPLATE), which takes a few hundred milliseconds instead of a full migration.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createDb } from '../packages/db/src/database.ts';
import { migrateToLatest, MIGRATIONS_DIR } from '../packages/db/src/migrate.ts';
import { ADMIN_URL, databaseUrl } from './db-urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  const template = `scorecard_tpl_${hash.digest('hex').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // Concurrent test runs (several developers' terminals) must not build the same template twice.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!rowCount) {
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const { db } = createDb({ url: databaseUrl(building), maxConnections: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      await admin.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE true`);
    }
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
  } finally {
    await admin.end();
  }
  project.provide('templateDatabase', template);
}
