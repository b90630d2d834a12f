// Browser tests of the catalogue admin (products, product types, warehouses) and of a
// customer's catalogue scope, against a real running server:
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/catalog.e2e.ts
// Drives Debian's /usr/bin/chromium through playwright-core. Screenshots go to web/test-results/.
// Every run uses its own names and SKU, so it can be repeated on the same database.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE, LAPTOP, PHONE, STICKY_BARS, noHorizontalScroll, run, screenshots, useBrowser, usePage } from './support';

const NORTH = `Almacén Norte ${run}`;
const SOUTH = `Almacén Sur ${run}`;
const SCRATCH = `Almacén temporal ${run}`;
const TYPE = `Herramientas ${run}`;
const PRODUCT = {
  sku: `TAL-${run}`.toUpperCase(),
  name: `Taladro percutor ${run}`,
  newName: `Taladro percutor 800 W ${run}`,
};

// The edit page of the customer whose catalogue scope the laptop test set (the phone test
// revisits it by URL, whatever the list shows first by then).
let scopedCustomerEditUrl = '';

useBrowser();
const shot = screenshots({ full: STICKY_BARS });

async function addNamed(page: Page, label: string, name: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(name);
  await page.getByLabel(label, { exact: true }).press('Enter');
  await page.getByTestId('named-row').filter({ hasText: name }).waitFor();
}

