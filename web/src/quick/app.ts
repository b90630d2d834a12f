// The public quick-order page (F21, F32): a customer opens /q/<token> on a phone, with no
// account, fills a cart from their catalogue (with their personal prices) and sends it.
// Plain DOM: the state lives in `s`; each region has a render function, and cart changes
// update only what shows the cart so typing is never interrupted.
import { QuickApi, type FetchLike, type FieldError, type Order, type QuickCatalog } from './api';
import {
  MAX_NOTE,
  addItem,
  cartTotal,
  emptyCart,
  itemCount,
  loadCart,
  newKey,
  orderBody,
  parseQuantity,
  quantityOf,
  refreshProducts,
  removeLine,
  saveCart,
  setQuantity,
  type CartData,
  type CartProduct,
  type QuickProduct,
} from './cart';
import { ICONS, append, h, icon, replace, type Child } from './dom';
import { mapOrderErrors, noErrors, retryAfterMinutes, skuErrorMessage, type OrderErrors } from './errors';
import { LANGS, chooseLanguage, currentLocale, formatNumber, language, setLanguage, t, type Lang } from './i18n';
import { formatMoney } from './money';
import { keepLines, mergeGoodLines, sortSkuResults, type SortedLines } from './sku';

export const LANGUAGE_KEY = 'cartera.quick.language';
const PAGE_SIZE = 50;

export interface StartOptions {
  fetch?: FetchLike;
  storage?: Storage | null;
  /** Defaults to location.pathname. */
  path?: string;
  /** Search-as-you-type delay. */
  debounceMs?: number;
  pageSize?: number;
}

export interface QuickPage {
  destroy(): void;
}

