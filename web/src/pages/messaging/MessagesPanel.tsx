// *Mensajes* of a customer (F8, F25, F26): every email and WhatsApp message, one line per
// recipient, with its delivery status (en cola, enviado, entregado, leído, fallido with the
// reason), *Reintentar* for failed ones, and each message's body on demand.
import { useEffect, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import { historyKeys } from '../../api/history';
import {
  CHANNELS,
  getMessage,
  listMessages,
  MESSAGE_STATUSES,
  messagingKeys,
  retryMessage,
  type Channel,
  type Message,
  type MessageFilters,
  type MessageStatus,
} from '../../api/messaging';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { DialogShell } from '../customers/DialogShell';
import { formatBytes } from '../history/historyFormat';
import { sanitizeHtml } from './richText';
import './messaging.css';
import { LiveMessage } from '../../components/LiveMessage';

const STATUS_TONE: Record<MessageStatus, 'attention' | 'info' | 'success' | 'critical' | 'neutral'> = {
  queued: 'attention',
  sent: 'info',
  delivered: 'success',
  read: 'success',
  failed: 'critical',
};
const REFRESH_WHILE_QUEUED_MS = 10_000;

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  return (
    <span data-testid="message-status" data-status={status}>
      <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{t(`messaging.status.${status}`, { defaultValue: status })}</Badge>
    </span>
  );
}

export function ChannelIcon({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <span className={`msg-channel msg-channel--${channel}`} title={t(`messaging.channel.${channel}`)}>
      <Icon name={channel === 'whatsapp' ? 'whatsapp' : 'mail'} size={16} label={t(`messaging.channel.${channel}`)} />
    </span>
  );
}

