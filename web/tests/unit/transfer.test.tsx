import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { exportUrl, type ImportReport } from '../../src/api/transfer';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
  vi.unstubAllGlobals();
});

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    dry_run: true,
    format: 'csv',
    rows: 2,
    created: 2,
    updated: 0,
    unchanged: 0,
    errors: [],
    error_count: 0,
    warnings: [],
    ...overrides,
  };
}

const BAD = report({
  created: 1,
  errors: [
    { row: 3, field: 'email', code: 'invalid', message: 'Not a valid email address.' },
    { row: 4, field: 'tags[1]', code: 'too_long', message: 'At most 50 characters.' },
    { row: 5, field: 'version', code: 'stale', message: 'Changed after the export.' },
    { row: 6, field: 'colour', code: 'weird', message: 'Something the UI does not know.' },
  ],
  error_count: 4,
  warnings: [{ column: 'I', header: 'Color favorito', code: 'unknown_column', message: 'ignored' }],
});

/** A server with one customer in the list that answers imports with `answer(dryRun, body)`. */
function server(answer: (dryRun: boolean, body: string) => Response) {
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers') return json({ items: [makeCustomer()], next_cursor: null, total: 1 });
    if (url.pathname === '/api/v1/tags') return json({ items: [] });
    if (url.pathname === '/api/v1/customers/import' && req.method === 'POST') {
      return answer(url.searchParams.get('dry_run') === 'true', await req.text());
    }
    return problem(404, 'not_found');
  };
}

async function openMenu() {
  fireEvent.click(await screen.findByTestId('transfer-actions'));
  return screen.findByRole('menu');
}

function chooseFile(content: string, name = 'clientes.csv') {
  const input = screen.getByTestId('import-file') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([content], name, { type: 'text/csv' })] } });
}

describe('export links', () => {
  test('carry the list filters of the page URL and nothing else', () => {
    const params = new URLSearchParams('q=n%C3%BA%C3%B1ez&status=current&tag=vip&tag=norte&temperature=&page=3&sort=-created_at');
    expect(exportUrl('xlsx', params)).toBe(
      '/api/v1/customers/export?format=xlsx&q=n%C3%BA%C3%B1ez&status=current&tag=vip&tag=norte&sort=-created_at',
    );
    expect(exportUrl('csv', new URLSearchParams())).toBe('/api/v1/customers/export?format=csv');
  });

  test('the Acciones menu offers both downloads with the current filters; a viewer cannot import', async () => {
    renderAs('viewer', '/admin/customers?tag=vip&status=potential', server(() => json(report())));
    const menu = await openMenu();
    const excel = within(menu).getByRole('menuitem', { name: 'Lista de clientes (Excel)' });
    expect(excel.getAttribute('href')).toBe('/api/v1/customers/export?format=xlsx&status=potential&tag=vip');
    expect(excel.hasAttribute('download')).toBe(true);
    const csv = within(menu).getByRole('menuitem', { name: 'Lista de clientes (CSV)' });
    expect(csv.getAttribute('href')).toBe('/api/v1/customers/export?format=csv&status=potential&tag=vip');
    expect(within(menu).queryByRole('menuitem', { name: 'Importar clientes…' })).toBeNull();
  });
});

describe('import dialog', () => {
  test('a dry run with errors lists every bad row in Spanish and keeps the import disabled', async () => {
    const calls: { dryRun: boolean; body: string }[] = [];
    const { requests } = renderAs(
      'sales',
      '/admin/customers',
      server((dryRun, body) => {
        calls.push({ dryRun, body });
        return json(BAD);
      }),
    );
    const menu = await openMenu();
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Importar clientes…' }));
    const dialog = await screen.findByTestId('import-dialog');
    chooseFile('Nombre;Correo\nA;x\n');
    const table = await within(dialog).findByTestId('import-errors');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['3', 'Correo electrónico', 'El valor no es válido.'],
      ['4', 'Etiquetas', 'El texto es demasiado largo.'],
      ['5', 'Versión', 'Este cliente ha cambiado desde que se exportó el archivo; expórtalo de nuevo.'],
      ['6', 'colour', 'Something the UI does not know.'],
    ]);
    expect(within(dialog).getByTestId('import-summary').textContent).toBe('1 nuevo, 0 actualizados, 0 sin cambios');
    expect(within(dialog).getByText('Hay 4 errores en el archivo')).toBeTruthy();
    expect(within(dialog).getByTestId('import-warnings').textContent).toContain('Color favorito');
    expect((within(dialog).getByTestId('import-run') as HTMLButtonElement).disabled).toBe(true);
    // Only the dry run was sent, with the file as the body and its CSRF header.
    expect(calls).toEqual([{ dryRun: true, body: 'Nombre;Correo\nA;x\n' }]);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('content-type')).toBe('text/csv');
    expect(post.headers.get('x-csrf-token')).toBe('t0k');
  });

  test('a clean file imports after the dry run, then the list reloads and a notice shows', async () => {
    const calls: boolean[] = [];
    const { requests } = renderAs(
      'owner',
      '/admin/customers',
      server((dryRun) => {
        calls.push(dryRun);
        return json(report({ dry_run: dryRun, created: 2, updated: 1, unchanged: 4 }));
      }),
    );
    fireEvent.click(within(await openMenu()).getByRole('menuitem', { name: 'Importar clientes…' }));
    const dialog = await screen.findByTestId('import-dialog');
    chooseFile('name\nA\nB\n');
    await waitFor(() => expect(within(dialog).getByTestId('import-summary').textContent).toBe('2 nuevos, 1 actualizado, 4 sin cambios'));
    const run = within(dialog).getByTestId('import-run') as HTMLButtonElement;
    expect(run.textContent).toBe('Importar 3 clientes');
    expect(run.disabled).toBe(false);
    const listsBefore = requests.filter((r) => new URL(r.url).pathname === '/api/v1/customers').length;
    fireEvent.click(run);
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toContain('Importación completada');
    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(calls).toEqual([true, false]);
    await waitFor(() =>
      expect(requests.filter((r) => new URL(r.url).pathname === '/api/v1/customers').length).toBeGreaterThan(listsBefore),
    );
  });

  test('a refused import (422 with the report) shows its errors; unreadable files say so', async () => {
    let refuse = true;
    renderAs(
      'owner',
      '/admin/customers',
      server((dryRun, body) => {
        if (body.startsWith('PK')) return problem(400, 'unreadable_file');
        if (dryRun) return json(report());
        if (!refuse) return json(report({ dry_run: false }));
        // Someone changed a customer between the dry run and the import.
        return json({ type: '/problems/validation_failed', title: 'Unprocessable Content', status: 422, code: 'validation_failed', ...BAD, dry_run: false }, 422);
      }),
    );
    fireEvent.click(within(await openMenu()).getByRole('menuitem', { name: 'Importar clientes…' }));
    const dialog = await screen.findByTestId('import-dialog');
    chooseFile('name\nA\nB\n');
    await within(dialog).findByTestId('import-summary');
    fireEvent.click(within(dialog).getByTestId('import-run'));
    await within(dialog).findByTestId('import-errors');
    expect(screen.queryByTestId('import-done')).toBeNull();
    expect((within(dialog).getByTestId('import-run') as HTMLButtonElement).disabled).toBe(true);
    refuse = false;

    chooseFile('PK\u0003\u0004garbage', 'roto.xlsx');
    expect(await within(dialog).findByText('No se puede leer el archivo. Usa un CSV o un Excel (.xlsx).')).toBeTruthy();
    expect(within(dialog).queryByTestId('import-report')).toBeNull();
  });
});