/** `/q/<token>` → token (null for any other path). */
export function tokenFromPath(path: string): string | null {
  const m = /^\/q\/([^/?#]+)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

type View = 'loading' | 'error' | 'unavailable' | 'shop' | 'done';

/** A message about the last submission that belongs to no field. */
type Notice =
  | { kind: 'rate_limited'; minutes: number | null }
  | { kind: 'network' }
  | { kind: 'server' }
  | { kind: 'conflict' }
  | { kind: 'check_fields' };

interface SkuState {
  open: boolean;
  text: string;
  busy: boolean;
  results: SortedLines | null;
  /** A message after adding or failing (translated at render). */
  message: { key: 'added' | 'empty' | 'failed' | 'too_long'; count?: number; kept?: boolean } | null;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function defaultPath(): string {
  return typeof location === 'undefined' ? '/' : location.pathname;
}

export function startQuickOrder(root: HTMLElement, options: StartOptions = {}): QuickPage {
  const storage = options.storage === undefined ? safeStorage() : options.storage;
  const token = tokenFromPath(options.path ?? defaultPath());
  const api = new QuickApi(token ?? '-', options.fetch);
  const debounceMs = options.debounceMs ?? 250;
  const pageSize = options.pageSize ?? PAGE_SIZE;

  let userLang: Lang | null = null;
  try {
    const saved = storage?.getItem(LANGUAGE_KEY);
    if (saved === 'es' || saved === 'en') userLang = saved;
  } catch {
    /* no storage */
  }

  const s = {
    view: 'loading' as View,
    catalog: null as QuickCatalog | null,
    products: [] as QuickProduct[],
    nextCursor: null as string | null,
    q: '',
    searching: false,
    moreLoading: false,
    listFailed: false,
    cart: token ? loadCart(storage, token) : emptyCart(),
    sheetOpen: false,
    submitting: false,
    /** The raw errors of the last failed submission (translated at render). */
    fieldErrors: null as { errors: FieldError[]; lineIds: string[] } | null,
    notice: null as Notice | null,
    order: null as Order | null,
    sku: { open: false, text: '', busy: false, results: null, message: null } as SkuState,
  };

  let destroyed = false;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  let listController: AbortController | null = null;

  // Elements of the current shop view (rebuilt by renderView).
  let listEl: HTMLElement | null = null;
  let moreEl: HTMLElement | null = null;
  let cartEl: HTMLElement | null = null;
  let linesEl: HTMLElement | null = null;
  let barEl: HTMLElement | null = null;
  let barButton: HTMLButtonElement | null = null;
  let checkoutEl: HTMLElement | null = null;
  let footEl: HTMLElement | null = null;
  let submitButton: HTMLButtonElement | null = null;
  let noticeEl: HTMLElement | null = null;
  let skuResultEl: HTMLElement | null = null;
  let skuPanelEl: HTMLElement | null = null;
  let skuToggle: HTMLButtonElement | null = null;
  const statusEl = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

  const pickLanguage = () => {
    const fromCatalog = s.catalog?.language;
    const nav = typeof navigator === 'undefined' ? 'es' : navigator.language;
    setLanguage(userLang ?? chooseLanguage(fromCatalog ?? nav), fromCatalog);
  };

  const money = (minor: number) => formatMoney(minor, s.catalog?.currency ?? s.cart.currency ?? 'EUR', currentLocale());

  const errors = (): OrderErrors => (s.fieldErrors ? mapOrderErrors(s.fieldErrors.errors, s.fieldErrors.lineIds) : noErrors());

  const save = () => {
    if (token) saveCart(storage, token, s.cart);
  };

  // ---------------------------------------------------------------- frame and views

  function render(): void {
    if (destroyed) return;
    pickLanguage();
    document.documentElement.lang = language();
    document.body.classList.toggle('qo-lock', false);
    s.sheetOpen = false;
    const page = h('div', { class: `qo qo--${s.view}` });
    append(page, [header(), main(), statusEl]);
    replace(root, page);
    if (s.view === 'shop') {
      renderProducts();
      renderCart();
    }
    document.title = title();
  }

  function title(): string {
    switch (s.view) {
      case 'shop':
        return t('title.shop', { store: s.catalog?.store.name ?? '' });
      case 'done':
        return t('title.done', { number: s.order?.number ?? '' });
      case 'unavailable':
        return t('title.unavailable');
      default:
        return t('title.default');
    }
  }

  function header(): HTMLElement {
    const c = s.catalog;
    const showBrand = c && (s.view === 'shop' || s.view === 'done');
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
      : s.view === 'loading'
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
      h('div', { class: 'qo-header__inner' }, brand, languageSwitch()),
    );
  }

  function languageSwitch(): HTMLElement {
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
            onclick: () => switchLanguage(l),
          },
          l.toUpperCase(),
        ),
      ),
    );
  }

  function switchLanguage(l: Lang): void {
    userLang = l;
    try {
      storage?.setItem(LANGUAGE_KEY, l);
    } catch {
      /* ignore */
    }
    render();
    root.querySelector<HTMLElement>(`[data-lang="${l}"]`)?.focus();
  }

  function main(): HTMLElement {
    switch (s.view) {
      case 'loading':
        return loadingView();
      case 'error':
        return messageView('error');
      case 'unavailable':
        return messageView('unavailable');
      case 'done':
        return doneView();
      case 'shop':
        return shopView();
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

  function messageView(kind: 'error' | 'unavailable'): HTMLElement {
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
              { type: 'button', class: 'qo-btn qo-btn--primary', onclick: () => retryInitial() },
              t('load_error.retry'),
            ),
      ),
    );
  }

  function doneView(): HTMLElement {
    const o = s.order!;
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
            ? t('done.text_named', { name: o.buyer.name, store: s.catalog?.store.name ?? '' })
            : t('done.text', { store: s.catalog?.store.name ?? '' }),
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
          { type: 'button', class: 'qo-btn qo-btn--primary qo-btn--block', onclick: () => newOrder() },
          t('done.again'),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------- shop view

  function shopView(): HTMLElement {
    const c = s.catalog!;
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
      value: s.q,
      oninput: (e: Event) => onSearchInput((e.target as HTMLInputElement).value),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          clearTimeout(searchTimer);
          void loadCatalog('search');
        }
      },
    });

    listEl = h('div', { class: 'qo-list', id: 'qo-list', 'aria-busy': String(s.searching) });
    moreEl = h('div', { class: 'qo-more' });

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
      pastePanel(),
      listEl,
      moreEl,
    );

    cartEl = h('aside', {
      class: 'qo-cart',
      id: 'qo-cart',
      'aria-labelledby': 'qo-cart-title',
      onkeydown: (e: KeyboardEvent) => onSheetKey(e),
    });
    linesEl = h('div', { class: 'qo-cart__lines' });
    checkoutEl = checkoutForm();
    footEl = checkoutFoot();
    append(cartEl, [
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
            onclick: () => closeSheet(),
          },
          icon(ICONS.close),
        ),
      ),
      h('div', { class: 'qo-cart__body' }, linesEl, checkoutEl),
      footEl,
    ]);

    barButton = h(
      'button',
      {
        type: 'button',
        class: 'qo-bar__btn',
        'aria-controls': 'qo-cart',
        'aria-expanded': 'false',
        'aria-haspopup': 'dialog',
        'data-testid': 'cart-bar',
        onclick: () => openSheet(),
      },
      h('span', { class: 'qo-bar__count' }, icon(ICONS.bag), h('span', { class: 'qo-badge', 'data-bar-count': '' })),
      h('span', { class: 'qo-bar__label' }, t('bar.view')),
      h('span', { class: 'qo-bar__total', 'data-bar-total': '' }),
    );
    barEl = h('div', { class: 'qo-bar' }, barButton);

    return h(
      'main',
      { class: 'qo-main qo-shop', id: 'qo-main' },
      catalogSection,
      cartEl,
      barEl,
    );
  }

  // ---------------------------------------------------------------- product list

  function renderProducts(): void {
    if (!listEl || !moreEl) return;
    listEl.setAttribute('aria-busy', String(s.searching));
    listEl.classList.toggle('is-busy', s.searching);
    if (s.products.length === 0) {
      replace(
        listEl,
        h(
          'p',
          { class: 'qo-card qo-empty', 'data-testid': 'no-products' },
          s.q.trim() ? t('products.none_match', { q: s.q.trim() }) : t('products.none'),
        ),
      );
    } else {
      replace(
        listEl,
        h(
          'ul',
          { class: 'qo-products qo-card', 'aria-labelledby': 'qo-products-title' },
          s.products.map((p) => productRow(p)),
        ),
      );
    }
    renderMore();
  }

  function renderMore(): void {
    if (!moreEl) return;
    const children: Child[] = [];
    if (s.listFailed) {
      children.push(
        h(
          'p',
          { class: 'qo-inline-error', role: 'alert' },
          t('products.failed'),
          ' ',
          h(
            'button',
            { type: 'button', class: 'qo-link-btn', onclick: () => void loadCatalog(s.nextCursor && s.products.length ? 'more' : 'search') },
            t('products.retry'),
          ),
        ),
      );
    }
    if (s.nextCursor && !s.listFailed) {
      children.push(
        h(
          'button',
          {
            type: 'button',
            class: 'qo-btn qo-btn--secondary qo-btn--block',
            'data-testid': 'load-more',
            disabled: s.moreLoading,
            'aria-busy': String(s.moreLoading),
            onclick: () => void loadCatalog('more'),
          },
          s.moreLoading ? t('products.loading_more') : t('products.more'),
        ),
      );
    }
    replace(moreEl, ...children);
  }

  function productRow(p: QuickProduct): HTMLElement {
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
        h('span', { class: 'qo-price__now', 'data-testid': 'price' }, money(p.price_minor)),
        discounted
          ? h(
              's',
              { class: 'qo-price__was', 'data-testid': 'base-price' },
              h('span', { class: 'sr-only' }, t('product.list_price')),
              money(p.base_price_minor),
            )
          : null,
      ),
      h('div', { class: 'qo-product__control', 'data-control': p.id }, rowControl(p)),
    );
  }

  function rowControl(p: CartProduct): HTMLElement {
    const qty = quantityOf(s.cart, p.id);
    if (qty === 0) {
      return h(
        'button',
        {
          type: 'button',
          class: 'qo-btn qo-btn--add',
          'data-focus': 'add',
          'aria-label': t('product.add_named', { name: p.name }),
          onclick: () => {
            commit(addItem(s.cart, p, 1), [p.id], true);
          },
        },
        icon(ICONS.plus),
        h('span', null, t('product.add')),
      );
    }
    return stepper(p, 'row');
  }

  // ---------------------------------------------------------------- quantity stepper

  function stepper(p: CartProduct, where: 'row' | 'cart', describedBy?: string): HTMLElement {
    const qty = quantityOf(s.cart, p.id);
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
        if (n !== quantityOf(s.cart, p.id)) commit(setQuantity(s.cart, p.id, n), [p.id], false);
      },
      onchange: () => {
        input.value = String(quantityOf(s.cart, p.id));
        if (!describedBy) input.removeAttribute('aria-invalid');
      },
      onblur: () => {
        const q = quantityOf(s.cart, p.id);
        if (q > 0) input.value = String(q);
      },
      onfocus: () => input.select(),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          step(p, where, e.key === 'ArrowUp' ? 1 : -1);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          input.value = String(quantityOf(s.cart, p.id));
        }
      },
    });
    const minus = h(
      'button',
      { type: 'button', class: 'qo-stepper__btn', 'data-focus': 'dec', 'data-dec-for': p.id, onclick: () => step(p, where, -1) },
      icon(ICONS.minus),
    );
    const plus = h(
      'button',
      {
        type: 'button',
        class: 'qo-stepper__btn',
        'data-focus': 'inc',
        'aria-label': t('qty.inc', { name: p.name }),
        onclick: () => step(p, where, 1),
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

  function step(p: CartProduct, where: 'row' | 'cart', delta: 1 | -1): void {
    const qty = quantityOf(s.cart, p.id);
    if (qty === 0) return;
    if (delta < 0 && qty <= 1) {
      if (where === 'row') commit(removeLine(s.cart, p.id), [p.id], true);
      return;
    }
    commit(setQuantity(s.cart, p.id, qty + delta), [p.id], false);
  }

  // ---------------------------------------------------------------- cart changes

  /**
   * Applies a new cart: saves it, updates every place that shows the changed products and
   * the totals. `structural` when lines were added or removed (the cart list is rebuilt).
   */
  function commit(next: CartData, changed: string[], structural: boolean): void {
    s.cart = next;
    save();
    if (s.fieldErrors) {
      // A changed line's error no longer applies.
      const ids = s.fieldErrors.lineIds;
      const kept = s.fieldErrors.errors.filter((e) => {
        const m = /^lines\[(\d+)\]/.exec(e.field);
        return !m || !changed.includes(ids[Number(m[1])] ?? '');
      });
      if (kept.length !== s.fieldErrors.errors.length) {
        s.fieldErrors = kept.length ? { ...s.fieldErrors, errors: kept } : null;
        structural = true;
      }
    }
    for (const id of changed) updateProduct(id);
    if (structural) renderCartLines();
    updateTotals();
  }

  /** Refreshes the catalogue row control and every stepper of one product. */
  function updateProduct(id: string): void {
    const qty = quantityOf(s.cart, id);
    const slot = root.querySelector<HTMLElement>(`[data-control="${cssEscape(id)}"]`);
    const product = s.products.find((p) => p.id === id) ?? s.cart.lines.find((l) => l.product.id === id)?.product;
    if (slot && product) {
      const hasStepper = !!slot.querySelector('.qo-stepper');
      if (hasStepper !== qty > 0) {
        const focused = document.activeElement && slot.contains(document.activeElement)
          ? (document.activeElement as HTMLElement).dataset.focus
          : undefined;
        replace(slot, rowControl(product));
        if (focused) {
          const target =
            slot.querySelector<HTMLElement>(qty > 0 ? '[data-focus="inc"]' : '[data-focus="add"]') ??
            slot.querySelector<HTMLElement>('button');
          target?.focus();
        }
      }
    }
    root.querySelectorAll<HTMLInputElement>(`[data-qty-for="${cssEscape(id)}"]`).forEach((input) => {
      if (document.activeElement !== input && qty > 0) input.value = String(qty);
    });
    root.querySelectorAll<HTMLButtonElement>(`[data-dec-for="${cssEscape(id)}"]`).forEach((minus) => {
      const where = (minus.parentElement?.dataset.where ?? 'row') as 'row' | 'cart';
      if (product) updateMinus(minus, product, qty, where);
    });
    root.querySelectorAll<HTMLElement>(`[data-line-total="${cssEscape(id)}"]`).forEach((el) => {
      const line = s.cart.lines.find((l) => l.product.id === id);
      if (line) el.textContent = money(line.product.price_minor * line.quantity);
    });
  }

  function updateTotals(): void {
    const count = itemCount(s.cart);
    const total = money(cartTotal(s.cart));
    root.querySelectorAll('[data-bar-count]').forEach((el) => (el.textContent = formatNumber(count)));
    root.querySelectorAll('[data-bar-total]').forEach((el) => (el.textContent = total));
    root.querySelectorAll('[data-cart-total]').forEach((el) => (el.textContent = total));
    root.querySelectorAll('[data-cart-count]').forEach((el) => (el.textContent = t('cart.items', { count })));
    if (barEl) barEl.hidden = count === 0 || s.view !== 'shop';
    root.querySelector('.qo')?.classList.toggle('qo--has-bar', count > 0);
    if (barButton) barButton.setAttribute('aria-label', t('bar.label', { count, total }));
    if (submitButton && !s.submitting) submitButton.textContent = t('checkout.submit', { total });
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => {
      statusEl.textContent = count === 0 ? t('cart.status_empty') : t('cart.status', { count, total });
    }, 400);
  }

  // ---------------------------------------------------------------- cart panel

  function renderCart(): void {
    renderCartLines();
    renderNotice();
    updateTotals();
  }

  function renderCartLines(): void {
    if (!linesEl || !checkoutEl) return;
    const lineErrors = errors().lines;
    const empty = s.cart.lines.length === 0;
    checkoutEl.hidden = empty;
    if (footEl) footEl.hidden = empty;
    // Keep focus sensible when the focused line disappears.
    const focusedLine = document.activeElement?.closest<HTMLElement>('[data-line]')?.dataset.line;
    const focusedRole = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    if (empty) {
      replace(
        linesEl,
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
        linesEl,
        h('p', { class: 'qo-muted qo-cart__count', 'data-cart-count': '' }),
        h(
          'ul',
          { class: 'qo-lines', 'aria-label': t('cart.lines') },
          s.cart.lines.map((l, i) => {
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
                  t('cart.line_meta', { sku: l.product.sku, price: money(l.product.price_minor) }),
                ),
              ),
              h('p', { class: 'qo-line__total', 'data-line-total': l.product.id }, money(l.product.price_minor * l.quantity)),
              h(
                'div',
                { class: 'qo-line__controls' },
                stepper(l.product, 'cart', errId),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'qo-link-btn qo-line__remove',
                    'data-focus': 'remove',
                    'aria-label': t('cart.remove_named', { name: l.product.name }),
                    onclick: () => {
                      const next = s.cart.lines[i + 1]?.product.id ?? s.cart.lines[i - 1]?.product.id;
                      commit(removeLine(s.cart, l.product.id), [l.product.id], true);
                      const target = next
                        ? root.querySelector<HTMLElement>(`[data-line="${cssEscape(next)}"] [data-focus="remove"]`)
                        : root.querySelector<HTMLElement>('#qo-cart-title');
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
      if (focusedLine && focusedRole && linesEl.contains(document.activeElement) === false) {
        root.querySelector<HTMLElement>(`[data-line="${cssEscape(focusedLine)}"] [data-focus="${focusedRole}"]`)?.focus();
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

  function checkoutForm(): HTMLElement {
    const e = errors();
    const name = h('input', {
      id: 'qo-name',
      type: 'text',
      autocomplete: 'name',
      maxlength: '200',
      required: true,
      'aria-required': 'true',
      value: s.cart.buyer.name,
      oninput: () => {
        s.cart = { ...s.cart, buyer: { ...s.cart.buyer, name: name.value } };
        save();
      },
    });
    const email = h('input', {
      id: 'qo-email',
      type: 'email',
      inputmode: 'email',
      autocomplete: 'email',
      maxlength: '254',
      spellcheck: 'false',
      value: s.cart.buyer.email,
      oninput: () => {
        s.cart = { ...s.cart, buyer: { ...s.cart.buyer, email: email.value } };
        save();
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
      value: s.cart.note,
      oninput: () => {
        s.cart = { ...s.cart, note: note.value };
        save();
        updateCounter();
      },
    });
    note.value = s.cart.note;
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
          void submit();
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
  function checkoutFoot(): HTMLElement {
    noticeEl = h('div', { class: 'qo-notice-slot', 'aria-live': 'assertive' });
    submitButton = h('button', {
      type: 'submit',
      form: 'qo-checkout-form',
      class: 'qo-btn qo-btn--primary qo-btn--block qo-submit',
      'data-testid': 'submit',
    });
    return h('div', { class: 'qo-cart__foot', hidden: s.cart.lines.length === 0 }, noticeEl, submitButton);
  }

  function renderNotice(): void {
    if (!noticeEl) return;
    const e = errors();
    const n = s.notice;
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
                s.cart = { ...s.cart, key: newKey() };
                save();
                void submit();
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
      replace(noticeEl);
      return;
    }
    replace(
      noticeEl,
      h(
        'div',
        { class: 'qo-alert', role: 'alert', 'data-testid': 'notice' },
        icon(ICONS.alert),
        h('div', null, messages.map((m) => h('p', null, m)), action),
      ),
    );
  }

  /** Re-renders the form with the current errors (keeps what was typed: it lives in s.cart). */
  function rerenderCheckout(): void {
    if (!checkoutEl) return;
    const fresh = checkoutForm();
    checkoutEl.replaceWith(fresh);
    checkoutEl = fresh;
    checkoutEl.hidden = s.cart.lines.length === 0;
    if (footEl) footEl.hidden = checkoutEl.hidden;
    renderNotice();
    updateTotals();
  }

  // ---------------------------------------------------------------- phone sheet

  function openSheet(): void {
    if (!cartEl || !barButton) return;
    s.sheetOpen = true;
    cartEl.classList.add('is-open');
    cartEl.setAttribute('role', 'dialog');
    cartEl.setAttribute('aria-modal', 'true');
    barButton.setAttribute('aria-expanded', 'true');
    document.body.classList.add('qo-lock');
    root.querySelector<HTMLElement>('#qo-cart-title')?.focus();
  }

  function closeSheet(returnFocus = true): void {
    if (!cartEl || !s.sheetOpen) return;
    s.sheetOpen = false;
    cartEl.classList.remove('is-open');
    cartEl.removeAttribute('role');
    cartEl.removeAttribute('aria-modal');
    barButton?.setAttribute('aria-expanded', 'false');
    document.body.classList.remove('qo-lock');
    if (returnFocus && barButton && !barEl?.hidden) barButton.focus();
  }

  function onSheetKey(e: KeyboardEvent): void {
    if (!s.sheetOpen || !cartEl) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      closeSheet();
    } else if (e.key === 'Tab') {
      const focusables = Array.from(
        cartEl.querySelectorAll<HTMLElement>('button:not([disabled]), input, textarea, [tabindex="0"]'),
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

  // ---------------------------------------------------------------- paste by SKU

  function pastePanel(): HTMLElement {
    const sku = s.sku;
    const textarea = h('textarea', {
      id: 'qo-paste-text',
      rows: '5',
      spellcheck: 'false',
      autocapitalize: 'off',
      autocomplete: 'off',
      'aria-describedby': 'qo-paste-help',
      placeholder: t('paste.placeholder'),
      oninput: () => {
        sku.text = textarea.value;
        if (sku.results || sku.message) {
          sku.results = null;
          sku.message = null;
          renderSkuResult();
        }
      },
    });
    textarea.value = sku.text;
    const check = h(
      'button',
      { type: 'button', class: 'qo-btn qo-btn--secondary', 'data-testid': 'paste-check', onclick: () => void checkSkuLines() },
      t('paste.check'),
    );
    skuResultEl = h('div', { class: 'qo-paste__result', 'aria-live': 'polite' });
    skuPanelEl = h(
      'div',
      { class: 'qo-paste__panel', id: 'qo-paste-panel', hidden: !sku.open },
      h('label', { for: 'qo-paste-text', class: 'qo-field__label' }, t('paste.label')),
      h('p', { class: 'qo-muted qo-paste__help', id: 'qo-paste-help' }, t('paste.help')),
      textarea,
      h('div', { class: 'qo-paste__actions' }, check),
      skuResultEl,
    );
    skuToggle = h(
      'button',
      {
        type: 'button',
        class: 'qo-paste__toggle',
        'aria-expanded': String(sku.open),
        'aria-controls': 'qo-paste-panel',
        'data-testid': 'paste-toggle',
        onclick: () => {
          sku.open = !sku.open;
          skuToggle!.setAttribute('aria-expanded', String(sku.open));
          skuPanelEl!.hidden = !sku.open;
          if (sku.open) textarea.focus();
        },
      },
      icon(ICONS.clipboard),
      h('span', null, t('paste.toggle')),
      icon(ICONS.chevron, 'icon qo-paste__chevron'),
    );
    const el = h('section', { class: 'qo-paste qo-card', 'aria-label': t('paste.toggle') }, skuToggle, skuPanelEl);
    renderSkuResult();
    return el;
  }

  function renderSkuResult(): void {
    if (!skuResultEl) return;
    const sku = s.sku;
    const out: Child[] = [];
    const button = skuPanelEl?.querySelector<HTMLButtonElement>('[data-testid="paste-check"]');
    if (button) {
      button.disabled = sku.busy;
      button.textContent = sku.busy ? t('paste.checking') : t('paste.check');
    }
    if (sku.message) {
      const m = sku.message;
      const isError = m.key !== 'added';
      out.push(
        h(
          'p',
          { class: isError ? 'qo-inline-error' : 'qo-inline-ok', role: isError ? 'alert' : undefined, 'data-testid': 'paste-message' },
          m.key === 'added'
            ? [t('paste.added', { count: m.count ?? 0 }), m.kept ? ` ${t('paste.kept')}` : '']
            : t(`paste.${m.key}`),
        ),
      );
    }
    const r = sku.results;
    if (r) {
      if (r.bad.length) {
        out.push(
          h(
            'div',
            { class: 'qo-paste__bad', 'data-testid': 'paste-errors' },
            h('p', { class: 'qo-paste__summary' }, t('paste.bad', { count: r.bad.length })),
            h(
              'ul',
              { class: 'qo-paste__errors' },
              r.bad.map((b) =>
                h(
                  'li',
                  { 'data-testid': 'paste-error', 'data-line': String(b.line) },
                  h('strong', null, t('paste.line', { line: b.line })),
                  ' ',
                  h('code', null, b.text),
                  h('span', { class: 'qo-paste__reason' }, skuErrorMessage(b)),
                ),
              ),
            ),
          ),
        );
      }
      if (r.good.length) {
        const merged = mergeGoodLines(r.good);
        out.push(
          h(
            'div',
            { class: 'qo-paste__good' },
            h('p', { class: 'qo-paste__summary' }, t('paste.good', { count: r.good.length })),
            h(
              'button',
              {
                type: 'button',
                class: 'qo-btn qo-btn--primary',
                'data-testid': 'paste-add',
                onclick: () => addSkuLines(),
              },
              t('paste.add', { count: merged.length }),
            ),
          ),
        );
      } else if (!r.bad.length) {
        out.push(h('p', { class: 'qo-inline-error' }, t('paste.empty')));
      }
    }
    replace(skuResultEl, ...out);
  }

  async function checkSkuLines(): Promise<void> {
    const sku = s.sku;
    if (sku.busy) return;
    if (!sku.text.trim()) {
      sku.results = null;
      sku.message = { key: 'empty' };
      renderSkuResult();
      return;
    }
    sku.busy = true;
    sku.message = null;
    sku.results = null;
    renderSkuResult();
    const res = await api.skuLines(sku.text);
    sku.busy = false;
    if (destroyed) return;
    if (res.ok) {
      sku.results = sortSkuResults(res.data.lines ?? []);
    } else if (res.kind === 'not_found') {
      showUnavailable();
      return;
    } else {
      sku.message = { key: res.kind === 'invalid' || res.status === 413 ? 'too_long' : 'failed' };
    }
    renderSkuResult();
  }

  function addSkuLines(): void {
    const sku = s.sku;
    const r = sku.results;
    if (!r) return;
    const merged = mergeGoodLines(r.good);
    let cart = s.cart;
    for (const m of merged) cart = addItem(cart, m.product, m.quantity);
    commit(cart, merged.map((m) => m.product.id), true);
    const kept = r.bad.length > 0;
    sku.text = kept ? keepLines(sku.text, r.bad.map((b) => b.line)) : '';
    const textarea = skuPanelEl?.querySelector<HTMLTextAreaElement>('textarea');
    if (textarea) textarea.value = sku.text;
    sku.results = null;
    sku.message = { key: 'added', count: merged.length, kept };
    renderSkuResult();
    textarea?.focus();
  }

  // ---------------------------------------------------------------- loading the catalogue

  function onSearchInput(value: string): void {
    s.q = value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void loadCatalog('search'), debounceMs);
  }

  async function loadCatalog(mode: 'initial' | 'search' | 'more' | 'refresh'): Promise<void> {
    if (!token) {
      showUnavailable();
      return;
    }
    listController?.abort();
    const controller = new AbortController();
    listController = controller;
    const more = mode === 'more';
    s.listFailed = false;
    if (more) {
      s.moreLoading = true;
      renderMore();
    } else if (mode === 'search') {
      s.searching = true;
      listEl?.setAttribute('aria-busy', 'true');
      listEl?.classList.add('is-busy');
    }
    const res = await api.catalog(
      { q: s.q.trim() || undefined, cursor: more ? s.nextCursor : null, limit: pageSize },
      controller.signal,
    );
    if (destroyed || listController !== controller) return;
    listController = null;
    s.moreLoading = false;
    s.searching = false;
    if (res.ok) {
      const data = res.data;
      const firstLoad = !s.catalog;
      s.catalog = data;
      const incoming = Array.isArray(data.products) ? data.products : [];
      if (more) {
        const seen = new Set(s.products.map((p) => p.id));
        s.products = [...s.products, ...incoming.filter((p) => !seen.has(p.id))];
      } else {
        s.products = incoming;
      }
      s.nextCursor = data.next_cursor ?? null;
      let cart = s.cart;
      if (cart.currency !== data.currency) {
        // Prices remembered in another currency mean nothing now.
        cart = cart.currency && cart.lines.length ? emptyCart(data.currency, cart.buyer) : { ...cart, currency: data.currency };
      }
      cart = refreshProducts(cart, incoming);
      if (cart !== s.cart) {
        s.cart = cart;
        save();
      }
      if (s.view !== 'shop' && (mode === 'initial' || firstLoad)) {
        s.view = 'shop';
        render();
        return;
      }
      if (s.view !== 'shop') return;
      const focusWasMore = more && moreEl?.contains(document.activeElement);
      const firstNew = more ? incoming[0]?.id : undefined;
      renderProducts();
      renderCartLines();
      updateTotals();
      if (focusWasMore) {
        const moreButton = moreEl?.querySelector<HTMLElement>('button');
        if (moreButton) moreButton.focus();
        else if (firstNew) root.querySelector<HTMLElement>(`[data-control="${cssEscape(firstNew)}"] button`)?.focus();
      }
      if (mode === 'search') {
        statusEl.textContent = s.products.length
          ? t('search.results', { count: s.products.length })
          : t('products.none_match', { q: s.q.trim() });
      }
      return;
    }
    if (res.kind === 'aborted') return;
    if (res.kind === 'not_found') {
      showUnavailable();
      return;
    }
    if (s.view === 'shop') {
      s.listFailed = true;
      renderProducts();
    } else {
      s.view = 'error';
      render();
      root.querySelector<HTMLElement>('#qo-message-title')?.focus();
    }
  }

  function retryInitial(): void {
    s.view = 'loading';
    render();
    void loadCatalog('initial');
  }

  function showUnavailable(): void {
    listController?.abort();
    clearTimeout(searchTimer);
    s.view = 'unavailable';
    render();
  }

  // ---------------------------------------------------------------- submitting

  async function submit(): Promise<void> {
    if (s.submitting || !token) return;
    s.notice = null;
    s.fieldErrors = null;
    const lineIds = s.cart.lines.map((l) => l.product.id);
    const local: FieldError[] = [];
    if (lineIds.length === 0) local.push({ field: 'lines', code: 'required', message: '' });
    if (!s.cart.buyer.name.trim()) local.push({ field: 'buyer.name', code: 'required', message: '' });
    if (local.length) {
      s.fieldErrors = { errors: local, lineIds };
      rerenderCheckout();
      focusFirstError();
      return;
    }

    setSubmitting(true);
    renderNotice();
    const res = await api.order(orderBody(s.cart), s.cart.key);
    setSubmitting(false);
    if (destroyed) return;

    if (res.ok) {
      s.order = res.data;
      // A new, empty cart with a new key; the buyer is kept for the next order.
      s.cart = emptyCart(s.catalog?.currency ?? s.cart.currency, { name: s.cart.buyer.name, email: s.cart.buyer.email });
      save();
      s.sheetOpen = false;
      s.view = 'done';
      render();
      document.documentElement.scrollTop = 0;
      document.body.scrollTop = 0;
      root.querySelector<HTMLElement>('#qo-done-title')?.focus({ preventScroll: true });
      return;
    }
    switch (res.kind) {
      case 'not_found':
        showUnavailable();
        return;
      case 'invalid': {
        const errs = res.problem?.errors ?? [];
        s.fieldErrors = { errors: errs.length ? errs : [{ field: '', code: 'invalid', message: '' }], lineIds };
        s.notice = { kind: 'check_fields' };
        break;
      }
      case 'rate_limited':
        s.notice = { kind: 'rate_limited', minutes: retryAfterMinutes(res.retryAfter) };
        break;
      case 'conflict':
        s.notice = { kind: 'conflict' };
        break;
      case 'network':
      case 'aborted':
        s.notice = { kind: 'network' };
        break;
      default:
        s.notice = { kind: 'server' };
    }
    renderCartLines();
    rerenderCheckout();
    if (s.fieldErrors) focusFirstError();
    else root.querySelector<HTMLElement>('.qo-alert')?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Disables the submit button while an order is on its way (a double tap sends nothing more). */
  function setSubmitting(on: boolean): void {
    s.submitting = on;
    if (!submitButton) return;
    submitButton.disabled = on;
    if (on) {
      submitButton.setAttribute('aria-busy', 'true');
      submitButton.textContent = t('checkout.sending');
    } else {
      submitButton.removeAttribute('aria-busy');
      submitButton.textContent = t('checkout.submit', { total: money(cartTotal(s.cart)) });
    }
  }

  function focusFirstError(): void {
    const target = root.querySelector<HTMLElement>('.qo-cart [aria-invalid="true"]');
    if (target) {
      target.focus();
      target.scrollIntoView?.({ block: 'center' });
    } else {
      root.querySelector<HTMLElement>('.qo-alert')?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  function newOrder(): void {
    s.order = null;
    s.fieldErrors = null;
    s.notice = null;
    s.view = 'loading';
    s.q = '';
    s.catalog = null;
    s.products = [];
    render();
    // Fresh stock figures for the next order.
    void loadCatalog('initial');
  }

  // ---------------------------------------------------------------- start

  const wide = typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 960px)') : null;
  const onWide = () => {
    if (wide?.matches) closeSheet(false);
  };
  wide?.addEventListener?.('change', onWide);

  render();
  void loadCatalog('initial');

  return {
    destroy() {
      destroyed = true;
      listController?.abort();
      clearTimeout(searchTimer);
      clearTimeout(statusTimer);
      wide?.removeEventListener?.('change', onWide);
      document.body.classList.remove('qo-lock');
      replace(root);
    },
  };
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function'
    ? CSS.escape(value)
    : value.replace(/["\\]/g, '\\$&');
}

