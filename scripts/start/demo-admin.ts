/**
 * The demo admin `pnpm start` creates (or resets) on every start so that the printed credentials always work.
 * A separate account from the first admin the API creates, so a real admin's password is never touched.
 */
export const DEMO_ADMIN = { email: 'demo-admin@localhost', password: 'scorecard-demo', name: 'Demo admin' } as const;
