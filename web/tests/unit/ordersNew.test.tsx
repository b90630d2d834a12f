import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { newIdempotencyKey } from '../../src/api/orders';
import { parseQuantity, splitLineErrors } from '../../src/pages/orders/NewOrderPage';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { makeCatalog, makeCredit, makeOrder, makeProduct, problem, renderAs } from './orderFixtures';

afterEach(() => setApiClient(null));

const screws = makeProduct();
const plugs = makeProduct({ id: 'p2', sku: 'TAC-6', name: 'Taco 6 mm', base_price_minor: 250, price_minor: 225, available: 1 });

function server(onPost: (req: Request) => Response | Promise<Response>) {
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/42') return json(makeCustomer({ discount_percent: 10 }));
    if (url.pathname === '/api/v1/customers/42/credit') return json(makeCredit());
    if (url.pathname === '/api/v1/customers/42/catalog') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json(makeCatalog([screws, plugs].filter((p) => !q || `${p.sku} ${p.name}`.toLowerCase().includes(q))));
    }
    if (url.pathname === '/api/v1/customers') {
      return json({ items: [makeCustomer()], next_cursor: null });
    }
    if (url.pathname === '/api/v1/orders' && req.method === 'POST') return onPost(req);
    if (url.pathname === '/api/v1/orders/7') return json(makeOrder());
    if (url.pathname === '/api/v1/orders/7/events') return json({ items: [], next_cursor: null });
    return problem(404, 'not_found');
  };
}

async function addBoth() {
  const options = await screen.findAllByTestId('product-option');
  expect(options).toHaveLength(2);
  fireEvent.click(within(options[0]).getByTestId('add-product'));
  fireEvent.click(within(options[1]).getByTestId('add-product'));
  await screen.findAllByTestId('new-order-line');
}

