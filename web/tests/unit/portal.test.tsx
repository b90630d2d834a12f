import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createElement } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { createApiClient, setApiClient } from '../../src/api/client';
import { createPortalClient, setPortalClient, type PortalMe, type PortalProduct } from '../../src/api/portal';
import { createQueryClient, routes } from '../../src/App';
import i18n from '../../src/i18n';
import {
  addToCart,
  cartEstimate,
  cartStorageKey,
  emptyCart,
  loadCart,
  removeFromCart,
  saveCart,
  setLineQuantity,
} from '../../src/portal/cart';
import { safePortalNext, storeMark } from '../../src/portal/session';
import { json, type Handler } from './harness';
import { makeOrder, problem } from './orderFixtures';

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  setApiClient(null);
  setPortalClient(null);
  localStorage.clear();
});

const ME: PortalMe = {
  contact: {
    id: 'c1',
    customer_id: '42',
    first_name: 'Andrés',
    last_name: 'Núñez',
    email: 'andres@nunez.example',
    phone: null,
    whatsapp: null,
    country: null,
    department: null,
    role: 'purchasing',
    permissions: ['place_orders', 'request_quotes', 'view_prices', 'view_shipments'],
    language: null,
    access: 'active',
    has_password: true,
    last_login_at: null,
    last_order: null,
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    version: 1,
  },
  customer: { id: '42', name: 'Ferretería Núñez Hermanos', currency: 'EUR', language: 'es', shared_account: false, registration_status: 'validated' },
};

function product(overrides: Partial<PortalProduct> = {}): PortalProduct {
  return { id: 'p1', sku: 'TORN-8', name: 'Tornillo 8 mm (caja)', product_type_id: null, base_price_minor: 1000, price_minor: 900, available: 40, favorite: false, ...overrides };
}

/** Renders the app at a portal path with a fake server; the staff API is never signed in. */
function renderPortal(path: string, handler: Handler, cookies = 'cartera_portal_csrf=p0rt; cartera_csrf=st4ff') {
  const requests: Request[] = [];
  const fetch = vi.fn(async (req: Request) => {
    requests.push(req.clone());
    return handler(req, new URL(req.url));
  });
  setApiClient(createApiClient({ baseUrl: 'http://cartera.test', fetch: fetch as unknown as typeof globalThis.fetch, onUnauthorized: () => undefined }));
  setPortalClient(
    createPortalClient({
      baseUrl: 'http://cartera.test',
      fetch: fetch as unknown as typeof globalThis.fetch,
      getCookies: () => cookies,
      onUnauthorized: () => undefined,
    }),
  );
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  render(createElement(QueryClientProvider, { client: queryClient }, createElement(RouterProvider, { router })));
  return { requests, router };
}

const signedIn = (me: PortalMe = ME) => (url: URL) => (url.pathname === '/api/v1/portal/me' ? json(me) : null);
const visitor = (url: URL) => (url.pathname === '/api/v1/portal/me' ? problem(401, 'unauthenticated') : null);

