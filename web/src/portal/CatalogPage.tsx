// The portal's catalogue (F13, F18, F22, F24): search, prices only when the server sends them,
// "Sin stock", favourites and adding to the cart. Visitors may browse it too.
import { useEffect, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import {
  portalCatalog,
  portalKeys,
  setPortalFavorite,
  type PortalCatalog,
  type PortalMe,
  type PortalProduct,
} from '../api/portal';
import { Icon } from '../components/Icon';
import { Banner, EmptyState, ErrorState } from '../components/States';
import { formatMoney } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { addToCart, lineOf, parseQuantity, usePortalCart, type PortalCart } from './cart';
import { hasPermission, usePortalMe } from './session';
import { Heart } from './parts';

export function PortalCatalogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.catalog.title'));
  const me = usePortalMe();
  const signedIn = me.isSuccess ? me.data : null;
  const location = useLocation();
  const welcome = (location.state as { welcome?: boolean } | null)?.welcome === true;
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 300);

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (q) next.set('q', q);
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [q, params, setParams]);

  const key = [...portalKeys.catalog(q), signedIn?.contact.id ?? 'visitor'];
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => portalCatalog(q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page portal-page">
      {welcome && signedIn ? (
        <div className="portal-banner">
          <Banner tone="success" title={t('portal.catalog.welcome', { name: signedIn.contact.first_name })} />
        </div>
      ) : null}
      <div className="page-header portal-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('portal.catalog.title')}</h1>
          <p className="page-subtitle">
            {signedIn ? t('portal.catalog.subtitleFor', { name: signedIn.customer.name }) : t('portal.catalog.subtitle')}
          </p>
        </div>
      </div>
      <div className="filters portal-search">
        <label className="filters__search">
          <Icon name="search" size={18} />
          <span className="visually-hidden">{t('portal.catalog.search')}</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('portal.catalog.searchPlaceholder')}
            data-testid="portal-search"
          />
        </label>
      </div>
      {first && !first.prices_visible ? (
        <div className="portal-banner" data-testid="prices-hidden">
          <Banner
            tone="info"
            title={signedIn ? t('portal.catalog.noPricesContact') : t('portal.catalog.noPricesVisitor')}
            action={
              signedIn ? undefined : (
                <Link to="/portal/login?next=%2Fportal%2Fcatalog" className="btn btn--secondary">
                  {t('portal.nav.signIn')}
                </Link>
              )
            }
          />
        </div>
      ) : null}

      {query.isPending ? (
        <div className="portal-grid" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="portal-product portal-product--skeleton">
              <div className="skeleton skeleton--title" />
              <div className="skeleton skeleton--line skeleton--short" />
              <div className="skeleton skeleton--block" />
            </div>
          ))}
        </div>
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : items.length === 0 ? (
        <EmptyState icon="search" title={q ? t('portal.catalog.noMatch') : t('portal.catalog.empty')}>
          {q ? t('portal.catalog.noMatchHint') : null}
        </EmptyState>
      ) : (
        <>
          <ul className={`portal-grid${query.isPlaceholderData ? ' card-grid--stale' : ''}`} data-testid="portal-products">
            {items.map((p) => (
              <ProductCard key={p.id} product={p} currency={first?.currency ?? ''} me={signedIn} queryKey={key} />
            ))}
          </ul>
          {query.hasNextPage ? (
            <div className="portal-more">
              <button type="button" className="btn btn--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? t('common.loading') : t('portal.catalog.more')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

export function PriceTag({ product, currency }: { product: Pick<PortalProduct, 'price_minor' | 'base_price_minor'>; currency: string }) {
  const { i18n } = useTranslation();
  if (typeof product.price_minor !== 'number') return null;
  const base = product.base_price_minor;
  return (
    <p className="portal-price" data-testid="product-price">
      <span className="portal-price__now">{formatMoney(product.price_minor, currency, i18n.language)}</span>
      {typeof base === 'number' && base > product.price_minor ? (
        <s className="portal-price__base" data-testid="product-base-price">
          {formatMoney(base, currency, i18n.language)}
        </s>
      ) : null}
    </p>
  );
}

function ProductCard({
  product: p,
  currency,
  me,
  queryKey,
}: {
  product: PortalProduct;
  currency: string;
  me: PortalMe | null;
  queryKey: readonly unknown[];
}) {
  const { t } = useTranslation();
  const outOfStock = p.available <= 0;
  return (
    <li className="portal-product" data-testid="portal-product" data-product-id={p.id} data-sku={p.sku}>
      <div className="portal-product__head">
        <div className="portal-product__names">
          <h2 className="portal-product__name">{p.name}</h2>
          <p className="portal-product__sku">{p.sku}</p>
        </div>
        {me ? <FavoriteToggle product={p} queryKey={queryKey} /> : null}
      </div>
      <div className="portal-product__badges">
        {outOfStock ? (
          <span className="badge badge--critical" data-testid="out-of-stock">
            {t('portal.catalog.outOfStock')}
          </span>
        ) : (
          <span className="badge badge--success badge--dot" data-testid="in-stock">
            {t('portal.catalog.inStock')}
          </span>
        )}
      </div>
      <div className="portal-product__foot">
        <PriceTag product={p} currency={currency} />
        {me && (hasPermission(me, 'place_orders') || hasPermission(me, 'request_quotes')) ? (
          <AddToCart product={p} currency={currency} contactId={me.contact.id} />
        ) : null}
      </div>
    </li>
  );
}

function FavoriteToggle({ product: p, queryKey }: { product: PortalProduct; queryKey: readonly unknown[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (favorite: boolean) => setPortalFavorite(p.id, favorite),
    onMutate: (favorite) => {
      // Show the change at once; a failure puts it back.
      queryClient.setQueryData<InfiniteData<PortalCatalog>>(queryKey, (data) =>
        data
          ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((i) => (i.id === p.id ? { ...i, favorite } : i)) })) }
          : data,
      );
    },
    onError: () => void queryClient.invalidateQueries({ queryKey }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: portalKeys.favorites() }),
  });
  const label = p.favorite ? t('portal.favorites.remove', { name: p.name }) : t('portal.favorites.add', { name: p.name });
  return (
    <button
      type="button"
      className={`portal-fav${p.favorite ? ' portal-fav--on' : ''}`}
      aria-pressed={p.favorite}
      aria-label={label}
      title={label}
      onClick={() => toggle.mutate(!p.favorite)}
      disabled={toggle.isPending}
      data-testid="favorite-toggle"
    >
      <Heart filled={p.favorite} />
    </button>
  );
}

