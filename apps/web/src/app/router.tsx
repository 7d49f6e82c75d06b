/**
 * Routes (react-router data mode). The scorecard is in the first bundle; every other page is a lazy chunk
 * so the first page stays small (Recharts only loads with the vendor page).
 */
import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/QueryState.tsx';
import { ScorecardPage } from '../features/scorecards/components/ScorecardPage.tsx';
import { Layout } from './Layout.tsx';
import { NotFound } from './NotFound.tsx';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // Shown while a lazy page's chunk loads on the first visit (without it react-router warns on every load).
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <ScorecardPage /> },
      {
        path: 'vendors/:id',
        lazy: () => import('./routes/VendorRoute.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'cases',
        lazy: () => import('../features/cases/components/CasesPage.tsx').then((m) => ({ Component: m.default })),
      },
      { path: 'imports', lazy: () => import('./routes/ImportsRoute.tsx').then((m) => ({ Component: m.default })) },
      {
        path: 'imports/mapping',
        lazy: () =>
          import('../features/mapping-editor/components/MappingEditorPage.tsx').then((m) => ({ Component: m.default })),
      },
      { path: 'sources', lazy: () => import('./routes/SourcesRoute.tsx').then((m) => ({ Component: m.default })) },
      { path: 'settings', lazy: () => import('./routes/SettingsRoute.tsx').then((m) => ({ Component: m.default })) },
      {
        path: 'plans',
        lazy: () => import('../features/plans/components/PlansPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'plans/new',
        lazy: () => import('../features/plans/components/NewPlanPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'plans/:id',
        lazy: () => import('../features/plans/components/PlanPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'terms',
        lazy: () => import('../features/terms/components/TermsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'reports',
        lazy: () => import('../features/reports/components/ReportsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'week-to-date',
        lazy: () =>
          import('../features/scorecards/components/WeekToDatePage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'reviews-behind',
        lazy: () =>
          import('../features/scorecards/components/ReviewsBehindPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'alerts',
        lazy: () => import('../features/alerts/components/AlertsPage.tsx').then((m) => ({ Component: m.default })),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
