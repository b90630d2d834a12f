// The order workflow as the server enforces it (POST /orders/{id}/transitions), so the page
// offers only legal steps. The server stays the judge: an illegal step answers 409.
import type { Order, OrderStatus } from '../../api/orders';

const ORDER_STEPS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_production', 'shipped', 'cancelled'],
  in_production: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** The statuses an order or quote may move to next with /transitions. */
export function nextStatuses(order: Pick<Order, 'kind' | 'status'>): OrderStatus[] {
  if (order.kind === 'quote') return order.status === 'pending' ? ['cancelled'] : [];
  return [...ORDER_STEPS[order.status]];
}

/** Whether a quote can still become an order (POST /convert). */
export function canConvert(order: Pick<Order, 'kind' | 'status' | 'converted_order_id'>): boolean {
  return order.kind === 'quote' && order.status === 'pending' && !order.converted_order_id;
}

/** A held order waits for approval before it can move forward (it can still be cancelled). */
export function isHeld(order: Pick<Order, 'approval_status'>): boolean {
  return order.approval_status === 'held';
}

/** Steps to show as buttons: forward steps wait while the order is held. */
export function offeredSteps(order: Pick<Order, 'kind' | 'status' | 'approval_status'>): OrderStatus[] {
  const steps = nextStatuses(order);
  return isHeld(order) ? steps.filter((s) => s === 'cancelled') : steps;
}

/** A date-only value ("2026-12-22") as a Date at UTC midnight, or null. */
function plainDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Today in the viewer's calendar as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** An unpaid, live order whose due date has passed. */
export function isOverdue(
  order: Pick<Order, 'kind' | 'status' | 'payment_status' | 'due_date'>,
  today: string = todayIso(),
): boolean {
  return (
    order.kind === 'order' &&
    order.status !== 'cancelled' &&
    order.payment_status === 'unpaid' &&
    !!order.due_date &&
    order.due_date < today
  );
}

export { plainDate };
