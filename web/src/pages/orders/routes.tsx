import type { RouteObject } from 'react-router-dom';
import { NewOrderPage } from './NewOrderPage';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';

/** Admin pages of orders and quotes, under /admin. */
export const orderRoutes: RouteObject[] = [
  { path: 'orders', element: <OrdersPage /> },
  { path: 'orders/new', element: <NewOrderPage /> },
  { path: 'orders/:id', element: <OrderPage /> },
];
