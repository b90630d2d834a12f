// The quick-order page rendered in jsdom against a stubbed fetch.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startQuickOrder, type QuickPage } from '../../src/quick/app';
import { storageKey } from '../../src/quick/cart';
import type { components } from '../../src/api/schema';

type QuickCatalog = components['schemas']['QuickCatalog'];
type QuickProduct = components['schemas']['QuickProduct'];
type Order = components['schemas']['Order'];

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

const P1: QuickProduct = {
  id: 'p1',
  sku: 'AB-100',
  name: 'Tornillo M8',
  product_type_id: null,
  base_price_minor: 1000,
  price_minor: 900,
  available: 12,
};
const P2: QuickProduct = {
  id: 'p2',
  sku: 'CD-200',
  name: 'Tuerca M8',
  product_type_id: null,
  base_price_minor: 250,
  price_minor: 250,
  available: 0,
};
const P3: QuickProduct = { ...P1, id: 'p3', sku: 'EF-300', name: 'Arandela', base_price_minor: 100, price_minor: 90, available: 1 };

function catalog(extra: Partial<QuickCatalog> = {}): QuickCatalog {
  return {
    store: { name: 'Suministros Norte' },
    customer: { name: 'Ferretería Núñez' },
    currency: 'EUR',
    language: 'es',
    discount_percent: 10,
    expires_at: null,
    products: [P1, P2],
    next_cursor: null,
    ...extra,
  };
}

function order(lines: { product: QuickProduct; quantity: number }[], extra: Partial<Order> = {}): Order {
  const ls = lines.map(({ product, quantity }) => ({
    product_id: product.id,
    sku: product.sku,
    name: product.name,
    quantity,
    base_unit_price_minor: product.base_price_minor,
    unit_price_minor: product.price_minor,
    line_total_minor: product.price_minor * quantity,
  }));
  const total = ls.reduce((s, l) => s + l.line_total_minor, 0);
  return {
    id: 'o1',
    number: 'P-000042',
    kind: 'order',
    customer_id: 'c1',
    customer_name: 'Ferretería Núñez',
    contact_id: null,
    buyer: { name: 'Lucía', email: null },
    source: 'quick_link',
    status: 'pending',
    approval_status: 'not_required',
    currency: 'EUR',
    discount_percent: 10,
    lines: ls,
    subtotal_minor: total,
    total_minor: total,
    warehouse_id: null,
    shipping_address: null,
    note: null,
    payment_status: 'unpaid',
    due_date: null,
    placed_at: '2026-03-01T10:00:00Z',
    quote_id: null,
    converted_order_id: null,
    updated_at: '2026-03-01T10:00:00Z',
    version: 1,
    ...extra,
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

const problem = (status: number, code: string, errors?: { field: string; code: string; message: string }[]) =>
  json(status, { type: 'about:blank', title: code, status, code, errors });

interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

type Route = (call: Call) => Response | Promise<Response>;

/** A fetch stub: one handler per endpoint, every call recorded. */
function fakeServer(routes: { catalog?: Route; order?: Route; sku?: Route }) {
  const calls: Call[] = [];
  const fetchFn = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const call: Call = {
      method: init?.method ?? 'GET',
      url,
      headers: (init?.headers as Record<string, string>) ?? {},
      body: init?.body ? JSON.parse(String(init.body)) : null,
    };
    calls.push(call);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const path = url.pathname;
    const route = path.endsWith('/orders') ? routes.order : path.endsWith('/sku-lines') ? routes.sku : routes.catalog;
    if (!route) throw new TypeError('Failed to fetch');
    return route(call);
  });
  return {
    fetchFn,
    calls,
    of: (kind: 'catalog' | 'order' | 'sku') =>
      calls.filter((c) =>
        kind === 'order' ? c.url.pathname.endsWith('/orders') : kind === 'sku' ? c.url.pathname.endsWith('/sku-lines') : c.method === 'GET',
      ),
  };
}

let page: QuickPage | null = null;
let root: HTMLElement;

function start(server: ReturnType<typeof fakeServer>, path = '/q/tok-1'): HTMLElement {
  page = startQuickOrder(root, { fetch: server.fetchFn, storage: window.localStorage, path, debounceMs: 10 });
  return root;
}

