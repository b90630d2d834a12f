// Browser test of the settings page (F13) against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/settings.e2e.ts
// Changes the store's settings and puts them back afterwards (other tests rely on them); a
// viewer created for the run reads them without changing. Screenshots: web/test-results/settings-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BASE, PHONE, SMALL_LAPTOP, api, apiSignIn, newPage, patchSettings, run, screenshots, signIn, useBrowser } from './support';

const VIEWER = { email: `lector.${run}@ajustes.example`, password: 'Solo-Lectura-123' };

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

let original: Settings;

useBrowser();
const shot = screenshots({ fullPage: true });

beforeAll(async () => {
  await apiSignIn();
  original = await api<Settings>('GET', '/api/v1/settings');
  await api('POST', '/api/v1/staff', { email: VIEWER.email, name: 'Lectora de ajustes', role: 'viewer', password: VIEWER.password });
});

afterAll(async () => {
  if (original) {
    const { version: _v, ...fields } = original;
    await patchSettings(fields);
  }
});

describe('settings', () => {
  test('the owner switches registration and price visibility; they stay after a reload', async () => {
    const { context, page } = await newPage(SMALL_LAPTOP);
    try {
      await signIn(page);
      await page.getByTestId('nav-settings').click();
      await page.waitForURL(/\/admin\/settings$/);
      const form = page.getByTestId('settings-form');
      const mode = original.registration_mode === 'direct' ? 'validation' : 'direct';
      const prices = original.price_visibility === 'nobody' ? 'everyone' : 'nobody';
      await form.getByTestId(`settings-registration_mode-${mode}`).check();
      await form.getByTestId(`settings-price_visibility-${prices}`).check();
      await form.getByTestId('settings-alert_email').fill(`avisos.${run}@ajustes.example`);
      await shot(page, 'settings-laptop');
      await form.getByTestId('settings-save').click();
      await expect.poll(() => page.getByTestId('settings-message').textContent()).toBe('Configuración guardada.');
      await page.reload();
      expect(await form.getByTestId(`settings-registration_mode-${mode}`).isChecked()).toBe(true);
      expect(await form.getByTestId(`settings-price_visibility-${prices}`).isChecked()).toBe(true);
      expect(await form.getByTestId('settings-alert_email').inputValue()).toBe(`avisos.${run}@ajustes.example`);
      const saved = await api<Settings>('GET', '/api/v1/settings');
      expect([saved.registration_mode, saved.price_visibility]).toEqual([mode, prices]);
    } finally {
      await context.close();
    }
  });

  test('a viewer reads the settings on a phone and cannot change them (nor can the API)', async () => {
    const { context, page } = await newPage(PHONE);
    try {
      await signIn(page, VIEWER);
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
