// The quick-order page's state, shared by its modules: what the page shows (`s`), the
// elements of the shop view that are updated in place (`el`), timers and the API.
import type { FieldError, Order, QuickApi, QuickCatalog } from './api';
import { saveCart, type CartData, type QuickProduct } from './cart';
import { mapOrderErrors, noErrors, type OrderErrors } from './errors';
import { currentLocale, type Lang } from './i18n';
import { formatMoney } from './money';
import type { SortedLines } from './sku';

export const LANGUAGE_KEY = 'cartera.quick.language';

export type View = 'loading' | 'error' | 'unavailable' | 'shop' | 'done';

/** A message about the last submission that belongs to no field. */
export type Notice =
  | { kind: 'rate_limited'; minutes: number | null }
  | { kind: 'network' }
  | { kind: 'server' }
  | { kind: 'conflict' }
  | { kind: 'check_fields' };

export interface SkuState {
  open: boolean;
  text: string;
  busy: boolean;
  results: SortedLines | null;
  /** A message after adding or failing (translated at render). */
  message: { key: 'added' | 'empty' | 'failed' | 'too_long'; count?: number; kept?: boolean } | null;
}

export interface QuickState {
  view: View;
  catalog: QuickCatalog | null;
  products: QuickProduct[];
  nextCursor: string | null;
  q: string;
  searching: boolean;
  moreLoading: boolean;
  listFailed: boolean;
  cart: CartData;
  sheetOpen: boolean;
  submitting: boolean;
  /** The raw errors of the last failed submission (translated at render). */
  fieldErrors: { errors: FieldError[]; lineIds: string[] } | null;
  notice: Notice | null;
  order: Order | null;
  sku: SkuState;
}

/** Elements of the current shop view (rebuilt by render), updated in place as the cart changes. */
export interface ShopElements {
  list: HTMLElement | null;
  more: HTMLElement | null;
  cart: HTMLElement | null;
  lines: HTMLElement | null;
  bar: HTMLElement | null;
  barButton: HTMLButtonElement | null;
  checkout: HTMLElement | null;
  foot: HTMLElement | null;
  submit: HTMLButtonElement | null;
  notice: HTMLElement | null;
  skuResult: HTMLElement | null;
  skuPanel: HTMLElement | null;
  skuToggle: HTMLButtonElement | null;
}

/** One quick-order page: every module's functions take it first. */
export interface Ctx {
  root: HTMLElement;
  api: QuickApi;
  /** The link's token; null on a path that is no link. */
  token: string | null;
  storage: Storage | null;
  /** Search-as-you-type delay and catalogue page size. */
  debounceMs: number;
  pageSize: number;
  /** The language the person chose (null: the catalogue's or the browser's). */
  userLang: Lang | null;
  s: QuickState;
  el: ShopElements;
  /** A live region announcing the cart and search results. */
  statusEl: HTMLElement;
  destroyed: boolean;
  searchTimer: ReturnType<typeof setTimeout> | undefined;
  statusTimer: ReturnType<typeof setTimeout> | undefined;
  listController: AbortController | null;
}

export function noElements(): ShopElements {
  return {
    list: null,
    more: null,
    cart: null,
    lines: null,
    bar: null,
    barButton: null,
    checkout: null,
    foot: null,
    submit: null,
    notice: null,
    skuResult: null,
    skuPanel: null,
    skuToggle: null,
  };
}

/** An amount in the catalogue's currency (else the cart's). */
export function money(ctx: Ctx, minor: number): string {
  return formatMoney(minor, ctx.s.catalog?.currency ?? ctx.s.cart.currency ?? 'EUR', currentLocale());
}

/** The last submission's errors, by field and cart line. */
export function errors(ctx: Ctx): OrderErrors {
  const fe = ctx.s.fieldErrors;
  return fe ? mapOrderErrors(fe.errors, fe.lineIds) : noErrors();
}

/** Keeps the cart for the next visit. */
export function save(ctx: Ctx): void {
  if (ctx.token) saveCart(ctx.storage, ctx.token, ctx.s.cart);
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

export function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function'
    ? CSS.escape(value)
    : value.replace(/["\\]/g, '\\$&');
}
