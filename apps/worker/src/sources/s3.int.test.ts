/**
 * S3-compatible sources against a loopback HTTP server speaking ListObjectsV2 (paged with continuation tokens)
 * and GetObject, path-style, as MinIO does: objects under the prefix matching the pattern are imported once per
 * ETag, through the import pipeline; a rewritten object (new ETag) is imported again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '@scorecard/config';
import { insertSource, storeSealedSecret } from '@scorecard/db/sources/sources';
import { sealSecret } from '@scorecard/domain/sources/secret-box';
import { enqueue } from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { waitForImportsSettled, waitForRuns, zendeskCsv, type TicketRow } from '../../../../test/sources.ts';
import { startWorkers, type WorkerRuntime } from '../runtime.ts';

const BUCKET = 'bpo-exports';
const PAGE_KEYS = 2;
const objects = new Map<string, { body: string; modified: Date }>();
const requests: { method: string; path: string; authorization: string }[] = [];

const etag = (body: string) => `"${createHash('md5').update(body).digest('hex')}"`;
const xml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function listXml(prefix: string, token: string | null): string {
  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  const start = token ? Number(token) : 0;
  const page = keys.slice(start, start + PAGE_KEYS);
  const truncated = start + PAGE_KEYS < keys.length;
  const contents = page
    .map((key) => {
      const o = objects.get(key)!;
      return `<Contents><Key>${xml(key)}</Key><LastModified>${o.modified.toISOString()}</LastModified><ETag>${xml(etag(o.body))}</ETag><Size>${Buffer.byteLength(o.body)}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `<Name>${BUCKET}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${PAGE_KEYS}</MaxKeys>` +
    `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextContinuationToken>${start + PAGE_KEYS}</NextContinuationToken>` : ''}` +
    `${contents}</ListBucketResult>`
  );
}

let server: Server;
let endpoint: string;
let database: TestDatabase;
let config: Config;
let worker: WorkerRuntime;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://s3');
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      authorization: request.headers.authorization ?? '',
    });
    const [, bucket, ...rest] = url.pathname.split('/');
    if (bucket !== BUCKET) return response.writeHead(404).end();
    if (rest.join('/') === '' && url.searchParams.get('list-type') === '2') {
      const body = listXml(url.searchParams.get('prefix') ?? '', url.searchParams.get('continuation-token'));
      return response.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    }
    const object = objects.get(decodeURIComponent(rest.join('/')));
    if (!object) {
      const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>';
      return response.writeHead(404, { 'content-type': 'application/xml' }).end(body);
    }
    response
      .writeHead(200, {
        'content-type': 'text/csv',
        'content-length': Buffer.byteLength(object.body),
        etag: etag(object.body),
        'last-modified': object.modified.toUTCString(),
      })
      .end(object.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  config = testConfig(database.url, { SOURCE_SECRET_KEY: randomBytes(32).toString('base64') });
  worker = startWorkers(config);
});
afterAll(async () => {
  await worker?.close();
  await database?.drop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const tickets = (prefix: string, n: number): TicketRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    group: 'Acme',
    via: 'Mail',
    createdAt: `2026-11-${String(16 + i).padStart(2, '0')} 09:00:00`,
    solvedAt: '',
    score: '',
  }));

it('imports each matching object under the prefix once per ETag, listing every page', async () => {
  const a = tickets('A', 3);
  const b = tickets('B', 2);
  const c = tickets('C', 4);
  objects.set('exports/2026-11-16.csv', { body: zendeskCsv(a), modified: new Date('2026-11-16T01:00:00Z') });
  objects.set('exports/2026-11-17.csv', { body: zendeskCsv(b), modified: new Date('2026-11-17T01:00:00Z') });
  objects.set('exports/readme.txt', { body: 'not an export', modified: new Date('2026-11-15T01:00:00Z') });
  objects.set('exports/2026-11-18.csv', { body: zendeskCsv(c), modified: new Date('2026-11-18T01:00:00Z') });
  objects.set('elsewhere/x.csv', { body: zendeskCsv(tickets('X', 1)), modified: new Date('2026-11-18T01:00:00Z') });

  const row = await insertSource(database.db, {
    name: 'Bucket',
    kind: 's3',
    settings: JSON.stringify({ endpoint, region: 'us-east-1', bucket: BUCKET, prefix: 'exports/', pattern: '*.csv' }),
    preset_key: 'zendesk',
    time_zone: 'UTC',
    cron: '0 * * * *',
    schedule_time_zone: 'UTC',
    enabled: true,
  });
  const secrets = { accessKeyId: 'AKIDSCORECARD', secretAccessKey: 'wJalrXUtnFEMI' };
  await storeSealedSecret(database.db, row.id, sealSecret(config.sources.secretKey!, row.id, JSON.stringify(secrets)));

  await enqueue(worker.queues, 'pull-source', { sourceId: row.id, trigger: 'manual' });
  const [run] = await waitForRuns(database.db, row.id, 1);
  expect(run).toMatchObject({ status: 'succeeded', items_found: 3, imports_created: 3, error: null });
  await waitForImportsSettled(database.db);
  const ids = (await database.db.selectFrom('cases').select('external_id').execute()).map((r) => r.external_id);
  expect(ids.sort()).toEqual([...a, ...b, ...c].map((t) => t.id).sort());
  // Path-style requests, signed with the stored key.
  expect(requests.every((r) => r.path.startsWith(`/${BUCKET}`))).toBe(true);
  expect(requests.every((r) => r.authorization.includes('Credential=AKIDSCORECARD/'))).toBe(true);
  expect(requests.filter((r) => r.path === `/${BUCKET}` || r.path === `/${BUCKET}/`).length).toBeGreaterThanOrEqual(2);

  // Unchanged objects are not fetched again; a rewritten one (new ETag) is imported again.
  const b2 = [...b, ...tickets('B2', 2)];
  objects.set('exports/2026-11-17.csv', { body: zendeskCsv(b2), modified: new Date('2026-11-19T01:00:00Z') });
  const before = requests.filter((r) => r.path.endsWith('.csv')).length;
  await enqueue(worker.queues, 'pull-source', { sourceId: row.id, trigger: 'schedule' });
  const runs = await waitForRuns(database.db, row.id, 2);
  expect(runs[1]).toMatchObject({ status: 'succeeded', items_found: 3, imports_created: 1 });
  expect(requests.filter((r) => r.path.endsWith('.csv')).length - before).toBe(1);
  await waitForImportsSettled(database.db);
  const count = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(count.n)).toBe(a.length + b2.length + c.length);
});
