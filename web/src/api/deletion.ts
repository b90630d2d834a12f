// Deleting a customer with a confirmation code (F3) and deactivating one whose contacts can
// still sign in (F14). Types come from the generated OpenAPI schema.
import { api } from './client';
import { unwrap } from './call';
import { isApiError } from './errors';
import type { components } from './schema';

export type DeletionCode = components['schemas']['DeletionCode'];
export type ContactWithAccess = { id: string; name: string };

/** Asks the server for a fresh code (it replaces any earlier one for this customer). */
export async function requestDeletionCode(customerId: string): Promise<DeletionCode> {
  return (await unwrap(
    api().POST('/api/v1/customers/{id}/deletion-code', { params: { path: { id: customerId } } }),
  )) as DeletionCode;
}

/**
 * Deletes the customer. Fails with ApiError 409 `customer_has_orders` (see ordersOf) or 422
 * `confirmation_required` (wrong, used or expired code).
 */
export async function deleteCustomer(customerId: string, confirmationCode: string): Promise<void> {
  await unwrap(
    api().DELETE('/api/v1/customers/{id}', {
      params: { path: { id: customerId }, query: { confirmation_code: confirmationCode } },
      parseAs: 'text',
    }),
  );
}

/** Revokes sign-in access of all the customer's contacts; resolves to how many lost it. */
export async function revokeContactAccess(customerId: string): Promise<number> {
  const body = (await unwrap(
    api().POST('/api/v1/customers/{id}/revoke-contact-access', { params: { path: { id: customerId } } }),
  )) as { revoked?: unknown };
  return typeof body?.revoked === 'number' ? body.revoked : 0;
}

/** The orders and quotes named by a 409 `customer_has_orders`, or null for any other error. */
export function ordersOf(error: unknown): { orders: number; quotes: number } | null {
  if (!isApiError(error) || error.code !== 'customer_has_orders') return null;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { orders: count(error.body.order_count), quotes: count(error.body.quote_count) };
}

/** The contacts named by a 409 `contacts_have_access`, or null for any other error. */
export function contactsWithAccessOf(error: unknown): ContactWithAccess[] | null {
  if (!isApiError(error) || error.code !== 'contacts_have_access') return null;
  const list = Array.isArray(error.body.contacts) ? error.body.contacts : [];
  return list.filter(
    (c): c is ContactWithAccess =>
      !!c && typeof c === 'object' && typeof (c as ContactWithAccess).id === 'string' && typeof (c as ContactWithAccess).name === 'string',
  );
}

/** What a person typed, as the server compares it: upper case, no spaces or hyphens. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}
