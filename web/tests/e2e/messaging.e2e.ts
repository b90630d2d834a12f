// Browser tests of messaging (F8, F25–F27; docs/messaging.md) against a real server started
// with --demo:
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/messaging.e2e.ts
// On a demo customer (with a contact and email templates made for the run through the API):
// composes an email to the contact with Insertar ×2 and Sustituir, attaches a file, sends it and
// finds it in *Mensajes*, the customer's history and the contact's *Historial*; opens the green
// WhatsApp link; sees the blue icon's "not configured" explanation; creates and deletes a
// template in Configuración → Plantillas. Screenshots go to web/test-results/messaging-*.png
// (and to $MESSAGING_SHOTS when set), desktop and phone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { BASE, PHONE, RUN, api, apiSignIn, makePdf, screenshots, useBrowser, usePage } from './support';

const DESKTOP = { width: 1280, height: 800 };

const SUBJECT = `Tarifa E2E ${RUN}`;
const CONTACT_PHONE_DIGITS = '34611223344';
const PDF_NAME = `tarifa-${RUN}.pdf`;

type Customer = { id: string; name: string; email: string | null; phone: string | null; whatsapp: string | null; language: string | null };
type Template = { id: string; name: string };

let customer: Customer;
let contactId = '';
const contactFirst = 'Marina';
const contactEmail = `marina.${RUN.toLowerCase()}@cliente.example`;
const templates: Record<'alfa' | 'beta' | 'gamma', Template> = {} as never;
const createdTemplateIds: string[] = [];

useBrowser();
const shot = screenshots({ dir: process.env.MESSAGING_SHOTS });

