import { describe, expect, test } from 'vitest';
import i18n, { LANGUAGE_STORAGE_KEY, resources, setLanguage } from '../../src/i18n';

const es = resources.es.translation;
const en = resources.en.translation;

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

const esKeys = flatten(es);
const enKeys = flatten(en);

describe('translations', () => {
  test('es and en have exactly the same keys', () => {
    const missingInEn = [...esKeys.keys()].filter((k) => !enKeys.has(k));
    const missingInEs = [...enKeys.keys()].filter((k) => !esKeys.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInEs).toEqual([]);
    expect(esKeys.size).toBeGreaterThan(100);
  });

  test('no translation is empty', () => {
    for (const [lang, keys] of [['es', esKeys], ['en', enKeys]] as const) {
      const empty = [...keys].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  test('both languages use the same {{placeholders}} in each message', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...esKeys.keys()].filter(
      (k) => JSON.stringify(vars(esKeys.get(k)!)) !== JSON.stringify(vars(enKeys.get(k)!)),
    );
    expect(mismatched).toEqual([]);
  });

  test('plural messages have every form the language needs', () => {
    const suffixes = ['zero', 'one', 'two', 'few', 'many', 'other'];
    for (const [lang, keys] of [['es', esKeys], ['en', enKeys]] as const) {
      const bases = new Set(
        [...keys.keys()].filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_\w+$/, '')),
      );
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const base of bases) {
        for (const cat of needed) {
          expect(keys.has(`${base}_${cat}`), `${lang}:${base}_${cat}`).toBe(true);
        }
      }
      expect(suffixes).toEqual(expect.arrayContaining([...needed]));
    }
    expect(i18n.t('customers.count', { count: 1_000_000, lng: 'es' })).toBe('1000000 clientes');
  });

  test('Spanish is the default and the switch is remembered', async () => {
    expect(i18n.t('customers.sections.current')).toBe('Clientes actuales');
    await setLanguage('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(i18n.t('customers.sections.current')).toBe('Current customers');
    expect(document.documentElement.lang).toBe('en');
    await setLanguage('es');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('es');
  });
});
