/**
 * `pnpm start` on a developer machine: when SOURCE_SECRET_KEY is not set, a key is generated once into the upload
 * folder (git-ignored, mode 0600) and reused, so the Sources page can store credentials without any setup. A
 * deployment sets its own key (docs/operations.md); this file is only the launcher's convenience.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function localSourceKey(uploadDir: string): string {
  const file = path.resolve(uploadDir, 'source-secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
