import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import type { Order, OrderStatus } from '../../src/api/orders';
import { nextStatuses, offeredSteps, canConvert, isOverdue } from '../../src/pages/orders/workflow';
import { json } from './harness';
import { makeEvent, makeOrder, problem, renderAs } from './orderFixtures';

afterEach(() => setApiClient(null));

const ALL_STEPS: OrderStatus[] = ['confirmed', 'in_production', 'shipped', 'delivered', 'cancelled'];

/** A fake server holding one order that follows the real workflow. */
function orderServer(initial: Order, extra?: (req: Request, url: URL) => Response | null) {
  let order = initial;
  const events = [makeEvent()];
  const handler = async (req: Request, url: URL) => {
    const custom = extra?.(req, url);
    if (custom) return custom;
    const base = `/api/v1/orders/${order.id}`;
    if (url.pathname === base && req.method === 'GET') return json(order, 200, { ETag: `"${order.version}"` });
    if (url.pathname === `${base}/events`) return json({ items: events, next_cursor: null });
    if (url.pathname === `${base}/transitions` && req.method === 'POST') {
      const { to } = (await req.json()) as { to: OrderStatus };
      if (!nextStatuses(order).includes(to)) return problem(409, 'invalid_transition');
      events.push(makeEvent({ id: `e${events.length + 1}`, type: 'order_status_changed', data: { from: order.status, to } as never }));
      order = { ...order, status: to, version: order.version + 1 };
      return json(order);
    }
    if (url.pathname === base && req.method === 'PATCH') {
      const body = (await req.json()) as Partial<Order>;
      order = { ...order, ...body, version: order.version + 1 };
      return json(order);
    }
    if (url.pathname === `${base}/approve` && req.method === 'POST') {
      order = { ...order, approval_status: 'approved', version: order.version + 1 };
      return json(order);
    }
    return problem(404, 'not_found');
  };
  return { handler, current: () => order };
}

function actionTestIds(): string[] {
  const bar = screen.queryByTestId('order-actions');
  if (!bar) return [];
  return within(bar)
    .getAllByRole('button')
    .map((b) => b.getAttribute('data-testid') ?? '');
}

describe('workflow rules', () => {
  test('only legal next steps', () => {
    expect(nextStatuses({ kind: 'order', status: 'pending' })).toEqual(['confirmed', 'cancelled']);
    expect(nextStatuses({ kind: 'order', status: 'confirmed' })).toEqual(['in_production', 'shipped', 'cancelled']);
    expect(nextStatuses({ kind: 'order', status: 'in_production' })).toEqual(['shipped', 'cancelled']);
    expect(nextStatuses({ kind: 'order', status: 'shipped' })).toEqual(['delivered']);
    expect(nextStatuses({ kind: 'order', status: 'delivered' })).toEqual([]);
    expect(nextStatuses({ kind: 'order', status: 'cancelled' })).toEqual([]);
    expect(nextStatuses({ kind: 'quote', status: 'pending' })).toEqual(['cancelled']);
    expect(nextStatuses({ kind: 'quote', status: 'cancelled' })).toEqual([]);
    expect(offeredSteps({ kind: 'order', status: 'pending', approval_status: 'held' })).toEqual(['cancelled']);
    expect(canConvert({ kind: 'quote', status: 'pending', converted_order_id: null })).toBe(true);
    expect(canConvert({ kind: 'quote', status: 'pending', converted_order_id: '3' })).toBe(false);
    expect(canConvert({ kind: 'order', status: 'pending', converted_order_id: null })).toBe(false);
    const o = { kind: 'order', status: 'confirmed', payment_status: 'unpaid', due_date: '2026-01-01' } as const;
    expect(isOverdue(o, '2026-01-02')).toBe(true);
    expect(isOverdue(o, '2026-01-01')).toBe(false);
    expect(isOverdue({ ...o, payment_status: 'paid' }, '2026-02-01')).toBe(false);
  });
});

