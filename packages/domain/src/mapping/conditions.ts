/** The document's conditions (`when` per field, `skip` per row), compiled to index lookups once per file. */
import type { Condition } from './document.ts';
import { cellReader, type ReaderContext } from './readers.ts';

export type RowTest = (cells: readonly string[]) => boolean;

/** True where the cell (trimmed, case-insensitive, after the file's nulls) is one of the condition's values. */
export function compileCondition(condition: Condition, context: ReaderContext): RowTest {
  const read = cellReader({ kind: 'column', column: condition.column }, context);
  const values = new Set(condition.in.map((value) => value.trim().toLowerCase()));
  return (cells) => {
    const value = read(cells);
    return value !== null && values.has(value.toLowerCase());
  };
}

export function describeCondition(condition: Condition): string {
  return `${condition.column} is ${condition.in.join(' or ')}`;
}
