/**
 * A large export parsed and normalised by several threads: the main thread cuts the decompressed bytes into
 * blocks at record ends (blocks.ts), threads stage each block (stage-block.thread.ts), and the parts come back
 * strictly in file order. A block that ends inside a quoted field is parsed again together with the next one:
 * blocks are checked in order and the first starts the file, so a block that ends outside quotes proves the
 * next starts a record. Errors name the same line, in the same words, as readRows.
 */
import { stat } from 'node:fs/promises';
import { cutBlocks, joinBlocks, recordEndOf, type ByteBlock } from '@scorecard/ingest/blocks';
import { describeReadError, openBytes, readRows, type ExportFormat } from '@scorecard/ingest/export-file';
import type { MappingDocument } from '@scorecard/ingest/mapping';
import type { Config } from '@scorecard/config';
import type { CompiledMapping } from '@scorecard/domain/mapping/canonical';
import { stageRowsInParts, type StagedPart } from './staged-part.ts';
import type { BlockResult, ThreadSetup, ThreadTask } from './stage-block.thread.ts';
import { ThreadPool } from './thread-pool.ts';

/** Parts of the one-thread read: about one COPY write, and at most one insert of each kind of kept record. */
const PART_COPY_CHARS = 256 * 1024;
export const PART_RECORDS = 1_000;
// Blocks queued per thread: one parsing, one waiting, so a thread never idles while the main thread writes.
const BLOCKS_PER_THREAD = 2;
const THREAD_ENTRY = new URL('./stage-block.thread.ts', import.meta.url);
// A thread's young generation, capped below V8's default of 48 MB: each thread's garbage otherwise fills it
// before a scavenge, and two threads' worth kept the worker over its 300 MB. 24 MB cost about 6 % of a thread's
// speed; 8 MB cost 40 % (docs/scaling.md, "The worker's memory").
const THREAD_YOUNG_GENERATION_MB = 24;

export interface ExportToStage {
  path: string;
  format: ExportFormat;
  document: MappingDocument;
  compiled: CompiledMapping;
  timeZone: string;
}

/**
 * The file's rows staged in parts, in file order: by threads for a file of at least `parallel.minBytes` whose
 * records end in `\n` (see recordEndOf), else by this thread. Throws UnreadableExport as readRows does.
 */
export async function stageExport(file: ExportToStage, imports: Config['imports']): Promise<AsyncIterable<StagedPart>> {
  const { path, format } = file;
  const bounds = {
    maxRecordBytes: imports.maxRecordBytes,
    maxDecompressedBytes: imports.maxDecompressedBytes,
    maxCompressionRatio: imports.maxCompressionRatio,
  };
  const recordEnd = (await stat(path)).size >= imports.parallel.minBytes ? await recordEndOf(path) : null;
  if (recordEnd) {
    const { document, timeZone } = file;
    return stageInNewThreads(path, { document, timeZone, format, bounds, recordEnd }, imports.parallel);
  }
  const reader = { compiled: file.compiled, headerCount: format.headers.length, delimiter: format.delimiter };
  return stageRowsInParts(readRows(path, format, bounds), reader, {
    copyChars: PART_COPY_CHARS,
    recordsPerPart: PART_RECORDS,
  });
}

// Settled once no import of this process parses with threads. One at a time: the threads already keep every core
// busy, and a second set would add its heaps to the worker's memory (docs/scaling.md, "The worker's memory").
let threadsFree: Promise<void> = Promise.resolve();

/**
 * stageInThreads on threads of the import's own, started once no other import of this process has threads, and
 * ended when it is done with them (or abandons them).
 */
async function* stageInNewThreads(
  path: string,
  setup: ThreadSetup,
  options: { threads: number; blockBytes: number },
): AsyncGenerator<StagedPart> {
  const othersDone = threadsFree;
  let release = () => {};
  threadsFree = new Promise((resolve) => (release = resolve));
  try {
    await othersDone;
    const pool = await startStagingThreads(options.threads);
    try {
      yield* stageInThreads(path, setup, { pool, blockBytes: options.blockBytes });
    } finally {
      await pool.close();
    }
  } finally {
    release();
  }
}

export type StagingThreads = ThreadPool<ThreadTask, BlockResult | null>;

export function startStagingThreads(count: number): Promise<StagingThreads> {
  return ThreadPool.start(THREAD_ENTRY, count, { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB });
}

/** One part per block (or per blocks joined over a quoted field), staged by `pool`'s threads set up for this file. */
export async function* stageInThreads(
  path: string,
  setup: ThreadSetup,
  { pool, blockBytes }: { pool: StagingThreads; blockBytes: number },
): AsyncGenerator<StagedPart> {
  const { format, bounds } = setup;
  // Past this, a stretch without a record end is more characters than any record may hold (UTF-8: ≤ 4 bytes each).
  const maxUncutBytes = blockBytes + 4 * bounds.maxRecordBytes;
  // Each thread takes its tasks in order, so the blocks posted after this are read with it.
  pool.runOnEach({ kind: 'setup', setup }).catch(() => undefined);
  const maxInFlight = BLOCKS_PER_THREAD * pool.size;
  const { stream } = await openBytes(path, bounds);
  const blocks = cutBlocks(stream, setup.recordEnd, blockBytes, maxUncutBytes, format.headerRow);
  const inFlight: { block: ByteBlock; result: Promise<BlockResult> }[] = [];
  let ended = false;
  // The line after the last record handed on: where a file that breaks below the parser is said to have broken.
  let reachedLine = format.headerRow;
  const submit = (block: ByteBlock) => {
    const result = pool.run({ kind: 'block', block }) as Promise<BlockResult>;
    // A result may be dropped (its block joined to the one before); its failure is then no one's to hear.
    result.catch(() => undefined);
    return { block, result };
  };
  const fill = async () => {
    try {
      while (!ended && inFlight.length < maxInFlight) {
        const next = await blocks.next();
        if (next.done) ended = true;
        else inFlight.push(submit(next.value));
      }
    } catch (error) {
      throw describeReadError(error, reachedLine, bounds);
    }
  };
  try {
    await fill();
    for (let head = inFlight.shift(); head; head = inFlight.shift()) {
      let result = await head.result;
      while (!result.ok && result.code === 'CSV_QUOTE_NOT_CLOSED') {
        await fill();
        const next = inFlight.shift();
        // The last block ends inside quotes: so does the file.
        if (!next) break;
        head = submit(joinBlocks(head.block, next.block));
        result = await head.result;
      }
      if (!result.ok) {
        throw describeReadError(Object.assign(new Error(result.message), { code: result.code }), result.line, bounds);
      }
      yield result.part;
      reachedLine = result.nextLine;
      await fill();
    }
  } finally {
    stream.destroy();
  }
}
