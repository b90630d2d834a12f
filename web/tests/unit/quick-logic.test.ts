// Pure logic of the public quick-order page (web/src/quick): money, language, cart,
// idempotency keys, error mapping, Retry-After, pasted SKU lines and the API wrapper.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { QuickApi } from '../../src/quick/api';
import { tokenFromPath } from '../../src/quick/app';
import {
  addItem,
  cartTotal,
  clampQuantity,
  emptyCart,
  itemCount,
  loadCart,
  newKey,
  orderBody,
  parseQuantity,
  quantityOf,
  refreshProducts,
  removeLine,
  saveCart,
  setQuantity,
  storageKey,
  type QuickProduct,
} from '../../src/quick/cart';
import { mapOrderErrors, retryAfterMinutes, skuErrorMessage } from '../../src/quick/errors';
import { chooseLanguage, localeFor, setLanguage, t } from '../../src/quick/i18n';
import { currencyDigits, formatMoney } from '../../src/quick/money';
import { keepLines, mergeGoodLines, sortSkuResults } from '../../src/quick/sku';

// Intl uses (narrow) no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const product = (id: string, price: number, extra: Partial<QuickProduct> = {}): QuickProduct => ({
  id,
  sku: `SKU-${id}`,
  name: `Producto ${id}`,
  product_type_id: null,
  base_price_minor: price,
  price_minor: price,
  available: 5,
  ...extra,
});

beforeEach(() => {
  setLanguage('es');
});

describe('money', () => {
  test('the minor unit comes from Intl', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('not-a-currency')).toBe(2);
  });

  test('formats integers in minor units in the currency', () => {
    expect(plain(formatMoney(123456, 'EUR', 'es-ES'))).toBe('1234,56 €');
    expect(plain(formatMoney(12345678, 'EUR', 'es-ES'))).toBe('123.456,78 €');
    expect(plain(formatMoney(900, 'EUR', 'en-GB'))).toBe('€9.00');
    expect(plain(formatMoney(5000, 'JPY', 'en-GB'))).toBe('JP¥5,000');
    expect(plain(formatMoney(12345, 'KWD', 'en-GB'))).toBe('KWD 12.345');
    expect(plain(formatMoney(0, 'EUR', 'es-ES'))).toBe('0,00 €');
  });
});

describe('language', () => {
  test('es and en variants map to es or en; anything else is es', () => {
    expect(chooseLanguage('es')).toBe('es');
    expect(chooseLanguage('es-MX')).toBe('es');
    expect(chooseLanguage('en-GB')).toBe('en');
    expect(chooseLanguage('EN_us')).toBe('en');
    expect(chooseLanguage('fr')).toBe('es');
    expect(chooseLanguage('')).toBe('es');
    expect(chooseLanguage(null)).toBe('es');
  });

  test('the Intl locale keeps the catalogue region when it speaks the same language', () => {
    expect(localeFor('es', 'es-MX')).toBe('es-MX');
    expect(localeFor('en', 'en-US')).toBe('en-US');
    expect(localeFor('en', 'es-MX')).toBe('en-GB');
    expect(localeFor('es', 'es')).toBe('es-ES');
    expect(localeFor('es', 'garbage')).toBe('es-ES');
  });

  test('placeholders and plural forms', () => {
    expect(t('product.available', { count: 1 })).toBe('1 disponible');
    expect(t('product.available', { count: 12 })).toBe('12 disponibles');
    expect(t('product.available', { count: 12 }, 'en')).toBe('12 in stock');
    expect(t('header.for', { customer: 'Núñez' })).toBe('Pedido para Núñez');
    expect(t('notice.rate_limited_in', { count: 1 })).toMatch(/dentro de 1 minuto\.$/);
    expect(t('notice.rate_limited_in', { count: 5 }, 'en')).toMatch(/in 5 minutes\.$/);
    setLanguage('en');
    expect(t('cart.items', { count: 1 })).toBe('1 item');
    expect(t('cart.items', { count: 1500 })).toBe('1,500 items');
  });
});

describe('quantities', () => {
  test('typed quantities accept digits only, capped at 1,000,000', () => {
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity(' 12 ')).toBe(12);
    expect(parseQuantity('1.000')).toBe(1000);
    expect(parseQuantity('2000000')).toBe(1_000_000);
    expect(parseQuantity('99999999999999999999')).toBe(1_000_000);
    expect(parseQuantity('0')).toBeNull();
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('-2')).toBeNull();
    expect(parseQuantity('2,5e3x')).toBeNull();
    expect(parseQuantity('abc')).toBeNull();
  });

  test('clamp keeps 1..1,000,000', () => {
    expect(clampQuantity(0)).toBe(1);
    expect(clampQuantity(-5)).toBe(1);
    expect(clampQuantity(2.7)).toBe(2);
    expect(clampQuantity(5_000_000)).toBe(1_000_000);
    expect(clampQuantity(Number.NaN)).toBe(1);
  });
});