const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(sel: string) => Array.from(root.querySelectorAll<T>(sel));
const byTestId = (id: string) => $(`[data-testid="${id}"]`);
const text = () => plain(root.textContent);

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function productRow(name: string): HTMLElement {
  const row = $$('[data-testid="product"]').find((r) => r.querySelector('h3')?.textContent === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

async function shop(server: ReturnType<typeof fakeServer>, path?: string): Promise<void> {
  start(server, path);
  await vi.waitFor(() => expect($$('[data-testid="product"]').length).toBeGreaterThan(0));
}

function savedCart() {
  return JSON.parse(window.localStorage.getItem(storageKey('tok-1')) ?? 'null');
}

beforeEach(() => {
  // Before the catalogue answers, the page speaks the browser's language.
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('es-ES');
  window.localStorage.clear();
  document.body.innerHTML = '<div id="quick"></div>';
  root = document.getElementById('quick')!;
  document.title = '';
});

afterEach(() => {
  page?.destroy();
  page = null;
});

describe('loading the catalogue', () => {
  test('a loading state, then the store, the customer and the products', async () => {
    let release!: () => void;
    const server = fakeServer({
      catalog: () => new Promise<Response>((r) => (release = () => r(json(200, catalog())))),
    });
    start(server);
    expect($('main')?.getAttribute('aria-busy')).toBe('true');
    expect(text()).toContain('Cargando el catálogo…');
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    expect(server.calls[0].url.pathname).toBe('/api/v1/q/tok-1');
    expect(server.calls[0].url.searchParams.get('limit')).toBe('50');
    release();
    await vi.waitFor(() => expect($$('[data-testid="product"]')).toHaveLength(2));

    expect($('h1')?.textContent).toBe('Suministros Norte');
    expect(text()).toContain('Pedido para Ferretería Núñez');
    expect(plain(byTestId('discount')?.textContent)).toBe('Precios con tu descuento del 10 %');
    expect(document.title).toBe('Suministros Norte · Pedido rápido');
    expect(document.documentElement.lang).toBe('es');

    const row1 = productRow('Tornillo M8');
    expect(plain(row1.querySelector('[data-testid="price"]')?.textContent)).toBe('9,00 €');
    const was = row1.querySelector('[data-testid="base-price"]');
    expect(was?.tagName).toBe('S');
    expect(plain(was?.textContent)).toContain('10,00 €');
    expect(row1.textContent).toContain('Ref. AB-100');
    expect(row1.querySelector('[data-testid="stock"]')?.textContent).toBe('12 disponibles');

    const row2 = productRow('Tuerca M8');
    expect(row2.querySelector('[data-testid="base-price"]')).toBeNull();
    expect(row2.querySelector('[data-testid="stock"]')?.textContent).toBe('Sin stock');
    // Out of stock can still be ordered.
    expect(row2.querySelector<HTMLButtonElement>('.qo-btn--add')?.disabled).toBe(false);
  });

  test('currencies with 0 and 3 decimals', async () => {
    const server = fakeServer({
      catalog: () => json(200, catalog({ currency: 'JPY', products: [{ ...P1, price_minor: 1500, base_price_minor: 1500 }] })),
    });
    await shop(server);
    expect(plain(productRow('Tornillo M8').querySelector('[data-testid="price"]')?.textContent)).toBe('1500 JPY');
    page?.destroy();
    const kwd = fakeServer({
      catalog: () => json(200, catalog({ currency: 'KWD', language: 'en-GB', products: [{ ...P1, price_minor: 12345, base_price_minor: 12345 }] })),
    });
    await shop(kwd, '/q/tok-2');
    expect(plain(productRow('Tornillo M8').querySelector('[data-testid="price"]')?.textContent)).toBe('KWD 12.345');
  });

  test('an unknown, revoked or expired link shows a friendly page and no catalogue', async () => {
    const server = fakeServer({ catalog: () => problem(404, 'not_found') });
    start(server);
    await vi.waitFor(() => expect(text()).toContain('Este enlace ya no está disponible'));
    expect(text()).toContain('Pide a tu proveedor un enlace nuevo.');
    expect($('#qo-search')).toBeNull();
    expect($$('[data-testid="product"]')).toHaveLength(0);
    expect(document.title).toBe('Enlace no disponible');
  });

  test('a path without a token is unavailable without asking the server', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog()) });
    start(server, '/q/');
    await vi.waitFor(() => expect(text()).toContain('Este enlace ya no está disponible'));
    expect(server.calls).toHaveLength(0);
  });

  test('other failures show an error with a retry', async () => {
    let fail = true;
    const server = fakeServer({ catalog: () => (fail ? problem(500, 'internal') : json(200, catalog())) });
    start(server);
    await vi.waitFor(() => expect(text()).toContain('No hemos podido cargar el catálogo'));
    fail = false;
    const retry = $$('button').find((b) => b.textContent === 'Reintentar')!;
    retry.click();
    await vi.waitFor(() => expect($$('[data-testid="product"]')).toHaveLength(2));
  });

  test('search as you type asks the server once the typing stops', async () => {
    const server = fakeServer({
      catalog: ({ url }) => {
        const q = url.searchParams.get('q');
        return json(200, catalog({ products: q ? [P2] : [P1, P2] }));
      },
    });
    await shop(server);
    const search = $<HTMLInputElement>('#qo-search')!;
    expect(root.querySelector(`label[for="qo-search"]`)?.textContent).toBe('Buscar productos');
    type(search, 't');
    type(search, 'tu');
    type(search, 'tue');
    await vi.waitFor(() => expect($$('[data-testid="product"]')).toHaveLength(1));
    const searches = server.of('catalog').slice(1);
    expect(searches.map((c) => c.url.searchParams.get('q'))).toEqual(['tue']);
    expect(productRow('Tuerca M8')).toBeTruthy();
  });

  test('a search without results says so', async () => {
    const server = fakeServer({
      catalog: ({ url }) => json(200, catalog({ products: url.searchParams.get('q') ? [] : [P1] })),
    });
    await shop(server);
    type($<HTMLInputElement>('#qo-search')!, 'zzz');
    await vi.waitFor(() => expect(byTestId('no-products')?.textContent).toBe('No hay productos que coincidan con «zzz».'));
  });

  test('"Ver más" loads the next page with the cursor', async () => {
    const server = fakeServer({
      catalog: ({ url }) =>
        url.searchParams.get('cursor') === 'c2'
          ? json(200, catalog({ products: [P3], next_cursor: null }))
          : json(200, catalog({ products: [P1, P2], next_cursor: 'c2' })),
    });
    await shop(server);
    const more = byTestId('load-more') as HTMLButtonElement;
    expect(more.textContent).toBe('Ver más');
    more.click();
    await vi.waitFor(() => expect($$('[data-testid="product"]')).toHaveLength(3));
    expect(server.of('catalog')[1].url.searchParams.get('cursor')).toBe('c2');
    expect(byTestId('load-more')).toBeNull();
  });
});

