// Browser tests of a customer's history (F8), comments and files (F9) against a real server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/history.e2e.ts
// Creates its own customer through the staff API, then drives Debian's /usr/bin/chromium
// through playwright-core. Screenshots go to web/test-results/history-*.png (and to
// $HISTORY_SHOTS when set).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE, PHONE, RUN, api, apiSignIn, makePdf, newPage, noHorizontalScroll, screenshots, signIn, useBrowser, usePage } from './support';

const DESKTOP = { width: 1280, height: 900 };

const COMMENT = `Pide las facturas con el IVA desglosado (${RUN}).`;
const OLD_PHONE = '+34 912 345 678';
const NEW_PHONE = '+34 934 567 890';

// A small real PDF, unique to this run.
const PDF = makePdf(`Presupuesto ${RUN}`);
const PDF_NAME = `Presupuesto Núñez ${RUN}.pdf`;

let customerId = '';

useBrowser();
const shot = screenshots({ dir: process.env.HISTORY_SHOTS });

beforeAll(async () => {
  await apiSignIn();
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: `Ferretería Historial ${RUN}`,
    email: `historial.${RUN.toLowerCase()}@ferreteria.example`,
    phone: OLD_PHONE,
    currency: 'EUR',
    language: 'es',
  });
  customerId = customer.id;
});

describe('history on a desktop', () => {
  let page: Page;
  let panel: Locator;
  usePage(DESKTOP, (opened) => (page = opened));

  test('a new customer shows its creation', async () => {
    await page.goto(`${BASE}/admin/customers/${customerId}`);
    panel = page.getByTestId('history-panel');
    await panel.getByTestId('history-item').first().waitFor();
    const created = panel.locator('[data-testid="history-item"][data-type="customer_created"]');
    expect(await created.getByTestId('history-event').textContent()).toBe('dio de alta al cliente');
    expect(await panel.locator('.history-day__label').first().textContent()).toBe('Hoy');
  });

  test('posts a comment with Ctrl+Enter', async () => {
    const box = panel.getByLabel('Nuevo comentario');
    await box.fill(COMMENT);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/customers/${customerId}/history/comments`) && r.request().method() === 'POST',
    );
    await box.press('Control+Enter');
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({ body: COMMENT });
    const item = panel.locator('[data-testid="history-item"][data-kind="comment"]');
    await item.waitFor();
    expect(await item.getByTestId('history-body').textContent()).toBe(COMMENT);
    expect(await item.getByTestId('history-event').textContent()).toBe('comentó');
    expect(await box.inputValue()).toBe('');
  });

  test('attaches a PDF, sees it and downloads the same bytes', async () => {
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/customers/${customerId}/history/attachments`) && r.request().method() === 'POST',
    );
    await panel.getByTestId('history-file-input').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF });
    const response = await uploaded;
    expect(response.status()).toBe(201);
    const file = panel.locator('[data-testid="history-item"][data-kind="attachment"]');
    await file.waitFor();
    expect(await file.getByTestId('history-file-open').textContent()).toBe(PDF_NAME);
    expect(await file.textContent()).toMatch(/\d+ KB|\d+ B/);
    expect(await panel.getByTestId('history-message').textContent()).toContain('adjuntado');
    // Both the comment and the file, newest first.
    const kinds = await panel.getByTestId('history-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.slice(0, 2)).toEqual(['attachment', 'comment']);

    const [download] = await Promise.all([page.waitForEvent('download'), file.getByTestId('history-file-download').click()]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    const saved = await download.path();
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(createHash('sha256').update(PDF).digest('hex'));

    // The same link as the browser session fetches it: headers that keep it from running script.
    const href = (await file.getByTestId('history-file-download').getAttribute('href')) ?? '';
    const direct = await page.request.get(`${BASE}${href}`);
    expect(direct.status()).toBe(200);
    expect(Buffer.from(await direct.body()).equals(PDF)).toBe(true);
    const headers = direct.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(PDF_NAME).replace(/'/g, '%27')}`);
    expect(headers['content-disposition']).toMatch(/^inline; filename="Presupuesto N__ez /);
  });

  test('a file over 20 MB is refused before uploading', async () => {
    let sent = false;
    const watch = (r: { url(): string; method(): string }) => {
      if (r.url().includes('/history/attachments') && r.method() === 'POST') sent = true;
    };
    page.on('request', watch);
    // From disk: a 20 MB buffer is slow to hand over through the browser protocol.
    const big = resolve(mkdtempSync(resolve(tmpdir(), 'history-e2e-')), 'enorme.pdf');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 0x25));
    await panel.getByTestId('history-file-input').setInputFiles(big);
    const message = panel.getByTestId('history-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('el máximo es 20 MB');
    expect(await message.getAttribute('data-tone')).toBe('warning');
    page.off('request', watch);
    expect(sent).toBe(false);
  });

  test('editing a field in the form shows "antes → después" in the history', async () => {
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    const phone = page.getByLabel('Teléfono');
    expect(await phone.inputValue()).toBe(OLD_PHONE);
    await phone.fill(NEW_PHONE);
    await page.getByTestId('save-customer').click();
    await page.waitForURL(new RegExp(`/admin/customers/${customerId}$`));
    panel = page.getByTestId('history-panel');
    const change = panel.locator('[data-testid="history-item"][data-type="customer_updated"] [data-testid="history-change"][data-field="phone"]');
    await change.waitFor();
    expect(await change.getAttribute('aria-label')).toBe(`Teléfono: ${OLD_PHONE} → ${NEW_PHONE}`);
    expect((await change.textContent())?.replace(/\s+/g, ' ').trim()).toBe(`Teléfono: ${OLD_PHONE} → ${NEW_PHONE}`);
    await shot(page, 'history-desktop', { panel });
  });

  test('filter chips show one kind at a time', async () => {
    await panel.getByTestId('history-filter-comment').click();
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid="history-panel"] [data-testid="history-item"]')];
      return items.length === 1 && items[0].getAttribute('data-kind') === 'comment';
    });
    expect(await panel.getByTestId('history-filter-comment').getAttribute('aria-pressed')).toBe('true');
    await panel.getByTestId('history-filter-all').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="history-panel"] [data-testid="history-item"]').length >= 4,
    );
  });
});

describe('history on a phone', () => {
  test('the timeline, composer and chips fit the screen', async () => {
    const { context, page } = await newPage(PHONE);
    try {
      await signIn(page);
      await page.goto(`${BASE}/admin/customers/${customerId}`);
      const panel = page.getByTestId('history-panel');
      await panel.locator('[data-testid="history-item"][data-kind="attachment"]').waitFor();
      await noHorizontalScroll(page);
      const box = await panel.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await shot(page, 'history-phone', { panel });
    } finally {
      await context.close();
    }
  });
});
