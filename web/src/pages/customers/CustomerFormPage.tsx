import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { catalogKeys, listNamed, type NamedResource } from '../../api/catalog';
import { createCustomer, customerKeys, getCustomer, updateCustomer } from '../../api/customers';
import { contactsWithAccessOf, type ContactWithAccess } from '../../api/deletion';
import { errorMessage, fieldMessages, isApiError } from '../../api/errors';
import { FormBanners } from '../../components/FormBanners';
import { useResourceForm, type FormErrors } from '../../lib/useResourceForm';
import {
  ACCOUNT_STATUSES,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  REGISTRATION_STATUSES,
  TEMPERATURES,
  type Customer,
} from '../../api/types';
import { CheckboxField, Field, describedBy } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ErrorState, Spinner } from '../../components/States';
import { TagInput } from '../tags/TagInput';
import { formatMoney, intlDisplayName, parseAmountToMinor } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ProductPicker } from '../catalog/ProductPicker';
import { ContactsAccessBanner } from './DeactivateCustomerDialog';
import { CountrySelect } from '../messaging/CountrySelect';
import {
  CATALOG_SCOPES,
  CURRENCIES,
  CUSTOMER_LANGUAGES,
  FALLBACK_CURRENCY,
  PAYMENT_METHOD_MAX_LENGTH,
  createBody,
  emptyValues,
  patchBody,
  toPayload,
  valuesFromCustomer,
  type CustomerFormValues,
  type FieldName,
} from './customerForm';


/** /admin/customers/new and /admin/customers/:id/edit. */
export function CustomerFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const existing = useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: () => getCustomer(id!),
    enabled: Boolean(id),
  });
  useDocumentTitle(id ? t('form.editTitle') : t('form.newTitle'));

  if (!id) return <CustomerForm />;
  if (existing.isPending) return <Spinner />;
  if (existing.isError) {
    return (
      <div className="page page--narrow">
        <ErrorState
          message={errorMessage(existing.error, t)}
          onRetry={() => void existing.refetch()}
          retrying={existing.isFetching}
        />
      </div>
    );
  }
  return <CustomerForm key={existing.data.id} customer={existing.data} reload={existing.refetch} />;
}

