/** A column header that sorts: a real button inside the <th>, with aria-sort on the header. */
import type { ReactNode } from 'react';

export type SortOrder = 'asc' | 'desc';

export function SortHeader({
  column,
  sort,
  order,
  onSort,
  children,
  className,
}: {
  column: string;
  sort: string | null;
  order: SortOrder;
  onSort: (column: string, order: SortOrder) => void;
  children: ReactNode;
  className?: string;
}) {
  const active = sort === column;
  const next: SortOrder = active && order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" className={className} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(column, next)}>
        {children}
        <span className="sort-icon" aria-hidden="true">
          {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
