/**
 * The import pipeline's one door to the mapping mechanism (packages/domain/src/mapping): compiling a
 * document against a file's header row, and the file options a document sets. The API and the worker both
 * compile through here, so an upload check, a dry run and the import agree.
 */
import type { CompiledMapping } from '@scorecard/domain/mapping/canonical';
import { compileMapping } from '@scorecard/domain/mapping/compile';
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import type { ExportEncoding } from './export-file.ts';

export type { MappingDocument } from '@scorecard/domain/mapping/document';

/** What the document fixes about the file; `auto` (or absent) leaves it to sniffing. */
export function fileOptionsOf(document: Pick<MappingDocument, 'file'>): {
  delimiter: string | undefined;
  encoding: ExportEncoding | undefined;
  headerRow: number | undefined;
} {
  const file = document.file ?? {};
  return {
    delimiter: file.delimiter === 'auto' ? undefined : file.delimiter,
    encoding: file.encoding === 'auto' ? undefined : file.encoding,
    headerRow: file.headerRow,
  };
}

/** `timeZone` is the import's source zone (the document's own `file.timeZone`, if set, is decided by compile). */
export function compileForFile(
  document: MappingDocument,
  headers: readonly string[],
  timeZone: string,
): CompiledMapping {
  return compileMapping(document, headers, { timeZone });
}
