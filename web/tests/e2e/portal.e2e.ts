// Browser test of the customer portal (/portal: F11, F12, F13, F15, F22, F24) against a real
// running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/portal.e2e.ts
// The store is set to "registration with validation" and "prices for signed-in customers" for
// the run (and put back afterwards); a product, customers and contacts unique to the run are
// made through the staff API. Screenshots go to web/test-results/portal-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE, PHONE, RUN, SMALL_LAPTOP, api, apiSignIn, newPage, patchSettings, plain, portalSignIn, run, screenshots, useBrowser, usePage } from './support';

const SKU = `PT-${RUN}-TORN`;
const SKU_OUT = `PT-${RUN}-TACO`;
const BUYER = { email: `compras.${run}@portal-nunez.example`, password: 'Compras-Portal-1' };
const BILLING = { email: `facturas.${run}@portal-nunez.example`, password: 'Facturas-Portal-1' };
const GUEST = { email: `invitados.${run}@boda.example`, password: 'Invitados-Boda-1' };
const REGISTER = { email: `alta.${run}@nueva.example`, password: 'Empresa-Nueva-1' };

type Settings = { registration_mode: string; price_visibility: string; version: number } & Record<string, unknown>;

let original: Settings | null = null;
const data = { customerId: '', buyerId: '', sharedCustomerId: '', product: '', productOut: '' };

useBrowser();
const shot = screenshots({ fullPage: true });

const product = (page: Page, sku: string): Locator => page.getByTestId('portal-product').filter({ hasText: sku });

beforeAll(async () => {
  await apiSignIn();
  original = await api<Settings>('GET', '/api/v1/settings');
  await patchSettings({ registration_mode: 'validation', price_visibility: 'signed_in' });

  const warehouse = await api<{ id: string }>('POST', '/api/v1/warehouses', { name: `Almacén portal ${RUN}` });
  data.product = (await api<{ id: string }>('POST', '/api/v1/products', { sku: SKU, name: `Tornillo portal ${RUN}`, prices: [{ currency: 'EUR', amount_minor: 1250 }] })).id;
  data.productOut = (await api<{ id: string }>('POST', '/api/v1/products', { sku: SKU_OUT, name: `Taco portal ${RUN}`, prices: [{ currency: 'EUR', amount_minor: 399 }] })).id;
  await api('PUT', `/api/v1/products/${data.product}/stock`, { items: [{ warehouse_id: warehouse.id, quantity: 40 }] });
  await api('PUT', `/api/v1/products/${data.productOut}/stock`, { items: [{ warehouse_id: warehouse.id, quantity: 0 }] });

  data.customerId = (
    await api<{ id: string }>('POST', '/api/v1/customers', { name: `Ferretería Portal ${RUN}`, currency: 'EUR', language: 'es', discount_percent: 10, credit_limit_minor: 100000 })
  ).id;
  data.buyerId = (
    await api<{ id: string }>('POST', `/api/v1/customers/${data.customerId}/contacts`, {
      first_name: 'Andrés',
      last_name: 'Compras',
      email: BUYER.email,
      role: 'purchasing',
      password: BUYER.password,
    })
  ).id;
  await api('POST', `/api/v1/customers/${data.customerId}/contacts`, {
    first_name: 'Julia',
    last_name: 'Billing',
    email: BILLING.email,
    role: 'billing',
    language: 'en',
    password: BILLING.password,
  });
  data.sharedCustomerId = (
    await api<{ id: string }>('POST', '/api/v1/customers', { name: `Boda Ruiz ${RUN}`, currency: 'EUR', language: 'es', shared_account: true })
  ).id;
  await api('POST', `/api/v1/customers/${data.sharedCustomerId}/contacts`, {
    first_name: 'Invitados',
    last_name: 'Boda',
    email: GUEST.email,
    role: 'purchasing',
    password: GUEST.password,
  });
});

afterAll(async () => {
  if (original) await patchSettings({ registration_mode: original.registration_mode, price_visibility: original.price_visibility });
});

