/** The Sources page: where exports are pulled from on a schedule (composes sources with the import presets). */
import { useState } from 'react';
import { usePresets } from '../../features/imports/api/get-presets.ts';
import { SourceDetailPanel } from '../../features/sources/components/SourceDetailPanel.tsx';
import { SourceForm } from '../../features/sources/components/SourceForm.tsx';
import { SourcesList } from '../../features/sources/components/SourcesList.tsx';

export default function SourcesRoute() {
  const presets = usePresets();
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <section className="page" aria-labelledby="sources-title">
      <header className="page-header">
        <div>
          <h1 id="sources-title">Sources</h1>
          <p className="lede">
            Exports pulled from SFTP, S3 or Zendesk on a schedule; each file or page becomes an import.
          </p>
        </div>
      </header>
      <SourcesList selected={selected} onSelect={setSelected} />
      {selected !== null ? <SourceDetailPanel id={selected} /> : null}
      <SourceForm presets={presets.data ?? []} onCreated={setSelected} />
    </section>
  );
}
