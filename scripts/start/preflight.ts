/**
 * Before anything else, `pnpm start` checks that PostgreSQL and Redis answer, and says which one does not and
 * how to get it, within seconds (rather than the API's and the worker's endless reconnect errors).
 */
import { postgresUnreachable } from '../../packages/db/src/reachable.ts';
import { redisUnreachable } from '../../packages/jobs/src/reachable.ts';

const PROBE_TIMEOUT_MS = 3_000;

/** One line per service that cannot be reached, each naming it, why, and how to start it; empty when both answer. */
export async function unreachableServices(urls: { database: string; redis: string }): Promise<string[]> {
  const [postgres, redis] = await Promise.all([
    postgresUnreachable(urls.database, PROBE_TIMEOUT_MS),
    redisUnreachable(urls.redis, PROBE_TIMEOUT_MS),
  ]);
  const problems: string[] = [];
  if (postgres !== null) {
    problems.push(
      `PostgreSQL cannot be reached at ${hostAndPort(urls.database, 5432)} (${postgres}). Start it ` +
        '(Debian: `pg_ctlcluster 15 main start`; or `docker compose up -d`, which starts PostgreSQL and Redis), ' +
        'or point DATABASE_URL at a running server.',
    );
  }
  if (redis !== null) {
    problems.push(
      `Redis cannot be reached at ${hostAndPort(urls.redis, 6379)} (${redis}). Start it ` +
        '(`redis-server --daemonize yes`; or `docker compose up -d`, which starts PostgreSQL and Redis), ' +
        'or point REDIS_URL at a running server.',
    );
  }
  return problems;
}

function hostAndPort(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || defaultPort}`;
}
