/**
 * The threaded reader of an export gives exactly what the one-thread reader gives: the same rows with the same
 * line numbers, rejects, skips, warnings, counts and COPY text, over random files cut into tiny blocks (so that
 * many cuts fall inside quoted fields), and the same error naming the same line when the file is broken.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordEnd } from '@scorecard/ingest/blocks';
import { readRows, sniffExport, type ExportEncoding } from '@scorecard/ingest/export-file';
import { compileForFile, type MappingDocument } from '@scorecard/ingest/mapping';
import { TEAM_MAPPING } from '../../../../test/imports.ts';
import { emptyPart, stageRowsInParts, type StagedPart } from './staged-part.ts';
import { stageExport, stageInThreads, startStagingThreads } from './stage-blocks.ts';

const dir = mkdtempSync(join(tmpdir(), 'stage-blocks-'));
// One pair of threads for every read here.
const pool = await startStagingThreads(2);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const bounds = { maxRecordBytes: 4096, maxDecompressedBytes: 1 << 30, maxCompressionRatio: 1_000_000 };
const document: MappingDocument = {
  ...TEAM_MAPPING,
  fields: { ...TEAM_MAPPING.fields, handleSeconds: { kind: 'column', column: 'handle', unit: 's' } },
  skip: [{ column: 'queue', in: ['SKIP'] }],
};
const HEADER = 'id,created,team,channel,queue,handle';

interface FileShape {
  titles: string[];
  rows: string[];
  end: RecordEnd;
  bom: boolean;
  encoding: ExportEncoding;
  gzip: boolean;
  finalEnd: boolean;
}

const queue = fc.oneof(
  fc.constantFrom('Q1', 'Qé', 'SKIP', '', 'a;b'),
  // Quoted, with the file's separators, quotes and line ends inside.
  fc
    .array(fc.constantFrom('x', 'é', ',', '""', '\n', '\r\n', ' '), { minLength: 1, maxLength: 12 })
    .map((parts) => `"${parts.join('')}"`),
);
const row = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 30 }),
      fc.constantFrom('email', 'chat', 'pigeon'),
      queue,
      fc.constantFrom('60', 'x', ''),
    )
    .map(([id, channel, q, handle]) => `c${id},2026-11-16 09:00:00,Acme,${channel},${q},${handle}`),
  fc.constantFrom('', 'short,row', ',2026-11-16 09:00:00,Acme,email,Q1,1'),
);
const fileShape: fc.Arbitrary<FileShape> = fc.record({
  titles: fc.array(fc.constantFrom('Cases report', 'Exported 2026-11-20', ''), { maxLength: 2 }),
  rows: fc.array(row, { maxLength: 60 }),
  end: fc.constantFrom<RecordEnd>('\n', '\r\n'),
  bom: fc.boolean(),
  encoding: fc.constantFrom<ExportEncoding>('utf-8', 'windows-1252'),
  gzip: fc.boolean(),
  finalEnd: fc.boolean(),
});

let fileNo = 0;
function writeExport(shape: FileShape, rows = shape.rows): string {
  // The text is ASCII and é, which Windows-1252 encodes as Latin-1 does.
  const lines = [...shape.titles, HEADER, ...rows];
  const text = lines.map((line) => line.replaceAll('\n', shape.end).replaceAll('\r\r\n', '\r\n')).join(shape.end);
  const body = shape.finalEnd ? text + shape.end : text;
  const encoded = shape.encoding === 'utf-8' ? Buffer.from(body) : Buffer.from(body, 'latin1');
  const bytes =
    shape.bom && shape.encoding === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encoded]) : encoded;
  const path = join(dir, `f${(fileNo += 1)}.csv`);
  writeFileSync(path, shape.gzip ? gzipSync(bytes) : bytes);
  return path;
}

/**
 * All the parts of a read as one, or the error the read threw. Threads hand their COPY text over as bytes
 * (`asBytes`), the one-thread reader as text: a part that comes the other way is an error of the read.
 */
