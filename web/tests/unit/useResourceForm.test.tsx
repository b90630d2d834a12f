import { describe, expect, test, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../src/api/errors';
import { describedBy } from '../../src/components/Field';
import { useResourceForm, type ResourceFormOptions } from '../../src/lib/useResourceForm';

type Values = { name: string; email: string };
type Form = ReturnType<typeof useResourceForm<Values>>;

function problem(status: number, code: string, errors: { field: string; code: string; message?: string }[] = []) {
  return new ApiError({ status, code, errors: errors.map((e) => ({ message: '', ...e })) });
}

/** A two-field form; `form` is the hook's latest result. */
function renderForm(options: Partial<ResourceFormOptions<Values>> = {}) {
  const ref: { form: Form | null } = { form: null };
  function Harness() {
    const form = useResourceForm<Values>({ initial: { name: '', email: '' }, ...options });
    ref.form = form;
    return (
      <>
        <div ref={form.bannerRef} tabIndex={-1} data-testid="banner">
          {form.formError}
          {form.conflict ? 'conflict' : null}
          {form.otherErrors.join('|')}
        </div>
        <form ref={form.formRef}>
          {(['name', 'email'] as const).map((f) => (
            <input
              key={f}
              id={`f-${f}`}
              aria-label={f}
              value={form.values[f]}
              onChange={(e) => form.set(f, e.target.value)}
              {...describedBy(`f-${f}`, form.errors[f])}
            />
          ))}
        </form>
      </>
    );
  }
  render(<Harness />);
  return () => ref.form!;
}

describe('useResourceForm', () => {
  test('a 422 puts each error on its field and focuses the first invalid one; typing clears it', async () => {
    const form = renderForm({ fixMessage: 'Revisa los campos' });
    act(() => form().fail(problem(422, 'validation_failed', [{ field: 'email', code: 'required' }])));
    const email = screen.getByLabelText('email');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(form().formError).toBe('Revisa los campos');
    fireEvent.change(email, { target: { value: 'a@b.es' } });
    expect(form().errors.email).toBeUndefined();
    expect(form().values.email).toBe('a@b.es');
  });

  test('errors of fields the form does not show are listed apart', () => {
    const form = renderForm({ isField: (k) => k === 'name' });
    act(() => form().fail(problem(422, 'validation_failed', [{ field: 'tags[3]', code: 'too_long' }])));
    expect(form().errors).toEqual({});
    expect(form().otherErrors).toEqual(['tags: Es demasiado largo.']);
  });

  test('a 412 is a conflict (or goes to onConflict); anything else is one form-level message', async () => {
    const form = renderForm();
    act(() => form().fail(problem(412, 'precondition_failed')));
    expect(form().conflict).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('banner')));
    act(() => form().reset({ name: 'Ana', email: '' }));
    expect(form().conflict).toBe(false);
    expect(form().values.name).toBe('Ana');

    act(() => form().fail(problem(500, 'internal')));
    expect(form().formError).toBe(screen.getByTestId('banner').textContent);
    expect(form().formError).toBeTruthy();

    const onConflict = vi.fn();
    const other = renderForm({ onConflict });
    act(() => other().fail(problem(412, 'precondition_failed')));
    expect(onConflict).toHaveBeenCalledOnce();
    expect(other().conflict).toBe(false);
  });

  test('showErrors reports the form\'s own findings; with `order` the focus follows it', async () => {
    const form = renderForm({ order: ['name', 'email'], idOf: (f) => `f-${f}` });
    let shown = true;
    act(() => {
      shown = form().showErrors({ name: undefined });
    });
    expect(shown).toBe(false);
    act(() => {
      shown = form().showErrors({ email: 'Falta el correo', name: 'Falta el nombre' });
    });
    expect(shown).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('name')));
  });
});
