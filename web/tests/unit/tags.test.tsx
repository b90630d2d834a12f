import { useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createApiClient, setApiClient } from '../../src/api/client';
import { TagInput } from '../../src/pages/tags/TagInput';
import {
  addTags,
  pageSelectionState,
  pickableSuggestions,
  toggleAll,
  toggleSelected,
} from '../../src/pages/tags/tagList';
import { makeCustomer } from './fixtures';
import { json, renderApp } from './harness';

afterEach(() => setApiClient(null));

describe('tag list logic', () => {
  test('addTags splits at commas, trims, keeps one per key ignoring case and accents', () => {
    expect(addTags([], ' VIP , mayorista,, ')).toEqual(['VIP', 'mayorista']);
    expect(addTags(['Exportación'], 'exportacion, EXPORTACIÓN, Obra')).toEqual(['Exportación', 'Obra']);
    const same = ['A'];
    expect(addTags(same, ' a ')).toBe(same);
    expect(addTags(same, '   ')).toBe(same);
    expect(addTags(['a', 'b'], 'c, d, e', 3)).toEqual(['a', 'b', 'c']);
    expect(addTags([], 'x'.repeat(60))).toEqual(['x'.repeat(50)]);
  });

  test('pickableSuggestions leaves out chosen tags and ones that no longer match', () => {
    const suggestions = [
      { name: 'Mayorista', customer_count: 9 },
      { name: 'Madrid', customer_count: 3 },
      { name: 'Málaga', customer_count: 2 },
    ];
    expect(pickableSuggestions(suggestions, ['MAYORISTA'], 'ma').map((s) => s.name)).toEqual(['Madrid', 'Málaga']);
    expect(pickableSuggestions(suggestions, [], 'mal').map((s) => s.name)).toEqual(['Málaga']);
    expect(pickableSuggestions(suggestions, [], '').length).toBe(3);
  });

  test('selection: toggle one, select the page, clear the page, state of the page', () => {
    let selection = toggleSelected([], '1');
    expect(selection).toEqual(['1']);
    expect(pageSelectionState(selection, ['1', '2', '3'])).toBe('some');
    selection = toggleAll(selection, ['1', '2', '3']);
    expect(selection).toEqual(['1', '2', '3']);
    expect(pageSelectionState(selection, ['1', '2', '3'])).toBe('all');
    // Ids picked elsewhere (another section) stay when this page is cleared.
    selection = toggleAll(['9', ...selection], ['1', '2', '3']);
    expect(selection).toEqual(['9']);
    expect(pageSelectionState(selection, ['1', '2', '3'])).toBe('none');
    expect(toggleSelected(['1', '2'], '1')).toEqual(['2']);
    expect(pageSelectionState([], [])).toBe('none');
  });
});

function renderTagInput(
  initial: string[],
  suggestions: { name: string; customer_count: number }[],
  props: Partial<React.ComponentProps<typeof TagInput>> = {},
) {
  const requests: URL[] = [];
  const fetch = vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    requests.push(url);
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    return json({ items: suggestions.filter((s) => s.name.toLowerCase().startsWith(q)) });
  });
  setApiClient(
    createApiClient({
      baseUrl: 'http://cartera.test',
      fetch: fetch as unknown as typeof globalThis.fetch,
      getCookies: () => '',
      onUnauthorized: () => undefined,
    }),
  );
  const changes: string[][] = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <>
        <label htmlFor="tags">Etiquetas</label>
        <TagInput
          {...props}
          id="tags"
          value={value}
          onChange={(next) => {
            changes.push(next);
            setValue(next);
          }}
        />
      </>
    );
  }
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
  const box = props.suggest === false ? screen.getByLabelText('Etiquetas') : screen.getByRole('combobox', { name: 'Etiquetas' });
  return { requests, changes, box };
}

const chips = () => screen.queryAllByTestId('tag-chip').map((c) => c.textContent);

