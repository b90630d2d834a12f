// The quick-order page's own small translation layer: flat keys in i18n/{es,en}.json,
// `{{name}}` placeholders, and plural keys ending in _one/_many/_other chosen with
// Intl.PluralRules. No library: the page must stay small.
import es from './i18n/es.json';
import en from './i18n/en.json';

export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];

type Dictionary = typeof es;
type RawKey = keyof Dictionary;
type PluralBase = RawKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;
/** Every key of es.json, plus the base name of plural keys (`cart.items` for `cart.items_one`…). */
export type Key = RawKey | PluralBase;
export type Params = Record<string, string | number>;

export const dictionaries: Record<Lang, Record<string, string>> = { es, en };

/** "es", "es-MX" → es; "en-GB" → en; anything else → es. */
export function chooseLanguage(tag: string | null | undefined): Lang {
  const base = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'en' ? 'en' : 'es';
}

/** The Intl locale for money and numbers: the catalogue's own tag when it is the same language. */
export function localeFor(lang: Lang, catalogLanguage?: string | null): string {
  if (catalogLanguage && chooseLanguage(catalogLanguage) === lang && /^[a-z]{2}[-_][a-z]{2}$/i.test(catalogLanguage)) {
    try {
      return Intl.getCanonicalLocales(catalogLanguage.replace('_', '-'))[0] ?? defaultLocale(lang);
    } catch {
      /* fall through */
    }
  }
  return defaultLocale(lang);
}

function defaultLocale(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : 'es-ES';
}

let current: Lang = 'es';
let locale = defaultLocale('es');

export function setLanguage(lang: Lang, catalogLanguage?: string | null): void {
  current = lang;
  locale = localeFor(lang, catalogLanguage);
}

export function language(): Lang {
  return current;
}

export function currentLocale(): string {
  return locale;
}

/** Translates `key`; a numeric `count` picks the plural form and is shown with grouping. */
export function t(key: Key, params?: Params, lang: Lang = current): string {
  const dict = dictionaries[lang];
  let text: string | undefined;
  const count = params?.count;
  if (typeof count === 'number') {
    const form = new Intl.PluralRules(lang).select(count);
    text = dict[`${key}_${form}`] ?? dict[`${key}_other`];
  }
  text ??= dict[key] ?? dictionaries.es[key] ?? key;
  if (!params) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

export function formatNumber(value: number, lang: Lang = current): string {
  return new Intl.NumberFormat(lang === current ? locale : defaultLocale(lang)).format(value);
}