describe('cart', () => {
  test('add, merge, set, remove, count and total', () => {
    let cart = emptyCart('EUR');
    cart = addItem(cart, product('a', 900), 2);
    cart = addItem(cart, product('b', 1050));
    cart = addItem(cart, product('a', 900), 3);
    expect(cart.lines.map((l) => [l.product.id, l.quantity])).toEqual([
      ['a', 5],
      ['b', 1],
    ]);
    expect(itemCount(cart)).toBe(6);
    expect(cartTotal(cart)).toBe(5 * 900 + 1050);
    cart = setQuantity(cart, 'b', 4);
    expect(quantityOf(cart, 'b')).toBe(4);
    cart = setQuantity(cart, 'b', 10_000_000);
    expect(quantityOf(cart, 'b')).toBe(1_000_000);
    cart = addItem(cart, product('b', 1050), 5);
    expect(quantityOf(cart, 'b')).toBe(1_000_000);
    cart = removeLine(cart, 'a');
    expect(quantityOf(cart, 'a')).toBe(0);
    expect(cart.lines).toHaveLength(1);
  });

  test('functions never change the cart they are given', () => {
    const cart = emptyCart('EUR');
    const next = addItem(cart, product('a', 100));
    expect(cart.lines).toHaveLength(0);
    expect(next.key).toBe(cart.key);
  });

  test('fresh catalogue data refreshes remembered prices and stock', () => {
    const cart = addItem(emptyCart('EUR'), product('a', 900, { available: 5 }), 2);
    const same = refreshProducts(cart, [product('a', 900, { available: 5 })]);
    expect(same).toBe(cart);
    const fresh = refreshProducts(cart, [product('a', 850, { available: 0 })]);
    expect(fresh.lines[0].product.price_minor).toBe(850);
    expect(fresh.lines[0].product.available).toBe(0);
    expect(fresh.lines[0].quantity).toBe(2);
  });

  test('the order body trims and leaves empty optional fields null', () => {
    let cart = addItem(emptyCart('EUR'), product('a', 900), 2);
    cart = { ...cart, buyer: { name: '  Lucía  ', email: '  ' }, note: ' \n ' };
    expect(orderBody(cart)).toEqual({
      lines: [{ product_id: 'a', quantity: 2 }],
      buyer: { name: 'Lucía', email: null },
      note: null,
    });
    cart = { ...cart, buyer: { name: 'L', email: ' l@example.com ' }, note: ' Urgente ' };
    expect(orderBody(cart).buyer.email).toBe('l@example.com');
    expect(orderBody(cart).note).toBe('Urgente');
  });

  test('kept in storage per token with its idempotency key', () => {
    const storage = window.localStorage;
    storage.clear();
    const cart = { ...addItem(emptyCart('EUR'), product('a', 900), 3), buyer: { name: 'Ana', email: '' }, note: 'x' };
    saveCart(storage, 'tok1', cart);
    expect(storage.getItem(storageKey('tok1'))).toContain(cart.key);
    // The key names a hash of the token, not the token.
    expect(storageKey('tok1')).toMatch(/^cartera\.quick\.cart\.[0-9a-z]+$/);
    expect(storageKey('tok1')).not.toContain('tok1');
    expect(storageKey('tok2')).not.toBe(storageKey('tok1'));
    const loaded = loadCart(storage, 'tok1');
    expect(loaded).toEqual(cart);
    // Another link has its own cart.
    const other = loadCart(storage, 'tok2');
    expect(other.lines).toEqual([]);
    expect(other.key).not.toBe(cart.key);
  });

  test('an unreadable saved cart starts afresh; bad lines are dropped', () => {
    const storage = window.localStorage;
    storage.setItem(storageKey('t'), '{not json');
    expect(loadCart(storage, 't').lines).toEqual([]);
    storage.setItem(
      storageKey('t'),
      JSON.stringify({
        v: 1,
        key: 'k-1',
        currency: 'EUR',
        lines: [{ product: { id: 'a' } }, { product: { id: 'b', sku: 'B', name: 'B', price_minor: 100 }, quantity: 0 }],
        buyer: null,
      }),
    );
    const cart = loadCart(storage, 't');
    expect(cart.key).toBe('k-1');
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0].quantity).toBe(1);
    expect(cart.lines[0].product.base_price_minor).toBe(100);
    expect(cart.buyer).toEqual({ name: '', email: '' });
    expect(loadCart(null, 't').lines).toEqual([]);
  });

  test('storage that throws does not break the cart', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    } as unknown as Storage;
    expect(loadCart(broken, 't').lines).toEqual([]);
    expect(() => saveCart(broken, 't', emptyCart())).not.toThrow();
  });
});