describe('portal on a laptop', () => {
  let page: Page;
  let orderNumber = '';
  usePage(SMALL_LAPTOP, (opened) => (page = opened), { signedIn: false });

  test('a visitor sees the catalogue without any price', async () => {
    await page.goto(`${BASE}/portal/catalog?q=${encodeURIComponent(SKU)}`);
    const card = product(page, SKU);
    await card.waitFor();
    expect(await card.getByTestId('product-price').count()).toBe(0);
    expect(plain(await card.textContent())).not.toMatch(/€/);
    expect(await page.getByTestId('prices-hidden').textContent()).toContain('Inicia sesión para ver tus precios');
    // The server sends no price at all (not hidden ones).
    const body = await page.evaluate(async (q) => (await fetch(`/api/v1/portal/catalog?q=${encodeURIComponent(q)}`)).json(), SKU);
    expect(body.prices_visible).toBe(false);
    expect(body.items[0]).not.toHaveProperty('price_minor');
    await shot(page, 'portal-catalog-visitor-laptop');
  });

  test('the contact signs in and sees its prices, the base price and "Sin stock"', async () => {
    await portalSignIn(page, BUYER);
    await page.waitForURL(/\/portal\/catalog/);
    await page.getByTestId('portal-search').fill(`PT-${RUN}`);
    const card = product(page, SKU);
    await expect.poll(async () => plain(await card.getByTestId('product-price').textContent().catch(() => ''))).toContain('11,25 €');
    expect(plain(await card.getByTestId('product-base-price').textContent())).toBe('12,50 €');
    expect(await product(page, SKU_OUT).getByTestId('out-of-stock').textContent()).toBe('Sin stock');
    expect(await page.getByTestId('portal-customer-name').textContent()).toBe(`Ferretería Portal ${RUN}`);
    await shot(page, 'portal-catalog-laptop');
  });

  test('a favourite is kept and listed', async () => {
    const toggle = product(page, SKU).getByTestId('favorite-toggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('link', { name: 'Favoritos', exact: true }).click();
    await page.getByTestId('portal-favorite').filter({ hasText: SKU }).waitFor();
    const staff = await api<{ items: { product_id: string }[] }>('GET', `/api/v1/contacts/${data.buyerId}/favorites`);
    expect(staff.items.map((f) => f.product_id)).toContain(data.product);
  });

  test('cart and checkout: the order belongs to the contact and the customer', async () => {
    await page.goto(`${BASE}/portal/catalog?q=${encodeURIComponent(SKU)}`);
    const card = product(page, SKU);
    await card.getByTestId('add-quantity').fill('3');
    await card.getByTestId('add-button').click();
    await expect.poll(() => page.getByTestId('portal-cart-count').textContent()).toBe('3');
    // The cart survives a reload (localStorage, per contact).
    await page.reload();
    await expect.poll(() => page.getByTestId('portal-cart-count').textContent()).toBe('3');
    await page.getByTestId('portal-cart-link').click();
    expect(plain(await page.getByTestId('cart-estimate').textContent())).toContain('33,75 €');
    await page.getByTestId('cart-note').fill(`Entregar por la mañana ${RUN}`);
    await shot(page, 'portal-cart-laptop');
    await page.getByTestId('place-order').click();
    await page.getByTestId('order-placed').waitFor();
    orderNumber = /[A-Z]+-\d+/.exec((await page.getByTestId('portal-order-number').textContent()) ?? '')?.[0] ?? '';
    expect(plain(await page.getByTestId('portal-order-total').textContent())).toBe('33,75 €');
    await shot(page, 'portal-order-laptop');
    const orders = await api<{ items: { number: string; source: string; contact_id: string; customer_id: string; note: string }[] }>(
      'GET',
      `/api/v1/orders?customer_id=${data.customerId}`,
    );
    const order = orders.items.find((o) => o.note === `Entregar por la mañana ${RUN}`);
    expect(order).toMatchObject({ source: 'portal', contact_id: data.buyerId, customer_id: data.customerId });
    expect(order?.number).toBe(orderNumber);
  });

  test('the orders list has it under "Mis pedidos"; signing out ends the session', async () => {
    await page.getByRole('link', { name: 'Pedidos', exact: true }).click();
    await page.getByTestId('portal-order').first().waitFor();
    expect(await page.getByTestId('portal-orders').textContent()).toContain(orderNumber);
    await page.getByTestId('portal-sign-out').click();
    await page.waitForURL(/\/portal\/login/);
    await page.goto(`${BASE}/portal/orders`);
    await page.waitForURL(/\/portal\/login\?next=/);
  });

  test('a shared account asks each buyer for name and email', async () => {
    await portalSignIn(page, GUEST);
    await page.waitForURL(/\/portal\/catalog/);
    await page.goto(`${BASE}/portal/catalog?q=${encodeURIComponent(SKU)}`);
    await product(page, SKU).getByTestId('add-button').click();
    await page.getByTestId('portal-cart-link').click();
    await page.getByTestId('place-order').click();
    await page.getByTestId('error-buyer-name').waitFor();
    await page.getByTestId('buyer-name').fill('Marta Gil');
    await page.getByTestId('buyer-email').fill(`marta.${run}@invitados.example`);
    await page.getByTestId('place-order').click();
    await page.getByTestId('order-placed').waitFor();
    expect(await page.getByTestId('portal-order-buyer').textContent()).toContain('Marta Gil');
    await page.getByTestId('portal-sign-out').click();
    await page.waitForURL(/\/portal\/login/);
  });

  test('registration with validation waits for the merchant, then signs in', async () => {
    await page.goto(`${BASE}/portal/register`);
    await page.getByTestId('register-company_name').fill(`Empresa Nueva ${RUN}`);
    await page.getByTestId('register-first_name').fill('Nuria');
    await page.getByTestId('register-email').fill(REGISTER.email);
    await page.getByTestId('portal-password').fill(REGISTER.password);
    await page.getByTestId('portal-password-repeat').fill(REGISTER.password);
    await page.getByTestId('portal-register-submit').click();
    expect(await page.getByTestId('register-pending').textContent()).toContain('Validaremos tus datos');
    await shot(page, 'portal-register-pending-laptop');

    await portalSignIn(page, REGISTER);
    expect(await page.getByTestId('portal-login-error').textContent()).toContain('validando los datos de tu empresa');
    const found = await api<{ items: { id: string; registration_status: string }[] }>(
      'GET',
      `/api/v1/customers?q=${encodeURIComponent(`Empresa Nueva ${RUN}`)}`,
    );
    expect(found.items[0].registration_status).toBe('new');
    const customer = await api<{ version: number }>('GET', `/api/v1/customers/${found.items[0].id}`);
    await api('PATCH', `/api/v1/customers/${found.items[0].id}`, { registration_status: 'validated' }, { 'If-Match': `"${customer.version}"` });
    await portalSignIn(page, REGISTER);
    await page.waitForURL(/\/portal\/catalog/);
  });
});

describe('portal on a phone', () => {
  test('a billing contact gets English, balances and no order buttons', async () => {
    await api('POST', '/api/v1/orders', { customer_id: data.customerId, lines: [{ product_id: data.product, quantity: 2 }] }, { 'Idempotency-Key': `portal-phone-${RUN}` });
    const { context, page } = await newPage(PHONE);
    try {
      await page.goto(`${BASE}/portal/login`);
      await shot(page, 'portal-login-phone');
      await portalSignIn(page, BILLING);
      await page.waitForURL(/\/portal\/catalog/);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Catalogue');
      await page.getByTestId('portal-search').fill(SKU);
      const card = product(page, SKU);
      await card.waitFor();
      expect(await card.getByTestId('add-to-cart').count()).toBe(0);
      await shot(page, 'portal-catalog-phone');
      await page.goto(`${BASE}/portal/orders?scope=customer`);
      await page.getByTestId('portal-credit').waitFor();
      await page.getByTestId('portal-order').first().waitFor();
      await shot(page, 'portal-orders-phone');
      await page.goto(`${BASE}/portal/profile`);
      await page.getByTestId('profile-form').waitFor();
      await shot(page, 'portal-profile-phone');
    } finally {
      await context.close();
    }
  });
});
