// Browser tests of orders, quotes and quick-order links against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/orders.e2e.ts
// Sets up its own customer (10 % discount, EUR), warehouse and two products through the staff
// API with a bearer token, then drives Debian's /usr/bin/chromium through playwright-core.
// Screenshots go to web/test-results/orders-*.png.
import { beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { BASE, LAPTOP, PHONE, RUN, STICKY_BARS, api, apiSignIn, noHorizontalScroll, screenshots, useApiToken, useBrowser, usePage } from './support';

// 12,50 € and 3,99 € less 10 % → 11,25 € and 3,59 € (3,591 rounded half-up).
// 2 × 11,25 + 3 × 3,59 = 22,50 + 10,77 = 33,27 €.
const PRODUCTS = [
  { sku: `E2E-TORN-${RUN}`, name: 'Tornillo hexagonal 8 mm (caja 100)', amount: 1250, qty: 2 },
  { sku: `E2E-TACO-${RUN}`, name: 'Taco de nailon 6 mm (bolsa 50)', amount: 399, qty: 3 },
];
const EXPECTED_TOTAL = /33,27\s€/;

let customerId = '';
const productIds: string[] = [];

/** Staff API set-up: a bearer token, a warehouse, two EUR products with stock, a customer. */
async function setUp(): Promise<void> {
  await apiSignIn();
  // An integration token, as an integration would use.
  useApiToken((await api<{ token: string }>('POST', '/api/v1/api-tokens', { name: `e2e orders ${RUN}` })).token);

  const warehouse = await api<{ id: string }>('POST', '/api/v1/warehouses', { name: `Almacén E2E ${RUN}` });
  for (const p of PRODUCTS) {
    const created = await api<{ id: string }>('POST', '/api/v1/products', {
      sku: p.sku,
      name: p.name,
      prices: [{ currency: 'EUR', amount_minor: p.amount }],
    });
    productIds.push(created.id);
    await api('PUT', `/api/v1/products/${created.id}/stock`, {
      items: [{ warehouse_id: warehouse.id, quantity: 500 }],
    });
  }
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: `Suministros Peña ${RUN}`,
    email: `compras.${RUN.toLowerCase()}@suministros-pena.example`,
    discount_percent: 10,
    currency: 'EUR',
    language: 'es',
    payment_terms_days: 30,
    warehouse_ids: [warehouse.id],
    default_warehouse_id: warehouse.id,
  });
  customerId = customer.id;
}

useBrowser();
const shot = screenshots({ full: STICKY_BARS });

const allowClipboard = (context: BrowserContext) =>
  context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE }).catch(() => undefined);

/** The test ids of the status buttons now offered. */
async function offered(page: Page): Promise<string[]> {
  const bar = page.getByTestId('order-actions');
  if ((await bar.count()) === 0) return [];
  return bar.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
}

async function addProduct(page: Page, sku: string, quantity: number): Promise<void> {
  await page.getByTestId('product-search').fill(sku);
  const option = page.getByTestId('product-option').filter({ hasText: sku });
  await option.waitFor();
  await expect.poll(() => page.getByTestId('product-option').count()).toBe(1);
  await option.getByTestId('add-product').click();
  const line = page.getByTestId('new-order-line').filter({ hasText: sku });
  await line.waitFor();
  await line.getByRole('spinbutton').fill(String(quantity));
}

beforeAll(setUp);

