import { describe, expect, test } from 'vitest';
import {
  createProductBody,
  emptyProductValues,
  nextCurrency,
  productErrorKey,
  productPatchBody,
  stockChanged,
  stockErrorKey,
  toProductPayload,
  toStockItems,
  valuesFromProduct,
  type ProductFormValues,
} from '../../src/pages/catalog/productForm';
import { formatPrices } from '../../src/pages/catalog/money';
import { createBody, emptyValues, patchBody, toPayload, valuesFromCustomer } from '../../src/pages/customers/customerForm';
import { makeCustomer } from './fixtures';
import { makeProduct } from './catalogFixtures';

function withPrices(...rows: [string, string][]): ProductFormValues {
  return {
    ...emptyProductValues(),
    sku: 'TAL-800',
    name: 'Taladro',
    prices: rows.map(([currency, amount], i) => ({ key: `k${i}`, currency, amount })),
  };
}

describe('product form model', () => {
  test('amounts typed in major units become minor units with each currency’s decimals', () => {
    const { payload, errors } = toProductPayload(
      withPrices(['EUR', '129,90'], ['USD', '139.5'], ['JPY', '1.500'], ['KWD', '1,5'], ['GBP', '0']),
    );
    expect(errors).toEqual([]);
    expect(payload.prices).toEqual([
      { currency: 'EUR', amount_minor: 12990 },
      { currency: 'USD', amount_minor: 13950 },
      { currency: 'JPY', amount_minor: 1500 },
      { currency: 'KWD', amount_minor: 1500 },
      { currency: 'GBP', amount_minor: 0 },
    ]);
    expect(toProductPayload(withPrices(['KWD', '12,345'])).payload.prices).toEqual([
      { currency: 'KWD', amount_minor: 12345 },
    ]);
  });

  test('bad prices, SKU and name are reported per row before sending', () => {
    const v = {
      ...withPrices(['EUR', '12,9999'], ['JPY', '12,5'], ['USD', '-3'], ['EUR', '1'], ['GBP', ''], ['', '4']),
      sku: 'TAL 800',
      name: '  ',
    };
    expect(toProductPayload(v).errors).toEqual([
      { field: 'sku', code: 'no_spaces' },
      { field: 'name', code: 'required' },
      { field: 'prices.0.amount', code: 'amount', digits: 2 },
      { field: 'prices.1.amount', code: 'amount', digits: 0 },
      { field: 'prices.2.amount', code: 'negative' },
      { field: 'prices.3.currency', code: 'duplicate_currency' },
      { field: 'prices.4.amount', code: 'required' },
      { field: 'prices.5.currency', code: 'required' },
    ]);
  });

  test('a stored product reads back in the UI language', () => {
    const p = makeProduct({
      prices: [
        { currency: 'KWD', amount_minor: 1500 },
        { currency: 'JPY', amount_minor: 1500 },
        { currency: 'EUR', amount_minor: 12990 },
      ],
    });
    const es = valuesFromProduct(p, [{ warehouse_id: 'w1', quantity: 12 }], 'es');
    // Frequent currencies first (EUR before JPY), then the rest.
    expect(es.prices.map((r) => [r.currency, r.amount])).toEqual([
      ['EUR', '129,90'],
      ['JPY', '1500'],
      ['KWD', '1,500'],
    ]);
    expect(es.stock).toEqual({ w1: '12' });
    expect(valuesFromProduct(p, [], 'en').prices[0].amount).toBe('129.90');
    expect(es.product_type_id).toBe('t1');
  });

  test('an untouched product changes nothing; an edit sends only what changed', () => {
    const p = makeProduct();
    const initial = valuesFromProduct(p, [], 'es');
    const before = toProductPayload(initial).payload;
    expect(productPatchBody(before, toProductPayload(initial).payload)).toEqual({});
    // The same prices in another order are not a change.
    const reordered = { ...initial, prices: [...initial.prices].reverse() };
    expect(productPatchBody(before, toProductPayload(reordered).payload)).toEqual({});
    const edited = {
      ...initial,
      name: 'Taladro 900 W',
      product_type_id: '',
      prices: [initial.prices[0], { key: 'n', currency: 'JPY', amount: '2000' }],
    };
    expect(productPatchBody(before, toProductPayload(edited).payload)).toEqual({
      name: 'Taladro 900 W',
      product_type_id: null,
      prices: [
        { currency: 'EUR', amount_minor: 12990 },
        { currency: 'JPY', amount_minor: 2000 },
      ],
    });
  });

  test('a new product leaves out an empty type', () => {
    const { payload } = toProductPayload(withPrices(['EUR', '1']));
    expect(createProductBody(payload)).toEqual({
      sku: 'TAL-800',
      name: 'Taladro',
      active: true,
      prices: [{ currency: 'EUR', amount_minor: 100 }],
    });
  });

  test('stock: empty means none kept, bad quantities are reported, changes are detected', () => {
    const v = { ...emptyProductValues(), stock: { w1: '12', w2: '', w3: '0', w4: '-1', w5: '2,5' } };
    expect(toStockItems(v, ['w1', 'w2', 'w3', 'w4', 'w5'])).toEqual({
      items: [
        { warehouse_id: 'w1', quantity: 12 },
        { warehouse_id: 'w3', quantity: 0 },
      ],
      errors: [
        { field: 'stock.w4', code: 'quantity' },
        { field: 'stock.w5', code: 'quantity' },
      ],
    });
    const a = [{ warehouse_id: 'w1', quantity: 1 }, { warehouse_id: 'w2', quantity: 2 }];
    expect(stockChanged(a, [...a].reverse())).toBe(false);
    expect(stockChanged(a, [a[0]])).toBe(true);
  });

  test('server field paths land on the right input', () => {
    expect(productErrorKey('prices[0].amount_minor')).toBe('prices.0.amount');
    expect(productErrorKey('prices[3].currency')).toBe('prices.3.currency');
    expect(productErrorKey('prices[2]')).toBe('prices.2.amount');
    expect(productErrorKey('prices')).toBe('prices');
    expect(productErrorKey('sku')).toBe('sku');
    const sent = [{ warehouse_id: 'w1', quantity: 1 }, { warehouse_id: 'w9', quantity: 2 }];
    expect(stockErrorKey('items[1].quantity', sent)).toBe('stock.w9');
    expect(stockErrorKey('items', sent)).toBe('stock');
  });

  test('a new price row takes the first frequent currency not used yet', () => {
    expect(nextCurrency([])).toBe('EUR');
    expect(nextCurrency(withPrices(['EUR', '1']).prices)).toBe('USD');
  });

  test('prices are formatted with Intl in the UI language', () => {
    const out = formatPrices(makeProduct().prices, 'es').map((p) => p.text.replace(/\s/g, ' '));
    expect(out).toEqual(['129,90 €', '139,50 US$']);
    expect(formatPrices([{ currency: 'JPY', amount_minor: 1500 }], 'en')[0].text).toBe('JP¥1,500');
  });
});