// wa.me is outside the test network: answer it here so the new tab loads.
const answerWaMe = (context: BrowserContext) =>
  context.route(/^https:\/\/wa\.me\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>WhatsApp</title>' }));

/** The text of the composer's body, paragraph by paragraph. */
async function bodyText(dialog: Locator): Promise<string> {
  return dialog.getByTestId('composer-body-area').evaluate((el) => (el as HTMLElement).innerText.replace(/\n+/g, ' | ').trim());
}

beforeAll(async () => {
  await apiSignIn();

  // A demo customer in Spanish with an email and a phone.
  const page = await api<{ items: Customer[] }>('GET', '/api/v1/customers?limit=100&status=current');
  const found = page.items.find((c) => c.email && c.phone && (c.language ?? 'es') === 'es');
  if (!found) throw new Error('no demo customer with an email and a phone; start the server with --demo');
  customer = found;

  // A contact of this run (with a password: no invitation email).
  const contact = await api<{ id: string }>('POST', `/api/v1/customers/${customer.id}/contacts`, {
    first_name: contactFirst,
    last_name: `Prueba ${RUN}`,
    email: contactEmail,
    whatsapp: '+34 611 22 33 44',
    role: 'purchasing',
    password: `Clave-larga-${RUN}`,
  });
  contactId = contact.id;

  const make = async (key: 'alfa' | 'beta' | 'gamma', subject: string, body: string) => {
    const tpl = await api<Template>('POST', '/api/v1/message-templates', {
      name: `E2E ${key} ${RUN}`,
      channel: 'email',
      language: 'es',
      subject,
      body,
    });
    templates[key] = tpl;
    createdTemplateIds.push(tpl.id);
  };
  await make('alfa', `Alfa ${RUN}`, `<p>Alfa ${RUN} para {{contact.first_name}}</p>`);
  await make('beta', `Beta ${RUN}`, `<p>Beta ${RUN}</p>`);
  await make('gamma', `Gamma ${RUN}`, `<p>Gamma ${RUN}</p><ul><li>Punto ${RUN}</li></ul>`);
});

afterAll(async () => {
  for (const id of createdTemplateIds) await api('DELETE', `/api/v1/message-templates/${id}`).catch(() => undefined);
  if (contactId) await api('DELETE', `/api/v1/contacts/${contactId}`).catch(() => undefined);
});

describe('messaging on a desktop', () => {
  let page: Page;
  usePage(DESKTOP, (opened) => (page = opened), { prepare: answerWaMe });

  test('composes to a contact with Insertar twice and Sustituir, attaches a file and sends it', async () => {
    await page.goto(`${BASE}/admin/customers/${customer.id}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('messaging-actions').getByTestId('action-email').click();
    const dialog = page.getByTestId('email-composer');
    await dialog.waitFor();

    // Para: the contact instead of the main email.
    const main = dialog.locator('[data-testid="composer-recipient"][data-key="customer"] input');
    const contact = dialog.locator(`[data-testid="composer-recipient"][data-key="contact:${contactId}"]`);
    expect(await main.isChecked()).toBe(true);
    expect(await contact.textContent()).toContain(contactEmail);
    await main.uncheck();
    await contact.locator('input').check();

    const row = (key: 'alfa' | 'beta' | 'gamma') => dialog.locator(`[data-testid="composer-template"][data-template-id="${templates[key].id}"]`);
    await row('gamma').waitFor();

    // Something written, then Sustituir: asks, and replaces it.
    const editor = dialog.getByTestId('composer-body-area');
    await editor.click();
    await page.keyboard.type('Hola, esto se sustituirá.');
    await row('gamma').getByTestId('template-replace').click();
    const confirm = page.getByTestId('confirm-replace');
    await confirm.waitFor();
    await confirm.getByTestId('confirm-replace-button').click();
    await confirm.waitFor({ state: 'detached' });
    expect(await bodyText(dialog)).toBe(`Gamma ${RUN} | Punto ${RUN}`);

    // Insertar twice at the caret: at the end of the first paragraph.
    await editor.evaluate((el) => {
      const p = el.querySelector('p')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      range.collapse(false);
      (el as HTMLElement).focus();
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    });
    await row('alfa').getByTestId('template-insert').click();
    await row('beta').getByTestId('template-insert').click();
    expect(await bodyText(dialog)).toBe(`Gamma ${RUN}Alfa ${RUN} para {{contact.first_name}}Beta ${RUN} | Punto ${RUN}`);
    // Then a line of our own at the end.
    await editor.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Un saludo.');

    const subject = dialog.getByTestId('composer-subject');
    expect(await subject.inputValue()).toBe(`Gamma ${RUN}`);
    await subject.fill(SUBJECT);

    // Adjuntar: upload a PDF.
    const uploaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/customers/${customer.id}/message-attachments`) && r.request().method() === 'POST');
    await dialog.getByTestId('composer-file-input').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: makePdf(`Tarifa ${RUN}`) });
    expect((await uploaded).status()).toBe(201);
    await dialog.getByTestId('composer-attachment').filter({ hasText: PDF_NAME }).waitFor();

    // Vista previa for the contact: placeholders rendered.
    await dialog.getByTestId('composer-preview').click();
    await dialog.getByTestId('composer-preview-subject').waitFor();
    expect(await dialog.getByTestId('composer-preview-subject').textContent()).toBe(SUBJECT);
    expect(await dialog.getByTestId('composer-preview-body').textContent()).toContain(`Alfa ${RUN} para ${contactFirst}`);
    await shot(page, 'messaging-composer-desktop');

    const sent = page.waitForResponse((r) => r.url().endsWith(`/api/v1/customers/${customer.id}/messages`) && r.request().method() === 'POST');
    await dialog.getByTestId('composer-send').click();
    const response = await sent;
    expect(response.status()).toBe(202);
    const body = response.request().postDataJSON() as Record<string, unknown>;
    expect(body.channel).toBe('email');
    expect(body.to).toEqual([{ contact_id: contactId }]);
    expect(body.subject).toBe(SUBJECT);
    expect(String(body.body_html)).toContain(`<p>Gamma ${RUN}`);
    expect(String(body.body_html)).toContain('Un saludo.');
    expect((body.attachment_ids as string[]).length).toBe(1);
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('messaging-notice').textContent()).toContain('Correo en cola para 1 destinatario');
  });

  test('the message shows in Mensajes, in the customer history and in the contact Historial', async () => {
    const panel = page.getByTestId('messages-panel');
    const message = panel.getByTestId('message-row').filter({ hasText: SUBJECT });
    await message.waitFor();
    expect(await message.getByTestId('message-to').textContent()).toContain(contactEmail);
    expect(['queued', 'sent', 'failed']).toContain(await message.getAttribute('data-status'));
    expect(await message.getByTestId('message-status').textContent()).toMatch(/En cola|Enviado|Fallido/);
    expect(await message.textContent()).toContain('1 adjunto');
    await shot(page, 'messaging-messages-desktop', { scrollTo: panel });

    // Its body on demand.
    await message.getByTestId('message-open').click();
    const detail = page.getByTestId('message-dialog');
    await detail.getByTestId('message-body').waitFor();
    expect(await detail.getByTestId('message-body').textContent()).toContain(`Alfa ${RUN} para ${contactFirst}`);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    const history = page.getByTestId('history-panel');
    const event = history.locator('[data-testid="history-item"][data-kind="message"]').filter({ hasText: SUBJECT });
    await event.first().waitFor();
    expect(await event.first().getByTestId('history-event').textContent()).toContain(contactEmail);

    const contactRow = page.locator(`[data-testid="contact-row"][data-contact-id="${contactId}"]`);
    await contactRow.getByTestId('contact-actions').click();
    await page.getByTestId('contact-action-history').click();
    const contactHistory = page.getByTestId('contact-history-dialog');
    const contactEvent = contactHistory.locator('[data-testid="history-item"][data-kind="message"]').filter({ hasText: SUBJECT });
    await contactEvent.first().waitFor();
    await shot(page, 'messaging-contact-history-desktop');
    await page.keyboard.press('Escape');
    await contactHistory.waitFor({ state: 'detached' });
  });

  test('the green WhatsApp icon opens wa.me with the number in a new tab', async () => {
    const chat = page.getByTestId('messaging-actions').getByTestId('whatsapp-chat');
    expect(await chat.getAttribute('aria-label')).toContain(customer.name);
    expect(await chat.getAttribute('title')).toBeTruthy();
    await chat.click();
    const dialog = page.getByTestId('wa-chat-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('wa-recipient').selectOption(`contact:${contactId}`);
    const link = dialog.getByTestId('wa-chat-link');
    await expect.poll(() => link.getAttribute('href')).toMatch(new RegExp(`^https://wa\\.me/${CONTACT_PHONE_DIGITS}`));
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    await dialog.getByTestId('wa-text').fill(`Hola ${contactFirst}`);
    const href = await link.getAttribute('href');
    expect(href).toBe(`https://wa.me/${CONTACT_PHONE_DIGITS}?text=${encodeURIComponent(`Hola ${contactFirst}`)}`);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await popup.waitForLoadState('domcontentloaded').catch(() => undefined);
    expect(popup.url()).toMatch(new RegExp(`^https://wa\\.me/${CONTACT_PHONE_DIGITS}`));
    await popup.close();
  });

  test('the blue WhatsApp icon explains what is missing and links to Configuración', async () => {
    const settings = await api<{ whatsapp_configured: boolean }>('GET', '/api/v1/settings');
    expect(settings.whatsapp_configured).toBe(false);
    const send = page.getByTestId('messaging-actions').getByTestId('whatsapp-send');
    expect(await send.getAttribute('aria-label')).toContain(customer.name);
    await send.click();
    const dialog = page.getByTestId('wa-not-configured');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const needed of ['phone number id', 'access token', 'app secret', 'verify token']) expect(text).toContain(needed);
    await shot(page, 'messaging-whatsapp-not-configured-desktop');
    await dialog.getByTestId('wa-go-settings').click();
    await page.waitForURL(/\/admin\/settings\/notifications$/);
    expect(await page.getByTestId('whatsapp-configured').textContent()).toBe('Sin configurar');
    expect(await page.getByTestId('notif-whatsapp_access_token').inputValue()).toBe('');
    expect(await page.getByTestId('notif-status-shipped').isChecked()).toBe(true);
  });

  test('Configuración → Plantillas: creates a template with a placeholder, then deletes it', async () => {
    await page.goto(`${BASE}/admin/settings`);
    await page.getByTestId('settings-tab-templates').click();
    await page.waitForURL(/\/admin\/settings\/templates$/);
    await page.getByTestId('templates-email').waitFor();
    await shot(page, 'messaging-templates-desktop');
    await page.getByTestId('new-template').click();
    const name = `Recordatorio E2E ${RUN}`;
    await page.getByTestId('tpl-name').fill(name);
    await page.getByTestId('tpl-subject').fill(`Recordatorio ${RUN}`);
    const body = page.getByTestId('tpl-body-area');
    await body.click();
    await page.keyboard.type('Hola ');
    await page.locator('[data-testid="tpl-placeholder"][data-name="contact.first_name"]').click();
    await page.keyboard.type(', te recordamos tu pedido.');
    expect((await body.textContent())?.replace(/\u00a0/g, ' ')).toBe('Hola {{contact.first_name}}, te recordamos tu pedido.');
    await shot(page, 'messaging-template-editor-desktop');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/message-templates') && r.request().method() === 'POST');
    await page.getByTestId('tpl-save').click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/admin\/settings\/templates$/);
    expect(await page.getByTestId('templates-notice').textContent()).toContain(name);
    const row = page.getByTestId('template-row').filter({ hasText: name });
    await row.waitFor();
    await row.getByTestId('template-delete').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    await confirm.getByTestId('confirm-delete').click();
    await row.waitFor({ state: 'detached' });
    expect(await page.getByTestId('templates-notice').textContent()).toContain(name);
  });
});

describe('messaging on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened), { prepare: answerWaMe });

  test('the composer, the messages panel and the templates fit a phone', async () => {
    await page.goto(`${BASE}/admin/customers/${customer.id}`);
    await page.getByTestId('customer-name').waitFor();
    const panel = page.getByTestId('messages-panel');
    await panel.getByTestId('message-row').first().waitFor();
    await shot(page, 'messaging-messages-phone', { scrollTo: panel });
    await page.getByTestId('messaging-actions').getByTestId('action-email').click();
    const dialog = page.getByTestId('email-composer');
    await dialog.getByTestId('composer-recipient').first().waitFor();
    // On a phone the templates start folded: Para and the message come first.
    const toggle = dialog.getByTestId('composer-templates-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await shot(page, 'messaging-composer-phone');
    await toggle.click();
    await dialog.locator(`[data-testid="composer-template"][data-template-id="${templates.alfa.id}"]`).waitFor();
    await shot(page, 'messaging-composer-templates-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByText('Cancelar').click();
    await dialog.waitFor({ state: 'detached' });
    await page.goto(`${BASE}/admin/settings/templates`);
    await page.getByTestId('templates-email').waitFor();
    await shot(page, 'messaging-templates-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
