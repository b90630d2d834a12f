// The *Historial* tab of a customer (F8, F9): a timeline grouped by day in the viewer's time
// zone — changes with "Campo: antes → después", notes, orders (linked), comments and files —
// filter chips by kind, paging, and for staff who may write a comment box and a file picker
// with a drop zone. Viewers only read.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import {
  ATTACHMENT_MAX_BYTES,
  COMMENT_MAX_LENGTH,
  HISTORY_KINDS,
  historyKeys,
  listHistory,
  postComment,
  uploadAttachment,
  type HistoryItem,
  type HistoryKind,
} from '../../api/history';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorState } from '../../components/States';
import {
  actorName,
  changeText,
  dayLabel,
  eventText,
  formatBytes,
  formatChange,
  groupByDay,
  timeOfDay,
  type FormatContext,
} from './historyFormat';
import './history.css';
import { LiveMessage } from '../../components/LiveMessage';

type Message = { tone: 'critical' | 'warning' | 'success'; text: string };

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

// Icons of the kinds that the shared set lacks, drawn on the same 24px grid.
const KIND_PATHS: Record<HistoryKind, string> = {
  created: 'M12 5v14M5 12h14',
  updated: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  status: 'M20 11a8 8 0 0 0-14.8-4M4 5v4h4M4 13a8 8 0 0 0 14.8 4M20 19v-4h-4',
  note: 'M6 4h9l3 3v13H6zM9 10h6M9 14h6M9 18h3',
  comment: 'M5 5h14a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-8l-4 3v-3H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1M8 9.5h8M8 12.5h5',
  attachment: 'M8.5 12.5l6-6a3 3 0 0 1 4.2 4.2l-7.6 7.6a5 5 0 0 1-7-7L11 4.4',
  order: 'M3 4h2l2.2 10.5a1.5 1.5 0 0 0 1.5 1.2h8.6a1.5 1.5 0 0 0 1.5-1.1L20.5 8H6.2M9.5 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2M17 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2',
  message: 'M4 6h16v12H4zM4 7l8 6 8-6',
  login: 'M8 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M11.5 12H20M17 12v3M20 12v2',
};
const DOWNLOAD_PATH = 'M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19h14';

export function KindIcon({ kind, path }: { kind: HistoryKind; path?: string }) {
  return (
    <svg
      className="icon"
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={path ?? KIND_PATHS[kind] ?? KIND_PATHS.updated} />
    </svg>
  );
}

export function HistoryPanel({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [kinds, setKinds] = useState<HistoryKind[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  const customerId = customer.id;

  const query = useInfiniteQuery({
    queryKey: historyKeys.list(customerId, kinds),
    queryFn: ({ pageParam }) => listHistory(customerId, kinds, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // The timeline grows with every write anywhere (the form, other panels, other people):
    // whenever the panel opens, ask again, showing what was cached meanwhile.
    refetchOnMount: 'always',
  });

  // Other panels (notes, orders, the form) change the customer; its record moves with them,
  // and so should the timeline.
  const changeMark = `${customer.version}|${customer.last_note?.created_at ?? ''}|${customer.last_order_at ?? ''}`;
  const firstMark = useRef(changeMark);
  useEffect(() => {
    if (changeMark === firstMark.current) return;
    firstMark.current = changeMark;
    void queryClient.invalidateQueries({ queryKey: historyKeys.customer(customerId) });
  }, [changeMark, customerId, queryClient]);

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: historyKeys.customer(customerId) });
  }

  const ctx: FormatContext = { t, language: i18n.language, currency: customer.currency };
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const groups = useMemo(() => groupByDay(items), [items]);
  const now = new Date();

  function toggle(kind: HistoryKind) {
    setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));
  }

  return (
    <section className="panel panel--wide history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <h2 className="panel__title" id="history-title">
        <Icon name="clock" size={18} />
        {t('history.title')}
      </h2>

      {canWrite ? (
        <HistoryComposer
          customerId={customerId}
          onDone={(text) => {
            setMessage({ tone: 'success', text });
            refresh();
          }}
          onFailed={(text, tone = 'critical') => setMessage({ tone, text })}
          onActivity={() => setMessage((m) => (m?.tone === 'success' ? null : m))}
        />
      ) : null}

      <LiveMessage
        message={message}
        testId="history-message"
        className="history-messages"
        onDismiss={() => setMessage(null)}
        dismissLabel={t('history.messages.dismiss')}
        dismissClassName="icon-btn history-icon-btn"
      />

      <div className="history-filters" role="group" aria-label={t('history.filters.label')} data-testid="history-filters">
        <button
          type="button"
          className={`history-chip${kinds.length === 0 ? ' history-chip--on' : ''}`}
          aria-pressed={kinds.length === 0}
          onClick={() => setKinds([])}
          data-testid="history-filter-all"
        >
          {t('history.filters.all')}
        </button>
        {HISTORY_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`history-chip history-chip--${kind}${kinds.includes(kind) ? ' history-chip--on' : ''}`}
            aria-pressed={kinds.includes(kind)}
            onClick={() => toggle(kind)}
            data-testid={`history-filter-${kind}`}
          >
            <KindIcon kind={kind} />
            {t(`history.filters.kinds.${kind}`)}
          </button>
        ))}
      </div>

      {query.isPending ? (
        <HistorySkeleton />
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : items.length === 0 ? (
        <div data-testid="history-empty">
          <EmptyState icon="clock" title={kinds.length ? t('history.empty.filtered') : t('history.empty.title')}>
            {kinds.length ? null : canWrite ? t('history.empty.writer') : t('history.empty.viewer')}
          </EmptyState>
        </div>
      ) : (
        <HistoryDays groups={groups} now={now} ctx={ctx} query={query} moreTestId="history-more" />
      )}
    </section>
  );
}

