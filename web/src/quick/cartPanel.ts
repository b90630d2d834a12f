// The cart panel: its lines with their errors, the buyer's details, the notice about the
// last submission and the submit button; on a phone it opens as a modal sheet.
import { MAX_NOTE, newKey, removeLine } from './cart';
import { ICONS, h, icon, replace, type Child } from './dom';
import { submit } from './flow';
import { formatNumber, t } from './i18n';
import { stepper, commit, updateTotals } from './quantities';
import { money, errors, save, cssEscape, type Ctx } from './state';

export function renderCart(ctx: Ctx): void {
  renderCartLines(ctx);
  renderNotice(ctx);
  updateTotals(ctx);
}

export function renderCartLines(ctx: Ctx): void {
  if (!ctx.el.lines || !ctx.el.checkout) return;
  const lineErrors = errors(ctx).lines;
  const empty = ctx.s.cart.lines.length === 0;
  ctx.el.checkout.hidden = empty;
  if (ctx.el.foot) ctx.el.foot.hidden = empty;
  // Keep focus sensible when the focused line disappears.
  const focusedLine = document.activeElement?.closest<HTMLElement>('[data-line]')?.dataset.line;
  const focusedRole = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  if (empty) {
    replace(
      ctx.el.lines,
      h(
        'div',
        { class: 'qo-cart__empty' },
        icon(ICONS.bag),
        h('p', null, t('cart.empty')),
        h('p', { class: 'qo-muted' }, t('cart.empty_hint')),
      ),
    );
  } else {
    replace(
      ctx.el.lines,
      h('p', { class: 'qo-muted qo-cart__count', 'data-cart-count': '' }),
      h(
        'ul',
        { class: 'qo-lines', 'aria-label': t('cart.lines') },
        ctx.s.cart.lines.map((l, i) => {
          const errs = lineErrors.get(l.product.id) ?? [];
          const errId = errs.length ? `qo-line-error-${i}` : undefined;
          return h(
            'li',
            { class: `qo-line${errs.length ? ' has-error' : ''}`, 'data-line': l.product.id, 'data-testid': 'cart-line' },
            h(
              'div',
              { class: 'qo-line__info' },
              h('p', { class: 'qo-line__name' }, l.product.name),
              h(
                'p',
                { class: 'qo-muted qo-line__meta' },
                t('cart.line_meta', { sku: l.product.sku, price: money(ctx, l.product.price_minor) }),
              ),
            ),
            h('p', { class: 'qo-line__total', 'data-line-total': l.product.id }, money(ctx, l.product.price_minor * l.quantity)),
            h(
              'div',
              { class: 'qo-line__controls' },
              stepper(ctx, l.product, 'cart', errId),
              h(
                'button',
                {
                  type: 'button',
                  class: 'qo-link-btn qo-line__remove',
                  'data-focus': 'remove',
                  'aria-label': t('cart.remove_named', { name: l.product.name }),
                  onclick: () => {
                    const next = ctx.s.cart.lines[i + 1]?.product.id ?? ctx.s.cart.lines[i - 1]?.product.id;
                    commit(ctx, removeLine(ctx.s.cart, l.product.id), [l.product.id], true);
                    const target = next
                      ? ctx.root.querySelector<HTMLElement>(`[data-line="${cssEscape(next)}"] [data-focus="remove"]`)
                      : ctx.root.querySelector<HTMLElement>('#qo-cart-title');
                    target?.focus();
                  },
                },
                t('cart.remove'),
              ),
            ),
            errs.length
              ? h('p', { class: 'qo-field-error', id: errId, 'data-testid': 'line-error' }, icon(ICONS.alert), errs.join(' '))
              : null,
          );
        }),
      ),
      h(
        'div',
        { class: 'qo-totals' },
        h('span', null, t('cart.total')),
        h('strong', { 'data-cart-total': '', 'data-testid': 'cart-total' }),
      ),
      h('p', { class: 'qo-muted qo-cart__hint' }, t('cart.total_hint')),
    );
    if (focusedLine && focusedRole && ctx.el.lines.contains(document.activeElement) === false) {
      ctx.root.querySelector<HTMLElement>(`[data-line="${cssEscape(focusedLine)}"] [data-focus="${focusedRole}"]`)?.focus();
    }
  }
}

function field(
  id: string,
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement,
  errs: string[],
  extra?: Child,
): HTMLElement {
  const errId = `${id}-error`;
  if (errs.length) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), errId].filter(Boolean).join(' '));
  }
  return h(
    'div',
    { class: `qo-field${errs.length ? ' has-error' : ''}` },
    h('label', { for: id, class: 'qo-field__label' }, label),
    control,
    extra,
    errs.length ? h('p', { class: 'qo-field-error', id: errId, 'data-testid': `error-${id}` }, icon(ICONS.alert), errs.join(' ')) : null,
  );
}

