import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import type { QuickLink } from '../../src/api/orders';
import { endOfDayIso } from '../../src/pages/orders/QuickLinksPanel';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { makeCredit, makeOrder, makeQuickLink, problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
  vi.unstubAllGlobals();
});

function customerServer(opts: { credit?: ReturnType<typeof makeCredit>; links?: QuickLink[] } = {}) {
  let links = opts.links ?? [makeQuickLink({ id: 'old', state: 'revoked', revoked_at: '2026-11-21T10:00:00Z', orders_count: 4 })];
  let n = 0;
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/42') return json(makeCustomer({ last_order_at: '2026-11-22T14:03:00Z' }));
    if (url.pathname === '/api/v1/customers/42/credit') return json(opts.credit ?? makeCredit());
    if (url.pathname === '/api/v1/orders') {
      return json({
        items: [makeOrder(), makeOrder({ id: '9', number: 'P-000009', source: 'quick_link', status: 'shipped' })],
        next_cursor: null,
      });
    }
    if (url.pathname === '/api/v1/customers/42/quick-links' && req.method === 'GET') {
      return json({ items: links, next_cursor: null });
    }
    if (url.pathname === '/api/v1/customers/42/quick-links' && req.method === 'POST') {
      n++;
      const link = makeQuickLink({ id: `new${n}`, created_at: '2026-11-22T15:00:00Z' });
      links = [link, ...links];
      return json({ ...link, token: `tok${n}`, url: `http://cartera.test/q/tok${n}` }, 201);
    }
    const del = /^\/api\/v1\/quick-links\/([^/]+)$/.exec(url.pathname);
    if (del && req.method === 'DELETE') {
      links = links.map((l) => (l.id === del[1] ? { ...l, state: 'revoked', revoked_at: '2026-11-22T16:00:00Z' } : l));
      return new Response(null, { status: 204 });
    }
    const regen = /^\/api\/v1\/quick-links\/([^/]+)\/regenerate$/.exec(url.pathname);
    if (regen && req.method === 'POST') {
      links = links.map((l) => (l.id === regen[1] ? { ...l, state: 'revoked', revoked_at: '2026-11-22T16:00:00Z' } : l));
      const link = makeQuickLink({ id: 'regen' });
      links = [link, ...links];
      return json({ ...link, token: 'tokR', url: 'http://cartera.test/q/tokR' }, 201);
    }
    return problem(404, 'not_found');
  };
}

