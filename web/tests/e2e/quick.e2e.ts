// Browser test of the public quick-order page (/q/<token>) against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/quick.e2e.ts
// The data (warehouse, two products, stock, a customer with a 10 % discount and its link) is
// set up through the staff API with a bearer token; the page itself is opened with no login
// in a fresh browser context. Drives Debian's /usr/bin/chromium through playwright-core.
// Screenshots go to web/test-results/quick-*.png.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE, LAPTOP, PHONE, RUN, api, apiSignIn, newPage, noHorizontalScroll, plain, screenshots, signIn, useBrowser, usePage } from './support';

const SKU_A = `QK-${RUN}-A`;
const SKU_B = `QK-${RUN}-B`;
const BAD_SKU = `NO-EXISTE-${RUN}`;
const CUSTOMER = `Ferretería Rápida ${RUN}`;

const data = { customerId: '', linkId: '', linkToken: '', productA: '', productB: '' };

useBrowser();
// The bottom bar is fixed: pinned in place for the full-page capture.
const shot = screenshots({ full: '.qo-bar' });

const row = (page: Page, sku: string) => page.getByTestId('product').filter({ hasText: sku });

beforeAll(async () => {
  await apiSignIn();
  const warehouse = await api<{ id: string }>('POST', '/api/v1/warehouses', { name: `Almacén rápido ${RUN}` });
  const a = await api<{ id: string }>('POST', '/api/v1/products', {
    sku: SKU_A,
    name: `Tornillo hexagonal M8 × 40 zincado ${RUN}`,
    prices: [{ currency: 'EUR', amount_minor: 1250 }],
  });
  const b = await api<{ id: string }>('POST', '/api/v1/products', {
    sku: SKU_B,
    name: `Tuerca autoblocante M8 ${RUN}`,
    prices: [{ currency: 'EUR', amount_minor: 399 }],
  });
  await api('PUT', `/api/v1/products/${a.id}/stock`, { items: [{ warehouse_id: warehouse.id, quantity: 40 }] });
  await api('PUT', `/api/v1/products/${b.id}/stock`, { items: [{ warehouse_id: warehouse.id, quantity: 0 }] });
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: CUSTOMER,
    currency: 'EUR',
    language: 'es',
    discount_percent: 10,
  });
  const link = await api<{ id: string; url: string; token: string }>(
    'POST',
    `/api/v1/customers/${customer.id}/quick-links`,
    {},
  );
  expect(link.url).toMatch(new RegExp(`/q/${link.token}$`));
  Object.assign(data, {
    customerId: customer.id,
    linkId: link.id,
    linkToken: link.token,
    productA: a.id,
    productB: b.id,
  });
});

