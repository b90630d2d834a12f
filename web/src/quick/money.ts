// Money in minor units (API.md "Conventions"): integers beside an ISO 4217 currency.

const digitsCache = new Map<string, number>();

/** Digits of `currency`'s minor unit: EUR 2, JPY 0, KWD 3 (2 for an unknown code). */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** (123456, "EUR", "es-ES") → "1234,56 €"; (5000, "JPY", "en-GB") → "JP¥5,000". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}
