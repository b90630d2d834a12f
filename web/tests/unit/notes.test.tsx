import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import type { Note } from '../../src/api/notes';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
  vi.unstubAllGlobals();
});

function makeNote(overrides: Partial<Note> = {}): Note {
  return {
    id: 'n1',
    customer_id: '42',
    body: 'Llamar el lunes',
    priority: 'none',
    author: { id: '1', name: 'Olga Dueñas' },
    created_at: '2026-11-20T09:30:00Z',
    updated_at: '2026-11-20T09:30:00Z',
    version: 1,
    ...overrides,
  };
}

// Deliberately not in priority order where it would not matter: the server's order is shown as is.
const SERVER_ORDER: Note[] = [
  makeNote({ id: 'a', priority: 'high', body: 'Cliente moroso:\nno servir sin pago', created_at: '2026-11-18T08:00:00Z', updated_at: '2026-11-18T08:00:00Z' }),
  makeNote({ id: 'b', priority: 'medium', body: 'Prefiere WhatsApp', created_at: '2026-11-21T10:00:00Z', updated_at: '2026-11-22T11:00:00Z', version: 3 }),
  makeNote({ id: 'c', priority: 'none', body: 'Llamar el lunes', author: { id: null, name: 'Antiguo comercial' } }),
];

function notesServer(opts: { notes?: Note[]; onPost?: (body: unknown) => Response; onPatch?: (req: Request) => Response } = {}) {
  let notes = opts.notes ?? SERVER_ORDER;
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/42') return json(makeCustomer());
    if (url.pathname === '/api/v1/customers/42/notes' && req.method === 'GET') return json({ items: notes, next_cursor: null });
    if (url.pathname === '/api/v1/customers/42/notes' && req.method === 'POST') {
      const body = (await req.json()) as { body: string; priority: Note['priority'] };
      if (opts.onPost) return opts.onPost(body);
      const note = makeNote({ id: 'new', body: body.body, priority: body.priority });
      notes = [note, ...notes];
      return json(note, 201);
    }
    const one = /^\/api\/v1\/notes\/([^/]+)$/.exec(url.pathname);
    if (one && req.method === 'PATCH') {
      if (opts.onPatch) return opts.onPatch(req);
      const changes = (await req.json()) as Partial<Note>;
      notes = notes.map((n) => (n.id === one[1] ? { ...n, ...changes, version: n.version + 1, updated_at: '2026-11-23T12:00:00Z' } : n));
      return json(notes.find((n) => n.id === one[1]));
    }
    if (one && req.method === 'DELETE') {
      notes = notes.filter((n) => n.id !== one[1]);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/v1/customers/42/credit') return problem(404, 'not_found');
    if (url.pathname === '/api/v1/orders') return json({ items: [], next_cursor: null });
    if (url.pathname === '/api/v1/customers/42/quick-links') return json({ items: [], next_cursor: null });
    return problem(404, 'not_found');
  };
}

const count = (requests: Request[], method: string, path: string) =>
  requests.filter((r) => r.method === method && new URL(r.url).pathname === path).length;