describe('TagInput', () => {
  const inUse = [
    { name: 'Mayorista', customer_count: 120 },
    { name: 'Madrid', customer_count: 4 },
  ];

  test('typing shows suggestions from the server in an accessible listbox; arrows and Enter pick', async () => {
    const { requests, box } = renderTagInput([], inUse);
    expect(box.getAttribute('aria-expanded')).toBe('false');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'ma' } });
    const listbox = await screen.findByRole('listbox', { name: 'Etiquetas en uso' }, { timeout: 5000 });
    await waitFor(() => expect(within(listbox).getAllByRole('option')).toHaveLength(2));
    await waitFor(() =>
      expect(requests.some((u) => u.pathname === '/api/v1/tags' && u.searchParams.get('q') === 'ma')).toBe(true),
    );
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(box.getAttribute('aria-controls')).toBe(listbox.id);
    expect(within(listbox).getAllByRole('option')[0].textContent).toContain('120 clientes');

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const second = within(listbox).getAllByRole('option')[1];
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(second.id);
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(chips()).toEqual(['Mayorista']);
    expect((box as HTMLInputElement).value).toBe('');

    // The chosen tag is no longer offered.
    fireEvent.change(box, { target: { value: 'ma' } });
    await waitFor(() =>
      expect(within(screen.getByRole('listbox', { hidden: true })).getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual([
        expect.stringContaining('Madrid'),
      ]),
    );
    // Escape closes the list and keeps the text.
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect((box as HTMLInputElement).value).toBe('ma');
  });

  test('Enter and comma add what was typed; duplicates ignoring case are skipped; Backspace removes the last', async () => {
    const { box, changes } = renderTagInput(['VIP'], []);
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'Obra pública' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(chips()).toEqual(['VIP', 'Obra pública']);
    fireEvent.change(box, { target: { value: 'vip,Feria 2026,' } });
    expect(chips()).toEqual(['VIP', 'Obra pública', 'Feria 2026']);
    fireEvent.keyDown(box, { key: 'Backspace' });
    expect(chips()).toEqual(['VIP', 'Obra pública']);
    fireEvent.click(screen.getByRole('button', { name: 'Quitar la etiqueta VIP' }));
    expect(chips()).toEqual(['Obra pública']);
    expect(changes.at(-1)).toEqual(['Obra pública']);
    // Enter in an empty box is left to the form (not swallowed).
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    act(() => {
      box.dispatchEvent(enter);
    });
    expect(enter.defaultPrevented).toBe(false);
  });

  test('without suggestions (payment methods): a plain box, no request, its own length and remove label', async () => {
    const { box, requests } = renderTagInput(['transferencia'], inUse, {
      suggest: false,
      maxLength: 60,
      removeLabel: (item) => `Quitar ${item}`,
    });
    expect(box.getAttribute('role')).toBeNull();
    expect(screen.queryByRole('listbox', { hidden: true })).toBeNull();
    expect(box.getAttribute('maxlength')).toBe('60');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'ma' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(box, { target: { value: 'x'.repeat(60) } });
    fireEvent.blur(box);
    expect(chips()).toEqual(['transferencia', 'ma', 'x'.repeat(60)]);
    fireEvent.click(screen.getByRole('button', { name: 'Quitar transferencia' }));
    expect(chips()).toEqual(['ma', 'x'.repeat(60)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toHaveLength(0);
  });

  test('a click on a suggestion adds it', async () => {
    const { box } = renderTagInput([], inUse);
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'mad' } });
    const option = await screen.findByRole('option', { name: /Madrid/ }, { timeout: 5000 });
    fireEvent.mouseDown(option);
    expect(chips()).toEqual(['Madrid']);
  });
});

function pageHandler(bulkBodies: unknown[]) {
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/bulk/tags' && req.method === 'POST') {
      bulkBodies.push(await req.json());
      return json({ updated: 2, unchanged: 0 });
    }
    if (url.pathname === '/api/v1/tags') return json({ items: [{ name: 'Feria 2026', customer_count: 5 }] });
    if (url.pathname !== '/api/v1/customers') return json({ status: 404, code: 'not_found' }, 404);
    if (url.searchParams.get('status') === 'current') {
      return json({
        items: [
          makeCustomer({ id: '1', name: 'Alfa Distribuciones' }),
          makeCustomer({ id: '2', name: 'Beta Suministros' }),
          makeCustomer({ id: '3', name: 'Gamma Hierros' }),
        ],
        next_cursor: null,
        total: 3,
      });
    }
    return json({ items: [], next_cursor: null, total: 0 });
  };
}

