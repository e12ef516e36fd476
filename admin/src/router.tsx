import { lazy } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFound, RequireAuth } from './components/guards';
import BasicLayout from './layouts/BasicLayout';
import LoginPage from './pages/login';

// pages load on demand; the sign-in page ships with the first bundle
const ChangePasswordPage = lazy(() => import('./pages/password'));
const DashboardPage = lazy(() => import('./pages/dashboard'));
const UsersPage = lazy(() => import('./pages/system/users'));
const RolesPage = lazy(() => import('./pages/system/roles'));
const OrgsPage = lazy(() => import('./pages/system/orgs'));
const AuditPage = lazy(() => import('./pages/audit'));
const SecuritySettingsPage = lazy(() => import('./pages/security'));
const StopsPage = lazy(() => import('./pages/basedata/stops'));
const LinesPage = lazy(() => import('./pages/basedata/lines'));
const RoutesPage = lazy(() => import('./pages/basedata/routes'));
const OperatorsPage = lazy(() => import('./pages/archive/operators'));
const VehiclesPage = lazy(() => import('./pages/archive/vehicles'));
const DriversPage = lazy(() => import('./pages/archive/drivers'));
const PassengersPage = lazy(() => import('./pages/archive/passengers'));
const PlatformProfilePage = lazy(() => import('./pages/archive/platform'));
const TripsPage = lazy(() => import('./pages/trips'));
const OrdersPage = lazy(() => import('./pages/orders'));
const FaresPage = lazy(() => import('./pages/fares'));
const NoticesPage = lazy(() => import('./pages/notices'));
const FinanceSummaryPage = lazy(() => import('./pages/finance/summary'));
const PaymentsPage = lazy(() => import('./pages/finance/payments'));
const RefundsPage = lazy(() => import('./pages/finance/refunds'));
const InvoicesPage = lazy(() => import('./pages/finance/invoices'));
const FeedbackPage = lazy(() => import('./pages/service/feedback'));

/** Paths must match the keys in access.ts, which decides who may open them. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/password',
    element: (
      <RequireAuth passwordPage>
        <ChangePasswordPage />
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <BasicLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'operations', element: <Navigate to="/trips" replace /> },
      { path: 'trips', element: <TripsPage /> },
      { path: 'trips/:id', element: <TripsPage /> },
      { path: 'orders', element: <OrdersPage /> },
      { path: 'fares', element: <FaresPage /> },
      { path: 'notices', element: <NoticesPage /> },
      { path: 'service/feedback', element: <FeedbackPage /> },
      { path: 'finance', element: <Navigate to="/finance/summary" replace /> },
      { path: 'finance/summary', element: <FinanceSummaryPage /> },
      { path: 'finance/payments', element: <PaymentsPage /> },
      { path: 'finance/refunds', element: <RefundsPage /> },
      { path: 'finance/invoices', element: <InvoicesPage /> },
      { path: 'basedata', element: <Navigate to="/basedata/stops" replace /> },
      { path: 'basedata/stops', element: <StopsPage /> },
      { path: 'basedata/lines', element: <LinesPage /> },
      { path: 'basedata/routes', element: <RoutesPage /> },
      { path: 'basedata/routes/:id', element: <RoutesPage /> },
      { path: 'archive', element: <Navigate to="/archive/vehicles" replace /> },
      { path: 'archive/operators', element: <OperatorsPage /> },
      { path: 'archive/vehicles', element: <VehiclesPage /> },
      { path: 'archive/drivers', element: <DriversPage /> },
      { path: 'archive/passengers', element: <PassengersPage /> },
      { path: 'archive/platform', element: <PlatformProfilePage /> },
      { path: 'system', element: <Navigate to="/system/users" replace /> },
      { path: 'system/users', element: <UsersPage /> },
      { path: 'system/roles', element: <RolesPage /> },
      { path: 'system/orgs', element: <OrgsPage /> },
      { path: 'security', element: <Navigate to="/security/audit" replace /> },
      { path: 'security/audit', element: <AuditPage /> },
      { path: 'security/settings', element: <SecuritySettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes, { basename: '/' });
}
