import { describe, expect, test } from 'vitest';
import { ApiError, baseField, errorMessage, fieldMessages, toApiError } from '../../src/api/errors';
import i18n from '../../src/i18n';

const t = i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string;

const problem422 = {
  type: 'https://cartera.dev/problems/validation_failed',
  title: 'Invalid request',
  status: 422,
  code: 'validation_failed',
  detail: '3 fields are invalid',
  errors: [
    { field: 'email', code: 'invalid', message: 'email is not a valid address' },
    { field: 'discount_percent', code: 'out_of_range', message: 'must be between 0 and 100' },
    { field: 'tags[2]', code: 'too_long', message: 'tag is longer than 64 characters' },
    { field: 'email', code: 'too_long', message: 'second error for email' },
    { field: 'catalog_scope', code: 'brand_new_code', message: 'server says so' },
  ],
};

describe('422 problem → field messages', () => {
  test('each field gets the translated message for its code; the first error wins', () => {
    const msgs = fieldMessages(problem422.errors, t);
    expect(msgs).toEqual({
      email: 'El formato no es válido.',
      discount_percent: 'El valor está fuera del rango permitido.',
      tags: 'Es demasiado largo.',
      catalog_scope: 'server says so',
    });
  });

  test('every documented code has a translation in both languages', () => {
    for (const code of ['required', 'invalid_type', 'invalid', 'invalid_enum', 'too_long', 'out_of_range', 'too_many']) {
      for (const lng of ['es', 'en']) {
        expect(i18n.exists(`errors.field.${code}`, { lng }), `${lng}:${code}`).toBe(true);
      }
    }
    expect(fieldMessages([{ field: 'name', code: 'required', message: '' }], (k, o) => i18n.t(k, { ...o, lng: 'en' }))).toEqual({
      name: 'This field is required.',
    });
  });

  test('nested and indexed field paths map to their input', () => {
    expect(baseField('tags[2]')).toBe('tags');
    expect(baseField('payment_methods[0]')).toBe('payment_methods');
    expect(baseField('default_address.city')).toBe('default_address');
    expect(baseField('email')).toBe('email');
  });

  test('toApiError keeps status, code and field errors of a problem+json body', () => {
    const response = new Response(null, { status: 422 });
    const err = toApiError(response, problem422);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.fieldErrors).toHaveLength(5);
    expect(errorMessage(err, t)).toBe('Hay datos que no son válidos.');
  });

  test('a body that is not a problem still yields a usable error', () => {
    const err = toApiError(new Response(null, { status: 412 }), 'Precondition Failed');
    expect(err.code).toBe('precondition_failed');
    expect(err.fieldErrors).toEqual([]);
    const server = toApiError(new Response(null, { status: 503 }), undefined);
    expect(errorMessage(server, t)).toBe('El servidor tuvo un problema. Vuelve a intentarlo en un momento.');
  });

  test('429 exposes Retry-After', () => {
    const err = toApiError(
      new Response(null, { status: 429, headers: { 'Retry-After': '600' } }),
      { status: 429, code: 'too_many_requests' },
    );
    expect(err.retryAfterSeconds).toBe(600);
  });
});
