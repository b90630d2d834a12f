import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { json, renderApp } from './harness';
import { catalogHandler, makeProduct, problem } from './catalogFixtures';

afterEach(() => setApiClient(null));

const norm = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

describe('products page', () => {
  test('lists SKU, name, type, prices and status, and loads more by cursor', async () => {
    const first = makeProduct();
    const second = makeProduct({ id: '8', sku: 'PIN-1', name: 'Pintura blanca', product_type_id: null, active: false, prices: [] });
    const { requests } = renderApp(
      '/admin/products',
      catalogHandler((_req, url) => {
        if (url.pathname !== '/api/v1/products') return undefined;
        return url.searchParams.get('cursor') === 'c2'
          ? json({ items: [second], next_cursor: null })
          : json({ items: [first], next_cursor: 'c2' });
      }),
    );
    const row = await screen.findByText('Taladro percutor 800 W');
    const item = row.closest('li')!;
    expect(within(item).getByText('TAL-800')).toBeTruthy();
    expect(await within(item).findByText('Herramientas')).toBeTruthy();
    expect(norm(within(item).getByTestId('product-prices').textContent)).toBe('129,90 €139,50 US$');
    expect(within(item).getByText('Activo')).toBeTruthy();
    expect(row.getAttribute('href')).toBe('/admin/products/7/edit');

    fireEvent.click(screen.getByRole('button', { name: 'Cargar más' }));
    const other = (await screen.findByText('Pintura blanca')).closest('li')!;
    expect(within(other).getByText('Sin precios')).toBeTruthy();
    expect(within(other).getByText('Inactivo')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cargar más' })).toBeNull();
    expect(screen.getByText('Mostrando 2 productos')).toBeTruthy();
    const firstReq = new URL(requests.find((r) => new URL(r.url).pathname === '/api/v1/products')!.url);
    expect(firstReq.searchParams.get('limit')).toBe('25');
    expect(requests.some((r) => new URL(r.url).searchParams.get('cursor') === 'c2')).toBe(true);
  });

  test('search as you type and the filters live in the URL and are sent to the server', async () => {
    const { requests, router } = renderApp('/admin/products', catalogHandler());
    await screen.findByText('Taladro percutor 800 W');
    const box = screen.getByLabelText('Buscar productos');
    fireEvent.change(box, { target: { value: 'ta' } });
    fireEvent.change(box, { target: { value: 'taladro' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=taladro'));
    await waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get('q') === 'taladro')).toBe(true),
    );
    expect(requests.some((r) => new URL(r.url).searchParams.get('q') === 'ta')).toBe(false);

    await screen.findByRole('option', { name: 'Pinturas' });
    fireEvent.change(screen.getByTestId('filter-type'), { target: { value: 't2' } });
    fireEvent.change(screen.getByTestId('filter-active'), { target: { value: 'false' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=taladro&type=t2&active=false'));
    await waitFor(() => {
      const last = new URL(requests.filter((r) => new URL(r.url).pathname === '/api/v1/products').at(-1)!.url);
      expect(last.searchParams.get('product_type_id')).toBe('t2');
      expect(last.searchParams.get('active')).toBe('false');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Quitar filtros' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  test('empty and error states', async () => {
    let fail = true;
    renderApp(
      '/admin/products',
      catalogHandler((_req, url) =>
        url.pathname === '/api/v1/products'
          ? fail
            ? problem(500, 'internal')
            : json({ items: [], next_cursor: null })
          : undefined,
      ),
    );
    expect(await screen.findByText('El servidor tuvo un problema. Vuelve a intentarlo en un momento.')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Reintentar' }));
    expect(await screen.findByText('Todavía no hay productos')).toBeTruthy();
  });
});

describe('product form', () => {
  test('a new product is created with prices in minor units, then its stock', async () => {
    const created = makeProduct({ id: '9', version: 1 });
    const { requests, router } = renderApp(
      '/admin/products/new',
      catalogHandler((req, url) => {
        if (req.method === 'POST' && url.pathname === '/api/v1/products') return json(created, 201);
        if (req.method === 'PUT') return json({ items: [{ warehouse_id: 'w1', quantity: 12 }], next_cursor: null });
        return undefined;
      }, [created]),
    );
    fireEvent.change(await screen.findByLabelText('Nombre'), { target: { value: 'Taladro percutor 800 W' } });
    fireEvent.change(screen.getByLabelText('SKU'), { target: { value: 'TAL-800' } });
    await screen.findByRole('option', { name: 'Herramientas' });
    fireEvent.change(screen.getByLabelText('Tipo de producto'), { target: { value: 't1' } });
    fireEvent.click(screen.getByTestId('add-price'));
    fireEvent.change(screen.getByLabelText('Precio en EUR'), { target: { value: '129,90' } });
    fireEvent.click(screen.getByTestId('add-price'));
    const usd = screen.getByLabelText('Precio en USD');
    await waitFor(() => expect(document.activeElement).toBe(usd));
    fireEvent.change(usd, { target: { value: '139.5' } });
    fireEvent.click(screen.getByTestId('add-price'));
    // A third row in a zero-decimal currency.
    const third = screen.getByLabelText('Moneda del precio 3');
    fireEvent.change(third, { target: { value: 'JPY' } });
    fireEvent.change(screen.getByLabelText('Precio en JPY'), { target: { value: '2.000' } });
    expect(screen.getAllByTestId('price-preview').map((p) => norm(p.textContent))).toEqual([
      '129,90 €',
      '139,50 US$',
      '2000 JPY',
    ]);
    fireEvent.change(await screen.findByLabelText('Almacén Norte'), { target: { value: '12' } });
    expect(screen.getByTestId('stock-total').textContent).toBe('Total: 12 unidades');
    fireEvent.submit(screen.getByTestId('product-form'));

    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/products/9/edit'), { timeout: 5000 });
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('X-CSRF-Token')).toBe('t0k');
    expect(await post.json()).toEqual({
      sku: 'TAL-800',
      name: 'Taladro percutor 800 W',
      active: true,
      product_type_id: 't1',
      prices: [
        { currency: 'EUR', amount_minor: 12990 },
        { currency: 'USD', amount_minor: 13950 },
        { currency: 'JPY', amount_minor: 2000 },
      ],
    });
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(new URL(put.url).pathname).toBe('/api/v1/products/9/stock');
    expect(await put.json()).toEqual({ items: [{ warehouse_id: 'w1', quantity: 12 }] });
    expect(await screen.findByText('Producto creado.', {}, { timeout: 5000 })).toBeTruthy();
  });

  test('a taken SKU (409) shows under the SKU field and takes the focus', async () => {
    renderApp(
      '/admin/products/new',
      catalogHandler((req) =>
        req.method === 'POST'
          ? problem(409, 'sku_taken', [{ field: 'sku', code: 'taken', message: 'Another product has this SKU.' }])
          : undefined,
      ),
    );
    fireEvent.change(await screen.findByLabelText('Nombre'), { target: { value: 'Otro' } });
    const sku = screen.getByLabelText('SKU');
    fireEvent.change(sku, { target: { value: 'tal-800' } });
    fireEvent.submit(screen.getByTestId('product-form'));
    expect((await screen.findByTestId('error-field-sku')).textContent).toBe('Ya hay otro producto con este SKU.');
    expect(sku.getAttribute('aria-invalid')).toBe('true');
    expect(sku.getAttribute('aria-describedby')).toBe('field-sku-error');
    await waitFor(() => expect(document.activeElement).toBe(sku));
    fireEvent.change(sku, { target: { value: 'TAL-801' } });
    expect(screen.queryByTestId('error-field-sku')).toBeNull();
  });

  test('bad amounts are caught before sending; server errors land on their price row', async () => {
    const { requests } = renderApp(
      '/admin/products/new',
      catalogHandler((req) =>
        req.method === 'POST'
          ? problem(422, 'validation_failed', [
              { field: 'prices[1].amount_minor', code: 'out_of_range', message: 'Must be 0 or more.' },
            ])
          : undefined,
      ),
    );
    fireEvent.change(await screen.findByLabelText('Nombre'), { target: { value: 'Taladro' } });
    fireEvent.change(screen.getByLabelText('SKU'), { target: { value: 'TAL-1' } });
    fireEvent.click(screen.getByTestId('add-price'));
    fireEvent.click(screen.getByTestId('add-price'));
    fireEvent.change(screen.getByLabelText('Precio en EUR'), { target: { value: '12,999' + '9' } });
    fireEvent.change(screen.getByLabelText('Precio en USD'), { target: { value: '5' } });
    fireEvent.submit(screen.getByTestId('product-form'));
    expect((await screen.findByTestId('error-prices-0-amount')).textContent).toBe(
      'Escribe un precio válido, con 2 decimales como máximo.',
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Precio en EUR')));
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByLabelText('Precio en EUR'), { target: { value: '12,99' } });
    expect(screen.queryByTestId('error-prices-0-amount')).toBeNull();
    fireEvent.submit(screen.getByTestId('product-form'));
    expect((await screen.findByTestId('error-prices-1-amount')).textContent).toBe(
      'El valor está fuera del rango permitido.',
    );
    expect(screen.getByText('Revisa los campos marcados.')).toBeTruthy();

    // Removing a row drops it from what is sent.
    fireEvent.click(screen.getByRole('button', { name: 'Quitar el precio en USD' }));
    expect(screen.queryByLabelText('Precio en USD')).toBeNull();
    expect(screen.queryByTestId('error-prices-1-amount')).toBeNull();
  });

  test('an edit PATCHes only the changed fields with If-Match, and PUTs stock only when it changed', async () => {
    const product = makeProduct();
    const { requests } = renderApp(
      '/admin/products/7/edit',
      catalogHandler(
        (req) => {
          if (req.method === 'PATCH') return json({ ...product, name: 'Taladro 900 W', version: 3 });
          if (req.method === 'PUT') return json({ items: [{ warehouse_id: 'w1', quantity: 12 }, { warehouse_id: 'w2', quantity: 4 }], next_cursor: null });
          return undefined;
        },
        [product],
      ),
    );
    const name = await screen.findByLabelText('Nombre');
    expect((name as HTMLInputElement).value).toBe('Taladro percutor 800 W');
    expect((screen.getByLabelText('Precio en EUR') as HTMLInputElement).value).toBe('129,90');
    expect(((await screen.findByLabelText('Almacén Norte')) as HTMLInputElement).value).toBe('12');

    // Nothing changed: nothing is sent.
    fireEvent.submit(screen.getByTestId('product-form'));
    expect(await screen.findByText('No había cambios que guardar.')).toBeTruthy();
    expect(requests.some((r) => r.method === 'PATCH' || r.method === 'PUT')).toBe(false);

    fireEvent.change(name, { target: { value: 'Taladro 900 W' } });
    fireEvent.change(screen.getByLabelText('Almacén Sur'), { target: { value: '4' } });
    fireEvent.submit(screen.getByTestId('product-form'));
    expect(await screen.findByText('Cambios guardados.')).toBeTruthy();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(await patch.json()).toEqual({ name: 'Taladro 900 W' });
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(await put.json()).toEqual({
      items: [
        { warehouse_id: 'w1', quantity: 12 },
        { warehouse_id: 'w2', quantity: 4 },
      ],
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Taladro 900 W');
  });

  test('a 412 says someone else changed it and offers to reload', async () => {
    let current = makeProduct();
    renderApp(
      '/admin/products/7/edit',
      catalogHandler((req, url) => {
        if (req.method === 'PATCH') return problem(412, 'precondition_failed');
        if (url.pathname === '/api/v1/products/7') return json(current);
        return undefined;
      }),
    );
    const name = await screen.findByLabelText('Nombre');
    fireEvent.change(name, { target: { value: 'Mío' } });
    fireEvent.submit(screen.getByTestId('product-form'));
    expect(await screen.findByText('Otra persona ha modificado este producto')).toBeTruthy();
    current = makeProduct({ name: 'Suyo', version: 3 });
    fireEvent.click(screen.getByTestId('reload-latest'));
    await waitFor(() => expect((screen.getByLabelText('Nombre') as HTMLInputElement).value).toBe('Suyo'));
    expect(screen.queryByText('Otra persona ha modificado este producto')).toBeNull();
  });

  test('an unknown product shows a not-found state', async () => {
    renderApp('/admin/products/404/edit', catalogHandler());
    expect(await screen.findByText('Este producto no existe')).toBeTruthy();
  });
});
