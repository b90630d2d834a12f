import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { makeCustomer } from './fixtures';
import { json, renderApp } from './harness';

afterEach(() => setApiClient(null));

const invalidEmail = {
  type: 'about:blank',
  title: 'Invalid',
  status: 422,
  code: 'validation_failed',
  detail: 'invalid fields',
  errors: [
    { field: 'email', code: 'invalid', message: 'not an email' },
    { field: 'tags[1]', code: 'too_long', message: 'too long' },
  ],
};

describe('customer form against the server', () => {
  test('a 422 shows each field error inline and focuses the first bad field', async () => {
    const { requests } = renderApp('/admin/customers/new', (req) =>
      req.method === 'POST' ? json(invalidEmail, 422) : json({}, 404),
    );
    fireEvent.change(await screen.findByLabelText('Nombre'), { target: { value: 'Ferretería Núñez' } });
    fireEvent.change(screen.getByLabelText('Correo electrónico'), { target: { value: 'no-es-correo' } });
    fireEvent.submit(screen.getByTestId('customer-form'));

    const emailError = await screen.findByTestId('error-field-email');
    expect(emailError.textContent).toBe('El formato no es válido.');
    expect(screen.getByTestId('error-field-tags').textContent).toBe('Es demasiado largo.');
    const email = screen.getByLabelText('Correo electrónico');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('field-email-error');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(screen.getByText('Revisa los campos marcados.')).toBeTruthy();

    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('X-CSRF-Token')).toBe('t0k');
    expect(await post.json()).toMatchObject({ name: 'Ferretería Núñez', email: 'no-es-correo', status: 'current' });

    // Typing in the field clears its error.
    fireEvent.change(email, { target: { value: 'compras@ferreteria.es' } });
    expect(screen.queryByTestId('error-field-email')).toBeNull();
  });

  test('an edit PATCHes only the changed fields with If-Match', async () => {
    const customer = makeCustomer();
    const { requests, router } = renderApp('/admin/customers/42/edit', (req) => {
      if (req.method === 'PATCH') return json({ ...customer, phone: '+34 913 000 111', version: 4 });
      return json(customer, 200, { ETag: '"3"' });
    });
    const phone = await screen.findByLabelText('Teléfono');
    expect((phone as HTMLInputElement).value).toBe('+34 912 345 678');
    fireEvent.change(phone, { target: { value: '+34 913 000 111' } });
    fireEvent.submit(screen.getByTestId('customer-form'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/customers/42'));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.headers.get('X-CSRF-Token')).toBe('t0k');
    expect(await patch.json()).toEqual({ phone: '+34 913 000 111' });
    expect(await screen.findByText('Cambios guardados.', undefined, { timeout: 4000 })).toBeTruthy();
  });

  test('a 412 says someone else changed it and offers to reload', async () => {
    let version = 3;
    renderApp('/admin/customers/42/edit', (req) => {
      if (req.method === 'PATCH') {
        return json({ status: 412, code: 'precondition_failed', title: 'stale' }, 412);
      }
      return json(makeCustomer({ version, phone: version === 3 ? '+34 912 345 678' : '+34 900 000 000' }));
    });
    const phone = await screen.findByLabelText('Teléfono');
    fireEvent.change(phone, { target: { value: '+34 913 000 111' } });
    fireEvent.submit(screen.getByTestId('customer-form'));
    expect(await screen.findByText('Otra persona ha modificado este cliente')).toBeTruthy();
    version = 4;
    fireEvent.click(screen.getByTestId('reload-latest'));
    await waitFor(() =>
      expect((screen.getByLabelText('Teléfono') as HTMLInputElement).value).toBe('+34 900 000 000'),
    );
    expect(screen.queryByText('Otra persona ha modificado este cliente')).toBeNull();
  });
});
