/**
 * The URL of the maintenance database `postgres` on the server of `url` (same credentials, host and parameters).
 * Used where the target database may not exist yet: to create it, or to probe that the server answers.
 */
export function maintenanceUrl(url: string): string {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  return maintenance.toString();
}
