import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, getCustomer } from '../../api/customers';
import {
  listOrders,
  orderKeys,
  ORDER_KINDS,
  ORDER_PAGE_SIZE,
  ORDER_SOURCES,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  type Order,
} from '../../api/orders';
import { useCanWrite } from '../../auth';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { Icon } from '../../components/Icon';
import { PagedList } from '../../components/PagedList';
import { EmptyState } from '../../components/States';
import { formatDateTime, formatMoney } from '../../lib/format';
import { pickParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { HeldBadge, KindBadge, OrderStateBadge, PaymentBadge, SourceBadge } from './parts';

export const ORDERS_SEARCH_DEBOUNCE_MS = 250;
/** How often the list asks again, so an order placed through a quick link shows up by itself. */
export const ORDERS_REFRESH_MS = 15_000;


/** Orders and quotes, newest first, with filters kept in the URL. */
export function OrdersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('orders.list.title'));
  const canWrite = useCanWrite();
  const { params, urlQ, search, setSearch, updateParams, clearAll } = useUrlFilters(ORDERS_SEARCH_DEBOUNCE_MS);
  const status = pickParam(params.get('status'), ORDER_STATUSES);
  const kind = pickParam(params.get('kind'), ORDER_KINDS);
  const source = pickParam(params.get('source'), ORDER_SOURCES);
  const paymentStatus = pickParam(params.get('payment_status'), PAYMENT_STATUSES);
  const held = params.get('held') === '1';
  const customerId = params.get('customer_id') || undefined;


  const customer = useQuery({
    queryKey: customerKeys.detail(customerId ?? ''),
    queryFn: () => getCustomer(customerId!),
    enabled: !!customerId,
  });

  const filters = {
    q: urlQ || undefined,
    status,
    kind,
    source,
    payment_status: paymentStatus,
    approval_status: held ? 'held' : undefined,
    customer_id: customerId,
  };
  const filtered = Object.values(filters).some(Boolean);

  const query = useInfiniteQuery({
    queryKey: orderKeys.list(filters),
    queryFn: ({ pageParam }) =>
      listOrders({
        ...filters,
        approval_status: held ? 'held' : undefined,
        limit: ORDER_PAGE_SIZE,
        include_total: true,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: ORDERS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });

  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;

  const body = (
    <PagedList
      query={query}
      count={items.length}
      skeleton={<OrdersSkeleton />}
      empty={
        filtered ? (
          <EmptyState icon="search" title={t('orders.list.emptyFiltered')}>
            {t('orders.list.emptyFilteredHint')}
          </EmptyState>
        ) : (
          <EmptyState icon="cart" title={t('orders.list.empty')}>
            {t('orders.list.emptyHint')}
          </EmptyState>
        )
      }
      status={
        <span className="muted ord-list-count">
          {typeof total === 'number' ? t('orders.list.showing', { shown: items.length, total }) : null}
          {query.isFetching && !query.isFetchingNextPage ? (
            <span className="spinner spinner--sm" role="status" aria-label={t('common.loading')} />
          ) : null}
        </span>
      }
      loadMoreLabel={t('orders.list.loadMore')}
      loadMoreTestId="orders-load-more"
    >
      <OrdersTable orders={items} stale={query.isPlaceholderData} />
    </PagedList>
  );

  const newHref = customerId ? `/admin/orders/new?customer_id=${encodeURIComponent(customerId)}` : '/admin/orders/new';

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('orders.list.title')}</h1>
          <p className="page-subtitle">{t('orders.list.subtitle')}</p>
        </div>
        {canWrite ? (
          <div className="ord-header-actions">
            <Link to={`${newHref}${customerId ? '&' : '?'}kind=quote`} className="btn btn--secondary" data-testid="new-quote">
              {t('orders.list.newQuote')}
            </Link>
            <Link to={newHref} className="btn btn--primary" data-testid="new-order">
              <Icon name="plus" size={16} />
              {t('orders.list.newOrder')}
            </Link>
          </div>
        ) : null}
      </div>

      <FilterBar
        className="ord-filters"
        searchId="order-search"
        searchLabel={t('orders.list.searchLabel')}
        searchPlaceholder={t('orders.list.searchPlaceholder')}
        search={search}
        onSearch={setSearch}
        searchInputMode="search"
        filtered={filtered}
        clearLabel={t('orders.list.clearFilters')}
        onClear={clearAll}
        after={
          customerId ? (
            <div className="ord-filters__customer">
              <span className="chip" data-testid="filter-order-customer">
                <Icon name="users" size={14} />
                {t('orders.list.customerFilter', {
                  name: customer.data?.name ?? (customer.isError ? customerId : '…'),
                })}
                <button
                  type="button"
                  className="chip__remove"
                  onClick={() => updateParams({ customer_id: undefined })}
                  aria-label={t('orders.list.removeCustomerFilter')}
                >
                  <Icon name="close" size={12} />
                </button>
              </span>
            </div>
          ) : null
        }
      >
        <FilterSelect
          label={t('orders.fields.status')}
          value={status}
          all={t('orders.list.allStatuses')}
          options={ORDER_STATUSES.map((s) => [s, t(`orders.status.${s}`)] as const)}
          onChange={(v) => updateParams({ status: v })}
          testId="filter-order-status"
        />
        <FilterSelect
          label={t('orders.fields.kind')}
          value={kind}
          all={t('orders.list.allKinds')}
          options={ORDER_KINDS.map((s) => [s, t(`orders.kind.${s}`)] as const)}
          onChange={(v) => updateParams({ kind: v })}
          testId="filter-order-kind"
        />
        <FilterSelect
          label={t('orders.fields.source')}
          value={source}
          all={t('orders.list.allSources')}
          options={ORDER_SOURCES.map((s) => [s, t(`orders.source.${s}`)] as const)}
          onChange={(v) => updateParams({ source: v })}
          testId="filter-order-source"
        />
        <FilterSelect
          label={t('orders.fields.payment')}
          value={paymentStatus}
          all={t('orders.list.allPayments')}
          options={PAYMENT_STATUSES.map((s) => [s, t(`orders.payment.${s}`)] as const)}
          onChange={(v) => updateParams({ payment_status: v })}
          testId="filter-order-payment"
        />
        <label className="checkbox ord-filters__held">
          <input
            type="checkbox"
            checked={held}
            onChange={(e) => updateParams({ held: e.target.checked ? '1' : undefined })}
            data-testid="filter-order-held"
          />
          {t('orders.list.onlyHeld')}
        </label>
      </FilterBar>

      <section className="section" aria-labelledby="orders-heading" aria-busy={query.isFetching} data-testid="orders-section">
        <h2 className="visually-hidden" id="orders-heading">
          {t('orders.list.title')}
        </h2>
        {body}
      </section>
    </div>
  );
}