describe('customer page: order panels', () => {
  test('keeps the existing page and adds credit, orders and quick links', async () => {
    renderAs('owner', '/admin/customers/42', customerServer({ credit: makeCredit({ overdue_minor: 12345, held_orders: 2 }) }));
    expect((await screen.findByTestId('customer-name')).textContent).toBe('Ferretería Núñez Hermanos');
    expect(screen.getByTestId('detail-email')).toBeTruthy();
    expect(screen.getByTestId('detail-discount')).toBeTruthy();
    expect(screen.getByTestId('edit-customer')).toBeTruthy();

    const credit = screen.getByTestId('credit-panel');
    await within(credit).findByTestId('credit-overdue');
    expect(within(credit).getByTestId('credit-limit').textContent).toMatch(/1500,00\s€/);
    const overdue = within(credit).getByTestId('credit-overdue');
    expect(overdue.getAttribute('data-alert')).toBe('true');
    expect(overdue.querySelector('dd')!.className).toContain('ord-text-critical');
    expect(within(credit).getByTestId('credit-available').textContent).toMatch(/1000,00\s€/);
    const held = within(credit).getByRole('link', { name: '2 pedidos retenidos' });
    expect(held.getAttribute('href')).toBe('/admin/orders?customer_id=42&held=1');
    expect(within(credit).getByTestId('last-order-at').textContent).toMatch(/22 nov 2026/);

    const orders = screen.getByTestId('customer-orders-panel');
    const rows = await within(orders).findAllByTestId('order-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getByTestId('order-status').textContent).toBe('Enviado');
    expect(within(orders).getByTestId('customer-orders-all').getAttribute('href')).toBe('/admin/orders?customer_id=42');
    expect(within(orders).getByTestId('customer-new-order').getAttribute('href')).toBe('/admin/orders/new?customer_id=42');
    expect(within(orders).getByTestId('customer-new-quote').getAttribute('href')).toBe(
      '/admin/orders/new?customer_id=42&kind=quote',
    );
  });

  test('credit without overdue is not red; no limit reads "Sin límite"', async () => {
    renderAs(
      'owner',
      '/admin/customers/42',
      customerServer({ credit: makeCredit({ credit_limit_minor: null, available_minor: null }) }),
    );
    const credit = await screen.findByTestId('credit-panel');
    const overdue = await within(credit).findByTestId('credit-overdue');
    expect(overdue.getAttribute('data-alert')).toBeNull();
    expect(within(credit).getByTestId('credit-limit').textContent).toContain('Sin límite');
    expect(within(credit).getByTestId('credit-held').textContent).toContain('Ninguno');
  });

  test('orders panel asks for the latest 10 of this customer', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', customerServer());
    await screen.findAllByTestId('order-row');
    const sent = new URL(requests.find((r) => new URL(r.url).pathname === '/api/v1/orders')!.url).searchParams;
    expect(sent.get('customer_id')).toBe('42');
    expect(sent.get('limit')).toBe('10');
  });

  test('generates a quick-order link, shows its URL once with a copy button, and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { requests } = renderAs('sales', '/admin/customers/42', customerServer());
    const panel = await screen.findByTestId('quick-links-panel');
    expect((await within(panel).findByTestId('quick-link-row')).getAttribute('data-state')).toBe('revoked');
    fireEvent.click(within(panel).getByRole('button', { name: 'Generar enlace de pedido rápido' }));
    const box = await within(panel).findByTestId('new-quick-link');
    expect((within(box).getByTestId('quick-link-url') as HTMLInputElement).value).toBe('http://cartera.test/q/tok1');
    expect(box.textContent).toContain('Solo se muestra esta vez');
    fireEvent.click(within(box).getByRole('button', { name: 'Copiar' }));
    await within(box).findByRole('button', { name: 'Copiado' });
    expect(writeText).toHaveBeenCalledWith('http://cartera.test/q/tok1');
    await waitFor(() => expect(within(panel).getAllByTestId('quick-link-row')).toHaveLength(2));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({});
  });

  test('copy falls back to selecting the text when the clipboard is unavailable', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    renderAs('owner', '/admin/customers/42', customerServer());
    const panel = await screen.findByTestId('quick-links-panel');
    fireEvent.click(within(panel).getByTestId('generate-quick-link'));
    const box = await within(panel).findByTestId('new-quick-link');
    fireEvent.click(within(box).getByTestId('copy-quick-link'));
    await waitFor(() => expect(box.textContent).toContain('No se pudo copiar automáticamente'));
    const input = within(box).getByTestId('quick-link-url') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    expect(input.selectionStart).toBe(0);
    expect(input.selectionEnd).toBe(input.value.length);
  });

  test('an expiry date is sent as the end of that day', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', customerServer());
    const panel = await screen.findByTestId('quick-links-panel');
    fireEvent.change(within(panel).getByTestId('quick-link-expiry'), { target: { value: '2099-12-31' } });
    fireEvent.click(within(panel).getByTestId('generate-quick-link'));
    await within(panel).findByTestId('new-quick-link');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ expires_at: endOfDayIso('2099-12-31') });
    expect(new Date(endOfDayIso('2099-12-31')!).getDate()).toBe(31);

    fireEvent.change(within(panel).getByTestId('quick-link-expiry'), { target: { value: '2001-01-01' } });
    fireEvent.click(within(panel).getByTestId('generate-quick-link'));
    expect(await within(panel).findByText('Elige una fecha a partir de hoy.')).toBeTruthy();
  });

  test('revoking asks for confirmation, then the link reads as revoked', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', customerServer({ links: [makeQuickLink()] }));
    const panel = await screen.findByTestId('quick-links-panel');
    const row = await within(panel).findByTestId('quick-link-row');
    expect(within(row).getByTestId('quick-link-state').textContent).toBe('Activo');
    fireEvent.click(within(row).getByRole('button', { name: 'Revocar' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('¿Revocar este enlace?')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'No, volver' }));
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    fireEvent.click(within(row).getByRole('button', { name: 'Revocar' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sí, revocar' }));
    await waitFor(() =>
      expect(within(panel).getByTestId('quick-link-state').textContent).toBe('Revocado'),
    );
    expect(requests.find((r) => r.method === 'DELETE')!.url).toBe('http://cartera.test/api/v1/quick-links/ql1');
    expect(within(panel).getByTestId('quick-links-message').textContent).toContain('Enlace revocado');
    expect(within(panel).queryByRole('button', { name: 'Revocar' })).toBeNull();
  });

  test('regenerating confirms and shows the new URL', async () => {
    renderAs('owner', '/admin/customers/42', customerServer({ links: [makeQuickLink()] }));
    const panel = await screen.findByTestId('quick-links-panel');
    fireEvent.click(await within(panel).findByRole('button', { name: 'Regenerar' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sí, regenerar' }));
    const box = await within(panel).findByTestId('new-quick-link');
    expect((within(box).getByTestId('quick-link-url') as HTMLInputElement).value).toBe('http://cartera.test/q/tokR');
    expect(box.textContent).toContain('el anterior ya no funciona');
  });

  test('a viewer sees the panels without write actions', async () => {
    renderAs('viewer', '/admin/customers/42', customerServer({ links: [makeQuickLink()] }));
    const panel = await screen.findByTestId('quick-links-panel');
    await within(panel).findByTestId('quick-link-row');
    expect(within(panel).queryByTestId('generate-quick-link')).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Revocar' })).toBeNull();
    expect(screen.queryByTestId('customer-new-order')).toBeNull();
    expect(screen.queryByTestId('edit-customer')).toBeNull();
  });
});
