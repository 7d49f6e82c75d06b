/**
 * Reading from a streaming replica without serving anything older than the primary's serving generations
 * (docs/scaling.md "Read replicas"): a read may go to the replica once the replica has replayed the primary's
 * WAL up to the position recorded with the generations it will be cached under.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** A WAL position (`pg_lsn`, e.g. `16/B374D848`) as a number that orders like the position. */
export function lsnValue(lsn: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!match) throw new Error(`Not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** How far a standby has replayed, with the WAL geometry it shares with its primary. */
export interface Replay {
  /** `pg_last_wal_replay_lsn()`: the end of the last record replayed. */
  replayed: bigint;
  blockSize: bigint;
  segmentSize: bigint;
}

/**
 * How far the server has replayed the primary's WAL, or null when it is not a standby in recovery (a
 * primary, or a promoted replica): then nothing says it holds the primary's writes.
 */
export async function readReplay(db: Db): Promise<Replay | null> {
  const { rows } = await sql<{ replayed: string | null; blockSize: string; segmentSize: string }>`
    SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END AS replayed,
           current_setting('wal_block_size') AS "blockSize",
           pg_size_bytes(current_setting('wal_segment_size'))::text AS "segmentSize"`.execute(db);
  const row = rows[0];
  if (!row?.replayed) return null;
  return { replayed: lsnValue(row.replayed), blockSize: BigInt(row.blockSize), segmentSize: BigInt(row.segmentSize) };
}

// The page headers PostgreSQL writes at the start of every WAL page (SizeOfXLogShortPHD) and segment
// (SizeOfXLogLongPHD).
const SHORT_PAGE_HEADER = 24n;
const LONG_PAGE_HEADER = 40n;

/**
 * Whether a standby has replayed everything written before the primary's insert position `inserted`
 * (`pg_current_wal_insert_lsn()`). That position names where the next record will start, so at the start of
 * a page it lies past the page's header, while the standby reports the end of the last record, before it: the
 * page boundary is what such a standby must reach.
 */
export function hasReplayed(replay: Replay, inserted: bigint): boolean {
  const header = inserted % replay.segmentSize < replay.blockSize ? LONG_PAGE_HEADER : SHORT_PAGE_HEADER;
  const needed = inserted % replay.blockSize === header ? inserted - header : inserted;
  return replay.replayed >= needed;
}
