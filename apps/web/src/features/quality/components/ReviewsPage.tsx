/** The reviews of a week (the week each was made), scoped to the caller's vendor by the API. */
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useSearchState } from '../../../lib/search-params.ts';
import { useReviews, type ReviewFilters } from '../api/reviews.ts';
import { QualityTabs } from './QualityTabs.tsx';
import { ReviewsTable } from './ReviewsTable.tsx';
import { useQualityWeek, useVendorParam } from './week.ts';
import { WeekFilters } from './WeekFilters.tsx';

export default function ReviewsPage() {
  const { week } = useQualityWeek();
  const [vendorId] = useVendorParam();
  const [params, update] = useSearchState();
  const kind = params.get('reviewerKind');
  const filters: ReviewFilters = {
    ...(week ? { week } : {}),
    ...(vendorId !== null ? { vendorId } : {}),
    ...(kind === 'internal' || kind === 'vendor' ? { reviewerKind: kind } : {}),
  };
  const reviews = useReviews(filters, week !== null);
  return (
    <section className="page" aria-labelledby="reviews-title">
      <header className="page-header">
        <div>
          <h1 id="reviews-title">Reviews</h1>
          <p className="lede">
            Each review counts in the week it was made; the case&apos;s own week is shown beside it.
          </p>
        </div>
      </header>
      <QualityTabs />
      <div className="toolbar">
        <WeekFilters idPrefix="reviews" />
        <div className="field">
          <label htmlFor="reviews-kind">Reviewer</label>
          <select
            id="reviews-kind"
            value={filters.reviewerKind ?? ''}
            onChange={(e) => update({ reviewerKind: e.target.value || null })}
          >
            <option value="">Internal and vendor QA</option>
            <option value="internal">Internal QA</option>
            <option value="vendor">Vendor&apos;s own QA</option>
          </select>
        </div>
      </div>
      <section className="card">
        {reviews.isPending ? (
          <Loading label="Loading reviews…" />
        ) : reviews.isError ? (
          <ErrorMessage error={reviews.error} onRetry={() => void reviews.refetch()} />
        ) : reviews.data.length === 0 ? (
          <Empty title="No reviews this week">Pick another week, or review a case from the Cases page.</Empty>
        ) : (
          <ReviewsTable reviews={reviews.data} caption={`${reviews.data.length} reviews of week ${week}`} />
        )}
      </section>
    </section>
  );
}
