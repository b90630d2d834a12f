// The customer form's model: values as typed, conversion to API payloads, and the
// minimal PATCH (only changed fields).
import type { Customer, CustomerCreate, CustomerPatch } from '../../api/types';
import {
  minorToInput,
  parseAmountToMinor,
  parseDecimal,
  parseInteger,
  percentToInput,
} from '../../lib/format';

export const CURRENCIES = ['EUR', 'USD', 'MXN', 'ARS', 'COP', 'CLP', 'PEN', 'GBP', 'JPY', 'BRL', 'UYU', 'CHF', 'CAD'];
export const CUSTOMER_LANGUAGES = ['es', 'en', 'pt', 'fr', 'de', 'it', 'ca', 'nl'];
export const FALLBACK_CURRENCY = 'EUR';
/** The longest payment method the server takes (code points). */
export const PAYMENT_METHOD_MAX_LENGTH = 60;

export interface CustomerFormValues {
  name: string;
  legal_name: string;
  tax_id: string;
  external_id: string;
  customer_type: '' | 'company' | 'individual';
  contact_person: string;
  email: string;
  phone: string;
  whatsapp: string;
  /** ISO 3166-1 alpha-2 the phone numbers are read in; '' is the store's default. */
  country: string;
  status: Customer['status'];
  temperature: '' | NonNullable<Customer['temperature']>;
  discount_percent: string;
  currency: string;
  language: string;
  account_status: Customer['account_status'];
  registration_status: Customer['registration_status'];
  shared_account: boolean;
  credit_limit_minor: string;
  payment_terms_days: string;
  payment_methods: string[];
  default_payment_method: string;
  shipping_method: string;
  logistics_notes: string;
  tags: string[];
  catalog_scope: CatalogScope;
  product_type_ids: string[];
  product_ids: string[];
  warehouse_ids: string[];
  default_warehouse_id: string;
}

export type CatalogScope = Customer['catalog_scope'];
/** What a customer may buy (F18): everything, some product types, or specific products. */
export const CATALOG_SCOPES = ['all', 'product_types', 'products'] as const satisfies readonly CatalogScope[];

export type FieldName = keyof CustomerFormValues;

/** Values of a new customer's form. */
export function emptyValues(): CustomerFormValues {
  return {
    name: '',
    legal_name: '',
    tax_id: '',
    external_id: '',
    customer_type: '',
    contact_person: '',
    email: '',
    phone: '',
    whatsapp: '',
    country: '',
    status: 'current',
    temperature: '',
    discount_percent: '',
    currency: '',
    language: '',
    account_status: 'active',
    registration_status: 'validated',
    shared_account: false,
    credit_limit_minor: '',
    payment_terms_days: '',
    payment_methods: [],
    default_payment_method: '',
    shipping_method: '',
    logistics_notes: '',
    tags: [],
    catalog_scope: 'all',
    product_type_ids: [],
    product_ids: [],
    warehouse_ids: [],
    default_warehouse_id: '',
  };
}

/** A stored customer as form values, numbers written in the UI language. */
export function valuesFromCustomer(c: Customer, uiLanguage: string): CustomerFormValues {
  const credit = minorToInput(c.credit_limit_minor, c.currency || FALLBACK_CURRENCY);
  return {
    name: c.name ?? '',
    legal_name: c.legal_name ?? '',
    tax_id: c.tax_id ?? '',
    external_id: c.external_id ?? '',
    customer_type: c.customer_type ?? '',
    contact_person: c.contact_person ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    whatsapp: c.whatsapp ?? '',
    country: c.country ?? '',
    status: c.status,
    temperature: c.temperature ?? '',
    discount_percent: c.discount_percent ? percentToInput(c.discount_percent, uiLanguage) : '',
    currency: c.currency ?? '',
    language: c.language ?? '',
    account_status: c.account_status,
    registration_status: c.registration_status,
    shared_account: Boolean(c.shared_account),
    credit_limit_minor: uiLanguage.startsWith('es') ? credit.replace('.', ',') : credit,
    payment_terms_days: c.payment_terms_days === null || c.payment_terms_days === undefined ? '' : String(c.payment_terms_days),
    payment_methods: [...(c.payment_methods ?? [])],
    default_payment_method: c.default_payment_method ?? '',
    shipping_method: c.shipping_method ?? '',
    logistics_notes: c.logistics_notes ?? '',
    tags: [...(c.tags ?? [])],
    catalog_scope: c.catalog_scope ?? 'all',
    product_type_ids: [...(c.product_type_ids ?? [])],
    product_ids: [...(c.product_ids ?? [])],
    warehouse_ids: [...(c.warehouse_ids ?? [])],
    default_warehouse_id: c.default_warehouse_id ?? '',
  };
}

