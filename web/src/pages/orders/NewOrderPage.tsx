import { useEffect, useId, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, getCustomer, listCustomers } from '../../api/customers';
import { errorMessage, FIELD_ERROR_CODES, isApiError } from '../../api/errors';
import {
  createOrder,
  getCredit,
  getCustomerCatalog,
  newIdempotencyKey,
  orderKeys,
  type CatalogProduct,
  type Order,
  type OrderCreate,
  type OrderKind,
} from '../../api/orders';
import type { Customer, FieldError } from '../../api/types';
import { useCanWrite } from '../../auth';
import { describedBy, Field } from '../../components/Field';
import { SearchBox } from '../../components/FilterBar';
import { Icon } from '../../components/Icon';
import { Banner, EmptyState, ErrorState } from '../../components/States';
import { formatMoney, formatPercent } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { OrderFlash } from './OrderPage';
import { orderErrorMessage } from './parts';
import { ShippingAddressPicker } from '../addresses/ShippingAddressPicker';

export const MAX_QUANTITY = 1_000_000;
const NOTE_MAX = 2000;

interface Line {
  product: CatalogProduct;
  quantity: string;
}

interface LineErrors {
  product?: string;
  quantity?: string;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Whole number 1…1,000,000 typed in a quantity box, or null. */
export function parseQuantity(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_QUANTITY ? n : null;
}

/** Server errors `lines[i].product_id` / `lines[i].quantity` per line; the rest by field. */
export function splitLineErrors(
  errors: FieldError[],
  t: Translate,
): { lines: Record<number, LineErrors>; fields: Record<string, string> } {
  const lines: Record<number, LineErrors> = {};
  const fields: Record<string, string> = {};
  for (const e of errors) {
    const m = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(e.field);
    if (m) {
      const i = Number(m[1]);
      const entry = (lines[i] ??= {});
      if (m[2] === 'quantity') {
        entry.quantity ??= e.code === 'out_of_range' ? t('orders.new.errors.quantityRange') : fieldText(e, t);
      } else {
        entry.product ??= t('orders.new.errors.product');
      }
      continue;
    }
    const field = /^[^.[\]]+/.exec(e.field)?.[0] ?? e.field;
    fields[field] ??= fieldText(e, t);
  }
  return { lines, fields };
}

function fieldText(e: FieldError, t: Translate): string {
  return (FIELD_ERROR_CODES as readonly string[]).includes(e.code)
    ? t(`errors.field.${e.code}`)
    : e.message || t('errors.field.invalid');
}

/** Enter an order or a quote for a customer from its own catalogue and prices. */
export function NewOrderPage() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customer_id') || '';
  const kind: OrderKind = params.get('kind') === 'quote' ? 'quote' : 'order';
  useDocumentTitle(t(`orders.new.title.${kind}`));

  function setParam(name: string, value: string | undefined) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  if (!canWrite) {
    return (
      <div className="page page--narrow">
        <EmptyState icon="alert" title={t('errors.forbidden')} action={
          <Link to="/admin/orders" className="btn btn--secondary">{t('orders.detail.backToList')}</Link>
        } />
      </div>
    );
  }

  return (
    <div className="page page--form ord-new">
      <div className="page-header">
        <div className="page-header__main">
          <Link to="/admin/orders" className="back-link">
            <Icon name="back" size={16} />
            {t('orders.list.title')}
          </Link>
          <h1 className="page-title">{t(`orders.new.title.${kind}`)}</h1>
          <p className="page-subtitle">{t('orders.new.subtitle')}</p>
        </div>
      </div>
      <OrderForm
        key={customerId}
        customerId={customerId}
        kind={kind}
        onCustomer={(id) => setParam('customer_id', id)}
        onKind={(k) => setParam('kind', k === 'quote' ? 'quote' : undefined)}
      />
    </div>
  );
}