describe('portal cart model', () => {
  test('adding sums quantities, prices are remembered only when sent, and every change makes a new key', () => {
    let cart = emptyCart();
    const k0 = cart.key;
    cart = addToCart(cart, product(), 'EUR', 2)!;
    expect(cart.key).not.toBe(k0);
    cart = addToCart(cart, product(), 'EUR', 3)!;
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0].quantity).toBe(5);
    expect(cartEstimate(cart)).toEqual({ total_minor: 4500, currency: 'EUR' });
    cart = addToCart(cart, product({ id: 'p2', sku: 'TAC-6', price_minor: undefined, base_price_minor: undefined }), 'EUR', 1)!;
    expect(cart.lines[1].price_minor).toBeNull();
    expect(cartEstimate(cart)).toBeNull();
    cart = setLineQuantity(cart, 'p1', 0);
    expect(cart.lines[0].quantity).toBe(1);
    cart = removeFromCart(cart, 'p2');
    expect(cartEstimate(cart)).toEqual({ total_minor: 900, currency: 'EUR' });
  });

  test('each contact has its own cart in localStorage; unreadable data starts empty', () => {
    const cart = addToCart(emptyCart(), product(), 'EUR', 4)!;
    saveCart('c1', cart);
    expect(loadCart(localStorage, 'c1').lines[0].quantity).toBe(4);
    expect(loadCart(localStorage, 'c2').lines).toEqual([]);
    localStorage.setItem(cartStorageKey('c3'), '{"v":1,"key":"k","lines":[{"product_id":5}]}');
    expect(loadCart(localStorage, 'c3').lines).toEqual([]);
    localStorage.setItem(cartStorageKey('c4'), 'no es json');
    expect(loadCart(localStorage, 'c4').lines).toEqual([]);
  });

  test('after sign-in only portal paths are followed', () => {
    expect(safePortalNext('/portal/orders/7')).toBe('/portal/orders/7');
    expect(safePortalNext('/admin/customers')).toBe('/portal/catalog');
    expect(safePortalNext('//evil.example/portal/x')).toBe('/portal/catalog');
    expect(safePortalNext('/portal/login')).toBe('/portal/catalog');
  });
});

