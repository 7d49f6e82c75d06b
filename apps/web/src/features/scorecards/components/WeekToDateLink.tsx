/** The current week on request: the scorecard shows complete weeks, the week so far has its own page. */
import { Link } from 'react-router';

export function WeekToDateLink() {
  return (
    <div className="field field-action">
      <Link className="button subtle" to="/week-to-date">
        Week to date
      </Link>
    </div>
  );
}
