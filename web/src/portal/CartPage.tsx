// The portal's cart and checkout (F15, F20, F24): quantities, a note, and for a shared account
// the buyer's own name and email. Sent as an order (place_orders) or a quote (request_quotes)
// with an Idempotency-Key, so a double click never makes two orders.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { baseField, errorMessage, isApiError } from '../api/errors';
import { placePortalOrder, portalKeys, type PortalOrderCreate } from '../api/portal';
import { describedBy, Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { Banner, EmptyState } from '../components/States';
import { formatMoney } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import {
  cartEstimate,
  emptyCart,
  MAX_NOTE,
  MAX_QTY,
  parseQuantity,
  removeFromCart,
  setLineQuantity,
  usePortalCart,
  withBuyer,
  withNote,
  type PortalCart,
  type PortalCartLine,
} from './cart';
import { hasPermission, usePortalContact } from './session';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Kind = 'order' | 'quote';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The body of POST /portal/orders; the buyer only for a shared account. */
export function checkoutBody(cart: PortalCart, kind: Kind, shared: boolean): PortalOrderCreate {
  const note = cart.note.trim();
  return {
    kind,
    lines: cart.lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity })),
    note: note || null,
    ...(shared ? { buyer: { name: cart.buyer.name.trim(), email: cart.buyer.email.trim() || null } } : {}),
  };
}

/** Client checks of the shared account's buyer; empty when fine. */
export function buyerProblems(cart: PortalCart, shared: boolean, t: Translate): { name?: string; email?: string } {
  if (!shared) return {};
  const out: { name?: string; email?: string } = {};
  if (!cart.buyer.name.trim()) out.name = t('portal.cart.errors.buyerName');
  const email = cart.buyer.email.trim();
  if (!email) out.email = t('portal.cart.errors.buyerEmail');
  else if (!EMAIL_RE.test(email)) out.email = t('portal.cart.errors.buyerEmailInvalid');
  return out;
}

/** Messages per product for 422 `lines[i].…` errors of the server. */
export function lineProblems(e: unknown, cart: PortalCart, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(e)) return out;
  for (const f of e.fieldErrors) {
    const m = /^lines\[(\d+)\]/.exec(f.field);
    const line = m ? cart.lines[Number(m[1])] : undefined;
    if (!line || out[line.product_id]) continue;
    const known = ['not_found', 'inactive', 'not_in_catalog', 'no_price', 'out_of_range'];
    out[line.product_id] = known.includes(f.code) ? t(`portal.cart.lineErrors.${f.code}`) : f.message || t('portal.cart.lineErrors.invalid');
  }
  return out;
}

