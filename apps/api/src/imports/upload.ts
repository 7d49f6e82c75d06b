/**
 * Reads an import upload (multipart: optional text fields, then the `file` part) and streams the file to
 * the upload folder while hashing it, never holding it in memory. Shared by the import and the dry run.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../http/problems.ts';

export interface StoredUpload {
  fileName: string;
  storedPath: string;
  bytes: number;
  sha256: string;
  /** Text fields sent before the file part. */
  fields: Record<string, string>;
}

const FIELD_NAMES = new Set(['kind', 'preset', 'timeZone', 'mapping', 'rows']);

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Never leaves a partial file behind: on any error (too large, aborted) the stored file is removed.
 * Throws Problem 413 past `maxBytes`, 415 when the request is not multipart, 400 without a file part, for a
 * malformed body (no or wrong boundary, truncated) and for a file name with control characters (NUL).
 */
export async function receiveUpload(request: FastifyRequest, dir: string, maxBytes: number): Promise<StoredUpload> {
  if (!request.isMultipart())
    throw new Problem('unsupported-media-type', 'Send the file as multipart/form-data with a "file" part.');
  try {
    return await receiveParts(request, dir, maxBytes);
  } catch (error) {
    throw asMalformed(error);
  }
}

/** A parser error of the multipart body (busboy's own, without a status) is the client's: 400 naming it. */
function asMalformed(error: unknown): unknown {
  if (error instanceof Problem || !(error instanceof Error)) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' || 'syscall' in error) return error;
  return new Problem('bad-request', `The multipart/form-data body is malformed: ${error.message}.`);
}

async function receiveParts(request: FastifyRequest, dir: string, maxBytes: number): Promise<StoredUpload> {
  const fields: Record<string, string> = {};
  for await (const part of request.parts({
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 * 1024 },
  })) {
    if (part.type === 'field') {
      if (!FIELD_NAMES.has(part.fieldname)) {
        throw new Problem(
          'bad-request',
          `Unknown field "${part.fieldname}"; expected ${[...FIELD_NAMES].join(', ')} and file.`,
        );
      }
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file')
      throw new Problem('bad-request', `The file part must be named "file", not "${part.fieldname}".`);
    if (CONTROL_CHARACTER.test(part.filename))
      throw new Problem('bad-request', 'The file name contains a control character (such as NUL); rename the file.');
    await mkdir(dir, { recursive: true });
    const storedPath = path.resolve(dir, `${randomUUID()}.upload`);
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
      await pipeline(part.file, tap, createWriteStream(storedPath));
      if (part.file.truncated) throw tooLarge(maxBytes);
    } catch (error) {
      await rm(storedPath, { force: true });
      if (error instanceof Problem) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
      throw error;
    }
    return { fileName: part.filename || 'upload.csv', storedPath, bytes, sha256: hash.digest('hex'), fields };
  }
  throw new Problem('bad-request', 'The request has no "file" part.');
}

function tooLarge(maxBytes: number): Problem {
  return new Problem('payload-too-large', `The file is larger than the upload limit of ${maxBytes} bytes.`, {
    maxBytes,
  });
}
