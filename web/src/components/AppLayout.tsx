import { useEffect, useState } from 'react';
import { NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSignOut, useUser } from '../auth';
import { Icon } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';

function initials(nameOrEmail: string): string {
  const words = nameOrEmail.split(/[\s@.]+/).filter(Boolean);
  return (words[0]?.[0] ?? '?').toUpperCase() + (words[1]?.[0] ?? '').toUpperCase();
}

/** The admin shell: sidebar navigation, header with user, language and sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const signOut = useSignOut();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);

  // Going to another page closes the menu.
  const [navPath, setNavPath] = useState(location.pathname);
  if (navPath !== location.pathname) {
    setNavPath(location.pathname);
    setNavOpen(false);
  }
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setNavOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen]);

  return (
    <div className={`shell${navOpen ? ' shell--nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-btn topbar__menu"
          aria-label={navOpen ? t('header.closeMenu') : t('header.openMenu')}
          aria-expanded={navOpen}
          aria-controls="sidebar"
          onClick={() => setNavOpen((o) => !o)}
        >
          <Icon name={navOpen ? 'close' : 'menu'} size={20} />
        </button>
        <NavLink to="/admin/customers" className="brand">
          <span className="brand__mark" aria-hidden="true">
            C
          </span>
          <span className="brand__name">{t('app.name')}</span>
        </NavLink>
        <div className="topbar__spacer" />
        <LanguageSwitch compact />
        <div className="user-chip" data-testid="current-user" title={user.email}>
          <span className="user-chip__avatar" aria-hidden="true">
            {initials(user.name || user.email)}
          </span>
          <span className="user-chip__text">
            <span className="user-chip__name">{user.name || user.email}</span>
            <span className="user-chip__role">{t(`staff.role.${user.role}`)}</span>
          </span>
        </div>
        <button
          type="button"
          className="icon-btn"
          onClick={() => void signOut()}
          aria-label={t('header.signOut')}
          title={t('header.signOut')}
          data-testid="sign-out"
        >
          <Icon name="logout" size={20} />
        </button>
      </header>
      <nav id="sidebar" className="sidebar" aria-label={t('nav.label')}>
        <div className="sidebar__inner">
        <ul>
          <li>
            <NavLink to="/admin/customers" className="nav-link">
              <Icon name="users" />
              {t('nav.customers')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/orders" className="nav-link">
              <Icon name="cart" />
              {t('nav.orders')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/products" className="nav-link">
              <Icon name="box" />
              {t('nav.products')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/warehouses" className="nav-link">
              <Icon name="warehouse" />
              {t('nav.warehouses')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/settings" className="nav-link" data-testid="nav-settings">
              <Icon name="layers" />
              {t('settings.nav')}
            </NavLink>
          </li>
        </ul>
        </div>
      </nav>
      <button
        type="button"
        className="scrim"
        aria-hidden="true"
        tabIndex={-1}
        onClick={() => setNavOpen(false)}
      />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <ScrollRestoration />
    </div>
  );
}