export function PortalCartPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('portal.cart.title'));
  const me = usePortalContact();
  const shared = me.customer.shared_account;
  const canOrder = hasPermission(me, 'place_orders');
  const canQuote = hasPermission(me, 'request_quotes');
  const [cart, setCart] = usePortalCart(me.contact.id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [buyerErrors, setBuyerErrors] = useState<{ name?: string; email?: string }>({});
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const estimate = cartEstimate(cart);

  const submit = useMutation({
    mutationFn: (kind: Kind) => placePortalOrder(checkoutBody(cart, kind, shared), cart.key),
    onSuccess: (order) => {
      setCart({ ...emptyCart(), buyer: cart.buyer });
      void queryClient.invalidateQueries({ queryKey: portalKeys.all });
      navigate(`/portal/orders/${encodeURIComponent(order.id)}`, { state: { placed: order.kind } });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'permission_required') return setError(t('portal.cart.errors.permission'));
      if (isApiError(e) && e.status === 422) {
        const lines = lineProblems(e, cart, t);
        const buyer: { name?: string; email?: string } = {};
        for (const f of e.fieldErrors) {
          if (f.field === 'buyer.name' || (f.field === 'buyer' && !buyer.name)) buyer.name = t('portal.cart.errors.buyerName');
          if (f.field === 'buyer.email') buyer.email = t('portal.cart.errors.buyerEmailInvalid');
          if (baseField(f.field) === 'note') setError(t('portal.cart.errors.note', { max: MAX_NOTE }));
        }
        setLineErrors(lines);
        setBuyerErrors(buyer);
        if (!Object.keys(lines).length && !Object.keys(buyer).length && !e.fieldErrors.some((f) => f.field === 'note')) {
          setError(errorMessage(e, t));
        } else if (Object.keys(lines).length) setError(t('portal.cart.errors.lines'));
        return;
      }
      setError(errorMessage(e, t));
    },
  });

  function send(kind: Kind) {
    if (submit.isPending) return;
    setError(null);
    setLineErrors({});
    const found = buyerProblems(cart, shared, t);
    setBuyerErrors(found);
    if (found.name || found.email) {
      document.getElementById(found.name ? 'buyer-name' : 'buyer-email')?.focus();
      return;
    }
    submit.mutate(kind);
  }

  if (cart.lines.length === 0) {
    return (
      <div className="page page--narrow portal-page">
        <h1 className="page-title portal-title">{t('portal.cart.title')}</h1>
        <EmptyState
          icon="cart"
          title={t('portal.cart.empty')}
          action={
            <Link to="/portal/catalog" className="btn btn--primary">
              {t('portal.cart.browse')}
            </Link>
          }
        >
          {t('portal.cart.emptyHint')}
        </EmptyState>
      </div>
    );
  }

  const lang = i18n.language;
  return (
    <div className="page portal-page portal-cart">
      <div className="page-header portal-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('portal.cart.title')}</h1>
          <p className="page-subtitle">{t('portal.cart.lines', { count: cart.lines.length })}</p>
        </div>
      </div>
      {error ? (
        <div className="portal-banner" data-testid="cart-error">
          <Banner tone="critical" title={error} />
        </div>
      ) : null}
      {!canOrder && !canQuote ? (
        <div className="portal-banner" data-testid="cart-no-permission">
          <Banner tone="warning" title={t('portal.cart.noPermission')} />
        </div>
      ) : null}
      <div className="portal-cart__layout">
        <section className="panel portal-cart__lines" aria-label={t('portal.cart.linesLabel')}>
          <ul className="portal-lines" data-testid="cart-lines">
            {cart.lines.map((l) => (
              <CartLineRow
                key={l.product_id}
                line={l}
                error={lineErrors[l.product_id]}
                onQuantity={(q) => setCart(setLineQuantity(cart, l.product_id, q))}
                onRemove={() => setCart(removeFromCart(cart, l.product_id))}
              />
            ))}
          </ul>
        </section>
        <aside className="panel portal-cart__summary">
          <h2 className="panel__title">{t('portal.cart.summary')}</h2>
          {estimate ? (
            <p className="portal-cart__total" data-testid="cart-estimate">
              <span>{t('portal.cart.estimate')}</span>
              <strong>{formatMoney(estimate.total_minor, estimate.currency, lang)}</strong>
            </p>
          ) : null}
          <p className="portal-cart__fine muted">{estimate ? t('portal.cart.estimateHint') : t('portal.cart.noPricesHint')}</p>
          {shared ? (
            <fieldset className="portal-buyer" data-testid="buyer-fields">
              <legend className="field__label">{t('portal.cart.buyerTitle')}</legend>
              <p className="field__hint">{t('portal.cart.buyerHint')}</p>
              <Field id="buyer-name" label={t('portal.cart.buyerName')} required error={buyerErrors.name}>
                <input
                  id="buyer-name"
                  type="text"
                  autoComplete="name"
                  maxLength={200}
                  value={cart.buyer.name}
                  onChange={(e) => setCart(withBuyer(cart, { ...cart.buyer, name: e.target.value }))}
                  data-testid="buyer-name"
                  {...describedBy('buyer-name', buyerErrors.name)}
                />
              </Field>
              <Field id="buyer-email" label={t('portal.cart.buyerEmail')} required error={buyerErrors.email}>
                <input
                  id="buyer-email"
                  type="email"
                  inputMode="email"
                  autoComplete="email"
                  maxLength={254}
                  value={cart.buyer.email}
                  onChange={(e) => setCart(withBuyer(cart, { ...cart.buyer, email: e.target.value }))}
                  data-testid="buyer-email"
                  {...describedBy('buyer-email', buyerErrors.email)}
                />
              </Field>
            </fieldset>
          ) : null}
          <Field id="cart-note" label={t('portal.cart.note')}>
            <textarea
              id="cart-note"
              rows={3}
              maxLength={MAX_NOTE}
              value={cart.note}
              placeholder={t('portal.cart.notePlaceholder')}
              onChange={(e) => setCart(withNote(cart, e.target.value))}
              data-testid="cart-note"
            />
          </Field>
          <div className="portal-cart__actions">
            {canOrder ? (
              <button type="button" className="btn btn--primary btn--block" onClick={() => send('order')} disabled={submit.isPending} data-testid="place-order">
                {submit.isPending && submit.variables === 'order' ? t('portal.cart.sending') : t('portal.cart.placeOrder')}
              </button>
            ) : null}
            {canQuote ? (
              <button
                type="button"
                className={`btn btn--block ${canOrder ? 'btn--secondary' : 'btn--primary'}`}
                onClick={() => send('quote')}
                disabled={submit.isPending}
                data-testid="request-quote"
              >
                {submit.isPending && submit.variables === 'quote' ? t('portal.cart.sending') : t('portal.cart.requestQuote')}
              </button>
            ) : null}
            <Link to="/portal/catalog" className="btn btn--plain btn--block">
              {t('portal.cart.keepShopping')}
            </Link>
          </div>
        </aside>
      </div>
    </div>
  );
}

