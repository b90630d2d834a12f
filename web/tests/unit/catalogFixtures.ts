import type { NamedResource, Product } from '../../src/api/catalog';
import { json, type Handler } from './harness';

export function makeProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: '7',
    sku: 'TAL-800',
    name: 'Taladro percutor 800 W',
    product_type_id: 't1',
    external_id: null,
    active: true,
    prices: [
      { currency: 'EUR', amount_minor: 12990 },
      { currency: 'USD', amount_minor: 13950 },
    ],
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    version: 2,
    ...overrides,
  };
}

export function makeNamed(id: string, name: string, version = 1): NamedResource {
  return { id, name, created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z', version };
}

export const TYPES = [makeNamed('t1', 'Herramientas'), makeNamed('t2', 'Pinturas')];
export const WAREHOUSES = [makeNamed('w1', 'Almacén Norte'), makeNamed('w2', 'Almacén Sur')];

export const problem = (status: number, code: string, errors?: { field: string; code: string; message: string }[]) =>
  json({ type: 'about:blank', title: code, status, code, detail: code, ...(errors ? { errors } : {}) }, status);

/**
 * A stand-in server for the catalogue reads: product types, warehouses, product lists,
 * one product and its stock. `extra` answers first (return undefined to fall through).
 */
export function catalogHandler(
  extra?: (req: Request, url: URL) => Response | Promise<Response> | undefined,
  products: Product[] = [makeProduct()],
  stock: { warehouse_id: string; quantity: number }[] = [{ warehouse_id: 'w1', quantity: 12 }],
): Handler {
  return async (req, url) => {
    const answer = extra?.(req, url);
    if (answer) return answer;
    const path = url.pathname;
    if (req.method !== 'GET') return problem(405, 'error');
    if (path === '/api/v1/product-types') return json({ items: TYPES, next_cursor: null });
    if (path === '/api/v1/warehouses') return json({ items: WAREHOUSES, next_cursor: null });
    if (path === '/api/v1/products') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = products.filter(
        (p) => !q || p.sku.toLowerCase().includes(q) || p.name.toLowerCase().includes(q),
      );
      return json({ items, next_cursor: null });
    }
    const stockMatch = /^\/api\/v1\/products\/([^/]+)\/stock$/.exec(path);
    if (stockMatch) return json({ items: stock, next_cursor: null });
    const productMatch = /^\/api\/v1\/products\/([^/]+)$/.exec(path);
    if (productMatch) {
      const p = products.find((x) => x.id === productMatch[1]);
      return p ? json(p, 200, { ETag: `"${p.version}"` }) : problem(404, 'not_found');
    }
    return problem(404, 'not_found');
  };
}