function OrderForm({
  customerId,
  kind,
  onCustomer,
  onKind,
}: {
  customerId: string;
  kind: OrderKind;
  onCustomer: (id: string | undefined) => void;
  onKind: (k: OrderKind) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [lines, setLines] = useState<Line[]>([]);
  const [note, setNote] = useState('');
  const [shippingAddressId, setShippingAddressId] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<number, LineErrors>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // One Idempotency-Key per form content: a double click or a retry of the same order
  // sends the same key (the server makes one order); a changed form gets a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const customer = useQuery({
    queryKey: customerKeys.detail(customerId),
    queryFn: () => getCustomer(customerId),
    enabled: !!customerId,
  });
  const currency = customer.data?.currency ?? 'EUR';
  const money = (minor: number) => formatMoney(minor, currency, lang);

  const create = useMutation({
    mutationFn: ({ body, key }: { body: OrderCreate; key: string }) => createOrder(body, key),
    onSuccess: (order: Order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: orderKeys.credit(order.customer_id) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.detail(order.customer_id) });
      navigate(`/admin/orders/${encodeURIComponent(order.id)}`, { state: { flash: 'created' } satisfies OrderFlash });
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 422 && e.fieldErrors.length) {
        const split = splitLineErrors(e.fieldErrors, t);
        setLineErrors(split.lines);
        setFieldErrors(split.fields);
        setFormError(t('orders.new.errors.fix'));
      } else {
        setFormError(orderErrorMessage(e, t));
      }
    },
  });

  useEffect(() => {
    if (formError) errorRef.current?.focus();
  }, [formError]);

  function addProduct(p: CatalogProduct) {
    setLines((prev) => {
      const i = prev.findIndex((l) => l.product.id === p.id);
      if (i < 0) return [...prev, { product: p, quantity: '1' }];
      const q = parseQuantity(prev[i].quantity) ?? 0;
      return prev.map((l, j) => (j === i ? { ...l, quantity: String(Math.min(q + 1, MAX_QUANTITY)) } : l));
    });
    setLineErrors({});
  }

  function setQuantity(i: number, quantity: string) {
    setLines((prev) => prev.map((l, j) => (j === i ? { ...l, quantity } : l)));
    setLineErrors((prev) => {
      if (!prev[i]?.quantity) return prev;
      const next = { ...prev, [i]: { ...prev[i], quantity: undefined } };
      return next;
    });
  }

  function removeLine(i: number) {
    setLines((prev) => prev.filter((_, j) => j !== i));
    setLineErrors({});
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    setFormError(null);
    setFieldErrors({});
    if (!customerId || !customer.data) {
      setFieldErrors({ customer_id: t('orders.new.errors.customer') });
      setFormError(t('orders.new.errors.fix'));
      return;
    }
    if (lines.length === 0) {
      setFormError(t('orders.new.errors.noLines'));
      return;
    }
    const errors: Record<number, LineErrors> = {};
    const parsed = lines.map((l, i) => {
      const q = parseQuantity(l.quantity);
      if (q === null) errors[i] = { quantity: t('orders.new.errors.quantityRange') };
      return q;
    });
    if (Object.keys(errors).length) {
      setLineErrors(errors);
      setFormError(t('orders.new.errors.fix'));
      return;
    }
    setLineErrors({});
    const body: OrderCreate = {
      kind,
      customer_id: customerId,
      lines: lines.map((l, i) => ({ product_id: l.product.id, quantity: parsed[i]! })),
      note: note.trim() || null,
      ...(shippingAddressId ? { shipping_address_id: shippingAddressId } : {}),
    };
    const text = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== text) attempt.current = { body: text, key: newIdempotencyKey() };
    create.mutate({ body, key: attempt.current.key });
  }

  const preview = lines.reduce((sum, l) => sum + (parseQuantity(l.quantity) ?? 0) * l.product.price_minor, 0);

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="order-form">
      <div ref={errorRef} tabIndex={-1} className="banner-slot" aria-live="polite">
        {formError ? (
          <div data-testid="order-form-error">
            <Banner tone="critical" title={formError} />
          </div>
        ) : null}
      </div>

      <section className="form-section">
        <h2 className="form-section__title">{t('orders.new.sections.customer')}</h2>
        {customerId ? (
          <SelectedCustomer
            customerId={customerId}
            query={customer}
            onChange={() => onCustomer(undefined)}
          />
        ) : (
          <CustomerPicker error={fieldErrors.customer_id} onPick={(c) => onCustomer(c.id)} />
        )}
        <fieldset className="ord-kind-choice">
          <legend className="field__label">{t('orders.fields.kind')}</legend>
          <div className="ord-segmented" role="radiogroup" aria-label={t('orders.fields.kind')}>
            {(['order', 'quote'] as const).map((k) => (
              <label key={k} className={`ord-segmented__option${kind === k ? ' ord-segmented__option--on' : ''}`}>
                <input
                  type="radio"
                  name="order-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => onKind(k)}
                  data-testid={`kind-${k}`}
                />
                {t(`orders.kind.${k}`)}
              </label>
            ))}
          </div>
          <p className="field__hint">{t(`orders.new.kindHint.${kind}`)}</p>
        </fieldset>
      </section>

      {customerId && customer.data ? (
        <section className="form-section">
          <h2 className="form-section__title">{t('orders.new.sections.lines')}</h2>
          <ProductPicker customer={customer.data} lines={lines} onAdd={addProduct} />
          {lines.length ? (
            <div className="ord-table-wrap ord-table-wrap--flat ord-new__lines">
              <table className="ord-table ord-edit-lines" data-testid="new-order-lines">
                <thead>
                  <tr>
                    <th scope="col">{t('orders.fields.product')}</th>
                    <th scope="col" className="ord-num">{t('orders.fields.unitPrice')}</th>
                    <th scope="col" className="ord-num">{t('orders.fields.quantity')}</th>
                    <th scope="col" className="ord-num">{t('orders.fields.lineTotal')}</th>
                    <th scope="col"><span className="visually-hidden">{t('orders.new.remove')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l, i) => {
                    const err = lineErrors[i] ?? {};
                    const q = parseQuantity(l.quantity);
                    const qtyId = `line-qty-${i}`;
                    return (
                      <tr
                        key={l.product.id}
                        className={err.product || err.quantity ? 'ord-edit-lines__row--error' : undefined}
                        data-testid="new-order-line"
                        data-product-id={l.product.id}
                      >
                        <td className="ord-edit-lines__product">
                          <span className="ord-edit-lines__name">{l.product.name}</span>
                          <code className="ord-edit-lines__sku">{l.product.sku}</code>
                          {err.product ? (
                            <p className="field__error" data-testid={`line-error-product-${i}`}>{err.product}</p>
                          ) : null}
                        </td>
                        <td className="ord-num ord-edit-lines__price">
                          {l.product.base_price_minor !== l.product.price_minor ? (
                            <s className="ord-base-price">{money(l.product.base_price_minor)}</s>
                          ) : null}
                          <span>{money(l.product.price_minor)}</span>
                        </td>
                        <td className="ord-num ord-edit-lines__qty">
                          <label htmlFor={qtyId} className="visually-hidden">
                            {t('orders.new.quantityOf', { name: l.product.name })}
                          </label>
                          <input
                            id={qtyId}
                            className="ord-qty"
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={MAX_QUANTITY}
                            step={1}
                            value={l.quantity}
                            onChange={(e) => setQuantity(i, e.target.value)}
                            {...describedBy(qtyId, err.quantity)}
                            data-testid={`line-qty-${i}`}
                          />
                          {err.quantity ? (
                            <p className="field__error" id={`${qtyId}-error`} data-testid={`line-error-quantity-${i}`}>
                              {err.quantity}
                            </p>
                          ) : q !== null && q > l.product.available ? (
                            <p className="field__hint ord-stock-hint">
                              {t('orders.new.overStock', { count: l.product.available })}
                            </p>
                          ) : null}
                        </td>
                        <td className="ord-num ord-edit-lines__total" data-testid={`line-preview-${i}`}>
                          {q !== null ? money(q * l.product.price_minor) : t('common.none')}
                        </td>
                        <td className="ord-edit-lines__remove">
                          <button
                            type="button"
                            className="ord-icon-btn"
                            onClick={() => removeLine(i)}
                            aria-label={t('orders.new.removeLine', { name: l.product.name })}
                            title={t('orders.new.remove')}
                          >
                            <Icon name="trash" size={16} />
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted ord-new__no-lines">{t('orders.new.noLines')}</p>
          )}
          {lines.length ? (
            <dl className="ord-totals">
              <div className="ord-totals__row ord-totals__row--total">
                <dt>{t('orders.new.previewTotal')}</dt>
                <dd data-testid="new-order-total">{money(preview)}</dd>
              </div>
              <p className="field__hint ord-totals__hint">{t('orders.new.previewHint')}</p>
            </dl>
          ) : null}
        </section>
      ) : null}

      {customerId && customer.data ? (
        <section className="form-section">
          <ShippingAddressPicker customerId={customerId} value={shippingAddressId} onChange={setShippingAddressId} error={fieldErrors.shipping_address_id} />
          <Field
            id="order-note"
            label={t('orders.fields.note')}
            hint={t('orders.new.noteHint')}
            error={fieldErrors.note}
          >
            <textarea
              id="order-note"
              value={note}
              maxLength={NOTE_MAX}
              onChange={(e) => setNote(e.target.value)}
              {...describedBy('order-note', fieldErrors.note, t('orders.new.noteHint'))}
            />
          </Field>
        </section>
      ) : null}

      <div className="form-actions">
        <Link to="/admin/orders" className="btn btn--secondary">
          {t('common.cancel')}
        </Link>
        <button
          type="submit"
          className="btn btn--primary"
          disabled={create.isPending || !customerId}
          data-testid="submit-order"
        >
          {create.isPending ? t('orders.new.submitting') : t(`orders.new.submit.${kind}`)}
        </button>
      </div>
    </form>
  );
}

