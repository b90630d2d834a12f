// Domain types derived from the generated OpenAPI schema by path, so they survive
// renames of component schemas in the server's document.
import type { JsonOf } from './call';
import type { components, paths } from './schema';

export type StaffUser = JsonOf<paths['/api/v1/auth/me']['get']['responses'][200]>;
export type LoginResponse = JsonOf<paths['/api/v1/auth/login']['post']['responses'][200]>;
type CustomerDoc = JsonOf<paths['/api/v1/customers/{id}']['get']['responses'][200]>;
type PageDoc = JsonOf<paths['/api/v1/customers']['get']['responses'][200]>;
type CreatedDoc = JsonOf<paths['/api/v1/customers']['post']['responses'][201]>;

export type Address = components['schemas']['Address'];
export type LastNote = components['schemas']['LastNote'];
export type NotePriority = LastNote['priority'];
export type Customer = CustomerDoc;
export type CustomerPage = Omit<PageDoc, 'items'> & { items: Customer[] };
export type PossibleDuplicate = { id: string; name: string; matched_on: 'tax_id' | 'email' | 'phone' | string };
export type CustomerCreated = Customer & {
  possible_duplicates?: CreatedDoc extends { possible_duplicates?: infer D } ? D : PossibleDuplicate[];
};
export type CustomerCreate = JsonOf<paths['/api/v1/customers']['post']['requestBody']>;
export type CustomerPatch = JsonOf<paths['/api/v1/customers/{id}']['patch']['requestBody']>;
export type CustomerListQuery = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>;

export type CustomerStatus = Customer['status'];
export type Temperature = NonNullable<Customer['temperature']>;
export type CustomerType = NonNullable<Customer['customer_type']>;
export type AccountStatus = Customer['account_status'];
export type RegistrationStatus = Customer['registration_status'];

export const CUSTOMER_STATUSES = ['current', 'potential'] as const satisfies readonly CustomerStatus[];
export const TEMPERATURES = ['hot', 'warm', 'cold', 'not_interested'] as const satisfies readonly Temperature[];
export const CUSTOMER_TYPES = ['company', 'individual'] as const satisfies readonly CustomerType[];
export const ACCOUNT_STATUSES = ['active', 'inactive'] as const satisfies readonly AccountStatus[];
export const REGISTRATION_STATUSES = [
  'new',
  'validated',
  'cancelled',
] as const satisfies readonly RegistrationStatus[];

/** One entry of a problem+json `errors` array. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** An application/problem+json body. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
}
