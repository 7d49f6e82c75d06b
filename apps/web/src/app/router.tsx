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
        path: 'credits',
        lazy: () => import('../features/credits/components/StatementsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'credits/statements/:id',
        lazy: () => import('../features/credits/components/StatementPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'credits/statements/:id/cases',
        lazy: () =>
          import('../features/credits/components/StatementCasesPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'credits/statements/:id/print',
        lazy: () =>
          import('../features/credits/components/StatementPrintPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'credits/terms',
        lazy: () => import('../features/credits/components/MoneyTermsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'credits/exposure',
        lazy: () => import('../features/credits/components/ExposurePage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'credits/relief',
        lazy: () => import('../features/credits/components/ReliefPage.tsx').then((m) => ({ Component: m.default })),
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
      {
        path: 'quality',
        lazy: () =>
          import('../features/quality/components/QualityOverviewPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/assignments',
        lazy: () =>
          import('../features/quality/components/AssignmentsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/reviews',
        lazy: () => import('../features/quality/components/ReviewsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/reviews/:id',
        lazy: () => import('../features/quality/components/ReviewPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/cases/:caseId',
        lazy: () => import('../features/quality/components/CaseReviewPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/disputes',
        lazy: () => import('../features/quality/components/DisputesPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/escalations',
        lazy: () =>
          import('../features/quality/components/EscalationsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/knowledge-gaps',
        lazy: () =>
          import('../features/quality/components/KnowledgeGapsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/sampling',
        lazy: () => import('../features/quality/components/SamplingPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/sampling/:id',
        lazy: () =>
          import('../features/quality/components/SamplingPlanPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/forms',
        lazy: () => import('../features/quality/components/FormsPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/forms/new',
        lazy: () => import('../features/quality/components/NewFormPage.tsx').then((m) => ({ Component: m.default })),
      },
      {
        path: 'quality/forms/:id',
        lazy: () => import('../features/quality/components/FormPage.tsx').then((m) => ({ Component: m.default })),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