describe('customer form: catalogue scope', () => {
  test('only the list the scope uses is sent, and "all" is the server default', () => {
    const base = { ...emptyValues(), name: 'Ferretería' };
    expect(createBody(toPayload(base).payload)).toEqual({
      name: 'Ferretería',
      status: 'current',
      account_status: 'active',
      registration_status: 'validated',
    });
    const products = {
      ...base,
      catalog_scope: 'products' as const,
      product_ids: ['7'],
      product_type_ids: ['t1'],
      warehouse_ids: ['w1', 'w2'],
      default_warehouse_id: 'w2',
    };
    expect(createBody(toPayload(products).payload)).toMatchObject({
      catalog_scope: 'products',
      product_ids: ['7'],
      warehouse_ids: ['w1', 'w2'],
      default_warehouse_id: 'w2',
    });
    expect(createBody(toPayload(products).payload)).not.toHaveProperty('product_type_ids');
  });

  test('a scope without any choice is reported; a default outside the warehouses is dropped', () => {
    const v = { ...emptyValues(), name: 'x', catalog_scope: 'product_types' as const };
    expect(toPayload(v).errors).toEqual([{ field: 'product_type_ids', code: 'choose_one' }]);
    const w = { ...emptyValues(), name: 'x', warehouse_ids: ['w1'], default_warehouse_id: 'w2' };
    expect(toPayload(w).payload.default_warehouse_id).toBeNull();
  });

  test('an edit of the scope sends the scope and both lists', () => {
    const c = makeCustomer({ catalog_scope: 'product_types', product_type_ids: ['t1'], warehouse_ids: ['w1'], default_warehouse_id: 'w1' });
    const initial = valuesFromCustomer(c, 'es');
    expect(initial.default_warehouse_id).toBe('w1');
    const before = toPayload(initial).payload;
    expect(patchBody(before, toPayload(initial).payload)).toEqual({});
    const edited = { ...initial, catalog_scope: 'products' as const, product_ids: ['7', '8'] };
    expect(patchBody(before, toPayload(edited).payload)).toEqual({
      catalog_scope: 'products',
      product_type_ids: [],
      product_ids: ['7', '8'],
    });
  });
});