describe('customers page: tags', () => {
  test('select cards, add tags in bulk, see the counts, selection cleared and list reloaded', async () => {
    const bodies: unknown[] = [];
    const { requests } = renderApp('/admin/customers', pageHandler(bodies));
    const current = await screen.findByTestId('section-current');
    await within(current).findByText('Alfa Distribuciones', {}, { timeout: 5000 });
    expect(screen.queryByTestId('bulk-bar')).toBeNull();

    fireEvent.click(within(current).getByRole('checkbox', { name: 'Seleccionar a Alfa Distribuciones' }));
    fireEvent.click(within(current).getByRole('checkbox', { name: 'Seleccionar a Gamma Hierros' }));
    expect(screen.getByTestId('bulk-count').textContent).toBe('2 seleccionados');
    const all = within(current).getByTestId('select-all-current') as HTMLInputElement;
    expect(all.indeterminate).toBe(true);
    fireEvent.click(all);
    expect(screen.getByTestId('bulk-count').textContent).toBe('3 seleccionados');
    fireEvent.click(all);
    expect(screen.queryByTestId('bulk-bar')).toBeNull();

    fireEvent.click(within(current).getByRole('checkbox', { name: 'Seleccionar a Alfa Distribuciones' }));
    fireEvent.click(within(current).getByRole('checkbox', { name: 'Seleccionar a Beta Suministros' }));
    fireEvent.click(screen.getByRole('button', { name: 'Añadir etiquetas' }));
    const dialog = await screen.findByRole('dialog', { name: 'Añadir etiquetas a 2 clientes' }, { timeout: 5000 });
    const box = within(dialog).getByRole('combobox', { name: 'Etiquetas' });
    await waitFor(() => expect(document.activeElement).toBe(box));
    // Apply with nothing typed is refused in place.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Aplicar' }));
    expect(within(dialog).getByText('Escribe al menos una etiqueta.')).toBeTruthy();
    expect(bodies).toEqual([]);
    fireEvent.change(box, { target: { value: 'Feria 2026' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const before = requests.filter((r) => new URL(r.url).pathname === '/api/v1/customers').length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Aplicar' }));

    const notice = await screen.findByTestId('bulk-notice', {}, { timeout: 5000 });
    expect(notice.textContent).toContain('Etiquetas añadidas');
    expect(notice.textContent).toContain('2 clientes actualizados, 0 ya estaban así.');
    expect(bodies).toEqual([{ customer_ids: ['1', '2'], add: ['Feria 2026'] }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    await waitFor(() =>
      expect(requests.filter((r) => new URL(r.url).pathname === '/api/v1/customers').length).toBeGreaterThan(before),
    );
  });

  test('the tag filter lives in the URL as repeated tag= and is sent to the server', async () => {
    const { requests, router } = renderApp('/admin/customers?tag=VIP&tag=Mayorista', pageHandler([]));
    await screen.findByText('Alfa Distribuciones', {}, { timeout: 5000 });
    const sent = requests.map((r) => new URL(r.url)).find((u) => u.pathname === '/api/v1/customers')!;
    expect(sent.searchParams.getAll('tag')).toEqual(['VIP', 'Mayorista']);
    const filter = screen.getByTestId('filter-tags');
    expect(within(filter).getAllByTestId('tag-chip').map((c) => c.textContent)).toEqual(['VIP', 'Mayorista']);
    fireEvent.click(within(filter).getByRole('button', { name: 'Quitar la etiqueta VIP' }));
    await waitFor(() => expect(router.state.location.search).toBe('?tag=Mayorista'));
    const box = screen.getByRole('combobox', { name: 'Etiquetas' });
    fireEvent.change(box, { target: { value: 'Feria 2026' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.search).toBe('?tag=Mayorista&tag=Feria+2026'));
    await waitFor(() =>
      expect(
        requests.some((r) => {
          const u = new URL(r.url);
          return u.pathname === '/api/v1/customers' && u.searchParams.getAll('tag').join('|') === 'Mayorista|Feria 2026';
        }),
      ).toBe(true),
    );
    expect(screen.getByRole('button', { name: 'Quitar filtros' })).toBeTruthy();
  });
});
