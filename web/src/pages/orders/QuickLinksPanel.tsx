import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldMessages, isApiError } from '../../api/errors';
import {
  createQuickLink,
  listQuickLinks,
  orderKeys,
  quickLinkUrl,
  regenerateQuickLink,
  revokeQuickLink,
  type QuickLink,
} from '../../api/orders';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { Banner, ErrorState } from '../../components/States';
import { formatDate, formatDateTime } from '../../lib/format';
import { ConfirmDialog, PanelHeader, QuickLinkStateBadge } from './parts';
import { todayIso } from './workflow';

/** The end of a chosen day in the viewer's time zone, as an RFC 3339 instant. */
export function endOfDayIso(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const d = new Date(`${date}T23:59:59`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

type Pending = { action: 'revoke' | 'regenerate'; link: QuickLink };

/** A customer's quick-order links: make one (its URL is shown once), revoke, regenerate. */
export function QuickLinksPanel({ customer: c }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [expiry, setExpiry] = useState('');
  const [expiryError, setExpiryError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ url: string; regenerated: boolean } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<{ tone: 'critical' | 'success'; text: string } | null>(null);

  const query = useQuery({ queryKey: orderKeys.quickLinks(c.id), queryFn: () => listQuickLinks(c.id) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: orderKeys.quickLinks(c.id) });

  function showNew(link: QuickLink, regenerated: boolean) {
    const url = quickLinkUrl(link);
    setFresh(url ? { url, regenerated } : null);
    void refresh();
  }

  const create = useMutation({
    mutationFn: () => createQuickLink(c.id, expiry ? endOfDayIso(expiry) : null),
    onSuccess: (link) => {
      setExpiry('');
      setExpiryError(null);
      setMessage(null);
      showNew(link, false);
    },
    onError: (e) => {
      const fields = isApiError(e) ? fieldMessages(e.fieldErrors, t) : {};
      if (fields.expires_at) setExpiryError(t('orders.quickLinks.expiryInvalid'));
      else setMessage({ tone: 'critical', text: errorMessage(e, t) });
    },
  });

  const act = useMutation({
    mutationFn: async ({ action, link }: Pending) => {
      if (action === 'revoke') {
        await revokeQuickLink(link.id);
        return null;
      }
      return regenerateQuickLink(link.id);
    },
    onSuccess: (link, { action }) => {
      setPending(null);
      if (action === 'revoke') {
        setMessage({ tone: 'success', text: t('orders.quickLinks.revoked') });
        setFresh(null);
        void refresh();
      } else if (link) {
        setMessage(null);
        showNew(link, true);
      }
    },
    onError: (e) => {
      setPending(null);
      setMessage({ tone: 'critical', text: errorMessage(e, t) });
      void refresh();
    },
  });

  function generate(e: React.FormEvent) {
    e.preventDefault();
    setExpiryError(null);
    if (expiry && (!endOfDayIso(expiry) || expiry < todayIso())) {
      setExpiryError(t('orders.quickLinks.expiryInvalid'));
      return;
    }
    create.mutate();
  }

  const links = query.data ?? [];

  return (
    <section className="panel panel--wide" aria-labelledby="quick-links-title" data-testid="quick-links-panel">
      <PanelHeader title={t('orders.quickLinks.title')} icon="link" id="quick-links-title" />
      <p className="ord-panel-intro muted">{t('orders.quickLinks.intro')}</p>

      {canWrite ? (
        <form className="ord-ql-form" onSubmit={generate} noValidate>
          <div className={`field ord-ql-form__expiry${expiryError ? ' field--error' : ''}`}>
            <label className="field__label" htmlFor="quick-link-expiry">
              {t('orders.quickLinks.expiry')}
            </label>
            <input
              id="quick-link-expiry"
              className="ord-date"
              type="date"
              min={todayIso()}
              value={expiry}
              onChange={(e) => {
                setExpiry(e.target.value);
                setExpiryError(null);
              }}
              aria-invalid={expiryError ? true : undefined}
              aria-describedby={expiryError ? 'quick-link-expiry-error' : 'quick-link-expiry-hint'}
              data-testid="quick-link-expiry"
            />
            {expiryError ? (
              <p className="field__error" id="quick-link-expiry-error">
                {expiryError}
              </p>
            ) : (
              <p className="field__hint" id="quick-link-expiry-hint">
                {t('orders.quickLinks.expiryHint')}
              </p>
            )}
          </div>
          <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="generate-quick-link">
            <Icon name="link" size={16} />
            {create.isPending ? t('orders.quickLinks.generating') : t('orders.quickLinks.generate')}
          </button>
        </form>
      ) : null}

      {fresh ? <NewLinkBox url={fresh.url} regenerated={fresh.regenerated} onClose={() => setFresh(null)} /> : null}

      <div aria-live="polite">
        {message ? (
          <div data-testid="quick-links-message">
            <Banner tone={message.tone} title={message.text} />
          </div>
        ) : null}
      </div>

      {query.isPending ? (
        <div aria-busy="true">
          <div className="skeleton skeleton--line" />
        </div>
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : links.length === 0 ? (
        <p className="muted" data-testid="quick-links-empty">
          {t('orders.quickLinks.empty')}
        </p>
      ) : (
        <div className="ord-table-wrap ord-table-wrap--flat">
          <table className="ord-table ord-ql-table" data-testid="quick-links-table">
            <thead>
              <tr>
                <th scope="col">{t('orders.quickLinks.columns.state')}</th>
                <th scope="col">{t('orders.quickLinks.columns.created')}</th>
                <th scope="col">{t('orders.quickLinks.columns.expires')}</th>
                <th scope="col">{t('orders.quickLinks.columns.lastUsed')}</th>
                <th scope="col" className="ord-num">
                  {t('orders.quickLinks.columns.orders')}
                </th>
                {canWrite ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('orders.quickLinks.columns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} data-testid="quick-link-row" data-link-id={l.id} data-state={l.state}>
                  <td className="ord-ql__state">
                    <QuickLinkStateBadge state={l.state} />
                  </td>
                  <td className="ord-ql__created">
                    <span className="ord-ql__label">{t('orders.quickLinks.columns.created')}: </span>
                    {formatDateTime(l.created_at, lang)}
                  </td>
                  <td className="ord-ql__expires">
                    <span className="ord-ql__label">{t('orders.quickLinks.columns.expires')}: </span>
                    {l.revoked_at
                      ? t('orders.quickLinks.revokedOn', { date: formatDate(l.revoked_at, lang) })
                      : l.expires_at
                        ? formatDate(l.expires_at, lang)
                        : t('orders.quickLinks.never')}
                  </td>
                  <td className="ord-ql__used">
                    <span className="ord-ql__label">{t('orders.quickLinks.columns.lastUsed')}: </span>
                    {l.last_used_at ? formatDateTime(l.last_used_at, lang) : <span className="muted">{t('orders.quickLinks.neverUsed')}</span>}
                  </td>
                  <td className="ord-ql__orders ord-num">
                    <span className="ord-ql__label">{t('orders.quickLinks.columns.orders')}: </span>
                    {l.orders_count}
                  </td>
                  {canWrite ? (
                    <td className="ord-ql__actions">
                      {l.state === 'active' ? (
                        <span className="ord-ql__buttons">
                          <button
                            type="button"
                            className="btn btn--secondary ord-btn--sm"
                            onClick={() => setPending({ action: 'regenerate', link: l })}
                            disabled={act.isPending}
                            data-testid="regenerate-quick-link"
                          >
                            <Icon name="refresh" size={15} />
                            {t('orders.quickLinks.regenerate')}
                          </button>
                          <button
                            type="button"
                            className="btn ord-btn--critical-plain ord-btn--sm"
                            onClick={() => setPending({ action: 'revoke', link: l })}
                            disabled={act.isPending}
                            data-testid="revoke-quick-link"
                          >
                            <Icon name="trash" size={15} />
                            {t('orders.quickLinks.revoke')}
                          </button>
                        </span>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pending ? (
        <ConfirmDialog
          title={t(`orders.quickLinks.confirm.${pending.action}.title`)}
          confirmLabel={t(`orders.quickLinks.confirm.${pending.action}.button`)}
          dismissLabel={t('orders.quickLinks.confirm.keep')}
          busyLabel={t('orders.detail.working')}
          busy={act.isPending}
          icon={pending.action === 'revoke' ? 'trash' : 'refresh'}
          onConfirm={() => act.mutate(pending)}
          onCancel={() => setPending(null)}
        >
          <p>{t(`orders.quickLinks.confirm.${pending.action}.text`)}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The new link's URL, shown this once, with a copy button and a select-the-text fallback. */
function NewLinkBox({ url, regenerated, onClose }: { url: string; regenerated: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');

  function selectText() {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
  }

  async function copyUrl() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      selectText();
      let ok: boolean;
      try {
        ok = document.execCommand?.('copy') ?? false;
      } catch {
        ok = false;
      }
      setCopy(ok ? 'copied' : 'manual');
    }
  }

  return (
    <div className="ord-newlink" role="region" aria-label={t('orders.quickLinks.newTitle')} data-testid="new-quick-link">
      <div className="ord-newlink__head">
        <Icon name="check" size={20} />
        <p className="ord-newlink__title">
          {regenerated ? t('orders.quickLinks.regeneratedTitle') : t('orders.quickLinks.newTitle')}
        </p>
        <button type="button" className="ord-icon-btn" onClick={onClose} aria-label={t('orders.quickLinks.hide')}>
          <Icon name="close" size={16} />
        </button>
      </div>
      <div className="ord-newlink__row">
        <label htmlFor="quick-link-url" className="visually-hidden">
          {t('orders.quickLinks.urlLabel')}
        </label>
        <input
          ref={inputRef}
          id="quick-link-url"
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="ord-newlink__url"
          data-testid="quick-link-url"
          spellCheck={false}
        />
        <button type="button" className="btn btn--primary" onClick={() => void copyUrl()} data-testid="copy-quick-link">
          <Icon name={copy === 'copied' ? 'check' : 'copy'} size={16} />
          {copy === 'copied' ? t('orders.quickLinks.copied') : t('orders.quickLinks.copy')}
        </button>
      </div>
      <p className="ord-newlink__note" aria-live="polite">
        {copy === 'manual' ? t('orders.quickLinks.copyManual') : t('orders.quickLinks.onceNote')}
      </p>
    </div>
  );
}