function SelectedCustomer({
  customerId,
  query,
  onChange,
}: {
  customerId: string;
  query: { data?: Customer; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown; isFetching: boolean };
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const credit = useQuery({
    queryKey: orderKeys.credit(customerId),
    queryFn: () => getCredit(customerId),
    enabled: !!query.data,
  });
  if (query.isPending) return <div className="skeleton skeleton--title" aria-busy="true" />;
  if (query.isError || !query.data) {
    return (
      <>
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        <button type="button" className="btn btn--plain ord-change-customer" onClick={onChange}>
          {t('orders.new.changeCustomer')}
        </button>
      </>
    );
  }
  const c = query.data;
  const available = credit.data?.available_minor;
  return (
    <div className="ord-customer" data-testid="selected-customer">
      <div className="ord-customer__main">
        <p className="ord-customer__name">
          <Link to={`/admin/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
        </p>
        <p className="ord-customer__meta">
          <span>{c.currency}</span>
          {c.discount_percent > 0 ? (
            <span className="badge badge--success">
              {t('customer.card.discount', { value: formatPercent(c.discount_percent, i18n.language) })}
            </span>
          ) : null}
          {typeof available === 'number' && credit.data ? (
            <span className={available < 0 ? 'ord-text-critical' : 'muted'}>
              {t('orders.new.creditAvailable', { amount: formatMoney(available, credit.data.currency, i18n.language) })}
            </span>
          ) : null}
        </p>
      </div>
      <button type="button" className="btn btn--secondary" onClick={onChange} data-testid="change-customer">
        {t('orders.new.changeCustomer')}
      </button>
    </div>
  );
}

function CustomerPicker({ error, onPick }: { error?: string; onPick: (c: Customer) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const results = useQuery({
    queryKey: customerKeys.list({ picker: '1', q }),
    queryFn: () => listCustomers({ q, limit: 8 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const listId = useId();
  const items = q ? (results.data?.items ?? []) : [];
  return (
    <div className="ord-picker">
      <Field id="customer-search-box" label={t('orders.new.customerSearch')} required error={error}>
        <SearchBox
          id="customer-search-box"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('orders.new.customerSearchPlaceholder')}
          aria-controls={listId}
          {...describedBy('customer-search-box', error)}
          data-testid="customer-search"
        />
      </Field>
      <ul className="ord-picker__results" id={listId} aria-live="polite" data-testid="customer-results">
        {q && results.isError ? <li className="ord-picker__empty">{errorMessage(results.error, t)}</li> : null}
        {q && results.isSuccess && items.length === 0 ? (
          <li className="ord-picker__empty muted">{t('orders.new.noCustomers')}</li>
        ) : null}
        {items.map((c) => (
          <li key={c.id}>
            <button type="button" className="ord-picker__item" onClick={() => onPick(c)} data-testid="customer-option">
              <span className="ord-picker__name">{c.name}</span>
              <span className="ord-picker__sub muted">
                {[c.email, c.tax_id, c.currency].filter(Boolean).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProductPicker({
  customer,
  lines,
  onAdd,
}: {
  customer: Customer;
  lines: Line[];
  onAdd: (p: CatalogProduct) => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const catalog = useQuery({
    queryKey: orderKeys.catalog(customer.id, q),
    queryFn: () => getCustomerCatalog(customer.id, q),
    placeholderData: keepPreviousData,
  });
  const currency = catalog.data?.currency ?? customer.currency;
  const money = (minor: number) => formatMoney(minor, currency, i18n.language);
  const products = catalog.data?.products ?? [];
  const listId = useId();
  return (
    <div className="ord-picker ord-picker--products">
      <Field id="product-search-box" label={t('orders.new.productSearch')} hint={t('orders.new.productSearchHint')}>
        <SearchBox
          id="product-search-box"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('orders.new.productSearchPlaceholder')}
          aria-controls={listId}
          {...describedBy('product-search-box', undefined, t('orders.new.productSearchHint'))}
          data-testid="product-search"
        />
      </Field>
      {catalog.isError ? (
        <ErrorState message={errorMessage(catalog.error, t)} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />
      ) : (
        <ul
          className={`ord-picker__results ord-picker__results--products${catalog.isPlaceholderData ? ' ord-picker__results--stale' : ''}`}
          id={listId}
          data-testid="product-results"
          aria-busy={catalog.isFetching}
        >
          {catalog.isPending ? <li className="ord-picker__empty muted">{t('common.loading')}</li> : null}
          {catalog.isSuccess && products.length === 0 ? (
            <li className="ord-picker__empty muted">{q ? t('orders.new.noProductsMatch') : t('orders.new.noProducts')}</li>
          ) : null}
          {products.map((p) => {
            const inCart = lines.some((l) => l.product.id === p.id);
            return (
              <li key={p.id} className="ord-product" data-testid="product-option" data-sku={p.sku}>
                <div className="ord-product__main">
                  <span className="ord-product__name">{p.name}</span>
                  <span className="ord-product__sub">
                    <code>{p.sku}</code>
                    <span className={p.available > 0 ? 'muted' : 'ord-text-critical'}>
                      {t('orders.new.available', { count: p.available })}
                    </span>
                  </span>
                </div>
                <div className="ord-product__price">
                  {p.base_price_minor !== p.price_minor ? <s className="ord-base-price">{money(p.base_price_minor)}</s> : null}
                  <span data-testid="product-price">{money(p.price_minor)}</span>
                </div>
                <button
                  type="button"
                  className="btn btn--secondary ord-product__add"
                  onClick={() => onAdd(p)}
                  aria-label={t(inCart ? 'orders.new.addOneMore' : 'orders.new.addProduct', { name: p.name })}
                  data-testid="add-product"
                >
                  <Icon name="plus" size={16} />
                  <span className="ord-product__add-text">{inCart ? t('orders.new.addMoreShort') : t('orders.new.addShort')}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