describe('customer page: notes panel', () => {
  test('shows the notes in the server order with their priority, author, date and "editado"', async () => {
    renderAs('owner', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    const items = await within(panel).findAllByTestId('note-item');
    expect(items.map((i) => i.getAttribute('data-note-id'))).toEqual(['a', 'b', 'c']);
    expect(items[0].className).toContain('notes-item--high');
    expect(items[1].className).toContain('notes-item--medium');
    expect(items[2].className).toContain('notes-item--none');
    expect(within(items[0]).getByTestId('note-priority-badge').textContent).toBe('Alta');
    expect(within(items[1]).getByTestId('note-priority-badge').textContent).toBe('Media');
    expect(within(items[2]).getByTestId('note-priority-badge').textContent).toBe('Sin prioridad');
    // Line breaks are kept as typed (rendered with white-space: pre-wrap).
    expect(within(items[0]).getByTestId('note-text').textContent).toBe('Cliente moroso:\nno servir sin pago');
    expect(within(items[0]).getByTestId('note-author').textContent).toBe('Olga Dueñas');
    expect(within(items[2]).getByTestId('note-author').textContent).toBe('Antiguo comercial');
    expect(within(items[0]).getByTestId('note-date').textContent).toMatch(/18 nov 2026/);
    expect(within(items[1]).getByTestId('note-edited').textContent).toBe('editado');
    expect(within(items[0]).queryByTestId('note-edited')).toBeNull();
  });

  test('an empty list says so', async () => {
    renderAs('owner', '/admin/customers/42', notesServer({ notes: [] }));
    const empty = await screen.findByTestId('notes-empty');
    expect(empty.textContent).toContain('Todavía no hay notas');
  });

  test('a failed load offers a retry', async () => {
    let fail = true;
    const server = notesServer();
    renderAs('owner', '/admin/customers/42', async (req, url) => {
      if (url.pathname === '/api/v1/customers/42/notes' && fail) return problem(500, 'internal');
      return server(req, url);
    });
    const panel = await screen.findByTestId('notes-panel');
    const retry = await within(panel).findByRole('button', { name: 'Reintentar' });
    fail = false;
    fireEvent.click(retry);
    expect(await within(panel).findAllByTestId('note-item')).toHaveLength(3);
  });

  test('adds a note with its priority, sends the right body and refreshes list and customer', async () => {
    const { requests } = renderAs('sales', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    await within(panel).findAllByTestId('note-item');
    const customerLoads = count(requests, 'GET', '/api/v1/customers/42');

    fireEvent.change(within(panel).getByLabelText('Nueva nota'), { target: { value: '  Pide presupuesto\nantes del viernes ' } });
    fireEvent.click(within(panel).getByRole('radio', { name: 'Alta' }));
    expect(within(panel).getByTestId('note-priority-high').closest('label')!.className).toContain('--on');
    fireEvent.click(within(panel).getByRole('button', { name: 'Añadir nota' }));

    await waitFor(() => expect(within(panel).getAllByTestId('note-item')).toHaveLength(4));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/v1/customers/42/notes');
    expect(await post.json()).toEqual({ body: 'Pide presupuesto\nantes del viernes', priority: 'high' });
    expect((within(panel).getByLabelText('Nueva nota') as HTMLTextAreaElement).value).toBe('');
    expect(within(panel).getByTestId('note-priority-none').closest('label')!.className).toContain('--on');
    await waitFor(() => expect(count(requests, 'GET', '/api/v1/customers/42')).toBeGreaterThan(customerLoads));
  });

  test('Ctrl+Enter submits; an empty note is refused without calling the server', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    await within(panel).findAllByTestId('note-item');
    const text = within(panel).getByLabelText('Nueva nota');
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    expect((await within(panel).findByTestId('note-body-error')).textContent).toBe('Escribe el texto de la nota.');
    expect(count(requests, 'POST', '/api/v1/customers/42/notes')).toBe(0);

    fireEvent.change(text, { target: { value: 'Enviar catálogo' } });
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(count(requests, 'POST', '/api/v1/customers/42/notes')).toBe(1));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ body: 'Enviar catálogo', priority: 'none' });
  });

  test('shows the server field errors next to the inputs', async () => {
    renderAs(
      'owner',
      '/admin/customers/42',
      notesServer({
        onPost: () =>
          json(
            {
              status: 422,
              code: 'validation_failed',
              errors: [
                { field: 'body', code: 'too_long', message: 'too long' },
                { field: 'priority', code: 'invalid_enum', message: 'bad' },
              ],
            },
            422,
          ),
      }),
    );
    const panel = await screen.findByTestId('notes-panel');
    await within(panel).findAllByTestId('note-item');
    fireEvent.change(within(panel).getByLabelText('Nueva nota'), { target: { value: 'x' } });
    fireEvent.click(within(panel).getByTestId('add-note'));
    const error = await within(panel).findByTestId('note-body-error');
    expect(error.textContent).not.toBe('');
    expect(within(panel).getByLabelText('Nueva nota').getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByTestId('note-priority').parentElement!.querySelector('.field__error')).not.toBeNull();
  });

  test('the counter appears near the 5000-character limit', async () => {
    renderAs('owner', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    const text = within(panel).getByLabelText('Nueva nota');
    expect(text.getAttribute('maxlength')).toBe('5000');
    fireEvent.change(text, { target: { value: 'a'.repeat(100) } });
    expect(within(panel).queryByTestId('note-counter')).toBeNull();
    fireEvent.change(text, { target: { value: 'a'.repeat(4800) } });
    expect(within(panel).getByTestId('note-counter').textContent).toBe('4800 / 5000');
  });

  test('edits in place with If-Match and only the changed fields; Escape cancels', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    const items = await within(panel).findAllByTestId('note-item');

    // Escape cancels without a request.
    fireEvent.click(within(items[0]).getByTestId('edit-note'));
    const form = await within(panel).findByTestId('note-edit-form');
    fireEvent.keyDown(within(form).getByTestId('note-edit-body'), { key: 'Escape' });
    await waitFor(() => expect(within(panel).queryByTestId('note-edit-form')).toBeNull());

    fireEvent.click(within(within(panel).getAllByTestId('note-item')[1]).getByTestId('edit-note'));
    const edit = await within(panel).findByTestId('note-edit-form');
    expect((within(edit).getByTestId('note-edit-body') as HTMLTextAreaElement).value).toBe('Prefiere WhatsApp');
    fireEvent.change(within(edit).getByTestId('note-edit-body'), { target: { value: 'Prefiere correo' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Guardar' }));

    await waitFor(() => expect(within(panel).queryByTestId('note-edit-form')).toBeNull());
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe('/api/v1/notes/b');
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toEqual({ body: 'Prefiere correo' });
    await waitFor(() => expect(within(panel).getAllByTestId('note-text')[1].textContent).toBe('Prefiere correo'));
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  test('a stale edit (412) explains and reloads the list', async () => {
    const { requests } = renderAs(
      'owner',
      '/admin/customers/42',
      notesServer({ onPatch: () => json({ status: 412, code: 'precondition_failed' }, 412) }),
    );
    const panel = await screen.findByTestId('notes-panel');
    const items = await within(panel).findAllByTestId('note-item');
    const loads = count(requests, 'GET', '/api/v1/customers/42/notes');
    fireEvent.click(within(items[0]).getByTestId('edit-note'));
    const edit = await within(panel).findByTestId('note-edit-form');
    fireEvent.click(within(edit).getByTestId('note-priority-medium'));
    fireEvent.click(within(edit).getByTestId('save-note'));
    const message = await within(panel).findByTestId('notes-message');
    expect(message.textContent).toContain('Otra persona ha cambiado esta nota');
    await waitFor(() => expect(count(requests, 'GET', '/api/v1/customers/42/notes')).toBeGreaterThan(loads));
  });

  test('delete asks for confirmation first and refreshes the list', async () => {
    const { requests } = renderAs('admin', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    const items = await within(panel).findAllByTestId('note-item');

    fireEvent.click(within(items[2]).getByTestId('delete-note'));
    let dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('¿Eliminar esta nota?');
    expect(dialog.textContent).toContain('Llamar el lunes');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    fireEvent.click(within(items[2]).getByTestId('delete-note'));
    dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Eliminar nota' }));
    await waitFor(() => expect(within(panel).getAllByTestId('note-item')).toHaveLength(2));
    const del = requests.find((r) => r.method === 'DELETE')!;
    expect(new URL(del.url).pathname).toBe('/api/v1/notes/c');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('a viewer sees the notes but no form, edit or delete', async () => {
    renderAs('viewer', '/admin/customers/42', notesServer());
    const panel = await screen.findByTestId('notes-panel');
    expect(await within(panel).findAllByTestId('note-item')).toHaveLength(3);
    expect(within(panel).queryByTestId('note-form')).toBeNull();
    expect(within(panel).queryByTestId('edit-note')).toBeNull();
    expect(within(panel).queryByTestId('delete-note')).toBeNull();
  });

  test('speaks English too', async () => {
    const i18n = (await import('../../src/i18n')).default;
    await i18n.changeLanguage('en');
    renderAs('owner', '/admin/customers/42', notesServer({ notes: [] }));
    const panel = await screen.findByTestId('notes-panel');
    expect((await within(panel).findByTestId('notes-empty')).textContent).toContain('No notes yet');
    expect(within(panel).getByRole('button', { name: 'Add note' })).toBeTruthy();
  });
});