export function MessagesPanel({ customer, onCompose }: { customer: Customer; onCompose?: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<MessageFilters>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'critical' | 'warning'; text: string } | null>(null);
  const [open, setOpen] = useState<Message | null>(null);

  const query = useInfiniteQuery({
    queryKey: messagingKeys.messageList(customer.id, filters),
    queryFn: ({ pageParam }) => listMessages(customer.id, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchOnMount: 'always',
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((m) => m.status === 'queued')) ? REFRESH_WHILE_QUEUED_MS : false,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.channel || filters.status);

  useEffect(() => {
    if (notice?.tone !== 'success') return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const retry = useMutation({
    mutationFn: (m: Message) => retryMessage(m.id),
    onMutate: () => setNotice(null),
    onSuccess: (_, m) => {
      setNotice({ tone: 'success', text: t('messaging.messages.retried', { to: m.to_name || m.to }) });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'not_failed') setNotice({ tone: 'warning', text: t('messaging.messages.notFailed') });
      else if (isApiError(e) && e.code === 'whatsapp_not_configured') setNotice({ tone: 'warning', text: t('messaging.whatsapp.notConfigured.short') });
      else setNotice({ tone: 'critical', text: errorMessage(e, t) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(customer.id) });
      void queryClient.invalidateQueries({ queryKey: historyKeys.customer(customer.id) });
    },
  });

  return (
    <section className="panel panel--wide msg-panel" aria-labelledby="messages-title" data-testid="messages-panel">
      <div className="msg-panel__head">
        <h2 className="panel__title" id="messages-title">
          <Icon name="mail" size={18} />
          {t('messaging.messages.title')}
        </h2>
        <div className="msg-panel__filters">
          <label className="select-label">
            <span className="select-label__text">{t('messaging.messages.channel')}</span>
            <select
              value={filters.channel ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, channel: (e.target.value || undefined) as Channel | undefined }))}
              data-testid="messages-filter-channel"
            >
              <option value="">{t('messaging.messages.allChannels')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`messaging.channel.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="select-label">
            <span className="select-label__text">{t('messaging.messages.statusFilter')}</span>
            <select
              value={filters.status ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, status: (e.target.value || undefined) as MessageStatus | undefined }))}
              data-testid="messages-filter-status"
            >
              <option value="">{t('messaging.messages.allStatuses')}</option>
              {MESSAGE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`messaging.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {query.isFetching && !query.isPending && !query.isFetchingNextPage ? (
            <span className="spinner spinner--sm" role="status" aria-label={t('common.loading')} />
          ) : null}
        </div>
      </div>

      <LiveMessage
        message={notice}
        testId="messages-notice"
        itemClassName="msg-notice"
        onDismiss={() => setNotice(null)}
        dismissLabel={t('messaging.dismiss')}
      />

      {query.isPending ? (
        <div className="msg-skeleton" aria-busy="true" data-testid="messages-loading">
          {[0, 1, 2].map((i) => (
            <div key={i} className="skeleton skeleton--line" />
          ))}
        </div>
      ) : query.isError && items.length === 0 ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : items.length === 0 ? (
        <div data-testid="messages-empty">
          <EmptyState
            icon="mail"
            title={filtered ? t('messaging.messages.emptyFiltered') : t('messaging.messages.empty')}
            action={
              !filtered && canWrite && onCompose ? (
                <button type="button" className="btn btn--secondary" onClick={onCompose} data-testid="messages-compose">
                  <Icon name="mail" size={16} />
                  {t('messaging.composer.open')}
                </button>
              ) : undefined
            }
          >
            {filtered ? null : t('messaging.messages.emptyHint')}
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className="msg-list" aria-label={t('messaging.messages.listLabel')} data-testid="messages-list">
            {items.map((m) => (
              <MessageRow
                key={m.id}
                message={m}
                canWrite={canWrite}
                retrying={retry.isPending && retry.variables?.id === m.id}
                onRetry={() => retry.mutate(m)}
                onOpen={() => setOpen(m)}
              />
            ))}
          </ul>
          {query.isFetchNextPageError ? (
            <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.fetchNextPage()} retrying={query.isFetchingNextPage} />
          ) : null}
          {query.hasNextPage ? (
            <div className="msg-more">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                data-testid="messages-more"
              >
                {query.isFetchingNextPage ? t('common.loading') : t('messaging.messages.more')}
              </button>
            </div>
          ) : null}
        </>
      )}
      {open ? <MessageDialog message={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function MessageRow({
  message: m,
  canWrite,
  retrying,
  onRetry,
  onOpen,
}: {
  message: Message;
  canWrite: boolean;
  retrying: boolean;
  onRetry: () => void;
  onOpen: () => void;
}) {
  const { t, i18n } = useTranslation();
  const title = m.subject || (m.channel === 'whatsapp' ? t('messaging.messages.whatsappTemplate') : t('messaging.messages.noSubject'));
  return (
    <li className={`msg-row msg-row--${m.status}`} data-testid="message-row" data-message-id={m.id} data-status={m.status} data-channel={m.channel}>
      <ChannelIcon channel={m.channel} />
      <div className="msg-row__main">
        <p className="msg-row__line">
          <button type="button" className="msg-row__subject" onClick={onOpen} data-testid="message-open">
            {title}
          </button>
          <MessageStatusBadge status={m.status} />
        </p>
        <p className="msg-row__meta muted">
          <span data-testid="message-to">
            {m.to_name ? `${m.to_name} · ` : ''}
            {m.to}
          </span>
          <span aria-hidden="true"> · </span>
          <time dateTime={m.created_at}>{formatDateTime(m.created_at, i18n.language)}</time>
          <span aria-hidden="true"> · </span>
          <span>{m.sent_by ? t('messaging.messages.sentBy', { name: m.sent_by.name }) : t('messaging.messages.automatic')}</span>
          {m.attachments.length ? (
            <>
              <span aria-hidden="true"> · </span>
              <span>{t('messaging.messages.attachments', { count: m.attachments.length })}</span>
            </>
          ) : null}
        </p>
        {m.status === 'failed' && m.last_error ? (
          <p className="msg-row__error" data-testid="message-error">
            <Icon name="alert" size={14} />
            {m.last_error}
          </p>
        ) : null}
      </div>
      {m.status === 'failed' && canWrite ? (
        <button type="button" className="btn btn--secondary msg-row__retry" onClick={onRetry} disabled={retrying} data-testid="message-retry">
          <Icon name="refresh" size={15} />
          {retrying ? t('messaging.messages.retrying') : t('messaging.messages.retry')}
        </button>
      ) : null}
    </li>
  );
}

function MessageDialog({ message: m, onClose }: { message: Message; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useQuery({ queryKey: messagingKeys.message(m.id), queryFn: () => getMessage(m.id) });
  const full = query.data ?? m;
  const row = (label: string, value: React.ReactNode) => (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd className={value ? undefined : 'muted'}>{value || t('common.none')}</dd>
    </div>
  );
  return (
    <DialogShell
      title={full.subject || t('messaging.messages.whatsappTemplate')}
      icon={full.channel === 'whatsapp' ? 'whatsapp' : 'mail'}
      tone="neutral"
      onClose={onClose}
      testId="message-dialog"
      actions={
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t('messaging.close')}
        </button>
      }
    >
      <div className="msg-detail">
        <dl className="dl">
          {row(t('messaging.messages.to'), `${full.to_name ? `${full.to_name} · ` : ''}${full.to}`)}
          {row(t('messaging.messages.statusFilter'), <MessageStatusBadge status={full.status} />)}
          {full.last_error ? row(t('messaging.messages.error'), full.last_error) : null}
          {row(t('messaging.messages.created'), formatDateTime(full.created_at, lang))}
          {full.sent_at ? row(t('messaging.status.sent'), formatDateTime(full.sent_at, lang)) : null}
          {full.delivered_at ? row(t('messaging.status.delivered'), formatDateTime(full.delivered_at, lang)) : null}
          {full.read_at ? row(t('messaging.status.read'), formatDateTime(full.read_at, lang)) : null}
          {full.attachments.length
            ? row(
                t('messaging.composer.attach.title'),
                <span className="chips">
                  {full.attachments.map((a) => (
                    <span key={a.id} className="chip">
                      {a.name} · {formatBytes(a.size, lang)}
                    </span>
                  ))}
                </span>,
              )
            : null}
        </dl>
        {query.isPending ? (
          <div className="skeleton skeleton--block" aria-busy="true" />
        ) : query.isError ? (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : full.body_html ? (
          <div className="msg-detail__body rte-content" data-testid="message-body" dangerouslySetInnerHTML={{ __html: sanitizeHtml(full.body_html) }} />
        ) : full.body_text ? (
          <p className="msg-detail__body pre" data-testid="message-body">{full.body_text}</p>
        ) : null}
      </div>
    </DialogShell>
  );
}
