/**
 * Regenerates schema.generated.ts from a scratch database migrated with every file in migrations/,
 * so the types never depend on the state of a developer's own database. `--verify` fails on drift.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb } from './database.ts';
import { migrateToLatest } from './migrate.ts';

const adminUrl = process.argv.find((a) => a.startsWith('postgres://')) ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const verify = process.argv.includes('--verify');
const name = `scorecard_codegen_${randomBytes(4).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
try {
  const { db } = createDb({ url: url.toString(), maxConnections: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const outFile = fileURLToPath(new URL('./schema.generated.ts', import.meta.url));
  execFileSync(
    'kysely-codegen',
    [
      '--dialect=postgres',
      `--url=${url.toString()}`,
      `--out-file=${outFile}`,
      '--exclude-pattern=kysely_*',
      '--date-parser=string',
      '--numeric-parser=number',
      '--type-mapping={"int8":"number"}',
      ...(verify ? ['--verify'] : []),
    ],
    { stdio: 'inherit' },
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
