/**
 * One case from the quality side: its facts beside the review form, and the reviews it already has. Staff
 * record internal reviews; a vendor user records its own QA's review of its own vendor's case.
 */
import { useParams } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useSearchState } from '../../../lib/search-params.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useForms } from '../api/forms.ts';
import { useCaseFacts, useReviews } from '../api/reviews.ts';
import { CaseFactsPanel } from './CaseFactsPanel.tsx';
import { QualityTabs } from './QualityTabs.tsx';
import { ReviewForm } from './ReviewForm.tsx';
import { ReviewsTable } from './ReviewsTable.tsx';

export default function CaseReviewPage() {
  const caseId = Number(useParams().caseId);
  const facts = useCaseFacts(caseId);
  const reviews = useReviews({ caseId });
  const user = useSessionUser();
  const mayReview = user?.role === 'admin' || user?.role === 'ops' || user?.role === 'vendor';
  return (
    <section className="page" aria-labelledby="case-review-title">
      <header className="page-header">
        <div>
          <h1 id="case-review-title">Review a case</h1>
          <p className="lede">
            {user?.role === 'vendor'
              ? "Your QA's review of the case, beside what the case shows."
              : 'An internal QA review, scored on a published form beside what the case shows.'}
          </p>
        </div>
      </header>
      <QualityTabs />
      {facts.isPending ? (
        <Loading label="Loading the case…" />
      ) : facts.isError ? (
        <ErrorMessage error={facts.error} />
      ) : (
        <div className="review-layout">
          <CaseFactsPanel facts={facts.data} />
          <div>
            {mayReview ? <FormPicker caseId={caseId} /> : null}
            <section className="card" aria-labelledby="case-reviews-title">
              <h2 id="case-reviews-title">Reviews of this case</h2>
              {reviews.isPending ? (
                <Loading />
              ) : reviews.isError ? (
                <ErrorMessage error={reviews.error} />
              ) : reviews.data.length === 0 ? (
                <Empty title="Not reviewed yet" />
              ) : (
                <ReviewsTable reviews={reviews.data} caption="Reviews of this case" />
              )}
            </section>
          </div>
        </div>
      )}
    </section>
  );
}

/** The newest published version of each form; `?formId=` (from a sampling plan) preselects one. */
function FormPicker({ caseId }: { caseId: number }) {
  const forms = useForms();
  const [params, update] = useSearchState();
  if (forms.isPending) return <Loading label="Loading forms…" />;
  if (forms.isError) return <ErrorMessage error={forms.error} />;
  const published = forms.data.filter((f) => f.status === 'published');
  const newest = published.filter((f) => !published.some((o) => o.key === f.key && o.version > f.version));
  if (newest.length === 0) {
    return <Empty title="No published form">Publish a form on the Forms page first.</Empty>;
  }
  const asked = Number(params.get('formId'));
  const form = published.find((f) => f.id === asked) ?? newest[0]!;
  return (
    <>
      <div className="field">
        <label htmlFor="review-form-pick">Form</label>
        <select id="review-form-pick" value={form.id} onChange={(e) => update({ formId: e.target.value })}>
          {[...newest, ...(newest.includes(form) ? [] : [form])].map((f) => (
            <option key={f.id} value={f.id}>
              {f.content.name} (v{f.version})
            </option>
          ))}
        </select>
      </div>
      <ReviewForm key={form.id} caseId={caseId} form={form} />
    </>
  );
}
