// The dialog that adds or edits one address (F7). New addresses start as the default when no
// address of the same use is one yet (what the server would decide), and the box says so.
import { useMemo, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ADDRESS_KINDS,
  ADDRESS_LIMITS,
  createAddress,
  MAX_ADDRESSES,
  updateAddress,
  type AddressKind,
  type AddressPatch,
  type CustomerAddress,
} from '../../api/addresses';
import { fieldMessages, isApiError } from '../../api/errors';
import { describedBy, Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { Banner } from '../../components/States';
import { useResourceForm } from '../../lib/useResourceForm';
import { COUNTRY_CODES, countryOptions } from './countries';
import '../catalog/catalog.css';

type TextField = keyof typeof ADDRESS_LIMITS;
type Values = Record<TextField, string> & { kind: AddressKind; country: string; is_default: boolean };
type Errors = Partial<Record<TextField | 'kind' | 'country' | 'is_default', string>>;

const TEXT_FIELDS: TextField[] = ['label', 'line1', 'line2', 'city', 'region', 'postal_code'];
const REQUIRED: TextField[] = ['line1', 'city'];
/** The fields in the order they show (the first in error gets the focus). */
const FIELD_ORDER = ['kind', 'label', 'line1', 'line2', 'postal_code', 'city', 'region', 'country'] as const;
const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href]';

/** True when two uses share a purpose: one default of either replaces the other. */
export function sharePurpose(a: AddressKind, b: AddressKind): boolean {
  const ship = (k: AddressKind) => k !== 'billing';
  const bill = (k: AddressKind) => k !== 'shipping';
  return (ship(a) && ship(b)) || (bill(a) && bill(b));
}

/** What the server decides for a new address sent without `is_default`. */
export function wouldBeDefault(kind: AddressKind, addresses: CustomerAddress[]): boolean {
  return !addresses.some((a) => a.is_default && sharePurpose(a.kind, kind));
}

/** The country a new address starts with: the customer's usual one, else the browser's region. */
function initialCountry(addresses: CustomerAddress[]): string {
  if (addresses[0]?.country) return addresses[0].country;
  const region = (typeof navigator !== 'undefined' ? navigator.language : '').split('-')[1]?.toUpperCase();
  return region && (COUNTRY_CODES as readonly string[]).includes(region) ? region : 'ES';
}

function valuesOf(address: CustomerAddress | null, addresses: CustomerAddress[]): Values {
  if (address) {
    return {
      kind: address.kind,
      label: address.label ?? '',
      line1: address.line1,
      line2: address.line2 ?? '',
      city: address.city,
      region: address.region ?? '',
      postal_code: address.postal_code ?? '',
      country: address.country,
      is_default: address.is_default,
    };
  }
  return {
    kind: 'shipping',
    label: '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postal_code: '',
    country: initialCountry(addresses),
    is_default: wouldBeDefault('shipping', addresses),
  };
}

