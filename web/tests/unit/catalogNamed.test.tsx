import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { json, renderApp } from './harness';
import { makeNamed, problem } from './catalogFixtures';

afterEach(() => setApiClient(null));

/** A small in-memory warehouses (or product types) server. */
function namedServer(base: string, opts: { inUse?: string[]; taken?: string[] } = {}) {
  let items = [makeNamed('w1', 'Almacén Norte', 2), makeNamed('w2', 'Almacén Sur')];
  let seq = 3;
  return async (req: Request, url: URL) => {
    if (url.pathname === base && req.method === 'GET') return json({ items, next_cursor: null });
    if (url.pathname === base && req.method === 'POST') {
      const { name } = (await req.json()) as { name: string };
      if (opts.taken?.some((n) => n.toLowerCase() === name.toLowerCase())) {
        return problem(409, 'name_taken', [{ field: 'name', code: 'taken', message: 'taken' }]);
      }
      const created = makeNamed(`w${seq++}`, name);
      items = [...items, created];
      return json(created, 201);
    }
    const m = new RegExp(`^${base}/([^/]+)$`).exec(url.pathname);
    if (m && req.method === 'PATCH') {
      const { name } = (await req.json()) as { name: string };
      const old = items.find((i) => i.id === m[1])!;
      if (req.headers.get('If-Match') !== `"${old.version}"`) return problem(412, 'precondition_failed');
      const renamed = { ...old, name, version: old.version + 1 };
      items = items.map((i) => (i.id === old.id ? renamed : i));
      return json(renamed);
    }
    if (m && req.method === 'DELETE') {
      if (opts.inUse?.includes(m[1])) return problem(409, 'in_use');
      items = items.filter((i) => i.id !== m[1]);
      return new Response(null, { status: 204 });
    }
    return problem(404, 'not_found');
  };
}

describe('warehouses page', () => {
  test('create inline, and a taken name is explained under the box', async () => {
    const { requests } = renderApp('/admin/warehouses', namedServer('/api/v1/warehouses', { taken: ['almacén norte'] }));
    expect(await screen.findByText('Almacén Norte')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Almacenes');
    const box = screen.getByLabelText('Nuevo almacén');

    fireEvent.submit(screen.getByTestId('named-create'));
    expect((await screen.findByTestId('error-new-warehouses')).textContent).toBe('Este campo es obligatorio.');

    fireEvent.change(box, { target: { value: 'almacén norte' } });
    fireEvent.submit(screen.getByTestId('named-create'));
    expect(await screen.findByText('Ya existe un almacén con este nombre.')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(box, { target: { value: 'Almacén Este' } });
    fireEvent.submit(screen.getByTestId('named-create'));
    expect(await screen.findByText('Almacén «Almacén Este» creado.')).toBeTruthy();
    expect(within(screen.getByTestId('named-list')).getByText('Almacén Este')).toBeTruthy();
    expect((box as HTMLInputElement).value).toBe('');
    const post = requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(post.headers.get('X-CSRF-Token')).toBe('t0k');
    expect(await post.json()).toEqual({ name: 'Almacén Este' });
  });

  test('rename inline with If-Match; Escape cancels', async () => {
    const { requests } = renderApp('/admin/warehouses', namedServer('/api/v1/warehouses'));
    fireEvent.click(await screen.findByRole('button', { name: 'Renombrar «Almacén Norte»' }));
    const box = screen.getByLabelText('Nuevo nombre para «Almacén Norte»');
    await waitFor(() => expect(document.activeElement).toBe(box));
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByLabelText('Nuevo nombre para «Almacén Norte»')).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Renombrar «Almacén Norte»' })),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Renombrar «Almacén Norte»' }));
    fireEvent.change(screen.getByLabelText('Nuevo nombre para «Almacén Norte»'), {
      target: { value: 'Almacén Central' },
    });
    fireEvent.submit(screen.getByLabelText('Nuevo nombre para «Almacén Norte»').closest('form')!);
    expect(await screen.findByText('Almacén renombrado a «Almacén Central».')).toBeTruthy();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe('/api/v1/warehouses/w1');
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(await patch.json()).toEqual({ name: 'Almacén Central' });
  });

  test('delete asks for confirmation; a warehouse in use (409) says why', async () => {
    const { requests } = renderApp('/admin/warehouses', namedServer('/api/v1/warehouses', { inUse: ['w1'] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Eliminar «Almacén Sur»' }));
    let dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('¿Eliminar el almacén «Almacén Sur»?');
    // Focus starts on Cancel; Escape closes without deleting.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancelar' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Eliminar «Almacén Sur»' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Eliminar' }));
    expect(await screen.findByText('Almacén «Almacén Sur» eliminado.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(screen.getByTestId('named-list')).queryByText('Almacén Sur')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Eliminar «Almacén Norte»' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Eliminar' }));
    dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('No se puede eliminar «Almacén Norte»');
    expect(dialog.textContent).toContain('Tiene stock registrado de algún producto.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Entendido' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(within(screen.getByTestId('named-list')).getByText('Almacén Norte')).toBeTruthy();
  });
});

describe('product types page', () => {
  test('is reached from the products page and explains a type in use', async () => {
    const types = namedServer('/api/v1/product-types', { inUse: ['w1'] });
    const { router } = renderApp('/admin/products', async (req, url) => {
      if (url.pathname === '/api/v1/products') return json({ items: [], next_cursor: null });
      return types(req, url);
    });
    fireEvent.click(await screen.findByTestId('manage-product-types'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/product-types'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tipos de producto' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Eliminar «Almacén Norte»' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Eliminar' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Hay productos de este tipo.');
  });
});
