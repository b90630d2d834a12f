// The one HTTP client of the app: openapi-fetch over same-origin cookies, with CSRF and
// "signed out" handling as middleware. Every API call lives in src/api/.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export const CSRF_COOKIE = 'cartera_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Returns the value of cookie `name` from a `document.cookie`-style string, or null. */
export function readCookie(name: string, cookies: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** Adds X-CSRF-Token (from the cartera_csrf cookie) to state-changing requests. */
export function csrfMiddleware(getCookies: () => string = () => document.cookie): Middleware {
  return {
    onRequest({ request }) {
      if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(CSRF_COOKIE, getCookies());
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}

// The sign-in endpoints answer 401 as part of their normal flow; the pages handle it.
const AUTH_FLOW_PATHS = ['/api/v1/auth/login', '/api/v1/auth/me'];

/** Calls `onUnauthorized` when any other request answers 401 (session gone). */
export function unauthorizedMiddleware(onUnauthorized: () => void): Middleware {
  return {
    onResponse({ request, response }) {
      if (response.status !== 401) return undefined;
      const path = new URL(request.url).pathname;
      if (!AUTH_FLOW_PATHS.includes(path)) onUnauthorized();
      return undefined;
    },
  };
}

export const LOGIN_PATH = '/admin/login';

/** Sends the browser to the sign-in page, remembering where it was. */
export function redirectToLogin(): void {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === LOGIN_PATH) return;
  window.location.assign(`${LOGIN_PATH}?next=${encodeURIComponent(here)}`);
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  getCookies?: () => string;
  onUnauthorized?: () => void;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? window.location.origin,
    credentials: 'same-origin',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(csrfMiddleware(options.getCookies));
  client.use(unauthorizedMiddleware(options.onUnauthorized ?? redirectToLogin));
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

let defaultClient: ApiClient | null = null;

/** The app-wide client (created lazily so tests can import modules without a window). */
export function api(): ApiClient {
  defaultClient ??= createApiClient();
  return defaultClient;
}

/** Replaces the app-wide client (tests). */
export function setApiClient(client: ApiClient | null): void {
  defaultClient = client;
}
