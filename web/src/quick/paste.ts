// Paste by SKU: lines of "SKU quantity" checked by the server, the good ones added to the
// cart, the bad ones listed with their reasons and kept in the box.
import { addItem } from './cart';
import { ICONS, h, icon, replace, type Child } from './dom';
import { skuErrorMessage } from './errors';
import { showUnavailable } from './flow';
import { t } from './i18n';
import { commit } from './quantities';
import { keepLines, mergeGoodLines, sortSkuResults } from './sku';
import type { Ctx } from './state';

export function pastePanel(ctx: Ctx): HTMLElement {
  const sku = ctx.s.sku;
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
        renderSkuResult(ctx);
      }
    },
  });
  textarea.value = sku.text;
  const check = h(
    'button',
    { type: 'button', class: 'qo-btn qo-btn--secondary', 'data-testid': 'paste-check', onclick: () => void checkSkuLines(ctx) },
    t('paste.check'),
  );
  ctx.el.skuResult = h('div', { class: 'qo-paste__result', 'aria-live': 'polite' });
  ctx.el.skuPanel = h(
    'div',
    { class: 'qo-paste__panel', id: 'qo-paste-panel', hidden: !sku.open },
    h('label', { for: 'qo-paste-text', class: 'qo-field__label' }, t('paste.label')),
    h('p', { class: 'qo-muted qo-paste__help', id: 'qo-paste-help' }, t('paste.help')),
    textarea,
    h('div', { class: 'qo-paste__actions' }, check),
    ctx.el.skuResult,
  );
  ctx.el.skuToggle = h(
    'button',
    {
      type: 'button',
      class: 'qo-paste__toggle',
      'aria-expanded': String(sku.open),
      'aria-controls': 'qo-paste-panel',
      'data-testid': 'paste-toggle',
      onclick: () => {
        sku.open = !sku.open;
        ctx.el.skuToggle!.setAttribute('aria-expanded', String(sku.open));
        ctx.el.skuPanel!.hidden = !sku.open;
        if (sku.open) textarea.focus();
      },
    },
    icon(ICONS.clipboard),
    h('span', null, t('paste.toggle')),
    icon(ICONS.chevron, 'icon qo-paste__chevron'),
  );
  const el = h('section', { class: 'qo-paste qo-card', 'aria-label': t('paste.toggle') }, ctx.el.skuToggle, ctx.el.skuPanel);
  renderSkuResult(ctx);
  return el;
}

function renderSkuResult(ctx: Ctx): void {
  if (!ctx.el.skuResult) return;
  const sku = ctx.s.sku;
  const out: Child[] = [];
  const button = ctx.el.skuPanel?.querySelector<HTMLButtonElement>('[data-testid="paste-check"]');
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
              onclick: () => addSkuLines(ctx),
            },
            t('paste.add', { count: merged.length }),
          ),
        ),
      );
    } else if (!r.bad.length) {
      out.push(h('p', { class: 'qo-inline-error' }, t('paste.empty')));
    }
  }
  replace(ctx.el.skuResult, ...out);
}

async function checkSkuLines(ctx: Ctx): Promise<void> {
  const sku = ctx.s.sku;
  if (sku.busy) return;
  if (!sku.text.trim()) {
    sku.results = null;
    sku.message = { key: 'empty' };
    renderSkuResult(ctx);
    return;
  }
  sku.busy = true;
  sku.message = null;
  sku.results = null;
  renderSkuResult(ctx);
  const res = await ctx.api.skuLines(sku.text);
  sku.busy = false;
  if (ctx.destroyed) return;
  if (res.ok) {
    sku.results = sortSkuResults(res.data.lines ?? []);
  } else if (res.kind === 'not_found') {
    showUnavailable(ctx);
    return;
  } else {
    sku.message = { key: res.kind === 'invalid' || res.status === 413 ? 'too_long' : 'failed' };
  }
  renderSkuResult(ctx);
}

function addSkuLines(ctx: Ctx): void {
  const sku = ctx.s.sku;
  const r = sku.results;
  if (!r) return;
  const merged = mergeGoodLines(r.good);
  let cart = ctx.s.cart;
  for (const m of merged) cart = addItem(cart, m.product, m.quantity);
  commit(ctx, cart, merged.map((m) => m.product.id), true);
  const kept = r.bad.length > 0;
  sku.text = kept ? keepLines(sku.text, r.bad.map((b) => b.line)) : '';
  const textarea = ctx.el.skuPanel?.querySelector<HTMLTextAreaElement>('textarea');
  if (textarea) textarea.value = sku.text;
  sku.results = null;
  sku.message = { key: 'added', count: merged.length, kept };
  renderSkuResult(ctx);
  textarea?.focus();
}
