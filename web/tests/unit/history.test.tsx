import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from '../../src/i18n';
import { setApiClient } from '../../src/api/client';
import type { HistoryItem } from '../../src/api/history';
import {
  actorName,
  changeText,
  dayKey,
  dayLabel,
  eventText,
  formatBytes,
  formatChange,
  formatValue,
  groupByDay,
  type FormatContext,
} from '../../src/pages/history/historyFormat';
import { fileProblem } from '../../src/pages/history/HistoryPanel';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
  vi.unstubAllGlobals();
});

/** Intl puts no-break spaces before % and €; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const line = (change: Parameters<typeof formatChange>[0], ctx: FormatContext) => plain(changeText(formatChange(change, ctx)));
const t = i18n.t.bind(i18n) as unknown as FormatContext['t'];
const es: FormatContext = { t, language: 'es', currency: 'EUR', timeZone: 'Europe/Madrid' };

function makeItem(overrides: Partial<HistoryItem> = {}): HistoryItem {
  return {
    id: '1',
    kind: 'updated',
    type: 'customer_updated',
    at: '2026-11-20T09:30:00Z',
    actor: { type: 'staff', id: '1', name: 'Olga Dueñas' },
    summary: 'Changed email',
    changes: [],
    body: null,
    attachment: null,
    order: null,
    data: {},
    ...overrides,
  };
}

describe('change formatting', () => {
  test('customer fields use the form labels and values read naturally', () => {
    expect(line({ field: 'email', from: 'a@b.es', to: 'c@d.es' }, es)).toBe(
      'Correo electrónico: a@b.es → c@d.es',
    );
    expect(line({ field: 'email', from: null, to: 'c@d.es' }, es)).toBe(
      'Correo electrónico: — → c@d.es',
    );
    expect(line({ field: 'discount_percent', from: 5, to: 7.5 }, es)).toBe(
      'Descuento: 5 % → 7,5 %',
    );
    expect(line({ field: 'credit_limit_minor', from: null, to: 150050 }, es)).toMatch(
      /^Límite de crédito: — → 1500,50 €$/,
    );
    expect(line({ field: 'temperature', from: 'cold', to: 'hot' }, es)).toBe(
      'Temperatura: Frío → Caliente',
    );
    expect(line({ field: 'account_status', from: 'active', to: 'inactive' }, es)).toBe(
      'Estado de la cuenta: Cuenta activa → Cuenta inactiva',
    );
    expect(line({ field: 'tags', from: ['vip'], to: ['vip', 'mayorista'] }, es)).toBe(
      'Etiquetas: vip → vip, mayorista',
    );
    expect(line({ field: 'tags', from: [], to: ['vip'] }, es)).toBe('Etiquetas: — → vip');
    expect(line({ field: 'shared_account', from: false, to: true }, es)).toBe(
      'Cuenta compartida: No → Sí',
    );
    expect(line({ field: 'language', from: 'es', to: 'en' }, es)).toBe('Idioma: Español → Inglés');
    expect(line({ field: 'payment_terms_days', from: 30, to: 60 }, es)).toBe(
      'Plazo de pago: 30 días → 60 días',
    );
  });

  test('order, note and unknown fields', () => {
    const order = { ...es, orderEvent: true };
    expect(line({ field: 'status', from: 'pending', to: 'confirmed' }, order)).toBe(
      'Estado: Pendiente → Confirmado',
    );
    expect(line({ field: 'status', from: 'potential', to: 'current' }, es)).toBe(
      'Estado: Potencial → Actual',
    );
    expect(line({ field: 'payment_status', from: 'unpaid', to: 'paid' }, order)).toBe(
      'Pago: No pagado → Pagado',
    );
    expect(line({ field: 'due_date', from: '2026-11-30', to: '2026-12-15' }, order)).toBe(
      'Vencimiento: 30 nov 2026 → 15 dic 2026',
    );
    expect(line({ field: 'priority', from: 'none', to: 'high' }, es)).toBe(
      'Prioridad: Sin prioridad → Alta',
    );
    expect(line({ field: 'mystery_field', from: 1, to: 2 }, es)).toBe('mystery_field: 1 → 2');
    const long = formatChange({ field: 'body', from: 'x'.repeat(300), to: 'y' }, es);
    expect(long.from.length).toBe(118);
    expect(long.from.endsWith('…')).toBe(true);
  });

  test('values in English', () => {
    const en: FormatContext = { t: ((k: string, o?: Record<string, unknown>) => i18n.t(k, { ...o, lng: 'en' })) as FormatContext['t'], language: 'en', currency: 'EUR' };
    expect(line({ field: 'email', from: null, to: 'x@y.com' }, en)).toBe('Email: — → x@y.com');
    expect(plain(formatValue('discount_percent', 12.5, en))).toBe('12.5%');
  });
});

describe('items and days', () => {
  test('who and what', () => {
    expect(actorName(makeItem(), t)).toBe('Olga Dueñas');
    expect(actorName(makeItem({ actor: { type: 'system', id: null, name: null } }), t)).toBe('Sistema');
    expect(actorName(makeItem({ actor: { type: 'quick_link', id: '3', name: null } }), t)).toBe('Enlace de pedido rápido');
    expect(eventText(makeItem(), t)).toBe('modificó la ficha');
    expect(eventText(makeItem({ data: { bulk: true } }), t)).toBe('modificó la ficha (acción masiva)');
    expect(
      eventText(makeItem({ kind: 'order', type: 'order_placed', order: { id: '9', number: 'P-000009', kind: 'order' } }), t),
    ).toBe('registró el pedido P-000009');
    expect(
      eventText(makeItem({ kind: 'order', type: 'order_placed', order: { id: '9', number: 'C-000002', kind: 'quote' } }), t),
    ).toBe('registró el presupuesto C-000002');
    expect(eventText(makeItem({ type: 'address_added', data: { label: 'Almacén' } }), t)).toBe(
      'añadió la dirección «Almacén»',
    );
    expect(eventText(makeItem({ type: 'something_new' }), t)).toBe('registró «something new»');
    // Contacts and messages (issue 5).
    expect(eventText(makeItem({ kind: 'login', type: 'contact_login', data: { name: 'Marta Gil' } }), t)).toBe('entró en el portal');
    expect(eventText(makeItem({ type: 'contact_added', data: { name: 'Marta Gil' } }), t)).toBe('añadió el contacto Marta Gil');
    expect(eventText(makeItem({ kind: 'login', type: 'contact_access_active', data: { name: 'Marta Gil', invitation_accepted: true } }), t)).toBe(
      'aceptó la invitación al portal',
    );
    expect(eventText(makeItem({ kind: 'message', type: 'message_sent', data: { subject: 'Tu pedido', to: 'a@b.example' } }), t)).toBe(
      'envió el correo «Tu pedido» a a@b.example',
    );
  });

  test('grouped by day in the viewer time zone, labelled today, yesterday or the date', () => {
    // 23:30 UTC on the 20th is already the 21st in Madrid.
    expect(dayKey('2026-11-20T23:30:00Z', 'Europe/Madrid')).toBe('2026-11-21');
    expect(dayKey('2026-11-20T23:30:00Z', 'UTC')).toBe('2026-11-20');
    const items = [
      makeItem({ id: 'a', at: '2026-11-21T08:00:00Z' }),
      makeItem({ id: 'b', at: '2026-11-20T23:30:00Z' }),
      makeItem({ id: 'c', at: '2026-11-20T10:00:00Z' }),
    ];
    expect(groupByDay(items, 'Europe/Madrid').map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ['2026-11-21', ['a', 'b']],
      ['2026-11-20', ['c']],
    ]);
    const now = new Date('2026-11-21T12:00:00Z');
    expect(dayLabel('2026-11-21T08:00:00Z', now, es)).toBe('Hoy');
    expect(dayLabel('2026-11-20T10:00:00Z', now, es)).toBe('Ayer');
    expect(dayLabel('2026-11-18T10:00:00Z', now, es)).toBe('Miércoles, 18 de noviembre de 2026');
  });

  test('sizes and the check before uploading', () => {
    expect(plain(formatBytes(812, 'es'))).toBe('812 B');
    expect(plain(formatBytes(48 * 1024, 'es'))).toBe('48 KB');
    expect(plain(formatBytes(3.25 * 1024 * 1024, 'es'))).toBe('3,3 MB');
    expect(fileProblem({ name: 'a.pdf', size: 20 * 1024 * 1024 }, t, 'es')).toBeNull();
    expect(plain(fileProblem({ name: 'big.pdf', size: 20 * 1024 * 1024 + 1 }, t, 'es') ?? '')).toBe(
      '«big.pdf» ocupa 20 MB; el máximo es 20 MB.',
    );
    expect(fileProblem({ name: 'vacío.txt', size: 0 }, t, 'es')).toBe('«vacío.txt» está vacío.');
  });
});

describe('history panel', () => {
  const ITEMS: HistoryItem[] = [
    makeItem({
      id: '3',
      kind: 'attachment',
      type: 'attachment_added',
      at: '2026-11-20T10:00:00Z',
      attachment: { id: '5', name: 'plano.pdf', content_type: 'application/pdf', size: 2048, sha256: 'ab', url: '/api/v1/attachments/5' },
    }),
    makeItem({ id: '2', changes: [{ field: 'email', from: 'a@b.es', to: 'c@d.es' }], at: '2026-11-20T09:00:00Z' }),
    makeItem({
      id: '1',
      kind: 'order',
      type: 'order_status_changed',
      at: '2026-11-19T09:00:00Z',
      order: { id: '77', number: 'P-000077', kind: 'order' },
      changes: [{ field: 'status', from: 'pending', to: 'confirmed' }],
    }),
  ];

  function server(opts: { onComment?: (body: unknown) => Response } = {}) {
    const seen: URL[] = [];
    const handler = async (req: Request, url: URL) => {
      if (url.pathname === '/api/v1/customers/42') return json(makeCustomer());
      if (url.pathname === '/api/v1/customers/42/history' && req.method === 'GET') {
        seen.push(url);
        const kinds = url.searchParams.getAll('kind');
        return json({ items: kinds.length ? ITEMS.filter((i) => kinds.includes(i.kind)) : ITEMS, next_cursor: null });
      }
      if (url.pathname === '/api/v1/customers/42/history/comments' && req.method === 'POST') {
        const body = await req.json();
        return opts.onComment ? opts.onComment(body) : json(makeItem({ id: '9', kind: 'comment', type: 'comment_added', body: (body as { body: string }).body }), 201);
      }
      return json({ items: [], next_cursor: null });
    };
    return { handler, seen };
  }

  test('shows the timeline with changes, files and order links; filters by kind', async () => {
    const { handler, seen } = server();
    renderAs('owner', '/admin/customers/42', handler);
    const panel = await screen.findByTestId('history-panel');
    await within(panel).findByText('plano.pdf');
    const changes = within(panel).getAllByTestId('history-change').map((li) => li.getAttribute('aria-label'));
    expect(changes).toEqual(['Correo electrónico: a@b.es → c@d.es', 'Estado: Pendiente → Confirmado']);
    expect(within(panel).getByTestId('history-file-download').getAttribute('href')).toBe('/api/v1/attachments/5');
    expect(within(panel).getByTestId('history-order-link').getAttribute('href')).toBe('/admin/orders/77');
    fireEvent.click(within(panel).getByTestId('history-filter-order'));
    await waitFor(() => expect(within(panel).getAllByTestId('history-item')).toHaveLength(1));
    expect(seen[seen.length - 1].searchParams.getAll('kind')).toEqual(['order']);
    expect(within(panel).getByTestId('history-filter-order').getAttribute('aria-pressed')).toBe('true');
  });

  test('posts a comment with Ctrl+Enter and refuses an empty one', async () => {
    const posted: unknown[] = [];
    const { handler } = server({
      onComment: (body) => {
        posted.push(body);
        return json(makeItem({ id: '9', kind: 'comment', type: 'comment_added' }), 201);
      },
    });
    renderAs('sales', '/admin/customers/42', handler);
    const panel = await screen.findByTestId('history-panel');
    const box = await within(panel).findByTestId('history-comment-body');
    fireEvent.click(within(panel).getByTestId('history-comment-submit'));
    expect((await within(panel).findByTestId('history-comment-error')).textContent).toBe('Escribe el comentario.');
    fireEvent.change(box, { target: { value: '  Pide factura con IVA desglosado  ' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(posted).toEqual([{ body: 'Pide factura con IVA desglosado' }]));
    expect((await within(panel).findByTestId('history-message')).textContent).toContain('Comentario publicado.');
  });

  test('viewers read without the comment box', async () => {
    const { handler } = server();
    renderAs('viewer', '/admin/customers/42', handler);
    const panel = await screen.findByTestId('history-panel');
    await within(panel).findByText('plano.pdf');
    expect(within(panel).queryByTestId('history-composer')).toBeNull();
  });
});
