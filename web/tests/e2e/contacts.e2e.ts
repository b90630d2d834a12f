// Browser test of a customer's contacts (F10, F11) and the registration review (F12) against
// a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/contacts.e2e.ts
// Creates its own customers through the staff API (unique per run), then drives Debian's
// /usr/bin/chromium through playwright-core. Screenshots go to web/test-results/contacts-*.png.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE, PHONE, SMALL_LAPTOP, api, apiSignIn, newPage, run, screenshots, signIn, useBrowser, usePage } from './support';

const mail = (who: string) => `${who}.${run}@nunez-contactos.example`;

const data = { customerId: '', newCustomerId: '', phoneCustomerId: '' };

useBrowser();
const shot = screenshots();

const rowOf = (panel: Locator, email: string) => panel.getByTestId('contact-row').filter({ hasText: email });

async function menuAction(panel: Locator, email: string, action: string): Promise<void> {
  await rowOf(panel, email).getByTestId('contact-actions').click();
  await panel.page().getByTestId(`contact-action-${action}`).click();
}

async function fillContact(dialog: Locator, v: { first: string; last?: string; email: string; role?: string; password?: string }) {
  await dialog.getByTestId('contact-first_name').fill(v.first);
  await dialog.getByTestId('contact-last_name').fill(v.last ?? '');
  await dialog.getByTestId('contact-email').fill(v.email);
  if (v.role !== undefined) await dialog.getByTestId('contact-role').selectOption(v.role);
  await dialog.getByTestId('contact-password').fill(v.password ?? '');
}

beforeAll(async () => {
  await apiSignIn();
  data.customerId = (await api<{ id: string }>('POST', '/api/v1/customers', { name: `Comercial Eléctrica ${run}`, currency: 'EUR', language: 'es' })).id;
  data.newCustomerId = (
    await api<{ id: string }>('POST', '/api/v1/customers', { name: `Registro pendiente ${run}`, currency: 'EUR', language: 'es', registration_status: 'new' })
  ).id;
  data.phoneCustomerId = (await api<{ id: string }>('POST', '/api/v1/customers', { name: `Estudio Contable ${run}`, currency: 'EUR', language: 'es' })).id;
});