describe('idempotency keys', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  test('crypto.randomUUID when there is one', () => {
    const c = { randomUUID: () => '11111111-1111-4111-8111-111111111111', getRandomValues: vi.fn() };
    expect(newKey(c as unknown as Crypto)).toBe('11111111-1111-4111-8111-111111111111');
    expect(c.getRandomValues).not.toHaveBeenCalled();
  });

  test('falls back to crypto.getRandomValues (e.g. plain http)', () => {
    const c = {
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => {
        (a as unknown as Uint8Array).fill(0xab);
        return a;
      },
    };
    const key = newKey(c as unknown as Crypto);
    expect(key).toMatch(UUID);
    expect(key).toBe('abababab-abab-4bab-abab-abababababab');
    const throwing = { randomUUID: () => { throw new Error('insecure'); }, getRandomValues: c.getRandomValues };
    expect(newKey(throwing as unknown as Crypto)).toMatch(UUID);
  });

  test('distinct keys by default', () => {
    const a = newKey();
    const b = newKey();
    expect(a).toMatch(UUID);
    expect(a).not.toBe(b);
    expect(newKey(undefined)).toMatch(UUID);
  });
});

describe('server errors', () => {
  test('field paths land on the right line or field', () => {
    const e = mapOrderErrors(
      [
        { field: 'lines[1].quantity', code: 'out_of_range', message: '' },
        { field: 'lines[0].product_id', code: 'invalid', message: '' },
        { field: 'buyer.name', code: 'required', message: '' },
        { field: 'buyer.email', code: 'invalid', message: '' },
        { field: 'note', code: 'too_long', message: '' },
        { field: 'lines[7].quantity', code: 'out_of_range', message: '' },
        { field: 'lines', code: 'too_many', message: '' },
        { field: 'mystery', code: 'invalid', message: '' },
      ],
      ['p1', 'p2'],
    );
    expect(e.lines.get('p2')).toEqual([t('error.quantity')]);
    expect(e.lines.get('p1')).toEqual([t('error.product')]);
    expect(e.name).toEqual([t('error.name_required')]);
    expect(e.email).toEqual([t('error.email_invalid')]);
    expect(e.note).toEqual([t('error.note_too_long')]);
    expect(e.general).toEqual([t('error.quantity'), t('error.too_many_lines'), t('error.field', { field: 'mystery' })]);
  });

  test('too long names and emails say so', () => {
    const e = mapOrderErrors(
      [
        { field: 'buyer.name', code: 'too_long', message: '' },
        { field: 'buyer.email', code: 'too_long', message: '' },
      ],
      [],
    );
    expect(e.name[0]).toMatch(/200/);
    expect(e.email[0]).toMatch(/254/);
  });

  test('Retry-After in seconds or as a date, rounded up to minutes', () => {
    expect(retryAfterMinutes('120')).toBe(2);
    expect(retryAfterMinutes('61')).toBe(2);
    expect(retryAfterMinutes('5')).toBe(1);
    expect(retryAfterMinutes('0')).toBe(1);
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(retryAfterMinutes('Sun, 01 Mar 2026 10:14:30 GMT', now)).toBe(15);
    expect(retryAfterMinutes(null)).toBeNull();
    expect(retryAfterMinutes('soon')).toBeNull();
  });

  test('pasted-line errors are translated', () => {
    expect(skuErrorMessage({ error: 'unknown_sku', sku: 'ZZ-1' })).toBe('No hay ningún producto con la referencia «ZZ-1».');
    expect(skuErrorMessage({ error: 'bad_quantity', sku: 'A' })).toMatch(/cantidad no es válida/);
    expect(skuErrorMessage({ error: 'unreadable', sku: null })).toMatch(/No se entiende/);
    expect(skuErrorMessage({ error: 'not_available', sku: 'X' })).toMatch(/no está disponible/);
    setLanguage('en');
    expect(skuErrorMessage({ error: 'unknown_sku', sku: 'ZZ-1' })).toBe('There is no product with SKU “ZZ-1”.');
  });
});

