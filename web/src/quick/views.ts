// The page's frame (header, language switch) and its views other than the shop: loading,
// the link's errors and the confirmation after an order.
import { renderCart } from './cartPanel';
import { ICONS, append, h, icon, replace } from './dom';
import { retryInitial, newOrder } from './flow';
import { LANGS, chooseLanguage, currentLocale, language, setLanguage, t, type Lang } from './i18n';
import { formatMoney } from './money';
import { shopView, renderProducts } from './shop';
import { initials, LANGUAGE_KEY, type Ctx } from './state';

function pickLanguage(ctx: Ctx): void {
  const fromCatalog = ctx.s.catalog?.language;
  const nav = typeof navigator === 'undefined' ? 'es' : navigator.language;
  setLanguage(ctx.userLang ?? chooseLanguage(fromCatalog ?? nav), fromCatalog);
}

export function render(ctx: Ctx): void {
  if (ctx.destroyed) return;
  pickLanguage(ctx);
  document.documentElement.lang = language();
  document.body.classList.toggle('qo-lock', false);
  ctx.s.sheetOpen = false;
  const page = h('div', { class: `qo qo--${ctx.s.view}` });
  append(page, [header(ctx), main(ctx), ctx.statusEl]);
  replace(ctx.root, page);
  if (ctx.s.view === 'shop') {
    renderProducts(ctx);
    renderCart(ctx);
  }
  document.title = title(ctx);
}

export function title(ctx: Ctx): string {
  switch (ctx.s.view) {
    case 'shop':
      return t('title.shop', { store: ctx.s.catalog?.store.name ?? '' });
    case 'done':
      return t('title.done', { number: ctx.s.order?.number ?? '' });
    case 'unavailable':
      return t('title.unavailable');
    default:
      return t('title.default');
  }
}

function header(ctx: Ctx): HTMLElement {
  const c = ctx.s.catalog;
  const showBrand = c && (ctx.s.view === 'shop' || ctx.s.view === 'done');
  const brand = showBrand
    ? h(
        'div',
        { class: 'qo-brand' },
        h('span', { class: 'qo-brand__mark', 'aria-hidden': 'true' }, initials(c.store.name)),
        h(
          'div',
          { class: 'qo-brand__text' },
          h('h1', { class: 'qo-brand__name' }, c.store.name),
          h('p', { class: 'qo-brand__for' }, t('header.for', { customer: c.customer.name })),
        ),
      )
    : ctx.s.view === 'loading'
      ? h(
          'div',
          { class: 'qo-brand', 'aria-hidden': 'true' },
          h('span', { class: 'qo-brand__mark qo-skeleton' }),
          h('div', { class: 'qo-brand__text' }, h('span', { class: 'qo-skeleton qo-skeleton--title' })),
        )
      : h('div', { class: 'qo-brand' });
  return h(
    'header',
    { class: 'qo-header' },
    h('div', { class: 'qo-header__inner' }, brand, languageSwitch(ctx)),
  );
}

function languageSwitch(ctx: Ctx): HTMLElement {
  return h(
    'div',
    { class: 'qo-lang', role: 'group', 'aria-label': t('lang.label') },
    LANGS.map((l) =>
      h(
        'button',
        {
          type: 'button',
          class: 'qo-lang__btn',
          lang: l,
          'aria-pressed': String(l === language()),
          'aria-label': t(`lang.${l}`, undefined, l),
          'data-lang': l,
          onclick: () => switchLanguage(ctx, l),
        },
        l.toUpperCase(),
      ),
    ),
  );
}

function switchLanguage(ctx: Ctx, l: Lang): void {
  ctx.userLang = l;
  try {
    ctx.storage?.setItem(LANGUAGE_KEY, l);
  } catch {
    /* ignore */
  }
  render(ctx);
  ctx.root.querySelector<HTMLElement>(`[data-lang="${l}"]`)?.focus();
}

export function main(ctx: Ctx): HTMLElement {
  switch (ctx.s.view) {
    case 'loading':
      return loadingView();
    case 'error':
      return messageView(ctx, 'error');
    case 'unavailable':
      return messageView(ctx, 'unavailable');
    case 'done':
      return doneView(ctx);
    case 'shop':
      return shopView(ctx);
  }
}

