// Browser tests of a customer's history (F8), comments and files (F9) against a real server.
//   CARTERA_URL=http://127.0.0.1:18080 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/history.e2e.ts
// Creates its own customer through the staff API, then drives Debian's /usr/bin/chromium
// through playwright-core. Screenshots go to web/test-results/history-*.png (and to
// $HISTORY_SHOTS when set).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const BASE = (process.env.CARTERA_URL ?? '').replace(/\/$/, '');
const EMAIL = process.env.CARTERA_EMAIL ?? '';
const PASSWORD = process.env.CARTERA_PASSWORD ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.HISTORY_SHOTS ?? resolve(import.meta.dirname, '../../test-results'));

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

const RUN = Date.now().toString(36).toUpperCase();
const COMMENT = `Pide las facturas con el IVA desglosado (${RUN}).`;
const OLD_PHONE = '+34 912 345 678';
const NEW_PHONE = '+34 934 567 890';

// A small real PDF (a correct cross-reference table), unique to this run.
function makePdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 24 72 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
const PDF = makePdf(`Presupuesto ${RUN}`);
const PDF_NAME = `Presupuesto Núñez ${RUN}.pdf`;

let browser: Browser;
let token = '';
let customerId = '';

async function apiCall<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
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
    acceptDownloads: true,
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

/** The viewport with the history panel scrolled to the top (`name.png`) and the panel alone. */
async function shot(page: Page, panel: Locator, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -72));
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
  await panel.screenshot({ path: resolve(SHOTS, `${name}-panel.png`) });
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
    name: `Ferretería Historial ${RUN}`,
    email: `historial.${RUN.toLowerCase()}@ferreteria.example`,
    phone: OLD_PHONE,
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

describe('history on a desktop', () => {
  let context: BrowserContext;
  let page: Page;
  let panel: Locator;

  beforeAll(async () => {
    ({ context, page } = await newPage('desktop'));
    await signIn(page);
  });
  afterAll(async () => {
    await context?.close();
  });

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
    await shot(page, panel, 'history-desktop');
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
    const { context, page } = await newPage('phone');
    try {
      await signIn(page);
      await page.goto(`${BASE}/admin/customers/${customerId}`);
      const panel = page.getByTestId('history-panel');
      await panel.locator('[data-testid="history-item"][data-kind="attachment"]').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const box = await panel.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await shot(page, panel, 'history-phone');
    } finally {
      await context.close();
    }
  });
});