describe('helpers', () => {
  test('quantities and line errors', () => {
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity(' 12 ')).toBe(12);
    expect(parseQuantity('0')).toBeNull();
    expect(parseQuantity('1.5')).toBeNull();
    expect(parseQuantity('1000001')).toBeNull();
    const t = (k: string) => k;
    const split = splitLineErrors(
      [
        { field: 'lines[1].quantity', code: 'out_of_range', message: 'x' },
        { field: 'lines[0].product_id', code: 'invalid', message: 'x' },
        { field: 'note', code: 'too_long', message: 'x' },
      ],
      t,
    );
    expect(split.lines).toEqual({ 0: { product: 'orders.new.errors.product' }, 1: { quantity: 'orders.new.errors.quantityRange' } });
    expect(split.fields).toEqual({ note: 'errors.field.too_long' });
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});

describe('new order', () => {
  test('adds lines from the customer catalogue, previews the total and posts once with an Idempotency-Key', async () => {
    const { requests, router } = renderAs(
      'sales',
      '/admin/orders/new?customer_id=42',
      server(() => json(makeOrder(), 201)),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Nuevo pedido' })).toBeTruthy();
    expect((await screen.findByTestId('selected-customer')).textContent).toContain('Ferretería Núñez Hermanos');
    await addBoth();
    // Adding a product again adds one more unit instead of a second line.
    fireEvent.click(within(screen.getAllByTestId('product-option')[0]).getByTestId('add-product'));
    const lines = screen.getAllByTestId('new-order-line');
    expect(lines).toHaveLength(2);
    expect((screen.getByTestId('line-qty-0') as HTMLInputElement).value).toBe('2');
    fireEvent.change(screen.getByTestId('line-qty-0'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('line-qty-1'), { target: { value: '2' } });
    expect(screen.getByTestId('line-preview-0').textContent).toMatch(/27,00\s€/);
    expect(screen.getByTestId('line-preview-1').textContent).toMatch(/4,50\s€/);
    expect(screen.getByTestId('new-order-total').textContent).toMatch(/31,50\s€/);
    // Over the stock: a hint, not a block.
    expect(within(lines[1]).getByText('Solo queda 1 en stock.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Nota'), { target: { value: '  Urgente  ' } });

    const submit = screen.getByTestId('submit-order');
    fireEvent.click(submit);
    fireEvent.click(submit);
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/orders/7'));
    const posts = requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/orders');
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const keys = new Set(posts.map((p) => p.headers.get('Idempotency-Key')));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await posts[0].json()).toEqual({
      kind: 'order',
      customer_id: '42',
      lines: [
        { product_id: 'p1', quantity: 3 },
        { product_id: 'p2', quantity: 2 },
      ],
      note: 'Urgente',
    });
    expect(await screen.findByText('Pedido creado.')).toBeTruthy();
  });

  test('a quote is posted with kind=quote', async () => {
    const { requests } = renderAs(
      'owner',
      '/admin/orders/new?customer_id=42&kind=quote',
      server(() => json(makeOrder({ kind: 'quote', number: 'C-000007' }), 201)),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Nuevo presupuesto' })).toBeTruthy();
    expect((screen.getByTestId('kind-quote') as HTMLInputElement).checked).toBe(true);
    await addBoth();
    fireEvent.click(screen.getByRole('button', { name: 'Crear presupuesto' }));
    expect(await screen.findByText('Presupuesto creado.')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(((await post.json()) as { kind: string }).kind).toBe('quote');
  });

  test('422 errors naming lines[i] show on that line; a corrected form gets a new key', async () => {
    let calls = 0;
    const { requests } = renderAs(
      'owner',
      '/admin/orders/new?customer_id=42',
      server(() => {
        calls++;
        return calls === 1
          ? problem(422, 'validation_failed', [
              { field: 'lines[1].quantity', code: 'out_of_range', message: 'too many' },
              { field: 'lines[0].product_id', code: 'invalid', message: 'not in scope' },
            ])
          : json(makeOrder(), 201);
      }),
    );
    await addBoth();
    fireEvent.click(screen.getByTestId('submit-order'));
    expect((await screen.findByTestId('line-error-quantity-1')).textContent).toBe(
      'Escribe una cantidad entera entre 1 y 1.000.000.',
    );
    expect(screen.getByTestId('line-error-product-0').textContent).toContain('no se puede pedir');
    expect(screen.getByTestId('line-qty-1').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('order-form-error').textContent).toContain('Revisa los datos marcados.');

    fireEvent.click(screen.getByRole('button', { name: 'Quitar Tornillo 8 mm (caja)' }));
    fireEvent.click(screen.getByTestId('submit-order'));
    await screen.findByText('Pedido creado.');
    const keys = requests.filter((r) => r.method === 'POST').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  test('a bad quantity is caught before sending', async () => {
    const { requests } = renderAs('owner', '/admin/orders/new?customer_id=42', server(() => json(makeOrder(), 201)));
    await addBoth();
    fireEvent.change(screen.getByTestId('line-qty-0'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('submit-order'));
    expect(await screen.findByTestId('line-error-quantity-0')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  test('picks the customer by searching, then searches its catalogue', async () => {
    const { router, requests } = renderAs('owner', '/admin/orders/new', server(() => json(makeOrder(), 201)));
    fireEvent.change(await screen.findByTestId('customer-search'), { target: { value: 'ferre' } });
    fireEvent.click(await screen.findByTestId('customer-option'));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('customer_id')).toBe('42'));
    await screen.findByTestId('selected-customer');
    await screen.findAllByTestId('product-option');
    fireEvent.change(screen.getByTestId('product-search'), { target: { value: 'taco' } });
    await waitFor(() => expect(screen.getAllByTestId('product-option')).toHaveLength(1));
    expect(requests.some((r) => r.url.includes('/customers/42/catalog') && new URL(r.url).searchParams.get('q') === 'taco')).toBe(true);
    const option = screen.getByTestId('product-option');
    expect(within(option).getByText('TAC-6')).toBeTruthy();
    expect(within(option).getByTestId('product-price').textContent).toMatch(/2,25\s€/);
  });

  test('an order that comes back held says "Retenido por crédito"', async () => {
    renderAs(
      'owner',
      '/admin/orders/new?customer_id=42',
      server(() => json(makeOrder({ approval_status: 'held' }), 201)),
    );
    await addBoth();
    fireEvent.click(screen.getByTestId('submit-order'));
    const banner = await screen.findByTestId('held-banner');
    expect(banner.textContent).toContain('Retenido por crédito');
  });
});
