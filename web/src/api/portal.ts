// The customer portal's HTTP client (F11, F12, F22, F24). Contacts have their own session:
// the `cartera_portal` cookie with CSRF from `cartera_portal_csrf`, never the staff one, so
// this module has its own openapi-fetch client instead of the admin's `api()`.
import createClient, { type Middleware } from 'openapi-fetch';
import { badBody, checked, isObject, page, unwrap, type JsonOf } from './call';
import { CSRF_HEADER, readCookie } from './client';
import type { components, paths } from './schema';

export type PortalSession = JsonOf<paths['/api/v1/portal/login']['post']['responses'][200]>;
export type PortalMe = JsonOf<paths['/api/v1/portal/me']['get']['responses'][200]>;
export type PortalContact = PortalMe['contact'];
export type PortalCustomer = PortalMe['customer'];
export type PortalMePatch = JsonOf<paths['/api/v1/portal/me']['patch']['requestBody']>;
export type PortalRegistration = JsonOf<paths['/api/v1/portal/register']['post']['requestBody']>;
export type PortalRegistrationResult = JsonOf<paths['/api/v1/portal/register']['post']['responses'][201]>;
export type PortalCatalog = JsonOf<paths['/api/v1/portal/catalog']['get']['responses'][200]>;
export type PortalProduct = PortalCatalog['items'][number];
export type PortalOrderPage = JsonOf<paths['/api/v1/portal/orders']['get']['responses'][200]>;
export type PortalOrder = JsonOf<paths['/api/v1/portal/orders/{id}']['get']['responses'][200]>;
export type PortalOrderCreate = JsonOf<paths['/api/v1/portal/orders']['post']['requestBody']>;
export type PortalFavorite = JsonOf<paths['/api/v1/portal/favorites']['get']['responses'][200]>['items'][number];
export type OrderScope = 'mine' | 'customer';
export type PortalPermission = PortalContact['permissions'][number];

export const PORTAL_CSRF_COOKIE = 'cartera_portal_csrf';
export const PORTAL_LOGIN_PATH = '/portal/login';
export const PORTAL_CATALOG_PAGE_SIZE = 48;
export const PORTAL_ORDERS_PAGE_SIZE = 20;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Calls that answer 401 as part of their normal flow (wrong password, not signed in yet).
const PUBLIC_PATHS = [
  '/api/v1/portal/login',
  '/api/v1/portal/me',
  '/api/v1/portal/register',
  '/api/v1/portal/password-reset',
  '/api/v1/portal/password-reset/confirm',
  '/api/v1/portal/invitation/accept',
  '/api/v1/portal/catalog',
];

export interface PortalClientOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  getCookies?: () => string;
  /** Another call answered 401: the contact's session is gone. */
  onUnauthorized?: () => void;
}