const clean = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function AddressFormDialog({
  customerId,
  address,
  addresses,
  onClose,
  onSaved,
  onConflict,
}: {
  customerId: string;
  /** null: a new address. */
  address: CustomerAddress | null;
  /** The customer's addresses now, for the default the new one would get. */
  addresses: CustomerAddress[];
  onClose: () => void;
  onSaved: (message: string) => void;
  onConflict: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isEdit = address !== null;
  const [defaultTouched, setDefaultTouched] = useState(false);
  const form = useResourceForm<Values>({
    initial: () => valuesOf(address, addresses),
    order: FIELD_ORDER,
    idOf: (f) => `address-${f}`,
    serverErrors: (e, t) => {
      if (!isApiError(e) || e.status !== 422 || !e.fieldErrors.length) return null;
      const messages = fieldMessages(e.fieldErrors, t);
      if (messages.country) messages.country = t('addresses.errors.country');
      return messages;
    },
    onConflict: () => onConflict(t('addresses.errors.stale')),
  });
  const { values, setValues, clearErrors, formError } = form;
  const errors: Errors = form.errors;
  const countries = useMemo(() => countryOptions(lang), [lang]);

  const save = useMutation({
    mutationFn: async (): Promise<string> => {
      if (!address) {
        await createAddress(customerId, {
          kind: values.kind,
          line1: values.line1.trim(),
          city: values.city.trim(),
          country: values.country,
          is_default: values.is_default,
          ...Object.fromEntries(
            (['label', 'line2', 'region', 'postal_code'] as const)
              .map((f) => [f, clean(values[f])] as const)
              .filter(([, v]) => v !== null),
          ),
        });
        return t('addresses.messages.added');
      }
      const changes: AddressPatch = {};
      if (values.kind !== address.kind) changes.kind = values.kind;
      for (const f of TEXT_FIELDS) {
        const next = clean(values[f]);
        if (next !== (address[f] ?? null)) (changes as Record<string, unknown>)[f] = next;
      }
      if (values.country !== address.country) changes.country = values.country;
      if (values.is_default !== address.is_default) changes.is_default = values.is_default;
      if (Object.keys(changes).length > 0) await updateAddress(address.id, address.version, changes);
      return t('addresses.messages.saved');
    },
    onSuccess: (message) => onSaved(message),
    onError: (e) => {
      if (isApiError(e) && e.status === 404 && isEdit) return onConflict(t('addresses.errors.gone'));
      if (isApiError(e) && e.status === 422 && e.fieldErrors.some((f) => f.field === 'addresses')) {
        form.setFormError(t('addresses.errors.tooMany', { max: MAX_ADDRESSES }));
        return;
      }
      form.fail(e);
    },
  });

  function set<K extends keyof Values>(field: K, value: Values[K]) {
    setValues((v) => {
      const next = { ...v, [field]: value };
      // Until the person decides, a new address is the default when it would become one anyway.
      if (field === 'kind' && !isEdit && !defaultTouched) next.is_default = wouldBeDefault(value as AddressKind, addresses);
      return next;
    });
    clearErrors(field);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const found: Errors = {};
    for (const f of TEXT_FIELDS) {
      const v = values[f].trim();
      if (REQUIRED.includes(f) && v === '') found[f] = t('addresses.errors.required');
      else if ([...v].length > ADDRESS_LIMITS[f]) found[f] = t('addresses.errors.tooLong', { max: ADDRESS_LIMITS[f] });
    }
    if (!values.country) found.country = t('addresses.errors.country');
    if (form.showErrors(found)) return;
    form.startSave();
    save.mutate();
  }

  const text = (field: TextField, extra: { placeholder?: string; autoComplete?: string; hint?: string } = {}) => ({
    id: `address-${field}`,
    name: field,
    type: 'text',
    value: values[field],
    maxLength: ADDRESS_LIMITS[field],
    placeholder: extra.placeholder,
    autoComplete: extra.autoComplete ?? 'off',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(field, e.target.value),
    'data-testid': `address-${field}`,
    ...describedBy(`address-${field}`, errors[field], extra.hint),
  });

  const labelHint = t('addresses.fields.labelHint');
  const defaultHint = t(`addresses.fields.isDefaultHint.${values.kind}`);

  return (
    <Modal
      title={isEdit ? t('addresses.form.editTitle') : t('addresses.form.addTitle')}
      icon="pin"
      iconClassName="addr-dialog__icon"
      className="addr-dialog"
      backdropClassName="addr-dialog-backdrop"
      busy={save.isPending}
      onClose={onClose}
      closeOnBackdrop={false}
      focusable={FOCUSABLE}
      initialFocus='input[name="address-kind"]:checked'
      testId="address-dialog"
    >
      <form className="addr-form" onSubmit={submit} noValidate data-testid="address-form">
        {formError ? (
          <div data-testid="address-form-error">
            <Banner tone="critical" title={formError} />
          </div>
        ) : null}
        <fieldset className="addr-kind" id="address-kind" tabIndex={-1}>
          <legend className="field__label">{t('addresses.kind.label')}</legend>
          <div className="addr-segmented" data-testid="address-kind-options">
            {ADDRESS_KINDS.map((k) => (
              <label key={k} className={`addr-segmented__option${values.kind === k ? ' addr-segmented__option--on' : ''}`}>
                <input
                  type="radio"
                  name="address-kind"
                  value={k}
                  checked={values.kind === k}
                  onChange={() => set('kind', k)}
                  data-testid={`address-kind-${k}`}
                />
                {t(`addresses.kind.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="addr-form__grid">
          <Field id="address-label" label={t('addresses.fields.label')} hint={labelHint} error={errors.label} wide>
            <input {...text('label', { hint: labelHint })} />
          </Field>
          <Field id="address-line1" label={t('addresses.fields.line1')} required error={errors.line1} wide>
            <input {...text('line1', { placeholder: t('addresses.fields.line1Placeholder'), autoComplete: 'address-line1' })} required />
          </Field>
          <Field id="address-line2" label={t('addresses.fields.line2')} error={errors.line2} wide>
            <input {...text('line2', { placeholder: t('addresses.fields.line2Placeholder'), autoComplete: 'address-line2' })} />
          </Field>
          <Field id="address-postal_code" label={t('addresses.fields.postal_code')} error={errors.postal_code}>
            <input {...text('postal_code', { autoComplete: 'postal-code' })} inputMode="text" />
          </Field>
          <Field id="address-city" label={t('addresses.fields.city')} required error={errors.city}>
            <input {...text('city', { autoComplete: 'address-level2' })} required />
          </Field>
          <Field id="address-region" label={t('addresses.fields.region')} error={errors.region}>
            <input {...text('region', { autoComplete: 'address-level1' })} />
          </Field>
          <Field id="address-country" label={t('addresses.fields.country')} required error={errors.country}>
            <select
              id="address-country"
              value={values.country}
              onChange={(e) => set('country', e.target.value)}
              required
              data-testid="address-country"
              {...describedBy('address-country', errors.country)}
            >
              {values.country ? null : <option value="">{t('addresses.form.chooseCountry')}</option>}
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="field field--wide field--checkbox">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={values.is_default}
                onChange={(e) => {
                  setDefaultTouched(true);
                  set('is_default', e.target.checked);
                }}
                aria-describedby="address-default-hint"
                data-testid="address-is-default"
              />
              {t(`addresses.default.${values.kind}`)}
            </label>
            <p className="field__hint" id="address-default-hint">
              {defaultHint}
            </p>
          </div>
        </div>
        <div className="dialog__actions">
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={save.isPending}>
            {t('addresses.form.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="save-address">
            {save.isPending ? t('addresses.form.saving') : isEdit ? t('addresses.form.save') : t('addresses.form.add')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
