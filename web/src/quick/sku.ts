// Paste by SKU (F32): the server reads the lines; here we sort its answer.
import type { SkuLineResult } from './api';
import type { QuickProduct } from './cart';

export interface GoodLine {
  line: number;
  product: QuickProduct;
  quantity: number;
}

export interface SortedLines {
  good: GoodLine[];
  bad: SkuLineResult[];
}

/** Splits the server's results into lines that can go to the cart and lines with an error. */
export function sortSkuResults(results: readonly SkuLineResult[]): SortedLines {
  const good: GoodLine[] = [];
  const bad: SkuLineResult[] = [];
  for (const r of results) {
    if (r.error === null && r.product && typeof r.quantity === 'number' && r.quantity > 0) {
      good.push({ line: r.line, product: r.product, quantity: r.quantity });
    } else {
      bad.push(r.error ? r : { ...r, error: 'unreadable' });
    }
  }
  return { good, bad };
}

/** Units to add per product when the same SKU appears on several lines. */
export function mergeGoodLines(good: readonly GoodLine[]): { product: QuickProduct; quantity: number }[] {
  const byId = new Map<string, { product: QuickProduct; quantity: number }>();
  for (const g of good) {
    const seen = byId.get(g.product.id);
    if (seen) seen.quantity += g.quantity;
    else byId.set(g.product.id, { product: g.product, quantity: g.quantity });
  }
  return [...byId.values()];
}

/** The pasted text reduced to the given (1-based) line numbers, so the buyer can fix them. */
export function keepLines(text: string, lineNumbers: readonly number[]): string {
  const keep = new Set(lineNumbers);
  return text
    .split('\n')
    .filter((_, i) => keep.has(i + 1))
    .map((l) => l.replace(/\r$/, ''))
    .join('\n');
}
