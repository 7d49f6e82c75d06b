/**
 * One form version. A draft opens in the editor (ops) with Save and Publish; a published version is shown
 * frozen, with "start the next version" (a draft copied from it).
 */
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCan } from '../../../lib/session.ts';
import { useForm, useNewFormVersion, usePublishForm, useUpdateForm, type QualityForm } from '../api/forms.ts';
import { FormEditor } from './FormEditor.tsx';
import { answerText, KIND_LABELS, rootCauseLabel, SCALE_LABELS } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';

export default function FormPage() {
  const id = Number(useParams().id);
  const form = useForm(id);
  const canEdit = useCan('ops');
  return (
    <section className="page" aria-labelledby="form-title">
      <header className="page-header">
        <div>
          <h1 id="form-title">{form.data ? `${form.data.content.name} v${form.data.version}` : 'Review form'}</h1>
          {form.data ? (
            <p className="lede">
              {KIND_LABELS[form.data.content.kind]} ·{' '}
              {form.data.status === 'published'
                ? `published ${formatDateTime(form.data.publishedAt)}, frozen`
                : 'draft'}
            </p>
          ) : null}
        </div>
      </header>
      <QualityTabs />
      {form.isPending ? (
        <Loading />
      ) : form.isError ? (
        <ErrorMessage error={form.error} />
      ) : form.data.status === 'draft' && canEdit ? (
        <DraftEditor form={form.data} />
      ) : (
        <PublishedForm form={form.data} canEdit={canEdit} />
      )}
    </section>
  );
}

function DraftEditor({ form }: { form: QualityForm }) {
  const update = useUpdateForm(form.id);
  const publish = usePublishForm();
  return (
    <>
      <FormEditor
        initial={form.content}
        saving={update.isPending}
        error={update.error}
        saveLabel="Save draft"
        onSave={(content) => update.mutate(content)}
      />
      <section className="card" aria-labelledby="publish-title">
        <h2 id="publish-title">Publish</h2>
        <p className="hint">
          Publishing freezes this version: reviews are made on it from then on, and edits need a new version. Unsaved
          changes above are not published.
        </p>
        {update.isSuccess ? <p className="hint">Draft saved.</p> : null}
        {publish.isError ? <ErrorMessage error={publish.error} /> : null}
        <button
          type="button"
          className="button primary"
          disabled={publish.isPending}
          onClick={() => publish.mutate(form.id)}
        >
          Publish version {form.version}
        </button>
      </section>
    </>
  );
}

function PublishedForm({ form, canEdit }: { form: QualityForm; canEdit: boolean }) {
  const next = useNewFormVersion();
  const navigate = useNavigate();
  return (
    <>
      <section className="card">
        <p className="formula" data-testid="form-rule">
          {form.rule}
        </p>
        {form.content.sections.map((section) => (
          <div key={section.key} className="section">
            <h2>
              {section.title} <span className="role">weight {section.weight}</span>
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Scale</th>
                  <th scope="col">N/A</th>
                  <th scope="col">Critical</th>
                  <th scope="col">Root causes</th>
                </tr>
              </thead>
              <tbody>
                {section.criteria.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">
                      {c.title} <code>{c.key}</code>
                    </th>
                    <td>
                      {SCALE_LABELS[c.scale]} ({answerText(c.scale === 'pass_fail' ? 0 : 1, c.scale)} …{' '}
                      {answerText(c.scale === 'pass_fail' ? 1 : Number(c.scale.slice(7)), c.scale)})
                    </td>
                    <td>{c.allowNa ? 'allowed' : 'no'}</td>
                    <td>{c.critical ? 'yes: failing it is a fatal error' : 'no'}</td>
                    <td>{c.rootCauses.map(rootCauseLabel).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      {canEdit ? (
        <div className="toolbar">
          {next.isError ? <ErrorMessage error={next.error} /> : null}
          <button
            type="button"
            className="button"
            disabled={next.isPending}
            onClick={() => next.mutate(form.id, { onSuccess: (draft) => void navigate(`/quality/forms/${draft.id}`) })}
          >
            Start the next version
          </button>
        </div>
      ) : null}
    </>
  );
}
