import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  catalogKeys,
  createProduct,
  getProduct,
  getStock,
  listNamed,
  setStock,
  updateProduct,
  type NamedResource,
  type Product,
  type StockLevel,
} from '../../api/catalog';
import { errorMessage, isApiError } from '../../api/errors';
import { FormBanners } from '../../components/FormBanners';
import { useResourceForm, type FormErrors } from '../../lib/useResourceForm';
import { CheckboxField, Field, describedBy } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Banner, EmptyState, ErrorState, Spinner } from '../../components/States';
import { formatMoney, intlDisplayName, parseAmountToMinor } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FREQUENT_CURRENCIES, allCurrencies } from './money';
import {
  clientErrorMessage,
  createProductBody,
  emptyProductValues,
  newRowKey,
  nextCurrency,
  productErrorKey,
  productPatchBody,
  serverFieldMessages,
  stockChanged,
  stockErrorKey,
  toProductPayload,
  toStockItems,
  valuesFromProduct,
  type ClientError,
  type PriceRow,
  type ProductFormValues,
} from './productForm';
import './catalog.css';

type Flash = 'created' | 'createdStockFailed' | 'saved' | 'unchanged';

/** /admin/products/new and /admin/products/:id/edit (the edit form is the product's page). */
export function ProductFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const product = useQuery({
    queryKey: catalogKeys.product(id ?? ''),
    queryFn: () => getProduct(id!),
    enabled: Boolean(id),
  });
  const stock = useQuery({
    queryKey: catalogKeys.stock(id ?? ''),
    queryFn: () => getStock(id!),
    enabled: Boolean(id),
  });
  useDocumentTitle(id ? (product.data?.name ?? t('catalog.product.editTitle')) : t('catalog.product.newTitle'));

  if (!id) return <ProductForm />;
  if (product.isPending || (stock.isPending && !stock.isError)) return <Spinner />;
  const failed = product.isError ? product : stock.isError ? stock : null;
  if (failed) {
    if (isApiError(failed.error) && failed.error.status === 404) {
      return (
        <div className="page page--narrow">
          <EmptyState
            icon="search"
            title={t('catalog.product.notFound')}
            action={
              <Link to="/admin/products" className="btn btn--secondary">
                {t('catalog.product.backToList')}
              </Link>
            }
          />
        </div>
      );
    }
    return (
      <div className="page page--narrow">
        <ErrorState
          message={errorMessage(failed.error, t)}
          onRetry={() => void failed.refetch()}
          retrying={failed.isFetching}
        />
      </div>
    );
  }
  return (
    <ProductForm
      key={product.data!.id}
      product={product.data!}
      stock={stock.data?.items ?? []}
      reload={async () => {
        const [p, s] = await Promise.all([product.refetch(), stock.refetch()]);
        return p.data && s.data ? { product: p.data, stock: s.data.items } : null;
      }}
    />
  );
}

