// Orders and quotes, their events, a customer's credit, its catalogue for entering orders and
// its quick-order links. Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { randomUuid } from '../lib/uuid';
import { checked, ifMatch, page, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

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

function order(body: unknown): Order {
  return checked(body, 'order', (b) => typeof b.id === 'string' && Array.isArray(b.lines));
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
        headers: ifMatch(version),
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
        headers: ifMatch(version),
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
  return checked(body, 'credit', (b) => typeof b.unpaid_minor === 'number' && typeof b.currency === 'string');
}

export const CATALOG_PAGE_SIZE = 20;

/** What the customer may buy, with its personal prices and stock; `q` matches SKU or name. */
export async function getCustomerCatalog(customerId: string, q: string): Promise<CustomerCatalog> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/customers/{id}/catalog', {
      params: { path: { id: customerId }, query: { q: q || undefined, limit: CATALOG_PAGE_SIZE } },
    }),
  );
  return checked(body, 'catalogue', (b) => Array.isArray(b.products));
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

/** A new random key for one order form. */
export function newIdempotencyKey(): string {
  return randomUuid();
}