export function checkoutForm(ctx: Ctx): HTMLElement {
  const e = errors(ctx);
  const name = h('input', {
    id: 'qo-name',
    type: 'text',
    autocomplete: 'name',
    maxlength: '200',
    required: true,
    'aria-required': 'true',
    value: ctx.s.cart.buyer.name,
    oninput: () => {
      ctx.s.cart = { ...ctx.s.cart, buyer: { ...ctx.s.cart.buyer, name: name.value } };
      save(ctx);
    },
  });
  const email = h('input', {
    id: 'qo-email',
    type: 'email',
    inputmode: 'email',
    autocomplete: 'email',
    maxlength: '254',
    spellcheck: 'false',
    value: ctx.s.cart.buyer.email,
    oninput: () => {
      ctx.s.cart = { ...ctx.s.cart, buyer: { ...ctx.s.cart.buyer, email: email.value } };
      save(ctx);
    },
  });
  const counter = h('p', { class: 'qo-muted qo-counter', id: 'qo-note-count', 'aria-live': 'off' });
  const updateCounter = () => {
    counter.textContent = t('checkout.note_count', { used: formatNumber(note.value.length), max: formatNumber(MAX_NOTE) });
  };
  const note = h('textarea', {
    id: 'qo-note',
    rows: '3',
    maxlength: String(MAX_NOTE),
    'aria-describedby': 'qo-note-count',
    value: ctx.s.cart.note,
    oninput: () => {
      ctx.s.cart = { ...ctx.s.cart, note: note.value };
      save(ctx);
      updateCounter();
    },
  });
  note.value = ctx.s.cart.note;
  updateCounter();
  return h(
    'form',
    {
      id: 'qo-checkout-form',
      class: 'qo-checkout',
      novalidate: true,
      'aria-labelledby': 'qo-checkout-title',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        void submit(ctx);
      },
    },
    h('h3', { id: 'qo-checkout-title', class: 'qo-checkout__title' }, t('checkout.title')),
    field('qo-name', t('checkout.name'), name, e.name),
    field('qo-email', t('checkout.email'), email, e.email),
    field('qo-note', t('checkout.note'), note, e.note, counter),
    h('p', { class: 'qo-muted qo-checkout__legal' }, t('checkout.legal')),
  );
}

/** Messages about the submission and the submit button, always in view under the cart. */
export function checkoutFoot(ctx: Ctx): HTMLElement {
  ctx.el.notice = h('div', { class: 'qo-notice-slot', 'aria-live': 'assertive' });
  ctx.el.submit = h('button', {
    type: 'submit',
    form: 'qo-checkout-form',
    class: 'qo-btn qo-btn--primary qo-btn--block qo-submit',
    'data-testid': 'submit',
  });
  return h('div', { class: 'qo-cart__foot', hidden: ctx.s.cart.lines.length === 0 }, ctx.el.notice, ctx.el.submit);
}

export function renderNotice(ctx: Ctx): void {
  if (!ctx.el.notice) return;
  const e = errors(ctx);
  const n = ctx.s.notice;
  const messages: Child[] = [];
  let action: Child = null;
  if (n) {
    switch (n.kind) {
      case 'rate_limited':
        messages.push(n.minutes === null ? t('notice.rate_limited') : t('notice.rate_limited_in', { count: n.minutes }));
        break;
      case 'network':
        messages.push(t('notice.network'));
        break;
      case 'server':
        messages.push(t('notice.server'));
        break;
      case 'conflict':
        messages.push(t('notice.conflict'));
        action = h(
          'button',
          {
            type: 'button',
            class: 'qo-link-btn',
            onclick: () => {
              ctx.s.cart = { ...ctx.s.cart, key: newKey() };
              save(ctx);
              void submit(ctx);
            },
          },
          t('notice.conflict_action'),
        );
        break;
      case 'check_fields':
        messages.push(t('notice.check_fields'));
        break;
    }
  }
  messages.push(...e.general);
  if (messages.length === 0) {
    replace(ctx.el.notice);
    return;
  }
  replace(
    ctx.el.notice,
    h(
      'div',
      { class: 'qo-alert', role: 'alert', 'data-testid': 'notice' },
      icon(ICONS.alert),
      h('div', null, messages.map((m) => h('p', null, m)), action),
    ),
  );
}

/** Re-renders the form with the current errors (keeps what was typed: it lives in ctx.s.cart). */
export function rerenderCheckout(ctx: Ctx): void {
  if (!ctx.el.checkout) return;
  const fresh = checkoutForm(ctx);
  ctx.el.checkout.replaceWith(fresh);
  ctx.el.checkout = fresh;
  ctx.el.checkout.hidden = ctx.s.cart.lines.length === 0;
  if (ctx.el.foot) ctx.el.foot.hidden = ctx.el.checkout.hidden;
  renderNotice(ctx);
  updateTotals(ctx);
}

export function openSheet(ctx: Ctx): void {
  if (!ctx.el.cart || !ctx.el.barButton) return;
  ctx.s.sheetOpen = true;
  ctx.el.cart.classList.add('is-open');
  ctx.el.cart.setAttribute('role', 'dialog');
  ctx.el.cart.setAttribute('aria-modal', 'true');
  ctx.el.barButton.setAttribute('aria-expanded', 'true');
  document.body.classList.add('qo-lock');
  ctx.root.querySelector<HTMLElement>('#qo-cart-title')?.focus();
}

export function closeSheet(ctx: Ctx, returnFocus = true): void {
  if (!ctx.el.cart || !ctx.s.sheetOpen) return;
  ctx.s.sheetOpen = false;
  ctx.el.cart.classList.remove('is-open');
  ctx.el.cart.removeAttribute('role');
  ctx.el.cart.removeAttribute('aria-modal');
  ctx.el.barButton?.setAttribute('aria-expanded', 'false');
  document.body.classList.remove('qo-lock');
  if (returnFocus && ctx.el.barButton && !ctx.el.bar?.hidden) ctx.el.barButton.focus();
}

export function onSheetKey(ctx: Ctx, e: KeyboardEvent): void {
  if (!ctx.s.sheetOpen || !ctx.el.cart) return;
  if (e.key === 'Escape') {
    e.preventDefault();
    closeSheet(ctx);
  } else if (e.key === 'Tab') {
    const focusables = Array.from(
      ctx.el.cart.querySelectorAll<HTMLElement>('button:not([disabled]), input, textarea, [tabindex="0"]'),
    ).filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (focusables.length === 0) return;
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement?.id === 'qo-cart-title')) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }
}