function ProductForm({
  product,
  stock,
  reload,
}: {
  product?: Product;
  stock?: StockLevel[];
  reload?: () => Promise<{ product: Product; stock: StockLevel[] } | null>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  // The version being edited, its stock and their values, as formatted when they were loaded
  // (re-deriving them on a language change would discard edits).
  const [{ base, baseStock, initial }, setStart] = useState(() => ({
    base: product,
    baseStock: stock ?? [],
    initial: product ? valuesFromProduct(product, stock ?? [], lang) : emptyProductValues(),
  }));
  function setBase(next: Product, nextStock: StockLevel[] = baseStock) {
    setStart({ base: next, baseStock: nextStock, initial: valuesFromProduct(next, nextStock, lang) });
  }
  const form = useResourceForm<ProductFormValues>({
    initial,
    fixMessage: t('catalog.product.fixErrors'),
    isField: (k) =>
      k === 'sku' || k === 'name' || k === 'product_type_id' || k === 'active' || k === 'prices' ||
      k === 'stock' || /^prices\.\d+\.(currency|amount)$/.test(k) || /^stock\./.test(k),
  });
  const { values, setValues, set, errors, setErrors, clearErrors } = form;
  const [flash, setFlash] = useState<Flash | null>(
    ((location.state as { flash?: Flash } | null)?.flash ?? null) as Flash | null,
  );
  const [saving, setSaving] = useState(false);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const addPriceRef = useRef<HTMLButtonElement>(null);

  const types = useQuery({ queryKey: catalogKeys.named('productTypes'), queryFn: () => listNamed('productTypes') });
  const warehouses = useQuery({ queryKey: catalogKeys.named('warehouses'), queryFn: () => listNamed('warehouses') });
  const warehouseIds = useMemo(() => (warehouses.data ?? []).map((w) => w.id), [warehouses.data]);
  const currencies = useMemo(() => allCurrencies(), []);
  // "EUR · Euro" for every currency, built once per language (Intl.DisplayNames is not free).
  const currencyLabels = useMemo(
    () => new Map(currencies.map((c) => [c, `${c} · ${intlDisplayName('currency', c, lang)}`])),
    [currencies, lang],
  );

  // A flash passed by the previous page is shown once, not again after a reload.
  useEffect(() => {
    if ((location.state as { flash?: Flash } | null)?.flash) {
      navigate(location.pathname, { replace: true, state: null });
    }
  }, [location.state, location.pathname, navigate]);

  // A new price row gets the focus on its amount.
  useEffect(() => {
    if (!focusRow) return;
    document.getElementById(`price-${focusRow}-amount`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  function setRow(index: number, change: Partial<PriceRow>) {
    setValues((v) => ({ ...v, prices: v.prices.map((r, i) => (i === index ? { ...r, ...change } : r)) }));
    clearErrors(...Object.keys(change).map((k) => `prices.${index}.${k}`), 'prices');
  }

  function addRow() {
    const key = newRowKey();
    setValues((v) => ({ ...v, prices: [...v.prices, { key, currency: nextCurrency(v.prices), amount: '' }] }));
    clearErrors('prices');
    setFocusRow(key);
  }

  function removeRow(index: number) {
    setValues((v) => ({ ...v, prices: v.prices.filter((_, i) => i !== index) }));
    // Errors are keyed by row position: drop the ones of this and later rows.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => {
      const m = /^prices\.(\d+)\./.exec(k);
      return !m || Number(m[1]) < index;
    })));
    addPriceRef.current?.focus();
  }

  function showClientErrors(list: ClientError[]) {
    const msgs: FormErrors = {};
    for (const ce of list) msgs[ce.field] ??= clientErrorMessage(ce, t);
    form.showErrors(msgs);
  }

  /** A failed save; `keyOf` puts a server field on the form's key (a price row, a warehouse). */
  function showServerErrors(err: unknown, keyOf: (field: string) => string) {
    form.fail(err, () =>
      isApiError(err) && (err.status === 422 || err.status === 409) && err.fieldErrors.length
        ? serverFieldMessages(err.fieldErrors, keyOf, t, t('catalog.product.errors.skuTaken'))
        : null,
    );
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (saving) return;
    form.startSave();
    setFlash(null);
    const { payload, errors: productErrors } = toProductPayload(values);
    // Stock is checked only once the warehouses are known (else it is left as it is).
    const stockKnown = warehouses.isSuccess;
    const { items, errors: stockErrors } = toStockItems(values, warehouseIds);
    const clientErrors = [...productErrors, ...(stockKnown ? stockErrors : [])];
    if (clientErrors.length) {
      showClientErrors(clientErrors);
      return;
    }
    setSaving(true);
    setErrors({});

    if (!base) {
      let created: Product;
      try {
        created = await createProduct(createProductBody(payload));
      } catch (err) {
        setSaving(false);
        showServerErrors(err, productErrorKey);
        return;
      }
      queryClient.setQueryData(catalogKeys.product(created.id), created);
      void queryClient.invalidateQueries({ queryKey: catalogKeys.productLists() });
      let result: Flash = 'created';
      if (stockKnown && items.length) {
        try {
          const levels = await setStock(created.id, items);
          queryClient.setQueryData(catalogKeys.stock(created.id), levels);
        } catch {
          result = 'createdStockFailed';
        }
      }
      navigate(`/admin/products/${encodeURIComponent(created.id)}/edit`, { replace: true, state: { flash: result } });
      return;
    }

    const changes = productPatchBody(toProductPayload(initial).payload, payload);
    const stockDirty = stockKnown && stockChanged(baseStock, items);
    if (Object.keys(changes).length === 0 && !stockDirty) {
      setSaving(false);
      setFlash('unchanged');
      form.focusFirstError();
      return;
    }
    let saved = base;
    if (Object.keys(changes).length) {
      try {
        saved = await updateProduct(base.id, base.version, changes);
      } catch (err) {
        setSaving(false);
        showServerErrors(err, productErrorKey);
        return;
      }
      queryClient.setQueryData(catalogKeys.product(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: catalogKeys.productLists() });
    }
    let savedStock = baseStock;
    if (stockDirty) {
      try {
        savedStock = (await setStock(base.id, items)).items;
        queryClient.setQueryData(catalogKeys.stock(base.id), { items: savedStock, next_cursor: null });
      } catch (err) {
        setSaving(false);
        // The product's own fields are saved; keep the form on the new version.
        if (saved !== base) setBase(saved);
        showServerErrors(err, (f) => stockErrorKey(f, items));
        return;
      }
    }
    setSaving(false);
    setBase(saved, savedStock);
    setValues(valuesFromProduct(saved, savedStock, lang));
    setFlash('saved');
    form.focusFirstError();
  }

  async function reloadLatest() {
    if (!reload) return;
    const res = await reload();
    if (res) {
      setBase(res.product, res.stock);
      form.reset(valuesFromProduct(res.product, res.stock, lang));
    }
  }

  const typeOptions: NamedResource[] = types.data ?? [];
  const typeHint = types.isError
    ? errorMessage(types.error, t)
    : types.isSuccess && typeOptions.length === 0
      ? t('catalog.product.hints.noTypes')
      : undefined;
  const frequent = FREQUENT_CURRENCIES;
  const others = currencies.filter((c) => !frequent.includes(c));
  const usedCurrencies = values.prices.map((r) => r.currency);

  function currencyOptions(current: string) {
    const label = (c: string) => currencyLabels.get(c) ?? c;
    const option = (c: string) => (
      <option key={c} value={c} disabled={c !== current && usedCurrencies.includes(c)}>
        {label(c)}
      </option>
    );
    return (
      <>
        {current && !frequent.includes(current) && !others.includes(current) ? option(current) : null}
        <optgroup label={t('catalog.product.price.frequent')}>{frequent.map(option)}</optgroup>
        <optgroup label={t('catalog.product.price.others')}>{others.map(option)}</optgroup>
      </>
    );
  }

  const totalStock = warehouseIds.reduce((sum, wid) => {
    const n = Number(values.stock[wid]);
    return Number.isSafeInteger(n) && n > 0 ? sum + n : sum;
  }, 0);

  return (
    <div className="page page--form">
      <div className="page-header">
        <div className="page-header__main">
          <Link to="/admin/products" className="back-link">
            <Icon name="back" size={16} />
            {t('catalog.products.title')}
          </Link>
          <h1 className="page-title">{base ? base.name : t('catalog.product.newTitle')}</h1>
          {base ? (
            <div className="badge-row">
              <span className="product-sku-pill">{base.sku}</span>
              <span className={`badge badge--${base.active ? 'success' : 'neutral'}`}>
                {base.active ? t('catalog.product.active') : t('catalog.product.inactive')}
              </span>
            </div>
          ) : null}
        </div>
      </div>

      <FormBanners
        form={form}
        bannerRef={form.bannerRef}
        conflict={{
          title: t('catalog.product.conflict.title'),
          text: t('catalog.product.conflict.text'),
          reload: t('catalog.product.conflict.reload'),
          onReload: () => void reloadLatest(),
        }}
        before={
          flash ? (
            <Banner tone={flash === 'unchanged' ? 'info' : flash === 'createdStockFailed' ? 'warning' : 'success'} title={t(`catalog.product.flash.${flash}`)} />
          ) : null
        }
      />

      <form ref={form.formRef} onSubmit={onSubmit} noValidate className="form" data-testid="product-form">
        <section className="form-section" aria-labelledby="sec-product">
          <h2 id="sec-product" className="form-section__title">{t('catalog.product.sections.data')}</h2>
          <div className="form-grid">
            <Field id="field-name" label={t('catalog.product.fields.name')} required error={errors.name} wide>
              <input
                id="field-name"
                type="text"
                value={values.name}
                maxLength={200}
                autoFocus={!base}
                onChange={(e) => set('name', e.target.value)}
                {...describedBy('field-name', errors.name)}
              />
            </Field>
            <Field id="field-sku" label={t('catalog.product.fields.sku')} required error={errors.sku} hint={t('catalog.product.hints.sku')}>
              <input
                id="field-sku"
                type="text"
                className="input--mono"
                value={values.sku}
                maxLength={64}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                onChange={(e) => set('sku', e.target.value)}
                {...describedBy('field-sku', errors.sku, t('catalog.product.hints.sku'))}
              />
            </Field>
            <Field
              id="field-product_type_id"
              label={t('catalog.product.fields.type')}
              error={errors.product_type_id}
              hint={typeHint}
            >
              <select
                id="field-product_type_id"
                value={values.product_type_id}
                onChange={(e) => set('product_type_id', e.target.value)}
                {...describedBy('field-product_type_id', errors.product_type_id, typeHint)}
              >
                <option value="">{t('catalog.product.noType')}</option>
                {typeOptions.map((pt) => (
                  <option key={pt.id} value={pt.id}>
                    {pt.name}
                  </option>
                ))}
                {values.product_type_id && types.isSuccess && !typeOptions.some((pt) => pt.id === values.product_type_id) ? (
                  <option value={values.product_type_id}>{values.product_type_id}</option>
                ) : null}
              </select>
            </Field>
            <CheckboxField
              id="field-active"
              label={t('catalog.product.fields.active')}
              checked={values.active}
              onChange={(on) => set('active', on)}
              hint={t('catalog.product.hints.active')}
              error={errors.active}
            />
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-prices" data-testid="prices-section">
          <h2 id="sec-prices" className="form-section__title">{t('catalog.product.sections.prices')}</h2>
          <p className="form-section__hint">{t('catalog.product.hints.prices')}</p>
          {values.prices.length ? (
            <div className="price-rows">
              <div className="price-rows__head" aria-hidden="true">
                <span>{t('catalog.product.price.currency')}</span>
                <span>{t('catalog.product.price.amount')}</span>
              </div>
              {values.prices.map((row, i) => {
                const cid = `price-${row.key}-currency`;
                const aid = `price-${row.key}-amount`;
                const curError = errors[`prices.${i}.currency`];
                const amtError = errors[`prices.${i}.amount`];
                const parsed = row.currency ? parseAmountToMinor(row.amount, row.currency) : null;
                const preview =
                  parsed && parsed.ok && parsed.value !== null && parsed.value >= 0
                    ? formatMoney(parsed.value, row.currency, lang)
                    : null;
                return (
                  <div className="price-row" key={row.key} data-testid="price-row">
                    <div className="price-row__currency">
                      <label htmlFor={cid} className="visually-hidden">
                        {t('catalog.product.price.currencyLabel', { n: i + 1 })}
                      </label>
                      <select
                        id={cid}
                        value={row.currency}
                        onChange={(e) => setRow(i, { currency: e.target.value })}
                        aria-invalid={curError ? true : undefined}
                        aria-describedby={curError ? `${cid}-error` : undefined}
                        data-testid="price-currency"
                      >
                        {row.currency ? null : <option value="">{t('catalog.product.price.choose')}</option>}
                        {currencyOptions(row.currency)}
                      </select>
                    </div>
                    <div className="price-row__amount input-affix">
                      <label htmlFor={aid} className="visually-hidden">
                        {t('catalog.product.price.amountLabel', { currency: row.currency || '—' })}
                      </label>
                      <input
                        id={aid}
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        value={row.amount}
                        placeholder={row.currency ? formatMoney(0, row.currency, lang).replace(/[^\d.,]/g, '') : undefined}
                        onChange={(e) => setRow(i, { amount: e.target.value })}
                        aria-invalid={amtError ? true : undefined}
                        aria-describedby={amtError ? `${aid}-error` : preview ? `${aid}-preview` : undefined}
                        data-testid="price-amount"
                      />
                      <span className="input-affix__suffix" aria-hidden="true">{row.currency}</span>
                    </div>
                    <button
                      type="button"
                      className="icon-btn price-row__remove"
                      onClick={() => removeRow(i)}
                      aria-label={t('catalog.product.price.remove', { currency: row.currency || i + 1 })}
                      title={t('catalog.product.price.remove', { currency: row.currency || i + 1 })}
                    >
                      <Icon name="trash" size={18} />
                    </button>
                    {curError ? (
                      <p
                        className="field__error price-row__message price-row__message--currency"
                        id={`${cid}-error`}
                        data-testid={`error-prices-${i}-currency`}
                      >
                        {curError}
                      </p>
                    ) : null}
                    {amtError ? (
                      <p
                        className="field__error price-row__message price-row__message--amount"
                        id={`${aid}-error`}
                        data-testid={`error-prices-${i}-amount`}
                      >
                        {amtError}
                      </p>
                    ) : preview ? (
                      <p
                        className="field__hint price-row__message price-row__message--amount"
                        id={`${aid}-preview`}
                        data-testid="price-preview"
                      >
                        {preview}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ) : (
            <p className="muted catalog-empty-line">{t('catalog.product.price.none')}</p>
          )}
          {errors.prices ? (
            <p className="field__error" data-testid="error-prices">{errors.prices}</p>
          ) : null}
          <button
            ref={addPriceRef}
            type="button"
            className="btn btn--secondary catalog-add-btn"
            onClick={addRow}
            disabled={values.prices.length >= 50}
            data-testid="add-price"
          >
            <Icon name="plus" size={16} />
            {t('catalog.product.price.add')}
          </button>
        </section>

        <section className="form-section" aria-labelledby="sec-stock" data-testid="stock-section">
          <div className="form-section__title-row">
            <h2 id="sec-stock" className="form-section__title">{t('catalog.product.sections.stock')}</h2>
            {warehouseIds.length ? (
              <span className="muted" data-testid="stock-total">
                {t('catalog.product.stock.total', { count: totalStock })}
              </span>
            ) : null}
          </div>
          {warehouses.isPending ? (
            <Spinner />
          ) : warehouses.isError ? (
            <ErrorState
              message={errorMessage(warehouses.error, t)}
              onRetry={() => void warehouses.refetch()}
              retrying={warehouses.isFetching}
            />
          ) : warehouseIds.length === 0 ? (
            <p className="muted catalog-empty-line">
              {t('catalog.product.stock.noWarehouses')}{' '}
              <Link to="/admin/warehouses">{t('catalog.product.stock.manageWarehouses')}</Link>
            </p>
          ) : (
            <>
              <p className="form-section__hint">{t('catalog.product.hints.stock')}</p>
              <div className="stock-rows">
                {(warehouses.data ?? []).map((w) => {
                  const sid = `stock-${w.id}`;
                  const err = errors[`stock.${w.id}`];
                  return (
                    <div className="stock-row" key={w.id} data-testid="stock-row">
                      <label htmlFor={sid} className="stock-row__name">
                        <Icon name="warehouse" size={16} />
                        <span>{w.name}</span>
                      </label>
                      <div className="input-affix stock-row__qty">
                        <input
                          id={sid}
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          value={values.stock[w.id] ?? ''}
                          placeholder="0"
                          onChange={(e) => {
                            const q = e.target.value;
                            setValues((v) => ({ ...v, stock: { ...v.stock, [w.id]: q } }));
                            clearErrors(`stock.${w.id}`, 'stock');
                          }}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? `${sid}-error` : undefined}
                        />
                        <span className="input-affix__suffix" aria-hidden="true">{t('catalog.product.stock.units')}</span>
                      </div>
                      {err ? (
                        <p className="field__error stock-row__error" id={`${sid}-error`} data-testid={`error-stock-${w.id}`}>
                          {err}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
              </div>
              {errors.stock ? <p className="field__error">{errors.stock}</p> : null}
            </>
          )}
        </section>

        <div className="form-actions">
          <Link to="/admin/products" className="btn btn--secondary">
            {base ? t('catalog.product.backToList') : t('common.cancel')}
          </Link>
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="save-product">
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
