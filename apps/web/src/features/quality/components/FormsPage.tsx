/** Review forms: every version, its status and its scoring rule in words; ops start drafts from here. */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCan } from '../../../lib/session.ts';
import { useForms } from '../api/forms.ts';
import { KIND_LABELS } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';

export default function FormsPage() {
  const forms = useForms();
  const canEdit = useCan('ops');
  return (
    <section className="page" aria-labelledby="forms-title">
      <header className="page-header">
        <div>
          <h1 id="forms-title">Review forms</h1>
          <p className="lede">Versioned and frozen once published, so an old review is never rescored by an edit.</p>
        </div>
        {canEdit ? (
          <div className="toolbar">
            <Link className="button primary" to="/quality/forms/new">
              New form
            </Link>
          </div>
        ) : null}
      </header>
      <QualityTabs />
      <section className="card">
        {forms.isPending ? (
          <Loading label="Loading forms…" />
        ) : forms.isError ? (
          <ErrorMessage error={forms.error} onRetry={() => void forms.refetch()} />
        ) : forms.data.length === 0 ? (
          <Empty title="No review forms yet">{canEdit ? 'Start one with “New form”.' : null}</Empty>
        ) : (
          <div className="table-scroll">
            <table data-testid="forms-table">
              <thead>
                <tr>
                  <th scope="col">Form</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Criteria</th>
                  <th scope="col">Scoring rule</th>
                </tr>
              </thead>
              <tbody>
                {forms.data.map((f) => (
                  <tr key={f.id} data-form-key={f.key}>
                    <th scope="row">
                      <Link to={`/quality/forms/${f.id}`}>{f.content.name}</Link>
                      <span className="sub-line">
                        <code>{f.key}</code>
                      </span>
                    </th>
                    <td>{KIND_LABELS[f.content.kind]}</td>
                    <td>v{f.version}</td>
                    <td>
                      {f.status === 'published' ? (
                        <span className="badge badge-succeeded">published {formatDateTime(f.publishedAt)}</span>
                      ) : (
                        <span className="badge badge-partial">draft</span>
                      )}
                    </td>
                    <td className="num">{f.content.sections.reduce((n, s) => n + s.criteria.length, 0)}</td>
                    <td className="why">{f.rule}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
