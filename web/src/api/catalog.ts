// The catalogue: products with prices per currency, stock per warehouse, product types and
// warehouses. Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { ifMatch, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

export type Product = JsonOf<paths['/api/v1/products/{id}']['get']['responses'][200]>;
export type ProductPage = JsonOf<paths['/api/v1/products']['get']['responses'][200]>;
export type ProductCreate = JsonOf<paths['/api/v1/products']['post']['requestBody']>;
export type ProductPatch = JsonOf<paths['/api/v1/products/{id}']['patch']['requestBody']>;
export type ProductListQuery = NonNullable<paths['/api/v1/products']['get']['parameters']['query']>;
export type Price = Product['prices'][number];
export type StockLevels = JsonOf<paths['/api/v1/products/{id}/stock']['get']['responses'][200]>;
export type StockLevel = StockLevels['items'][number];
/** A product type or a warehouse: a unique name. */
export type NamedResource = JsonOf<paths['/api/v1/warehouses']['post']['responses'][201]>;
export type NamedResourceList = JsonOf<paths['/api/v1/warehouses']['get']['responses'][200]>;

export const PRODUCT_PAGE_SIZE = 25;

// ---------- Products ----------

export async function listProducts(query: ProductListQuery): Promise<ProductPage> {
  return unwrap(api().GET('/api/v1/products', { params: { query } }));
}

export async function getProduct(id: string): Promise<Product> {
  return unwrap(api().GET('/api/v1/products/{id}', { params: { path: { id } } }));
}

export async function createProduct(body: ProductCreate): Promise<Product> {
  return unwrap(api().POST('/api/v1/products', { body }));
}

/** PATCHes only `changes`; a stale `version` answers 412 (ApiError precondition_failed). */
export async function updateProduct(id: string, version: number, changes: ProductPatch): Promise<Product> {
  return unwrap(
    api().PATCH('/api/v1/products/{id}', {
      params: { path: { id } },
      body: changes,
      headers: ifMatch(version),
    }),
  );
}

export async function getStock(id: string): Promise<StockLevels> {
  return unwrap(api().GET('/api/v1/products/{id}/stock', { params: { path: { id } } }));
}

/** Replaces every stock level of the product (warehouses left out have none). */
export async function setStock(id: string, items: StockLevel[]): Promise<StockLevels> {
  return unwrap(
    api().PUT('/api/v1/products/{id}/stock', { params: { path: { id } }, body: { items } }),
  );
}

// ---------- Product types and warehouses ----------

export type NamedKind = 'productTypes' | 'warehouses';

/** Every product type or warehouse, by name. */
export async function listNamed(kind: NamedKind): Promise<NamedResource[]> {
  const page =
    kind === 'productTypes'
      ? await unwrap(api().GET('/api/v1/product-types'))
      : await unwrap(api().GET('/api/v1/warehouses'));
  // Tolerate an unexpected body (e.g. a stand-in server in tests): no list means no items.
  return Array.isArray(page?.items) ? page.items : [];
}

export async function createNamed(kind: NamedKind, name: string): Promise<NamedResource> {
  const body = { name };
  return kind === 'productTypes'
    ? unwrap(api().POST('/api/v1/product-types', { body }))
    : unwrap(api().POST('/api/v1/warehouses', { body }));
}

export async function renameNamed(
  kind: NamedKind,
  id: string,
  version: number,
  name: string,
): Promise<NamedResource> {
  const init = {
    params: { path: { id } },
    body: { name },
    headers: ifMatch(version),
  };
  return kind === 'productTypes'
    ? unwrap(api().PATCH('/api/v1/product-types/{id}', init))
    : unwrap(api().PATCH('/api/v1/warehouses/{id}', init));
}

export async function deleteNamed(kind: NamedKind, id: string): Promise<void> {
  const init = { params: { path: { id } }, parseAs: 'text' as const };
  if (kind === 'productTypes') await unwrap(api().DELETE('/api/v1/product-types/{id}', init));
  else await unwrap(api().DELETE('/api/v1/warehouses/{id}', init));
}

/** Query keys, so pages invalidate the right caches. */
export const catalogKeys = {
  products: ['products'] as const,
  productLists: () => [...catalogKeys.products, 'list'] as const,
  productList: (filters: Record<string, string | undefined>) =>
    [...catalogKeys.productLists(), filters] as const,
  product: (id: string) => [...catalogKeys.products, 'detail', id] as const,
  stock: (id: string) => [...catalogKeys.products, 'stock', id] as const,
  named: (kind: NamedKind) => [kind] as const,
};
