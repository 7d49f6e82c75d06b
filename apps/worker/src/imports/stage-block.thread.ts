/**
 * A parsing thread of an import (see stage-blocks.ts): compiles the file's mapping once, then parses, accepts and
 * encodes each block it is sent, answering with the block's staged part or the CSV error its parse stopped at.
 */
import { parentPort } from 'node:worker_threads';
import { parseBlock, type ByteBlock, type RecordEnd } from '@scorecard/ingest/blocks';
import type { ExportFormat, ReadBounds } from '@scorecard/ingest/export-file';
import { compileForFile, type MappingDocument } from '@scorecard/ingest/mapping';
import { emptyPart, stageRow, type RowReader, type StagedPart } from './staged-part.ts';

/** What a thread compiles its mapping from (a compiled mapping holds functions, which cannot be posted). */
export interface ThreadSetup {
  document: MappingDocument;
  timeZone: string;
  format: ExportFormat;
  bounds: ReadBounds;
  recordEnd: RecordEnd;
}

/** A block's rows staged, and the line after its last record; or where and how its parse broke. */
export type BlockResult =
  { ok: true; part: StagedPart; nextLine: number } | { ok: false; code: string; message: string; line: number };

/** A thread is first told what it reads, then sent the blocks of that file. */
export type ThreadTask = { kind: 'setup'; setup: ThreadSetup } | { kind: 'block'; block: ByteBlock };

const utf8 = new TextEncoder();
let setup: ThreadSetup | null = null;
let reader: RowReader | null = null;

parentPort!.on('message', ({ id, task }: { id: number; task: ThreadTask }) => {
  if (task.kind === 'setup') {
    setup = task.setup;
    reader = {
      compiled: compileForFile(setup.document, setup.format.headers, setup.timeZone),
      headerCount: setup.format.headers.length,
      delimiter: setup.format.delimiter,
    };
    parentPort!.postMessage({ id, result: null });
    return;
  }
  if (!setup || !reader) throw new Error('A block was sent before the file it belongs to was set up.');
  // Posted bytes arrive as a plain Uint8Array.
  const { block } = task;
  const bytes = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  const parsed = parseBlock({ ...block, bytes }, setup.format, setup.bounds, setup.recordEnd);
  if (!parsed.ok) {
    parentPort!.postMessage({ id, result: parsed });
    return;
  }
  const part = emptyPart();
  for (const row of parsed.rows) stageRow(part, reader, row);
  const copy = utf8.encode(part.copy);
  const result: BlockResult = { ok: true, part: { ...part, copy }, nextLine: parsed.nextLine };
  parentPort!.postMessage({ id, result }, [copy.buffer]);
});
