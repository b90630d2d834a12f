// Number, money, percent and date formatting in the viewer's language and time zone.

/** Locale used by Intl for a UI language ("es" → "es-ES"). */
export function intlLocale(language: string): string {
  if (language.startsWith('es')) return 'es-ES';
  if (language.startsWith('en')) return 'en-GB';
  return language;
}

/** Digits after the decimal point in `currency`'s minor unit (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Formats an amount in minor units: (123456, "EUR", "es") → "1234,56 €". */
export function formatMoney(minor: number, currency: string, language: string): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(intlLocale(language), {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}

/** Formats a percentage given as 0–100 with up to two decimals: (7.5, "es") → "7,5 %". */
export function formatPercent(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(value / 100);
}

/** Minor units as a plain decimal for an input box: (150050, "EUR") → "1500.50". */
export function minorToInput(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const s = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const text = digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return negative ? `-${text}` : text;
}

export type ParsedNumber = { ok: true; value: number | null } | { ok: false };

/**
 * Parses a decimal amount typed by a person into minor units without floating-point
 * error. Accepts "1500", "1500,5", "1.500,50", "1,500.50", "1 500,50". Empty → null.
 * More decimals than the currency has, or anything that is not a number, → not ok.
 */
export function parseAmountToMinor(text: string, currency: string): ParsedNumber {
  const digits = currencyDigits(currency);
  const s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return { ok: true, value: null };
  if (!/^-?[\d.,]+$/.test(s)) return { ok: false };
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  let intPart = body;
  let fracPart = '';
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = Math.max(lastDot, lastComma);
    const group = dec === lastDot ? ',' : '.';
    const groups = body.slice(0, dec).split(group);
    // The part before the decimal mark must be proper thousands groups: 1.234.567
    if (groups.some((g) => /[.,]/.test(g))) return { ok: false };
    if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) {
      return { ok: false };
    }
    intPart = groups.join('');
    fracPart = body.slice(dec + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = body.split(sep);
    const after = parts[parts.length - 1];
    const groupedThousands =
      parts.length > 2 || (after.length === 3 && digits < 3 && parts[0].length > 0);
    if (groupedThousands) {
      if (!parts.slice(1).every((p) => p.length === 3)) return { ok: false };
      intPart = parts.join('');
    } else {
      intPart = parts[0];
      fracPart = after;
    }
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false };
  if (fracPart.length > digits) return { ok: false };
  const minor = Number(intPart + fracPart.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false };
  return { ok: true, value: negative ? -minor : minor };
}

/** Parses a decimal such as "7,5" or "12.25" (comma or dot); empty → null. */
export function parseDecimal(text: string): ParsedNumber {
  const s = text.trim().replace(',', '.');
  if (s === '') return { ok: true, value: null };
  if (!/^-?\d*(\.\d*)?$/.test(s) || s === '.' || s === '-') return { ok: false };
  return { ok: true, value: Number(s) };
}

/** Parses a whole number; empty → null. */
export function parseInteger(text: string): ParsedNumber {
  const s = text.trim();
  if (s === '') return { ok: true, value: null };
  if (!/^-?\d+$/.test(s)) return { ok: false };
  return { ok: true, value: Number(s) };
}

/** A percentage as typed back into an input in the UI language: (7.5, "es") → "7,5". */
export function percentToInput(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '';
  const text = String(Math.round(value * 100) / 100);
  return language.startsWith('es') ? text.replace('.', ',') : text;
}

/**
 * Date and time of an RFC 3339 instant in the viewer's time zone (or `timeZone`).
 * Returns the input unchanged when it is not a date.
 */
export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

export function formatDate(iso: string, language: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: 'medium',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** A language, region or currency name from Intl, capitalised for use as a label. */
export function intlDisplayName(
  type: 'language' | 'region' | 'currency',
  code: string,
  uiLanguage: string,
): string {
  try {
    const name = new Intl.DisplayNames([intlLocale(uiLanguage)], { type }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(intlLocale(uiLanguage)) + name.slice(1);
  } catch {
    return code;
  }
}
