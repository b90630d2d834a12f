// Orders and quotes, their events, a customer's credit, its catalogue for entering orders and
// its quick-order links. Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { unwrap } from './call';
import { ApiError } from './errors';
import type { paths } from './schema';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Order = JsonOf<paths['/api/v1/orders/{id}']['get']['responses'][200]>;
export type OrderPage = JsonOf<paths['/api/v1/orders']['get']['responses'][200]>;
export type OrderCreate = JsonOf<paths['/api/v1/orders']['post']['requestBody']>;
export type OrderPatch = JsonOf<paths['/api/v1/orders/{id}']['patch']['requestBody']>;
export type OrderListQuery = NonNullable<paths['/api/v1/orders']['get']['parameters']['query']>;
export type OrderLine = Order['lines'][number];
export type OrderAddress = NonNullable<Order['shipping_address']>;
export type OrderStatus = Order['status'];
export type OrderKind = Order['kind'];
export type OrderSource = Order['source'];
export type PaymentStatus = Order['payment_status'];
export type ApprovalStatus = Order['approval_status'];
type EventList = JsonOf<paths['/api/v1/orders/{id}/events']['get']['responses'][200]>;
export type OrderEvent = EventList['items'][number];
export type OrderEventType = OrderEvent['type'];
export type Credit = JsonOf<paths['/api/v1/customers/{id}/credit']['get']['responses'][200]>;
export type CustomerCatalog = JsonOf<paths['/api/v1/customers/{id}/catalog']['get']['responses'][200]>;
export type CatalogProduct = CustomerCatalog['products'][number];
export type QuickLink = JsonOf<paths['/api/v1/customers/{id}/quick-links']['post']['responses'][201]>;
export type QuickLinkState = QuickLink['state'];

export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'in_production',
  'shipped',
  'delivered',
  'cancelled',
] as const satisfies readonly OrderStatus[];
export const ORDER_KINDS = ['order', 'quote'] as const satisfies readonly OrderKind[];
export const ORDER_SOURCES = ['admin', 'portal', 'quick_link'] as const satisfies readonly OrderSource[];
export const PAYMENT_STATUSES = ['unpaid', 'paid'] as const satisfies readonly PaymentStatus[];

export const ORDER_PAGE_SIZE = 25;

