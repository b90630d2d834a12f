// The shop view: the catalogue with its search and paste-by-SKU panel, the cart beside it
// (a sheet on a phone, opened from the bottom bar), and each product's row.
import { addItem, quantityOf, type CartProduct, type QuickProduct } from './cart';
import { checkoutForm, checkoutFoot, openSheet, closeSheet, onSheetKey } from './cartPanel';
import { ICONS, append, h, icon, replace, type Child } from './dom';
import { onSearchInput, loadCatalog } from './flow';
import { currentLocale, t } from './i18n';
import { pastePanel } from './paste';
import { stepper, commit } from './quantities';
import { money, type Ctx } from './state';

export function shopView(ctx: Ctx): HTMLElement {
  const c = ctx.s.catalog!;
  const intro: Child[] = [];
  if (c.discount_percent > 0) {
    intro.push(
      h(
        'p',
        { class: 'qo-pill', 'data-testid': 'discount' },
        t('intro.discount', {
          percent: new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 2 }).format(
            c.discount_percent / 100,
          ),
        }),
      ),
    );
  }
  if (c.expires_at) {
    const at = new Date(c.expires_at);
    if (!Number.isNaN(at.getTime())) {
      intro.push(
        h(
          'p',
          { class: 'qo-muted qo-intro__expires' },
          t('intro.expires', { date: new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long' }).format(at) }),
        ),
      );
    }
  }

  const search = h('input', {
    type: 'search',
    id: 'qo-search',
    class: 'qo-search__input',
    placeholder: t('search.placeholder'),
    autocomplete: 'off',
    enterkeyhint: 'search',
    spellcheck: 'false',
    value: ctx.s.q,
    oninput: (e: Event) => onSearchInput(ctx, (e.target as HTMLInputElement).value),
    onkeydown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        clearTimeout(ctx.searchTimer);
        void loadCatalog(ctx, 'search');
      }
    },
  });

  ctx.el.list = h('div', { class: 'qo-list', id: 'qo-list', 'aria-busy': String(ctx.s.searching) });
  ctx.el.more = h('div', { class: 'qo-more' });

  const catalogSection = h(
    'section',
    { class: 'qo-catalog', 'aria-labelledby': 'qo-products-title' },
    intro.length ? h('div', { class: 'qo-intro' }, intro) : null,
    h('h2', { id: 'qo-products-title', class: 'qo-section-title' }, t('products.title')),
    h(
      'div',
      { class: 'qo-search', role: 'search' },
      h('label', { for: 'qo-search', class: 'sr-only' }, t('search.label')),
      icon(ICONS.search, 'icon qo-search__icon'),
      search,
    ),
    pastePanel(ctx),
    ctx.el.list,
    ctx.el.more,
  );

  ctx.el.cart = h('aside', {
    class: 'qo-cart',
    id: 'qo-cart',
    'aria-labelledby': 'qo-cart-title',
    onkeydown: (e: KeyboardEvent) => onSheetKey(ctx, e),
  });
  ctx.el.lines = h('div', { class: 'qo-cart__lines' });
  ctx.el.checkout = checkoutForm(ctx);
  ctx.el.foot = checkoutFoot(ctx);
  append(ctx.el.cart, [
    h(
      'div',
      { class: 'qo-cart__head' },
      h('h2', { id: 'qo-cart-title', class: 'qo-section-title', tabindex: '-1' }, t('cart.title')),
      h(
        'button',
        {
          type: 'button',
          class: 'qo-icon-btn qo-cart__close',
          'aria-label': t('cart.close'),
          onclick: () => closeSheet(ctx),
        },
        icon(ICONS.close),
      ),
    ),
    h('div', { class: 'qo-cart__body' }, ctx.el.lines, ctx.el.checkout),
    ctx.el.foot,
  ]);

  ctx.el.barButton = h(
    'button',
    {
      type: 'button',
      class: 'qo-bar__btn',
      'aria-controls': 'qo-cart',
      'aria-expanded': 'false',
      'aria-haspopup': 'dialog',
      'data-testid': 'cart-bar',
      onclick: () => openSheet(ctx),
    },
    h('span', { class: 'qo-bar__count' }, icon(ICONS.bag), h('span', { class: 'qo-badge', 'data-bar-count': '' })),
    h('span', { class: 'qo-bar__label' }, t('bar.view')),
    h('span', { class: 'qo-bar__total', 'data-bar-total': '' }),
  );
  ctx.el.bar = h('div', { class: 'qo-bar' }, ctx.el.barButton);

  return h(
    'main',
    { class: 'qo-main qo-shop', id: 'qo-main' },
    catalogSection,
    ctx.el.cart,
    ctx.el.bar,
  );
}

