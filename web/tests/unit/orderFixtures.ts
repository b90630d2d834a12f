import { vi } from 'vitest';
import { createElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { createApiClient, setApiClient } from '../../src/api/client';
import type { CatalogProduct, Credit, CustomerCatalog, Order, OrderEvent, QuickLink } from '../../src/api/orders';
import { createQueryClient, routes } from '../../src/App';
import { json, OWNER, type Handler } from './harness';

export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: '7',
    number: 'P-000007',
    kind: 'order',
    customer_id: '42',
    customer_name: 'Ferretería Núñez Hermanos',
    contact_id: null,
    buyer: null,
    source: 'admin',
    status: 'pending',
    approval_status: 'not_required',
    currency: 'EUR',
    discount_percent: 10,
    lines: [
      {
        product_id: 'p1',
        sku: 'TORN-8',
        name: 'Tornillo 8 mm (caja)',
        quantity: 3,
        base_unit_price_minor: 1000,
        unit_price_minor: 900,
        line_total_minor: 2700,
      },
      {
        product_id: 'p2',
        sku: 'TAC-6',
        name: 'Taco 6 mm',
        quantity: 2,
        base_unit_price_minor: 250,
        unit_price_minor: 225,
        line_total_minor: 450,
      },
    ],
    subtotal_minor: 3150,
    total_minor: 3150,
    warehouse_id: null,
    shipping_address: { line1: 'Calle Mayor 12', line2: null, city: 'Madrid', region: null, postal_code: '28013', country: 'ES' },
    note: 'Entregar por la mañana.',
    payment_status: 'unpaid',
    due_date: '2099-12-22',
    placed_at: '2026-11-22T14:03:00Z',
    quote_id: null,
    converted_order_id: null,
    quick_link_id: null,
    created_by: '1',
    updated_at: '2026-11-22T14:03:00Z',
    version: 1,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    id: 'e1',
    type: 'order_placed',
    at: '2026-11-22T14:03:00Z',
    actor: { kind: 'staff', id: '1', name: 'Olga Dueñas' },
    data: {},
    ...overrides,
  } as OrderEvent;
}

export function makeCredit(overrides: Partial<Credit> = {}): Credit {
  return {
    currency: 'EUR',
    credit_limit_minor: 150000,
    unpaid_minor: 50000,
    overdue_minor: 0,
    not_yet_due_minor: 50000,
    available_minor: 100000,
    held_orders: 0,
    ...overrides,
  };
}

export function makeQuickLink(overrides: Partial<QuickLink> = {}): QuickLink {
  return {
    id: 'ql1',
    customer_id: '42',
    created_at: '2026-11-20T10:00:00Z',
    expires_at: null,
    revoked_at: null,
    last_used_at: null,
    orders_count: 0,
    state: 'active',
    ...overrides,
  };
}

export function makeProduct(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id: 'p1',
    sku: 'TORN-8',
    name: 'Tornillo 8 mm (caja)',
    product_type_id: null,
    base_price_minor: 1000,
    price_minor: 900,
    available: 50,
    ...overrides,
  };
}

export function makeCatalog(products: CatalogProduct[]): CustomerCatalog {
  return {
    store: { name: 'Cartera' },
    customer: { name: 'Ferretería Núñez Hermanos' },
    currency: 'EUR',
    language: 'es',
    discount_percent: 10,
    products,
    next_cursor: null,
  };
}

export const problem = (status: number, code: string, errors?: { field: string; code: string; message: string }[]) =>
  json({ type: 'about:blank', title: code, status, code, ...(errors ? { errors } : {}) }, status);

/** Like harness.renderApp, signed in with `role`. */
export function renderAs(role: 'owner' | 'admin' | 'sales' | 'viewer', path: string, handler: Handler) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (req: Request) => {
    requests.push(req.clone());
    const url = new URL(req.url);
    if (url.pathname === '/api/v1/auth/me') return json({ ...OWNER, role });
    return handler(req, url);
  });
  setApiClient(
    createApiClient({
      baseUrl: 'http://cartera.test',
      fetch: fetch as unknown as typeof globalThis.fetch,
      getCookies: () => 'cartera_csrf=t0k',
      onUnauthorized: () => undefined,
    }),
  );
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  render(createElement(QueryClientProvider, { client: queryClient }, createElement(RouterProvider, { router })));
  return { requests, router, fetch };
}
