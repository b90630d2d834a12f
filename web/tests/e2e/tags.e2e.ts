// Browser tests of tags (F5) against a real running server: bulk add and remove on a selection
// of the customers list, the tag filter, and suggestions in the customer form.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/tags.e2e.ts
// Creates its own customers (a unique name prefix) through the staff API, then drives Debian's
// /usr/bin/chromium through playwright-core. Screenshots go to $SHOTS_DIR (default
// web/test-results/), named tags-*.png.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE, DESKTOP, PHONE, RUN, api, apiSignIn, screenshots, useBrowser, usePage } from './support';

const PREFIX = `Etiquetas ${RUN}`;
const NEW_TAG = `Campaña ${RUN}`;
const SUGGESTED = `Sugerida ${RUN}`;

const customers: { id: string; name: string }[] = [];

useBrowser();
const shot = screenshots({ dir: process.env.SHOTS_DIR, prefix: 'tags-' });

/** The names on the cards of the "current" section, once it shows exactly `count`. */
async function currentNames(page: Page, count: number): Promise<string[]> {
  const section = page.getByTestId('section-current');
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid="section-current"] [data-testid="customer-card"]').length === n &&
      !document.querySelector('[data-testid="section-current"] .card-grid--stale'),
    count,
  );
  return (await section.locator('.customer-card__name').allTextContents()).map((s) => s.trim());
}

/** Opens the bulk dialog, types `tag`, applies, and returns the server's answer. */
async function applyBulk(page: Page, button: 'Añadir etiquetas' | 'Quitar etiquetas', tag: string) {
  await page.getByTestId('bulk-bar').getByRole('button', { name: button }).click();
  const dialog = page.getByTestId('bulk-tag-dialog');
  const box = dialog.getByRole('combobox', { name: 'Etiquetas' });
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  await box.fill(tag);
  await box.press('Enter');
  await dialog.getByTestId('tag-chip').filter({ hasText: tag }).waitFor();
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/customers/bulk/tags') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Aplicar' }).click();
  const response = await answered;
  expect(response.status()).toBe(200);
  await dialog.waitFor({ state: 'detached' });
  return { sent: response.request().postDataJSON(), answer: await response.json() };
}

beforeAll(async () => {
  await apiSignIn();
  for (const [suffix, tags] of [
    ['Alfa', []],
    ['Beta', []],
    ['Gamma', [SUGGESTED]],
  ] as const) {
    const created = await api<{ id: string; name: string }>('POST', '/api/v1/customers', {
      name: `${PREFIX} ${suffix}`,
      status: 'current',
      tags,
    });
    customers.push({ id: created.id, name: created.name });
  }
});

