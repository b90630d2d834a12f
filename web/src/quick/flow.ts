// Talking to the server: loading and searching the catalogue, submitting the order, and the
// views that follow from the answers.
import type { FieldError } from './api';
import { cartTotal, emptyCart, orderBody, refreshProducts } from './cart';
import { renderCartLines, renderNotice, rerenderCheckout } from './cartPanel';
import { retryAfterMinutes } from './errors';
import { t } from './i18n';
import { updateTotals } from './quantities';
import { renderProducts, renderMore } from './shop';
import { cssEscape, money, save, type Ctx } from './state';
import { render } from './views';

export function onSearchInput(ctx: Ctx, value: string): void {
  ctx.s.q = value;
  clearTimeout(ctx.searchTimer);
  ctx.searchTimer = setTimeout(() => void loadCatalog(ctx, 'search'), ctx.debounceMs);
}

export async function loadCatalog(ctx: Ctx, mode: 'initial' | 'search' | 'more' | 'refresh'): Promise<void> {
  if (!ctx.token) {
    showUnavailable(ctx);
    return;
  }
  ctx.listController?.abort();
  const controller = new AbortController();
  ctx.listController = controller;
  const more = mode === 'more';
  ctx.s.listFailed = false;
  if (more) {
    ctx.s.moreLoading = true;
    renderMore(ctx);
  } else if (mode === 'search') {
    ctx.s.searching = true;
    ctx.el.list?.setAttribute('aria-busy', 'true');
    ctx.el.list?.classList.add('is-busy');
  }
  const res = await ctx.api.catalog(
    { q: ctx.s.q.trim() || undefined, cursor: more ? ctx.s.nextCursor : null, limit: ctx.pageSize },
    controller.signal,
  );
  if (ctx.destroyed || ctx.listController !== controller) return;
  ctx.listController = null;
  ctx.s.moreLoading = false;
  ctx.s.searching = false;
  if (res.ok) {
    const data = res.data;
    const firstLoad = !ctx.s.catalog;
    ctx.s.catalog = data;
    const incoming = Array.isArray(data.products) ? data.products : [];
    if (more) {
      const seen = new Set(ctx.s.products.map((p) => p.id));
      ctx.s.products = [...ctx.s.products, ...incoming.filter((p) => !seen.has(p.id))];
    } else {
      ctx.s.products = incoming;
    }
    ctx.s.nextCursor = data.next_cursor ?? null;
    let cart = ctx.s.cart;
    if (cart.currency !== data.currency) {
      // Prices remembered in another currency mean nothing now.
      cart = cart.currency && cart.lines.length ? emptyCart(data.currency, cart.buyer) : { ...cart, currency: data.currency };
    }
    cart = refreshProducts(cart, incoming);
    if (cart !== ctx.s.cart) {
      ctx.s.cart = cart;
      save(ctx);
    }
    if (ctx.s.view !== 'shop' && (mode === 'initial' || firstLoad)) {
      ctx.s.view = 'shop';
      render(ctx);
      return;
    }
    if (ctx.s.view !== 'shop') return;
    const focusWasMore = more && ctx.el.more?.contains(document.activeElement);
    const firstNew = more ? incoming[0]?.id : undefined;
    renderProducts(ctx);
    renderCartLines(ctx);
    updateTotals(ctx);
    if (focusWasMore) {
      const moreButton = ctx.el.more?.querySelector<HTMLElement>('button');
      if (moreButton) moreButton.focus();
      else if (firstNew) ctx.root.querySelector<HTMLElement>(`[data-control="${cssEscape(firstNew)}"] button`)?.focus();
    }
    if (mode === 'search') {
      ctx.statusEl.textContent = ctx.s.products.length
        ? t('search.results', { count: ctx.s.products.length })
        : t('products.none_match', { q: ctx.s.q.trim() });
    }
    return;
  }
  if (res.kind === 'aborted') return;
  if (res.kind === 'not_found') {
    showUnavailable(ctx);
    return;
  }
  if (ctx.s.view === 'shop') {
    ctx.s.listFailed = true;
    renderProducts(ctx);
  } else {
    ctx.s.view = 'error';
    render(ctx);
    ctx.root.querySelector<HTMLElement>('#qo-message-title')?.focus();
  }
}