describe('portal catalogue', () => {
  test('without the right to prices nothing about prices is rendered', async () => {
    renderPortal('/portal/catalog', (_req, url) =>
      visitor(url) ??
      (url.pathname === '/api/v1/portal/catalog'
        ? json({ prices_visible: false, currency: 'EUR', items: [product({ price_minor: undefined, base_price_minor: undefined })], next_cursor: null })
        : problem(404, 'not_found')),
    );
    const card = await screen.findByTestId('portal-product');
    expect(card.textContent).toContain('Tornillo 8 mm (caja)');
    expect(within(card).queryByTestId('product-price')).toBeNull();
    expect(card.textContent).not.toMatch(/€|\d+,\d\d/);
    expect(screen.getByTestId('prices-hidden').textContent).toContain('Inicia sesión para ver tus precios');
    // Visitors neither add to the cart nor keep favourites.
    expect(within(card).queryByTestId('add-to-cart')).toBeNull();
    expect(within(card).queryByTestId('favorite-toggle')).toBeNull();
  });

  test('a contact sees its prices, the base price crossed out, "Sin stock", and adds to its cart', async () => {
    renderPortal('/portal/catalog', (_req, url) =>
      signedIn()(url) ??
      (url.pathname === '/api/v1/portal/catalog'
        ? json({ prices_visible: true, currency: 'EUR', items: [product(), product({ id: 'p2', sku: 'TAC-6', name: 'Taco 6 mm', available: 0, price_minor: 250, base_price_minor: 250 })], next_cursor: null })
        : problem(404, 'not_found')),
    );
    const cards = await screen.findAllByTestId('portal-product');
    expect(within(cards[0]).getByTestId('product-price').textContent).toContain('9,00');
    expect(within(cards[0]).getByTestId('product-base-price').textContent).toContain('10,00');
    expect(within(cards[1]).queryByTestId('product-base-price')).toBeNull();
    expect(within(cards[1]).getByTestId('out-of-stock').textContent).toBe('Sin stock');
    expect(screen.queryByTestId('prices-hidden')).toBeNull();
    fireEvent.change(within(cards[0]).getByTestId('add-quantity'), { target: { value: '3' } });
    fireEvent.click(within(cards[0]).getByTestId('add-button'));
    expect(await screen.findByTestId('portal-cart-count')).toHaveProperty('textContent', '3');
    expect(loadCart(localStorage, 'c1').lines[0]).toMatchObject({ product_id: 'p1', quantity: 3, price_minor: 900, currency: 'EUR' });
  });

  test('the favourite toggle PUTs and DELETEs with the portal CSRF token', async () => {
    const { requests } = renderPortal('/portal/catalog', (_req, url) => {
      if (url.pathname.startsWith('/api/v1/portal/favorites/')) return new Response(null, { status: 204 });
      return (
        signedIn()(url) ??
        (url.pathname === '/api/v1/portal/catalog' ? json({ prices_visible: true, currency: 'EUR', items: [product()], next_cursor: null }) : problem(404, 'not_found'))
      );
    });
    const toggle = await screen.findByTestId('favorite-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('favorite-toggle').getAttribute('aria-pressed')).toBe('true'));
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(new URL(put.url).pathname).toBe('/api/v1/portal/favorites/p1');
    expect(put.headers.get('X-CSRF-Token')).toBe('p0rt');
  });
});

describe('portal sign-in', () => {
  async function signIn(answer: () => Response) {
    const result = renderPortal('/portal/login', (_req, url) => {
      if (url.pathname === '/api/v1/portal/login') return answer();
      return visitor(url) ?? problem(404, 'not_found');
    });
    fireEvent.change(await screen.findByLabelText('Correo electrónico'), { target: { value: 'andres@nunez.example' } });
    fireEvent.change(screen.getByLabelText('Contraseña'), { target: { value: 'una-clave-larga' } });
    fireEvent.click(screen.getByTestId('portal-login-submit'));
    return result;
  }

  test('pending validation, inactive accounts and throttling are explained', async () => {
    await signIn(() => problem(403, 'pending_validation'));
    expect((await screen.findByTestId('portal-login-error')).textContent).toContain('validando los datos de tu empresa');
    document.body.innerHTML = '';
    await signIn(() => problem(403, 'account_inactive'));
    expect((await screen.findByTestId('portal-login-error')).textContent).toContain('Tu cuenta no está activa');
    document.body.innerHTML = '';
    await signIn(() => json({ type: 'about:blank', title: 'Too many', status: 429, code: 'too_many_requests' }, 429, { 'Retry-After': '600' }));
    expect((await screen.findByTestId('portal-login-error')).textContent).toContain('dentro de 10 minutos');
  });

  test('signing in switches to the contact\'s language and opens the catalogue', async () => {
    const me = { ...ME, contact: { ...ME.contact, language: 'en' } };
    const { router } = await signIn(() => json({ token: 't', ...me }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/portal/catalog'));
    await waitFor(() => expect(i18n.language).toBe('en'));
  });
});

describe('portal registration', () => {
  test('in validation mode it says the details will be validated', async () => {
    const { requests } = renderPortal('/portal/register', (_req, url) => {
      if (url.pathname === '/api/v1/portal/register') return json({ status: 'pending_validation' }, 201);
      return visitor(url) ?? problem(404, 'not_found');
    });
    const form = await screen.findByTestId('portal-register-form');
    fireEvent.change(within(form).getByTestId('register-company_name'), { target: { value: 'Bodas Ruiz' } });
    fireEvent.change(within(form).getByTestId('register-first_name'), { target: { value: 'Lucía' } });
    fireEvent.change(within(form).getByTestId('register-email'), { target: { value: 'lucia@bodas.example' } });
    fireEvent.change(within(form).getByTestId('portal-password'), { target: { value: 'una-clave-larga' } });
    fireEvent.change(within(form).getByTestId('portal-password-repeat'), { target: { value: 'otra-clave-larga' } });
    fireEvent.click(within(form).getByTestId('portal-register-submit'));
    expect((await screen.findByTestId('error-portal-password-repeat')).textContent).toContain('no coinciden');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(form).getByTestId('portal-password-repeat'), { target: { value: 'una-clave-larga' } });
    fireEvent.click(within(form).getByTestId('portal-register-submit'));
    expect((await screen.findByTestId('register-pending')).textContent).toContain('Validaremos tus datos');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ company_name: 'Bodas Ruiz', first_name: 'Lucía', email: 'lucia@bodas.example', password: 'una-clave-larga', language: 'es' });
  });
});

