/**
 * A real PostgreSQL primary and a streaming replica of it, each its own cluster on its own loopback port, in a
 * temporary folder, for the read-replica tests (docs/scaling.md "Read replicas"). The pair is private to the
 * test: a base backup copies a whole cluster, and the shared test server holds every other test's and
 * benchmark's databases; a fresh primary copies in a second and leaves the shared server's configuration
 * (pg_hba.conf, wal_level) alone. Run as root (CI, the development machine), the servers run as the
 * `postgres` user (PostgreSQL refuses root). Tests skip with `replicaPairMissing` only when the server
 * binaries are absent (`apt-get install -y postgresql`).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.ts';
import { until } from './waits.ts';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PROGRAMS = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'] as const;

/** The newest Debian PostgreSQL server installation (`/usr/lib/postgresql/<version>/bin`) with every program. */
function serverBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (PROGRAMS.every((p) => existsSync(path.join(bin, p)))) return bin;
  }
  return null;
}

const BIN = serverBinaries();
export const replicaPairMissing = BIN
  ? null
  : `PostgreSQL server binaries (${PROGRAMS.join(', ')}) not found under /usr/lib/postgresql/<version>/bin: install Debian's postgresql to run the read-replica tests`;

export interface ReplicatedPair {
  /** A URL of `database` on the primary / on the replica (postgres user, trust on 127.0.0.1). */
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Stops and starts WAL replay on the replica (`pg_wal_replay_pause` / `_resume`), waiting until it took. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica's server (`pg_ctl stop`, fast: its connections are ended) / starts it again. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** SQL on the replica's `database` (read-only, it is a standby). */
  queryReplica<Row extends pg.QueryResultRow>(database: string, text: string): Promise<Row[]>;
  stop(): Promise<void>;
}

async function ids(user: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

async function query<Row extends pg.QueryResultRow>(connectionString: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

export async function startReplicatedPair(): Promise<ReplicatedPair> {
  if (!BIN) throw new Error(replicaPairMissing ?? 'no PostgreSQL server binaries');
  const dir = mkdtempSync(path.join(tmpdir(), 'scorecard-replica-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await ids('postgres');
    chownSync(dir, uid, gid);
  }
  // As the postgres user when we are root; as ourselves otherwise (then we own the folder already).
  const program = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, name), ...args]) : run(path.join(BIN, name), args);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const startReplica = async () => {
    await program('pg_ctl', ['-D', replicaDir, '-l', path.join(dir, 'replica.log'), '-w', '-t', '60', 'start']);
  };
  const started: string[] = [];
  const stopAll = async () => {
    for (const data of started.reverse()) {
      await program('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb's pg_hba.conf with --auth=trust already admits replication connections from 127.0.0.1.
    await program('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        // A throw-away cluster: durability would only cost the shared disk time.
        'fsync = off',
        'full_page_writes = off',
        'shared_buffers = 32MB',
        'max_connections = 60',
        '',
      ].join('\n'),
    );
    await program('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', '-t', '60', 'start']);
    started.push(primaryDir);
    // -R writes standby.signal and primary_conninfo; the copied postgresql.conf is the primary's, so the
    // replica's own port goes last (postgresql.auto.conf is read after it).
    await program('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    appendFileSync(path.join(replicaDir, 'postgresql.auto.conf'), `port = ${replicaPort}\nhot_standby = on\n`);
    await startReplica();
    started.push(replicaDir);
  } catch (error) {
    await stopAll();
    throw error;
  }

  const onReplica = <Row extends pg.QueryResultRow>(text: string) => query<Row>(url(replicaPort, 'postgres'), text);
  const pair: ReplicatedPair = {
    primaryUrl: (database) => url(primaryPort, database),
    replicaUrl: (database) => url(replicaPort, database),
    async pauseReplay() {
      await onReplica('SELECT pg_wal_replay_pause()');
      await until('replica pair: replay paused', async () => {
        const [row] = await onReplica<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state');
        return row?.state === 'paused';
      });
    },
    async resumeReplay() {
      await onReplica('SELECT pg_wal_replay_resume()');
    },
    async stopReplica() {
      await program('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop']);
    },
    startReplica,
    async caughtUp(timeoutMs = 20_000) {
      const [written] = await query<{ lsn: string }>(
        url(primaryPort, 'postgres'),
        'SELECT pg_current_wal_lsn()::text AS lsn',
      );
      await until(
        `replica pair: replay up to ${written?.lsn}`,
        async () => {
          const [row] = await onReplica<{ done: boolean }>(
            `SELECT pg_last_wal_replay_lsn() >= '${written?.lsn}'::pg_lsn AS done`,
          );
          return row?.done === true;
        },
        timeoutMs,
      );
    },
    queryReplica: (database, text) => query(url(replicaPort, database), text),
    stop: stopAll,
  };
  return pair;
}
