// Changing the cart: the quantity steppers, and updating in place every place that shows a
// changed product or the totals (so typing in a quantity box is never interrupted).
import { cartTotal, itemCount, parseQuantity, quantityOf, removeLine, setQuantity, type CartData, type CartProduct } from './cart';
import { renderCartLines } from './cartPanel';
import { ICONS, h, icon, replace } from './dom';
import { formatNumber, t } from './i18n';
import { rowControl } from './shop';
import { cssEscape, money, save, type Ctx } from './state';

export function stepper(ctx: Ctx, p: CartProduct, where: 'row' | 'cart', describedBy?: string): HTMLElement {
  const qty = quantityOf(ctx.s.cart, p.id);
  const input = h('input', {
    type: 'text',
    inputmode: 'numeric',
    pattern: '[0-9]*',
    class: 'qo-stepper__input',
    'aria-label': t('qty.label', { name: p.name }),
    'aria-describedby': describedBy,
    'aria-invalid': describedBy ? 'true' : undefined,
    autocomplete: 'off',
    'data-focus': 'qty',
    'data-qty-for': p.id,
    value: String(qty),
    oninput: () => {
      const n = parseQuantity(input.value);
      if (n === null) {
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      if (!describedBy) input.removeAttribute('aria-invalid');
      if (n !== quantityOf(ctx.s.cart, p.id)) commit(ctx, setQuantity(ctx.s.cart, p.id, n), [p.id], false);
    },
    onchange: () => {
      input.value = String(quantityOf(ctx.s.cart, p.id));
      if (!describedBy) input.removeAttribute('aria-invalid');
    },
    onblur: () => {
      const q = quantityOf(ctx.s.cart, p.id);
      if (q > 0) input.value = String(q);
    },
    onfocus: () => input.select(),
    onkeydown: (e: KeyboardEvent) => {
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        e.preventDefault();
        step(ctx, p, where, e.key === 'ArrowUp' ? 1 : -1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        input.value = String(quantityOf(ctx.s.cart, p.id));
      }
    },
  });
  const minus = h(
    'button',
    { type: 'button', class: 'qo-stepper__btn', 'data-focus': 'dec', 'data-dec-for': p.id, onclick: () => step(ctx, p, where, -1) },
    icon(ICONS.minus),
  );
  const plus = h(
    'button',
    {
      type: 'button',
      class: 'qo-stepper__btn',
      'data-focus': 'inc',
      'aria-label': t('qty.inc', { name: p.name }),
      onclick: () => step(ctx, p, where, 1),
    },
    icon(ICONS.plus),
  );
  const el = h('div', { class: 'qo-stepper', 'data-where': where }, minus, input, plus);
  updateMinus(minus, p, qty, where);
  return el;
}

function updateMinus(minus: HTMLButtonElement, p: CartProduct, qty: number, where: 'row' | 'cart'): void {
  const removes = qty <= 1 && where === 'row';
  minus.setAttribute('aria-label', removes ? t('qty.remove', { name: p.name }) : t('qty.dec', { name: p.name }));
  minus.disabled = qty <= 1 && where === 'cart';
  replace(minus, icon(removes ? ICONS.trash : ICONS.minus));
}

function step(ctx: Ctx, p: CartProduct, where: 'row' | 'cart', delta: 1 | -1): void {
  const qty = quantityOf(ctx.s.cart, p.id);
  if (qty === 0) return;
  if (delta < 0 && qty <= 1) {
    if (where === 'row') commit(ctx, removeLine(ctx.s.cart, p.id), [p.id], true);
    return;
  }
  commit(ctx, setQuantity(ctx.s.cart, p.id, qty + delta), [p.id], false);
}

/**
 * Applies a new cart: saves it, updates every place that shows the changed products and
 * the totals. `structural` when lines were added or removed (the cart list is rebuilt).
 */
export function commit(ctx: Ctx, next: CartData, changed: string[], structural: boolean): void {
  ctx.s.cart = next;
  save(ctx);
  if (ctx.s.fieldErrors) {
    // A changed line's error no longer applies.
    const ids = ctx.s.fieldErrors.lineIds;
    const kept = ctx.s.fieldErrors.errors.filter((e) => {
      const m = /^lines\[(\d+)\]/.exec(e.field);
      return !m || !changed.includes(ids[Number(m[1])] ?? '');
    });
    if (kept.length !== ctx.s.fieldErrors.errors.length) {
      ctx.s.fieldErrors = kept.length ? { ...ctx.s.fieldErrors, errors: kept } : null;
      structural = true;
    }
  }
  for (const id of changed) updateProduct(ctx, id);
  if (structural) renderCartLines(ctx);
  updateTotals(ctx);
}

/** Refreshes the catalogue row control and every stepper of one product. */
function updateProduct(ctx: Ctx, id: string): void {
  const qty = quantityOf(ctx.s.cart, id);
  const slot = ctx.root.querySelector<HTMLElement>(`[data-control="${cssEscape(id)}"]`);
  const product = ctx.s.products.find((p) => p.id === id) ?? ctx.s.cart.lines.find((l) => l.product.id === id)?.product;
  if (slot && product) {
    const hasStepper = !!slot.querySelector('.qo-stepper');
    if (hasStepper !== qty > 0) {
      const focused = document.activeElement && slot.contains(document.activeElement)
        ? (document.activeElement as HTMLElement).dataset.focus
        : undefined;
      replace(slot, rowControl(ctx, product));
      if (focused) {
        const target =
          slot.querySelector<HTMLElement>(qty > 0 ? '[data-focus="inc"]' : '[data-focus="add"]') ??
          slot.querySelector<HTMLElement>('button');
        target?.focus();
      }
    }
  }
  ctx.root.querySelectorAll<HTMLInputElement>(`[data-qty-for="${cssEscape(id)}"]`).forEach((input) => {
    if (document.activeElement !== input && qty > 0) input.value = String(qty);
  });
  ctx.root.querySelectorAll<HTMLButtonElement>(`[data-dec-for="${cssEscape(id)}"]`).forEach((minus) => {
    const where = (minus.parentElement?.dataset.where ?? 'row') as 'row' | 'cart';
    if (product) updateMinus(minus, product, qty, where);
  });
  ctx.root.querySelectorAll<HTMLElement>(`[data-line-total="${cssEscape(id)}"]`).forEach((el) => {
    const line = ctx.s.cart.lines.find((l) => l.product.id === id);
    if (line) el.textContent = money(ctx, line.product.price_minor * line.quantity);
  });
}

export function updateTotals(ctx: Ctx): void {
  const count = itemCount(ctx.s.cart);
  const total = money(ctx, cartTotal(ctx.s.cart));
  ctx.root.querySelectorAll('[data-bar-count]').forEach((el) => (el.textContent = formatNumber(count)));
  ctx.root.querySelectorAll('[data-bar-total]').forEach((el) => (el.textContent = total));
  ctx.root.querySelectorAll('[data-cart-total]').forEach((el) => (el.textContent = total));
  ctx.root.querySelectorAll('[data-cart-count]').forEach((el) => (el.textContent = t('cart.items', { count })));
  if (ctx.el.bar) ctx.el.bar.hidden = count === 0 || ctx.s.view !== 'shop';
  ctx.root.querySelector('.qo')?.classList.toggle('qo--has-bar', count > 0);
  if (ctx.el.barButton) ctx.el.barButton.setAttribute('aria-label', t('bar.label', { count, total }));
  if (ctx.el.submit && !ctx.s.submitting) ctx.el.submit.textContent = t('checkout.submit', { total });
  clearTimeout(ctx.statusTimer);
  ctx.statusTimer = setTimeout(() => {
    ctx.statusEl.textContent = count === 0 ? t('cart.status_empty') : t('cart.status', { count, total });
  }, 400);
}
