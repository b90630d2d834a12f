import { describe, expect, test } from 'vitest';
import {
  createBody,
  emptyValues,
  patchBody,
  toPayload,
  valuesFromCustomer,
} from '../../src/pages/customers/customerForm';
import { makeCustomer } from './fixtures';

describe('customer form model', () => {
  test('a new customer sends what was filled in, converted to API types', () => {
    const v = {
      ...emptyValues(),
      name: '  Ferretería Núñez Hermanos ',
      email: 'compras@ferreteria-nunez.es',
      phone: '+34 912 345 678',
      discount_percent: '7,5',
      credit_limit_minor: '1.500,50',
      payment_terms_days: '30',
      temperature: 'hot' as const,
      customer_type: 'company' as const,
      tags: ['ferretería', 'madrid'],
    };
    const { payload, errors } = toPayload(v);
    expect(errors).toEqual([]);
    expect(createBody(payload)).toEqual({
      name: 'Ferretería Núñez Hermanos',
      email: 'compras@ferreteria-nunez.es',
      phone: '+34 912 345 678',
      discount_percent: 7.5,
      credit_limit_minor: 150050,
      payment_terms_days: 30,
      temperature: 'hot',
      customer_type: 'company',
      status: 'current',
      account_status: 'active',
      registration_status: 'validated',
      tags: ['ferretería', 'madrid'],
    });
  });

  test('values that cannot be numbers are reported before sending', () => {
    const { errors } = toPayload({
      ...emptyValues(),
      name: '',
      discount_percent: 'siete',
      credit_limit_minor: '12,345,6',
      payment_terms_days: '30.5',
    });
    expect(errors).toEqual([
      { field: 'name', code: 'required' },
      { field: 'discount_percent', code: 'invalid' },
      { field: 'credit_limit_minor', code: 'invalid' },
      { field: 'payment_terms_days', code: 'invalid' },
    ]);
    expect(toPayload({ ...emptyValues(), name: 'x', discount_percent: '7,555' }).errors).toEqual([
      { field: 'discount_percent', code: 'too_many_decimals' },
    ]);
  });

  test('an untouched edit form changes nothing', () => {
    const c = makeCustomer();
    const before = toPayload(valuesFromCustomer(c, 'es')).payload;
    const after = toPayload(valuesFromCustomer(c, 'es')).payload;
    expect(patchBody(before, after)).toEqual({});
  });

  test('an edit sends only the changed fields', () => {
    const c = makeCustomer();
    const initial = valuesFromCustomer(c, 'es');
    expect(initial.discount_percent).toBe('7,5');
    expect(initial.credit_limit_minor).toBe('1500,00');
    const edited = {
      ...initial,
      phone: '+34 913 000 111',
      legal_name: '',
      temperature: '' as const,
      tags: [...initial.tags, 'nuevo'],
      credit_limit_minor: '',
    };
    const patch = patchBody(toPayload(initial).payload, toPayload(edited).payload);
    expect(patch).toEqual({
      phone: '+34 913 000 111',
      legal_name: null,
      temperature: null,
      tags: ['ferretería', 'nuevo'],
      credit_limit_minor: null,
    });
  });
});
