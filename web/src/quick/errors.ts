// Turning the server's answers into messages next to the right field or cart line.
import type { FieldError, SkuLineResult } from './api';
import { t, type Key } from './i18n';

export interface OrderErrors {
  /** Product id → messages for that cart line. */
  lines: Map<string, string[]>;
  name: string[];
  email: string[];
  note: string[];
  /** Errors that belong to no single field. */
  general: string[];
}

export function noErrors(): OrderErrors {
  return { lines: new Map(), name: [], email: [], note: [], general: [] };
}

export function hasErrors(e: OrderErrors): boolean {
  return e.lines.size > 0 || e.name.length > 0 || e.email.length > 0 || e.note.length > 0 || e.general.length > 0;
}

const CODE_KEYS: Record<string, Key> = {
  required: 'error.required',
  too_long: 'error.too_long',
  out_of_range: 'error.out_of_range',
  too_many: 'error.too_many',
};

function generic(code: string): string {
  return t(CODE_KEYS[code] ?? 'error.invalid');
}

/**
 * Sorts the `errors` of a 422 answer by where they belong. `lineIds` are the product ids of
 * the submitted lines in order, so `lines[1].quantity` lands on the second line.
 */
export function mapOrderErrors(errors: readonly FieldError[], lineIds: readonly string[]): OrderErrors {
  const out = noErrors();
  const push = (list: string[], message: string) => {
    if (!list.includes(message)) list.push(message);
  };
  for (const e of errors) {
    const field = e.field ?? '';
    const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(field);
    if (line) {
      const id = lineIds[Number(line[1])];
      const message =
        line[2] === 'quantity'
          ? t('error.quantity')
          : line[2] === 'product_id'
            ? t('error.product')
            : generic(e.code);
      if (id === undefined) {
        push(out.general, message);
      } else {
        const list = out.lines.get(id) ?? [];
        push(list, message);
        out.lines.set(id, list);
      }
    } else if (field === 'buyer.name' || field === 'buyer') {
      push(out.name, e.code === 'too_long' ? t('error.name_too_long') : t('error.name_required'));
    } else if (field === 'buyer.email') {
      push(out.email, e.code === 'too_long' ? t('error.email_too_long') : t('error.email_invalid'));
    } else if (field === 'note') {
      push(out.note, e.code === 'too_long' ? t('error.note_too_long') : generic(e.code));
    } else if (field === 'lines') {
      push(out.general, e.code === 'too_many' ? t('error.too_many_lines') : t('error.empty_cart'));
    } else {
      push(out.general, t('error.field', { field }));
    }
  }
  return out;
}

/**
 * Minutes to wait from a Retry-After header (delay in seconds or an HTTP date), rounded up,
 * at least 1; null when there is no usable header.
 */
export function retryAfterMinutes(header: string | null | undefined, now: number = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  let seconds: number;
  if (/^\d+$/.test(value)) {
    seconds = Number(value);
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    seconds = (at - now) / 1000;
  }
  return Math.max(1, Math.ceil(seconds / 60));
}

const SKU_KEYS: Record<string, Key> = {
  unreadable: 'sku.error.unreadable',
  bad_quantity: 'sku.error.bad_quantity',
  unknown_sku: 'sku.error.unknown_sku',
  not_available: 'sku.error.not_available',
};

/** The translated reason a pasted line could not be read. */
export function skuErrorMessage(result: Pick<SkuLineResult, 'error' | 'sku'>): string {
  return t(SKU_KEYS[result.error ?? ''] ?? 'sku.error.unreadable', { sku: result.sku ?? '' });
}
