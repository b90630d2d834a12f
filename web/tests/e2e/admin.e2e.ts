// Browser tests of the admin panel against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npm run test:e2e
// Drives Debian's /usr/bin/chromium through playwright-core (no browser download).
// Screenshots go to web/test-results/.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE, EMAIL, LAPTOP, PASSWORD, PHONE, STICKY_BARS, noHorizontalScroll, run, screenshots, signIn, useBrowser, usePage } from './support';

const CUSTOMER = {
  name: 'Ferretería Núñez Hermanos',
  email: `compras.${run}@ferreteria-nunez.example`,
  phone: '+34 912 345 678',
  newPhone: '+34 913 000 111',
  discount: '7,5',
};

useBrowser();
const shot = screenshots({ full: STICKY_BARS });

describe('admin panel on a laptop', () => {
  let page: Page;
  let customerUrl = '';
  usePage(LAPTOP, (opened) => (page = opened), { signedIn: false });

  test('an unsigned visitor is sent to the sign-in page', async () => {
    await page.goto(`${BASE}/admin/customers`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('Correo electrónico').waitFor();
    await shot(page, 'login-laptop');
  });

  test('wrong credentials show a clear message', async () => {
    await page.getByLabel('Correo electrónico').fill(EMAIL);
    await page.getByLabel('Contraseña').fill(`${PASSWORD}-wrong`);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('no son correctos');
    await shot(page, 'login-error-laptop');
  });

  test('repeated failures are throttled with a clear message', async () => {
    // A throw-away address, so the owner's own sign-in is never locked.
    const email = `nobody.${run}@example.invalid`;
    const error = page.getByTestId('login-error');
    let text = '';
    for (let attempt = 1; attempt <= 12 && !text.includes('Demasiados'); attempt++) {
      await page.getByLabel('Correo electrónico').fill(email);
      await page.getByLabel('Contraseña').fill('wrong-password');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await answered;
      await error.waitFor();
      text = (await error.textContent()) ?? '';
    }
    expect(text).toMatch(/Demasiados intentos fallidos/);
    await shot(page, 'login-throttled-laptop');
  });

  test('sign in', async () => {
    await signIn(page);
    const user = await page.getByTestId('current-user').getAttribute('title');
    expect(user?.toLowerCase()).toBe(EMAIL.toLowerCase());
    await page.getByTestId('section-current').waitFor();
    await page.getByTestId('section-potential').waitFor();
    await shot(page, 'customers-laptop');
  });

  test('"Cargar más" fetches the next page of a section', async () => {
    const section = page.getByTestId('section-current');
    const cards = section.getByTestId('customer-card');
    await cards.first().waitFor();
    const more = page.getByTestId('load-more-current');
    if ((await more.count()) === 0) return; // fewer than one page of customers
    const before = await cards.count();
    expect(before).toBe(24);
    await more.click();
    await expect.poll(() => cards.count()).toBeGreaterThan(before);
  });

  test('the language switch speaks English and is remembered', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('language-switch').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
  });

  test('create a customer', async () => {
    await page.getByTestId('new-customer').click();
    await page.waitForURL(/\/admin\/customers\/new$/);
    await page.getByLabel('Nombre', { exact: true }).waitFor();
    await shot(page, 'form-new-laptop');
    await page.getByLabel('Nombre', { exact: true }).fill(CUSTOMER.name);
    await page.getByLabel('Correo electrónico').fill(CUSTOMER.email);
    await page.getByLabel('Teléfono').fill(CUSTOMER.phone);
    await page.getByLabel('Descuento').fill(CUSTOMER.discount);
    await page.getByLabel('Temperatura').selectOption('hot');
    const tags = page.getByRole('combobox', { name: 'Etiquetas', exact: true });
    await tags.fill('ferretería');
    await tags.press('Enter');
    await page.getByTestId('save-customer').click();
    await page.waitForURL(/\/admin\/customers\/(?!new$)[^/]+$/);
    customerUrl = page.url();
    expect(await page.getByTestId('customer-name').textContent()).toBe(CUSTOMER.name);
    expect(await page.getByTestId('detail-email').textContent()).toContain(CUSTOMER.email);
    expect(await page.getByTestId('detail-phone').textContent()).toContain(CUSTOMER.phone);
    expect(await page.getByTestId('detail-discount').textContent()).toMatch(/7,5\s?%/);
    await shot(page, 'detail-laptop');
  });

  test('find it with an accent-free search', async () => {
    await page.goto(`${BASE}/admin/customers`);
    await page.getByLabel('Buscar clientes').fill('ferreteria nunez');
    await page.waitForURL(/[?&]q=ferreteria(\+|%20)nunez/);
    const card = page.getByTestId('customer-card').filter({ hasText: CUSTOMER.email });
    await card.waitFor();
    expect(await card.getByRole('link').textContent()).toBe(CUSTOMER.name);
    expect(await card.getByTestId('discount').textContent()).toMatch(/7,5\s?%/);
    await shot(page, 'customers-search-laptop');
    // The filters live in the URL: a reload keeps the search.
    await page.reload();
    expect(await page.getByLabel('Buscar clientes').inputValue()).toBe('ferreteria nunez');
    await page.getByTestId('customer-card').filter({ hasText: CUSTOMER.email }).waitFor();
  });

  test('open it, edit the phone and see the change', async () => {
    await page.getByTestId('customer-card').filter({ hasText: CUSTOMER.email }).getByRole('link').click();
    await page.waitForURL(customerUrl);
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    const phone = page.getByLabel('Teléfono');
    expect(await phone.inputValue()).toBe(CUSTOMER.phone);
    await shot(page, 'form-edit-laptop');
    await phone.fill(CUSTOMER.newPhone);
    await phone.press('Enter');
    await page.waitForURL(customerUrl);
    await page.getByTestId('detail-phone').filter({ hasText: CUSTOMER.newPhone }).waitFor();
    // And it is really stored: a fresh load shows it too.
    await page.reload();
    expect(await page.getByTestId('detail-phone').textContent()).toContain(CUSTOMER.newPhone);
  });

  test('an invalid email shows the server’s error under the field', async () => {
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    const email = page.getByLabel('Correo electrónico');
    await email.fill('esto-no-es-un-correo');
    await page.getByTestId('save-customer').click();
    const error = page.getByTestId('error-field-email');
    await error.waitFor();
    expect(await error.textContent()).toBe('El formato no es válido.');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-email');
    expect(page.url()).toMatch(/\/edit$/);
    await shot(page, 'form-error-laptop');
  });

  test('a change made elsewhere meanwhile is reported (412) and can be reloaded', async () => {
    // The form from the previous step is still open on version N; change the customer
    // behind its back through the API with the same session.
    const id = customerUrl.split('/').pop()!;
    const context = page.context();
    const csrf = (await context.cookies()).find((c) => c.name === 'cartera_csrf')?.value ?? '';
    const current = await context.request.get(`${BASE}/api/v1/customers/${id}`);
    const etag = current.headers()['etag'];
    const changed = await context.request.patch(`${BASE}/api/v1/customers/${id}`, {
      headers: { 'X-CSRF-Token': csrf, 'If-Match': etag },
      data: { shipping_method: 'Recogida en almacén' },
    });
    expect(changed.status()).toBe(200);

    await page.getByLabel('Correo electrónico').fill(CUSTOMER.email);
    await page.getByLabel('WhatsApp').fill('+34 600 111 222');
    await page.getByTestId('save-customer').click();
    await page.getByText('Otra persona ha modificado este cliente').waitFor();
    await shot(page, 'form-conflict-laptop');
    await page.getByTestId('reload-latest').click();
    await expect
      .poll(() => page.getByLabel('Método de envío').inputValue())
      .toBe('Recogida en almacén');
    expect(await page.getByText('Otra persona ha modificado este cliente').count()).toBe(0);
  });

  test('sign out', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/admin\/login/);
    await page.goto(`${BASE}/admin/customers`);
    await page.waitForURL(/\/admin\/login\?next=/);
  });
});

describe('admin panel on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened), { signedIn: false });

  test('screens fit a phone', async () => {
    await page.goto(`${BASE}/admin/login`);
    await page.getByLabel('Correo electrónico').waitFor();
    await shot(page, 'login-phone');
    await signIn(page);
    await page.getByTestId('section-current').waitFor();
    await shot(page, 'customers-phone');

    // No horizontal scrolling on a phone.
    await noHorizontalScroll(page);

    // The sidebar is collapsed behind the menu button.
    const menu = page.getByRole('button', { name: 'Abrir menú' });
    await menu.click();
    await page.getByRole('navigation').getByRole('link', { name: 'Clientes' }).waitFor({ state: 'visible' });
    await shot(page, 'menu-phone');
    await page.keyboard.press('Escape');

    await page.getByLabel('Buscar clientes').fill('ferreteria nunez');
    const card = page.getByTestId('customer-card').filter({ hasText: CUSTOMER.email });
    await card.waitFor();
    await card.getByRole('link').click();
    await page.getByTestId('customer-name').waitFor();
    await shot(page, 'detail-phone');
    await page.getByTestId('edit-customer').click();
    await page.getByLabel('Nombre', { exact: true }).waitFor();
    await shot(page, 'form-phone');
  });
});
