/**
 * The file's first rows as the user wrote them, read in the browser from the first 64 KB (the dry run
 * returns headers and normalised rows, not raw cells). Quote-aware; gzip files are decompressed.
 */
const HEAD_BYTES = 65_536;

export async function readFirstRows(
  file: File,
  options: { gzip: boolean; delimiter: string; headerRow: number },
  count: number,
): Promise<string[][]> {
  let text: string;
  if (options.gzip) {
    const stream = file.stream().pipeThrough(new DecompressionStream('gzip'));
    const reader = stream.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    text = new TextDecoder().decode(value?.slice(0, HEAD_BYTES));
  } else text = await file.slice(0, HEAD_BYTES).text();
  const rows = parseCsv(text, options.delimiter);
  // The last row may be cut by the 64 KB window, so it is never shown.
  return rows.slice(options.headerRow, Math.min(options.headerRow + count, rows.length - 1));
}

function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  row.push(cell);
  rows.push(row);
  return rows;
}
