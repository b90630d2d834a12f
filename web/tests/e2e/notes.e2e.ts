// Browser tests of a customer's notes (F6) against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/notes.e2e.ts
// Creates its own customer through the staff API, then drives Debian's /usr/bin/chromium
// through playwright-core. Screenshots go to web/test-results/notes-*.png.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const BASE = (process.env.CARTERA_URL ?? '').replace(/\/$/, '');
const EMAIL = process.env.CARTERA_EMAIL ?? '';
const PASSWORD = process.env.CARTERA_PASSWORD ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../test-results');

const VIEWPORTS = {
  laptop: { width: 1366, height: 850 },
  phone: { width: 390, height: 844 },
} as const;

const RUN = Date.now().toString(36).toUpperCase();
const NOTES = {
  none: 'Prefiere que le llamen por la mañana, antes de las 11:00.',
  high: 'Tiene dos facturas vencidas.\nNo servir pedidos nuevos sin pago por adelantado.',
  medium: 'Interesado en la nueva gama de tornillería inoxidable; enviar catálogo.',
};
const EDITED_MEDIUM = 'Interesado en la gama inoxidable.\nCatálogo enviado el lunes; llamar la semana que viene.';

let browser: Browser;
let token = '';
let customerId = '';

async function apiCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function newPage(viewport: keyof typeof VIEWPORTS): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    locale: 'es-ES',
    timezoneId: 'Europe/Madrid',
  });
  await context.addInitScript(() => {
    try {
      if (!sessionStorage.getItem('e2e-init')) {
        localStorage.removeItem('cartera.language');
        sessionStorage.setItem('e2e-init', '1');
      }
    } catch {
      /* ignore */
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${BASE}/admin/login`);
  await page.getByLabel('Correo electrónico').fill(EMAIL);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByLabel('Contraseña').press('Enter');
  await page.waitForURL(/\/admin\/customers/);
}

/** The viewport with the notes panel scrolled to the top (`name.png`) and the panel alone. */
async function shot(page: Page, panel: Locator, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -72));
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
  await panel.screenshot({ path: resolve(SHOTS, `${name}-panel.png`) });
}

async function priorities(panel: Locator): Promise<string[]> {
  return panel.getByTestId('note-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-priority') ?? ''));
}

beforeAll(async () => {
  if (!BASE || !EMAIL || !PASSWORD) {
    throw new Error(
      'Set CARTERA_URL, CARTERA_EMAIL and CARTERA_PASSWORD (an owner) of a running server to run the browser tests.',
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  token = ((await login.json()) as { token: string }).token;
  const customer = await apiCall<{ id: string }>('POST', '/api/v1/customers', {
    name: `Ferretería Notas ${RUN}`,
    email: `notas.${RUN.toLowerCase()}@ferreteria.example`,
    currency: 'EUR',
    language: 'es',
  });
  customerId = customer.id;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('notes on a laptop', () => {
  let context: BrowserContext;
  let page: Page;
  let panel: Locator;

  beforeAll(async () => {
    ({ context, page } = await newPage('laptop'));
    await signIn(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('a new customer has no notes yet', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    panel = page.getByTestId('notes-panel');
    await panel.getByTestId('notes-empty').waitFor();
    expect(await panel.getByTestId('notes-empty').textContent()).toContain('Todavía no hay notas');
    await shot(page, panel, 'notes-laptop-empty');
  });

  test('adds three notes and shows them high, medium, none', async () => {
    const text = panel.getByLabel('Nueva nota');
    const add = async (priority: 'none' | 'high' | 'medium', body: string, viaKeyboard: boolean) => {
      const before = await panel.getByTestId('note-item').count();
      await text.fill(body);
      if (priority !== 'none') await panel.getByTestId('note-form').getByText(priority === 'high' ? 'Alta' : 'Media', { exact: true }).click();
      const posted = page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/customers/${customerId}/notes`) && r.request().method() === 'POST',
      );
      if (viaKeyboard) await text.press('Control+Enter');
      else await panel.getByRole('button', { name: 'Añadir nota' }).click();
      const response = await posted;
      expect(response.status()).toBe(201);
      expect(response.request().postDataJSON()).toEqual({ body, priority });
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="notes-panel"] [data-testid="note-item"]').length === n,
        before + 1,
      );
    };
    await add('none', NOTES.none, false);
    await add('high', NOTES.high, true);
    await add('medium', NOTES.medium, false);

    expect(await priorities(panel)).toEqual(['high', 'medium', 'none']);
    const texts = await panel.getByTestId('note-text').allTextContents();
    expect(texts).toEqual([NOTES.high, NOTES.medium, NOTES.none]);
    // The form is reset to "Sin prioridad" after each note.
    expect(await panel.getByTestId('note-priority-none').isChecked()).toBe(true);
    expect(await text.inputValue()).toBe('');
    // The author and a date in Spanish.
    const meta = await panel.getByTestId('note-item').first().locator('.notes-item__meta').textContent();
    expect(meta).toMatch(/owner|Owner|@/);
    expect(meta).toMatch(/\d{1,2} \w{3,4}\.? \d{4}/);
    // The customer's last note (shown on the customers list cards) is the newest one.
    const customer = await apiCall<{ last_note: { body: string; priority: string } | null }>('GET', `/api/v1/customers/${customerId}`);
    expect(customer.last_note?.body).toBe(NOTES.medium);
    await shot(page, panel, 'notes-laptop');
  });

  test('edits a note in place with If-Match; it is marked "editado"', async () => {
    const medium = panel.locator('[data-testid="note-item"][data-priority="medium"]');
    // Escape cancels.
    await medium.getByTestId('edit-note').click();
    await panel.getByTestId('note-edit-body').waitFor();
    await panel.getByTestId('note-edit-body').press('Escape');
    await panel.getByTestId('note-edit-form').waitFor({ state: 'detached' });

    await medium.getByTestId('edit-note').click();
    const body = panel.getByTestId('note-edit-body');
    await body.fill(EDITED_MEDIUM);
    await shot(page, panel, 'notes-laptop-edit');
    const patched = page.waitForResponse((r) => /\/api\/v1\/notes\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
    await panel.getByRole('button', { name: 'Guardar' }).click();
    const response = await patched;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['if-match']).toMatch(/^"\d+"$/);
    expect(response.request().postDataJSON()).toEqual({ body: EDITED_MEDIUM });
    await panel.getByTestId('note-edit-form').waitFor({ state: 'detached' });
    await medium.getByTestId('note-edited').waitFor();
    expect(await medium.getByTestId('note-text').textContent()).toBe(EDITED_MEDIUM);
    expect(await priorities(panel)).toEqual(['high', 'medium', 'none']);
  });

  test('deletes a note after confirming', async () => {
    const none = panel.locator('[data-testid="note-item"][data-priority="none"]');
    await none.getByTestId('delete-note').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('¿Eliminar esta nota?');
    await page.waitForTimeout(200);
    await page.screenshot({ path: resolve(SHOTS, 'notes-laptop-confirm.png') });
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('note-item').count()).toBe(3);

    await none.getByTestId('delete-note').click();
    const deleted = page.waitForResponse((r) => /\/api\/v1\/notes\/[^/]+$/.test(r.url()) && r.request().method() === 'DELETE');
    await page.getByRole('dialog').getByRole('button', { name: 'Eliminar nota' }).click();
    expect((await deleted).status()).toBe(204);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="notes-panel"] [data-testid="note-item"]').length === 2,
    );
    expect(await priorities(panel)).toEqual(['high', 'medium']);
    expect(await panel.getByTestId('notes-message').textContent()).toContain('Nota eliminada');
    await shot(page, panel, 'notes-laptop-after-delete');
  });
});

describe('notes on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage('phone'));
    await signIn(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('the panel fits a phone: form, list and edit', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    const panel = page.getByTestId('notes-panel');
    await panel.getByTestId('note-item').first().waitFor();
    expect(await priorities(panel)).toEqual(['high', 'medium']);
    await panel.getByLabel('Nueva nota').fill('Visita comercial pendiente de confirmar.');
    await panel.getByTestId('note-form').getByText('Media', { exact: true }).click();
    await shot(page, panel, 'notes-phone');
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await panel.locator('[data-testid="note-item"][data-priority="high"]').getByTestId('edit-note').click();
    await panel.getByTestId('note-edit-form').waitFor();
    await shot(page, panel, 'notes-phone-edit');
    await panel.getByRole('button', { name: 'Cancelar' }).click();
    await panel.getByTestId('note-edit-form').waitFor({ state: 'detached' });
  });
});
