// The portal's frame (F24): the customer's name, the sections (catalogue, favourites, orders,
// profile), the cart with its count and sign-out; visitors get the language switch, sign-in
// and registration instead.
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { contactName } from '../api/contacts';
import { Icon } from '../components/Icon';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Spinner } from '../components/States';
import { cartUnits, usePortalCart } from './cart';
import { Heart } from './parts';
import { usePortalMe, usePortalSignOut, storeMark, usePortalStore } from './session';
import './portal.css';

function CartLink({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const [cart] = usePortalCart(contactId);
  const units = cartUnits(cart);
  return (
    <NavLink to="/portal/cart" className="portal-cart-link" data-testid="portal-cart-link" aria-label={t('portal.nav.cartCount', { count: units })}>
      <Icon name="cart" size={20} />
      <span className="portal-cart-link__text">{t('portal.nav.cart')}</span>
      {units > 0 ? (
        <span className="portal-cart-link__count" data-testid="portal-cart-count">
          {units > 999 ? '999+' : units}
        </span>
      ) : null}
    </NavLink>
  );
}

export function PortalLayout() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const store = usePortalStore();
  const signOut = usePortalSignOut();
  if (me.isPending) return <Spinner />;
  const contact = me.data?.contact;
  const customer = me.data?.customer;

  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="portal-top">
        <div className="portal-top__bar">
          <Link to="/portal/catalog" className="brand portal-brand">
            <span className="brand__mark" aria-hidden="true">
              {storeMark(store.data?.name)}
            </span>
            <span className="portal-brand__text">
              <span className="brand__name" data-testid="portal-store-name">
                {store.data?.name ?? t('portal.brand')}
              </span>
              {customer ? (
                <span className="portal-brand__customer" data-testid="portal-customer-name">
                  {customer.name}
                </span>
              ) : (
                <span className="portal-brand__customer">{t('portal.brand')}</span>
              )}
            </span>
          </Link>
          <div className="topbar__spacer" />
          {contact ? (
            <>
              <CartLink contactId={contact.id} />
              <Link to="/portal/profile" className="user-chip portal-user" data-testid="portal-user" title={contact.email}>
                <span className="user-chip__avatar" aria-hidden="true">
                  {(contact.first_name[0] ?? '?').toUpperCase()}
                  {(contact.last_name?.[0] ?? '').toUpperCase()}
                </span>
                <span className="user-chip__text">
                  <span className="user-chip__name">{contactName(contact)}</span>
                </span>
              </Link>
              <button
                type="button"
                className="icon-btn"
                onClick={() => void signOut()}
                aria-label={t('portal.nav.signOut')}
                title={t('portal.nav.signOut')}
                data-testid="portal-sign-out"
              >
                <Icon name="logout" size={20} />
              </button>
            </>
          ) : (
            <>
              <LanguageSwitch compact />
              <Link to="/portal/register" className="btn btn--plain portal-top__register">
                {t('portal.nav.register')}
              </Link>
              <Link to="/portal/login" className="btn btn--primary portal-top__signin" data-testid="portal-go-login">
                {t('portal.nav.signIn')}
              </Link>
            </>
          )}
        </div>
        {contact ? (
          <nav className="portal-nav" aria-label={t('portal.nav.label')}>
            <NavLink to="/portal/catalog" className="portal-nav__link">
              <Icon name="box" size={17} />
              {t('portal.nav.catalog')}
            </NavLink>
            <NavLink to="/portal/favorites" className="portal-nav__link">
              <Heart filled={false} size={17} />
              {t('portal.nav.favorites')}
            </NavLink>
            <NavLink to="/portal/orders" className="portal-nav__link">
              <Icon name="inbox" size={17} />
              {t('portal.nav.orders')}
            </NavLink>
            <NavLink to="/portal/profile" className="portal-nav__link">
              <Icon name="users" size={17} />
              {t('portal.nav.profile')}
            </NavLink>
          </nav>
        ) : null}
      </header>
      <main id="main" className="portal-main" tabIndex={-1}>
        <Outlet />
      </main>
      <ScrollRestoration />
    </div>
  );
}
