/** The loading, error and empty states every data view shows, so none is forgotten. */
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const title = error instanceof ApiError ? error.problem.title : 'Something went wrong';
  const detail = error instanceof Error ? error.message : String(error);
  const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      {detail && detail !== title ? <p>{detail}</p> : null}
      {fieldErrors.length ? (
        <ul>
          {fieldErrors.map((e) => (
            <li key={`${e.location}:${e.message}`}>
              <code>{e.location}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  );
}
