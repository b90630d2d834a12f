import { Navigate, useParams, type RouteObject } from 'react-router-dom';
import { NamedResourcesPage } from './NamedResourcesPage';
import { ProductFormPage } from './ProductFormPage';
import { ProductsPage } from './ProductsPage';

/** A product's page is its edit form. */
function ProductRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={`/admin/products/${encodeURIComponent(id)}/edit`} replace />;
}

/** Admin pages of the catalogue (products, product types, warehouses), under /admin. */
export const catalogRoutes: RouteObject[] = [
  { path: 'products', element: <ProductsPage /> },
  { path: 'products/new', element: <ProductFormPage /> },
  { path: 'products/:id', element: <ProductRedirect /> },
  { path: 'products/:id/edit', element: <ProductFormPage /> },
  { path: 'product-types', element: <NamedResourcesPage key="productTypes" kind="productTypes" /> },
  { path: 'warehouses', element: <NamedResourcesPage key="warehouses" kind="warehouses" /> },
];
