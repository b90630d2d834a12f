import { useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PRODUCT_PAGE_SIZE, catalogKeys, listNamed, listProducts, type Product } from '../../api/catalog';
import { useCanWrite } from '../../auth';
import { Badge } from '../../components/Badge';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { Icon } from '../../components/Icon';
import { PagedList } from '../../components/PagedList';
import { EmptyState } from '../../components/States';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatPrices } from './money';
import './catalog.css';

export const PRODUCT_SEARCH_DEBOUNCE_MS = 250;
const ACTIVE_VALUES = ['true', 'false'] as const;

/** /admin/products: search, filters by type and active, and the list with "load more". */
export function ProductsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('catalog.products.title'));
  const canWrite = useCanWrite();
  const { params, urlQ, search, setSearch, updateParams, clearAll } = useUrlFilters(PRODUCT_SEARCH_DEBOUNCE_MS);
  const type = params.get('type') ?? '';
  const activeParam = params.get('active');
  const active = (ACTIVE_VALUES as readonly string[]).includes(activeParam ?? '') ? activeParam! : '';


  const types = useQuery({ queryKey: catalogKeys.named('productTypes'), queryFn: () => listNamed('productTypes') });
  const typeNames = useMemo(() => new Map((types.data ?? []).map((pt) => [pt.id, pt.name])), [types.data]);

  const filtered = Boolean(urlQ || type || active);
  const filters = { q: urlQ || undefined, product_type_id: type || undefined, active: active || undefined };
  const query = useInfiniteQuery({
    queryKey: catalogKeys.productList(filters),
    queryFn: ({ pageParam }) =>
      listProducts({
        ...(filters.q ? { q: filters.q } : {}),
        ...(filters.product_type_id ? { product_type_id: filters.product_type_id } : {}),
        ...(filters.active ? { active: filters.active === 'true' } : {}),
        limit: PRODUCT_PAGE_SIZE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const body = (
    <PagedList
      query={query}
      count={items.length}
      skeleton={
        <div className="product-list" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="product-row product-row--skeleton" aria-hidden="true">
              <div className="skeleton skeleton--line" />
              <div className="skeleton skeleton--line skeleton--short" />
            </div>
          ))}
        </div>
      }
      empty={
        filtered ? (
          <EmptyState icon="search" title={t('catalog.products.empty.filtered')}>
            {t('catalog.products.empty.filteredHint')}
          </EmptyState>
        ) : (
          <EmptyState
            icon="box"
            title={t('catalog.products.empty.title')}
            action={
              canWrite ? (
                <Link to="/admin/products/new" className="btn btn--primary">
                  <Icon name="plus" size={16} />
                  {t('catalog.products.new')}
                </Link>
              ) : undefined
            }
          >
            {t('catalog.products.empty.hint')}
          </EmptyState>
        )
      }
      status={<span className="muted">{t('catalog.products.showing', { count: items.length })}</span>}
      loadMoreLabel={t('catalog.products.loadMore')}
      loadMoreTestId="load-more-products"
    >
      <div
        className={`product-list${query.isPlaceholderData ? ' product-list--stale' : ''}`}
        aria-busy={query.isFetching && !query.isFetchingNextPage}
      >
        <div className="product-list__head" aria-hidden="true">
          <span>{t('catalog.products.columns.product')}</span>
          <span>{t('catalog.products.columns.type')}</span>
          <span>{t('catalog.products.columns.prices')}</span>
          <span>{t('catalog.products.columns.status')}</span>
        </div>
        <ul className="product-list__items" aria-label={t('catalog.products.title')}>
          {items.map((p) => (
            <ProductRow key={p.id} product={p} typeName={p.product_type_id ? typeNames.get(p.product_type_id) : undefined} />
          ))}
        </ul>
      </div>
    </PagedList>
  );

  return (
    <div className="page">
      <div className="page-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('catalog.products.title')}</h1>
          <p className="page-subtitle">{t('catalog.products.subtitle')}</p>
        </div>
        <div className="page-header__actions">
          <Link to="/admin/product-types" className="btn btn--secondary" data-testid="manage-product-types">
            <Icon name="layers" size={16} />
            {t('catalog.products.manageTypes')}
          </Link>
          {canWrite ? (
            <Link to="/admin/products/new" className="btn btn--primary" data-testid="new-product">
              <Icon name="plus" size={16} />
              {t('catalog.products.new')}
            </Link>
          ) : null}
        </div>
      </div>

      <FilterBar
        searchId="product-search"
        searchLabel={t('catalog.products.search.label')}
        searchPlaceholder={t('catalog.products.search.placeholder')}
        search={search}
        onSearch={setSearch}
        filtered={filtered}
        clearLabel={t('catalog.products.filters.clear')}
        onClear={clearAll}
      >
        <FilterSelect
          label={t('catalog.products.filters.type')}
          value={type}
          all={t('catalog.products.filters.allTypes')}
          options={[
            ...(types.data ?? []).map((pt) => [pt.id, pt.name] as const),
            // A type in the URL that is not (or no longer) listed still shows.
            ...(type && types.data && !typeNames.has(type) ? [[type, type] as const] : []),
          ]}
          onChange={(v) => updateParams({ type: v })}
          testId="filter-type"
        />
        <FilterSelect
          label={t('catalog.products.filters.active')}
          value={active}
          all={t('catalog.products.filters.all')}
          options={[
            ['true', t('catalog.products.filters.activeOnly')],
            ['false', t('catalog.products.filters.inactiveOnly')],
          ]}
          onChange={(v) => updateParams({ active: v })}
          testId="filter-active"
        />
      </FilterBar>

      <section className="section" aria-labelledby="products-heading" data-testid="products-section">
        <h2 className="visually-hidden" id="products-heading">
          {t('catalog.products.title')}
        </h2>
        {body}
      </section>
    </div>
  );
}

function ProductRow({ product, typeName }: { product: Product; typeName: string | undefined }) {
  const { t, i18n } = useTranslation();
  const prices = formatPrices(product.prices, i18n.language);
  return (
    <li className="product-row" data-testid="product-row" data-product-id={product.id}>
      <div className="product-row__main">
        <Link to={`/admin/products/${encodeURIComponent(product.id)}/edit`} className="product-row__name stretched-link">
          {product.name}
        </Link>
        <span className="product-row__sku" data-testid="product-sku">
          {product.sku}
        </span>
      </div>
      <div className="product-row__type">
        {typeName ? (
          <span className="product-row__type-name">{typeName}</span>
        ) : (
          <span className="muted product-row__type-none">{t('catalog.product.noType')}</span>
        )}
      </div>
      <div className="product-row__prices" data-testid="product-prices">
        {prices.length ? (
          prices.map((p) => (
            <span key={p.currency} className="price-chip" title={p.currency}>
              {p.text}
            </span>
          ))
        ) : (
          <span className="muted">{t('catalog.product.noPrices')}</span>
        )}
      </div>
      <div className="product-row__status">
        <Badge tone={product.active ? 'success' : 'neutral'}>
          {product.active ? t('catalog.product.active') : t('catalog.product.inactive')}
        </Badge>
      </div>
    </li>
  );
}
