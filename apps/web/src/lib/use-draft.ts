import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A form's editable copy of a query's data: null until the data first arrives, then replaced by the server's data
 * whenever that changes (the refetch after a save, a change made elsewhere), so a form never edits a stale document.
 */
export function useDraft<T>(query: { data: T | undefined }): [T | null, Dispatch<SetStateAction<T | null>>] {
  const [draft, setDraft] = useState<T | null>(null);
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  return [draft, setDraft];
}