describe('catalogue on a laptop', () => {
  let page: Page;
  let productUrl = '';
  usePage(LAPTOP, (opened) => (page = opened));

  test('create warehouses from the navigation, rename and delete one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Almacenes' }).click();
    await page.waitForURL(/\/admin\/warehouses$/);
    await page.getByRole('heading', { level: 1, name: 'Almacenes' }).waitFor();
    await addNamed(page, 'Nuevo almacén', NORTH);
    await addNamed(page, 'Nuevo almacén', SOUTH);
    await addNamed(page, 'Nuevo almacén', `${SCRATCH} x`);

    // The same name again (ignoring case) is refused inline.
    await page.getByLabel('Nuevo almacén', { exact: true }).fill(NORTH.toUpperCase());
    await page.getByRole('button', { name: 'Añadir' }).click();
    const taken = page.getByTestId('error-new-warehouses');
    await taken.waitFor();
    expect(await taken.textContent()).toBe('Ya existe un almacén con este nombre.');
    await page.getByLabel('Nuevo almacén', { exact: true }).fill('');

    // Rename inline: Enter saves.
    const row = page.getByTestId('named-row').filter({ hasText: `${SCRATCH} x` });
    await row.getByRole('button', { name: `Renombrar «${SCRATCH} x»` }).click();
    const box = page.getByLabel(`Nuevo nombre para «${SCRATCH} x»`);
    await box.fill(SCRATCH);
    await box.press('Enter');
    await page.getByText(`Almacén renombrado a «${SCRATCH}».`).waitFor();
    await shot(page, 'catalog-warehouses-laptop');

    // Delete asks first; Cancel keeps it, confirming removes it.
    await page
      .getByTestId('named-row')
      .filter({ hasText: SCRATCH })
      .getByRole('button', { name: `Eliminar «${SCRATCH}»` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe(`¿Eliminar el almacén «${SCRATCH}»?`);
    await shot(page, 'catalog-warehouse-delete-laptop');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('named-row')
      .filter({ hasText: SCRATCH })
      .getByRole('button', { name: `Eliminar «${SCRATCH}»` })
      .click();
    await page.getByTestId('confirm-delete').click();
    await page.getByText(`Almacén «${SCRATCH}» eliminado.`).waitFor();
    expect(await page.getByTestId('named-row').filter({ hasText: SCRATCH }).count()).toBe(0);
  });

  test('create a product type from the products page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Productos' }).click();
    await page.waitForURL(/\/admin\/products$/);
    await page.getByTestId('manage-product-types').click();
    await page.waitForURL(/\/admin\/product-types$/);
    await addNamed(page, 'Nuevo tipo de producto', TYPE);
    await shot(page, 'catalog-product-types-laptop');
  });

  test('create a product with EUR and USD prices and stock', async () => {
    await page.goto(`${BASE}/admin/products`);
    await page.getByTestId('new-product').click();
    await page.waitForURL(/\/admin\/products\/new$/);
    await page.getByLabel('Nombre', { exact: true }).fill(PRODUCT.name);
    await page.getByLabel('SKU', { exact: true }).fill(PRODUCT.sku);
    await page.getByLabel('Tipo de producto').selectOption({ label: TYPE });

    await page.getByTestId('add-price').click();
    await page.getByLabel('Precio en EUR', { exact: true }).fill('129,90');
    await page.getByTestId('add-price').click();
    await page.getByLabel('Precio en USD', { exact: true }).fill('139.50');
    await page.getByLabel(NORTH, { exact: true }).fill('12');
    await page.getByLabel(SOUTH, { exact: true }).fill('3');
    expect(await page.getByTestId('stock-total').textContent()).toBe('Total: 15 unidades');
    const previews = page.getByTestId('price-preview');
    expect(await previews.nth(0).textContent()).toMatch(/129,90\s€/);
    expect(await previews.nth(1).textContent()).toMatch(/139,50\sUS\$/);
    await shot(page, 'catalog-product-new-laptop');

    await page.getByTestId('save-product').click();
    await page.waitForURL(/\/admin\/products\/[^/]+\/edit$/);
    productUrl = page.url();
    await page.getByText('Producto creado.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(PRODUCT.name);
    expect(await page.getByLabel('Precio en EUR', { exact: true }).inputValue()).toBe('129,90');
    expect(await page.getByLabel('Precio en USD', { exact: true }).inputValue()).toBe('139,50');
    expect(await page.getByLabel(NORTH, { exact: true }).inputValue()).toBe('12');
    expect(await page.getByLabel(SOUTH, { exact: true }).inputValue()).toBe('3');
  });

  test('find it by searching as you type', async () => {
    await page.getByRole('link', { name: 'Productos', exact: true }).first().click();
    await page.waitForURL(/\/admin\/products$/);
    await page.getByLabel('Buscar productos').fill(`percutor ${run}`);
    await page.waitForURL(/[?&]q=percutor/);
    const row = page.getByTestId('product-row').filter({ hasText: PRODUCT.sku });
    await row.waitFor();
    // The previous list stays (dimmed) until the search answers.
    await expect.poll(() => page.getByTestId('product-row').count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getByRole('link').textContent()).toBe(PRODUCT.name);
    const prices = (await row.getByTestId('product-prices').textContent()) ?? '';
    expect(prices).toMatch(/129,90\s€/);
    expect(prices).toMatch(/139,50\sUS\$/);
    expect(await row.textContent()).toContain(TYPE);
    expect(await row.textContent()).toContain('Activo');
    await shot(page, 'catalog-products-laptop');

    // The type filter keeps it; "inactive" hides it.
    await page.getByTestId('filter-type').selectOption({ label: TYPE });
    await page.waitForURL(/[?&]type=/);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('product-row').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('filter-active').selectOption('false');
    await page.getByText('No hay productos que coincidan').waitFor();
    await page.getByTestId('filter-active').selectOption('true');
    await row.waitFor();
  });

  test('edit it: name, a price and stock', async () => {
    await page.getByTestId('product-row').filter({ hasText: PRODUCT.sku }).getByRole('link').click();
    await page.waitForURL(productUrl);
    await page.getByLabel('Nombre', { exact: true }).fill(PRODUCT.newName);
    await page.getByLabel('Precio en EUR', { exact: true }).fill('119,9');
    await page.getByLabel(SOUTH, { exact: true }).fill('');
    await shot(page, 'catalog-product-edit-laptop');
    await page.getByTestId('save-product').click();
    await page.getByText('Cambios guardados.').waitFor();
    await page.reload();
    expect(await page.getByLabel('Nombre', { exact: true }).inputValue()).toBe(PRODUCT.newName);
    expect(await page.getByLabel('Precio en EUR', { exact: true }).inputValue()).toBe('119,90');
    expect(await page.getByLabel(SOUTH, { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel(NORTH, { exact: true }).inputValue()).toBe('12');
  });

  test('a duplicate SKU is refused with an inline error', async () => {
    await page.goto(`${BASE}/admin/products/new`);
    await page.getByLabel('Nombre', { exact: true }).fill(`Otro taladro ${run}`);
    await page.getByLabel('SKU', { exact: true }).fill(PRODUCT.sku.toLowerCase());
    await page.getByTestId('save-product').click();
    const error = page.getByTestId('error-field-sku');
    await error.waitFor();
    expect(await error.textContent()).toBe('Ya hay otro producto con este SKU.');
    expect(await page.getByLabel('SKU', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-sku');
    expect(page.url()).toMatch(/\/products\/new$/);
    await shot(page, 'catalog-product-sku-taken-laptop');
  });

  test('a warehouse holding stock cannot be deleted, and says why', async () => {
    await page.goto(`${BASE}/admin/warehouses`);
    await page
      .getByTestId('named-row')
      .filter({ hasText: NORTH })
      .getByRole('button', { name: `Eliminar «${NORTH}»` })
      .click();
    await page.getByTestId('confirm-delete').click();
    const alert = page.getByRole('alertdialog');
    await alert.waitFor();
    expect(await alert.getByRole('heading').textContent()).toBe(`No se puede eliminar «${NORTH}»`);
    expect(await alert.textContent()).toContain('Tiene stock registrado de algún producto.');
    await shot(page, 'catalog-warehouse-in-use-laptop');
    await alert.getByRole('button', { name: 'Entendido' }).click();
    await page.getByTestId('named-row').filter({ hasText: NORTH }).waitFor();
  });

  test("set a customer's catalogue to specific products with a default warehouse", async () => {
    await page.goto(`${BASE}/admin/customers`);
    const card = page.getByTestId('customer-card').first();
    await card.getByRole('link').click();
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/admin\/customers\/[^/]+\/edit$/);
    const editUrl = page.url();
    scopedCustomerEditUrl = editUrl;

    const section = page.getByTestId('catalog-scope');
    await section.getByText('Productos concretos').click();
    const picker = section.getByRole('combobox', { name: 'Productos permitidos' });
    // Searching by SKU ignores case.
    await picker.fill(PRODUCT.sku.toLowerCase());
    await section.getByTestId('picker-option').filter({ hasText: PRODUCT.sku }).waitFor();
    await expect.poll(() => section.getByTestId('picker-option').count(), { timeout: 10_000 }).toBe(1);
    await picker.press('Enter');
    await section.getByTestId('product-chip').filter({ hasText: PRODUCT.sku }).waitFor();
    await section.getByLabel(NORTH, { exact: true }).check();
    await section.getByLabel(SOUTH, { exact: true }).check();
    await section.getByLabel('Almacén predeterminado').selectOption({ label: SOUTH });
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'customer-catalog-laptop');

    await page.getByTestId('save-customer').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/edit'));

    await page.goto(editUrl);
    await page.reload();
    const kept = page.getByTestId('catalog-scope');
    await kept.getByTestId('product-chip').filter({ hasText: `${PRODUCT.sku} · ${PRODUCT.newName}` }).waitFor();
    expect(await kept.getByTestId('scope-products').isChecked()).toBe(true);
    expect(await kept.getByLabel(NORTH, { exact: true }).isChecked()).toBe(true);
    expect(await kept.getByLabel(SOUTH, { exact: true }).isChecked()).toBe(true);
    const chosen = await kept
      .getByLabel('Almacén predeterminado')
      .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(chosen).toBe(SOUTH);
  });
});

describe('catalogue in English', () => {
  let page: Page;
  usePage(LAPTOP, (opened) => (page = opened));

  test('the products pages speak English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.goto(`${BASE}/admin/products?q=${encodeURIComponent(run)}`);
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByTestId('product-row').filter({ hasText: PRODUCT.sku }).waitFor();
    expect(await page.getByTestId('product-prices').first().textContent()).toMatch(/€119\.90/);
    await shot(page, 'catalog-products-en-laptop');
    await page.getByTestId('product-row').filter({ hasText: PRODUCT.sku }).getByRole('link').click();
    expect(await page.getByLabel('Price in EUR', { exact: true }).inputValue()).toBe('119.90');
    await shot(page, 'catalog-product-edit-en-laptop');
    await page.getByTestId('language-switch').selectOption('es');
    await page.getByLabel('Precio en EUR', { exact: true }).waitFor();
  });
});

