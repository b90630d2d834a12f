import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Link, Navigate, createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api/errors';
import { RequireAuth } from './auth';
import { AppLayout } from './components/AppLayout';
import { EmptyState } from './components/States';
import { LoginPage } from './pages/auth/LoginPage';
import { CustomerDetailPage } from './pages/customers/CustomerDetailPage';
import { CustomerFormPage } from './pages/customers/CustomerFormPage';
import { CustomersPage } from './pages/customers/CustomersPage';
import { catalogRoutes } from './pages/catalog/routes';
import { orderRoutes } from './pages/orders/routes';
import { ContactsPage } from './pages/contacts/ContactsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { NotificationsPage } from './pages/settings/NotificationsPage';
import { TemplateEditorPage } from './pages/messaging/TemplateEditorPage';
import { TemplatesPage } from './pages/messaging/TemplatesPage';
import { portalRoutes } from './portal/routes';

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <EmptyState
        icon="search"
        title={t('notFound.title')}
        action={
          <Link to="/admin/customers" className="btn btn--secondary">
            {t('notFound.back')}
          </Link>
        }
      >
        {t('notFound.text')}
      </EmptyState>
    </div>
  );
}

export const routes: RouteObject[] = [
  { path: '/', element: <Navigate to="/admin/customers" replace /> },
  { path: '/admin/login', element: <LoginPage /> },
  {
    path: '/admin',
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/admin/customers" replace /> },
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/new', element: <CustomerFormPage /> },
          { path: 'customers/:id', element: <CustomerDetailPage /> },
          { path: 'customers/:id/edit', element: <CustomerFormPage /> },
          { path: 'customers/:id/contacts', element: <ContactsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'settings/templates', element: <TemplatesPage /> },
          { path: 'settings/templates/new', element: <TemplateEditorPage /> },
          { path: 'settings/templates/:id', element: <TemplateEditorPage /> },
          { path: 'settings/notifications', element: <NotificationsPage /> },
          ...orderRoutes,
          ...catalogRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
  portalRoutes,
  { path: '*', element: <NotFoundPage /> },
];

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not change by asking again.
        retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
