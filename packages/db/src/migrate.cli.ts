import { loadConfig } from '@scorecard/config';
import { createDb } from './database.ts';
import { ensureDatabase } from './ensure-database.ts';
import { migrateToLatest } from './migrate.ts';

const config = loadConfig();
await ensureDatabase(config.db.url);
const { db } = createDb({ url: config.db.url, maxConnections: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.destroy();
}
