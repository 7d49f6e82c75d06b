import { loadConfig } from '@scorecard/config';
import { createDb } from '@scorecard/db/database';
import { ensureDatabase } from '@scorecard/db/ensure-database';
import { migrateToLatest } from '@scorecard/db/migrate';
import { buildApp } from './app.ts';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from './users/first-admin.ts';

const config = loadConfig();

await ensureDatabase(config.db.url);
const migrator = createDb({ url: config.db.url, maxConnections: 1 });
try {
  await migrateToLatest(migrator.db);
  const firstAdminPassword = await ensureFirstAdmin(migrator.db);
  // Printed once, to stdout only (not the log stream): the way into a fresh installation.
  if (firstAdminPassword)
    console.log(`First admin created: ${FIRST_ADMIN_EMAIL} / ${firstAdminPassword} (change it after signing in)`);
} finally {
  await migrator.db.destroy();
}

const app = await buildApp(config);
await app.listen({ host: config.http.host, port: config.http.port });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
