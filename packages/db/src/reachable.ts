import pg from 'pg';
import { maintenanceUrl } from './maintenance-url.ts';

/**
 * Whether the PostgreSQL server of `url` accepts a connection within `timeoutMs`: null when it does, else why
 * not. It connects to the maintenance database `postgres`, since the target database may not exist yet.
 */
export async function postgresUnreachable(url: string, timeoutMs: number): Promise<string | null> {
  const client = new pg.Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
