import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  catalogKeys,
  createNamed,
  deleteNamed,
  listNamed,
  renameNamed,
  type NamedKind,
  type NamedResource,
} from '../../api/catalog';
import { errorMessage, isApiError } from '../../api/errors';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { Banner, EmptyState, ErrorState } from '../../components/States';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ConfirmDialog } from './ConfirmDialog';
import './catalog.css';

type Translate = ReturnType<typeof useTranslation>['t'];

/** The message for a failed create or rename of a name: taken, empty, too long, … */
function nameError(err: unknown, kind: NamedKind, t: Translate): string {
  if (isApiError(err)) {
    if (err.status === 409) return t(`catalog.${kind}.taken`);
    if (err.status === 412) return t('catalog.named.stale');
    const field = err.fieldErrors.find((f) => f.field === 'name');
    if (err.status === 422 && field) {
      return field.code === 'too_long' ? t('catalog.named.tooLong') : t('errors.field.required');
    }
  }
  return errorMessage(err, t);
}

/** /admin/product-types and /admin/warehouses: list, inline create, rename, delete. */
export function NamedResourcesPage({ kind }: { kind: NamedKind }) {
  const { t } = useTranslation();
  useDocumentTitle(t(`catalog.${kind}.title`));
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: catalogKeys.named(kind), queryFn: () => listNamed(kind) });
  const [flash, setFlash] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<NamedResource | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const items = query.data ?? [];

  function refresh() {
    return queryClient.invalidateQueries({ queryKey: catalogKeys.named(kind) });
  }

  async function confirmDelete() {
    if (!toDelete) return;
    setDeleting(true);
    try {
      await deleteNamed(kind, toDelete.id);
      queryClient.setQueryData<NamedResource[]>(catalogKeys.named(kind), (old) =>
        old?.filter((r) => r.id !== toDelete.id),
      );
      void refresh();
      // Products show their type's name; drop cached lists so they ask again.
      void queryClient.invalidateQueries({ queryKey: catalogKeys.products });
      setFlash(t(`catalog.${kind}.deleted`, { name: toDelete.name }));
      setToDelete(null);
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        setDeleteError(t(`catalog.${kind}.inUse`));
      } else if (isApiError(err) && err.status === 404) {
        // Already gone: show the list as it is now.
        void refresh();
        setToDelete(null);
      } else {
        setDeleteError(errorMessage(err, t));
      }
    } finally {
      setDeleting(false);
    }
  }

  let body: React.ReactNode;
  if (query.isPending) {
    body = (
      <ul className="named-list" aria-busy="true">
        {Array.from({ length: 4 }, (_, i) => (
          <li key={i} className="named-row" aria-hidden="true">
            <div className="skeleton skeleton--line" />
          </li>
        ))}
      </ul>
    );
  } else if (query.isError) {
    body = (
      <ErrorState
        message={errorMessage(query.error, t)}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState icon={kind === 'warehouses' ? 'warehouse' : 'layers'} title={t(`catalog.${kind}.empty`)}>
        {t(`catalog.${kind}.emptyHint`)}
      </EmptyState>
    );
  } else {
    body = (
      <ul className="named-list" data-testid="named-list" aria-label={t(`catalog.${kind}.title`)}>
        {items.map((item) => (
          <NamedRow
            key={item.id}
            kind={kind}
            item={item}
            canWrite={canWrite}
            onRenamed={(renamed) => {
              queryClient.setQueryData<NamedResource[]>(catalogKeys.named(kind), (old) =>
                old
                  ?.map((r) => (r.id === renamed.id ? renamed : r))
                  .sort((a, b) => a.name.localeCompare(b.name)),
              );
              void refresh();
              setFlash(t(`catalog.${kind}.renamed`, { name: renamed.name }));
            }}
            onStale={() => void refresh()}
            onDelete={() => {
              setDeleteError(null);
              setFlash(null);
              setToDelete(item);
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="page page--form">
      <div className="page-header">
        <div className="page-header__main">
          {kind === 'productTypes' ? (
            <Link to="/admin/products" className="back-link">
              <Icon name="back" size={16} />
              {t('catalog.products.title')}
            </Link>
          ) : null}
          <div className="catalog-title">
            <h1 className="page-title">{t(`catalog.${kind}.title`)}</h1>
            {typeof query.data !== 'undefined' ? (
              <span className="count-pill" aria-label={t(`catalog.${kind}.count`, { count: items.length })}>
                {items.length}
              </span>
            ) : null}
          </div>
          <p className="page-subtitle">{t(`catalog.${kind}.subtitle`)}</p>
        </div>
      </div>

      <div aria-live="polite">{flash ? <Banner tone="success" title={flash} /> : null}</div>

      {canWrite ? (
        <CreateNamedForm
          kind={kind}
          onCreated={(created) => {
            queryClient.setQueryData<NamedResource[]>(catalogKeys.named(kind), (old) =>
              [...(old ?? []), created].sort((a, b) => a.name.localeCompare(b.name)),
            );
            void refresh();
            setFlash(t(`catalog.${kind}.created`, { name: created.name }));
          }}
        />
      ) : null}

      <section className="section" aria-labelledby="named-list-title">
        <h2 id="named-list-title" className="visually-hidden">
          {t(`catalog.${kind}.title`)}
        </h2>
        {body}
      </section>

      {toDelete ? (
        <ConfirmDialog
          title={
            deleteError
              ? t(`catalog.${kind}.cannotDelete`, { name: toDelete.name })
              : t(`catalog.${kind}.deleteTitle`, { name: toDelete.name })
          }
          confirmLabel={t('catalog.named.delete')}
          busy={deleting}
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            setToDelete(null);
            setDeleteError(null);
          }}
        >
          <p>{t(`catalog.${kind}.deleteText`, { name: toDelete.name })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function CreateNamedForm({ kind, onCreated }: { kind: NamedKind; onCreated: (r: NamedResource) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = `new-${kind}`;

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (saving) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('errors.field.required'));
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const created = await createNamed(kind, trimmed);
      setName('');
      onCreated(created);
    } catch (err) {
      setError(nameError(err, kind, t));
    } finally {
      setSaving(false);
      inputRef.current?.focus();
    }
  }

  return (
    <form className="named-create" onSubmit={onSubmit} noValidate data-testid="named-create">
      <label htmlFor={id} className="field__label">
        {t(`catalog.${kind}.newLabel`)}
      </label>
      <div className="named-create__row">
        <input
          ref={inputRef}
          id={id}
          type="text"
          value={name}
          maxLength={100}
          autoComplete="off"
          placeholder={t(`catalog.${kind}.placeholder`)}
          onChange={(e) => {
            setName(e.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" className="btn btn--primary" disabled={saving}>
          <Icon name="plus" size={16} />
          {saving ? t('common.saving') : t('catalog.named.add')}
        </button>
      </div>
      {error ? (
        <p className="field__error" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </form>
  );
}

function NamedRow({
  kind,
  item,
  canWrite,
  onRenamed,
  onStale,
  onDelete,
}: {
  kind: NamedKind;
  item: NamedResource;
  canWrite: boolean;
  onRenamed: (r: NamedResource) => void;
  onStale: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const inputId = `rename-${kind}-${item.id}`;

  useEffect(() => {
    if (editing) {
      inputRef.current?.focus();
      inputRef.current?.select();
    } else if (wasEditing.current) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function cancel() {
    setEditing(false);
    setName(item.name);
    setError(null);
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (saving) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('errors.field.required'));
      return;
    }
    if (trimmed === item.name) {
      cancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const renamed = await renameNamed(kind, item.id, item.version, trimmed);
      setEditing(false);
      onRenamed(renamed);
    } catch (err) {
      setError(nameError(err, kind, t));
      if (isApiError(err) && err.status === 412) onStale();
    } finally {
      setSaving(false);
    }
  }

  if (editing) {
    return (
      <li className="named-row named-row--editing" data-testid="named-row">
        <form className="named-row__form" onSubmit={save} noValidate>
          <label htmlFor={inputId} className="visually-hidden">
            {t('catalog.named.newName', { name: item.name })}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="text"
            value={name}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => {
              setName(e.target.value);
              if (error) setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                cancel();
              }
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <div className="named-row__actions">
            <button type="button" className="btn btn--secondary" onClick={cancel} disabled={saving}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={saving}>
              {saving ? t('common.saving') : t('common.save')}
            </button>
          </div>
          {error ? (
            <p className="field__error named-row__error" id={`${inputId}-error`} data-testid={`error-${inputId}`}>
              {error}
            </p>
          ) : null}
        </form>
      </li>
    );
  }

  return (
    <li className="named-row" data-testid="named-row">
      <span className="named-row__icon" aria-hidden="true">
        <Icon name={kind === 'warehouses' ? 'warehouse' : 'layers'} size={18} />
      </span>
      <span className="named-row__name">{item.name}</span>
      {canWrite ? (
        <div className="named-row__actions">
          <button
            ref={renameButton}
            type="button"
            className="btn btn--plain"
            onClick={() => {
              setName(item.name);
              setEditing(true);
            }}
            aria-label={t('catalog.named.renameItem', { name: item.name })}
          >
            <Icon name="edit" size={16} />
            <span className="named-row__label">{t('catalog.named.rename')}</span>
          </button>
          <button
            type="button"
            className="btn btn--plain btn--plain-critical"
            onClick={onDelete}
            aria-label={t('catalog.named.deleteItem', { name: item.name })}
          >
            <Icon name="trash" size={16} />
            <span className="named-row__label">{t('catalog.named.delete')}</span>
          </button>
        </div>
      ) : null}
    </li>
  );
}
