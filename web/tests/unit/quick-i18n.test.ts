// The quick-order page's translation files (web/src/quick/i18n/{es,en}.json).
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import es from '../../src/quick/i18n/es.json';
import en from '../../src/quick/i18n/en.json';

const files: Record<string, Record<string, string>> = { es, en };
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const PLURAL_BASES = new Set(Object.keys(es).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
/** `cart.items_one` → `cart.items`; keys that merely end like a plural form stay whole. */
const baseOf = (key: string) => {
  const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
  return m && PLURAL_BASES.has(m[1]) ? m[1] : key;
};

describe('quick-order translations', () => {
  test('es and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  test('no value is empty and both use the same placeholders', () => {
    for (const [lang, dict] of Object.entries(files)) {
      for (const [key, value] of Object.entries(dict)) {
        expect(typeof value, `${lang}:${key}`).toBe('string');
        expect(value.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
    for (const key of Object.keys(es)) {
      const esKey = key as keyof typeof es;
      expect(placeholders(en[esKey]), key).toEqual(placeholders(es[esKey]));
    }
  });

  test('every plural key has _one and _other forms with {{count}}', () => {
    expect(PLURAL_BASES.size).toBeGreaterThan(5);
    for (const base of PLURAL_BASES) {
      for (const form of ['one', 'other']) {
        const key = `${base}_${form}` as keyof typeof es;
        expect(es[key], key).toBeDefined();
        expect(es[key], key).toContain('{{count}}');
      }
    }
  });

  test('every key is used by the page, and the page uses no unknown key', () => {
    const dir = resolve(import.meta.dirname, '../../src/quick');
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(resolve(dir, f), 'utf8'))
      .join('\n');
    const bases = new Set(Object.keys(es).map(baseOf));
    // Keys built at run time: `lang.${l}`, `paste.${m.key}`.
    const dynamic = [/^lang\.(es|en)$/, /^paste\.(added|empty|failed|too_long)$/];
    for (const base of bases) {
      const used = source.includes(`'${base}'`) || dynamic.some((re) => re.test(base));
      expect(used, `${base} is not used`).toBe(true);
    }
    for (const m of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) {
      expect(bases.has(m[1]), `${m[1]} is missing`).toBe(true);
    }
  });

  test('the texts the brief fixes', () => {
    expect(`${es['unavailable.title']}. ${es['unavailable.text']}`).toBe(
      'Este enlace ya no está disponible. Pide a tu proveedor un enlace nuevo.',
    );
    expect(es['product.out_of_stock']).toBe('Sin stock');
    expect(es['product.available_other']).toBe('{{count}} disponibles');
    expect(es['products.more']).toBe('Ver más');
    expect(es['paste.toggle']).toBe('Pegar lista de referencias');
    expect(es['done.again']).toBe('Hacer otro pedido');
  });
});