export function renderProducts(ctx: Ctx): void {
  if (!ctx.el.list || !ctx.el.more) return;
  ctx.el.list.setAttribute('aria-busy', String(ctx.s.searching));
  ctx.el.list.classList.toggle('is-busy', ctx.s.searching);
  if (ctx.s.products.length === 0) {
    replace(
      ctx.el.list,
      h(
        'p',
        { class: 'qo-card qo-empty', 'data-testid': 'no-products' },
        ctx.s.q.trim() ? t('products.none_match', { q: ctx.s.q.trim() }) : t('products.none'),
      ),
    );
  } else {
    replace(
      ctx.el.list,
      h(
        'ul',
        { class: 'qo-products qo-card', 'aria-labelledby': 'qo-products-title' },
        ctx.s.products.map((p) => productRow(ctx, p)),
      ),
    );
  }
  renderMore(ctx);
}

export function renderMore(ctx: Ctx): void {
  if (!ctx.el.more) return;
  const children: Child[] = [];
  if (ctx.s.listFailed) {
    children.push(
      h(
        'p',
        { class: 'qo-inline-error', role: 'alert' },
        t('products.failed'),
        ' ',
        h(
          'button',
          { type: 'button', class: 'qo-link-btn', onclick: () => void loadCatalog(ctx, ctx.s.nextCursor && ctx.s.products.length ? 'more' : 'search') },
          t('products.retry'),
        ),
      ),
    );
  }
  if (ctx.s.nextCursor && !ctx.s.listFailed) {
    children.push(
      h(
        'button',
        {
          type: 'button',
          class: 'qo-btn qo-btn--secondary qo-btn--block',
          'data-testid': 'load-more',
          disabled: ctx.s.moreLoading,
          'aria-busy': String(ctx.s.moreLoading),
          onclick: () => void loadCatalog(ctx, 'more'),
        },
        ctx.s.moreLoading ? t('products.loading_more') : t('products.more'),
      ),
    );
  }
  replace(ctx.el.more, ...children);
}

function productRow(ctx: Ctx, p: QuickProduct): HTMLElement {
  const discounted = p.base_price_minor !== p.price_minor;
  const out = p.available <= 0;
  return h(
    'li',
    { class: 'qo-product', 'data-product-id': p.id, 'data-testid': 'product' },
    h(
      'div',
      { class: 'qo-product__info' },
      h('h3', { class: 'qo-product__name' }, p.name),
      h(
        'p',
        { class: 'qo-product__meta' },
        h('span', { class: 'qo-sku' }, t('product.sku', { sku: p.sku })),
        h(
          'span',
          { class: `qo-stock${out ? ' is-out' : ''}`, 'data-testid': 'stock' },
          out ? t('product.out_of_stock') : t('product.available', { count: p.available }),
        ),
      ),
    ),
    h(
      'p',
      { class: 'qo-price' },
      h('span', { class: 'qo-price__now', 'data-testid': 'price' }, money(ctx, p.price_minor)),
      discounted
        ? h(
            's',
            { class: 'qo-price__was', 'data-testid': 'base-price' },
            h('span', { class: 'sr-only' }, t('product.list_price')),
            money(ctx, p.base_price_minor),
          )
        : null,
    ),
    h('div', { class: 'qo-product__control', 'data-control': p.id }, rowControl(ctx, p)),
  );
}

export function rowControl(ctx: Ctx, p: CartProduct): HTMLElement {
  const qty = quantityOf(ctx.s.cart, p.id);
  if (qty === 0) {
    return h(
      'button',
      {
        type: 'button',
        class: 'qo-btn qo-btn--add',
        'data-focus': 'add',
        'aria-label': t('product.add_named', { name: p.name }),
        onclick: () => {
          commit(ctx, addItem(ctx.s.cart, p, 1), [p.id], true);
        },
      },
      icon(ICONS.plus),
      h('span', null, t('product.add')),
    );
  }
  return stepper(ctx, p, 'row');
}