describe('portal checkout', () => {
  function checkoutServer(me: PortalMe, answer?: (body: Record<string, unknown>) => Response) {
    return async (req: Request, url: URL) => {
      if (url.pathname === '/api/v1/portal/orders' && req.method === 'POST') {
        const body = (await req.json()) as Record<string, unknown>;
        return answer ? answer(body) : json(makeOrder({ id: '77', number: 'P-000077', source: 'portal', contact_id: 'c1' }), 201);
      }
      if (url.pathname === '/api/v1/portal/orders/77') return json(makeOrder({ id: '77', number: 'P-000077', source: 'portal' }));
      return signedIn(me)(url) ?? problem(404, 'not_found');
    };
  }

  test('a shared account asks for the buyer; the order carries it and an Idempotency-Key', async () => {
    saveCart('c1', addToCart(emptyCart(), product(), 'EUR', 2)!);
    const shared = { ...ME, customer: { ...ME.customer, shared_account: true } };
    const { requests, router } = renderPortal('/portal/cart', checkoutServer(shared));
    fireEvent.click(await screen.findByTestId('place-order'));
    expect((await screen.findByTestId('error-buyer-name')).textContent).toContain('nombre de quien hace el pedido');
    expect(screen.getByTestId('error-buyer-email')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('buyer-name'), { target: { value: 'Marta Gil' } });
    fireEvent.change(screen.getByTestId('buyer-email'), { target: { value: 'marta@invitados.example' } });
    fireEvent.change(screen.getByTestId('cart-note'), { target: { value: 'Para la boda del sábado' } });
    expect(screen.getByTestId('cart-estimate').textContent).toContain('18,00');
    fireEvent.click(screen.getByTestId('place-order'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/portal/orders/77'));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(post.headers.get('X-CSRF-Token')).toBe('p0rt');
    expect(await post.json()).toEqual({
      kind: 'order',
      lines: [{ product_id: 'p1', quantity: 2 }],
      note: 'Para la boda del sábado',
      buyer: { name: 'Marta Gil', email: 'marta@invitados.example' },
    });
    expect((await screen.findByTestId('order-placed')).textContent).toContain('Pedido P-000077 enviado');
    expect(loadCart(localStorage, 'c1').lines).toEqual([]);
  });

  test('a contact who may only ask for quotes sends a quote; refused lines are marked', async () => {
    saveCart('c1', addToCart(emptyCart(), product(), 'EUR', 1)!);
    const quoter = { ...ME, contact: { ...ME.contact, permissions: ['request_quotes' as const] } };
    renderPortal('/portal/cart', checkoutServer(quoter, () => problem(422, 'validation_failed', [{ field: 'lines[0].product_id', code: 'not_in_catalog', message: 'x' }])));
    expect(await screen.findByTestId('request-quote')).toBeTruthy();
    expect(screen.queryByTestId('place-order')).toBeNull();
    // No prices for this contact... but the cart still shows what the catalogue sent earlier.
    fireEvent.click(screen.getByTestId('request-quote'));
    expect((await screen.findByTestId('line-error')).textContent).toContain('no está en tu catálogo');
    expect(screen.getByTestId('cart-error').textContent).toContain('Hay productos que no se pueden pedir');
  });

  test('without permission to order or ask for quotes the cart says so', async () => {
    saveCart('c1', addToCart(emptyCart(), product(), 'EUR', 1)!);
    const billing = { ...ME, contact: { ...ME.contact, permissions: ['view_invoices' as const] } };
    renderPortal('/portal/cart', checkoutServer(billing));
    expect((await screen.findByTestId('cart-no-permission')).textContent).toContain('no puede hacer pedidos');
    expect(screen.queryByTestId('place-order')).toBeNull();
    expect(screen.queryByTestId('request-quote')).toBeNull();
  });
});

describe('portal orders and account', () => {
  test('billing contacts see balances; contacts without view_prices see no totals', async () => {
    const billing: PortalMe = {
      contact: { ...ME.contact, permissions: ['view_invoices'] },
      customer: {
        ...ME.customer,
        credit: { currency: 'EUR', credit_limit_minor: 500000, unpaid_minor: 120000, overdue_minor: 20000, not_yet_due_minor: 100000, available_minor: 380000, held_orders: 0 },
      },
    };
    renderPortal('/portal/orders', (_req, url) =>
      signedIn(billing)(url) ?? (url.pathname === '/api/v1/portal/orders' ? json({ items: [makeOrder()], next_cursor: null }) : problem(404, 'not_found')),
    );
    const credit = await screen.findByTestId('portal-credit');
    expect(within(credit).getByTestId('portal-credit-overdue').textContent).toContain('200,00');
    expect(within(credit).getByTestId('portal-credit-not-due').textContent).toContain('1000,00');
    const order = await screen.findByTestId('portal-order');
    expect(order.textContent).toContain('P-000007');
    expect(within(order).queryByTestId('portal-order-total')).toBeNull();
  });

  test('the company scope asks the server for all the customer\'s orders', async () => {
    const { requests } = renderPortal('/portal/orders', (_req, url) =>
      signedIn()(url) ?? (url.pathname === '/api/v1/portal/orders' ? json({ items: [], next_cursor: null }) : problem(404, 'not_found')),
    );
    await screen.findByText('Todavía no has hecho pedidos');
    fireEvent.click(screen.getByTestId('orders-scope-customer'));
    await screen.findByText('Tu empresa todavía no tiene pedidos');
    const scopes = requests.filter((r) => new URL(r.url).pathname === '/api/v1/portal/orders').map((r) => new URL(r.url).searchParams.get('scope'));
    expect(scopes).toEqual(['mine', 'customer']);
  });

  test('shipping contacts follow the order\'s progress', async () => {
    renderPortal('/portal/orders/7', (_req, url) =>
      signedIn()(url) ?? (url.pathname === '/api/v1/portal/orders/7' ? json(makeOrder({ status: 'shipped' })) : problem(404, 'not_found')),
    );
    const progress = await screen.findByTestId('order-progress');
    expect(progress.getAttribute('data-status')).toBe('shipped');
    expect(progress.querySelector('[aria-current="step"]')?.textContent).toBe('Enviado');
    expect(screen.getByTestId('portal-order-total').textContent).toContain('31,50');
  });

  test('a wrong current password is shown on its field', async () => {
    renderPortal('/portal/profile', (req, url) => {
      if (url.pathname === '/api/v1/portal/me' && req.method === 'PATCH') return problem(401, 'invalid_credentials');
      return signedIn()(url) ?? problem(404, 'not_found');
    });
    const form = await screen.findByTestId('password-form');
    fireEvent.change(within(form).getByTestId('profile-current'), { target: { value: 'mala-clave-123' } });
    fireEvent.change(within(form).getByTestId('profile-password'), { target: { value: 'nueva-clave-larga' } });
    fireEvent.change(within(form).getByTestId('profile-repeat'), { target: { value: 'nueva-clave-larga' } });
    fireEvent.click(within(form).getByTestId('password-save'));
    expect((await screen.findByTestId('error-profile-current')).textContent).toBe('La contraseña actual no es correcta.');
  });

  test('pages of a contact send a visitor to the portal sign-in', async () => {
    const { router, requests } = renderPortal('/portal/orders', (_req, url) => visitor(url) ?? problem(404, 'not_found'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/portal/login'));
    expect(router.state.location.search).toBe('?next=%2Fportal%2Forders');
    // Asked once, not once per component that needs to know.
    expect(requests.filter((r) => new URL(r.url).pathname === '/api/v1/portal/me')).toHaveLength(1);
  });
});

describe('the store in the portal header', () => {
  test('its mark is the first letter of its name, C until it is known', () => {
    expect(storeMark('suministros Ortega')).toBe('S');
    expect(storeMark('  Ñandú S.L.')).toBe('Ñ');
    expect(storeMark(undefined)).toBe('C');
    expect(storeMark('   ')).toBe('C');
  });
});
