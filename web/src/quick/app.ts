// The public quick-order page (F21, F32): a customer opens /q/<token> on a phone, with no
// account, fills a cart from their catalogue (with their personal prices) and sends it.
// Plain DOM: the state lives in `ctx.s` (state.ts); each region has a render function
// (views.ts, shop.ts, cartPanel.ts, paste.ts), and cart changes (quantities.ts) update only
// what shows the cart so typing is never interrupted. flow.ts loads and submits.
import { QuickApi, type FetchLike } from './api';
import { emptyCart, loadCart } from './cart';
import { h, replace } from './dom';
import { closeSheet } from './cartPanel';
import { loadCatalog } from './flow';
import { LANGUAGE_KEY, noElements, type Ctx } from './state';
import { render } from './views';

export { LANGUAGE_KEY } from './state';
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

  let userLang: Ctx['userLang'] = null;
  try {
    const saved = storage?.getItem(LANGUAGE_KEY);
    if (saved === 'es' || saved === 'en') userLang = saved;
  } catch {
    /* no storage */
  }

  const ctx: Ctx = {
    root,
    api: new QuickApi(token ?? '-', options.fetch),
    token,
    storage,
    debounceMs: options.debounceMs ?? 250,
    pageSize: options.pageSize ?? PAGE_SIZE,
    userLang,
    s: {
      view: 'loading',
      catalog: null,
      products: [],
      nextCursor: null,
      q: '',
      searching: false,
      moreLoading: false,
      listFailed: false,
      cart: token ? loadCart(storage, token) : emptyCart(),
      sheetOpen: false,
      submitting: false,
      fieldErrors: null,
      notice: null,
      order: null,
      sku: { open: false, text: '', busy: false, results: null, message: null },
    },
    el: noElements(),
    statusEl: h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    destroyed: false,
    searchTimer: undefined,
    statusTimer: undefined,
    listController: null,
  };

  const wide = typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 960px)') : null;
  const onWide = () => {
    if (wide?.matches) closeSheet(ctx, false);
  };
  wide?.addEventListener?.('change', onWide);

  render(ctx);
  void loadCatalog(ctx, 'initial');

  return {
    destroy() {
      ctx.destroyed = true;
      ctx.listController?.abort();
      clearTimeout(ctx.searchTimer);
      clearTimeout(ctx.statusTimer);
      wide?.removeEventListener?.('change', onWide);
      document.body.classList.remove('qo-lock');
      replace(root);
    },
  };
}