function loadingView(): HTMLElement {
  const rows = Array.from({ length: 5 }, () =>
    h(
      'li',
      { class: 'qo-product qo-product--skeleton' },
      h(
        'div',
        { class: 'qo-product__info' },
        h('span', { class: 'qo-skeleton qo-skeleton--line' }),
        h('span', { class: 'qo-skeleton qo-skeleton--short' }),
      ),
      h('div', { class: 'qo-product__buy' }, h('span', { class: 'qo-skeleton qo-skeleton--button' })),
    ),
  );
  return h(
    'main',
    { class: 'qo-main qo-main--single', 'aria-busy': 'true', id: 'qo-main' },
    h('p', { class: 'sr-only', role: 'status' }, t('loading')),
    h('span', { class: 'qo-skeleton qo-skeleton--search', 'aria-hidden': 'true' }),
    h('ul', { class: 'qo-products qo-card', 'aria-hidden': 'true' }, rows),
  );
}

function messageView(ctx: Ctx, kind: 'error' | 'unavailable'): HTMLElement {
  const unavailable = kind === 'unavailable';
  return h(
    'main',
    { class: 'qo-main qo-main--center', id: 'qo-main' },
    h(
      'section',
      { class: `qo-card qo-message qo-message--${kind}`, 'aria-labelledby': 'qo-message-title' },
      h('div', { class: 'qo-message__icon' }, icon(unavailable ? ICONS.link : ICONS.alert)),
      h(
        'h1',
        { id: 'qo-message-title', class: 'qo-message__title', tabindex: '-1' },
        t(unavailable ? 'unavailable.title' : 'load_error.title'),
      ),
      h('p', { class: 'qo-message__text' }, t(unavailable ? 'unavailable.text' : 'load_error.text')),
      unavailable
        ? null
        : h(
            'button',
            { type: 'button', class: 'qo-btn qo-btn--primary', onclick: () => retryInitial(ctx) },
            t('load_error.retry'),
          ),
    ),
  );
}

function doneView(ctx: Ctx): HTMLElement {
  const o = ctx.s.order!;
  const m = (minor: number) => formatMoney(minor, o.currency, currentLocale());
  return h(
    'main',
    { class: 'qo-main qo-main--center', id: 'qo-main' },
    h(
      'section',
      { class: 'qo-card qo-done', 'aria-labelledby': 'qo-done-title', 'data-testid': 'confirmation' },
      h('div', { class: 'qo-message__icon qo-message__icon--ok' }, icon(ICONS.check)),
      h('h2', { id: 'qo-done-title', class: 'qo-message__title', tabindex: '-1' }, t('done.title')),
      h(
        'p',
        { class: 'qo-message__text' },
        o.buyer?.name
          ? t('done.text_named', { name: o.buyer.name, store: ctx.s.catalog?.store.name ?? '' })
          : t('done.text', { store: ctx.s.catalog?.store.name ?? '' }),
      ),
      h(
        'p',
        { class: 'qo-done__number' },
        h('span', null, t('done.number')),
        h('strong', { 'data-testid': 'order-number' }, o.number),
      ),
      h(
        'ul',
        { class: 'qo-summary', 'aria-label': t('done.lines') },
        o.lines.map((l) =>
          h(
            'li',
            { class: 'qo-summary__line' },
            h(
              'div',
              null,
              h('p', { class: 'qo-summary__name' }, l.name),
              h(
                'p',
                { class: 'qo-muted' },
                t('done.line_meta', { sku: l.sku, quantity: l.quantity, price: m(l.unit_price_minor) }),
              ),
            ),
            h('p', { class: 'qo-summary__amount' }, m(l.line_total_minor)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'qo-totals' },
        h('span', null, t('done.total')),
        h('strong', { 'data-testid': 'order-total' }, m(o.total_minor)),
      ),
      h(
        'button',
        { type: 'button', class: 'qo-btn qo-btn--primary qo-btn--block', onclick: () => newOrder(ctx) },
        t('done.again'),
      ),
    ),
  );
}
