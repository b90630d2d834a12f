// What every browser test shares: the server under test (from the environment), the staff API,
// Chromium with a fresh context per page, signing in (staff and portal contacts), screenshots,
// and a few checks and test files.
//   CARTERA_URL       the running server, e.g. http://127.0.0.1:18080
//   CARTERA_EMAIL     an owner's email, CARTERA_PASSWORD its password
//   CHROMIUM_PATH     the browser (default Debian's /usr/bin/chromium, driven by playwright-core)
//   CARTERA_SHOTS     where screenshots go (default web/test-results; some files have their own)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** A small real PDF (a correct cross-reference table) showing `text`; the API tests use it too. */
export { makePdf } from '../../../tests/api/lib/pdf.mjs';

export const BASE = (process.env.CARTERA_URL ?? '').replace(/\/$/, '');
export const EMAIL = process.env.CARTERA_EMAIL ?? '';
export const PASSWORD = process.env.CARTERA_PASSWORD ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Unique to this file's run: names, SKUs and emails made with it never collide with earlier runs. */
export const RUN = Date.now().toString(36).toUpperCase();
/** RUN in lower case, for emails. */
export const run = RUN.toLowerCase();

export type Credentials = { email: string; password: string };
/** The owner named by the environment. */
export const OWNER: Credentials = { email: EMAIL, password: PASSWORD };

// ---------------------------------------------------------------------------------------------
// The staff API, for set-up and for checking what the browser did.

let apiToken = '';

/** Signs in to the staff API (the owner by default); api() then sends that bearer token. */
export async function apiSignIn(who: Credentials = OWNER): Promise<string> {
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  expect(login.status).toBe(200);
  apiToken = ((await login.json()) as { token: string }).token;
  return apiToken;
}

/** Makes api() send `token` from now on (an API token, as an integration would use). */
export function useApiToken(token: string): void {
  apiToken = token;
}

/** Calls the staff API with the token of apiSignIn(); throws unless the answer is 2xx. Resolves to the JSON answer (undefined when empty). */
export async function api<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${apiToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Changes the store's settings (PATCH with the current version). */
export async function patchSettings(fields: Record<string, unknown>): Promise<void> {
  const now = await api<{ version: number }>('GET', '/api/v1/settings');
  await api('PATCH', '/api/v1/settings', fields, { 'If-Match': `"${now.version}"` });
}

// ---------------------------------------------------------------------------------------------
// The browser.

export type Viewport = { width: number; height: number; mobile?: boolean };
export const PHONE: Viewport = { width: 390, height: 844, mobile: true };
// The larger screens the files were written for; each file keeps its own, so its screenshots
// stay comparable from run to run.
export const LAPTOP: Viewport = { width: 1366, height: 850 };
export const SMALL_LAPTOP: Viewport = { width: 1280, height: 850 };
export const DESKTOP: Viewport = { width: 1280, height: 860 };

export type PageOptions = {
  /** The default timeout of the page's actions and waits (ms). */
  timeout?: number;
  /** Prepares the context before the page opens: routes, permissions. */
  prepare?: (context: BrowserContext) => Promise<unknown>;
};

let browser: Browser | undefined;

/**
 * Checks that the environment names a server, launches Chromium before the file's tests and
 * closes it after them. Called once, at the top of each test file.
 */
export function useBrowser(): void {
  beforeAll(async () => {
    if (!BASE || !EMAIL || !PASSWORD) {
      throw new Error(
        'Set CARTERA_URL, CARTERA_EMAIL and CARTERA_PASSWORD (an owner) of a running server (started with --demo) to run the browser tests.',
      );
    }
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
    browser = undefined;
  });
}

/**
 * A page in a fresh context (no cookies, no storage) of `viewport`, in Spanish, Madrid time.
 * The first load of each tab starts in the default UI language (Spanish); a language chosen
 * later in the tab is kept across reloads.
 */
export async function newPage(viewport: Viewport, { timeout = 15_000, prepare }: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  if (!browser) throw new Error('newPage() before useBrowser() launched Chromium');
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 1,
    isMobile: viewport.mobile === true,
    hasTouch: viewport.mobile === true,
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
  await prepare?.(context);
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  return { context, page };
}

/**
 * A page for the tests of the enclosing describe block: opened by newPage() before them (and
 * signed in as the owner unless `signedIn` is false), handed to `use`, closed after them.
 */
export function usePage(
  viewport: Viewport,
  use: (page: Page) => void,
  { signedIn = true, ...options }: PageOptions & { signedIn?: boolean } = {},
): void {
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    const opened = await newPage(viewport, options);
    context = opened.context;
    use(opened.page);
    if (signedIn) await signIn(opened.page);
  });
  afterAll(async () => {
    await context?.close();
  });
}

