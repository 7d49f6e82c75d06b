/**
 * Cells of COPY text-format lines (tab-separated, `\N` for null, backslash escapes), shared by the case and
 * the review staging tables so both encode a value the same way.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function text(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

export function opt(value: string | null): string {
  return value === null ? '\\N' : text(value);
}

export function num(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

export function bool(value: boolean | null): string {
  return value === null ? '\\N' : value ? 't' : 'f';
}

export function time(value: Date | null): string {
  return value === null ? '\\N' : value.toISOString();
}
