/**
 * S3-compatible bucket: every object under `prefix` whose name (after the prefix) matches `pattern` is imported
 * once, identified by its key and ETag (a rewritten object has a new ETag and is imported again). Path-style
 * requests, so MinIO and other S3-compatible servers work without bucket DNS names.
 */
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import path from 'node:path/posix';
import { Readable } from 'node:stream';
import { findItem } from '@scorecard/db/sources/sources';
import { S3Secrets, S3Settings } from '@scorecard/domain/sources/kinds';
import picomatch from 'picomatch';
import { importPulledFile } from './import-pulled.ts';
import type { PullContext, PullCounts } from './pull.ts';
import { readSecrets, readSettings } from './secrets.ts';
import { storeStream } from './stored-file.ts';

export async function pullS3(context: PullContext, counts: PullCounts): Promise<void> {
  const { source, config } = context;
  const settings = readSettings(source, S3Settings);
  const secrets = readSecrets(config, source, S3Secrets);
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey },
    maxAttempts: 3,
  });
  try {
    const matches = picomatch(settings.pattern);
    const objects: { key: string; etag: string; modified: number }[] = [];
    for await (const page of paginateListObjectsV2({ client }, { Bucket: settings.bucket, Prefix: settings.prefix })) {
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/') || !matches(object.Key.slice(settings.prefix.length))) continue;
        objects.push({ key: object.Key, etag: object.ETag ?? '', modified: object.LastModified?.getTime() ?? 0 });
      }
    }
    objects.sort((a, b) => a.modified - b.modified || a.key.localeCompare(b.key));
    for (const object of objects) {
      counts.itemsFound += 1;
      const itemKey = `${object.key}|${object.etag}`;
      if (await findItem(context.db, source.id, itemKey)) continue;
      const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: object.key }));
      if (!(answer.Body instanceof Readable)) throw new Error(`GetObject ${object.key} returned no stream.`);
      const stored = await storeStream(config.uploads.dir, path.basename(object.key), answer.Body);
      const outcome = await importPulledFile(context, source, itemKey, stored);
      if (outcome.kind !== 'taken') counts.importsCreated += 1;
    }
  } finally {
    client.destroy();
  }
}
