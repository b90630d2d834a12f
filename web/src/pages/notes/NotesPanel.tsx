// The notes of a customer (F6): a form to add one, then the list in the server's order
// (high, medium, none; newest first within each), each editable in place and deletable
// after a confirmation. Viewers only read.
import { useId, useRef, useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerKeys } from '../../api/customers';
import { errorMessage, fieldMessages, isApiError } from '../../api/errors';
import {
  createNote,
  deleteNote,
  listNotes,
  NOTE_MAX_LENGTH,
  NOTE_PRIORITIES,
  noteKeys,
  updateNote,
  type Note,
  type NotePatch,
  type NotePriority,
} from '../../api/notes';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useResourceForm } from '../../lib/useResourceForm';
import { ConfirmDialog } from '../catalog/ConfirmDialog';
import './notes.css';
import { ItemActions } from '../../components/ItemActions';
import { LiveMessage } from '../../components/LiveMessage';

/** The counter shows up once the text gets this close to the limit. */
const COUNTER_FROM = NOTE_MAX_LENGTH - 500;

type Message = { tone: 'critical' | 'warning' | 'success'; text: string };
type Translate = (key: string, options?: Record<string, unknown>) => string;

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Ctrl+Enter (⌘+Enter on a Mac) in a textarea submits its form. */
function submitOnModEnter(e: React.KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}

/** Client-side check of a note's text; null when fine. */
function bodyProblem(body: string, t: Translate): string | null {
  if (body.trim() === '') return t('notes.errors.required');
  if (body.length > NOTE_MAX_LENGTH) return t('notes.errors.tooLong', { max: NOTE_MAX_LENGTH });
  return null;
}

/** Server field errors (problem+json `errors`) for the two inputs of a note form; null for none. */
function serverFieldErrors(e: unknown, t: Translate): { body?: string; priority?: string } | null {
  if (!isApiError(e)) return null;
  const fields = fieldMessages(e.fieldErrors, t);
  return fields.body || fields.priority ? { body: fields.body, priority: fields.priority } : null;
}

type NoteValues = { body: string; priority: NotePriority };

