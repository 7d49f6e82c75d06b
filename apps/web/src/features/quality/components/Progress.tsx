/** How much of a sample is done, as a bar (the numbers are printed beside it). */
export function Progress({ done, total }: { done: number; total: number }) {
  const share = total === 0 ? 0 : (100 * done) / total;
  return (
    <div className={`progress${done === total && total > 0 ? ' done' : ''}`} aria-hidden="true">
      <span style={{ width: `${share}%` }} />
    </div>
  );
}
