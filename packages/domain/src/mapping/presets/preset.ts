/** A built-in preset: a named, versioned mapping document for one help desk's export format. */
import type { Source } from '../canonical.ts';
import type { ColumnSource, MappingDocument } from '../document.ts';

export interface Preset {
  /** Stable key an import records (with the version) and a user passes to force the format. */
  key: string;
  name: string;
  /** Bumped whenever the document changes, so past imports stay traceable to what they used. */
  version: number;
  source: Source;
  description: string;
  document: MappingDocument;
}

/** A column reference; `optional` columns may be absent from an export without refusing the file. */
export function column(name: string, options: Omit<ColumnSource, 'kind' | 'column'> = {}): ColumnSource {
  return { kind: 'column', column: name, ...options };
}

export function optionalColumn(
  name: string,
  options: Omit<ColumnSource, 'kind' | 'column' | 'optional'> = {},
): ColumnSource {
  return { kind: 'column', column: name, optional: true, ...options };
}
