// The portal's cart (F24): pure functions over plain data, kept in localStorage per contact so
// a reload (or another tab) keeps it. Prices are remembered only when the catalogue sent them;
// the server prices the order anyway.
import { useCallback, useSyncExternalStore } from 'react';
import type { PortalProduct } from '../api/portal';
import { newIdempotencyKey } from '../api/orders';
import { clampQuantity, MAX_LINES, MAX_NOTE } from '../quick/cart';

export { MAX_LINES, MAX_NOTE, MAX_QTY, parseQuantity } from '../quick/cart';

export interface PortalCartLine {
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  /** The unit price the catalogue showed, or null when prices are not visible. */
  price_minor: number | null;
  currency: string | null;
  available: number;
}

export interface PortalCart {
  v: 1;
  lines: PortalCartLine[];
  note: string;
  buyer: { name: string; email: string };
  /** Idempotency-Key of submitting exactly this cart; a change makes a new one. */
  key: string;
}

export function emptyCart(): PortalCart {
  return { v: 1, lines: [], note: '', buyer: { name: '', email: '' }, key: newIdempotencyKey() };
}

/** Any change to what would be sent needs a new key (the old one belongs to the old body). */
function changed(cart: PortalCart, patch: Partial<PortalCart>): PortalCart {
  return { ...cart, ...patch, key: newIdempotencyKey() };
}

export function lineOf(cart: PortalCart, productId: string): PortalCartLine | undefined {
  return cart.lines.find((l) => l.product_id === productId);
}

/**
 * Adds `quantity` of a product, summing with the line already there (capped at the maximum).
 * Null when the cart already has the most lines an order may have.
 */
export function addToCart(cart: PortalCart, product: PortalProduct, currency: string, quantity = 1): PortalCart | null {
  const price = typeof product.price_minor === 'number' ? product.price_minor : null;
  const existing = lineOf(cart, product.id);
  if (existing) {
    return changed(cart, {
      lines: cart.lines.map((l) =>
        l.product_id === product.id
          ? { ...l, name: product.name, sku: product.sku, price_minor: price, currency: price === null ? null : currency, available: product.available, quantity: clampQuantity(l.quantity + quantity) }
          : l,
      ),
    });
  }
  if (cart.lines.length >= MAX_LINES) return null;
  const line: PortalCartLine = {
    product_id: product.id,
    sku: product.sku,
    name: product.name,
    quantity: clampQuantity(quantity),
    price_minor: price,
    currency: price === null ? null : currency,
    available: product.available,
  };
  return changed(cart, { lines: [...cart.lines, line] });
}

export function setLineQuantity(cart: PortalCart, productId: string, quantity: number): PortalCart {
  return changed(cart, {
    lines: cart.lines.map((l) => (l.product_id === productId ? { ...l, quantity: clampQuantity(quantity) } : l)),
  });
}

export function removeFromCart(cart: PortalCart, productId: string): PortalCart {
  return changed(cart, { lines: cart.lines.filter((l) => l.product_id !== productId) });
}

export function withNote(cart: PortalCart, note: string): PortalCart {
  return changed(cart, { note: note.slice(0, MAX_NOTE) });
}

export function withBuyer(cart: PortalCart, buyer: { name: string; email: string }): PortalCart {
  return changed(cart, { buyer });
}

/** Units in the cart (the badge on the cart link). */
export function cartUnits(cart: PortalCart): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity, 0);
}

/**
 * Σ price × quantity in the one currency of the remembered prices, for display; null when a
 * line has no price (prices not visible) or currencies differ. The server computes the total.
 */
export function cartEstimate(cart: PortalCart): { total_minor: number; currency: string } | null {
  if (cart.lines.length === 0) return null;
  const currency = cart.lines[0].currency;
  if (!currency) return null;
  let total = 0;
  for (const l of cart.lines) {
    if (l.price_minor === null || l.currency !== currency) return null;
    total += l.price_minor * l.quantity;
  }
  return { total_minor: total, currency };
}

export function cartStorageKey(contactId: string): string {
  return `cartera.portal.cart.${contactId}`;
}

function isLine(l: unknown): l is PortalCartLine {
  if (!l || typeof l !== 'object') return false;
  const x = l as Record<string, unknown>;
  return (
    typeof x.product_id === 'string' &&
    typeof x.sku === 'string' &&
    typeof x.name === 'string' &&
    Number.isFinite(x.quantity) &&
    (x.price_minor === null || Number.isInteger(x.price_minor))
  );
}

/** The saved cart of a contact, or an empty one when none (or an unreadable one) is saved. */
export function loadCart(storage: Storage | null, contactId: string): PortalCart {
  try {
    const raw = storage?.getItem(cartStorageKey(contactId));
    if (raw) {
      const data = JSON.parse(raw) as Partial<PortalCart>;
      if (data && data.v === 1 && Array.isArray(data.lines) && typeof data.key === 'string' && data.key) {
        return {
          v: 1,
          key: data.key,
          lines: data.lines.filter(isLine).slice(0, MAX_LINES).map((l) => ({
            ...l,
            quantity: clampQuantity(l.quantity),
            currency: typeof l.currency === 'string' ? l.currency : null,
            available: Number.isFinite(l.available) ? l.available : 0,
          })),
          note: typeof data.note === 'string' ? data.note.slice(0, MAX_NOTE) : '',
          buyer: {
            name: typeof data.buyer?.name === 'string' ? data.buyer.name : '',
            email: typeof data.buyer?.email === 'string' ? data.buyer.email : '',
          },
        };
      }
    }
  } catch {
    /* unreadable or no storage: start afresh */
  }
  return emptyCart();
}

// ---------- A tiny store over localStorage, shared by every component and tab ----------

const listeners = new Set<() => void>();
const snapshots = new Map<string, { raw: string | null; cart: PortalCart }>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function rawOf(contactId: string): string | null {
  try {
    return storage()?.getItem(cartStorageKey(contactId)) ?? null;
  } catch {
    return null;
  }
}

function snapshot(contactId: string): PortalCart {
  const raw = rawOf(contactId);
  const known = snapshots.get(contactId);
  if (known && known.raw === raw) return known.cart;
  const cart = loadCart(storage(), contactId);
  snapshots.set(contactId, { raw, cart });
  return cart;
}

export function saveCart(contactId: string, cart: PortalCart): void {
  const raw = JSON.stringify(cart);
  try {
    storage()?.setItem(cartStorageKey(contactId), raw);
  } catch {
    /* private mode or full: keep it in memory for this visit */
  }
  snapshots.set(contactId, { raw: rawOf(contactId), cart });
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (!e.key || e.key.startsWith('cartera.portal.cart.')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The contact's cart and a function to replace it. */
export function usePortalCart(contactId: string): [PortalCart, (next: PortalCart) => void] {
  const cart = useSyncExternalStore(
    subscribe,
    () => snapshot(contactId),
    () => snapshot(contactId),
  );
  const set = useCallback((next: PortalCart) => saveCart(contactId, next), [contactId]);
  return [cart, set];
}
