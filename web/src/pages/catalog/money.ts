// Currencies offered for product prices, and small price helpers of the catalogue pages.
import type { Price } from '../../api/catalog';
import { currencyDigits, formatMoney, minorToInput } from '../../lib/format';
import { CURRENCIES } from '../customers/customerForm';

/** Currencies shown first in a price row's currency list. */
export const FREQUENT_CURRENCIES: readonly string[] = [...new Set([...CURRENCIES, 'KWD'])];

/** Every ISO 4217 code this browser knows, A–Z (falls back to the frequent ones). */
export function allCurrencies(): string[] {
  try {
    const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.(
      'currency',
    );
    if (list && list.length) return [...list].sort();
  } catch {
    // Old engine: use the short list.
  }
  return [...FREQUENT_CURRENCIES].sort();
}

/** Prices in a stable order: the frequent currencies in their order, then A–Z. */
export function sortPrices(prices: readonly Price[]): Price[] {
  const rank = (c: string) => {
    const i = FREQUENT_CURRENCIES.indexOf(c);
    return i < 0 ? FREQUENT_CURRENCIES.length : i;
  };
  return [...prices].sort((a, b) => rank(a.currency) - rank(b.currency) || a.currency.localeCompare(b.currency));
}

/** Each price formatted in the UI language: "12,50 €". */
export function formatPrices(prices: readonly Price[], language: string): { currency: string; text: string }[] {
  return sortPrices(prices).map((p) => ({ currency: p.currency, text: formatMoney(p.amount_minor, p.currency, language) }));
}

/** Minor units as typed back into an input in the UI language: (1250, "EUR", "es") → "12,50". */
export function amountToInput(minor: number, currency: string, language: string): string {
  const text = minorToInput(minor, currency);
  return language.startsWith('es') ? text.replace('.', ',') : text;
}

export { currencyDigits };