describe('orders on a laptop', () => {
  let page: Page;
  let quoteUrl = '';
  let orderUrl = '';
  usePage(LAPTOP, (opened) => (page = opened), { prepare: allowClipboard });

  test('the customer page shows credit, orders and quick-link panels', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('credit-panel').getByTestId('credit-overdue').waitFor();
    await page.getByTestId('customer-orders-empty').waitFor();
    await page.getByTestId('quick-links-empty').waitFor();
    await shot(page, 'orders-customer-empty-laptop');
  });

  test('create a quote with two lines and see the discounted total', async () => {
    await page.getByTestId('customer-new-quote').click();
    await page.waitForURL(/\/admin\/orders\/new\?customer_id=.*kind=quote/);
    await page.getByRole('heading', { level: 1, name: 'Nuevo presupuesto' }).waitFor();
    await page.getByTestId('selected-customer').waitFor();
    for (const p of PRODUCTS) await addProduct(page, p.sku, p.qty);
    await expect.poll(() => page.getByTestId('new-order-total').textContent()).toMatch(EXPECTED_TOTAL);
    await page.getByTestId('product-search').fill('');
    await shot(page, 'orders-new-quote-laptop');

    const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST');
    await page.getByTestId('submit-order').dblclick();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await page.waitForURL(/\/admin\/orders\/(?!new)[^/?]+$/);
    quoteUrl = page.url();
    await page.getByText('Presupuesto creado.').waitFor();
    expect(await page.getByTestId('order-number').textContent()).toMatch(/^C-\d+$/);
    expect(await page.getByTestId('order-kind').textContent()).toBe('Presupuesto');
    expect(await page.getByTestId('order-detail-total').textContent()).toMatch(EXPECTED_TOTAL);
    expect(await page.getByTestId('line-base-price').count()).toBe(2);
    expect(await page.getByTestId('line-base-price').first().textContent()).toMatch(/12,50\s€/);
    expect(await page.getByTestId('line-unit-price').first().textContent()).toMatch(/11,25\s€/);
    expect(await page.getByTestId('line-unit-price').nth(1).textContent()).toMatch(/3,59\s€/);
    // A quote is only converted or cancelled.
    expect(await offered(page)).toEqual(['convert-quote', 'transition-cancelled']);
    await page.getByTestId('order-event').first().waitFor();
    await shot(page, 'orders-quote-laptop');

    // The double click made one quote.
    const list = await api<{ items: { kind: string }[] }>('GET', `/api/v1/orders?customer_id=${customerId}`);
    expect(list.items.filter((o) => o.kind === 'quote')).toHaveLength(1);
  });

  test('convert it into an order', async () => {
    await page.getByTestId('convert-quote').click();
    await page.waitForURL((u) => u.toString() !== quoteUrl && /\/admin\/orders\/[^/]+$/.test(u.pathname));
    orderUrl = page.url();
    await page.getByText('Presupuesto convertido en este pedido.').waitFor();
    expect(await page.getByTestId('order-number').textContent()).toMatch(/^P-\d+$/);
    expect(await page.getByTestId('order-kind').textContent()).toBe('Pedido');
    expect(await page.getByTestId('order-status').textContent()).toBe('Pendiente');
    expect(await page.getByTestId('order-detail-total').textContent()).toMatch(EXPECTED_TOTAL);
    expect(await page.getByTestId('from-quote-link').getAttribute('href')).toBe(new URL(quoteUrl).pathname);
  });

  test('move it pending → confirmed → in production → shipped → delivered, offering only legal steps', async () => {
    const steps: [string, string, string[]][] = [
      ['', 'Pendiente', ['transition-confirmed', 'transition-cancelled']],
      ['transition-confirmed', 'Confirmado', ['transition-in_production', 'transition-shipped', 'transition-cancelled']],
      ['transition-in_production', 'En producción', ['transition-shipped', 'transition-cancelled']],
      ['transition-shipped', 'Enviado', ['transition-delivered']],
      ['transition-delivered', 'Entregado', []],
    ];
    for (const [click, status, next] of steps) {
      if (click) {
        await page.getByTestId(click).click();
        await page.getByTestId('order-status').filter({ hasText: status }).waitFor();
      }
      expect(await page.getByTestId('order-status').textContent()).toBe(status);
      await expect.poll(() => offered(page)).toEqual(next);
      if (status === 'Confirmado') await shot(page, 'orders-order-confirmed-laptop');
    }
    expect(await page.getByTestId('convert-quote').count()).toBe(0);
    await expect.poll(() => page.getByTestId('order-event').count()).toBe(5);
    await shot(page, 'orders-order-delivered-laptop');
  });

  test('mark it paid', async () => {
    await page.getByTestId('toggle-payment').click();
    await page.getByTestId('payment-status').filter({ hasText: 'Pagado' }).waitFor();
    await page.getByTestId('order-action-done').waitFor();
  });

  test('the orders list shows it with filters kept in the URL', async () => {
    await page.goto(`${BASE}/admin/orders`);
    await page.getByRole('heading', { level: 1, name: 'Pedidos' }).waitFor();
    const number = (await api<{ number: string }>('GET', `/api/v1/orders/${orderUrl.split('/').pop()}`)).number;
    const row = page.getByTestId('order-row').filter({ hasText: number });
    await row.waitFor();
    expect(await row.getByTestId('order-status').textContent()).toBe('Entregado');
    expect(await row.getByTestId('order-total').textContent()).toMatch(EXPECTED_TOTAL);
    await shot(page, 'orders-list-laptop');
    await page.getByTestId('filter-order-status').selectOption('delivered');
    await page.waitForURL(/status=delivered/);
    await page.getByLabel('Buscar por número de pedido').fill(number);
    await page.waitForURL(new RegExp(`q=${number}`));
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    await page.reload();
    await page.getByTestId('order-row').filter({ hasText: number }).waitFor();
    expect(await page.getByLabel('Buscar por número de pedido').inputValue()).toBe(number);
  });

  test('generate a quick-order link, copy it, then revoke it', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    const panel = page.getByTestId('quick-links-panel');
    await panel.getByTestId('quick-links-empty').waitFor();
    await panel.getByRole('button', { name: 'Generar enlace de pedido rápido' }).click();
    const box = panel.getByTestId('new-quick-link');
    await box.waitFor();
    const url = await box.getByTestId('quick-link-url').inputValue();
    expect(url).toMatch(/\/q\/[A-Za-z0-9_-]{20,}$/);
    await box.getByRole('button', { name: 'Copiar' }).waitFor();
    expect(await box.textContent()).toContain('Solo se muestra esta vez');
    await box.getByTestId('copy-quick-link').click();
    await expect
      .poll(async () => ((await box.textContent()) ?? '').includes('Copiado') || ((await box.textContent()) ?? '').includes('No se pudo copiar'))
      .toBe(true);
    const row = panel.getByTestId('quick-link-row').first();
    expect(await row.getAttribute('data-state')).toBe('active');
    // The orders panel lists the order and the quote.
    await expect.poll(() => page.getByTestId('customer-orders-panel').getByTestId('order-row').count()).toBe(2);
    await shot(page, 'orders-customer-link-laptop');

    await row.getByRole('button', { name: 'Revocar' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await shot(page, 'orders-revoke-dialog-laptop');
    await dialog.getByRole('button', { name: 'Sí, revocar' }).click();
    await panel.locator('[data-testid="quick-link-row"][data-state="revoked"]').waitFor();
    expect(await panel.getByTestId('quick-link-state').first().textContent()).toBe('Revocado');
    expect(await panel.getByRole('button', { name: 'Revocar' }).count()).toBe(0);
    // The revoked link's public page answers 404.
    const publicApi = await fetch(`${BASE}/api/v1/q/${url.split('/q/')[1]}`);
    expect(publicApi.status).toBe(404);
    await shot(page, 'orders-customer-revoked-laptop');
  });
});

describe('orders on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened), { prepare: allowClipboard });

  test('the orders screens fit a phone', async () => {
    await page.goto(`${BASE}/admin/orders`);
    await page.getByTestId('order-row').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'orders-list-phone');

    await page.getByTestId('order-row').first().getByRole('link').click();
    await page.getByTestId('order-number').waitFor();
    await page.getByTestId('order-event').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'orders-order-phone');

    await page.goto(`${BASE}/admin/customers/${customerId}`);
    await page.getByTestId('customer-orders-panel').getByTestId('order-row').first().waitFor();
    await page.getByTestId('quick-links-panel').getByTestId('quick-link-row').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'orders-customer-phone');

    await page.goto(`${BASE}/admin/orders/new?customer_id=${customerId}`);
    await page.getByTestId('selected-customer').waitFor();
    await addProduct(page, PRODUCTS[0].sku, 2);
    await page.getByTestId('product-search').fill('');
    await page.getByTestId('product-option').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'orders-new-phone');
  });
});
