// Browser test of the settings page (F13) against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/settings.e2e.ts
// Changes the store's settings and puts them back afterwards (other tests rely on them); a
// viewer created for the run reads them without changing. Screenshots: web/test-results/settings-*.png.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const BASE = (process.env.CARTERA_URL ?? '').replace(/\/$/, '');
const EMAIL = process.env.CARTERA_EMAIL ?? '';
const PASSWORD = process.env.CARTERA_PASSWORD ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../test-results');
const VIEWPORTS = { laptop: { width: 1280, height: 850 }, phone: { width: 390, height: 844 } } as const;
const RUN = Date.now().toString(36).toLowerCase();
const VIEWER = { email: `lector.${RUN}@ajustes.example`, password: 'Solo-Lectura-123' };

type Settings = {
  store_name: string;
  default_currency: string;
  default_language: string;
  timezone: string;
  registration_mode: 'direct' | 'validation';
  price_visibility: 'everyone' | 'signed_in' | 'nobody';
  alert_email: string | null;
  version: number;
};

let browser: Browser;
let token = '';
let original: Settings;

async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
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
      localStorage.removeItem('cartera.language');
    } catch {
      /* ignore */
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${BASE}/admin/login`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByLabel('Contraseña').press('Enter');
  await page.waitForURL(/\/admin\/customers/);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  if (!BASE || !EMAIL || !PASSWORD) {
    throw new Error('Set CARTERA_URL, CARTERA_EMAIL and CARTERA_PASSWORD (an owner) of a running server to run the browser tests.');
  }
  mkdirSync(SHOTS, { recursive: true });
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  token = ((await login.json()) as { token: string }).token;
  original = await api<Settings>('GET', '/api/v1/settings');
  await api('POST', '/api/v1/staff', { email: VIEWER.email, name: 'Lectora de ajustes', role: 'viewer', password: VIEWER.password });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  if (original) {
    const now = await api<Settings>('GET', '/api/v1/settings');
    const { version: _v, ...fields } = original;
    await api('PATCH', '/api/v1/settings', fields, { 'If-Match': `"${now.version}"` });
  }
});

describe('settings', () => {
  test('the owner switches registration and price visibility; they stay after a reload', async () => {
    const { context, page } = await newPage('laptop');
    try {
      await signIn(page, EMAIL, PASSWORD);
      await page.getByTestId('nav-settings').click();
      await page.waitForURL(/\/admin\/settings$/);
      const form = page.getByTestId('settings-form');
      const mode = original.registration_mode === 'direct' ? 'validation' : 'direct';
      const prices = original.price_visibility === 'nobody' ? 'everyone' : 'nobody';
      await form.getByTestId(`settings-registration_mode-${mode}`).check();
      await form.getByTestId(`settings-price_visibility-${prices}`).check();
      await form.getByTestId('settings-alert_email').fill(`avisos.${RUN}@ajustes.example`);
      await shot(page, 'settings-laptop');
      await form.getByTestId('settings-save').click();
      await expect.poll(() => page.getByTestId('settings-message').textContent()).toBe('Configuración guardada.');
      await page.reload();
      expect(await form.getByTestId(`settings-registration_mode-${mode}`).isChecked()).toBe(true);
      expect(await form.getByTestId(`settings-price_visibility-${prices}`).isChecked()).toBe(true);
      expect(await form.getByTestId('settings-alert_email').inputValue()).toBe(`avisos.${RUN}@ajustes.example`);
      const saved = await api<Settings>('GET', '/api/v1/settings');
      expect([saved.registration_mode, saved.price_visibility]).toEqual([mode, prices]);
    } finally {
      await context.close();
    }
  });

  test('a viewer reads the settings on a phone and cannot change them (nor can the API)', async () => {
    const { context, page } = await newPage('phone');
    try {
      await signIn(page, VIEWER.email, VIEWER.password);
      await page.goto(`${BASE}/admin/settings`);
      await page.getByTestId('settings-readonly').waitFor();
      expect(await page.getByTestId('settings-store_name').isDisabled()).toBe(true);
      expect(await page.getByTestId('settings-save').count()).toBe(0);
      await shot(page, 'settings-viewer-phone');
      const csrf = (await context.cookies()).find((c) => c.name === 'cartera_csrf')?.value ?? '';
      const status = await page.evaluate(
        async ([csrfToken]) =>
          (
            await fetch('/api/v1/settings', {
              method: 'PATCH',
              headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
              body: JSON.stringify({ store_name: 'No debería' }),
            })
          ).status,
        [csrf],
      );
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  });
});
