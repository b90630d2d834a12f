import type { RouteObject } from 'react-router-dom';

/** Admin pages of the catalogue (products, product types, warehouses), under /admin. */
export const catalogRoutes: RouteObject[] = [];
