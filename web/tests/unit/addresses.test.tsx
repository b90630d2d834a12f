import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import type { CustomerAddress } from '../../src/api/addresses';
import { sharePurpose, wouldBeDefault } from '../../src/pages/addresses/AddressFormDialog';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
  vi.unstubAllGlobals();
});

function makeAddress(overrides: Partial<CustomerAddress> = {}): CustomerAddress {
  return {
    id: 'a1',
    customer_id: '42',
    kind: 'shipping',
    label: null,
    line1: 'Calle Mayor 1',
    line2: null,
    city: 'Madrid',
    region: null,
    postal_code: '28013',
    country: 'ES',
    is_default: true,
    created_at: '2026-11-20T09:30:00Z',
    updated_at: '2026-11-20T09:30:00Z',
    version: 1,
    ...overrides,
  };
}

const SERVER_ORDER: CustomerAddress[] = [
  makeAddress({ id: 'ship', label: 'Almacén central', is_default: true }),
  makeAddress({ id: 'bill', kind: 'billing', line1: 'Paseo de Gracia 5', city: 'Barcelona', postal_code: '08007', is_default: true }),
  makeAddress({ id: 'both', kind: 'both', line1: 'Rua Augusta 10', city: 'Lisboa', country: 'PT', postal_code: null, is_default: false, version: 3 }),
];

function addressServer(opts: { addresses?: CustomerAddress[]; onPatch?: (req: Request) => Response | Promise<Response> } = {}) {
  let addresses = opts.addresses ?? SERVER_ORDER;
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/42') return json(makeCustomer());
    if (url.pathname === '/api/v1/customers/42/addresses' && req.method === 'GET') return json({ items: addresses, next_cursor: null });
    if (url.pathname === '/api/v1/customers/42/addresses' && req.method === 'POST') {
      const body = (await req.json()) as Partial<CustomerAddress>;
      const address = makeAddress({ ...body, id: 'new' });
      addresses = [...addresses, address];
      return json(address, 201);
    }
    const one = /^\/api\/v1\/addresses\/([^/]+)$/.exec(url.pathname);
    if (one && req.method === 'PATCH') {
      if (opts.onPatch) return opts.onPatch(req);
      const changes = (await req.json()) as Partial<CustomerAddress>;
      addresses = addresses.map((a) => (a.id === one[1] ? { ...a, ...changes, version: a.version + 1 } : a));
      return json(addresses.find((a) => a.id === one[1]));
    }
    if (one && req.method === 'DELETE') {
      addresses = addresses.filter((a) => a.id !== one[1]);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/v1/orders') return json({ items: [], next_cursor: null });
    return problem(404, 'not_found');
  };
}

describe('address rules in the form', () => {
  test('a both address shares a purpose with every kind; shipping and billing do not', () => {
    expect(sharePurpose('both', 'shipping')).toBe(true);
    expect(sharePurpose('billing', 'both')).toBe(true);
    expect(sharePurpose('shipping', 'billing')).toBe(false);
  });

  test('a new address is the default when no address serving its purposes is one', () => {
    expect(wouldBeDefault('shipping', [])).toBe(true);
    const billingDefault = [makeAddress({ kind: 'billing', is_default: true })];
    expect(wouldBeDefault('shipping', billingDefault)).toBe(true);
    expect(wouldBeDefault('billing', billingDefault)).toBe(false);
    expect(wouldBeDefault('both', billingDefault)).toBe(false);
    expect(wouldBeDefault('both', [makeAddress({ kind: 'shipping', is_default: false })])).toBe(true);
  });
});

