import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import type { Customer } from '../../src/api/types';
import { makeCustomer } from './fixtures';
import { json, renderApp } from './harness';
import { catalogHandler, makeProduct, problem } from './catalogFixtures';

afterEach(() => setApiClient(null));

const PRODUCTS = [makeProduct(), makeProduct({ id: '8', sku: 'PIN-1', name: 'Pintura blanca' })];

function server(customer: Customer, onPatch?: (body: Record<string, unknown>) => Response) {
  return catalogHandler(
    (req, url) => {
      if (url.pathname !== '/api/v1/customers/42') return undefined;
      if (req.method === 'PATCH') {
        return req.json().then((body: Record<string, unknown>) =>
          onPatch ? onPatch(body) : json({ ...customer, ...body, version: customer.version + 1 }),
        );
      }
      return json(customer);
    },
    PRODUCTS,
  );
}

describe('customer form: catalogue section', () => {
  test('choose specific products with the picker, warehouses and a default one', async () => {
    const { requests, router } = renderApp('/admin/customers/42/edit', server(makeCustomer()));
    const section = await screen.findByTestId('catalog-scope');
    expect(within(section).getByRole('heading', { name: 'Catálogo' })).toBeTruthy();
    expect((within(section).getByTestId('scope-all') as HTMLInputElement).checked).toBe(true);
    // Without warehouses chosen, there is no default to pick.
    const defaultSelect = within(section).getByLabelText('Almacén predeterminado') as HTMLSelectElement;
    expect(defaultSelect.disabled).toBe(true);

    fireEvent.click(within(section).getByTestId('scope-products'));
    const picker = within(section).getByRole('combobox', { name: 'Productos permitidos' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'pintura' } });
    const results = within(section).getByRole('listbox', { name: 'Productos encontrados' });
    // The results of the search replace the first list (every product) once typing pauses.
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(1));
    const option = within(results).getByRole('option', { name: /Pintura blanca/ });
    expect(picker.getAttribute('aria-activedescendant')).toBe(option.id);
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(await within(section).findByText('PIN-1 · Pintura blanca')).toBeTruthy();
    expect((picker as HTMLInputElement).value).toBe('');

    fireEvent.click(within(section).getByLabelText('Almacén Norte'));
    fireEvent.click(within(section).getByLabelText('Almacén Sur'));
    expect(defaultSelect.disabled).toBe(false);
    expect([...defaultSelect.options].map((o) => o.textContent)).toEqual([
      'Sin almacén predeterminado',
      'Almacén Norte',
      'Almacén Sur',
    ]);
    fireEvent.change(defaultSelect, { target: { value: 'w2' } });

    fireEvent.submit(screen.getByTestId('customer-form'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/customers/42'));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({
      catalog_scope: 'products',
      product_ids: ['8'],
      warehouse_ids: ['w1', 'w2'],
      default_warehouse_id: 'w2',
    });
  });

  test('a stored scope shows its products as chips; unticking the default warehouse clears it', async () => {
    const customer = makeCustomer({
      catalog_scope: 'products',
      product_ids: ['7'],
      warehouse_ids: ['w1', 'w2'],
      default_warehouse_id: 'w1',
    });
    const { requests } = renderApp('/admin/customers/42/edit', server(customer));
    const section = await screen.findByTestId('catalog-scope');
    expect(await within(section).findByText('TAL-800 · Taladro percutor 800 W')).toBeTruthy();
    const defaultSelect = within(section).getByLabelText('Almacén predeterminado') as HTMLSelectElement;
    await waitFor(() => expect(defaultSelect.value).toBe('w1'));

    fireEvent.click(within(section).getByLabelText('Almacén Norte'));
    expect(defaultSelect.value).toBe('');
    fireEvent.click(within(section).getByRole('button', { name: 'Quitar Taladro percutor 800 W' }));
    // Switching to product types: at least one must be chosen.
    fireEvent.click(within(section).getByTestId('scope-product_types'));
    fireEvent.submit(screen.getByTestId('customer-form'));
    expect((await screen.findByTestId('error-field-product_type_ids')).textContent).toBe('Elige al menos uno.');
    await waitFor(() => expect(document.activeElement).toBe(within(section).getByLabelText('Herramientas')));
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.click(within(section).getByLabelText('Pinturas'));
    expect(screen.queryByTestId('error-field-product_type_ids')).toBeNull();
    fireEvent.submit(screen.getByTestId('customer-form'));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(await requests.find((r) => r.method === 'PATCH')!.json()).toEqual({
      catalog_scope: 'product_types',
      product_type_ids: ['t2'],
      product_ids: [],
      warehouse_ids: ['w2'],
      default_warehouse_id: null,
    });
  });

  test('the server naming a record that no longer exists is explained inline', async () => {
    const customer = makeCustomer();
    renderApp(
      '/admin/customers/42/edit',
      server(customer, () =>
        problem(422, 'validation_failed', [
          { field: 'warehouse_ids[0]', code: 'invalid', message: 'No such record.' },
          { field: 'default_warehouse_id', code: 'invalid', message: 'Must be one of warehouse_ids.' },
        ]),
      ),
    );
    const section = await screen.findByTestId('catalog-scope');
    fireEvent.click(await within(section).findByLabelText('Almacén Sur'));
    fireEvent.submit(screen.getByTestId('customer-form'));
    expect((await screen.findByTestId('error-field-warehouse_ids')).textContent).toBe(
      'Alguno de los elegidos ya no existe; quítalo y vuelve a guardar.',
    );
    expect(screen.getByTestId('error-field-default_warehouse_id').textContent).toBe(
      'Debe ser uno de los almacenes marcados.',
    );
  });
});
