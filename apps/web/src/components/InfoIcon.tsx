/**
 * The "computed under these terms" marker as inline SVG: a font glyph (ⓘ) renders as an empty box where the
 * default fonts lack it (Debian's, for one).
 */
export function InfoIcon() {
  return (
    <svg className="info-icon" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" data-testid="info-icon">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="4.6" r="1.1" fill="currentColor" />
      <path d="M8 7.2v5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