describe('order page', () => {
  test('shows header, lines with struck base prices, totals, note, address and events', async () => {
    const { handler } = orderServer(
      makeOrder({ source: 'quick_link', buyer: { name: 'Marta Gil', email: 'marta@example.com' } }),
    );
    renderAs('owner', '/admin/orders/7', handler);
    expect((await screen.findByTestId('order-number')).textContent).toBe('P-000007');
    expect(screen.getByTestId('order-status').textContent).toBe('Pendiente');
    expect(screen.getByTestId('order-source').textContent).toBe('Enlace rápido');
    expect(screen.getByTestId('order-kind').textContent).toBe('Pedido');
    expect(screen.getByTestId('order-customer-link').getAttribute('href')).toBe('/admin/customers/42');
    expect(screen.getByTestId('order-buyer').textContent).toContain('Marta Gil');
    expect(screen.getByTestId('payment-status').textContent).toBe('No pagado');
    expect(screen.getByTestId('order-due-date').textContent).toMatch(/22 dic 2099/);

    const lines = screen.getAllByTestId('order-line');
    expect(lines).toHaveLength(2);
    expect(within(lines[0]).getByText('TORN-8')).toBeTruthy();
    expect(within(lines[0]).getByTestId('line-base-price').tagName).toBe('S');
    expect(within(lines[0]).getByTestId('line-base-price').textContent).toMatch(/10,00\s€/);
    expect(within(lines[0]).getByTestId('line-unit-price').textContent).toMatch(/9,00\s€/);
    expect(within(lines[0]).getByTestId('line-total').textContent).toMatch(/27,00\s€/);
    expect(screen.getByTestId('order-detail-total').textContent).toMatch(/31,50\s€/);
    expect(screen.getByTestId('order-note').textContent).toBe('Entregar por la mañana.');
    expect(screen.getByTestId('order-address').textContent).toContain('Calle Mayor 12');

    const event = await screen.findByTestId('order-event');
    expect(event.textContent).toContain('Pedido realizado');
    expect(event.textContent).toContain('Olga Dueñas');
  });

  test('offers only legal steps and walks pending → confirmed → in production → shipped → delivered', async () => {
    const { handler } = orderServer(makeOrder());
    const { requests } = renderAs('sales', '/admin/orders/7', handler);
    await screen.findByTestId('order-number');
    expect(actionTestIds()).toEqual(['transition-confirmed', 'transition-cancelled']);

    const path: [OrderStatus, string[]][] = [
      ['confirmed', ['transition-in_production', 'transition-shipped', 'transition-cancelled']],
      ['in_production', ['transition-shipped', 'transition-cancelled']],
      ['shipped', ['transition-delivered']],
      ['delivered', []],
    ];
    for (const [to, next] of path) {
      fireEvent.click(screen.getByTestId(`transition-${to}`));
      await waitFor(() => expect(screen.getByTestId('order-status').getAttribute('data-status')).toBe(to));
      expect(actionTestIds()).toEqual(next);
      for (const s of ALL_STEPS) {
        if (!next.includes(`transition-${s}`)) expect(screen.queryByTestId(`transition-${s}`)).toBeNull();
      }
    }
    const posts = requests.filter((r) => r.url.endsWith('/transitions'));
    expect(posts.map((r) => r.headers.get('If-Match'))).toEqual(['"1"', '"2"', '"3"', '"4"']);
    expect(await posts[0].json()).toEqual({ to: 'confirmed' });
    expect(posts[0].headers.get('X-CSRF-Token')).toBe('t0k');
    // The timeline follows.
    await waitFor(() => expect(screen.getAllByTestId('order-event')).toHaveLength(5));
    expect(screen.getAllByTestId('order-event')[1].textContent).toContain('Pendiente');
    expect(screen.getAllByTestId('order-event')[1].textContent).toContain('Confirmado');
  });

  test('cancelling asks for confirmation first', async () => {
    const { handler, current } = orderServer(makeOrder());
    const { requests } = renderAs('owner', '/admin/orders/7', handler);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancelar pedido' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('¿Cancelar el pedido P-000007?')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'No, volver' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'No, volver' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(requests.some((r) => r.url.endsWith('/transitions'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Cancelar pedido' }));
    fireEvent.keyDown(await screen.findByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Cancelar pedido' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sí, cancelar pedido' }));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Cancelado'));
    expect(current().status).toBe('cancelled');
    expect(screen.queryByTestId('order-actions')).toBeNull();
  });

  test('a 409 invalid_transition explains and shows the order as it is now', async () => {
    let gets = 0;
    const order = makeOrder();
    renderAs('owner', '/admin/orders/7', (req, url) => {
      if (url.pathname === '/api/v1/orders/7' && req.method === 'GET') {
        gets++;
        // Someone else confirmed it meanwhile.
        return json(gets === 1 ? order : { ...order, status: 'confirmed', version: 2 });
      }
      if (url.pathname.endsWith('/events')) return json({ items: [], next_cursor: null });
      if (url.pathname.endsWith('/transitions')) return problem(409, 'invalid_transition');
      return problem(404, 'not_found');
    });
    fireEvent.click(await screen.findByTestId('transition-confirmed'));
    expect((await screen.findByTestId('order-action-error')).textContent).toContain('Ese cambio de estado ya no es posible');
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Confirmado'));
    expect(actionTestIds()).toEqual(['transition-in_production', 'transition-shipped', 'transition-cancelled']);
  });

  test('a held order explains the credit hold; owners approve it, sales cannot', async () => {
    const held = makeOrder({ approval_status: 'held' });
    const server = orderServer(held);
    const { requests } = renderAs('owner', '/admin/orders/7', server.handler);
    const banner = await screen.findByTestId('held-banner');
    expect(banner.textContent).toContain('Retenido por crédito');
    expect(screen.getByTestId('order-held')).toBeTruthy();
    // Only cancelling is offered until it is approved.
    expect(actionTestIds()).toEqual(['transition-cancelled']);
    fireEvent.click(within(banner).getByRole('button', { name: 'Aprobar' }));
    await waitFor(() => expect(screen.queryByTestId('held-banner')).toBeNull());
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/orders/7/approve'))).toBe(true);
    expect(actionTestIds()).toEqual(['transition-confirmed', 'transition-cancelled']);
  });

  test('sales see the hold without an approve button; a 409 held_for_approval is explained', async () => {
    renderAs('sales', '/admin/orders/7', (_req, url) => {
      if (url.pathname === '/api/v1/orders/7') return json(makeOrder({ approval_status: 'held' }));
      if (url.pathname.endsWith('/events')) return json({ items: [], next_cursor: null });
      if (url.pathname.endsWith('/transitions')) return problem(409, 'held_for_approval');
      return problem(404, 'not_found');
    });
    const banner = await screen.findByTestId('held-banner');
    expect(within(banner).queryByRole('button', { name: 'Aprobar' })).toBeNull();
    expect(banner.textContent).toContain('Pide a un propietario o administrador');
    fireEvent.click(screen.getByRole('button', { name: 'Cancelar pedido' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sí, cancelar pedido' }));
    expect((await screen.findByTestId('order-action-error')).textContent).toContain('retenido por crédito');
  });

  test('a viewer sees no write actions', async () => {
    const { handler } = orderServer(makeOrder({ approval_status: 'held' }));
    renderAs('viewer', '/admin/orders/7', handler);
    await screen.findByTestId('order-number');
    expect(screen.queryByTestId('order-actions')).toBeNull();
    expect(screen.queryByTestId('toggle-payment')).toBeNull();
    expect(screen.queryByTestId('approve-order')).toBeNull();
  });

  test('marks paid with If-Match; a 412 says someone else changed it and reloads', async () => {
    let stale = false;
    const server = orderServer(makeOrder({ version: 3 }), (req, url) =>
      stale && req.method === 'PATCH' && url.pathname === '/api/v1/orders/7' ? problem(412, 'precondition_failed') : null,
    );
    const { requests } = renderAs('owner', '/admin/orders/7', server.handler);
    fireEvent.click(await screen.findByRole('button', { name: 'Marcar como pagado' }));
    await waitFor(() => expect(screen.getByTestId('payment-status').textContent).toBe('Pagado'));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toEqual({ payment_status: 'paid' });

    stale = true;
    fireEvent.click(screen.getByRole('button', { name: 'Marcar como no pagado' }));
    expect((await screen.findByTestId('order-action-error')).textContent).toContain('Otra persona modificó este pedido');
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/v1/orders/7').length).toBeGreaterThan(1),
    );
  });

  test('a pending quote can be cancelled or converted; converting opens the new order', async () => {
    const quote = makeOrder({ id: '8', number: 'C-000008', kind: 'quote' });
    const created = makeOrder({ id: '11', number: 'P-000011', quote_id: '8' });
    const { router } = renderAs('owner', '/admin/orders/8', (req, url) => {
      if (url.pathname === '/api/v1/orders/8') return json(quote);
      if (url.pathname === '/api/v1/orders/11') return json(created);
      if (url.pathname.endsWith('/events')) return json({ items: [], next_cursor: null });
      if (url.pathname === '/api/v1/orders/8/convert' && req.method === 'POST') return json(created, 201);
      return problem(404, 'not_found');
    });
    await screen.findByTestId('order-number');
    expect(actionTestIds()).toEqual(['convert-quote', 'transition-cancelled']);
    expect(screen.getByRole('button', { name: 'Cancelar presupuesto' })).toBeTruthy();
    expect(screen.queryByTestId('toggle-payment')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Convertir en pedido' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/orders/11'));
    await waitFor(() => expect(screen.getByTestId('order-number').textContent).toBe('P-000011'));
    expect(screen.getByText('Presupuesto convertido en este pedido.')).toBeTruthy();
    expect(screen.getByTestId('from-quote-link').getAttribute('href')).toBe('/admin/orders/8');
  });

  test('an unknown order says so', async () => {
    renderAs('owner', '/admin/orders/999', () => problem(404, 'not_found'));
    expect(await screen.findByText('Este pedido no existe o no tienes acceso a él')).toBeTruthy();
  });
});
