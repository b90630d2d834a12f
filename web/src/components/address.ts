import type { Address } from '../api/types';
import { intlDisplayName } from '../lib/format';

/** The country's name in `language` for an ISO 3166-1 alpha-2 code. */
export function countryName(code: string, language: string): string {
  return intlDisplayName('region', code, language);
}

/** An address as display lines: street, "postal code city", "region, country". */
export function addressLines(a: Address, language: string): string[] {
  const cityLine = [a.postal_code, a.city].filter(Boolean).join(' ');
  const regionLine = [a.region, a.country ? countryName(a.country, language) : null]
    .filter(Boolean)
    .join(', ');
  return [a.line1, a.line2, cityLine, regionLine].filter((l): l is string => !!l && l.trim() !== '');
}
