import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { contactsWithAccessOf, normaliseCode, ordersOf } from '../../src/api/deletion';
import { ApiError } from '../../src/api/errors';
import type { Customer } from '../../src/api/types';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
  vi.unstubAllGlobals();
});

const CODE = 'K7P2XM';

function customerServer(opts: {
  customer?: Customer;
  orders?: number;
  onDelete?: (url: URL) => Response;
  onPatch?: (body: Record<string, unknown>) => Response;
  onRevoke?: () => Response;
}) {
  let customer = opts.customer ?? makeCustomer();
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/42' && req.method === 'GET') return json(customer);
    if (url.pathname === '/api/v1/customers/42/deletion-code' && req.method === 'POST') {
      return json({ confirmation_code: CODE, expires_at: '2026-11-23T10:10:00Z', order_count: opts.orders ?? 0, quote_count: 0 });
    }
    if (url.pathname === '/api/v1/customers/42' && req.method === 'DELETE') {
      return opts.onDelete ? opts.onDelete(url) : new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/v1/customers/42' && req.method === 'PATCH') {
      const body = (await req.json()) as Record<string, unknown>;
      if (opts.onPatch) {
        const answer = opts.onPatch(body);
        if (!answer.ok) return answer;
      }
      customer = { ...customer, ...body, version: customer.version + 1 } as Customer;
      return json(customer);
    }
    if (url.pathname === '/api/v1/customers/42/revoke-contact-access') return opts.onRevoke ? opts.onRevoke() : json({ revoked: 2 });
    if (url.pathname === '/api/v1/customers') return json({ items: [], next_cursor: null });
    if (url.pathname === '/api/v1/customers/42/credit') return problem(404, 'not_found');
    if (url.pathname === '/api/v1/orders') return json({ items: [], next_cursor: null });
    if (url.pathname.endsWith('/quick-links') || url.pathname.endsWith('/notes')) return json({ items: [], next_cursor: null });
    return problem(404, 'not_found');
  };
}

async function openMenuItem(testId: string) {
  fireEvent.click(await screen.findByTestId('customer-actions'));
  fireEvent.click(await screen.findByTestId(testId));
}

describe('api helpers', () => {
  test('read the extra members of the 409 problems', () => {
    const orders = new ApiError({ status: 409, code: 'customer_has_orders' }, null, { order_count: 3, quote_count: 1 });
    expect(ordersOf(orders)).toEqual({ orders: 3, quotes: 1 });
    expect(ordersOf(new ApiError({ status: 409, code: 'conflict' }))).toBeNull();
    const contacts = new ApiError({ status: 409, code: 'contacts_have_access' }, null, {
      contacts: [{ id: '1', name: 'Ana Pérez' }, { id: 2, name: 'bad' }, null],
    });
    expect(contactsWithAccessOf(contacts)).toEqual([{ id: '1', name: 'Ana Pérez' }]);
    expect(contactsWithAccessOf(orders)).toBeNull();
    expect(normaliseCode(' k7p-2xm ')).toBe('K7P2XM');
  });
});

