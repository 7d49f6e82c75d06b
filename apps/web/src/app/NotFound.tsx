import { Link } from 'react-router';
import { Empty } from '../components/QueryState.tsx';

export function NotFound() {
  return (
    <section className="page">
      <Empty title="This page does not exist">
        <Link to="/">Back to the scorecard</Link>
      </Empty>
    </section>
  );
}