describe('tags on a desktop', () => {
  let page: Page;
  usePage(DESKTOP, (opened) => (page = opened));

  test('selects two customers found by search and adds a new tag to both', async () => {
    await page.goto(`${BASE}/admin/customers`);
    await page.getByLabel('Buscar clientes').fill(PREFIX);
    await page.waitForURL((url) => url.searchParams.get('q') === PREFIX);
    expect((await currentNames(page, 3)).sort()).toEqual(customers.map((c) => c.name).sort());
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);

    const [alfa, beta] = customers;
    await page.getByRole('checkbox', { name: `Seleccionar a ${alfa.name}` }).check();
    await page.getByRole('checkbox', { name: `Seleccionar a ${beta.name}` }).check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('2 seleccionados');
    await shot(page, 'desktop-selected');

    const { sent, answer } = await applyBulk(page, 'Añadir etiquetas', NEW_TAG);
    expect(sent).toEqual({ customer_ids: expect.arrayContaining([alfa.id, beta.id]), add: [NEW_TAG] });
    expect(sent.customer_ids).toHaveLength(2);
    expect(answer).toEqual({ updated: 2, unchanged: 0 });
    const notice = page.getByTestId('bulk-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('2 clientes actualizados, 0 ya estaban así.');
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    await shot(page, 'desktop-added');
    for (const c of [alfa, beta]) {
      expect((await api<{ tags: string[] }>('GET', `/api/v1/customers/${c.id}`)).tags).toContain(NEW_TAG);
    }
  });

  test('the tag filter, picked from suggestions, shows exactly those two', async () => {
    await page.getByLabel('Buscar clientes').fill('');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    const filter = page.getByRole('combobox', { name: 'Etiquetas' });
    await filter.fill(`campana ${RUN.toLowerCase()}`.slice(0, 10));
    const option = page.getByRole('option', { name: new RegExp(NEW_TAG) });
    await option.waitFor();
    expect(await option.textContent()).toContain('2 clientes');
    await shot(page, 'desktop-filter-suggestions');
    await filter.press('ArrowDown');
    await filter.press('Enter');
    await page.waitForURL((url) => url.searchParams.getAll('tag').join() === NEW_TAG);
    expect((await currentNames(page, 2)).sort()).toEqual([customers[0].name, customers[1].name].sort());
    await page.getByTestId('section-potential').getByText('No hay clientes que coincidan').waitFor();
    await page.getByTestId('filter-tags').getByTestId('tag-chip').filter({ hasText: NEW_TAG }).waitFor();
    await shot(page, 'desktop-filtered');
  });

  test('select all, remove the tag in bulk: the filter then shows none', async () => {
    await page.getByTestId('select-all-current').check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('2 seleccionados');
    const { sent, answer } = await applyBulk(page, 'Quitar etiquetas', NEW_TAG);
    expect(sent.remove).toEqual([NEW_TAG]);
    expect(answer).toEqual({ updated: 2, unchanged: 0 });
    await page.getByTestId('section-current').getByText('No hay clientes que coincidan').waitFor();
    expect(await page.getByTestId('section-current').getByTestId('customer-card').count()).toBe(0);
    expect(await page.getByTestId('bulk-notice').textContent()).toContain('Etiquetas quitadas');
    await shot(page, 'desktop-removed');
    const tags = await api<{ items: { name: string }[] }>('GET', `/api/v1/tags?q=${encodeURIComponent(NEW_TAG)}`);
    expect(tags.items).toEqual([]);
  });

  test('the customer form suggests tags in use while typing', async () => {
    const alfa = customers[0];
    await page.goto(`${BASE}/admin/customers/${alfa.id}/edit`);
    const box = page.getByRole('combobox', { name: 'Etiquetas' });
    await box.scrollIntoViewIfNeeded();
    await box.click();
    // Lower case and one letter short: a prefix, compared ignoring case (and unique to this run).
    await box.pressSequentially(SUGGESTED.slice(0, -1).toLowerCase(), { delay: 30 });
    const option = page.getByRole('option', { name: new RegExp(SUGGESTED) });
    await option.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await shot(page, 'desktop-form-suggestions');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await box.press('Enter');
    await page.getByTestId('customer-tags').getByTestId('tag-chip').filter({ hasText: SUGGESTED }).waitFor();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/customers/${alfa.id}`) && r.request().method() === 'PATCH',
    );
    await page.getByTestId('save-customer').click();
    expect((await saved).status()).toBe(200);
    expect((await api<{ tags: string[] }>('GET', `/api/v1/customers/${alfa.id}`)).tags).toEqual([SUGGESTED]);
  });
});

describe('tags on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened));

  test('selecting shows the bulk bar; the dialog fits the screen', async () => {
    await page.goto(`${BASE}/admin/customers?q=${encodeURIComponent(PREFIX)}`);
    await currentNames(page, 3);
    await page.getByRole('checkbox', { name: `Seleccionar a ${customers[2].name}` }).check();
    const bar = page.getByTestId('bulk-bar');
    await bar.waitFor();
    const box = await bar.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'phone-selected');
    await bar.getByRole('button', { name: 'Añadir etiquetas' }).click();
    const dialog = page.getByTestId('bulk-tag-dialog');
    await dialog.getByRole('combobox', { name: 'Etiquetas' }).fill('sug');
    await dialog.getByRole('option', { name: new RegExp(SUGGESTED) }).waitFor();
    await shot(page, 'phone-dialog');
    const panel = await dialog.boundingBox();
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('bulk-count').textContent()).toBe('1 seleccionado');
  });
});