type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };

// A history's events grouped by day, and the button that loads the next page (the customer's
// history and each contact's).
export function HistoryDays({
  groups,
  now,
  ctx,
  query,
  moreTestId,
}: {
  groups: { key: string; items: HistoryItem[] }[];
  now: Date;
  ctx: FormatContext;
  query: Pages;
  moreTestId: string;
}) {
  const { t } = ctx;
  return (
    <>
      <ol className="history-days" aria-label={t('history.listLabel')} data-testid="history-list">
        {groups.map((group) => (
          <li key={group.key} className="history-day">
            <h3 className="history-day__label">{dayLabel(group.items[0].at, now, ctx)}</h3>
            <ol className="history-items">
              {group.items.map((item) => (
                <HistoryEntry key={item.id} item={item} ctx={ctx} />
              ))}
            </ol>
          </li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <div className="history-more">
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid={moreTestId}
          >
            {query.isFetchingNextPage ? t('history.loadingMore') : t('history.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}

export function HistoryEntry({ item, ctx }: { item: HistoryItem; ctx: FormatContext }) {
  const { t } = ctx;
  const orderEvent = item.kind === 'order';
  const lines = (item.changes ?? []).map((c) => formatChange(c, { ...ctx, orderEvent }));
  const attachment = item.attachment;
  const noteGone = item.type === 'note_deleted';
  return (
    <li className={`history-item history-item--${item.kind}`} data-testid="history-item" data-kind={item.kind} data-type={item.type}>
      <span className={`history-item__icon history-item__icon--${item.kind}`}>
        <KindIcon kind={item.kind} />
      </span>
      <div className="history-item__main">
        <p className="history-item__head">
          <span className="history-item__text">
            <strong className="history-item__actor" data-testid="history-actor">{actorName(item, t)}</strong>{' '}
            <span data-testid="history-event">
              <EventSentence item={item} text={eventText(item, t)} />
            </span>
            {item.kind === 'note' && (item.data?.priority === 'high' || item.data?.priority === 'medium') ? (
              <span className={`history-priority history-priority--${String(item.data.priority)}`} data-testid="history-priority">
                {t(`notes.priority.${String(item.data.priority)}`)}
              </span>
            ) : null}
          </span>
          <time className="history-item__time" dateTime={item.at} title={new Date(item.at).toLocaleString()}>
            {timeOfDay(item.at, ctx)}
          </time>
        </p>
        {lines.length ? (
          <ul className="history-changes" data-testid="history-changes">
            {lines.map((line, index) => (
              <li key={`${line.field}-${index}`} className="history-change" data-testid="history-change" data-field={line.field} aria-label={changeText(line)}>
                <span className="history-change__field">{line.label}:</span>{' '}
                <span className="history-change__from">{line.from}</span>
                <span className="history-change__arrow" aria-hidden="true"> → </span>
                <span className="history-change__to">{line.to}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {item.body ? (
          <p className={`history-item__body${noteGone ? ' history-item__body--gone' : ''}`} data-testid="history-body">
            {noteGone ? <span className="visually-hidden">{t('history.item.deletedNote')}: </span> : null}
            {item.body}
          </p>
        ) : null}
        {item.kind === 'message' && typeof item.data?.error === 'string' && item.data.error ? (
          <p className="history-item__error" data-testid="history-message-error">
            <span className="visually-hidden">{t('history.item.messageError')}: </span>
            {item.data.error}
          </p>
        ) : null}
        {attachment ? (
          <div className="history-file" data-testid="history-file">
            <span className="history-file__icon" aria-hidden="true">
              <KindIcon kind="attachment" />
            </span>
            <a className="history-file__name" href={attachment.url} target="_blank" rel="noopener noreferrer" data-testid="history-file-open">
              {attachment.name}
            </a>
            <span className="history-file__size muted">{formatBytes(attachment.size, ctx.language)}</span>
            <a
              className="btn btn--plain history-btn--sm"
              href={attachment.url}
              download={attachment.name}
              aria-label={t('history.item.downloadLabel', { name: attachment.name, size: formatBytes(attachment.size, ctx.language) })}
              data-testid="history-file-download"
            >
              <KindIcon kind="attachment" path={DOWNLOAD_PATH} />
              {t('history.item.download')}
            </a>
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** The sentence of an item, with the order's number as a link to the order (kept on one line). */
function EventSentence({ item, text }: { item: HistoryItem; text: string }) {
  const { t } = useTranslation();
  const order = item.order;
  const number = order?.number ?? '';
  const at = number ? text.indexOf(number) : -1;
  if (!order || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <Link
        className="history-item__link"
        to={`/admin/orders/${encodeURIComponent(order.id)}`}
        title={t('history.item.openOrder', { number })}
        data-testid="history-order-link"
      >
        {number}
      </Link>
      {text.slice(at + number.length)}
    </>
  );
}

/** Ctrl+Enter (⌘+Enter on a Mac) in a textarea submits its form. */
function submitOnModEnter(e: React.KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}

/** Why a chosen file will not be sent, checked before uploading; null when it may go. */
export function fileProblem(file: { name: string; size: number }, t: (k: string, o?: Record<string, unknown>) => string, language: string): string | null {
  if (file.size > ATTACHMENT_MAX_BYTES) return t('history.upload.tooLarge', { name: file.name, size: formatBytes(file.size, language) });
  if (file.size === 0) return t('history.upload.empty', { name: file.name });
  return null;
}

function HistoryComposer({
  customerId,
  onDone,
  onFailed,
  onActivity,
}: {
  customerId: string;
  onDone: (message: string) => void;
  onFailed: (message: string, tone?: 'critical' | 'warning') => void;
  onActivity: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const [bodyError, setBodyError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [upload, setUpload] = useState<{ name: string; fraction: number; controller: AbortController } | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const dragDepth = useRef(0);
  const hintId = useId();
  const errorId = useId();
  const fileHintId = useId();

  const comment = useMutation({
    mutationFn: (text: string) => postComment(customerId, text),
    onSuccess: () => {
      setBody('');
      setBodyError(null);
      onDone(t('history.messages.commented'));
      textRef.current?.focus();
    },
    onError: (e) => {
      if (isApiError(e) && e.fieldErrors.some((f) => f.field === 'body')) {
        setBodyError(t('history.comment.required'));
        textRef.current?.focus();
      } else onFailed(errorMessage(e, t));
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (comment.isPending) return;
    const text = body.trim();
    if (!text) {
      setBodyError(t('history.comment.required'));
      textRef.current?.focus();
      return;
    }
    if (body.length > COMMENT_MAX_LENGTH) {
      setBodyError(t('history.comment.tooLong', { max: COMMENT_MAX_LENGTH }));
      return;
    }
    comment.mutate(text);
  }

  async function send(file: File) {
    onActivity();
    const problem = fileProblem(file, t, i18n.language);
    if (problem) {
      onFailed(problem, 'warning');
      return;
    }
    const controller = new AbortController();
    setUpload({ name: file.name, fraction: 0, controller });
    try {
      const item = await uploadAttachment(customerId, file, {
        signal: controller.signal,
        onProgress: (fraction) => setUpload((u) => (u ? { ...u, fraction } : u)),
      });
      onDone(t('history.messages.uploaded', { name: item.attachment?.name ?? file.name }));
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      if (isApiError(e) && e.status === 413) {
        onFailed(t('history.upload.tooLarge', { name: file.name, size: formatBytes(file.size, i18n.language) }), 'warning');
      } else if (isApiError(e) && e.fieldErrors.some((f) => f.field === 'file' && f.code === 'unsupported_type')) {
        onFailed(t('history.upload.unsupported', { name: file.name }), 'warning');
      } else if (isApiError(e) && e.fieldErrors.some((f) => f.field === 'file' && f.code === 'required')) {
        onFailed(t('history.upload.empty', { name: file.name }), 'warning');
      } else {
        onFailed(errorMessage(e, t));
      }
    } finally {
      setUpload(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  function chosen(files: FileList | null) {
    if (!files || files.length === 0 || upload) return;
    if (files.length > 1) {
      onFailed(t('history.upload.oneAtATime'), 'warning');
      return;
    }
    void send(files[0]);
  }

  const percent = upload ? Math.round(upload.fraction * 100) : 0;

  return (
    <div
      className={`history-composer${dragging ? ' history-composer--dragging' : ''}`}
      data-testid="history-composer"
      onDragEnter={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        dragDepth.current += 1;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        dragDepth.current = 0;
        setDragging(false);
        chosen(e.dataTransfer.files);
      }}
    >
      <form className="history-comment" onSubmit={submit} noValidate data-testid="history-comment-form">
        <label className="field__label" htmlFor="history-comment-body">
          {t('history.comment.label')}
        </label>
        <textarea
          id="history-comment-body"
          ref={textRef}
          value={body}
          rows={2}
          maxLength={COMMENT_MAX_LENGTH}
          placeholder={t('history.comment.placeholder')}
          onChange={(e) => {
            setBody(e.target.value);
            if (bodyError) setBodyError(null);
            onActivity();
          }}
          onKeyDown={submitOnModEnter}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? errorId : hintId}
          data-testid="history-comment-body"
        />
        <div className="history-comment__row">
          <div className="history-upload">
            <input
              ref={fileRef}
              type="file"
              className="history-upload__input"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => chosen(e.target.files)}
              data-testid="history-file-input"
            />
            <button
              type="button"
              className="btn btn--secondary history-upload__button"
              onClick={() => fileRef.current?.click()}
              disabled={!!upload}
              aria-describedby={fileHintId}
              data-testid="history-attach"
            >
              <KindIcon kind="attachment" />
              {t('history.upload.choose')}
            </button>
            <span className="field__hint history-upload__hint" id={fileHintId}>
              <span className="history-upload__drop">{t('history.upload.drop')} · </span>
              {t('history.upload.hint')}
            </span>
          </div>
          <div className="history-comment__submit">
            {bodyError ? (
              <p className="field__error" id={errorId} data-testid="history-comment-error">
                {bodyError}
              </p>
            ) : (
              <span className="field__hint history-comment__hint" id={hintId}>
                {isMac() ? t('history.comment.shortcutMac') : t('history.comment.shortcut')}
              </span>
            )}
            <button type="submit" className="btn btn--primary" disabled={comment.isPending} data-testid="history-comment-submit">
              {comment.isPending ? t('history.comment.submitting') : t('history.comment.submit')}
            </button>
          </div>
        </div>
      </form>
      {upload ? (
        <div className="history-progress" role="status" data-testid="history-upload-progress">
          <div className="history-progress__text">
            <span className="history-progress__name">{t('history.upload.uploading', { name: upload.name })}</span>
            <span className="history-progress__percent">{t('history.upload.progress', { percent })}</span>
            <button type="button" className="btn btn--plain history-btn--sm" onClick={() => upload.controller.abort()}>
              {t('history.upload.cancel')}
            </button>
          </div>
          <div className="history-progress__bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={upload.name}>
            <span style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : null}
      {dragging ? (
        <div className="history-dropzone" aria-hidden="true">
          <KindIcon kind="attachment" />
          {t('history.upload.dropNow')}
        </div>
      ) : null}
    </div>
  );
}

export function HistorySkeleton() {
  return (
    <div className="history-skeleton" aria-busy="true" data-testid="history-loading">
      {[0, 1, 2].map((i) => (
        <div key={i} className="history-skeleton__item">
          <div className="skeleton" />
          <div className="history-skeleton__lines">
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--line skeleton--short" />
          </div>
        </div>
      ))}
    </div>
  );
}
