// Browser tests of a customer's addresses (F7) and of the possible-duplicate warning (F33)
// against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/addresses.e2e.ts
// Creates its own customers through the staff API, then drives Debian's /usr/bin/chromium
// through playwright-core. Screenshots go to $CARTERA_SHOTS (default web/test-results).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE, DESKTOP, PHONE, RUN, api, apiSignIn, newPage, noHorizontalScroll, screenshots, signIn, useBrowser, usePage } from './support';

const VIEWPORTS = { desktop: DESKTOP, phone: PHONE };

let customerId = '';

type Address = { id: string; kind: string; line1: string; is_default: boolean };

useBrowser();
const shot = screenshots();

/** [line of the card, kind, default?] of every address in the panel, in order. */
async function cards(panel: Locator): Promise<[string, string, boolean][]> {
  return panel.getByTestId('address-item').evaluateAll((els) =>
    els.map((e) => [
      e.querySelector('[data-testid="address-lines"] .line')?.textContent ?? '',
      e.getAttribute('data-kind') ?? '',
      e.getAttribute('data-default') === 'true',
    ]),
  );
}

const item = (panel: Locator, line1: string) =>
  panel.getByTestId('address-item').filter({ has: panel.page().getByText(line1, { exact: true }) });

beforeAll(async () => {
  await apiSignIn();
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: `Suministros Direcciones ${RUN}`,
    currency: 'EUR',
    language: 'es',
  });
  customerId = customer.id;
});

