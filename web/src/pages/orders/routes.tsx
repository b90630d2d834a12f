import type { RouteObject } from 'react-router-dom';

/** Admin pages of orders and quotes, under /admin. */
export const orderRoutes: RouteObject[] = [];