/** Signs in to the admin panel (the owner by default) and waits for the customers list. */
export async function signIn(page: Page, who: Credentials = OWNER): Promise<void> {
  await page.goto(`${BASE}/admin/login`);
  await page.getByLabel('Correo electrónico').fill(who.email);
  await page.getByLabel('Contraseña').fill(who.password);
  await page.getByLabel('Contraseña').press('Enter');
  await page.waitForURL(/\/admin\/customers/);
  await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
}

/** Signs a contact in to the portal from a fresh start (the login page sends a signed-in contact on). */
export async function portalSignIn(page: Page, who: Credentials): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${BASE}/portal/login`);
  await page.locator('#portal-login-email').fill(who.email);
  await page.locator('#portal-login-password').fill(who.password);
  await page.getByTestId('portal-login-submit').click();
}

// ---------------------------------------------------------------------------------------------
// Screenshots.

/** Where screenshots go: `dir`, else $CARTERA_SHOTS, else web/test-results. Made when missing. */
export function shotsDir(dir?: string): string {
  const path = resolve(dir ?? process.env.CARTERA_SHOTS ?? resolve(import.meta.dirname, '../../test-results'));
  mkdirSync(path, { recursive: true });
  return path;
}

/** The admin panel's sticky bars, painted mid-page in a full-page capture unless pinned. */
export const STICKY_BARS = '.topbar,.form-actions,.sidebar__inner';

export type ShotOptions = {
  /** Scroll this element to the top of the viewport (clear of the top bar) first. */
  scrollTo?: Locator;
  /** As scrollTo, and save the element alone too, as `name-panel.png`. */
  panel?: Locator;
  /** Save the whole page too, as `name-full.png`, with these fixed or sticky elements (CSS selectors) pinned in place. */
  full?: string | false;
  /** `name.png` is the whole page rather than the viewport. */
  fullPage?: boolean;
};

/**
 * A file's screenshot function: `shot(page, name, options)` saves `<dir>/<prefix><name>.png`
 * once the page is idle. `defaults` apply to every call unless the call says otherwise.
 */
export function screenshots({ dir, prefix = '', ...defaults }: ShotOptions & { dir?: string; prefix?: string } = {}) {
  const where = shotsDir(dir);
  return async function shot(page: Page, name: string, options: ShotOptions = {}): Promise<void> {
    const { scrollTo, panel, full, fullPage } = { ...defaults, ...options };
    const path = (suffix: string) => resolve(where, `${prefix}${name}${suffix}.png`);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const target = panel ?? scrollTo;
    if (target) {
      await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -72));
    }
    // Let transitions settle.
    await page.waitForTimeout(250);
    await page.screenshot({ path: path(''), fullPage });
    if (panel) await panel.screenshot({ path: path('-panel') });
    if (full) {
      const style = await page.addStyleTag({ content: `${full}{position:static!important}` });
      await page.screenshot({ path: path('-full'), fullPage: true });
      await style.evaluate((el) => (el as Element).remove());
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Checks and test data.

/** Nothing is wider than the screen: no horizontal scrolling. */
export async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Text as a person reads it: Intl's no-break spaces ("11,25 €") as plain ones, trimmed. */
export const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