describe('customer page: addresses panel', () => {
  test('lists the addresses with their use, the default badge and the lines', async () => {
    renderAs('owner', '/admin/customers/42', addressServer());
    const panel = await screen.findByTestId('addresses-panel');
    const items = await within(panel).findAllByTestId('address-item');
    expect(items.map((i) => i.getAttribute('data-address-id'))).toEqual(['ship', 'bill', 'both']);
    expect(items.map((i) => within(i).getByTestId('address-kind').textContent)).toEqual([
      'Envío',
      'Facturación',
      'Envío y facturación',
    ]);
    expect(within(items[0]).getByTestId('address-default').textContent).toContain('Predeterminada');
    expect(within(items[2]).queryByTestId('address-default')).toBeNull();
    expect(within(items[0]).getByTestId('address-label').textContent).toBe('Almacén central');
    expect(within(items[2]).getByTestId('address-lines').textContent).toContain('Portugal');
    // Only non-defaults offer "Hacer predeterminada".
    expect(within(items[0]).queryByTestId('make-default')).toBeNull();
    expect(within(items[2]).getByTestId('make-default')).toBeTruthy();
  });

  test('an empty list says so and offers to add one; viewers get no buttons', async () => {
    renderAs('viewer', '/admin/customers/42', addressServer({ addresses: [] }));
    const empty = await screen.findByTestId('addresses-empty');
    expect(empty.textContent).toContain('Todavía no hay direcciones');
    expect(within(empty).queryByRole('button')).toBeNull();
  });

  test('adds an address through the dialog with the right body', async () => {
    const { requests } = renderAs('sales', '/admin/customers/42', addressServer({ addresses: [] }));
    const panel = await screen.findByTestId('addresses-panel');
    fireEvent.click(await within(panel).findByTestId('add-address'));
    const dialog = await screen.findByTestId('address-dialog');
    // The first shipping address will be the default, and the box says so.
    const isDefault = within(dialog).getByTestId('address-is-default') as HTMLInputElement;
    expect(isDefault.checked).toBe(true);
    fireEvent.click(within(dialog).getByTestId('save-address'));
    // Required fields are checked before anything is sent.
    expect(await within(dialog).findByTestId('error-address-line1')).toBeTruthy();
    expect(within(dialog).getByTestId('error-address-city')).toBeTruthy();

    fireEvent.click(within(dialog).getByTestId('address-kind-billing'));
    fireEvent.change(within(dialog).getByTestId('address-line1'), { target: { value: '  Paseo de Gracia 5 ' } });
    fireEvent.change(within(dialog).getByTestId('address-city'), { target: { value: 'Barcelona' } });
    fireEvent.change(within(dialog).getByTestId('address-country'), { target: { value: 'PT' } });
    fireEvent.click(within(dialog).getByTestId('save-address'));

    await waitFor(() => expect(screen.queryByTestId('address-dialog')).toBeNull());
    const post = requests.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/customers/42/addresses');
    expect(await post!.json()).toEqual({
      kind: 'billing',
      line1: 'Paseo de Gracia 5',
      city: 'Barcelona',
      country: 'PT',
      is_default: true,
    });
    expect((await screen.findByTestId('addresses-message')).textContent).toContain('Dirección añadida');
    expect(await within(panel).findAllByTestId('address-item')).toHaveLength(1);
  });

  test('makes an address the default with its version', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', addressServer());
    const panel = await screen.findByTestId('addresses-panel');
    const items = await within(panel).findAllByTestId('address-item');
    fireEvent.click(within(items[2]).getByTestId('make-default'));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe('/api/v1/addresses/both');
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toEqual({ is_default: true });
    expect((await screen.findByTestId('addresses-message')).textContent).toContain('predeterminada');
  });

  test('a stale version is explained and the list reloaded', async () => {
    renderAs('owner', '/admin/customers/42', addressServer({ onPatch: () => problem(412, 'precondition_failed') }));
    const panel = await screen.findByTestId('addresses-panel');
    const items = await within(panel).findAllByTestId('address-item');
    fireEvent.click(within(items[2]).getByTestId('make-default'));
    const message = await screen.findByTestId('addresses-message');
    expect(message.getAttribute('data-tone')).toBe('warning');
    expect(message.textContent).toContain('Otra persona');
  });

  test('deletes after a confirmation', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', addressServer());
    const panel = await screen.findByTestId('addresses-panel');
    const items = await within(panel).findAllByTestId('address-item');
    fireEvent.click(within(items[0]).getByTestId('delete-address'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('predeterminada');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByTestId('confirm-delete'));
    await waitFor(() => expect(within(panel).getAllByTestId('address-item')).toHaveLength(2));
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/addresses/ship']);
  });
});

describe('customer page: possible duplicates (F33)', () => {
  test('after creating, each match links to the other customer', async () => {
    // The form navigates here with the POST answer's matches in the navigation state.
    const entry = {
      pathname: '/admin/customers/42',
      state: { flash: 'created', duplicates: [{ id: '7', name: 'Ferretería Antigua', matched_on: 'email' }] },
    };
    renderAs('owner', entry as unknown as string, addressServer({ addresses: [] }));
    const warning = await screen.findByTestId('duplicate-warning');
    expect(warning.textContent).toContain('Posible duplicado');
    expect(within(warning).getByTestId('duplicate-match').textContent).toContain('Coincide el correo con Ferretería Antigua');
    expect(within(warning).getByTestId('duplicate-link').getAttribute('href')).toBe('/admin/customers/7');
    // Dismissed, it stays away.
    fireEvent.click(within(warning).getByRole('button', { name: 'Cerrar aviso' }));
    await waitFor(() => expect(screen.queryByTestId('duplicate-warning')).toBeNull());
  });
});
