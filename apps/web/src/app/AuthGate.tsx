/** Asks the API who is signed in (GET /api/auth/me) before anything else; 401 shows the sign-in page. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { ErrorMessage, Loading } from '../components/QueryState.tsx';
import { replaceSession, useMe } from '../features/auth/api/get-me.ts';
import { SignInPage } from '../features/auth/components/SignInPage.tsx';
import { setUnauthenticatedHandler } from '../lib/api-client.ts';
import { SessionContext } from '../lib/session.ts';

export function AuthGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useMe();
  useEffect(() => {
    // A session that expires mid-use sends the user back to sign-in, with nothing of the old data cached.
    setUnauthenticatedHandler(() => replaceSession(queryClient, null));
  }, [queryClient]);

  if (me.isPending) return <Loading label="Checking your session…" />;
  if (me.isError) {
    return (
      <main className="page">
        <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) return <SignInPage />;
  return <SessionContext value={me.data.user}>{children}</SessionContext>;
}