function CartLineRow({
  line: l,
  error,
  onQuantity,
  onRemove,
}: {
  line: PortalCartLine;
  error?: string;
  onQuantity: (q: number) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(String(l.quantity));
  const [bad, setBad] = useState(false);
  // Another tab (or the catalogue) changed the quantity: show it.
  const [seen, setSeen] = useState(l.quantity);
  if (seen !== l.quantity) {
    setSeen(l.quantity);
    setText(String(l.quantity));
  }
  function commit(value: string) {
    const q = parseQuantity(value);
    if (q === null) {
      setBad(true);
      return;
    }
    setBad(false);
    if (q !== l.quantity) onQuantity(q);
    else setText(String(q));
  }
  const id = `cart-qty-${l.product_id}`;
  return (
    <li className={`portal-line${error ? ' portal-line--error' : ''}`} data-testid="cart-line" data-product-id={l.product_id}>
      <div className="portal-line__text">
        <p className="portal-line__name">{l.name}</p>
        <p className="portal-line__sku muted">
          {l.sku}
          {l.available <= 0 ? (
            <span className="badge badge--critical portal-line__stock">{t('portal.catalog.outOfStock')}</span>
          ) : null}
        </p>
        {l.price_minor !== null && l.currency ? (
          <p className="portal-line__price" data-testid="line-price">
            {t('portal.cart.unit', { price: formatMoney(l.price_minor, l.currency, i18n.language) })}
          </p>
        ) : null}
        {error ? (
          <p className="field__error" data-testid="line-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="portal-line__qty">
        <button type="button" className="icon-btn portal-step" onClick={() => onQuantity(l.quantity - 1)} disabled={l.quantity <= 1} aria-label={t('portal.cart.less', { name: l.name })}>
          −
        </button>
        <label className="visually-hidden" htmlFor={id}>
          {t('portal.cart.quantityOf', { name: l.name })}
        </label>
        <input
          id={id}
          className="portal-qty"
          type="text"
          inputMode="numeric"
          value={text}
          aria-invalid={bad || undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(e.currentTarget.value);
          }}
          data-testid="line-quantity"
        />
        <button type="button" className="icon-btn portal-step" onClick={() => onQuantity(l.quantity + 1)} disabled={l.quantity >= MAX_QTY} aria-label={t('portal.cart.more', { name: l.name })}>
          +
        </button>
      </div>
      <div className="portal-line__end">
        {l.price_minor !== null && l.currency ? (
          <p className="portal-line__total" data-testid="line-total">
            {formatMoney(l.price_minor * l.quantity, l.currency, i18n.language)}
          </p>
        ) : null}
        <button type="button" className="btn btn--plain portal-line__remove" onClick={onRemove} aria-label={t('portal.cart.removeLabel', { name: l.name })} data-testid="line-remove">
          <Icon name="trash" size={16} />
          <span className="portal-line__remove-text">{t('portal.cart.remove')}</span>
        </button>
      </div>
    </li>
  );
}