function AddToCart({ product, currency, contactId }: { product: PortalProduct; currency: string; contactId: string }) {
  const { t } = useTranslation();
  const [cart, setCart] = usePortalCart(contactId);
  const [text, setText] = useState('1');
  const [note, setNote] = useState<string | null>(null);
  const inCart = lineOf(cart, product.id)?.quantity ?? 0;

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 3000);
    return () => clearTimeout(timer);
  }, [note]);

  function add(e: React.FormEvent) {
    e.preventDefault();
    const quantity = parseQuantity(text);
    if (quantity === null) {
      setNote(t('portal.cart.badQuantity'));
      return;
    }
    const next: PortalCart | null = addToCart(cart, product, currency, quantity);
    if (!next) {
      setNote(t('portal.cart.full'));
      return;
    }
    setCart(next);
    setText('1');
    setNote(t('portal.catalog.added', { count: quantity }));
  }

  return (
    <form className="portal-add" onSubmit={add} data-testid="add-to-cart">
      <label className="visually-hidden" htmlFor={`qty-${product.id}`}>
        {t('portal.cart.quantityOf', { name: product.name })}
      </label>
      <input
        id={`qty-${product.id}`}
        className="portal-qty"
        type="text"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="add-quantity"
      />
      <button type="submit" className="btn btn--primary" data-testid="add-button">
        <Icon name="plus" size={16} />
        {t('portal.catalog.add')}
      </button>
      <span className="portal-add__note" role="status" aria-live="polite">
        {note ?? (inCart > 0 ? t('portal.catalog.inCart', { count: inCart }) : '')}
      </span>
    </form>
  );
}
