/**
 * Imports read by worker threads (every file counts as large here, and blocks are a few hundred bytes, so a file
 * is cut in many places, many of them inside quoted fields): a messy file is accounted for row by row, its
 * rejects named by the lines this test counted as it wrote the file, and a broken file fails naming its line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../../test/harness.ts';
import type { Caller } from '../../../../test/http.ts';
import { TEAM_MAPPING, upload, waitForImport } from '../../../../test/imports.ts';
import { startImportFixture, type ImportFixture } from './imports.testing.ts';

const MAX_RECORD_BYTES = 2048;
const mapping = JSON.stringify({
  ...TEAM_MAPPING,
  file: { headerRow: 2 },
  skip: [{ column: 'queue', in: ['SKIP'] }],
});
const HEADER = 'id,created,team,channel,queue';

let fixture: ImportFixture;
let database: TestDatabase;
let ops: Caller;

beforeAll(async () => {
  fixture = await startImportFixture({
    IMPORT_PARALLEL_MIN_BYTES: '0',
    IMPORT_PARALLEL_BLOCK_BYTES: '300',
    IMPORT_PARALLEL_THREADS: '2',
    IMPORT_MAX_RECORD_BYTES: String(MAX_RECORD_BYTES),
  });
  ({ database, ops } = fixture);
});
afterAll(async () => {
  await fixture?.close();
});

/** A CRLF file with a title row; `rows` may hold `\n`, written as CRLF. Each row's line is counted as it is written. */
function writeFile(rows: string[]): { content: string; lines: number[] } {
  const lines: number[] = [];
  let line = 3;
  for (const row of rows) {
    lines.push(line);
    line += 1 + row.split('\n').length - 1;
  }
  const content = ['Cases export, week 47', HEADER, ...rows].join('\r\n').replaceAll(/(?<!\r)\n/g, '\r\n') + '\r\n';
  return { content, lines };
}

async function importFile(content: string) {
  const response = await upload(ops, { name: 'messy.csv', content }, { mapping });
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(ops, (response.json() as { id: number }).id, 60_000);
}

const created = (i: number) => `2026-11-${String(16 + (i % 5)).padStart(2, '0')} 09:00:00`;

describe('an import read by worker threads', () => {
  it('accounts for every row of a messy file and names each reject by its line', async () => {
    const rows: string[] = [];
    const kinds: ('good' | 'reject' | 'skip' | 'blank')[] = [];
    const ids: string[] = [];
    // The queue each id's last good row gives it (that row replaces the earlier ones).
    const lastQueue = new Map<string, string>();
    for (let i = 0; i < 400; i += 1) {
      const id = `m${i % 170}`; // ids repeat: later rows replace earlier ones
      const kind = i % 11 === 3 ? 'reject' : i % 13 === 5 ? 'skip' : i % 17 === 7 ? 'blank' : 'good';
      kinds.push(kind);
      if (kind === 'blank') rows.push('');
      else if (kind === 'skip') rows.push(`${id},${created(i)},Acme,email,SKIP`);
      else if (kind === 'reject') {
        rows.push(i % 2 ? `${id},${created(i)},Acme,fax,"Fax\nline"` : `${id},${created(i)},Acme`);
      } else {
        ids.push(id);
        lastQueue.set(id, `Queue "${i % 7}",\r\n${'part,\r\n'.repeat(i % 3)}end`);
        // Quoted queues over one to three lines, with quotes and commas, so many cuts fall inside them.
        rows.push(`${id},${created(i)},Acme,email,"Queue ""${i % 7}"",\n${'part,\n'.repeat(i % 3)}end"`);
      }
    }
    const { content, lines } = writeFile(rows);
    const rejectLines = lines.filter((_, i) => kinds[i] === 'reject');
    const skipped = kinds.filter((kind) => kind === 'skip').length;
    const loaded = new Set(ids).size;

    const view = await importFile(content);
    expect(view).toMatchObject({
      status: 'succeeded',
      rowsRead: 400 - kinds.filter((kind) => kind === 'blank').length,
      rowsLoaded: loaded,
      rowsReplaced: ids.length - loaded,
      rowsSkipped: skipped,
      rowsRejected: rejectLines.length,
      error: null,
    });
    const { rowsRead, rowsLoaded, rowsReplaced, rowsSkipped, rowsRejected } = view as unknown as Record<string, number>;
    expect(rowsLoaded! + rowsReplaced! + rowsSkipped! + rowsRejected!).toBe(rowsRead);
    const rejects = (await ops.get(`/api/imports/${view.id}/rejects?limit=500`)).json() as {
      items: { line: number }[];
    };
    expect(rejects.items.map((reject) => reject.line)).toEqual(rejectLines);
    const queues = await database.db.selectFrom('cases').select(['external_id', 'queue']).execute();
    expect(new Map(queues.map((c) => [c.external_id, c.queue]))).toEqual(lastQueue);
  });

  it('fails a file that ends inside a quoted field, naming the line the field starts on', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `u${i},${created(i)},Acme,email,"Q\n${i}"`);
    const { content, lines } = writeFile([
      ...rows,
      `u60,${created(60)},Acme,email,"never closed`,
      'u61,x,Acme,email,Q',
    ]);
    const view = await importFile(content);
    expect(view.status).toBe('failed');
    expect(view.error).toBe(
      `The file could not be read to the end: Line ${lines[60]}: a quoted field is opened and never closed ` +
        '(the file ends inside it).',
    );
  });

  it('fails a file with a record over IMPORT_MAX_RECORD_BYTES in a middle block, naming its line', async () => {
    const before = Array.from({ length: 40 }, (_, i) => `v${i},${created(i)},Acme,email,"Q\n${i}"`);
    const long = `v40,${created(40)},Acme,email,"${'long\n'.repeat(MAX_RECORD_BYTES / 4)}"`;
    const after = Array.from({ length: 40 }, (_, i) => `v${41 + i},${created(i)},Acme,email,Q`);
    const { content, lines } = writeFile([...before, long, ...after]);
    const view = await importFile(content);
    expect(view.status).toBe('failed');
    expect(view.error).toBe(
      `The file could not be read to the end: Line ${lines[40]}: a row or field is longer than ${MAX_RECORD_BYTES} ` +
        'characters (IMPORT_MAX_RECORD_BYTES).',
    );
  });
});