describe('quick-order link on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened), { signedIn: false });

  test('the catalogue shows the customer’s discounted prices', async () => {
    await page.goto(`${BASE}/q/${data.linkToken}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByText(`Pedido para ${CUSTOMER}`).waitFor();
    expect(plain(await page.getByTestId('discount').textContent())).toBe('Precios con tu descuento del 10 %');

    await page.getByLabel('Buscar productos').fill(RUN);
    await expect.poll(() => page.getByTestId('product').count()).toBe(2);

    const a = row(page, SKU_A);
    expect(plain(await a.getByTestId('price').textContent())).toBe('11,25 €');
    const baseA = a.getByTestId('base-price');
    expect(await baseA.evaluate((el) => el.tagName)).toBe('S');
    expect(plain(await baseA.textContent())).toContain('12,50 €');
    expect(await baseA.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    expect(await a.getByTestId('stock').textContent()).toBe('40 disponibles');

    const b = row(page, SKU_B);
    // 3,99 € − 10 % = 3,591 € → 3,59 € (half-up to the cent).
    expect(plain(await b.getByTestId('price').textContent())).toBe('3,59 €');
    expect(plain(await b.getByTestId('base-price').textContent())).toContain('3,99 €');
    expect(await b.getByTestId('stock').textContent()).toBe('Sin stock');

    // No horizontal scrolling on a phone.
    await noHorizontalScroll(page);
    await shot(page, 'quick-catalog-phone');
  });

  test('add two products; the bar counts them', async () => {
    await row(page, SKU_A).getByRole('button', { name: /^Añadir/ }).click();
    await row(page, SKU_A).getByRole('button', { name: /^Uno más de/ }).click();
    await row(page, SKU_B).getByRole('button', { name: /^Añadir/ }).click();
    const bar = page.getByTestId('cart-bar');
    await bar.waitFor();
    await expect.poll(async () => plain(await bar.textContent())).toBe('3Ver pedido26,09 €');
    expect(await row(page, SKU_A).getByRole('textbox').inputValue()).toBe('2');
    await shot(page, 'quick-cart-bar-phone', { full: false });
  });

  test('paste a list of SKUs: the bad line is named, the good ones are added', async () => {
    await page.getByRole('button', { name: 'Pegar lista de referencias' }).click();
    await page.getByLabel('Referencias y cantidades').fill(`${SKU_A} 3\n${BAD_SKU} 2\n${SKU_B};1`);
    await page.getByRole('button', { name: 'Comprobar lista' }).click();
    const errors = page.getByTestId('paste-error');
    await errors.first().waitFor();
    expect(await errors.count()).toBe(1);
    const error = plain(await errors.first().textContent());
    expect(error).toContain('Línea 2:');
    expect(error).toContain(`No hay ningún producto con la referencia «${BAD_SKU}».`);
    await page.getByTestId('paste-errors').scrollIntoViewIfNeeded();
    await shot(page, 'quick-paste-phone', { full: false });

    await page.getByRole('button', { name: 'Añadir 2 productos al pedido' }).click();
    await page.getByText('Se han añadido 2 productos al pedido.').waitFor();
    expect(await page.getByLabel('Referencias y cantidades').inputValue()).toBe(`${BAD_SKU} 2`);
    expect(await row(page, SKU_A).getByRole('textbox').inputValue()).toBe('5');
    expect(await row(page, SKU_B).getByRole('textbox').inputValue()).toBe('2');
    // 5 × 11,25 + 2 × 3,59 = 63,43 €
    await expect.poll(async () => plain(await page.getByTestId('cart-bar').textContent())).toBe('7Ver pedido63,43 €');
  });

  test('the cart is kept after a reload', async () => {
    await page.reload();
    await page.getByTestId('cart-bar').waitFor();
    expect(plain(await page.getByTestId('cart-bar').textContent())).toBe('7Ver pedido63,43 €');
  });

  test('submit with a name; a double click makes one order', async () => {
    await page.getByTestId('cart-bar').click();
    const sheet = page.getByRole('dialog', { name: 'Tu pedido' });
    await sheet.waitFor();
    expect(await sheet.getByTestId('cart-line').count()).toBe(2);
    expect(plain(await sheet.getByTestId('cart-total').textContent())).toBe('63,43 €');
    await shot(page, 'quick-cart-phone', { full: false });

    // Without a name, nothing is sent.
    await sheet.getByTestId('submit').click();
    await sheet.getByTestId('error-qo-name').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qo-name');
    await shot(page, 'quick-cart-error-phone', { full: false });

    await sheet.getByLabel('Tu nombre').fill('Lucía Pérez');
    await sheet.getByLabel('Correo electrónico (opcional)').fill(`lucia.${RUN.toLowerCase()}@example.com`);
    await sheet.getByLabel('Nota para el proveedor (opcional)').fill('Entregar por la mañana, muelle 2.');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/orders')) posts.push(r.headers()['idempotency-key'] ?? '');
    });
    await sheet.getByTestId('submit').dblclick();
    const confirmation = page.getByTestId('confirmation');
    await confirmation.waitFor();
    const number = (await page.getByTestId('order-number').textContent()) ?? '';
    expect(number).toMatch(/^P-\d+$/);
    expect(plain(await page.getByTestId('order-total').textContent())).toBe('63,43 €');
    expect(await confirmation.textContent()).toContain('Gracias, Lucía Pérez.');
    expect(await page.title()).toBe(`Pedido ${number} enviado`);
    await shot(page, 'quick-done-phone');
    // Every request the page sent carried the same key.
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts).size).toBe(1);

    const orders = await api<{
      items: {
        number: string;
        source: string;
        total_minor: number;
        currency: string;
        buyer: { name: string; email: string | null } | null;
        note: string | null;
        lines: { product_id: string; quantity: number; unit_price_minor: number }[];
      }[];
    }>('GET', `/api/v1/orders?customer_id=${encodeURIComponent(data.customerId)}`);
    expect(orders.items).toHaveLength(1);
    const order = orders.items[0];
    expect(order.number).toBe(number);
    expect(order.source).toBe('quick_link');
    expect(order.currency).toBe('EUR');
    expect(order.total_minor).toBe(6343);
    expect(order.buyer?.name).toBe('Lucía Pérez');
    expect(order.note).toBe('Entregar por la mañana, muelle 2.');
    expect(order.lines.map((l) => [l.product_id, l.quantity, l.unit_price_minor])).toEqual([
      [data.productA, 5, 1125],
      [data.productB, 2, 359],
    ]);
  });

  test('the merchant sees the order in Pedidos at once, marked as a quick-link order', async () => {
    const admin = await newPage(LAPTOP);
    try {
      await signIn(admin.page);
      await admin.page.goto(`${BASE}/admin/orders?customer_id=${encodeURIComponent(data.customerId)}`);
      const row = admin.page.getByTestId('order-row').first();
      await row.waitFor();
      expect(await admin.page.getByTestId('order-row').count()).toBe(1);
      const text = plain(await row.textContent());
      expect(text).toContain('Enlace rápido');
      expect(text).toContain('Lucía Pérez');
      expect(plain(await row.getByTestId('order-total').textContent())).toBe('63,43 €');
      await shot(admin.page, 'quick-order-in-admin-laptop');
    } finally {
      await admin.context.close();
    }
  });

  test('"Hacer otro pedido" starts an empty cart', async () => {
    await page.getByRole('button', { name: 'Hacer otro pedido' }).click();
    await page.getByTestId('product').first().waitFor();
    expect(await page.getByTestId('cart-bar').isVisible()).toBe(false);
  });

  test('a revoked link shows the friendly page after a reload', async () => {
    await api('DELETE', `/api/v1/quick-links/${data.linkId}`);
    await page.reload();
    await page.getByRole('heading', { name: 'Este enlace ya no está disponible' }).waitFor();
    await page.getByText('Pide a tu proveedor un enlace nuevo.').waitFor();
    expect(await page.getByTestId('product').count()).toBe(0);
    expect(await page.getByLabel('Buscar productos').count()).toBe(0);
    await shot(page, 'quick-unavailable-phone', { full: false });
  });
});

describe('quick-order link on a laptop', () => {
  let page: Page;
  usePage(LAPTOP, (opened) => (page = opened), { signedIn: false });

  test('catalogue and cart side by side; English on request', async () => {
    const link = await api<{ id: string; token: string }>('POST', `/api/v1/customers/${data.customerId}/quick-links`, {});
    await page.goto(`${BASE}/q/${link.token}`);
    await page.getByLabel('Buscar productos').fill(RUN);
    await expect.poll(() => page.getByTestId('product').count()).toBe(2);
    await row(page, SKU_A).getByRole('button', { name: /^Añadir/ }).click();
    await row(page, SKU_B).getByRole('button', { name: /^Añadir/ }).click();
    // The cart is beside the catalogue; no bottom bar.
    await page.getByRole('complementary', { name: 'Tu pedido' }).waitFor();
    expect(await page.getByTestId('cart-bar').isVisible()).toBe(false);
    expect(plain(await page.getByTestId('cart-total').textContent())).toBe('14,84 €');
    await shot(page, 'quick-catalog-laptop');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText(`Order for ${CUSTOMER}`).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(plain(await row(page, SKU_A).getByTestId('price').textContent())).toBe('€11.25');
    expect(await row(page, SKU_A).getByTestId('stock').textContent()).toBe('40 in stock');
    await shot(page, 'quick-catalog-en-laptop', { full: false });
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByText(`Pedido para ${CUSTOMER}`).waitFor();

    await api('DELETE', `/api/v1/quick-links/${link.id}`);
    await page.reload();
    await page.getByRole('heading', { name: 'Este enlace ya no está disponible' }).waitFor();
    await shot(page, 'quick-unavailable-laptop', { full: false });
  });
});
