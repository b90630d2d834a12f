import { describe, expect, test } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { CustomerCard } from '../../src/components/CustomerCard';
import i18n from '../../src/i18n';
import { makeCustomer } from './fixtures';

function renderCard(overrides: Parameters<typeof makeCustomer>[0] = {}) {
  render(
    <MemoryRouter>
      <CustomerCard customer={makeCustomer(overrides)} />
    </MemoryRouter>,
  );
  const cards = screen.getAllByTestId('customer-card');
  return cards[cards.length - 1];
}

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('CustomerCard', () => {
  test('shows name (linking to the detail), email, phone, address, note, discount and temperature', () => {
    const card = renderCard();
    const link = within(card).getByRole('link', { name: 'Ferretería Núñez Hermanos' });
    expect(link.getAttribute('href')).toBe('/admin/customers/42');
    expect(within(card).getByText('compras@ferreteria-nunez.es')).toBeTruthy();
    expect(within(card).getByText('+34 912 345 678')).toBeTruthy();
    expect(within(card).getByText('Calle Mayor 12, 28013 Madrid, España')).toBeTruthy();
    expect(within(card).getByText('Lucía Núñez')).toBeTruthy();
    expect(plain(within(card).getByTestId('discount').textContent)).toBe('7,5 % dto.');
    expect(within(card).getByText('Caliente').getAttribute('data-temperature')).toBe('hot');
  });

  test('shows the date of the last order, or that there is none', () => {
    const ordered = renderCard({ last_order_at: '2026-11-20T10:00:00Z' });
    expect(within(ordered).getByTestId('last-order').textContent).toBe('Último pedido: 20 nov 2026');
    const none = renderCard({ last_order_at: null });
    expect(within(none).getByTestId('last-order').textContent).toBe('Sin pedidos');
  });

  test('the last note is coloured by its priority', () => {
    const high = renderCard();
    const note = within(high).getByTestId('last-note');
    expect(note.textContent).toContain('Llamar el lunes por el pedido urgente.');
    expect(note.getAttribute('data-priority')).toBe('high');
    expect(note.className).toContain('note--high');
  });

  test('a medium note is yellow, a note without priority is neutral', () => {
    renderCard({ id: '1', last_note: { body: 'Revisar', priority: 'medium', created_at: '2026-11-20T09:00:00Z' } });
    renderCard({ id: '2', last_note: { body: 'Info', priority: 'none', created_at: '2026-11-20T09:00:00Z' } });
    const [medium, none] = screen.getAllByTestId('last-note');
    expect(medium.className).toContain('note--medium');
    expect(none.className).toContain('note--none');
  });

  test('missing address, note, discount and temperature are handled', () => {
    const card = renderCard({
      default_address: null,
      last_note: null,
      discount_percent: 0,
      temperature: null,
      email: null,
      contact_person: null,
    });
    expect(within(card).getByText('Sin dirección')).toBeTruthy();
    expect(within(card).getByText('Sin notas')).toBeTruthy();
    expect(within(card).getByText('Sin correo')).toBeTruthy();
    expect(within(card).queryByTestId('discount')).toBeNull();
    expect(within(card).queryByTestId('last-note')).toBeNull();
    expect(card.querySelector('[data-temperature]')).toBeNull();
  });

  test('speaks English when switched', async () => {
    await i18n.changeLanguage('en');
    const card = renderCard({ temperature: 'not_interested', discount_percent: 12.25 });
    expect(within(card).getByText('Not interested')).toBeTruthy();
    expect(within(card).getByTestId('discount').textContent).toBe('12.25% off');
    expect(within(card).getByText('Calle Mayor 12, 28013 Madrid, Spain')).toBeTruthy();
  });
});