/** Adds X-CSRF-Token from the portal's CSRF cookie to state-changing requests. */
export function portalCsrfMiddleware(getCookies: () => string = () => document.cookie): Middleware {
  return {
    onRequest({ request }) {
      if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(PORTAL_CSRF_COOKIE, getCookies());
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}

/** Sends the browser to the portal's sign-in page, remembering where it was. */
export function redirectToPortalLogin(): void {
  if (window.location.pathname === PORTAL_LOGIN_PATH) return;
  const here = window.location.pathname + window.location.search;
  window.location.assign(`${PORTAL_LOGIN_PATH}?next=${encodeURIComponent(here)}`);
}

export function createPortalClient(options: PortalClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? window.location.origin,
    credentials: 'same-origin',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(portalCsrfMiddleware(options.getCookies));
  const onUnauthorized = options.onUnauthorized ?? redirectToPortalLogin;
  client.use({
    onResponse({ request, response }) {
      if (response.status === 401 && !PUBLIC_PATHS.includes(new URL(request.url).pathname)) onUnauthorized();
      return undefined;
    },
  });
  return client;
}

export type PortalClient = ReturnType<typeof createPortalClient>;
let defaultClient: PortalClient | null = null;

/** The portal's client (created lazily so tests can import modules without a window). */
export function portalApi(): PortalClient {
  defaultClient ??= createPortalClient();
  return defaultClient;
}

/** Replaces the portal's client (tests). */
export function setPortalClient(client: PortalClient | null): void {
  defaultClient = client;
}

/** A body with the contact and its customer: a session, or /portal/me. */
const signedIn = (b: Record<string, unknown>) => isObject(b.contact) && isObject(b.customer);

function session(body: unknown): PortalSession {
  return checked(body, 'session', signedIn);
}

function order(body: unknown): PortalOrder {
  return checked(body, 'order', (b) => typeof b.id === 'string' && Array.isArray(b.lines));
}

// ---------- Session ----------

export async function portalLogin(email: string, password: string): Promise<PortalSession> {
  return session(await unwrap(portalApi().POST('/api/v1/portal/login', { body: { email, password } })));
}

export async function portalLogout(): Promise<void> {
  await unwrap(portalApi().POST('/api/v1/portal/logout', { parseAs: 'text' }));
}

export async function portalRegister(body: PortalRegistration): Promise<PortalRegistrationResult> {
  const result: unknown = await unwrap(portalApi().POST('/api/v1/portal/register', { body }));
  // Direct mode signs in: `{status: "active", session}`, or the login answer itself.
  if (isObject(result) && isObject(result.contact) && typeof result.token === 'string') {
    return { status: 'active', session: session(result) };
  }
  if (!isObject(result) || (result.status !== 'active' && result.status !== 'pending_validation')) {
    throw badBody('registration');
  }
  return result as unknown as PortalRegistrationResult;
}

/** Always 202: the answer never tells whether the email belongs to a contact. */
export async function requestPasswordReset(email: string): Promise<void> {
  await unwrap(portalApi().POST('/api/v1/portal/password-reset', { body: { email }, parseAs: 'text' }));
}

export async function confirmPasswordReset(token: string, password: string): Promise<void> {
  await unwrap(
    portalApi().POST('/api/v1/portal/password-reset/confirm', { body: { token, password }, parseAs: 'text' }),
  );
}

export async function acceptInvitation(token: string, password: string): Promise<PortalSession> {
  return session(await unwrap(portalApi().POST('/api/v1/portal/invitation/accept', { body: { token, password } })));
}

/** The store as the portal presents it to anyone: its name, language and rules. */
export type PortalStore = components['schemas']['PortalStore'];

export async function fetchPortalStore(): Promise<PortalStore> {
  const body: unknown = await unwrap(portalApi().GET('/api/v1/portal/store'));
  return checked(body, 'store', (b) => typeof b.name === 'string');
}

export async function fetchPortalMe(): Promise<PortalMe> {
  return checked(await unwrap(portalApi().GET('/api/v1/portal/me')), 'me', signedIn);
}

export async function updatePortalMe(changes: PortalMePatch): Promise<PortalContact> {
  const body: unknown = await unwrap(portalApi().PATCH('/api/v1/portal/me', { body: changes }));
  return checked(body, 'contact', (b) => typeof b.id === 'string');
}

// ---------- Catalogue, orders, favourites ----------

export async function portalCatalog(q: string, cursor?: string | null): Promise<PortalCatalog> {
  const body = page<PortalCatalog>(
    await unwrap(
      portalApi().GET('/api/v1/portal/catalog', {
        params: { query: { q: q || undefined, limit: PORTAL_CATALOG_PAGE_SIZE, cursor: cursor ?? undefined } },
      }),
    ),
    'catalogue',
  );
  return { ...body, prices_visible: body.prices_visible === true };
}

export async function portalOrders(scope: OrderScope, cursor?: string | null): Promise<PortalOrderPage> {
  return page<PortalOrderPage>(
    await unwrap(
      portalApi().GET('/api/v1/portal/orders', {
        params: { query: { scope, limit: PORTAL_ORDERS_PAGE_SIZE, cursor: cursor ?? undefined } },
      }),
    ),
    'order list',
  );
}

export async function portalOrder(id: string): Promise<PortalOrder> {
  return order(await unwrap(portalApi().GET('/api/v1/portal/orders/{id}', { params: { path: { id } } })));
}

/** Places an order or asks for a quote; a repeat with the same key returns the first result. */
export async function placePortalOrder(body: PortalOrderCreate, idempotencyKey: string): Promise<PortalOrder> {
  return order(
    await unwrap(
      portalApi().POST('/api/v1/portal/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
    ),
  );
}

export async function portalFavorites(): Promise<PortalFavorite[]> {
  return page<{ items: PortalFavorite[] }>(await unwrap(portalApi().GET('/api/v1/portal/favorites')), 'favourites').items;
}

export async function setPortalFavorite(productId: string, favorite: boolean): Promise<void> {
  const params = { params: { path: { product_id: productId } }, parseAs: 'text' as const };
  await unwrap(
    favorite
      ? portalApi().PUT('/api/v1/portal/favorites/{product_id}', params)
      : portalApi().DELETE('/api/v1/portal/favorites/{product_id}', params),
  );
}

export const portalKeys = {
  all: ['portal'] as const,
  me: () => [...portalKeys.all, 'me'] as const,
  store: () => [...portalKeys.all, 'store'] as const,
  catalog: (q: string) => [...portalKeys.all, 'catalog', q] as const,
  orders: (scope: OrderScope) => [...portalKeys.all, 'orders', scope] as const,
  order: (id: string) => [...portalKeys.all, 'order', id] as const,
  favorites: () => [...portalKeys.all, 'favorites'] as const,
};
