// A customer's addresses (F7). Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { checked, ifMatch, items, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

export type CustomerAddress = JsonOf<paths['/api/v1/addresses/{id}']['get']['responses'][200]>;
export type AddressList = JsonOf<paths['/api/v1/customers/{id}/addresses']['get']['responses'][200]>;
export type AddressCreate = JsonOf<paths['/api/v1/customers/{id}/addresses']['post']['requestBody']>;
export type AddressPatch = JsonOf<paths['/api/v1/addresses/{id}']['patch']['requestBody']>;
export type AddressKind = CustomerAddress['kind'];

export const ADDRESS_KINDS = ['shipping', 'billing', 'both'] as const satisfies readonly AddressKind[];
/** Most addresses a customer may have (the server answers 422 `too_many` past it). */
export const MAX_ADDRESSES = 50;
/** Longest text per field, as the server checks them (code points). */
export const ADDRESS_LIMITS = { label: 100, line1: 200, line2: 200, city: 100, region: 100, postal_code: 20 } as const;

/** True when an address of `kind` may be used to ship to. */
export const servesShipping = (kind: AddressKind) => kind === 'shipping' || kind === 'both';

function address(body: unknown): CustomerAddress {
  return checked(body, 'address', (b) => typeof b.id === 'string' && typeof b.line1 === 'string');
}

/** Every address of the customer: defaults first, then in the order they were added. */
export async function listAddresses(customerId: string): Promise<CustomerAddress[]> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/customers/{id}/addresses', { params: { path: { id: customerId } } }),
  );
  return items<CustomerAddress>(body, 'address list').items;
}

export async function createAddress(customerId: string, body: AddressCreate): Promise<CustomerAddress> {
  return address(
    await unwrap(api().POST('/api/v1/customers/{id}/addresses', { params: { path: { id: customerId } }, body })),
  );
}

/** PATCHes only `changes` with If-Match; a stale version answers 412 (precondition_failed). */
export async function updateAddress(id: string, version: number, changes: AddressPatch): Promise<CustomerAddress> {
  return address(
    await unwrap(
      api().PATCH('/api/v1/addresses/{id}', {
        params: { path: { id } },
        body: changes,
        headers: ifMatch(version),
      }),
    ),
  );
}

export async function deleteAddress(id: string): Promise<void> {
  await unwrap(api().DELETE('/api/v1/addresses/{id}', { params: { path: { id } }, parseAs: 'text' }));
}

/** Query keys, so pages invalidate the right caches. */
export const addressKeys = {
  all: ['addresses'] as const,
  list: (customerId: string) => [...addressKeys.all, 'list', customerId] as const,
};