/** A client-side problem with a value that cannot even be sent (not a number, …). */
export interface ClientError {
  field: FieldName;
  code: 'required' | 'invalid' | 'too_many_decimals' | 'choose_one';
}

export type Payload = Record<string, unknown>;

const TEXT_FIELDS = [
  'legal_name',
  'tax_id',
  'external_id',
  'contact_person',
  'email',
  'phone',
  'whatsapp',
  'default_payment_method',
  'shipping_method',
] as const;

/**
 * Converts form values to the full API representation of the writable fields (nulls
 * included), or the list of values that cannot be converted.
 */
export function toPayload(
  v: CustomerFormValues,
  fallbackCurrency: string = FALLBACK_CURRENCY,
): { payload: Payload; errors: ClientError[] } {
  const errors: ClientError[] = [];
  const p: Payload = {};
  p.name = v.name.trim();
  if (p.name === '') errors.push({ field: 'name', code: 'required' });
  for (const f of TEXT_FIELDS) {
    const s = v[f].trim();
    p[f] = s === '' ? null : s;
  }
  const notes = v.logistics_notes.trim();
  p.logistics_notes = notes === '' ? null : v.logistics_notes;
  p.customer_type = v.customer_type || null;
  p.status = v.status;
  p.temperature = v.temperature || null;

  const discount = parseDecimal(v.discount_percent);
  if (!discount.ok) errors.push({ field: 'discount_percent', code: 'invalid' });
  else if (discount.value !== null && Math.round(discount.value * 100) !== discount.value * 100) {
    errors.push({ field: 'discount_percent', code: 'too_many_decimals' });
  } else p.discount_percent = discount.value ?? 0;

  if (v.currency) p.currency = v.currency;
  if (v.language) p.language = v.language;
  p.country = v.country || null;
  p.account_status = v.account_status;
  p.registration_status = v.registration_status;
  p.shared_account = v.shared_account;

  const currency = v.currency || fallbackCurrency;
  const credit = parseAmountToMinor(v.credit_limit_minor, currency);
  if (!credit.ok) {
    errors.push({ field: 'credit_limit_minor', code: 'invalid' });
  } else p.credit_limit_minor = credit.value;

  const terms = parseInteger(v.payment_terms_days);
  if (!terms.ok) errors.push({ field: 'payment_terms_days', code: 'invalid' });
  else p.payment_terms_days = terms.value;

  p.payment_methods = v.payment_methods;
  p.tags = v.tags;

  // Only the list the scope uses is kept; the other is emptied.
  p.catalog_scope = v.catalog_scope;
  p.product_type_ids = v.catalog_scope === 'product_types' ? v.product_type_ids : [];
  p.product_ids = v.catalog_scope === 'products' ? v.product_ids : [];
  if (v.catalog_scope === 'product_types' && v.product_type_ids.length === 0) {
    errors.push({ field: 'product_type_ids', code: 'choose_one' });
  }
  if (v.catalog_scope === 'products' && v.product_ids.length === 0) {
    errors.push({ field: 'product_ids', code: 'choose_one' });
  }
  p.warehouse_ids = v.warehouse_ids;
  // The default warehouse is one of the customer's warehouses.
  p.default_warehouse_id =
    v.default_warehouse_id && v.warehouse_ids.includes(v.default_warehouse_id) ? v.default_warehouse_id : null;
  return { payload: p, errors };
}

/** The body of a POST: what the person filled in, leaving server defaults to the server. */
export function createBody(payload: Payload): CustomerCreate {
  const out: Payload = {};
  for (const [k, val] of Object.entries(payload)) {
    if (val === null || val === undefined) continue;
    if (Array.isArray(val) && val.length === 0) continue;
    if (k === 'shared_account' && val === false) continue;
    if (k === 'discount_percent' && val === 0) continue;
    if (k === 'catalog_scope' && val === 'all') continue;
    out[k] = val;
  }
  return out as CustomerCreate;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The body of a PATCH: only the fields whose value differs from `before`. */
export function patchBody(before: Payload, after: Payload): CustomerPatch {
  const out: Payload = {};
  for (const [k, val] of Object.entries(after)) {
    if (!same(before[k], val)) out[k] = val;
  }
  return out as CustomerPatch;
}
