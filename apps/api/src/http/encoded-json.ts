/**
 * JSON bodies serialised and compressed once, then sent as bytes to every request that asks for them: what the
 * API caches under a serving generation (docs/metrics.md "Serving"). A scorecard is ~19 KB of JSON; writing it
 * per request costs more than the rest of the request, and every browser accepts brotli (~6× smaller here)
 * and gzip. Compressing at the highest settings is affordable because it happens once per generation.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// Below this a compressed body's own overhead outweighs what it saves.
const MIN_COMPRESS_BYTES = 1024;

export type Coding = 'br' | 'gzip';
/** The server's preference when the client accepts both equally. */
const CODINGS: readonly Coding[] = ['br', 'gzip'];

export interface EncodedJson {
  identity: Buffer;
  /** Null when the body is too small to be worth compressing. */
  compressed: Record<Coding, Buffer> | null;
}

/** `json` is already serialised (by the route's response schema: `reply.serialize`). */
export async function encodeJson(json: ReturnType<FastifyReply['serialize']>): Promise<EncodedJson> {
  const identity =
    typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.isBuffer(json) ? json : Buffer.from(json);
  if (identity.length < MIN_COMPRESS_BYTES) return { identity, compressed: null };
  const [br, gz] = await Promise.all([
    brotliAsync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzipAsync(identity, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { identity, compressed: { br, gzip: gz } };
}

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3): of brotli and gzip, the one with the
 * highest q-value above zero (`x-gzip` counts as gzip, `*` stands for any coding not named), brotli on a tie;
 * null when the client accepts neither (or sent no header: identity).
 */
export function preferredCoding(header: string | undefined): Coding | null {
  if (!header) return null;
  let coding = chosen.get(header);
  if (coding === undefined) {
    coding = chooseCoding(header);
    // Clients send a handful of distinct headers; a bound keeps odd ones from piling up.
    if (chosen.size >= 1_000) chosen.clear();
    chosen.set(header, coding);
  }
  return coding;
}

const chosen = new Map<string, Coding | null>();

function chooseCoding(header: string): Coding | null {
  const named = new Map<string, number>();
  let wildcard: number | undefined;
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2)) || 0;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    if (coding === '*') wildcard = weight;
    else named.set(coding, Math.max(named.get(coding) ?? 0, weight));
  }
  let best: Coding | null = null;
  let bestWeight = 0;
  for (const coding of CODINGS) {
    const weight = named.get(coding) ?? wildcard ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  return best;
}

/** Sends the body in the coding the client prefers among those it accepts, plain otherwise. */
export function sendEncodedJson(request: FastifyRequest, reply: FastifyReply, body: EncodedJson): FastifyReply {
  reply.header('content-type', 'application/json; charset=utf-8');
  if (body.compressed === null) return reply.send(body.identity);
  reply.header('vary', 'accept-encoding');
  const coding = preferredCoding(request.headers['accept-encoding']);
  if (coding === null) return reply.send(body.identity);
  return reply.header('content-encoding', coding).send(body.compressed[coding]);
}
