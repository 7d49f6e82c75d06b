import type { FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useDraft } from '../../../lib/use-draft.ts';
import { useQualitySettings, useUpdateQualitySettings } from '../api/settings.ts';

/** The organisation's quality settings: the dispute window and whether vendors see internal reviewers. Admins only. */
export function QualitySettingsForm() {
  const query = useQualitySettings();
  const save = useUpdateQualitySettings();
  const [draft, setDraft] = useDraft(query);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (!draft) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="quality-settings-title">
      <h2 id="quality-settings-title">Quality reviews</h2>
      <fieldset disabled={save.isPending} style={{ border: 0, padding: 0, margin: 0 }}>
        <div className="grid-3">
          <div className="field">
            <label htmlFor="quality-dispute-window">Dispute window (days after the review)</label>
            <input
              id="quality-dispute-window"
              type="number"
              min={0}
              max={365}
              step={1}
              required
              value={draft.disputeWindowDays}
              onChange={(e) => setDraft({ ...draft, disputeWindowDays: Number(e.target.value) })}
            />
            <span className="hint">A vendor user may dispute an internal review until this many days after it.</span>
          </div>
          <div className="field">
            <label htmlFor="quality-reviewers-shown">
              <input
                id="quality-reviewers-shown"
                type="checkbox"
                checked={draft.reviewersShownToVendors}
                onChange={(e) => setDraft({ ...draft, reviewersShownToVendors: e.target.checked })}
              />{' '}
              Show internal reviewers’ names to vendor users
            </label>
            <span className="hint">Off: vendor users see an internal review without the reviewer’s name.</span>
          </div>
        </div>
        <p>
          <button type="submit" className="button primary">
            Save quality settings
          </button>
        </p>
      </fieldset>
      {save.isSuccess ? (
        <p role="status" className="hint">
          Saved.
        </p>
      ) : null}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
    </form>
  );
}
