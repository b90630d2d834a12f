// Browser tests of a customer's notes (F6) against a real running server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/notes.e2e.ts
// Creates its own customer through the staff API, then drives Debian's /usr/bin/chromium
// through playwright-core. Screenshots go to web/test-results/notes-*.png.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE, LAPTOP, PHONE, RUN, api, apiSignIn, noHorizontalScroll, screenshots, useBrowser, usePage } from './support';

const NOTES = {
  none: 'Prefiere que le llamen por la mañana, antes de las 11:00.',
  high: 'Tiene dos facturas vencidas.\nNo servir pedidos nuevos sin pago por adelantado.',
  medium: 'Interesado en la nueva gama de tornillería inoxidable; enviar catálogo.',
};
const EDITED_MEDIUM = 'Interesado en la gama inoxidable.\nCatálogo enviado el lunes; llamar la semana que viene.';

let customerId = '';

useBrowser();
const shot = screenshots();

async function priorities(panel: Locator): Promise<string[]> {
  return panel.getByTestId('note-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-priority') ?? ''));
}

beforeAll(async () => {
  await apiSignIn();
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: `Ferretería Notas ${RUN}`,
    email: `notas.${RUN.toLowerCase()}@ferreteria.example`,
    currency: 'EUR',
    language: 'es',
  });
  customerId = customer.id;
});

describe('notes on a laptop', () => {
  let page: Page;
  let panel: Locator;
  usePage(LAPTOP, (opened) => (page = opened));

  test('a new customer has no notes yet', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    panel = page.getByTestId('notes-panel');
    await panel.getByTestId('notes-empty').waitFor();
    expect(await panel.getByTestId('notes-empty').textContent()).toContain('Todavía no hay notas');
    await shot(page, 'notes-laptop-empty', { panel });
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
    const customer = await api<{ last_note: { body: string; priority: string } | null }>('GET', `/api/v1/customers/${customerId}`);
    expect(customer.last_note?.body).toBe(NOTES.medium);
    await shot(page, 'notes-laptop', { panel });
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
    await shot(page, 'notes-laptop-edit', { panel });
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
    await shot(page, 'notes-laptop-confirm');
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
    await shot(page, 'notes-laptop-after-delete', { panel });
  });
});

describe('notes on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened));

  test('the panel fits a phone: form, list and edit', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    const panel = page.getByTestId('notes-panel');
    await panel.getByTestId('note-item').first().waitFor();
    expect(await priorities(panel)).toEqual(['high', 'medium']);
    await panel.getByLabel('Nueva nota').fill('Visita comercial pendiente de confirmar.');
    await panel.getByTestId('note-form').getByText('Media', { exact: true }).click();
    await shot(page, 'notes-phone', { panel });
    // Nothing is wider than the screen.
    await noHorizontalScroll(page);

    await panel.locator('[data-testid="note-item"][data-priority="high"]').getByTestId('edit-note').click();
    await panel.getByTestId('note-edit-form').waitFor();
    await shot(page, 'notes-phone-edit', { panel });
    await panel.getByRole('button', { name: 'Cancelar' }).click();
    await panel.getByTestId('note-edit-form').waitFor({ state: 'detached' });
  });
});