describe('language', () => {
  test('the catalogue language picks English, and the switch changes and remembers it', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog({ language: 'en-GB' })) });
    await shop(server);
    expect(document.documentElement.lang).toBe('en');
    expect(text()).toContain('Order for Ferretería Núñez');
    expect(productRow('Tornillo M8').querySelector('[data-testid="stock"]')?.textContent).toBe('12 in stock');
    expect(plain(productRow('Tornillo M8').querySelector('[data-testid="price"]')?.textContent)).toBe('€9.00');
    expect(document.title).toBe('Suministros Norte · Quick order');

    const es = $<HTMLButtonElement>('[data-lang="es"]')!;
    expect(es.getAttribute('aria-pressed')).toBe('false');
    es.click();
    expect(document.documentElement.lang).toBe('es');
    expect(text()).toContain('Pedido para Ferretería Núñez');
    expect($('[data-lang="es"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe($('[data-lang="es"]'));
    expect(window.localStorage.getItem('cartera.quick.language')).toBe('es');
  });

  test('other languages fall back to Spanish', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog({ language: 'fr-FR' })) });
    await shop(server);
    expect(document.documentElement.lang).toBe('es');
  });
});

describe('cart', () => {
  test('add, step, type and remove; bar and totals follow; kept after a reload', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog()) });
    await shop(server);
    expect(byTestId('cart-bar')?.parentElement?.hidden).toBe(true);

    productRow('Tornillo M8').querySelector<HTMLButtonElement>('.qo-btn--add')!.click();
    const row = productRow('Tornillo M8');
    const qty = row.querySelector<HTMLInputElement>('.qo-stepper__input')!;
    expect(qty.value).toBe('1');
    expect(qty.getAttribute('aria-label')).toBe('Cantidad de Tornillo M8');
    expect(byTestId('cart-bar')?.parentElement?.hidden).toBe(false);
    expect(plain($('[data-bar-total]')?.textContent)).toBe('9,00 €');

    row.querySelector<HTMLButtonElement>('[data-focus="inc"]')!.click();
    expect(qty.value).toBe('2');
    type(qty, '5');
    expect(plain(byTestId('cart-total')?.textContent)).toBe('45,00 €');
    expect($('[data-bar-count]')?.textContent).toBe('5');
    // The cart panel's stepper shows the same quantity.
    expect($<HTMLInputElement>('.qo-cart .qo-stepper__input')?.value).toBe('5');

    type(qty, 'abc');
    expect(qty.getAttribute('aria-invalid')).toBe('true');
    expect($('[data-bar-count]')?.textContent).toBe('5');
    type(qty, '2000000');
    expect($<HTMLInputElement>('.qo-cart .qo-stepper__input')?.value).toBe('1000000');
    type(qty, '3');

    productRow('Tuerca M8').querySelector<HTMLButtonElement>('.qo-btn--add')!.click();
    expect(plain(byTestId('cart-total')?.textContent)).toBe('29,50 €');
    expect($$('[data-testid="cart-line"]')).toHaveLength(2);
    expect(savedCart().lines.map((l: { product: { id: string }; quantity: number }) => [l.product.id, l.quantity])).toEqual([
      ['p1', 3],
      ['p2', 1],
    ]);

    // Reload: the cart is still there.
    page!.destroy();
    await shop(fakeServer({ catalog: () => json(200, catalog()) }));
    expect($$('[data-testid="cart-line"]')).toHaveLength(2);
    expect(plain(byTestId('cart-total')?.textContent)).toBe('29,50 €');
    expect(productRow('Tornillo M8').querySelector<HTMLInputElement>('.qo-stepper__input')?.value).toBe('3');

    // Remove from the cart panel; "−" at 1 in the catalogue removes too.
    $$('[data-testid="cart-line"]')[0].querySelector<HTMLButtonElement>('.qo-line__remove')!.click();
    expect($$('[data-testid="cart-line"]')).toHaveLength(1);
    expect(productRow('Tornillo M8').querySelector('.qo-btn--add')).not.toBeNull();
    const minus = productRow('Tuerca M8').querySelector<HTMLButtonElement>('[data-focus="dec"]')!;
    expect(minus.getAttribute('aria-label')).toBe('Quitar Tuerca M8 del pedido');
    minus.click();
    expect($$('[data-testid="cart-line"]')).toHaveLength(0);
    expect(text()).toContain('Tu pedido está vacío');
    expect(byTestId('cart-bar')?.parentElement?.hidden).toBe(true);
  });

  test('the phone cart sheet opens as a dialog and closes with Escape', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog()) });
    await shop(server);
    productRow('Tornillo M8').querySelector<HTMLButtonElement>('.qo-btn--add')!.click();
    const bar = byTestId('cart-bar') as HTMLButtonElement;
    bar.click();
    const cart = $('#qo-cart')!;
    expect(cart.getAttribute('role')).toBe('dialog');
    expect(cart.getAttribute('aria-modal')).toBe('true');
    expect(bar.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.id).toBe('qo-cart-title');
    cart.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(cart.hasAttribute('role')).toBe(false);
    expect(document.activeElement).toBe(bar);
  });

  test('a cart remembered in another currency is dropped', async () => {
    window.localStorage.setItem(
      storageKey('tok-1'),
      JSON.stringify({
        v: 1,
        currency: 'USD',
        key: 'old-key',
        lines: [{ product: { ...P1 }, quantity: 2 }],
        buyer: { name: 'Ana', email: '' },
        note: '',
      }),
    );
    await shop(fakeServer({ catalog: () => json(200, catalog()) }));
    expect($$('[data-testid="cart-line"]')).toHaveLength(0);
    expect(savedCart().currency).toBe('EUR');
    expect(savedCart().buyer.name).toBe('Ana');
  });
});