describe('catalogue on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened));

  test('the catalogue pages fit a phone', async () => {
    await page.getByRole('button', { name: 'Abrir menú' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Productos' }).click();
    await page.waitForURL(/\/admin\/products$/);
    await page.getByTestId('product-row').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'catalog-products-phone');

    await page.getByLabel('Buscar productos').fill(`800 W ${run}`);
    await expect.poll(() => page.getByTestId('product-row').count(), { timeout: 10_000 }).toBe(1);
    const row = page.getByTestId('product-row').filter({ hasText: PRODUCT.sku });
    await row.getByRole('link').click();
    await page.getByLabel('Precio en EUR', { exact: true }).waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'catalog-product-edit-phone');

    await page.goto(`${BASE}/admin/products/new`);
    await page.getByTestId('add-price').click();
    await page.getByTestId('add-price').click();
    await page.getByLabel('Precio en EUR', { exact: true }).fill('12,5');
    await page.getByLabel('Precio en USD', { exact: true }).fill('abc');
    await page.getByTestId('save-product').click();
    await page.getByTestId('error-prices-1-amount').waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'catalog-product-errors-phone');

    await page.goto(`${BASE}/admin/warehouses`);
    await page.getByTestId('named-row').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'catalog-warehouses-phone');
    await page
      .getByTestId('named-row')
      .filter({ hasText: NORTH })
      .getByRole('button', { name: `Eliminar «${NORTH}»` })
      .click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'catalog-warehouse-delete-phone');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.goto(`${BASE}/admin/product-types`);
    await page.getByTestId('named-row').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'catalog-product-types-phone');
    await page.getByRole('button', { name: `Renombrar «${TYPE}»` }).click();
    const rename = page.getByLabel(`Nuevo nombre para «${TYPE}»`);
    await rename.waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'catalog-product-types-rename-phone');
    await rename.press('Escape');
    await rename.waitFor({ state: 'detached' });

    await page.goto(scopedCustomerEditUrl);
    const section = page.getByTestId('catalog-scope');
    await section.getByTestId('product-chip').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await noHorizontalScroll(page);
    await shot(page, 'customer-catalog-phone');
  });
});
