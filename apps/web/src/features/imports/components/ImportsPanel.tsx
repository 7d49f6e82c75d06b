import { useState } from 'react';
import { intParam, useSearchState } from '../../../lib/search-params.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { UploadForm } from './UploadForm.tsx';

/** Upload, the selected import's live progress (its id in the URL), and the history. */
export function ImportsPanel() {
  const [params, update] = useSearchState();
  const selected = params.has('import') ? intParam(params, 'import', 0) || null : null;
  const [estimates, setEstimates] = useState<Record<number, number | null>>({});
  return (
    <>
      <UploadForm
        onAccepted={(accepted, rows) => {
          setEstimates((current) => ({ ...current, [accepted.id]: rows }));
          update({ import: accepted.id });
        }}
      />
      {selected ? <ImportProgress key={selected} id={selected} estimatedRows={estimates[selected] ?? null} /> : null}
      <ImportHistory
        offset={intParam(params, 'offset', 0)}
        onOffset={(offset) => update({ offset })}
        selected={selected}
      />
    </>
  );
}