/** An answer that is not what the contract promises (a 2xx with the wrong body). */
function badBody(what: string): ApiError {
  return new ApiError({ status: 0, code: 'bad_response', detail: `unexpected ${what} body` });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A list page whose `items` really is a list (anything else is refused, not rendered). */
function page<T extends { items: unknown[] }>(body: unknown, what: string): T {
  if (!isObject(body) || !Array.isArray(body.items)) throw badBody(what);
  return { ...body, next_cursor: typeof body.next_cursor === 'string' ? body.next_cursor : null } as unknown as T;
}

function order(body: unknown): Order {
  if (!isObject(body) || typeof body.id !== 'string' || !Array.isArray(body.lines)) throw badBody('order');
  return body as unknown as Order;
}

// ---------- Orders ----------

export async function listOrders(query: OrderListQuery): Promise<OrderPage> {
  return page<OrderPage>(await unwrap(api().GET('/api/v1/orders', { params: { query } })), 'order list');
}

export async function getOrder(id: string): Promise<Order> {
  return order(await unwrap(api().GET('/api/v1/orders/{id}', { params: { path: { id } } })));
}

/**
 * Enters an order or a quote. `idempotencyKey` is made once per form: a repeat (double
 * click, retry after a lost answer) returns the first order and creates nothing.
 */
export async function createOrder(body: OrderCreate, idempotencyKey: string): Promise<Order> {
  return order(
    await unwrap(api().POST('/api/v1/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
  );
}

/** PATCHes only `changes` with If-Match; a stale version answers 412 (precondition_failed). */
export async function updateOrder(id: string, version: number, changes: OrderPatch): Promise<Order> {
  return order(
    await unwrap(
      api().PATCH('/api/v1/orders/{id}', {
        params: { path: { id } },
        body: changes,
        headers: { 'If-Match': `"${version}"` },
      }),
    ),
  );
}

/** Moves an order to `to`; 409 `invalid_transition` / `held_for_approval`, 412 when stale. */
export async function transitionOrder(id: string, version: number, to: OrderStatus): Promise<Order> {
  return order(
    await unwrap(
      api().POST('/api/v1/orders/{id}/transitions', {
        params: { path: { id } },
        body: { to },
        headers: { 'If-Match': `"${version}"` },
      }),
    ),
  );
}

/** Approves an order held for credit (owner or admin). */
export async function approveOrder(id: string): Promise<Order> {
  return order(await unwrap(api().POST('/api/v1/orders/{id}/approve', { params: { path: { id } } })));
}

/** Turns a pending quote into an order; answers the new order. */
export async function convertQuote(id: string): Promise<Order> {
  return order(await unwrap(api().POST('/api/v1/orders/{id}/convert', { params: { path: { id } } })));
}

export async function listOrderEvents(id: string): Promise<OrderEvent[]> {
  const body = await unwrap(api().GET('/api/v1/orders/{id}/events', { params: { path: { id } } }));
  return page<EventList>(body, 'event list').items;
}

// ---------- Customers: credit and catalogue ----------

export async function getCredit(customerId: string): Promise<Credit> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/customers/{id}/credit', { params: { path: { id: customerId } } }),
  );
  if (!isObject(body) || typeof body.unpaid_minor !== 'number' || typeof body.currency !== 'string') {
    throw badBody('credit');
  }
  return body as unknown as Credit;
}

export const CATALOG_PAGE_SIZE = 20;

/** What the customer may buy, with its personal prices and stock; `q` matches SKU or name. */
export async function getCustomerCatalog(customerId: string, q: string): Promise<CustomerCatalog> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/customers/{id}/catalog', {
      params: { path: { id: customerId }, query: { q: q || undefined, limit: CATALOG_PAGE_SIZE } },
    }),
  );
  if (!isObject(body) || !Array.isArray(body.products)) throw badBody('catalogue');
  return body as unknown as CustomerCatalog;
}

// ---------- Quick-order links ----------

export async function listQuickLinks(customerId: string): Promise<QuickLink[]> {
  const body = await unwrap(
    api().GET('/api/v1/customers/{id}/quick-links', { params: { path: { id: customerId } } }),
  );
  return page<{ items: QuickLink[] }>(body, 'quick-link list').items;
}

/** Creates a link; the answer is the only time its `url` and `token` are seen. */
export async function createQuickLink(customerId: string, expiresAt: string | null): Promise<QuickLink> {
  return unwrap(
    api().POST('/api/v1/customers/{id}/quick-links', {
      params: { path: { id: customerId } },
      body: expiresAt ? { expires_at: expiresAt } : {},
    }),
  );
}

export async function revokeQuickLink(id: string): Promise<void> {
  await unwrap(api().DELETE('/api/v1/quick-links/{id}', { params: { path: { id } }, parseAs: 'text' }));
}

/** Revokes the link and answers a new one for the same customer, with its token. */
export async function regenerateQuickLink(id: string): Promise<QuickLink> {
  return unwrap(api().POST('/api/v1/quick-links/{id}/regenerate', { params: { path: { id } } }));
}

/** The address a person opens for a new link: the server's `url`, else /q/<token> here. */
export function quickLinkUrl(link: QuickLink): string | null {
  if (link.url) {
    try {
      return new URL(link.url, window.location.origin).toString();
    } catch {
      return link.url;
    }
  }
  return link.token ? `${window.location.origin}/q/${encodeURIComponent(link.token)}` : null;
}

/** Query keys, so pages invalidate the right caches. */
export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (filters: Record<string, string | undefined>) => [...orderKeys.lists(), filters] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
  events: (id: string) => [...orderKeys.all, 'events', id] as const,
  credit: (customerId: string) => ['credit', customerId] as const,
  catalog: (customerId: string, q: string) => ['customer-catalog', customerId, q] as const,
  quickLinks: (customerId: string) => ['quick-links', customerId] as const,
};

/** A new random key for one order form (crypto.randomUUID, or the same shape from getRandomValues). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // Not a secure context: fall through.
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