export function NotesPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Note | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const query = useInfiniteQuery({
    queryKey: noteKeys.list(customerId),
    queryFn: ({ pageParam }) => listNotes(customerId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

  /** After any change: the list, and the customer (its `last_note`, here and in the list). */
  function refresh() {
    void queryClient.invalidateQueries({ queryKey: noteKeys.list(customerId) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
  }

  const remove = useMutation({
    mutationFn: (note: Note) => deleteNote(note.id),
    onSuccess: () => {
      setDeleting(null);
      setMessage({ tone: 'success', text: t('notes.messages.deleted') });
      refresh();
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 404) {
        // Already gone: the outcome the person wanted.
        setDeleting(null);
        refresh();
        return;
      }
      setDeleteError(errorMessage(e, t));
    },
  });

  const notes = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="panel panel--wide notes-panel" aria-labelledby="notes-title" data-testid="notes-panel">
      <h2 className="panel__title" id="notes-title">
        <Icon name="note" size={18} />
        {t('notes.title')}
      </h2>

      {canWrite ? (
        <NoteCreateForm
          customerId={customerId}
          onCreated={() => {
            setMessage({ tone: 'success', text: t('notes.messages.added') });
            refresh();
          }}
          onFailed={(text) => setMessage({ tone: 'critical', text })}
          onTyping={() => setMessage((m) => (m?.tone === 'success' ? null : m))}
        />
      ) : null}

      <LiveMessage
        message={message}
        testId="notes-message"
        className="notes-messages"
        onDismiss={() => setMessage(null)}
        dismissLabel={t('notes.messages.dismiss')}
        dismissClassName="notes-icon-btn"
      />

      {query.isPending ? (
        <NotesSkeleton />
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : notes.length === 0 ? (
        <div data-testid="notes-empty">
          <EmptyState icon="note" title={t('notes.empty.title')}>
            {canWrite ? t('notes.empty.writer') : t('notes.empty.viewer')}
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className="notes-list" aria-label={t('notes.listLabel')} data-testid="notes-list">
            {notes.map((n) =>
              editingId === n.id ? (
                <NoteEditor
                  key={n.id}
                  note={n}
                  onDone={(saved) => {
                    setEditingId(null);
                    if (saved) {
                      setMessage({ tone: 'success', text: t('notes.messages.saved') });
                      refresh();
                    }
                  }}
                  onConflict={(text) => {
                    setEditingId(null);
                    setMessage({ tone: 'warning', text });
                    refresh();
                  }}
                />
              ) : (
                <NoteItem
                  key={n.id}
                  note={n}
                  canWrite={canWrite}
                  busy={remove.isPending}
                  onEdit={() => {
                    setMessage(null);
                    setEditingId(n.id);
                  }}
                  onDelete={() => {
                    setDeleteError(null);
                    setDeleting(n);
                  }}
                />
              ),
            )}
          </ul>
          {query.hasNextPage ? (
            <div className="notes-more">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                data-testid="notes-more"
              >
                {query.isFetchingNextPage ? t('notes.loadingMore') : t('notes.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}

      {deleting ? (
        <ConfirmDialog
          title={t('notes.confirm.title')}
          confirmLabel={t('notes.confirm.button')}
          busy={remove.isPending}
          error={deleteError}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(null);
          }}
        >
          <p>{t('notes.confirm.text')}</p>
          <blockquote className={`notes-quote notes-quote--${deleting.priority}`}>{excerpt(deleting.body)}</blockquote>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}

/** Three segmented radio buttons: Alta (red), Media (yellow), Sin prioridad. */
function PrioritySelect({
  value,
  onChange,
  error,
  name,
  disabled,
}: {
  value: NotePriority;
  onChange: (p: NotePriority) => void;
  error?: string;
  name: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <fieldset
      className={`notes-priority${error ? ' notes-priority--error' : ''}`}
      aria-describedby={error ? errorId : undefined}
      disabled={disabled}
    >
      <legend className="visually-hidden">{t('notes.priority.label')}</legend>
      <div className="notes-segmented" data-testid="note-priority">
        {NOTE_PRIORITIES.map((p) => (
          <label
            key={p}
            className={`notes-segmented__option notes-segmented__option--${p}${value === p ? ' notes-segmented__option--on' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={p}
              checked={value === p}
              onChange={() => onChange(p)}
              data-testid={`note-priority-${p}`}
            />
            <span className={`notes-dot notes-dot--${p}`} aria-hidden="true" />
            {t(`notes.priority.${p}`)}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The character counter, shown near the limit. */
function Counter({ length, id }: { length: number; id: string }) {
  const { t } = useTranslation();
  if (length < COUNTER_FROM) return null;
  return (
    <span
      className={`notes-counter${length >= NOTE_MAX_LENGTH ? ' notes-counter--full' : ''}`}
      id={id}
      aria-label={t('notes.form.counterLabel', { used: length, max: NOTE_MAX_LENGTH })}
      data-testid="note-counter"
    >
      {t('notes.form.counter', { used: length, max: NOTE_MAX_LENGTH })}
    </span>
  );
}

function NoteCreateForm({
  customerId,
  onCreated,
  onFailed,
  onTyping,
}: {
  customerId: string;
  onCreated: () => void;
  onFailed: (message: string) => void;
  onTyping: () => void;
}) {
  const { t } = useTranslation();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const empty: NoteValues = { body: '', priority: 'none' };
  const form = useResourceForm<NoteValues>({
    initial: empty,
    order: ['body'],
    focusField: () => textRef.current?.focus(),
    serverErrors: serverFieldErrors,
    onFormError: onFailed,
  });
  const { values: { body, priority }, set, errors } = form;
  const hintId = useId();
  const errorId = useId();
  const counterId = useId();

  const create = useMutation({
    mutationFn: () => createNote(customerId, { body: body.trim(), priority }),
    onSuccess: () => {
      form.reset(empty);
      onCreated();
      textRef.current?.focus();
    },
    onError: (e) => form.fail(e),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    if (form.showErrors({ body: bodyProblem(body, t) ?? undefined })) return;
    create.mutate();
  }

  const describedBy = [errors.body ? errorId : hintId, body.length >= COUNTER_FROM ? counterId : null]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="notes-form" onSubmit={submit} noValidate data-testid="note-form">
      <div className={`field${errors.body ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor="note-new-body">
          {t('notes.form.label')}
        </label>
        <textarea
          id="note-new-body"
          ref={textRef}
          value={body}
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          required
          placeholder={t('notes.form.placeholder')}
          onChange={(e) => {
            set('body', e.target.value);
            onTyping();
          }}
          onKeyDown={submitOnModEnter}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describedBy}
          data-testid="note-body"
        />
      </div>
      <div className="notes-form__row">
        <PrioritySelect
          name="note-new-priority"
          value={priority}
          onChange={(p) => set('priority', p)}
          error={errors.priority}
        />
        <div className="notes-form__submit">
          {errors.body ? (
            <p className="field__error" id={errorId} data-testid="note-body-error">
              {errors.body}
            </p>
          ) : (
            <span className="field__hint notes-form__hint" id={hintId}>
              {isMac() ? t('notes.form.shortcutMac') : t('notes.form.shortcut')}
            </span>
          )}
          <Counter length={body.length} id={counterId} />
          <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="add-note">
            <Icon name="plus" size={16} />
            {create.isPending ? t('notes.form.submitting') : t('notes.form.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}

function NoteMeta({ note }: { note: Note }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const edited = note.updated_at !== note.created_at;
  return (
    <p className="notes-item__meta">
      <span className="notes-item__author" data-testid="note-author">
        {note.author?.name || t('notes.item.unknownAuthor')}
      </span>
      <span aria-hidden="true"> · </span>
      <time dateTime={note.created_at} data-testid="note-date">
        {formatDateTime(note.created_at, lang)}
      </time>
      {edited ? (
        <>
          <span aria-hidden="true"> · </span>
          <span
            className="notes-item__edited"
            title={t('notes.item.editedAt', { date: formatDateTime(note.updated_at, lang) })}
            data-testid="note-edited"
          >
            {t('notes.item.edited')}
          </span>
        </>
      ) : null}
    </p>
  );
}

function PriorityBadge({ priority }: { priority: NotePriority }) {
  const { t } = useTranslation();
  return (
    <span className={`notes-badge notes-badge--${priority}`} data-testid="note-priority-badge">
      <span className={`notes-dot notes-dot--${priority}`} aria-hidden="true" />
      {t(`notes.priority.${priority}`)}
    </span>
  );
}

function NoteItem({
  note,
  canWrite,
  busy,
  onEdit,
  onDelete,
}: {
  note: Note;
  canWrite: boolean;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={`notes-item notes-item--${note.priority}`}
      data-testid="note-item"
      data-note-id={note.id}
      data-priority={note.priority}
    >
      <div className="notes-item__head">
        <PriorityBadge priority={note.priority} />
        {canWrite ? (
          <ItemActions
            label={t('notes.item.actions')}
            prefix="notes"
            item="note"
            editLabel={t('notes.item.edit')}
            deleteLabel={t('notes.item.delete')}
            onEdit={onEdit}
            onDelete={onDelete}
            busy={busy}
          />
        ) : null}
      </div>
      <p className="notes-item__body" data-testid="note-text">
        {note.body}
      </p>
      <NoteMeta note={note} />
    </li>
  );
}

function NoteEditor({
  note,
  onDone,
  onConflict,
}: {
  note: Note;
  onDone: (saved: boolean) => void;
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const form = useResourceForm<NoteValues>({
    initial: { body: note.body, priority: note.priority },
    serverErrors: serverFieldErrors,
    onConflict: () => onConflict(t('notes.errors.stale')),
  });
  const { values: { body, priority }, set, errors } = form;
  const textId = useId();
  const errorId = useId();
  const hintId = useId();
  const counterId = useId();

  const save = useMutation({
    mutationFn: (changes: NotePatch) => updateNote(note.id, note.version, changes),
    onSuccess: () => onDone(true),
    onError: (e) => {
      if (isApiError(e) && e.status === 404) return onConflict(t('notes.errors.gone'));
      form.fail(e);
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    form.startSave();
    if (form.showErrors({ body: bodyProblem(body, t) ?? undefined })) return;
    const changes: NotePatch = {};
    if (body.trim() !== note.body) changes.body = body.trim();
    if (priority !== note.priority) changes.priority = priority;
    if (Object.keys(changes).length === 0) return onDone(false);
    save.mutate(changes);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Escape' && !save.isPending) {
      e.preventDefault();
      e.stopPropagation();
      onDone(false);
    }
  }

  const describedBy = [errors.body ? errorId : hintId, body.length >= COUNTER_FROM ? counterId : null]
    .filter(Boolean)
    .join(' ');

  return (
    <li className={`notes-item notes-item--${priority} notes-item--editing`} data-testid="note-item" data-note-id={note.id} data-editing="true">
      <form className="notes-edit" onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="note-edit-form">
        <label className="visually-hidden" htmlFor={textId}>
          {t('notes.item.editLabel')}
        </label>
        <textarea
          id={textId}
          value={body}
          rows={Math.min(12, Math.max(3, body.split('\n').length + 1))}
          maxLength={NOTE_MAX_LENGTH}
          required
          autoFocus
          onFocus={(e) => {
            const end = e.currentTarget.value.length;
            e.currentTarget.setSelectionRange(end, end);
          }}
          onChange={(e) => set('body', e.target.value)}
          onKeyDown={submitOnModEnter}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describedBy}
          data-testid="note-edit-body"
        />
        {errors.body ? (
          <p className="field__error" id={errorId}>
            {errors.body}
          </p>
        ) : null}
        {form.formError ? (
          <p className="field__error" role="alert">
            {form.formError}
          </p>
        ) : null}
        <div className="notes-form__row">
          <PrioritySelect
            name={`note-${note.id}-priority`}
            value={priority}
            onChange={(p) => set('priority', p)}
            error={errors.priority}
            disabled={save.isPending}
          />
          <div className="notes-form__submit">
            <span className="field__hint notes-form__hint" id={hintId}>
              {isMac() ? t('notes.item.editHintMac') : t('notes.item.editHint')}
            </span>
            <Counter length={body.length} id={counterId} />
            <button type="button" className="btn btn--secondary" onClick={() => onDone(false)} disabled={save.isPending} data-testid="cancel-note-edit">
              {t('notes.item.cancel')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="save-note">
              {save.isPending ? t('notes.item.saving') : t('notes.item.save')}
            </button>
          </div>
        </div>
      </form>
    </li>
  );
}

function NotesSkeleton() {
  return (
    <div className="notes-skeleton" aria-busy="true" data-testid="notes-loading">
      {[0, 1, 2].map((i) => (
        <div key={i} className="notes-skeleton__item">
          <div className="skeleton skeleton--line skeleton--short" />
          <div className="skeleton skeleton--line" />
          <div className="skeleton skeleton--line skeleton--short" />
        </div>
      ))}
    </div>
  );
}
