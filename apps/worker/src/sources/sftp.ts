/**
 * SFTP folder: every regular file in `folder` whose name matches `pattern`, oldest first, is imported once.
 * A file's identity is its path, size and modification time (its bytes are the import's own identity); the
 * server's host key must match the pinned SHA-256 fingerprint before any credential is sent.
 */
import { createHash } from 'node:crypto';
import path from 'node:path/posix';
import { findItem } from '@scorecard/db/sources/sources';
import { SftpSecrets, SftpSettings } from '@scorecard/domain/sources/kinds';
import picomatch from 'picomatch';
import SftpClient from 'ssh2-sftp-client';
import { importPulledFile } from './import-pulled.ts';
import type { PullContext, PullCounts } from './pull.ts';
import { readSecrets, readSettings } from './secrets.ts';
import { storeStream } from './stored-file.ts';

const READY_TIMEOUT_MS = 20_000;

/** `SHA256:<base64 without padding>`, as OpenSSH prints a host key fingerprint. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export async function pullSftp(context: PullContext, counts: PullCounts): Promise<void> {
  const { source, config } = context;
  const settings = readSettings(source, SftpSettings);
  const secrets = readSecrets(config, source, SftpSecrets);
  const pinned = settings.hostKeySha256.replace(/=+$/, '');
  // The library's default listeners print every connection end to stdout; a failed connect already rejects.
  const quiet = () => undefined;
  const client = new SftpClient(`source-${source.id}`, { error: quiet, end: quiet, close: quiet });
  await client.connect({
    host: settings.host,
    port: settings.port,
    username: settings.username,
    password: secrets.password,
    privateKey: secrets.privateKey,
    passphrase: secrets.passphrase,
    readyTimeout: READY_TIMEOUT_MS,
    hostVerifier: (key: Buffer) => hostKeyFingerprint(key) === pinned,
  });
  try {
    const matches = picomatch(settings.pattern);
    const files = (await client.list(settings.folder))
      .filter((entry) => entry.type === '-' && matches(entry.name))
      .sort((a, b) => a.modifyTime - b.modifyTime || a.name.localeCompare(b.name));
    for (const entry of files) {
      counts.itemsFound += 1;
      const remotePath = path.join(settings.folder, entry.name);
      const itemKey = `${remotePath}|${entry.size}|${entry.modifyTime}`;
      if (await findItem(context.db, source.id, itemKey)) {
        // Imported by an earlier pull whose move failed (or that died before it): finish the move now.
        if (settings.doneFolder) await moveToDone(client, remotePath, settings.doneFolder, entry.name);
        continue;
      }
      const stored = await storeStream(config.uploads.dir, entry.name, client.createReadStream(remotePath));
      const outcome = await importPulledFile(context, source, itemKey, stored);
      if (outcome.kind === 'taken') continue;
      counts.importsCreated += 1;
      if (settings.doneFolder) await moveToDone(client, remotePath, settings.doneFolder, entry.name);
    }
  } finally {
    await client.end();
  }
}

/**
 * Into `doneFolder` under its own name; a name already taken there gets the move's timestamp prefixed. A file
 * already gone was moved by a concurrent pull of the same source.
 */
async function moveToDone(client: SftpClient, from: string, doneFolder: string, name: string): Promise<void> {
  if ((await client.exists(from)) === false) return;
  await client.mkdir(doneFolder, true);
  const target = path.join(doneFolder, name);
  const free = (await client.exists(target)) === false;
  await client.rename(from, free ? target : path.join(doneFolder, `${Date.now()}-${name}`));
}