describe('addresses on a desktop', () => {
  let page: Page;
  let panel: Locator;
  usePage(DESKTOP, (opened) => (page = opened));

  test('a new customer has no addresses yet', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    panel = page.getByTestId('addresses-panel');
    await panel.getByTestId('addresses-empty').waitFor();
    expect(await panel.getByTestId('addresses-empty').textContent()).toContain('Todavía no hay direcciones');
    await shot(page, 'addresses-desktop-empty', { panel });
  });

  test('adds a shipping address and a billing one; each is the first of its use, so the default', async () => {
    const add = async (fill: (dialog: Locator) => Promise<void>, expected: Record<string, unknown>, name?: string) => {
      const before = await panel.getByTestId('address-item').count();
      await panel.getByTestId('add-address').click();
      const dialog = page.getByTestId('address-dialog');
      await dialog.waitFor();
      await fill(dialog);
      if (name) {
        await shot(page, name);
      }
      const posted = page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/customers/${customerId}/addresses`) && r.request().method() === 'POST',
      );
      await dialog.getByTestId('save-address').click();
      const response = await posted;
      expect(response.status()).toBe(201);
      expect(response.request().postDataJSON()).toEqual(expected);
      await dialog.waitFor({ state: 'detached' });
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="addresses-panel"] [data-testid="address-item"]').length === n,
        before + 1,
      );
    };

    await add(
      async (dialog) => {
        // Shipping is preselected; the country starts as Spain; being the first, it is the default.
        expect(await dialog.getByTestId('address-kind-shipping').isChecked()).toBe(true);
        expect(await dialog.getByTestId('address-country').inputValue()).toBe('ES');
        expect(await dialog.getByTestId('address-is-default').isChecked()).toBe(true);
        // Saving empty shows what is missing, without a request.
        await dialog.getByTestId('save-address').click();
        await dialog.getByTestId('error-address-line1').waitFor();
        await dialog.getByTestId('address-label').fill('Almacén central');
        await dialog.getByTestId('address-line1').fill('Polígono Las Mercedes, nave 7');
        await dialog.getByTestId('address-postal_code').fill('28022');
        await dialog.getByTestId('address-city').fill('Madrid');
        await dialog.getByTestId('address-region').fill('Madrid');
      },
      {
        kind: 'shipping',
        label: 'Almacén central',
        line1: 'Polígono Las Mercedes, nave 7',
        postal_code: '28022',
        city: 'Madrid',
        region: 'Madrid',
        country: 'ES',
        is_default: true,
      },
      'addresses-desktop-dialog',
    );
    await add(
      async (dialog) => {
        await dialog.getByText('Facturación', { exact: true }).click();
        expect(await dialog.getByTestId('address-is-default').isChecked()).toBe(true);
        await dialog.getByTestId('address-line1').fill('Calle de Alcalá 120, 3.º B');
        await dialog.getByTestId('address-postal_code').fill('28009');
        await dialog.getByTestId('address-city').fill('Madrid');
      },
      { kind: 'billing', line1: 'Calle de Alcalá 120, 3.º B', postal_code: '28009', city: 'Madrid', country: 'ES', is_default: true },
    );
    await add(
      async (dialog) => {
        // Shipping already has a default: this one is not, unless chosen.
        expect(await dialog.getByTestId('address-is-default').isChecked()).toBe(false);
        await dialog.getByTestId('address-label').fill('Nave Valencia');
        await dialog.getByTestId('address-line1').fill('Avenida del Puerto 300');
        await dialog.getByTestId('address-postal_code').fill('46023');
        await dialog.getByTestId('address-city').fill('València');
      },
      {
        kind: 'shipping',
        label: 'Nave Valencia',
        line1: 'Avenida del Puerto 300',
        postal_code: '46023',
        city: 'València',
        country: 'ES',
        is_default: false,
      },
    );
    expect(await cards(panel)).toEqual([
      ['Polígono Las Mercedes, nave 7', 'shipping', true],
      ['Calle de Alcalá 120, 3.º B', 'billing', true],
      ['Avenida del Puerto 300', 'shipping', false],
    ]);
    expect(await item(panel, 'Calle de Alcalá 120, 3.º B').getByTestId('address-kind').textContent()).toBe('Facturación');
    await shot(page, 'addresses-desktop', { panel });
  });

  test('makes another shipping address the default; the billing default stays', async () => {
    const patched = page.waitForResponse((r) => /\/api\/v1\/addresses\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
    await item(panel, 'Avenida del Puerto 300').getByTestId('make-default').click();
    const response = await patched;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['if-match']).toBe('"1"');
    expect(response.request().postDataJSON()).toEqual({ is_default: true });
    await item(panel, 'Avenida del Puerto 300').and(page.locator('[data-default="true"]')).waitFor();
    await item(panel, 'Polígono Las Mercedes, nave 7').and(page.locator('[data-default="false"]')).waitFor();
    expect(await cards(panel)).toEqual([
      ['Calle de Alcalá 120, 3.º B', 'billing', true],
      ['Avenida del Puerto 300', 'shipping', true],
      ['Polígono Las Mercedes, nave 7', 'shipping', false],
    ]);
    expect(await panel.getByTestId('addresses-message').textContent()).toContain('predeterminada');
    const customer = await api<{ default_address: { line1: string } | null }>('GET', `/api/v1/customers/${customerId}`);
    expect(customer.default_address?.line1).toBe('Avenida del Puerto 300');
    // The customer's contact panel shows it too.
    await page.getByText('46023 València').first().waitFor();
  });

  test('deletes an address after confirming', async () => {
    const old = item(panel, 'Polígono Las Mercedes, nave 7');
    await old.getByTestId('delete-address').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('¿Eliminar esta dirección?');
    await shot(page, 'addresses-desktop-confirm');
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('address-item').count()).toBe(3);

    await old.getByTestId('delete-address').click();
    const deleted = page.waitForResponse((r) => /\/api\/v1\/addresses\/[^/]+$/.test(r.url()) && r.request().method() === 'DELETE');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Eliminar dirección' }).click();
    expect((await deleted).status()).toBe(204);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="addresses-panel"] [data-testid="address-item"]').length === 2,
    );
    expect(await panel.getByTestId('addresses-message').textContent()).toContain('Dirección eliminada');
  });

  test('a reload shows the same addresses and defaults', async () => {
    await page.reload();
    panel = page.getByTestId('addresses-panel');
    await panel.getByTestId('address-item').first().waitFor();
    expect(await cards(panel)).toEqual([
      ['Calle de Alcalá 120, 3.º B', 'billing', true],
      ['Avenida del Puerto 300', 'shipping', true],
    ]);
    const stored = await api<{ items: Address[] }>('GET', `/api/v1/customers/${customerId}/addresses`);
    expect(stored.items.map((a) => [a.line1, a.is_default])).toEqual([
      ['Calle de Alcalá 120, 3.º B', true],
      ['Avenida del Puerto 300', true],
    ]);
    await shot(page, 'addresses-desktop-reloaded', { panel });
  });

  test('the new order form preselects the default shipping address and can pick another', async () => {
    const office = await api<Address>('POST', `/api/v1/customers/${customerId}/addresses`, {
      kind: 'both',
      label: 'Oficina',
      line1: 'Rua Augusta 10',
      city: 'Lisboa',
      country: 'PT',
    });
    await page.goto(`${BASE}/admin/orders/new?customer_id=${customerId}`);
    const select = page.getByTestId('order-shipping-address');
    await select.waitFor();
    const stored = await api<{ items: Address[] }>('GET', `/api/v1/customers/${customerId}/addresses`);
    const shipping = stored.items.find((a) => a.kind === 'shipping' && a.is_default)!;
    expect(await select.inputValue()).toBe(shipping.id);
    // Only addresses that serve shipping are offered: not the billing one.
    const options = await select.locator('option').allTextContents();
    expect(options).toEqual([
      'Nave Valencia · Avenida del Puerto 300 · 46023 València (predeterminada)',
      'Oficina · Rua Augusta 10 · Lisboa',
    ]);
    expect(await page.getByTestId('order-shipping-preview').textContent()).toContain('46023 València');
    const section = select.locator('xpath=ancestor::section[1]');
    await section.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'addresses-desktop-order-form');

    // Pick the office and place the order: it keeps a copy of that address.
    await select.selectOption(office.id);
    expect(await page.getByTestId('order-shipping-preview').textContent()).toContain('Portugal');
    // A product of the demo catalogue (any product would do; this one is found by its SKU).
    await page.locator('[data-testid="product-option"][data-sku="LED-A60-9W"]').getByRole('button', { name: 'Añadir' }).click();
    const placed = page.waitForResponse((r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST');
    await page.getByTestId('submit-order').click();
    const response = await placed;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON().shipping_address_id).toBe(office.id);
    const order = (await response.json()) as { shipping_address: Record<string, unknown> };
    expect(order.shipping_address).toEqual({ line1: 'Rua Augusta 10', line2: null, city: 'Lisboa', region: null, postal_code: null, country: 'PT' });
    await api('DELETE', `/api/v1/addresses/${office.id}`);
  });
});

describe('addresses on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened));

  test('the panel and the dialog fit a phone', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    const panel = page.getByTestId('addresses-panel');
    await panel.getByTestId('address-item').first().waitFor();
    await shot(page, 'addresses-phone', { panel });
    await noHorizontalScroll(page);

    await item(panel, 'Avenida del Puerto 300').getByTestId('edit-address').click();
    const dialog = page.getByTestId('address-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('address-line1').inputValue()).toBe('Avenida del Puerto 300');
    await shot(page, 'addresses-phone-dialog');
    const box = await dialog.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    // Escape closes without saving.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('possible duplicates (F33)', () => {
  const email = `compras.${RUN.toLowerCase()}@duplicado.example`;
  let existing: { id: string; name: string };

  beforeAll(async () => {
    existing = await api<{ id: string; name: string }>('POST', '/api/v1/customers', {
      name: `Ferretería Original ${RUN}`,
      email,
      currency: 'EUR',
      language: 'es',
    });
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    test(`creating a customer with another's email warns with a working link (${viewport})`, async () => {
      const { context, page } = await newPage(VIEWPORTS[viewport]);
      try {
        await signIn(page);
        await page.goto(`${BASE}/admin/customers/new`);
        await page.getByLabel('Nombre', { exact: true }).fill(`Ferretería Copia ${RUN} ${viewport}`);
        await page.getByLabel('Correo electrónico').fill(email.toUpperCase());
        const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/customers') && r.request().method() === 'POST');
        await page.getByTestId('save-customer').click();
        const response = await created;
        expect(response.status()).toBe(201);
        const body = (await response.json()) as { id: string; possible_duplicates: { id: string; matched_on: string }[] };
        expect(body.possible_duplicates).toContainEqual(expect.objectContaining({ id: existing.id, matched_on: 'email' }));
        await page.waitForURL(new RegExp(`/admin/customers/${body.id}$`));

        // Creation went through; the warning is calm and names the match.
        const warning = page.getByTestId('duplicate-warning');
        await warning.waitFor();
        expect(await warning.textContent()).toContain('Posible duplicado');
        const match = warning.locator(`[data-testid="duplicate-match"][data-matched-on="email"]`).filter({ hasText: existing.name });
        expect(await match.textContent()).toContain(`Coincide el correo con ${existing.name}`);
        expect(await warning.locator('.banner').getAttribute('class')).toContain('banner--warning');
        await shot(page, `duplicates-${viewport}`);

        await match.getByTestId('duplicate-link').click();
        await page.waitForURL(new RegExp(`/admin/customers/${existing.id}$`));
        expect(await page.getByTestId('customer-name').textContent()).toBe(existing.name);
        expect(await page.getByTestId('duplicate-warning').count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  }
});
