import { api } from './client';
import { ifMatch, unwrap } from './call';
import type {
  Customer,
  CustomerCreate,
  CustomerCreated,
  CustomerListQuery,
  CustomerPage,
  CustomerPatch,
} from './types';

export const PAGE_SIZE = 24;

export async function listCustomers(query: CustomerListQuery): Promise<CustomerPage> {
  return (await unwrap(api().GET('/api/v1/customers', { params: { query } }))) as CustomerPage;
}

export async function getCustomer(id: string): Promise<Customer> {
  return (await unwrap(api().GET('/api/v1/customers/{id}', { params: { path: { id } } }))) as Customer;
}

export async function createCustomer(body: CustomerCreate): Promise<CustomerCreated> {
  return (await unwrap(api().POST('/api/v1/customers', { body }))) as CustomerCreated;
}

/** PATCHes only `changes`; a stale `version` answers 412 (ApiError precondition_failed). */
export async function updateCustomer(
  id: string,
  version: number,
  changes: CustomerPatch,
): Promise<Customer> {
  return (await unwrap(
    api().PATCH('/api/v1/customers/{id}', {
      params: { path: { id } },
      body: changes,
      headers: ifMatch(version),
    }),
  )) as Customer;
}

/** Query keys, so pages invalidate the right caches. */
export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (filters: Record<string, string | undefined>) => [...customerKeys.lists(), filters] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
};
