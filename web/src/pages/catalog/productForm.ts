// The product form's model: values as typed, conversion to API payloads (prices in minor
// units, stock levels), the minimal PATCH, and where server field errors belong.
import type { FieldError } from '../../api/types';
import type { Price, Product, ProductCreate, ProductPatch, StockLevel } from '../../api/catalog';
import { parseAmountToMinor, parseInteger } from '../../lib/format';
import { FREQUENT_CURRENCIES, amountToInput, currencyDigits, sortPrices } from './money';

export interface PriceRow {
  /** A stable React key for the row (not sent). */
  key: string;
  currency: string;
  amount: string;
}

export interface ProductFormValues {
  sku: string;
  name: string;
  product_type_id: string;
  active: boolean;
  prices: PriceRow[];
  /** Quantity as typed per warehouse id; empty means no stock kept there. */
  stock: Record<string, string>;
}

let rowSeq = 0;
export function newRowKey(): string {
  rowSeq += 1;
  return `p${rowSeq}`;
}

export function emptyProductValues(): ProductFormValues {
  return { sku: '', name: '', product_type_id: '', active: true, prices: [], stock: {} };
}

/** A stored product and its stock as form values, amounts written in the UI language. */
export function valuesFromProduct(p: Product, stock: readonly StockLevel[], uiLanguage: string): ProductFormValues {
  return {
    sku: p.sku,
    name: p.name,
    product_type_id: p.product_type_id ?? '',
    active: p.active,
    prices: sortPrices(p.prices).map((pr) => ({
      key: newRowKey(),
      currency: pr.currency,
      amount: amountToInput(pr.amount_minor, pr.currency, uiLanguage),
    })),
    stock: Object.fromEntries(stock.map((s) => [s.warehouse_id, String(s.quantity)])),
  };
}

/** The first frequent currency no row uses yet (for a new price row). */
export function nextCurrency(rows: readonly PriceRow[]): string {
  const used = new Set(rows.map((r) => r.currency));
  return FREQUENT_CURRENCIES.find((c) => !used.has(c)) ?? '';
}

/**
 * A client-side problem, keyed like the form's error map: `sku`, `name`,
 * `prices.<row>.currency`, `prices.<row>.amount`, `stock.<warehouse id>`.
 */
export interface ClientError {
  field: string;
  code: 'required' | 'invalid' | 'no_spaces' | 'amount' | 'negative' | 'duplicate_currency' | 'quantity';
  /** For `amount`: the currency's number of decimals. */
  digits?: number;
}

export interface ProductPayload {
  sku: string;
  name: string;
  product_type_id: string | null;
  active: boolean;
  prices: Price[];
}

/** Converts form values to the product's writable fields, or the values that cannot be sent. */
export function toProductPayload(v: ProductFormValues): { payload: ProductPayload; errors: ClientError[] } {
  const errors: ClientError[] = [];
  const sku = v.sku.trim();
  if (sku === '') errors.push({ field: 'sku', code: 'required' });
  else if (/\s/.test(sku)) errors.push({ field: 'sku', code: 'no_spaces' });
  const name = v.name.trim();
  if (name === '') errors.push({ field: 'name', code: 'required' });

  const prices: Price[] = [];
  const seen = new Set<string>();
  v.prices.forEach((row, i) => {
    const currency = row.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push({ field: `prices.${i}.currency`, code: currency ? 'invalid' : 'required' });
      return;
    }
    if (seen.has(currency)) {
      errors.push({ field: `prices.${i}.currency`, code: 'duplicate_currency' });
      return;
    }
    seen.add(currency);
    const parsed = parseAmountToMinor(row.amount, currency);
    if (!parsed.ok) {
      errors.push({ field: `prices.${i}.amount`, code: 'amount', digits: currencyDigits(currency) });
    } else if (parsed.value === null) {
      errors.push({ field: `prices.${i}.amount`, code: 'required' });
    } else if (parsed.value < 0) {
      errors.push({ field: `prices.${i}.amount`, code: 'negative' });
    } else {
      prices.push({ currency, amount_minor: parsed.value });
    }
  });

  return {
    payload: { sku, name, product_type_id: v.product_type_id || null, active: v.active, prices },
    errors,
  };
}

