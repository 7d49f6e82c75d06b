/**
 * Estimates a file's data rows in the browser (line breaks minus the header) so the progress bar can show
 * a fraction of rows read. Gzip files are counted through DecompressionStream. An estimate only: quoted
 * line breaks inside cells make it high, which keeps the bar short of 100 % until the import ends.
 */
export async function estimateDataRows(file: File): Promise<number | null> {
  try {
    let stream: ReadableStream<Uint8Array> = file.stream();
    if (file.name.endsWith('.gz') || file.type === 'application/gzip') {
      stream = stream.pipeThrough(
        new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
      );
    }
    const reader = stream.getReader();
    let lines = 0;
    let last = 10;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.length; i += 1) if (value[i] === 10) lines += 1;
      if (value.length) last = value[value.length - 1]!;
    }
    if (last !== 10) lines += 1;
    return Math.max(0, lines - 1);
  } catch {
    return null;
  }
}
