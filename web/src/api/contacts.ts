// A customer's contacts (F10), their portal access (F11) and favourites (F22). Types come from
// the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { badBody, ifMatch, isObject, page, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

export type Contact = JsonOf<paths['/api/v1/contacts/{id}']['get']['responses'][200]>;
export type ContactList = JsonOf<paths['/api/v1/customers/{id}/contacts']['get']['responses'][200]>;
export type ContactInput = JsonOf<paths['/api/v1/customers/{id}/contacts']['post']['requestBody']>;
export type ContactPatch = JsonOf<paths['/api/v1/contacts/{id}']['patch']['requestBody']>;
export type ContactOrderPage = JsonOf<paths['/api/v1/contacts/{id}/orders']['get']['responses'][200]>;
export type FavoriteList = JsonOf<paths['/api/v1/contacts/{id}/favorites']['get']['responses'][200]>;
export type Favorite = FavoriteList['items'][number];
export type ContactRole = NonNullable<Contact['role']>;
export type Permission = Contact['permissions'][number];
export type ContactAccess = Contact['access'];

export const CONTACT_ROLES = ['purchasing', 'billing', 'shipping', 'support'] as const satisfies readonly ContactRole[];
export const PERMISSIONS = [
  'place_orders',
  'request_quotes',
  'view_prices',
  'view_invoices',
  'view_shipments',
] as const satisfies readonly Permission[];

/** What the server gives a contact created without `permissions` (docs/contacts-and-portal.md). */
export const ROLE_DEFAULT_PERMISSIONS: Record<ContactRole | 'none', readonly Permission[]> = {
  purchasing: ['place_orders', 'request_quotes', 'view_prices', 'view_shipments'],
  billing: ['view_prices', 'view_invoices'],
  shipping: ['view_shipments'],
  support: ['view_prices'],
  none: ['view_prices'],
};

export function defaultPermissions(role: ContactRole | null | undefined): Permission[] {
  return [...ROLE_DEFAULT_PERMISSIONS[role ?? 'none']];
}

/** Longest text per field, as the server checks them (code points). */
export const CONTACT_LIMITS = {
  first_name: 100,
  last_name: 100,
  email: 254,
  phone: 50,
  whatsapp: 50,
  department: 100,
} as const;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const CONTACTS_PAGE_SIZE = 50;
export const CONTACT_ORDERS_PAGE_SIZE = 20;

/** "Ana Ruiz" (or the email when the contact has no name, which the server never allows). */
export function contactName(c: Pick<Contact, 'first_name' | 'last_name' | 'email'>): string {
  return [c.first_name, c.last_name].filter(Boolean).join(' ').trim() || c.email;
}

function contact(body: unknown): Contact {
  if (!isObject(body) || typeof body.id !== 'string' || typeof body.email !== 'string') throw badBody('contact');
  return { ...body, permissions: Array.isArray(body.permissions) ? body.permissions : [] } as unknown as Contact;
}

export async function listContacts(customerId: string, cursor?: string | null): Promise<ContactList> {
  const list = page<ContactList>(
    await unwrap(
      api().GET('/api/v1/customers/{id}/contacts', {
        params: { path: { id: customerId }, query: { limit: CONTACTS_PAGE_SIZE, cursor: cursor ?? undefined } },
      }),
    ),
    'contact list',
  );
  return { ...list, items: list.items.map(contact) };
}

export async function getContact(id: string): Promise<Contact> {
  return contact(await unwrap(api().GET('/api/v1/contacts/{id}', { params: { path: { id } } })));
}

export async function createContact(customerId: string, body: ContactInput): Promise<Contact> {
  return contact(
    await unwrap(api().POST('/api/v1/customers/{id}/contacts', { params: { path: { id: customerId } }, body })),
  );
}

/** PATCHes only `changes` with If-Match; a stale version answers 412 (precondition_failed). */
export async function updateContact(id: string, version: number, changes: ContactPatch): Promise<Contact> {
  return contact(
    await unwrap(
      api().PATCH('/api/v1/contacts/{id}', {
        params: { path: { id } },
        body: changes,
        headers: ifMatch(version),
      }),
    ),
  );
}

export async function deleteContact(id: string): Promise<void> {
  await unwrap(api().DELETE('/api/v1/contacts/{id}', { params: { path: { id } }, parseAs: 'text' }));
}

/** Queues a new invitation email; the older link stops working. 409 `already_active` with a password. */
export async function sendInvitation(id: string): Promise<void> {
  await unwrap(api().POST('/api/v1/contacts/{id}/invitation', { params: { path: { id } }, parseAs: 'text' }));
}

export async function listContactOrders(id: string, cursor?: string | null): Promise<ContactOrderPage> {
  return page<ContactOrderPage>(
    await unwrap(
      api().GET('/api/v1/contacts/{id}/orders', {
        params: { path: { id }, query: { limit: CONTACT_ORDERS_PAGE_SIZE, cursor: cursor ?? undefined } },
      }),
    ),
    'order list',
  );
}

export async function listContactFavorites(id: string): Promise<Favorite[]> {
  return page<FavoriteList>(
    await unwrap(api().GET('/api/v1/contacts/{id}/favorites', { params: { path: { id } } })),
    'favourite list',
  ).items;
}

export async function removeContactFavorite(id: string, productId: string): Promise<void> {
  await unwrap(
    api().DELETE('/api/v1/contacts/{id}/favorites/{product_id}', {
      params: { path: { id, product_id: productId } },
      parseAs: 'text',
    }),
  );
}

/** Query keys, so pages invalidate the right caches. */
export const contactKeys = {
  all: ['contacts'] as const,
  list: (customerId: string) => [...contactKeys.all, 'list', customerId] as const,
  orders: (id: string) => [...contactKeys.all, 'orders', id] as const,
  favorites: (id: string) => [...contactKeys.all, 'favorites', id] as const,
};