/** The stock levels to PUT (warehouses with a quantity typed), or the bad quantities. */
export function toStockItems(
  v: ProductFormValues,
  warehouseIds: readonly string[],
): { items: StockLevel[]; errors: ClientError[] } {
  const items: StockLevel[] = [];
  const errors: ClientError[] = [];
  for (const id of warehouseIds) {
    const parsed = parseInteger(v.stock[id] ?? '');
    if (!parsed.ok || (parsed.value !== null && parsed.value < 0)) {
      errors.push({ field: `stock.${id}`, code: 'quantity' });
    } else if (parsed.value !== null) {
      items.push({ warehouse_id: id, quantity: parsed.value });
    }
  }
  return { items, errors };
}

/** The body of a POST. */
export function createProductBody(p: ProductPayload): ProductCreate {
  const body: ProductCreate = { sku: p.sku, name: p.name, active: p.active, prices: p.prices };
  if (p.product_type_id) body.product_type_id = p.product_type_id;
  return body;
}

function pricesKey(prices: readonly Price[]): string {
  return JSON.stringify([...prices].sort((a, b) => a.currency.localeCompare(b.currency)));
}

/** The body of a PATCH: only what differs from `before` (prices compared as a set). */
export function productPatchBody(before: ProductPayload, after: ProductPayload): ProductPatch {
  const out: ProductPatch = {};
  if (before.sku !== after.sku) out.sku = after.sku;
  if (before.name !== after.name) out.name = after.name;
  if (before.product_type_id !== after.product_type_id) out.product_type_id = after.product_type_id;
  if (before.active !== after.active) out.active = after.active;
  if (pricesKey(before.prices) !== pricesKey(after.prices)) out.prices = after.prices;
  return out;
}

/** Whether two sets of stock levels differ. */
export function stockChanged(before: readonly StockLevel[], after: readonly StockLevel[]): boolean {
  const key = (l: readonly StockLevel[]) =>
    JSON.stringify([...l].sort((a, b) => a.warehouse_id.localeCompare(b.warehouse_id)));
  return key(before) !== key(after);
}

/**
 * Where a server field error of a product save belongs in the form: `prices[0].amount_minor`
 * → `prices.0.amount`, `prices[1].currency` → `prices.1.currency`, `sku` → `sku`.
 */
export function productErrorKey(field: string): string {
  const m = /^prices\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (m) return `prices.${m[1]}.${m[2] === 'currency' ? 'currency' : 'amount'}`;
  const base = /^[^.[\]]+/.exec(field)?.[0] ?? field;
  return base;
}

/**
 * Where a server field error of a stock PUT belongs: `items[2].quantity` → the stock row of
 * the third level sent.
 */
export function stockErrorKey(field: string, sent: readonly StockLevel[]): string {
  const m = /^items\[(\d+)\]/.exec(field);
  const level = m ? sent[Number(m[1])] : undefined;
  return level ? `stock.${level.warehouse_id}` : 'stock';
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A translated message for a client-side error. */
export function clientErrorMessage(e: ClientError, t: Translate): string {
  switch (e.code) {
    case 'required':
      return t('errors.field.required');
    case 'no_spaces':
      return t('catalog.product.errors.skuSpaces');
    case 'amount':
      return e.digits === 0
        ? t('catalog.product.errors.amountNoDecimals')
        : t('catalog.product.errors.amount', { count: e.digits ?? 2 });
    case 'negative':
      return t('catalog.product.errors.negative');
    case 'duplicate_currency':
      return t('catalog.product.errors.duplicateCurrency');
    case 'quantity':
      return t('catalog.product.errors.quantity');
    default:
      return t('catalog.product.errors.currency');
  }
}

const KNOWN_CODES = ['required', 'invalid_type', 'invalid', 'invalid_enum', 'too_long', 'out_of_range', 'too_many'];

/**
 * One translated message per form key for a problem's `errors` (first error wins), using
 * `keyOf` to place each. `taken` names the clash of a unique value (SKU, name).
 */
export function serverFieldMessages(
  errors: readonly FieldError[],
  keyOf: (field: string) => string,
  t: Translate,
  takenMessage: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = keyOf(e.field);
    if (key in out) continue;
    if (e.code === 'taken') out[key] = takenMessage;
    else if (/^prices\[\d+\]\.currency$/.test(e.field) && e.code === 'invalid') {
      out[key] = t('catalog.product.errors.currency');
    } else if (KNOWN_CODES.includes(e.code)) out[key] = t(`errors.field.${e.code}`);
    else out[key] = e.message || t('errors.field.invalid');
  }
  return out;
}