describe('submitting', () => {
  async function cartWithTwo(server: ReturnType<typeof fakeServer>): Promise<void> {
    await shop(server);
    productRow('Tornillo M8').querySelector<HTMLButtonElement>('.qo-btn--add')!.click();
    productRow('Tornillo M8').querySelector<HTMLButtonElement>('[data-focus="inc"]')!.click();
    productRow('Tuerca M8').querySelector<HTMLButtonElement>('.qo-btn--add')!.click();
  }

  test('the name is required before anything is sent', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog()), order: () => json(201, order([])) });
    await cartWithTwo(server);
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('error-qo-name')).not.toBeNull());
    expect(byTestId('error-qo-name')?.textContent).toContain('Escribe tu nombre');
    expect($('#qo-name')?.getAttribute('aria-invalid')).toBe('true');
    expect($('#qo-name')?.getAttribute('aria-describedby')).toBe('qo-name-error');
    expect(document.activeElement?.id).toBe('qo-name');
    expect(server.of('order')).toHaveLength(0);
  });

  test('one order with the Idempotency-Key, even when the button is pressed twice; then a confirmation', async () => {
    let answer!: (r: Response) => void;
    const server = fakeServer({
      catalog: () => json(200, catalog()),
      order: () => new Promise<Response>((r) => (answer = r)),
    });
    await cartWithTwo(server);
    const key = savedCart().key as string;
    type($<HTMLInputElement>('#qo-name')!, '  Lucía Pérez ');
    type($<HTMLInputElement>('#qo-email')!, 'lucia@example.com');
    type($<HTMLTextAreaElement>('#qo-note')!, 'Entregar por la mañana');
    expect($('#qo-note-count')?.textContent).toBe('22 / 2000');
    const submit = byTestId('submit') as HTMLButtonElement;
    expect(plain(submit.textContent)).toBe('Enviar pedido · 20,50 €');
    submit.click();
    submit.click();
    $<HTMLFormElement>('form.qo-checkout')!.requestSubmit();
    await vi.waitFor(() => expect(server.of('order')).toHaveLength(1));
    expect(submit.disabled).toBe(true);
    expect(submit.textContent).toBe('Enviando…');

    const sent = server.of('order')[0];
    expect(sent.headers['Idempotency-Key']).toBe(key);
    expect(sent.body).toEqual({
      lines: [
        { product_id: 'p1', quantity: 2 },
        { product_id: 'p2', quantity: 1 },
      ],
      buyer: { name: 'Lucía Pérez', email: 'lucia@example.com' },
      note: 'Entregar por la mañana',
    });

    answer(json(201, order([{ product: P1, quantity: 2 }, { product: P2, quantity: 1 }], { buyer: { name: 'Lucía Pérez', email: null } })));
    await vi.waitFor(() => expect(byTestId('confirmation')).not.toBeNull());
    expect(server.of('order')).toHaveLength(1);
    expect(byTestId('order-number')?.textContent).toBe('P-000042');
    expect(plain(byTestId('order-total')?.textContent)).toBe('20,50 €');
    expect(text()).toContain('Gracias, Lucía Pérez.');
    expect(text()).toContain('Tornillo M8');
    expect(document.title).toBe('Pedido P-000042 enviado');
    expect(document.activeElement?.id).toBe('qo-done-title');

    // The stored cart is empty now, with a new key; the buyer is remembered.
    const after = savedCart();
    expect(after.lines).toEqual([]);
    expect(after.key).not.toBe(key);
    expect(after.buyer.name).toBe('  Lucía Pérez ');
    expect(after.note).toBe('');

    const again = $$('button').find((b) => b.textContent === 'Hacer otro pedido')!;
    again.click();
    await vi.waitFor(() => expect($$('[data-testid="product"]')).toHaveLength(2));
    expect($$('[data-testid="cart-line"]')).toHaveLength(0);
    expect(server.of('catalog')).toHaveLength(2);
  });

  test('422 errors appear next to their line and field', async () => {
    const server = fakeServer({
      catalog: () => json(200, catalog()),
      order: () =>
        problem(422, 'validation_failed', [
          { field: 'lines[1].quantity', code: 'out_of_range', message: 'x' },
          { field: 'lines[0].product_id', code: 'invalid', message: 'x' },
          { field: 'buyer.email', code: 'invalid', message: 'x' },
          { field: 'note', code: 'too_long', message: 'x' },
        ]),
    });
    await cartWithTwo(server);
    type($<HTMLInputElement>('#qo-name')!, 'Lucía');
    type($<HTMLInputElement>('#qo-email')!, 'no-es-correo');
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('notice')).not.toBeNull());
    expect(byTestId('notice')?.getAttribute('role')).toBe('alert');
    expect(byTestId('notice')?.textContent).toContain('Revisa los datos marcados.');

    const [line1, line2] = $$('[data-testid="cart-line"]');
    expect(line1.querySelector('[data-testid="line-error"]')?.textContent).toContain('ya no se puede pedir');
    expect(line2.querySelector('[data-testid="line-error"]')?.textContent).toContain('entre 1 y 1.000.000');
    const qty2 = line2.querySelector<HTMLInputElement>('.qo-stepper__input')!;
    expect(qty2.getAttribute('aria-invalid')).toBe('true');
    expect(qty2.getAttribute('aria-describedby')).toBe(line2.querySelector('[data-testid="line-error"]')?.id);
    expect(byTestId('error-qo-email')?.textContent).toContain('correo electrónico válido');
    expect(byTestId('error-qo-note')?.textContent).toContain('2000');
    expect($<HTMLInputElement>('#qo-email')?.value).toBe('no-es-correo');
    // Focus goes to the first field with an error.
    expect(document.activeElement).toBe(line1.querySelector('.qo-stepper__input'));
    // Changing that line clears its error.
    line2.querySelector<HTMLButtonElement>('[data-focus="inc"]')!.click();
    expect($$('[data-testid="cart-line"]')[1].querySelector('[data-testid="line-error"]')).toBeNull();
    expect($$('[data-testid="cart-line"]')[0].querySelector('[data-testid="line-error"]')).not.toBeNull();
  });

  test('429 says how many minutes to wait', async () => {
    const server = fakeServer({
      catalog: () => json(200, catalog()),
      order: () => json(429, { status: 429, code: 'too_many_requests' }, { 'Retry-After': '600' }),
    });
    await cartWithTwo(server);
    type($<HTMLInputElement>('#qo-name')!, 'Lucía');
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('notice')).not.toBeNull());
    expect(byTestId('notice')?.textContent).toContain(
      'Se han enviado demasiados pedidos desde este enlace. Inténtalo de nuevo dentro de 10 minutos.',
    );
    expect((byTestId('submit') as HTMLButtonElement).disabled).toBe(false);
  });

  test('a network error keeps the same key for the retry', async () => {
    let offline = true;
    const server = fakeServer({
      catalog: () => json(200, catalog()),
      order: () => {
        if (offline) throw new TypeError('Failed to fetch');
        return json(201, order([{ product: P1, quantity: 2 }]));
      },
    });
    await cartWithTwo(server);
    type($<HTMLInputElement>('#qo-name')!, 'Lucía');
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('notice')?.textContent).toContain('no hay conexión'));
    expect((byTestId('submit') as HTMLButtonElement).disabled).toBe(false);
    offline = false;
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('confirmation')).not.toBeNull());
    const [first, second] = server.of('order');
    expect(first.headers['Idempotency-Key']).toBeTruthy();
    expect(second.headers['Idempotency-Key']).toBe(first.headers['Idempotency-Key']);
  });

  test('a key reused with another cart (409) can be sent as a new order', async () => {
    const server = fakeServer({
      catalog: () => json(200, catalog()),
      order: ({ headers }) =>
        headers['Idempotency-Key'] === 'stale-key' ? problem(409, 'idempotency_conflict') : json(201, order([{ product: P1, quantity: 1 }])),
    });
    window.localStorage.setItem(
      storageKey('tok-1'),
      JSON.stringify({ v: 1, currency: 'EUR', key: 'stale-key', lines: [{ product: P1, quantity: 1 }], buyer: { name: 'Ana', email: '' }, note: '' }),
    );
    await shop(server);
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('notice')?.textContent).toContain('ya se envió un pedido'));
    const action = $$('[data-testid="notice"] button')[0] as HTMLButtonElement;
    expect(action.textContent).toBe('Enviar como pedido nuevo');
    action.click();
    await vi.waitFor(() => expect(byTestId('confirmation')).not.toBeNull());
    const keys = server.of('order').map((c) => c.headers['Idempotency-Key']);
    expect(keys[0]).toBe('stale-key');
    expect(keys[1]).not.toBe('stale-key');
  });

  test('a link revoked meanwhile shows the unavailable page', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog()), order: () => problem(404, 'not_found') });
    await cartWithTwo(server);
    type($<HTMLInputElement>('#qo-name')!, 'Lucía');
    (byTestId('submit') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text()).toContain('Este enlace ya no está disponible'));
  });
});

