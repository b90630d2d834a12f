// The portal's orders (F20, F23, F24): the contact's own or the whole company's, and one
// order. Prices show for contacts who may see them; shipping contacts follow the progress.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../api/errors';
import { portalKeys, portalOrder, portalOrders, type OrderScope, type PortalOrder } from '../api/portal';
import { addressLines } from '../components/address';
import { Icon } from '../components/Icon';
import { Banner, EmptyState, ErrorState, Spinner } from '../components/States';
import { formatDateTime, formatMoney } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { KindBadge, OrderStateBadge } from '../pages/orders/parts';
import { CreditBlock, OrderProgress, PanelSkeleton } from './parts';
import { hasPermission, usePortalContact } from './session';

export function PortalOrdersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('portal.orders.title'));
  const me = usePortalContact();
  const prices = hasPermission(me, 'view_prices');
  const shipments = hasPermission(me, 'view_shipments');
  const [params, setParams] = useSearchParams();
  const scope: OrderScope = params.get('scope') === 'customer' ? 'customer' : 'mine';
  const query = useInfiniteQuery({
    queryKey: portalKeys.orders(scope),
    queryFn: ({ pageParam }) => portalOrders(scope, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const orders = (query.data?.pages.flatMap((p) => p.items) ?? []) as PortalOrder[];
  const lang = i18n.language;
  const onTheWay = shipments ? orders.filter((o) => o.kind === 'order' && o.status === 'shipped') : [];

  return (
    <div className="page portal-page">
      <div className="page-header portal-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('portal.orders.title')}</h1>
          <p className="page-subtitle">{t('portal.orders.subtitle', { name: me.customer.name })}</p>
        </div>
      </div>
      <CreditBlock customer={me.customer} />
      <div className="portal-tabs" role="tablist" aria-label={t('portal.orders.scopeLabel')}>
        {(['mine', 'customer'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={scope === s}
            className={`portal-tab${scope === s ? ' portal-tab--on' : ''}`}
            onClick={() => setParams(s === 'mine' ? {} : { scope: s }, { replace: true })}
            data-testid={`orders-scope-${s}`}
          >
            {t(`portal.orders.scope.${s}`)}
          </button>
        ))}
      </div>
      {onTheWay.length > 0 ? (
        <div className="portal-banner" data-testid="orders-on-the-way">
          <Banner tone="info" title={t('portal.orders.onTheWay', { count: onTheWay.length })}>
            {onTheWay.map((o) => o.number).join(', ')}
          </Banner>
        </div>
      ) : null}
      {query.isPending ? (
        <PanelSkeleton />
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : orders.length === 0 ? (
        <EmptyState
          icon="inbox"
          title={scope === 'mine' ? t('portal.orders.emptyMine') : t('portal.orders.emptyCustomer')}
          action={
            <Link to="/portal/catalog" className="btn btn--primary">
              {t('portal.cart.browse')}
            </Link>
          }
        />
      ) : (
        <>
          <ul className="portal-orders" data-testid="portal-orders">
            {orders.map((o) => (
              <li key={o.id} className="portal-order" data-testid="portal-order" data-order-id={o.id} data-number={o.number}>
                <div className="portal-order__main">
                  <Link to={`/portal/orders/${encodeURIComponent(o.id)}`} className="portal-order__number stretched-link">
                    {o.number}
                  </Link>
                  <span className="portal-order__date muted">{formatDateTime(o.placed_at, lang)}</span>
                  {scope === 'customer' && o.buyer?.name ? <span className="portal-order__buyer muted">{o.buyer.name}</span> : null}
                </div>
                <div className="portal-order__badges">
                  {o.kind === 'quote' ? <KindBadge kind={o.kind} /> : null}
                  <OrderStateBadge order={o} />
                </div>
                <div className="portal-order__end">
                  {prices ? (
                    <span className="portal-order__total" data-testid="portal-order-total">
                      {formatMoney(o.total_minor, o.currency, lang)}
                    </span>
                  ) : null}
                  <span className="muted">{t('portal.orders.lineCount', { count: o.lines.length })}</span>
                </div>
              </li>
            ))}
          </ul>
          {query.hasNextPage ? (
            <div className="portal-more">
              <button type="button" className="btn btn--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? t('common.loading') : t('portal.orders.more')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

export function PortalOrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = usePortalContact();
  const location = useLocation();
  const placed = (location.state as { placed?: 'order' | 'quote' } | null)?.placed;
  const query = useQuery({ queryKey: portalKeys.order(id), queryFn: () => portalOrder(id) });
  useDocumentTitle(query.data?.number ?? t('portal.orders.title'));
  const lang = i18n.language;

  if (query.isPending) return <Spinner />;
  if (query.isError) {
    return (
      <div className="page page--narrow portal-page">
        {isApiError(query.error) && query.error.status === 404 ? (
          <EmptyState
            icon="search"
            title={t('portal.orders.notFound')}
            action={
              <Link to="/portal/orders" className="btn btn--secondary">
                {t('portal.orders.back')}
              </Link>
            }
          />
        ) : (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        )}
      </div>
    );
  }
  const o = query.data;
  const prices = hasPermission(me, 'view_prices');
  const money = (minor: number) => formatMoney(minor, o.currency, lang);
  const address = o.shipping_address
    ? addressLines({ ...o.shipping_address, id: '', kind: 'shipping', is_default: false, label: null }, lang)
    : [];
  return (
    <div className="page portal-page portal-order-page">
      <Link to="/portal/orders" className="back-link">
        <Icon name="back" size={16} />
        {t('portal.orders.back')}
      </Link>
      {placed ? (
        <div className="portal-banner" data-testid="order-placed">
          <Banner tone="success" title={t(placed === 'quote' ? 'portal.orders.quoteSent' : 'portal.orders.placed', { number: o.number })}>
            {t('portal.orders.placedHint')}
          </Banner>
        </div>
      ) : null}
      <div className="page-header portal-header">
        <div className="page-header__main">
          <h1 className="page-title" data-testid="portal-order-number">
            {o.kind === 'quote' ? t('portal.orders.quoteTitle', { number: o.number }) : t('portal.orders.orderTitle', { number: o.number })}
          </h1>
          <div className="badge-row">
            <KindBadge kind={o.kind} />
            <OrderStateBadge order={o} />
          </div>
        </div>
      </div>
      {hasPermission(me, 'view_shipments') ? (
        <section className="panel portal-section">
          <h2 className="panel__title">{t('portal.orders.shipment')}</h2>
          <OrderProgress order={o} />
        </section>
      ) : null}
      <div className="portal-order-grid">
        <section className="panel portal-section" aria-labelledby="order-lines-title">
          <h2 className="panel__title" id="order-lines-title">
            {t('portal.orders.linesTitle')}
          </h2>
          <table className="portal-table" data-testid="portal-order-lines">
            <thead>
              <tr>
                <th scope="col">{t('portal.orders.product')}</th>
                <th scope="col" className="portal-num">
                  {t('portal.orders.quantity')}
                </th>
                {prices ? (
                  <>
                    <th scope="col" className="portal-num">
                      {t('portal.orders.unitPrice')}
                    </th>
                    <th scope="col" className="portal-num">
                      {t('portal.orders.lineTotal')}
                    </th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.product_id} data-testid="portal-order-line">
                  <td>
                    <span className="portal-table__name">{l.name}</span>
                    <span className="muted portal-table__sku">{l.sku}</span>
                  </td>
                  <td className="portal-num">{l.quantity}</td>
                  {prices ? (
                    <>
                      <td className="portal-num">{money(l.unit_price_minor)}</td>
                      <td className="portal-num">{money(l.line_total_minor)}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
            {prices ? (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3} className="portal-num">
                    {t('portal.orders.total')}
                  </th>
                  <td className="portal-num portal-table__total" data-testid="portal-order-total">
                    {money(o.total_minor)}
                  </td>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </section>
        <section className="panel portal-section">
          <h2 className="panel__title">{t('portal.orders.details')}</h2>
          <dl className="dl">
            <div className="dl-row">
              <dt>{t('portal.orders.placedAt')}</dt>
              <dd>{formatDateTime(o.placed_at, lang)}</dd>
            </div>
            {o.buyer?.name ? (
              <div className="dl-row" data-testid="portal-order-buyer">
                <dt>{t('portal.orders.buyer')}</dt>
                <dd>
                  {o.buyer.name}
                  {o.buyer.email ? <span className="line muted">{o.buyer.email}</span> : null}
                </dd>
              </div>
            ) : null}
            <div className="dl-row">
              <dt>{t('portal.orders.shipTo')}</dt>
              <dd className={address.length ? undefined : 'muted'}>
                {address.length ? address.map((line) => <span key={line} className="line">{line}</span>) : t('common.none')}
              </dd>
            </div>
            <div className="dl-row">
              <dt>{t('portal.orders.note')}</dt>
              <dd className={o.note ? 'pre' : 'muted'}>{o.note || t('common.none')}</dd>
            </div>
          </dl>
        </section>
      </div>
    </div>
  );
}