describe('contacts on a laptop', () => {
  let page: Page;
  let panel: Locator;
  usePage(SMALL_LAPTOP, (opened) => (page = opened));

  test('a new customer has no contacts; Agregar contacto with a password makes an active one', async () => {
    await page.goto(`${BASE}/admin/customers/${data.customerId}`);
    panel = page.getByTestId('contacts-panel');
    await panel.getByTestId('contacts-empty').waitFor();
    await panel.getByTestId('add-contact').click();
    const dialog = page.getByTestId('contact-dialog');
    await fillContact(dialog, { first: 'Andrés', last: 'Núñez', email: mail('andres') });
    await dialog.getByTestId('contact-whatsapp').fill('+34 600 111 222');
    await dialog.getByTestId('contact-role').selectOption('purchasing');
    // The role's permissions are ticked for the person.
    expect(await dialog.getByTestId('contact-permission-place_orders').isChecked()).toBe(true);
    expect(await dialog.getByTestId('contact-permission-view_invoices').isChecked()).toBe(false);
    await dialog.getByTestId('contact-password').fill('Compras-Segura-1');
    await shot(page, 'contacts-add-laptop');
    await dialog.getByTestId('contact-save').click();
    await dialog.waitFor({ state: 'detached' });
    const row = rowOf(panel, mail('andres'));
    await row.waitFor();
    expect(await row.getByTestId('contact-access').getAttribute('data-access')).toBe('active');
    expect(await row.getByTestId('contact-role-badge').textContent()).toBe('Compras');
  });

  test('a second purchasing contact is refused on the role field; without password it is invited', async () => {
    await panel.getByTestId('add-contact').click();
    const dialog = page.getByTestId('contact-dialog');
    await fillContact(dialog, { first: 'Julieta', last: 'Paz', email: mail('julieta'), role: 'purchasing' });
    await dialog.getByTestId('contact-save').click();
    const error = dialog.getByTestId('error-contact-role');
    await error.waitFor();
    expect(await error.textContent()).toContain('ya tiene un contacto de compras');
    await shot(page, 'contacts-purchasing-refused-laptop');

    await dialog.getByTestId('contact-role').selectOption('billing');
    expect(await dialog.getByTestId('contact-permission-view_invoices').isChecked()).toBe(true);
    await dialog.getByTestId('contact-invite-note').waitFor();
    await dialog.getByTestId('contact-save').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('contacts-message').textContent()).toContain(`invitación a ${mail('julieta')}`);
    expect(await rowOf(panel, mail('julieta')).getByTestId('contact-access').getAttribute('data-access')).toBe('invited');
  });

  test('the same email for another contact is refused on the email field', async () => {
    await panel.getByTestId('add-contact').click();
    const dialog = page.getByTestId('contact-dialog');
    await fillContact(dialog, { first: 'Carla', email: mail('andres'), role: 'support' });
    await dialog.getByTestId('contact-save').click();
    const error = dialog.getByTestId('error-contact-email');
    await error.waitFor();
    expect(await error.textContent()).toContain('Otro contacto ya usa este correo');
    await dialog.getByTestId('contact-email').fill(mail('carla'));
    await dialog.getByTestId('contact-save').click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(panel, mail('carla')).waitFor();
  });

  test('revoke and give back access; edit the contact\'s data', async () => {
    await menuAction(panel, mail('andres'), 'revoke');
    await page.getByTestId('confirm-revoke-contact').click();
    await expect.poll(() => rowOf(panel, mail('andres')).getByTestId('contact-access').getAttribute('data-access')).toBe('revoked');
    await menuAction(panel, mail('andres'), 'restore');
    await expect.poll(() => rowOf(panel, mail('andres')).getByTestId('contact-access').getAttribute('data-access')).toBe('active');

    await rowOf(panel, mail('andres')).getByTestId('contact-name').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.getByTestId('contact-department').fill('Compras y almacén');
    await dialog.getByTestId('contact-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(panel, mail('andres')).textContent()).toContain('Compras y almacén');
  });

  test('an invited contact gets a new invitation; orders and favourites open; deleting asks first', async () => {
    await menuAction(panel, mail('julieta'), 'invite');
    await expect.poll(() => page.getByTestId('contacts-message').textContent()).toContain(`Invitación enviada a ${mail('julieta')}`);
    await menuAction(panel, mail('andres'), 'orders');
    await page.getByTestId('contact-orders-empty').waitFor();
    await page.getByTestId('contact-orders-dialog').getByRole('button', { name: 'Cerrar' }).click();
    await menuAction(panel, mail('andres'), 'favorites');
    await page.getByTestId('contact-favorites-empty').waitFor();
    await page.getByTestId('contact-favorites-dialog').getByRole('button', { name: 'Cerrar' }).click();

    await menuAction(panel, mail('carla'), 'delete');
    await page.getByTestId('confirm-dialog').getByTestId('confirm-delete').click();
    await rowOf(panel, mail('carla')).waitFor({ state: 'detached' });
    await shot(page, 'contacts-panel-laptop', { scrollTo: panel });
  });

  test('the customer page\'s menu opens the contacts page', async () => {
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('action-contacts').click();
    await page.waitForURL(new RegExp(`/admin/customers/${data.customerId}/contacts$`));
    await rowOf(page.getByTestId('contacts-panel'), mail('andres')).waitFor();
    await shot(page, 'contacts-page-laptop');
  });

  test('a registration waiting for validation is validated from the customer page', async () => {
    await page.goto(`${BASE}/admin/customers/${data.newCustomerId}`);
    const review = page.getByTestId('registration-review');
    await review.waitFor();
    await shot(page, 'contacts-registration-laptop');
    await review.getByTestId('registration-validate').click();
    await page.getByTestId('registration-done').waitFor();
    const customer = await api<{ registration_status: string }>('GET', `/api/v1/customers/${data.newCustomerId}`);
    expect(customer.registration_status).toBe('validated');
  });
});

describe('contacts on a phone', () => {
  test('the list reads as cards and the menu opens at the bottom', async () => {
    await api('POST', `/api/v1/customers/${data.phoneCustomerId}/contacts`, {
      first_name: 'Ana',
      last_name: 'Asesora',
      email: mail('ana'),
      role: 'support',
      password: 'Asesora-Segura-1',
    });
    await api('POST', `/api/v1/customers/${data.phoneCustomerId}/contacts`, { first_name: 'Bruno', email: mail('bruno'), role: 'billing' });
    const { context, page } = await newPage(PHONE);
    try {
      await signIn(page);
      await page.goto(`${BASE}/admin/customers/${data.phoneCustomerId}/contacts`);
      const panel = page.getByTestId('contacts-panel');
      await rowOf(panel, mail('bruno')).waitFor();
      await shot(page, 'contacts-page-phone');
      await rowOf(panel, mail('ana')).getByTestId('contact-actions').click();
      await page.getByTestId('contact-action-revoke').waitFor();
      await shot(page, 'contacts-menu-phone');
      await page.keyboard.press('Escape');
      await panel.getByTestId('add-contact').click();
      await page.getByTestId('contact-dialog').waitFor();
      await shot(page, 'contacts-add-phone');
    } finally {
      await context.close();
    }
  });
});