function CustomerForm({
  customer,
  reload,
}: {
  customer?: Customer;
  reload?: () => Promise<{ data?: Customer }>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isEdit = Boolean(customer);

  // The version being edited and its values, as formatted when it was loaded (re-deriving
  // them on a language change would discard edits).
  const [{ base, initial }, setStart] = useState(() => ({
    base: customer,
    initial: customer ? valuesFromCustomer(customer, lang) : emptyValues(),
  }));
  const form = useResourceForm<CustomerFormValues>({
    initial,
    fixMessage: t('form.fixErrors'),
    serverErrors: (err) =>
      isApiError(err) && err.status === 422 && err.fieldErrors.length
        ? { ...fieldMessages(err.fieldErrors, t), ...catalogFieldMessages(err.fieldErrors, t) }
        : null,
    isField: (f) => f in initial,
  });
  const { values, set, errors, formRef } = form;
  // Deactivating was refused: these contacts can still sign in (F14).
  const [blockingContacts, setBlockingContacts] = useState<ContactWithAccess[] | null>(null);
  const [saving, setSaving] = useState(false);

  const fallbackCurrency = base?.currency || FALLBACK_CURRENCY;

  function text(name: FieldName, hint?: string) {
    const id = `field-${name}`;
    return {
      id,
      name,
      value: values[name] as string,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
        set(name, e.target.value as never),
      ...describedBy(id, errors[name], hint),
    };
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (saving) return;
    form.startSave();
    setBlockingContacts(null);
    const { payload, errors: clientErrors } = toPayload(values, fallbackCurrency);
    const msgs: FormErrors = {};
    for (const ce of clientErrors) {
      msgs[ce.field] ??=
        ce.code === 'choose_one' ? t(`catalog.customerScope.errors.chooseOne`) : t(`form.clientErrors.${ce.code}`);
    }
    if (form.showErrors(msgs)) return;
    setSaving(true);
    try {
      if (base) {
        const changes = patchBody(toPayload(initial, fallbackCurrency).payload, payload);
        if (Object.keys(changes).length === 0) {
          navigate(`/admin/customers/${encodeURIComponent(base.id)}`, { state: { flash: 'unchanged' } });
          return;
        }
        const updated = await updateCustomer(base.id, base.version, changes);
        queryClient.setQueryData(customerKeys.detail(updated.id), updated);
        void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
        navigate(`/admin/customers/${encodeURIComponent(updated.id)}`, { state: { flash: 'saved' } });
      } else {
        const created = await createCustomer(createBody(payload));
        const { possible_duplicates: duplicates, ...stored } = created;
        queryClient.setQueryData(customerKeys.detail(created.id), stored);
        void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
        navigate(`/admin/customers/${encodeURIComponent(created.id)}`, {
          state: { flash: 'created', duplicates: duplicates ?? [] },
        });
      }
    } catch (err) {
      setSaving(false);
      const blocking = contactsWithAccessOf(err);
      if (blocking) {
        setBlockingContacts(blocking);
        form.focusFirstError();
      } else form.fail(err);
    }
  }

  async function reloadLatest() {
    if (!reload) return;
    const res = await reload();
    if (res.data) {
      const initial = valuesFromCustomer(res.data, lang);
      setStart({ base: res.data, initial });
      form.reset(initial);
    }
  }

  const cancelTo = base ? `/admin/customers/${encodeURIComponent(base.id)}` : '/admin/customers';
  const currencyOptions = [...new Set([...CURRENCIES, ...(values.currency ? [values.currency] : [])])];
  const languageOptions = [
    ...new Set([...CUSTOMER_LANGUAGES, ...(values.language ? [values.language] : [])]),
  ];
  const creditPreview = (() => {
    if (!values.credit_limit_minor.trim()) return t('form.hints.creditLimit');
    const cur = values.currency || fallbackCurrency;
    const parsed = parseAmountToMinor(values.credit_limit_minor, cur);
    return parsed.ok && parsed.value !== null
      ? t('form.hints.creditLimitPreview', { amount: formatMoney(parsed.value, cur, lang) })
      : t('form.hints.creditLimit');
  })();
  const creditHint = creditPreview;

  return (
    <div className="page page--form">
      <div className="page-header">
        <div>
          <Link to={cancelTo} className="back-link">
            <Icon name="back" size={16} />
            {base ? base.name : t('customers.title')}
          </Link>
          <h1 className="page-title">{isEdit ? t('form.editTitle') : t('form.newTitle')}</h1>
        </div>
      </div>

      <FormBanners
        form={form}
        bannerRef={form.bannerRef}
        conflict={{
          title: t('form.conflict.title'),
          text: t('form.conflict.text'),
          reload: t('form.conflict.reload'),
          onReload: () => void reloadLatest(),
        }}
      >
        {blockingContacts && base ? (
          <ContactsAccessBanner
            customerId={base.id}
            contacts={blockingContacts}
            onRevoked={() => formRef.current?.requestSubmit()}
          />
        ) : null}
      </FormBanners>

      <form ref={formRef} onSubmit={onSubmit} noValidate className="form" data-testid="customer-form">
        <section className="form-section" aria-labelledby="sec-data">
          <h2 id="sec-data" className="form-section__title">{t('form.sections.data')}</h2>
          <div className="form-grid">
            <Field id="field-name" label={t('customer.fields.name')} required error={errors.name} hint={t('form.hints.name')} wide>
              <input type="text" autoComplete="organization" autoFocus={!isEdit} required {...text('name', t('form.hints.name'))} />
            </Field>
            <Field id="field-legal_name" label={t('customer.fields.legal_name')} error={errors.legal_name}>
              <input type="text" {...text('legal_name')} />
            </Field>
            <Field id="field-tax_id" label={t('customer.fields.tax_id')} error={errors.tax_id} hint={t('form.hints.taxId')}>
              <input type="text" autoComplete="off" {...text('tax_id', t('form.hints.taxId'))} />
            </Field>
            <Field id="field-customer_type" label={t('customer.fields.customer_type')} error={errors.customer_type}>
              <select {...text('customer_type')}>
                <option value="">{t('customer.type.none')}</option>
                {CUSTOMER_TYPES.map((v) => (
                  <option key={v} value={v}>{t(`customer.type.${v}`)}</option>
                ))}
              </select>
            </Field>
            <Field id="field-external_id" label={t('customer.fields.external_id')} error={errors.external_id} hint={t('form.hints.externalId')}>
              <input type="text" autoComplete="off" {...text('external_id', t('form.hints.externalId'))} />
            </Field>
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-contact">
          <h2 id="sec-contact" className="form-section__title">{t('form.sections.contact')}</h2>
          <div className="form-grid">
            <Field id="field-contact_person" label={t('customer.fields.contact_person')} error={errors.contact_person} wide>
              <input type="text" autoComplete="name" {...text('contact_person')} />
            </Field>
            <Field id="field-email" label={t('customer.fields.email')} error={errors.email}>
              <input type="email" inputMode="email" autoComplete="email" {...text('email')} />
            </Field>
            <Field id="field-phone" label={t('customer.fields.phone')} error={errors.phone}>
              <input type="tel" autoComplete="tel" {...text('phone')} />
            </Field>
            <Field id="field-whatsapp" label={t('customer.fields.whatsapp')} error={errors.whatsapp} hint={t('form.hints.whatsapp')}>
              <input type="tel" {...text('whatsapp', t('form.hints.whatsapp'))} />
            </Field>
            <Field id="field-country" label={t('messaging.country.label')} error={errors.country} hint={t('messaging.country.hint')}>
              <CountrySelect
                id="field-country"
                value={values.country}
                onChange={(code) => set('country', code)}
                invalid={!!errors.country}
                describedBy={errors.country ? 'field-country-error' : 'field-country-hint'}
                testId="field-country"
              />
            </Field>
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-commercial">
          <h2 id="sec-commercial" className="form-section__title">{t('form.sections.commercial')}</h2>
          <div className="form-grid">
            <Field id="field-status" label={t('customer.fields.status')} error={errors.status}>
              <select {...text('status')}>
                {CUSTOMER_STATUSES.map((v) => (
                  <option key={v} value={v}>{t(`customer.status.${v}`)}</option>
                ))}
              </select>
            </Field>
            <Field id="field-temperature" label={t('customer.fields.temperature')} error={errors.temperature}>
              <select {...text('temperature')}>
                <option value="">{t('customer.temperature.none')}</option>
                {TEMPERATURES.map((v) => (
                  <option key={v} value={v}>{t(`customer.temperature.${v}`)}</option>
                ))}
              </select>
            </Field>
            <Field id="field-discount_percent" label={t('customer.fields.discount_percent')} error={errors.discount_percent} hint={t('form.hints.discount')}>
              <div className="input-affix">
                <input type="text" inputMode="decimal" autoComplete="off" {...text('discount_percent', t('form.hints.discount'))} />
                <span className="input-affix__suffix" aria-hidden="true">%</span>
              </div>
            </Field>
            <Field id="field-currency" label={t('customer.fields.currency')} error={errors.currency}>
              <select {...text('currency')}>
                {!isEdit ? <option value="">{t('form.storeDefault')}</option> : null}
                {currencyOptions.map((c) => (
                  <option key={c} value={c}>{`${c} · ${intlDisplayName('currency', c, lang)}`}</option>
                ))}
              </select>
            </Field>
            <Field id="field-language" label={t('customer.fields.language')} error={errors.language} hint={t('form.hints.language')}>
              <select {...text('language', t('form.hints.language'))}>
                {!isEdit ? <option value="">{t('form.storeDefault')}</option> : null}
                {languageOptions.map((l) => (
                  <option key={l} value={l}>{intlDisplayName('language', l, lang)}</option>
                ))}
              </select>
            </Field>
            <Field id="field-account_status" label={t('customer.fields.account_status')} error={errors.account_status}>
              <select {...text('account_status')}>
                {ACCOUNT_STATUSES.map((v) => (
                  <option key={v} value={v}>{t(`customer.accountStatus.${v}`)}</option>
                ))}
              </select>
            </Field>
            <Field id="field-registration_status" label={t('customer.fields.registration_status')} error={errors.registration_status}>
              <select {...text('registration_status')}>
                {REGISTRATION_STATUSES.map((v) => (
                  <option key={v} value={v}>{t(`customer.registrationStatus.${v}`)}</option>
                ))}
              </select>
            </Field>
            <CheckboxField
              id="field-shared_account"
              label={t('customer.fields.shared_account')}
              checked={values.shared_account}
              onChange={(on) => set('shared_account', on)}
              hint={t('form.hints.sharedAccount')}
              error={errors.shared_account}
            />
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-payment">
          <h2 id="sec-payment" className="form-section__title">{t('form.sections.paymentShipping')}</h2>
          <div className="form-grid">
            <Field id="field-credit_limit_minor" label={t('customer.fields.credit_limit')} error={errors.credit_limit_minor} hint={creditHint}>
              <div className="input-affix">
                <input type="text" inputMode="decimal" autoComplete="off" {...text('credit_limit_minor', creditHint)} />
                <span className="input-affix__suffix" aria-hidden="true">{values.currency || fallbackCurrency}</span>
              </div>
            </Field>
            <Field id="field-payment_terms_days" label={t('customer.fields.payment_terms_days')} error={errors.payment_terms_days} hint={t('form.hints.paymentTerms')}>
              <div className="input-affix">
                <input type="text" inputMode="numeric" autoComplete="off" {...text('payment_terms_days', t('form.hints.paymentTerms'))} />
                <span className="input-affix__suffix" aria-hidden="true">{t('form.days')}</span>
              </div>
            </Field>
            <Field id="field-payment_methods" label={t('customer.fields.payment_methods')} error={errors.payment_methods} hint={t('form.hints.tagInput')} wide>
              <TagInput
                id="field-payment_methods"
                suggest={false}
                maxLength={PAYMENT_METHOD_MAX_LENGTH}
                removeLabel={(item) => t('form.removeItem', { item })}
                value={values.payment_methods}
                onChange={(v) => set('payment_methods', v)}
                placeholder={t('form.placeholders.paymentMethods')}
                invalid={Boolean(errors.payment_methods)}
                describedBy={errors.payment_methods ? 'field-payment_methods-error' : 'field-payment_methods-hint'}
              />
            </Field>
            <Field id="field-default_payment_method" label={t('customer.fields.default_payment_method')} error={errors.default_payment_method}>
              <input type="text" list="payment-method-options" autoComplete="off" {...text('default_payment_method')} />
              <datalist id="payment-method-options">
                {values.payment_methods.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            </Field>
            <Field id="field-shipping_method" label={t('customer.fields.shipping_method')} error={errors.shipping_method}>
              <input type="text" autoComplete="off" {...text('shipping_method')} />
            </Field>
            <Field id="field-logistics_notes" label={t('customer.fields.logistics_notes')} error={errors.logistics_notes} wide>
              <textarea rows={3} {...text('logistics_notes')} />
            </Field>
          </div>
        </section>

        <CatalogScopeSection values={values} set={set} errors={errors} />

        <section className="form-section" aria-labelledby="sec-tags">
          <h2 id="sec-tags" className="form-section__title">{t('form.sections.tags')}</h2>
          <div className="form-grid">
            <Field id="field-tags" label={t('customer.fields.tags')} error={errors.tags} hint={t('form.hints.tagInput')} wide>
              <TagInput
                id="field-tags"
                max={50}
                testId="customer-tags"
                value={values.tags}
                onChange={(v) => set('tags', v)}
                placeholder={t('form.placeholders.tags')}
                invalid={Boolean(errors.tags)}
                describedBy={errors.tags ? 'field-tags-error' : 'field-tags-hint'}
              />
            </Field>
          </div>
        </section>

        <div className="form-actions">
          <Link to={cancelTo} className="btn btn--secondary">
            {t('common.cancel')}
          </Link>
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="save-customer">
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];
type FieldErrorList = Parameters<typeof fieldMessages>[0];

/** Clearer messages for the catalogue fields: records that do not exist, a default outside the list. */
function catalogFieldMessages(errors: FieldErrorList, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    if (e.code !== 'invalid') continue;
    const m = /^(product_type_ids|product_ids|warehouse_ids)\[\d+\]$/.exec(e.field);
    if (m) out[m[1]] ??= t('catalog.customerScope.errors.missing');
    else if (e.field === 'default_warehouse_id') out.default_warehouse_id ??= t('catalog.customerScope.errors.defaultWarehouse');
  }
  return out;
}

/** Checkboxes for a list of ids among named records; ids not (or no longer) listed stay visible. */
function IdCheckboxes({
  name,
  records,
  value,
  onChange,
  error,
  describedById,
  testId,
}: {
  name: string;
  records: NamedResource[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
  describedById: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const known = new Set(records.map((r) => r.id));
  const options = [
    ...records.map((r) => ({ id: r.id, name: r.name })),
    ...value.filter((id) => !known.has(id)).map((id) => ({ id, name: t('catalog.customerScope.unknown', { id }) })),
  ];
  return (
    <div className="check-list" data-testid={testId}>
      {options.map((o) => {
        const checked = value.includes(o.id);
        return (
          <label key={o.id} className="check-list__item">
            <input
              type="checkbox"
              name={name}
              value={o.id}
              checked={checked}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))
              }
              aria-invalid={error ? true : undefined}
              aria-describedby={describedById}
            />
            <span>{o.name}</span>
          </label>
        );
      })}
    </div>
  );
}

/** F18: what the customer may buy, its warehouses and the default one. */
function CatalogScopeSection({
  values,
  set,
  errors,
}: {
  values: CustomerFormValues;
  set: <K extends FieldName>(name: K, value: CustomerFormValues[K]) => void;
  errors: FormErrors;
}) {
  const { t } = useTranslation();
  const types = useQuery({ queryKey: catalogKeys.named('productTypes'), queryFn: () => listNamed('productTypes') });
  const warehouses = useQuery({ queryKey: catalogKeys.named('warehouses'), queryFn: () => listNamed('warehouses') });
  const warehouseList = warehouses.data ?? [];
  const chosenWarehouses = [
    ...warehouseList.filter((w) => values.warehouse_ids.includes(w.id)),
    ...values.warehouse_ids
      .filter((id) => !warehouseList.some((w) => w.id === id))
      .map((id) => ({ id, name: t('catalog.customerScope.unknown', { id }) })),
  ];

  function loading(query: typeof types) {
    if (query.isPending) return <p className="muted catalog-empty-line">{t('common.loading')}</p>;
    if (query.isError) {
      return (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      );
    }
    return null;
  }

  function group(
    field: 'product_type_ids' | 'warehouse_ids',
    label: string,
    hint: string,
    query: typeof types,
    emptyText: string,
    emptyLink: string,
  ) {
    const fid = `field-${field}`;
    const err = errors[field];
    return (
      <fieldset className={`field field--wide check-group${err ? ' field--error' : ''}`} id={fid}>
        <legend className="field__label">{label}</legend>
        {loading(query) ??
          ((query.data ?? []).length === 0 && values[field].length === 0 ? (
            <p className="muted catalog-empty-line">
              {emptyText} <Link to={emptyLink}>{t('catalog.customerScope.manage')}</Link>
            </p>
          ) : (
            <IdCheckboxes
              name={field}
              records={query.data ?? []}
              value={values[field]}
              onChange={(next) => {
                set(field, next);
                if (field === 'warehouse_ids' && values.default_warehouse_id && !next.includes(values.default_warehouse_id)) {
                  set('default_warehouse_id', '');
                }
              }}
              error={err}
              describedById={err ? `${fid}-error` : `${fid}-hint`}
              testId={`${field}-options`}
            />
          ))}
        {err ? (
          <p className="field__error" id={`${fid}-error`} data-testid={`error-${fid}`}>{err}</p>
        ) : (
          <p className="field__hint" id={`${fid}-hint`}>{hint}</p>
        )}
      </fieldset>
    );
  }

  return (
    <section className="form-section" aria-labelledby="sec-catalog" data-testid="catalog-scope">
      <h2 id="sec-catalog" className="form-section__title">{t('catalog.customerScope.title')}</h2>
      <div className="form-grid">
        <fieldset className={`field field--wide check-group${errors.catalog_scope ? ' field--error' : ''}`}>
          <legend className="field__label">{t('catalog.customerScope.scope')}</legend>
          <div className="scope-options">
            {CATALOG_SCOPES.map((scope) => (
              <label key={scope} className={`scope-option${values.catalog_scope === scope ? ' scope-option--checked' : ''}`}>
                <input
                  type="radio"
                  name="catalog_scope"
                  value={scope}
                  checked={values.catalog_scope === scope}
                  onChange={() => set('catalog_scope', scope)}
                  aria-describedby={`scope-${scope}-hint`}
                  data-testid={`scope-${scope}`}
                />
                <span className="scope-option__text">
                  <span className="scope-option__title">{t(`catalog.customerScope.scopes.${scope}`)}</span>
                  <span className="scope-option__hint" id={`scope-${scope}-hint`}>
                    {t(`catalog.customerScope.scopes.${scope}Hint`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
          {errors.catalog_scope ? <p className="field__error">{errors.catalog_scope}</p> : null}
        </fieldset>

        {values.catalog_scope === 'product_types'
          ? group(
              'product_type_ids',
              t('catalog.customerScope.productTypes'),
              t('catalog.customerScope.productTypesHint'),
              types,
              t('catalog.customerScope.noProductTypes'),
              '/admin/product-types',
            )
          : null}

        {values.catalog_scope === 'products' ? (
          <Field
            id="field-product_ids"
            label={t('catalog.customerScope.products')}
            error={errors.product_ids}
            hint={t('catalog.customerScope.productsHint')}
            wide
          >
            <ProductPicker
              id="field-product_ids"
              value={values.product_ids}
              onChange={(v) => set('product_ids', v)}
              invalid={Boolean(errors.product_ids)}
              describedBy={errors.product_ids ? 'field-product_ids-error' : 'field-product_ids-hint'}
            />
          </Field>
        ) : null}

        {group(
          'warehouse_ids',
          t('catalog.customerScope.warehouses'),
          t('catalog.customerScope.warehousesHint'),
          warehouses,
          t('catalog.customerScope.noWarehouses'),
          '/admin/warehouses',
        )}

        <Field
          id="field-default_warehouse_id"
          label={t('catalog.customerScope.defaultWarehouse')}
          error={errors.default_warehouse_id}
          hint={
            chosenWarehouses.length
              ? t('catalog.customerScope.defaultWarehouseHint')
              : t('catalog.customerScope.defaultWarehouseEmpty')
          }
        >
          <select
            id="field-default_warehouse_id"
            name="default_warehouse_id"
            value={values.default_warehouse_id}
            onChange={(e) => set('default_warehouse_id', e.target.value)}
            disabled={chosenWarehouses.length === 0}
            {...describedBy('field-default_warehouse_id', errors.default_warehouse_id, 'hint')}
          >
            <option value="">{t('catalog.customerScope.noDefault')}</option>
            {chosenWarehouses.map((w) => (
              <option key={w.id} value={w.id}>{w.name}</option>
            ))}
          </select>
        </Field>
      </div>
    </section>
  );
}
