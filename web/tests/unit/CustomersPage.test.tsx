import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { makeCustomer } from './fixtures';
import { json, renderApp } from './harness';

afterEach(() => setApiClient(null));

function listHandler(_req: Request, url: URL) {
  if (url.pathname !== '/api/v1/customers') return json({ status: 404, code: 'not_found' }, 404);
  const status = url.searchParams.get('status');
  const cursor = url.searchParams.get('cursor');
  if (status === 'current') {
    if (!cursor) {
      return json({
        items: [makeCustomer({ id: '1', name: 'Alfa Distribuciones' })],
        next_cursor: 'c2',
        total: 2,
      });
    }
    return json({ items: [makeCustomer({ id: '2', name: 'Beta Suministros' })], next_cursor: null, total: 2 });
  }
  return json({ items: [], next_cursor: null, total: 0 });
}

describe('customers page', () => {
  test('lists current and potential customers in two sections with paging', async () => {
    const { requests } = renderApp('/admin/customers', listHandler);
    const current = await screen.findByTestId('section-current');
    expect(within(current).getByRole('heading', { name: 'Clientes actuales' })).toBeTruthy();
    await within(current).findByText('Alfa Distribuciones');
    const potential = screen.getByTestId('section-potential');
    expect(await within(potential).findByText('Todavía no hay clientes potenciales')).toBeTruthy();

    const first = new URL(requests.find((r) => r.url.includes('status=current'))!.url);
    expect(first.searchParams.get('limit')).toBe('24');
    expect(first.searchParams.get('include_total')).toBe('true');

    fireEvent.click(within(current).getByRole('button', { name: 'Cargar más' }));
    await within(current).findByText('Beta Suministros');
    expect(within(current).queryByRole('button', { name: 'Cargar más' })).toBeNull();
    expect(requests.some((r) => new URL(r.url).searchParams.get('cursor') === 'c2')).toBe(true);
    expect(within(current).getByText('Mostrando 2 de 2')).toBeTruthy();
  });

  test('a status filter shows only that section and lives in the URL', async () => {
    const { router } = renderApp('/admin/customers?status=potential&temperature=hot', listHandler);
    await screen.findByTestId('section-potential');
    expect(screen.queryByTestId('section-current')).toBeNull();
    expect(await screen.findByText('No hay clientes que coincidan')).toBeTruthy();
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: '' } });
    await screen.findByTestId('section-current');
    expect(router.state.location.search).toBe('?temperature=hot');
  });

  test('search is debounced and sent as q', async () => {
    const { requests, router } = renderApp('/admin/customers', listHandler);
    await screen.findByText('Alfa Distribuciones');
    const box = screen.getByLabelText('Buscar clientes');
    fireEvent.change(box, { target: { value: 'fe' } });
    fireEvent.change(box, { target: { value: 'ferreteria nunez' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=ferreteria+nunez'));
    await waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get('q') === 'ferreteria nunez')).toBe(true),
    );
    expect(requests.some((r) => new URL(r.url).searchParams.get('q') === 'fe')).toBe(false);
  });

  test('sorting by last order is sent to the server and kept in the URL', async () => {
    const { requests, router } = renderApp('/admin/customers', listHandler);
    await screen.findByText('Alfa Distribuciones');
    fireEvent.change(screen.getByTestId('sort'), { target: { value: '-last_order_at' } });
    await waitFor(() => expect(router.state.location.search).toBe('?sort=-last_order_at'));
    await waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get('sort') === '-last_order_at')).toBe(true),
    );
  });

  test('a failed load shows an error with retry', async () => {
    let fail = true;
    renderApp('/admin/customers?status=current', (req, url) =>
      fail ? json({ status: 500, code: 'internal' }, 500) : listHandler(req, url),
    );
    expect(await screen.findByText('El servidor tuvo un problema. Vuelve a intentarlo en un momento.')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Reintentar' }));
    expect(await screen.findByText('Alfa Distribuciones')).toBeTruthy();
  });
});