/** Orders as a table on wide screens, stacked rows on a phone. */
export function OrdersTable({
  orders,
  stale,
  compact,
}: {
  orders: Order[];
  stale?: boolean;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className={`ord-table-wrap${stale ? ' ord-table-wrap--stale' : ''}${compact ? ' ord-table-wrap--compact' : ''}`}>
      <table className="ord-table ord-list" data-testid="orders-table">
        <thead>
          <tr>
            <th scope="col">{t('orders.fields.number')}</th>
            {compact ? null : <th scope="col">{t('orders.fields.customer')}</th>}
            <th scope="col">{t('orders.fields.kind')}</th>
            <th scope="col">{t('orders.fields.status')}</th>
            <th scope="col">{t('orders.fields.source')}</th>
            <th scope="col">{t('orders.fields.payment')}</th>
            <th scope="col" className="ord-num">
              {t('orders.fields.total')}
            </th>
            <th scope="col">{t('orders.fields.placedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr
              key={o.id}
              className={`ord-row${o.approval_status === 'held' ? ' ord-row--held' : ''}`}
              data-testid="order-row"
              data-order-id={o.id}
              data-number={o.number}
            >
              <td className="ord-list__number">
                <Link to={`/admin/orders/${encodeURIComponent(o.id)}`} className="stretched-link ord-number">
                  {o.number}
                </Link>
              </td>
              {compact ? null : (
                <td className="ord-list__customer" data-testid="order-customer">
                  {o.customer_name}
                  {o.buyer?.name && o.source !== 'admin' ? (
                    <span className="ord-list__buyer muted">{o.buyer.name}</span>
                  ) : null}
                </td>
              )}
              <td className="ord-list__kind">
                <KindBadge kind={o.kind} />
              </td>
              <td className="ord-list__status">
                <span className="ord-badges">
                  <OrderStateBadge order={o} />
                  {o.approval_status === 'held' ? <HeldBadge /> : null}
                </span>
              </td>
              <td className="ord-list__source">
                <SourceBadge source={o.source} />
              </td>
              <td className={`ord-list__payment${o.kind === 'order' ? '' : ' ord-list__payment--none'}`}>
                {o.kind === 'order' ? <PaymentBadge order={o} /> : <span className="muted">{t('common.none')}</span>}
              </td>
              <td className="ord-list__total ord-num" data-testid="order-total">
                {formatMoney(o.total_minor, o.currency, lang)}
              </td>
              <td className="ord-list__date">
                <time dateTime={o.placed_at}>{formatDateTime(o.placed_at, lang)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrdersSkeleton() {
  return (
    <div className="ord-table-wrap" aria-busy="true">
      <div className="ord-skeleton" aria-hidden="true">
        {Array.from({ length: 6 }, (_, i) => (
          <div className="ord-skeleton__row" key={i}>
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--line skeleton--short" />
            <div className="skeleton skeleton--line skeleton--short" />
          </div>
        ))}
      </div>
    </div>
  );
}
