/** Where tests find PostgreSQL and Redis; TEST_DATABASE_ADMIN_URL and TEST_REDIS_URL override the local defaults. */

const env = process.env;
export const ADMIN_URL = env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
