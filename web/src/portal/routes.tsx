// The customer portal's pages under /portal (F11, F12, F22, F24). They use the contact's own
// session (portal client), never the staff one.
import { Link, Navigate, type RouteObject } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/States';
import { PortalFavoritesPage, PortalProfilePage } from './AccountPages';
import { PortalForgotPage, PortalInvitationPage, PortalLoginPage, PortalRegisterPage, PortalResetPage } from './AuthPages';
import { PortalCartPage } from './CartPage';
import { PortalCatalogPage } from './CatalogPage';
import { PortalOrderPage, PortalOrdersPage } from './OrdersPages';
import { PortalLayout } from './PortalLayout';
import { RequirePortalContact } from './session';

function PortalNotFound() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow portal-page">
      <EmptyState
        icon="search"
        title={t('portal.notFound')}
        action={
          <Link to="/portal/catalog" className="btn btn--secondary">
            {t('portal.nav.catalog')}
          </Link>
        }
      />
    </div>
  );
}

export const portalRoutes: RouteObject = {
  path: '/portal',
  children: [
    { index: true, element: <Navigate to="/portal/catalog" replace /> },
    { path: 'login', element: <PortalLoginPage /> },
    { path: 'register', element: <PortalRegisterPage /> },
    { path: 'forgot', element: <PortalForgotPage /> },
    { path: 'reset', element: <PortalResetPage /> },
    { path: 'invitation', element: <PortalInvitationPage /> },
    {
      element: <PortalLayout />,
      children: [
        { path: 'catalog', element: <PortalCatalogPage /> },
        {
          element: <RequirePortalContact />,
          children: [
            { path: 'cart', element: <PortalCartPage /> },
            { path: 'orders', element: <PortalOrdersPage /> },
            { path: 'orders/:id', element: <PortalOrderPage /> },
            { path: 'favorites', element: <PortalFavoritesPage /> },
            { path: 'profile', element: <PortalProfilePage /> },
          ],
        },
        { path: '*', element: <PortalNotFound /> },
      ],
    },
  ],
};
