import { describe, expect, test } from 'vitest';
import {
  currencyDigits,
  formatDateTime,
  formatMoney,
  formatPercent,
  minorToInput,
  parseAmountToMinor,
  parseDecimal,
} from '../../src/lib/format';

// Intl uses narrow no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  test('minor units follow the currency', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('CLP')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  test('formats minor units in the UI language', () => {
    expect(plain(formatMoney(123456, 'EUR', 'es'))).toBe('1234,56 €');
    expect(plain(formatMoney(12345678, 'EUR', 'es'))).toBe('123.456,78 €');
    expect(plain(formatMoney(123456, 'EUR', 'en'))).toBe('€1,234.56');
    expect(plain(formatMoney(5000, 'JPY', 'es'))).toBe('5000 JPY');
    expect(plain(formatMoney(0, 'USD', 'en'))).toBe('US$0.00');
  });

  test('typed amounts become exact minor units', () => {
    const eur = (s: string) => parseAmountToMinor(s, 'EUR');
    expect(eur('1500')).toEqual({ ok: true, value: 150000 });
    expect(eur('1500,5')).toEqual({ ok: true, value: 150050 });
    expect(eur('1.500,50')).toEqual({ ok: true, value: 150050 });
    expect(eur('1,500.50')).toEqual({ ok: true, value: 150050 });
    expect(eur('1 500,50')).toEqual({ ok: true, value: 150050 });
    expect(eur('1.500')).toEqual({ ok: true, value: 150000 });
    expect(eur('0,1')).toEqual({ ok: true, value: 10 });
    expect(eur('19.99')).toEqual({ ok: true, value: 1999 });
    expect(eur('0.29')).toEqual({ ok: true, value: 29 }); // no 28.999… float error
    expect(eur('')).toEqual({ ok: true, value: null });
    expect(eur('1,234')).toEqual({ ok: true, value: 123400 });
    expect(eur('12,345')).toEqual({ ok: true, value: 1234500 });
    expect(eur('1,2345')).toEqual({ ok: false });
    expect(eur('abc')).toEqual({ ok: false });
    expect(eur('1.2.3,4')).toEqual({ ok: false });
    expect(parseAmountToMinor('1500', 'JPY')).toEqual({ ok: true, value: 1500 });
    expect(parseAmountToMinor('1500,5', 'JPY')).toEqual({ ok: false });
    expect(parseAmountToMinor('1,500', 'KWD')).toEqual({ ok: true, value: 1500 });
  });

  test('minor units round-trip through the input box', () => {
    for (const minor of [0, 5, 150050, 99999999]) {
      const text = minorToInput(minor, 'EUR');
      expect(parseAmountToMinor(text, 'EUR')).toEqual({ ok: true, value: minor });
    }
    expect(minorToInput(5, 'EUR')).toBe('0.05');
    expect(minorToInput(1500, 'JPY')).toBe('1500');
    expect(minorToInput(null, 'EUR')).toBe('');
  });
});

describe('percent', () => {
  test('formats a 0–100 percentage with up to two decimals', () => {
    expect(plain(formatPercent(7.5, 'es'))).toBe('7,5 %');
    expect(plain(formatPercent(12.25, 'es'))).toBe('12,25 %');
    expect(plain(formatPercent(100, 'es'))).toBe('100 %');
    expect(formatPercent(7.5, 'en')).toBe('7.5%');
  });

  test('parses comma or dot decimals', () => {
    expect(parseDecimal('7,5')).toEqual({ ok: true, value: 7.5 });
    expect(parseDecimal(' 12.25 ')).toEqual({ ok: true, value: 12.25 });
    expect(parseDecimal('')).toEqual({ ok: true, value: null });
    expect(parseDecimal('siete')).toEqual({ ok: false });
  });
});

describe('dates', () => {
  test('an UTC instant is shown in the viewer’s time zone', () => {
    const iso = '2026-11-22T23:30:00Z';
    expect(formatDateTime(iso, 'es', 'Europe/Madrid')).toMatch(/23 nov 2026.*0:30/);
    expect(formatDateTime(iso, 'es', 'America/Mexico_City')).toMatch(/22 nov 2026.*17:30/);
    expect(formatDateTime('not a date', 'es')).toBe('not a date');
  });
});