export function retryInitial(ctx: Ctx): void {
  ctx.s.view = 'loading';
  render(ctx);
  void loadCatalog(ctx, 'initial');
}

export function showUnavailable(ctx: Ctx): void {
  ctx.listController?.abort();
  clearTimeout(ctx.searchTimer);
  ctx.s.view = 'unavailable';
  render(ctx);
}

export async function submit(ctx: Ctx): Promise<void> {
  if (ctx.s.submitting || !ctx.token) return;
  ctx.s.notice = null;
  ctx.s.fieldErrors = null;
  const lineIds = ctx.s.cart.lines.map((l) => l.product.id);
  const local: FieldError[] = [];
  if (lineIds.length === 0) local.push({ field: 'lines', code: 'required', message: '' });
  if (!ctx.s.cart.buyer.name.trim()) local.push({ field: 'buyer.name', code: 'required', message: '' });
  if (local.length) {
    ctx.s.fieldErrors = { errors: local, lineIds };
    rerenderCheckout(ctx);
    focusFirstError(ctx);
    return;
  }

  setSubmitting(ctx, true);
  renderNotice(ctx);
  const res = await ctx.api.order(orderBody(ctx.s.cart), ctx.s.cart.key);
  setSubmitting(ctx, false);
  if (ctx.destroyed) return;

  if (res.ok) {
    ctx.s.order = res.data;
    // A new, empty cart with a new key; the buyer is kept for the next order.
    ctx.s.cart = emptyCart(ctx.s.catalog?.currency ?? ctx.s.cart.currency, { name: ctx.s.cart.buyer.name, email: ctx.s.cart.buyer.email });
    save(ctx);
    ctx.s.sheetOpen = false;
    ctx.s.view = 'done';
    render(ctx);
    document.documentElement.scrollTop = 0;
    document.body.scrollTop = 0;
    ctx.root.querySelector<HTMLElement>('#qo-done-title')?.focus({ preventScroll: true });
    return;
  }
  switch (res.kind) {
    case 'not_found':
      showUnavailable(ctx);
      return;
    case 'invalid': {
      const errs = res.problem?.errors ?? [];
      ctx.s.fieldErrors = { errors: errs.length ? errs : [{ field: '', code: 'invalid', message: '' }], lineIds };
      ctx.s.notice = { kind: 'check_fields' };
      break;
    }
    case 'rate_limited':
      ctx.s.notice = { kind: 'rate_limited', minutes: retryAfterMinutes(res.retryAfter) };
      break;
    case 'conflict':
      ctx.s.notice = { kind: 'conflict' };
      break;
    case 'network':
    case 'aborted':
      ctx.s.notice = { kind: 'network' };
      break;
    default:
      ctx.s.notice = { kind: 'server' };
  }
  renderCartLines(ctx);
  rerenderCheckout(ctx);
  if (ctx.s.fieldErrors) focusFirstError(ctx);
  else ctx.root.querySelector<HTMLElement>('.qo-alert')?.scrollIntoView?.({ block: 'nearest' });
}

/** Disables the submit button while an order is on its way (a double tap sends nothing more). */
function setSubmitting(ctx: Ctx, on: boolean): void {
  ctx.s.submitting = on;
  if (!ctx.el.submit) return;
  ctx.el.submit.disabled = on;
  if (on) {
    ctx.el.submit.setAttribute('aria-busy', 'true');
    ctx.el.submit.textContent = t('checkout.sending');
  } else {
    ctx.el.submit.removeAttribute('aria-busy');
    ctx.el.submit.textContent = t('checkout.submit', { total: money(ctx, cartTotal(ctx.s.cart)) });
  }
}

function focusFirstError(ctx: Ctx): void {
  const target = ctx.root.querySelector<HTMLElement>('.qo-cart [aria-invalid="true"]');
  if (target) {
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  } else {
    ctx.root.querySelector<HTMLElement>('.qo-alert')?.scrollIntoView?.({ block: 'nearest' });
  }
}

export function newOrder(ctx: Ctx): void {
  ctx.s.order = null;
  ctx.s.fieldErrors = null;
  ctx.s.notice = null;
  ctx.s.view = 'loading';
  ctx.s.q = '';
  ctx.s.catalog = null;
  ctx.s.products = [];
  render(ctx);
  // Fresh stock figures for the next order.
  void loadCatalog(ctx, 'initial');
}
