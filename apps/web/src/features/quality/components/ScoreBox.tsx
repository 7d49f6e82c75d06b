import { formatScore } from './labels.ts';

/** A review's score with fatal or not, and the rule it was computed under, in words beside it. */
export function ScoreBox({
  score,
  fatal,
  rule,
  label = 'Score',
}: {
  score: number | null;
  fatal: boolean;
  rule: string;
  label?: string;
}) {
  return (
    <div className="score-box" data-testid="review-score">
      <div>
        <span className="label">{label}</span>
        <span className="score-value" data-testid="score-value">
          {formatScore(score)}
        </span>
        {fatal ? (
          <span className="badge badge-missed" data-testid="fatal">
            fatal error
          </span>
        ) : (
          <span className="badge badge-met">no fatal error</span>
        )}
      </div>
      <p className="formula" data-testid="score-rule">
        {rule}
      </p>
    </div>
  );
}