async function collect(parts: AsyncIterable<StagedPart>, asBytes: boolean): Promise<StagedPart | { error: string }> {
  const all = emptyPart();
  try {
    for await (const part of parts) {
      expect(part.copy instanceof Uint8Array, 'COPY text handed over as bytes').toBe(asBytes);
      all.copy += typeof part.copy === 'string' ? part.copy : Buffer.from(part.copy).toString('utf8');
      all.rowsRead += part.rowsRead;
      all.rowsLoaded += part.rowsLoaded;
      all.rowsSkipped += part.rowsSkipped;
      all.rowsRejected += part.rowsRejected;
      all.rowsWarned += part.rowsWarned;
      all.rejects.push(...part.rejects);
      all.skipped.push(...part.skipped);
      all.warnings.push(...part.warnings);
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
  return all;
}

async function bothReads(path: string, shape: FileShape, blockBytes: number) {
  const format = await sniffExport(path, { headerRow: shape.titles.length + 1, encoding: shape.encoding });
  const compiled = compileForFile(document, format.headers, 'UTC');
  const reader = { compiled, headerCount: format.headers.length, delimiter: format.delimiter };
  const oneThread = await collect(
    stageRowsInParts(readRows(path, format, bounds), reader, { copyChars: 100, recordsPerPart: 3 }),
    false,
  );
  const setup = { document, timeZone: 'UTC', format, bounds, recordEnd: shape.end };
  const threaded = await collect(stageInThreads(path, setup, { pool, blockBytes }), true);
  return { oneThread, threaded };
}

describe('the threaded reader', () => {
  it('reads any file exactly as the one-thread reader does', async () => {
    await fc.assert(
      fc.asyncProperty(fileShape, fc.integer({ min: 1, max: 64 }), async (shape, blockBytes) => {
        const path = writeExport(shape);
        const { oneThread, threaded } = await bothReads(path, shape, blockBytes);
        expect('error' in oneThread).toBe(false);
        expect(threaded).toEqual(oneThread);
      }),
      { numRuns: 100 },
    );
  }, 240_000);

  const plain = (rows: string[]): FileShape => ({
    titles: ['Cases report'],
    rows,
    end: '\n',
    bom: false,
    encoding: 'utf-8',
    gzip: false,
    finalEnd: true,
  });
  const good = (count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => `c${from + i},2026-11-16 09:00:00,Acme,email,Q1,60`);

  it('names the line of a quoted field the file ends inside, as the one-thread reader does', async () => {
    // Title on line 1, header on 2, rows from 3: the broken row is on line 3 + 40 + 1 (after a two-line row).
    const rows = [...good(20), 'c20,2026-11-16 09:00:00,Acme,email,"two\nlines",60', ...good(20, 21)];
    const shape = plain([...rows, 'c99,2026-11-16 09:00:00,Acme,email,"never closed,60', ...good(5, 100)]);
    const { oneThread, threaded } = await bothReads(writeExport(shape), shape, 100);
    const brokenLine = 3 + rows.length + 1;
    expect(threaded).toEqual({
      error: `Line ${brokenLine}: a quoted field is opened and never closed (the file ends inside it).`,
    });
    expect(threaded).toEqual(oneThread);
  });

  it('names the line of a record over IMPORT_MAX_RECORD_BYTES in a middle block, as the one-thread reader does', async () => {
    const long = `c50,2026-11-16 09:00:00,Acme,email,"${'x\n'.repeat(bounds.maxRecordBytes)}",60`;
    const shape = plain([...good(50), long, ...good(50, 51)]);
    const { oneThread, threaded } = await bothReads(writeExport(shape), shape, 300);
    expect(threaded).toEqual({
      error:
        `Line ${3 + 50}: a row or field is longer than ${bounds.maxRecordBytes} characters ` +
        '(IMPORT_MAX_RECORD_BYTES).',
    });
    expect(threaded).toEqual(oneThread);
  });

  it('lets one import of the process parse with threads at a time: a second one waits for them', async () => {
    const shape = plain(good(200));
    const path = writeExport(shape);
    const format = await sniffExport(path, { headerRow: 2, encoding: 'utf-8' });
    const file = { path, format, document, compiled: compileForFile(document, format.headers, 'UTC'), timeZone: 'UTC' };
    const imports = { ...bounds, reconcileIntervalMs: 60_000, parallel: { minBytes: 0, threads: 1, blockBytes: 256 } };
    const first = (await stageExport(file, imports))[Symbol.asyncIterator]();
    const second = (await stageExport(file, imports))[Symbol.asyncIterator]();
    const events: string[] = [];
    expect((await first.next()).done).toBe(false);
    const secondsFirstPart = second.next().then((result) => {
      events.push('second read a part');
      return result;
    });
    // Long enough for the second import to start its own threads and read, were it not waiting.
    await delay(750);
    events.push('first ends');
    await first.return?.(undefined);
    expect((await secondsFirstPart).done).toBe(false);
    expect(events).toEqual(['first ends', 'second read a part']);
    let rowsRead = (await secondsFirstPart).value.rowsRead;
    for (let part = await second.next(); !part.done; part = await second.next()) rowsRead += part.value.rowsRead;
    expect(rowsRead).toBe(200);
  });

  it('fails every block once a thread has crashed', async () => {
    const crashing = await startStagingThreads(1);
    try {
      const block = { bytes: Buffer.from('a,b\n'), firstLine: 1, first: true, cutInsideRecord: false };
      // A block before its file's set-up is a bug the thread throws on: the thread dies.
      await expect(crashing.run({ kind: 'block', block })).rejects.toThrow(/before the file it belongs to/);
      await expect(crashing.run({ kind: 'block', block })).rejects.toThrow(/before the file it belongs to/);
    } finally {
      await crashing.close();
    }
  });
});
