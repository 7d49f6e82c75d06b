/**
 * A real OpenSSH SFTP server for the SFTP source tests: Debian's `sshd` on its own loopback port, with its own
 * host key, config and key-authenticated user (the user running the tests) in a temporary folder. Tests that
 * need it skip with a clear message when `/usr/sbin/sshd` is absent (`apt-get install -y openssh-server`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './ports.ts';

export const SSHD = '/usr/sbin/sshd';
export const sshdMissing = existsSync(SSHD)
  ? null
  : `${SSHD} is absent: install Debian's openssh-server (apt-get install -y openssh-server) to run the SFTP tests`;

export interface SftpServer {
  port: number;
  username: string;
  /** The client's private key (OpenSSH format), authorised for `username`. */
  privateKey: string;
  /** The server's host key as `ssh-keygen -lf` prints it: `SHA256:<base64>`. */
  hostKeySha256: string;
  /** A folder the user can write, to drop files into. */
  root: string;
  stop(): Promise<void>;
}

async function waitForBanner(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('SSH-'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not answer on port ${port} within ${timeoutMs} ms`);
    await delay(50);
  }
}

export async function startSftpServer(): Promise<SftpServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scorecard-sshd-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(path.join(dir, 'host_key'));
  keygen(path.join(dir, 'client_key'));
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
  const fingerprint = execFileSync('ssh-keygen', ['-lf', path.join(dir, 'host_key.pub'), '-E', 'sha256'])
    .toString()
    .split(' ')[1]!;
  const root = path.join(dir, 'files');
  mkdirSync(root);
  // sshd as root wants its privilege-separation folder.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  const port = await freePort();
  const username = userInfo().username;
  writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${username}`,
      // The temporary folder is not owned the way sshd's strict checks expect.
      'StrictModes no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForBanner(port, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${stderr}`, { cause: error });
  }
  return {
    port,
    username,
    privateKey: readFileSync(path.join(dir, 'client_key')).toString(),
    hostKeySha256: fingerprint,
    root,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