describe('pasted SKU lines', () => {
  const results = [
    { line: 1, text: 'A 2', sku: 'A', quantity: 2, product: product('a', 100), error: null },
    { line: 3, text: 'ZZ 1', sku: 'ZZ', quantity: 1, product: null, error: 'unknown_sku' as const },
    { line: 4, text: 'A 3', sku: 'A', quantity: 3, product: product('a', 100), error: null },
    { line: 5, text: 'B x', sku: 'B', quantity: null, product: null, error: 'bad_quantity' as const },
    { line: 6, text: '??', sku: null, quantity: null, product: null, error: null },
  ];

  test('sorted into good and bad lines; same product merged', () => {
    const { good, bad } = sortSkuResults(results);
    expect(good.map((g) => g.line)).toEqual([1, 4]);
    expect(bad.map((b) => [b.line, b.error])).toEqual([
      [3, 'unknown_sku'],
      [5, 'bad_quantity'],
      [6, 'unreadable'],
    ]);
    expect(mergeGoodLines(good).map((m) => [m.product.id, m.quantity])).toEqual([['a', 5]]);
  });

  test('the pasted text keeps only the given lines', () => {
    expect(keepLines('A 2\r\n\r\nZZ 1\r\nA 3\r\nB x', [3, 5])).toBe('ZZ 1\nB x');
    expect(keepLines('A 2', [])).toBe('');
  });
});

describe('links', () => {
  test('the token comes from /q/<token>', () => {
    expect(tokenFromPath('/q/abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromPath('/q/abc/')).toBe('abc');
    expect(tokenFromPath('/q/a%20b')).toBe('a b');
    expect(tokenFromPath('/q/')).toBeNull();
    expect(tokenFromPath('/q/a/b')).toBeNull();
    expect(tokenFromPath('/admin')).toBeNull();
    expect(tokenFromPath('/q/%E0%A4%A')).toBeNull();
  });
});

describe('api', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
    });

  test('builds the URLs, query and headers of each endpoint', async () => {
    const fetchFn = vi.fn(async () => json(200, { lines: [] }));
    const api = new QuickApi('to/ken', fetchFn);
    await api.catalog({ q: 'tornillo m8', cursor: 'c1', limit: 50 });
    await api.catalog({});
    await api.order({ lines: [{ product_id: 'a', quantity: 1 }], buyer: { name: 'A' } }, 'key-1');
    await api.skuLines('A 1');
    const calls = fetchFn.mock.calls as unknown as [string, RequestInit][];
    expect(calls[0][0]).toBe('/api/v1/q/to%2Fken?q=tornillo+m8&cursor=c1&limit=50');
    expect(calls[1][0]).toBe('/api/v1/q/to%2Fken');
    expect(calls[2][0]).toBe('/api/v1/q/to%2Fken/orders');
    expect(calls[2][1].method).toBe('POST');
    expect((calls[2][1].headers as Record<string, string>)['Idempotency-Key']).toBe('key-1');
    expect(JSON.parse(String(calls[2][1].body))).toEqual({ lines: [{ product_id: 'a', quantity: 1 }], buyer: { name: 'A' } });
    expect(calls[3][0]).toBe('/api/v1/q/to%2Fken/sku-lines');
    expect(JSON.parse(String(calls[3][1].body))).toEqual({ text: 'A 1' });
    expect(calls[3][1].credentials).toBe('omit');
  });

  test('every outcome becomes a value', async () => {
    const api = (r: () => Promise<Response>) => new QuickApi('t', r);
    const ok = await api(async () => json(201, { id: 'o1' })).order({ lines: [], buyer: { name: 'x' } }, 'k');
    expect(ok).toEqual({ ok: true, status: 201, data: { id: 'o1' } });

    const gone = await api(async () => json(404, { type: 'x', title: 'Not found', status: 404, code: 'not_found' })).catalog({});
    expect(gone.ok === false && gone.kind).toBe('not_found');

    const invalid = await api(async () =>
      json(422, { type: 'x', title: 'Invalid', status: 422, code: 'validation_failed', errors: [{ field: 'note', code: 'too_long', message: 'm' }, 'junk'] }),
    ).catalog({});
    expect(invalid.ok === false && invalid.kind).toBe('invalid');
    expect(invalid.ok === false && invalid.problem?.errors).toEqual([{ field: 'note', code: 'too_long', message: 'm' }]);

    const limited = await api(async () => json(429, { status: 429, code: 'too_many_requests' }, { 'Retry-After': '300' })).catalog({});
    expect(limited.ok === false && [limited.kind, limited.retryAfter]).toEqual(['rate_limited', '300']);

    const conflict = await api(async () => json(409, {})).catalog({});
    expect(conflict.ok === false && conflict.kind).toBe('conflict');

    const broken = await api(async () => new Response('<html>oops', { status: 502 })).catalog({});
    expect(broken.ok === false && [broken.kind, broken.problem]).toEqual(['server', null]);

    const offline = await api(async () => {
      throw new TypeError('Failed to fetch');
    }).catalog({});
    expect(offline.ok === false && offline.kind).toBe('network');

    const controller = new AbortController();
    controller.abort();
    const aborted = await api(async () => {
      throw new DOMException('aborted', 'AbortError');
    }).catalog({}, controller.signal);
    expect(aborted.ok === false && aborted.kind).toBe('aborted');
  });
});
