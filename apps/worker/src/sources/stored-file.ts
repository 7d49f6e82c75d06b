/**
 * A pulled file written to the upload folder while it is hashed, as an upload is: the import pipeline reads
 * every file from there. Never leaves a partial file behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  fileName: string;
  storedPath: string;
  bytes: number;
  sha256: string;
}

export async function storeStream(dir: string, fileName: string, source: Readable): Promise<StoredFile> {
  await mkdir(dir, { recursive: true });
  const storedPath = path.resolve(dir, `${randomUUID()}.pulled`);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(storedPath));
  } catch (error) {
    await rm(storedPath, { force: true });
    throw error;
  }
  return { fileName, storedPath, bytes, sha256: hash.digest('hex') };
}
