import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { ORDERS_REFRESH_MS } from '../../src/pages/orders/OrdersPage';
import { json, renderApp } from './harness';
import { makeOrder, problem } from './orderFixtures';
import { makeCustomer } from './fixtures';

afterEach(() => {
  setApiClient(null);
  vi.useRealTimers();
});

const quickOrder = makeOrder({
  id: '9',
  number: 'P-000009',
  source: 'quick_link',
  status: 'confirmed',
  buyer: { name: 'Marta Gil', email: 'marta@example.com' },
  approval_status: 'held',
  total_minor: 123456,
  payment_status: 'paid',
});
const quote = makeOrder({ id: '8', number: 'C-000008', kind: 'quote', customer_name: 'Beta Suministros', total_minor: 5000 });

function listHandler(_req: Request, url: URL) {
  if (url.pathname === '/api/v1/orders') {
    if (url.searchParams.get('cursor') === 'n2') {
      return json({ items: [makeOrder({ id: '1', number: 'P-000001' })], next_cursor: null, total: 3 });
    }
    return json({ items: [quickOrder, quote], next_cursor: 'n2', total: 3 });
  }
  if (url.pathname === '/api/v1/customers/42') return json(makeCustomer());
  return problem(404, 'not_found');
}

describe('orders list', () => {
  test('shows each order with its kind, source, status, hold, payment, total and date; pages with "Cargar más"', async () => {
    const { requests } = renderApp('/admin/orders', listHandler);
    expect(await screen.findByRole('heading', { level: 1, name: 'Pedidos' })).toBeTruthy();
    const rows = await screen.findAllByTestId('order-row');
    expect(rows).toHaveLength(2);

    const first = within(rows[0]);
    expect(first.getByRole('link', { name: 'P-000009' }).getAttribute('href')).toBe('/admin/orders/9');
    expect(first.getByTestId('order-source').textContent).toBe('Enlace rápido');
    expect(first.getByTestId('order-status').textContent).toBe('Confirmado');
    expect(first.getByTestId('order-status').className).toContain('ord-status--confirmed');
    expect(first.getByTestId('order-held').textContent).toBe('Retenido');
    expect(first.getByTestId('payment-status').textContent).toBe('Pagado');
    expect(first.getByTestId('order-total').textContent).toMatch(/1234,56\s€/);
    expect(first.getByText('Marta Gil')).toBeTruthy();

    const second = within(rows[1]);
    expect(second.getByTestId('order-kind').textContent).toBe('Presupuesto');
    expect(second.getByTestId('order-customer').textContent).toBe('Beta Suministros');
    expect(second.getByTestId('order-source').textContent).toBe('Admin');
    expect(second.queryByTestId('order-held')).toBeNull();

    const firstRequest = new URL(requests.find((r) => r.url.includes('/api/v1/orders'))!.url);
    expect(firstRequest.searchParams.get('limit')).toBe('25');
    expect(firstRequest.searchParams.get('include_total')).toBe('true');

    expect(screen.getByText('Mostrando 2 de 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cargar más' }));
    await screen.findByRole('link', { name: 'P-000001' });
    expect(screen.queryByRole('button', { name: 'Cargar más' })).toBeNull();
    expect(requests.some((r) => new URL(r.url).searchParams.get('cursor') === 'n2')).toBe(true);
  });

  test('filters live in the URL and reach the API (held → approval_status=held)', async () => {
    const { requests, router } = renderApp(
      '/admin/orders?status=confirmed&source=quick_link&payment_status=paid&held=1&customer_id=42',
      listHandler,
    );
    await screen.findAllByTestId('order-row');
    const sent = new URL(requests.find((r) => r.url.includes('/api/v1/orders'))!.url).searchParams;
    expect(sent.get('status')).toBe('confirmed');
    expect(sent.get('source')).toBe('quick_link');
    expect(sent.get('payment_status')).toBe('paid');
    expect(sent.get('approval_status')).toBe('held');
    expect(sent.get('customer_id')).toBe('42');
    expect((screen.getByTestId('filter-order-held') as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByText('Cliente: Ferretería Núñez Hermanos')).toBeTruthy();

    fireEvent.change(screen.getByTestId('filter-order-kind'), { target: { value: 'quote' } });
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('kind')).toBe('quote'));
    await waitFor(() => expect(requests.some((r) => new URL(r.url).searchParams.get('kind') === 'quote')).toBe(true));

    fireEvent.click(screen.getByRole('button', { name: 'Quitar el filtro de cliente' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('customer_id')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Quitar filtros' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  test('search by number is debounced and sent as q', async () => {
    const { requests, router } = renderApp('/admin/orders', listHandler);
    await screen.findAllByTestId('order-row');
    const box = screen.getByLabelText('Buscar por número de pedido');
    fireEvent.change(box, { target: { value: 'P-0' } });
    fireEvent.change(box, { target: { value: 'P-000009' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=P-000009'));
    await waitFor(() => expect(requests.some((r) => new URL(r.url).searchParams.get('q') === 'P-000009')).toBe(true));
    expect(requests.some((r) => new URL(r.url).searchParams.get('q') === 'P-0')).toBe(false);
  });

  test('empty, filtered-empty and error states', async () => {
    let mode: 'empty' | 'fail' = 'empty';
    renderApp('/admin/orders', (_req, url) =>
      url.pathname !== '/api/v1/orders'
        ? problem(404, 'not_found')
        : mode === 'fail'
          ? problem(500, 'internal')
          : json({ items: [], next_cursor: null, total: 0 }),
    );
    expect(await screen.findByText('Todavía no hay pedidos')).toBeTruthy();
    fireEvent.change(screen.getByTestId('filter-order-status'), { target: { value: 'shipped' } });
    expect(await screen.findByText('No hay pedidos que coincidan')).toBeTruthy();
    mode = 'fail';
    fireEvent.change(screen.getByTestId('filter-order-status'), { target: { value: 'delivered' } });
    expect(await screen.findByText('El servidor tuvo un problema. Vuelve a intentarlo en un momento.')).toBeTruthy();
    mode = 'empty';
    fireEvent.click(screen.getByRole('button', { name: 'Reintentar' }));
    expect(await screen.findByText('No hay pedidos que coincidan')).toBeTruthy();
  });

  test('refreshes by itself, so a quick-link order shows up without reloading', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let items = [quote];
    renderApp('/admin/orders', (_req, url) =>
      url.pathname === '/api/v1/orders' ? json({ items, next_cursor: null }) : problem(404, 'not_found'),
    );
    await screen.findByRole('link', { name: 'C-000008' });
    items = [quickOrder, quote];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ORDERS_REFRESH_MS + 100);
    });
    expect(await screen.findByRole('link', { name: 'P-000009' })).toBeTruthy();
    expect(ORDERS_REFRESH_MS).toBeLessThanOrEqual(15_000);
  });

  test('a quote that became an order reads "Convertido en pedido"', async () => {
    renderApp('/admin/orders', (_req, url) =>
      url.pathname === '/api/v1/orders'
        ? json({ items: [{ ...quote, status: 'confirmed', converted_order_id: '12' }], next_cursor: null })
        : problem(404, 'not_found'),
    );
    const status = await screen.findByTestId('order-status');
    expect(status.textContent).toBe('Convertido en pedido');
    expect(status.getAttribute('data-converted')).toBe('true');
  });

  test('the nav links to the orders page', async () => {
    renderApp('/admin/orders', listHandler);
    const nav = await screen.findByRole('navigation');
    expect(within(nav).getByRole('link', { name: 'Pedidos' }).getAttribute('href')).toBe('/admin/orders');
  });
});
