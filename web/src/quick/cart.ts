// The cart of a quick-order link: pure functions over plain data, kept in localStorage per
// token so a reload keeps it, together with the Idempotency-Key of its next submission.
import type { components } from '../api/schema';
import { randomUuid } from '../lib/uuid';

export type QuickProduct = components['schemas']['QuickProduct'];

/** What the cart remembers of a product (enough to show it after a reload). */
export interface CartProduct {
  id: string;
  sku: string;
  name: string;
  price_minor: number;
  base_price_minor: number;
  available: number;
}

export interface CartLine {
  product: CartProduct;
  quantity: number;
}

export interface CartData {
  v: 1;
  /** The currency the remembered prices are in. */
  currency: string | null;
  /** Idempotency-Key for submitting this cart; replaced only after an order succeeds. */
  key: string;
  lines: CartLine[];
  buyer: { name: string; email: string };
  note: string;
}

export const MIN_QTY = 1;
export const MAX_QTY = 1_000_000;
export const MAX_NOTE = 2000;
export const MAX_LINES = 500;

/** A whole number forced into 1..1,000,000. */
export function clampQuantity(n: number): number {
  if (!Number.isFinite(n)) return MIN_QTY;
  return Math.min(MAX_QTY, Math.max(MIN_QTY, Math.trunc(n)));
}

/**
 * A quantity typed by a person: digits only (spaces and thousands dots/commas ignored).
 * Returns null for empty, zero or non-numeric text; above the maximum gives the maximum.
 */
export function parseQuantity(text: string): number | null {
  const s = text.replace(/[\s.,'\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s.length > 9 ? '9999999999' : s);
  if (n < MIN_QTY) return null;
  return Math.min(n, MAX_QTY);
}

/** A random UUID v4: the Idempotency-Key of a cart's next submission. */
export const newKey = randomUuid;

export function emptyCart(currency: string | null = null, buyer = { name: '', email: '' }): CartData {
  return { v: 1, currency, key: newKey(), lines: [], buyer: { ...buyer }, note: '' };
}

export function toCartProduct(p: QuickProduct | CartProduct): CartProduct {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    price_minor: p.price_minor,
    base_price_minor: p.base_price_minor,
    available: p.available,
  };
}

export function findLine(cart: CartData, productId: string): CartLine | undefined {
  return cart.lines.find((l) => l.product.id === productId);
}

export function quantityOf(cart: CartData, productId: string): number {
  return findLine(cart, productId)?.quantity ?? 0;
}

/** Adds `quantity` of a product (summing with what is there, capped at the maximum). */
export function addItem(cart: CartData, product: QuickProduct | CartProduct, quantity = 1): CartData {
  const existing = findLine(cart, product.id);
  if (existing) {
    return setQuantity(cart, product.id, existing.quantity + quantity, product);
  }
  return { ...cart, lines: [...cart.lines, { product: toCartProduct(product), quantity: clampQuantity(quantity) }] };
}

/** Sets a line's quantity (1..1,000,000); refreshes the remembered product when given. */
export function setQuantity(
  cart: CartData,
  productId: string,
  quantity: number,
  product?: QuickProduct | CartProduct,
): CartData {
  return {
    ...cart,
    lines: cart.lines.map((l) =>
      l.product.id === productId
        ? { product: product ? toCartProduct(product) : l.product, quantity: clampQuantity(quantity) }
        : l,
    ),
  };
}

export function removeLine(cart: CartData, productId: string): CartData {
  return { ...cart, lines: cart.lines.filter((l) => l.product.id !== productId) };
}

/** Refreshes remembered names, prices and stock from a fresh catalogue page. */
export function refreshProducts(cart: CartData, products: readonly QuickProduct[]): CartData {
  const byId = new Map(products.map((p) => [p.id, p]));
  let changed = false;
  const lines = cart.lines.map((l) => {
    const p = byId.get(l.product.id);
    if (!p) return l;
    const fresh = toCartProduct(p);
    if (JSON.stringify(fresh) === JSON.stringify(l.product)) return l;
    changed = true;
    return { ...l, product: fresh };
  });
  return changed ? { ...cart, lines } : cart;
}

/** Units in the cart (the badge on the cart button). */
export function itemCount(cart: CartData): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity, 0);
}

/** Σ price × quantity, for display only: the server computes the real total. */
export function cartTotal(cart: CartData): number {
  return cart.lines.reduce((sum, l) => sum + l.product.price_minor * l.quantity, 0);
}

/** The request body of POST /api/v1/q/{token}/orders. */
export function orderBody(cart: CartData): components['schemas']['QuickOrderCreate'] {
  const email = cart.buyer.email.trim();
  const note = cart.note.trim();
  return {
    lines: cart.lines.map((l) => ({ product_id: l.product.id, quantity: l.quantity })),
    buyer: { name: cart.buyer.name.trim(), email: email || null },
    note: note || null,
  };
}

/** The localStorage key of a link's cart: named by a hash, so the token itself is not stored. */
export function storageKey(token: string): string {
  return `cartera.quick.cart.${hash(token)}`;
}

/** cyrb53: a small, fast 53-bit string hash (not cryptographic; only to avoid storing the token). */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The saved cart of a link, or a new empty one when none (or an unreadable one) is saved. */
export function loadCart(storage: Storage | null, token: string): CartData {
  try {
    const raw = storage?.getItem(storageKey(token));
    if (raw) {
      const data = JSON.parse(raw) as Partial<CartData>;
      if (data && data.v === 1 && typeof data.key === 'string' && data.key && Array.isArray(data.lines)) {
        const lines = data.lines
          .filter(
            (l): l is CartLine =>
              !!l &&
              !!l.product &&
              typeof l.product.id === 'string' &&
              typeof l.product.name === 'string' &&
              typeof l.product.sku === 'string' &&
              Number.isInteger(l.product.price_minor) &&
              Number.isFinite(l.quantity),
          )
          .map((l) => ({
            product: toCartProduct({
              ...l.product,
              base_price_minor: Number.isInteger(l.product.base_price_minor)
                ? l.product.base_price_minor
                : l.product.price_minor,
              available: Number.isFinite(l.product.available) ? l.product.available : 0,
            }),
            quantity: clampQuantity(l.quantity),
          }));
        return {
          v: 1,
          currency: typeof data.currency === 'string' ? data.currency : null,
          key: data.key,
          lines,
          buyer: {
            name: typeof data.buyer?.name === 'string' ? data.buyer.name : '',
            email: typeof data.buyer?.email === 'string' ? data.buyer.email : '',
          },
          note: typeof data.note === 'string' ? data.note.slice(0, MAX_NOTE) : '',
        };
      }
    }
  } catch {
    /* unreadable or no storage: start afresh */
  }
  return emptyCart();
}

export function saveCart(storage: Storage | null, token: string, cart: CartData): void {
  try {
    storage?.setItem(storageKey(token), JSON.stringify(cart));
  } catch {
    /* private mode or full: the cart simply lives in memory */
  }
}