describe('customer page: delete', () => {
  test('shows the code, keeps the red button disabled until it is typed, deletes and returns to the list', async () => {
    const { requests, router } = renderAs('owner', '/admin/customers/42', customerServer({}));
    await openMenuItem('action-delete');
    const dialog = await screen.findByTestId('delete-customer-dialog');
    expect(await within(dialog).findByTestId('deletion-code')).toHaveProperty('textContent', CODE);
    expect(dialog.textContent).toContain(`Para confirmar, escriba el código ${CODE}`);
    const input = within(dialog).getByTestId('deletion-code-input') as HTMLInputElement;
    const button = within(dialog).getByTestId('confirm-delete-customer') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.className).toContain('btn--critical');

    fireEvent.change(input, { target: { value: 'K7P2XN' } });
    expect(button.disabled).toBe(true);
    expect(dialog.textContent).toContain('El código no coincide.');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(input, { target: { value: 'k7p 2xm' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/customers'));
    expect((await screen.findByTestId('deleted-notice', {}, { timeout: 5000 })).textContent).toContain('Se eliminó el cliente «Ferretería Núñez Hermanos».');
    const deleted = requests.find((r) => r.method === 'DELETE');
    expect(new URL(deleted!.url).searchParams.get('confirmation_code')).toBe(CODE);
  });

  test('a customer with orders is refused in red before anything is typed', async () => {
    renderAs('owner', '/admin/customers/42', customerServer({ orders: 3 }));
    await openMenuItem('action-delete');
    const refusal = await screen.findByTestId('delete-refusal');
    expect(refusal.textContent).toBe('No se puede eliminar: este cliente tiene 3 pedidos. Puede desactivarlo.');
    expect(refusal.className).toContain('deletion-refusal');
    expect(screen.queryByTestId('confirm-delete-customer')).toBeNull();
  });

  test('a 409 on DELETE (an order placed meanwhile) and a rejected code are shown in the dialog', async () => {
    let answer = problem(422, 'confirmation_required', [{ field: 'confirmation_code', code: 'expired', message: 'expired' }]);
    renderAs('owner', '/admin/customers/42', customerServer({ onDelete: () => answer }));
    await openMenuItem('action-delete');
    const dialog = await screen.findByTestId('delete-customer-dialog');
    fireEvent.change(await within(dialog).findByTestId('deletion-code-input'), { target: { value: CODE } });
    fireEvent.click(within(dialog).getByTestId('confirm-delete-customer'));
    expect((await within(dialog).findByTestId('delete-error')).textContent).toBe('El código no es válido o ha caducado. Pida uno nuevo.');
    // A new code can be asked for; then the order that arrived meanwhile refuses the deletion.
    fireEvent.click(within(dialog).getByTestId('delete-new-code'));
    answer = json(
      { type: '/problems/customer_has_orders', title: 'Conflict', status: 409, code: 'customer_has_orders', order_count: 1, quote_count: 2 },
      409,
    );
    fireEvent.change(await within(dialog).findByTestId('deletion-code-input'), { target: { value: CODE } });
    fireEvent.click(within(dialog).getByTestId('confirm-delete-customer'));
    expect((await within(dialog).findByTestId('delete-refusal')).textContent).toBe(
      'No se puede eliminar: este cliente tiene 1 pedido y 2 presupuestos. Puede desactivarlo.',
    );
  });

  test('viewers get no actions menu', async () => {
    renderAs('viewer', '/admin/customers/42', customerServer({}));
    await screen.findByTestId('customer-name');
    expect(screen.queryByTestId('customer-actions')).toBeNull();
  });
});

describe('customer page: deactivate', () => {
  const blocked = () =>
    json(
      {
        type: '/problems/contacts_have_access',
        title: 'Conflict',
        status: 409,
        code: 'contacts_have_access',
        contacts: [
          { id: '7', name: 'Ana Pérez' },
          { id: '8', name: 'Luis' },
        ],
      },
      409,
    );

  test('lists the contacts with access, revokes after a confirmation and retries', async () => {
    let revoked = false;
    const { requests } = renderAs(
      'owner',
      '/admin/customers/42',
      customerServer({
        onPatch: () => (revoked ? json({}) : blocked()),
        onRevoke: () => {
          revoked = true;
          return json({ revoked: 2 });
        },
      }),
    );
    await openMenuItem('action-deactivate');
    const dialog = await screen.findByTestId('deactivate-dialog');
    fireEvent.click(within(dialog).getByTestId('confirm-deactivate'));
    const list = await within(dialog).findByTestId('contacts-with-access');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Ana Pérez', 'Luis']);
    fireEvent.click(within(dialog).getByTestId('revoke-all'));
    const confirm = await screen.findByTestId('revoke-dialog');
    expect(confirm.textContent).toContain('Ana Pérez, Luis');
    expect(requests.filter((r) => r.url.endsWith('/revoke-contact-access'))).toHaveLength(0);
    fireEvent.click(within(confirm).getByTestId('confirm-revoke'));
    expect((await screen.findByTestId('customer-actions-notice')).textContent).toContain('Cliente desactivado.');
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(await patches[1].json()).toEqual({ account_status: 'inactive' });
    expect(await screen.findByText('Cuenta inactiva')).toBeTruthy();
  });

  test('the edit form shows the blocking contacts and saves again after revoking', async () => {
    let revoked = false;
    const { requests } = renderAs(
      'owner',
      '/admin/customers/42/edit',
      customerServer({
        onPatch: () => (revoked ? json({}) : blocked()),
        onRevoke: () => {
          revoked = true;
          return json({ revoked: 2 });
        },
      }),
    );
    const select = (await screen.findByLabelText('Estado de la cuenta')) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'inactive' } });
    fireEvent.submit(screen.getByTestId('customer-form'));
    const list = await screen.findByTestId('contacts-with-access');
    expect(list.textContent).toContain('Ana Pérez');
    fireEvent.click(screen.getByTestId('revoke-all'));
    fireEvent.click(within(await screen.findByTestId('revoke-dialog')).getByTestId('confirm-revoke'));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    expect(requests.filter((r) => r.url.endsWith('/revoke-contact-access'))).toHaveLength(1);
  });
});