describe('paste by SKU', () => {
  test('bad lines are listed with their number; good ones go to the cart in one click', async () => {
    const server = fakeServer({
      catalog: () => json(200, catalog()),
      sku: () =>
        json(200, {
          lines: [
            { line: 1, text: 'AB-100 3', sku: 'AB-100', quantity: 3, product: P1, error: null },
            { line: 2, text: 'ZZ-9 1', sku: 'ZZ-9', quantity: 1, product: null, error: 'unknown_sku' },
            { line: 4, text: 'CD-200;x', sku: 'CD-200', quantity: null, product: null, error: 'bad_quantity' },
            { line: 5, text: 'EF-300\t2', sku: 'EF-300', quantity: 2, product: P3, error: null },
            { line: 6, text: 'AB-100,1', sku: 'AB-100', quantity: 1, product: P1, error: null },
            { line: 7, text: 'GH-1 1', sku: 'GH-1', quantity: 1, product: null, error: 'not_available' },
            { line: 8, text: '???', sku: null, quantity: null, product: null, error: 'unreadable' },
          ],
        }),
    });
    await shop(server);
    const toggle = byTestId('paste-toggle') as HTMLButtonElement;
    expect(toggle.textContent).toContain('Pegar lista de referencias');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const area = $<HTMLTextAreaElement>('#qo-paste-text')!;
    expect(document.activeElement).toBe(area);

    (byTestId('paste-check') as HTMLButtonElement).click();
    expect(byTestId('paste-message')?.textContent).toContain('Pega al menos una línea');
    expect(server.of('sku')).toHaveLength(0);

    const pasted = 'AB-100 3\nZZ-9 1\n\nCD-200;x\nEF-300\t2\nAB-100,1\nGH-1 1\n???';
    type(area, pasted);
    (byTestId('paste-check') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('paste-errors')).not.toBeNull());
    expect(server.of('sku')[0].body).toEqual({ text: pasted });
    const errors = $$('[data-testid="paste-error"]').map((li) => plain(li.textContent));
    expect(errors).toEqual([
      'Línea 2: ZZ-9 1No hay ningún producto con la referencia «ZZ-9».',
      'Línea 4: CD-200;xLa cantidad no es válida: debe ser un número entero entre 1 y 1.000.000.',
      'Línea 7: GH-1 1La referencia «GH-1» no está disponible en tu catálogo.',
      'Línea 8: ???No se entiende la línea: escribe la referencia y la cantidad.',
    ]);
    expect(text()).toContain('4 líneas con errores');
    expect(text()).toContain('3 líneas correctas.');
    const add = byTestId('paste-add') as HTMLButtonElement;
    expect(add.textContent).toBe('Añadir 2 productos al pedido');
    add.click();

    expect($$('[data-testid="cart-line"]').map((l) => l.querySelector<HTMLInputElement>('.qo-stepper__input')?.value)).toEqual(['4', '2']);
    expect(plain(byTestId('cart-total')?.textContent)).toBe('37,80 €');
    expect(byTestId('paste-message')?.textContent).toContain('Se han añadido 2 productos al pedido.');
    expect(area.value).toBe('ZZ-9 1\nCD-200;x\nGH-1 1\n???');
    expect(byTestId('paste-errors')).toBeNull();
  });

  test('a failure to check is reported', async () => {
    const server = fakeServer({ catalog: () => json(200, catalog()), sku: () => problem(500, 'internal') });
    await shop(server);
    (byTestId('paste-toggle') as HTMLButtonElement).click();
    type($<HTMLTextAreaElement>('#qo-paste-text')!, 'AB-100 1');
    (byTestId('paste-check') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byTestId('paste-message')?.textContent).toContain('No hemos podido comprobar la lista'));
  });
});
