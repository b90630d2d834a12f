import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, listCustomers, PAGE_SIZE } from '../../api/customers';
import { errorMessage } from '../../api/errors';
import {
  CUSTOMER_STATUSES,
  TEMPERATURES,
  type CustomerStatus,
  type Temperature,
} from '../../api/types';
import { useCanWrite } from '../../auth';
import { CustomerCard } from '../../components/CustomerCard';
import { Icon } from '../../components/Icon';
import { CardSkeleton, EmptyState, ErrorState } from '../../components/States';
import { pickParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

export const SEARCH_DEBOUNCE_MS = 250;
const SORTS = ['name', '-created_at', '-last_order_at'] as const;
type Sort = (typeof SORTS)[number];


/** The customers page: search, filters, and the current / potential sections. */
export function CustomersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('customers.title'));
  const canWrite = useCanWrite();
  const { params, urlQ, search, setSearch, updateParams, clearAll } = useUrlFilters(SEARCH_DEBOUNCE_MS);
  const status = pickParam(params.get('status'), CUSTOMER_STATUSES);
  const temperature = pickParam(params.get('temperature'), TEMPERATURES);
  const sort = pickParam(params.get('sort'), SORTS);


  const filtered = Boolean(urlQ || status || temperature);
  const sections: CustomerStatus[] = status ? [status] : ['current', 'potential'];

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('customers.title')}</h1>
          <p className="page-subtitle">{t('customers.subtitle')}</p>
        </div>
        {canWrite ? (
          <Link to="/admin/customers/new" className="btn btn--primary" data-testid="new-customer">
            <Icon name="plus" size={16} />
            {t('customers.new')}
          </Link>
        ) : null}
      </div>

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__search">
          <Icon name="search" size={18} />
          <label htmlFor="customer-search" className="visually-hidden">
            {t('customers.search.label')}
          </label>
          <input
            id="customer-search"
            type="search"
            placeholder={t('customers.search.placeholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            autoComplete="off"
            enterKeyHint="search"
          />
        </div>
        <div className="filters__selects">
          <label className="select-label">
            <span className="select-label__text">{t('customers.filters.status')}</span>
            <select
              value={status ?? ''}
              onChange={(e) => updateParams({ status: e.target.value || undefined })}
              data-testid="filter-status"
            >
              <option value="">{t('customers.filters.allStatuses')}</option>
              {CUSTOMER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`customer.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="select-label">
            <span className="select-label__text">{t('customers.filters.temperature')}</span>
            <select
              value={temperature ?? ''}
              onChange={(e) => updateParams({ temperature: e.target.value || undefined })}
              data-testid="filter-temperature"
            >
              <option value="">{t('customers.filters.allTemperatures')}</option>
              {TEMPERATURES.map((s) => (
                <option key={s} value={s}>
                  {t(`customer.temperature.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="select-label">
            <span className="select-label__text">{t('customers.sort.label')}</span>
            <select
              value={sort ?? ''}
              onChange={(e) => updateParams({ sort: e.target.value || undefined })}
              data-testid="sort"
            >
              <option value="">{urlQ ? t('customers.sort.relevance') : t('customers.sort.name')}</option>
              {SORTS.filter((s) => s !== 'name').map((s) => (
                <option key={s} value={s}>
                  {t(`customers.sort.${s === '-created_at' ? 'newest' : 'lastOrder'}`)}
                </option>
              ))}
            </select>
          </label>
          {filtered ? (
            <button
              type="button"
              className="btn btn--plain"
              onClick={clearAll}
            >
              {t('customers.filters.clear')}
            </button>
          ) : null}
        </div>
      </form>

      {sections.map((s) => (
        <CustomerSection
          key={s}
          status={s}
          q={urlQ}
          temperature={temperature}
          sort={sort}
          filtered={filtered}
        />
      ))}
    </div>
  );
}

function CustomerSection({
  status,
  q,
  temperature,
  sort,
  filtered,
}: {
  status: CustomerStatus;
  q: string;
  temperature: Temperature | undefined;
  sort: Sort | undefined;
  filtered: boolean;
}) {
  const { t } = useTranslation();
  const filters = { status, q: q || undefined, temperature, sort };
  const query = useInfiniteQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ pageParam }) =>
      listCustomers({
        ...filters,
        limit: PAGE_SIZE,
        include_total: true,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;
  const headingId = `section-${status}`;

  let body: React.ReactNode;
  if (query.isPending) {
    body = (
      <div className="card-grid" aria-busy="true">
        {Array.from({ length: 6 }, (_, i) => (
          <CardSkeleton key={i} />
        ))}
      </div>
    );
  } else if (query.isError && items.length === 0) {
    body = (
      <ErrorState
        message={errorMessage(query.error, t)}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else if (items.length === 0) {
    body = filtered ? (
      <EmptyState icon="search" title={t('customers.empty.filtered')}>
        {t('customers.empty.filteredHint')}
      </EmptyState>
    ) : (
      <EmptyState icon="users" title={t(`customers.empty.${status}`)}>
        {t(`customers.empty.${status}Hint`)}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <div
          className={`card-grid${query.isPlaceholderData ? ' card-grid--stale' : ''}`}
          aria-busy={query.isFetching && !query.isFetchingNextPage}
        >
          {items.map((c) => (
            <CustomerCard key={c.id} customer={c} />
          ))}
        </div>
        {query.isFetchNextPageError ? (
          <ErrorState
            message={errorMessage(query.error, t)}
            onRetry={() => void query.fetchNextPage()}
            retrying={query.isFetchingNextPage}
          />
        ) : null}
        <div className="section__footer">
          {typeof total === 'number' ? (
            <span className="muted">{t('customers.showing', { shown: items.length, total })}</span>
          ) : null}
          {query.hasNextPage ? (
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
              data-testid={`load-more-${status}`}
            >
              {query.isFetchingNextPage ? t('common.loading') : t('customers.loadMore')}
            </button>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <section className="section" aria-labelledby={headingId} data-testid={`section-${status}`}>
      <div className="section__header">
        <h2 className="section__title" id={headingId}>
          {t(`customers.sections.${status}`)}
        </h2>
        {typeof total === 'number' ? (
          <span className="count-pill" aria-label={t('customers.count', { count: total })}>
            {total}
          </span>
        ) : null}
        {query.isFetching && !query.isPending && !query.isFetchingNextPage ? (
          <span className="spinner spinner--sm" role="status" aria-label={t('common.loading')} />
        ) : null}
      </div>
      {body}
    </section>
  );
}
