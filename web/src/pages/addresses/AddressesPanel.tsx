// The addresses of a customer (F7): each with its use (shipping, billing or both) and whether it
// is the default; added and edited in a dialog, made the default in one click, deleted after a
// confirmation. Viewers only read.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  addressKeys,
  deleteAddress,
  listAddresses,
  MAX_ADDRESSES,
  updateAddress,
  type AddressKind,
  type CustomerAddress,
} from '../../api/addresses';
import { customerKeys } from '../../api/customers';
import { errorMessage, isApiError } from '../../api/errors';
import { useCanWrite } from '../../auth';
import { addressLines } from '../../components/address';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorState } from '../../components/States';
import { ConfirmDialog } from '../catalog/ConfirmDialog';
import { AddressFormDialog } from './AddressFormDialog';
import './addresses.css';
import { ItemActions } from '../../components/ItemActions';
import { LiveMessage } from '../../components/LiveMessage';

type Message = { tone: 'critical' | 'warning' | 'success'; text: string };
type DialogState = { mode: 'add' } | { mode: 'edit'; address: CustomerAddress } | null;

const KIND_TONE: Record<AddressKind, string> = { shipping: 'info', billing: 'magic', both: 'neutral' };

/** A small filled star for the default badge. */
export function Star({ size = 12, outline }: { size?: number; outline?: boolean }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill={outline ? 'none' : 'currentColor'}
        stroke="currentColor"
        strokeWidth={outline ? 1.8 : 0}
        strokeLinejoin="round"
        d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z"
      />
    </svg>
  );
}

export function KindBadge({ kind }: { kind: AddressKind }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${KIND_TONE[kind]}`} data-testid="address-kind">
      {t(`addresses.kind.${kind}`)}
    </span>
  );
}

export function AddressesPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [deleting, setDeleting] = useState<CustomerAddress | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const query = useQuery({ queryKey: addressKeys.list(customerId), queryFn: () => listAddresses(customerId) });
  const addresses = query.data ?? [];

  /** After any change: the list, and the customer (its `default_address`, here and in the list). */
  function refresh() {
    void queryClient.invalidateQueries({ queryKey: addressKeys.list(customerId) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
  }

  const makeDefault = useMutation({
    mutationFn: (a: CustomerAddress) => updateAddress(a.id, a.version, { is_default: true }),
    onSuccess: () => {
      setMessage({ tone: 'success', text: t('addresses.messages.madeDefault') });
      refresh();
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 412) setMessage({ tone: 'warning', text: t('addresses.errors.stale') });
      else if (isApiError(e) && e.status === 404) setMessage({ tone: 'warning', text: t('addresses.errors.gone') });
      else setMessage({ tone: 'critical', text: errorMessage(e, t) });
      refresh();
    },
  });

  const remove = useMutation({
    mutationFn: (a: CustomerAddress) => deleteAddress(a.id),
    onSuccess: () => {
      setDeleting(null);
      setMessage({ tone: 'success', text: t('addresses.messages.deleted') });
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

  const full = addresses.length >= MAX_ADDRESSES;

  return (
    <section className="panel panel--wide addr-panel" aria-labelledby="addresses-title" data-testid="addresses-panel">
      <div className="addr-panel__head">
        <h2 className="panel__title" id="addresses-title">
          <Icon name="pin" size={18} />
          {t('addresses.title')}
          {addresses.length > 0 ? (
            <span className="addr-count" data-testid="addresses-count">
              {addresses.length}
            </span>
          ) : null}
        </h2>
        {canWrite && addresses.length > 0 ? (
          <button
            type="button"
            className="btn btn--secondary addr-btn--sm"
            onClick={() => {
              setMessage(null);
              setDialog({ mode: 'add' });
            }}
            disabled={full}
            title={full ? t('addresses.errors.tooMany', { max: MAX_ADDRESSES }) : undefined}
            data-testid="add-address"
          >
            <Icon name="plus" size={16} />
            {t('addresses.add')}
          </button>
        ) : null}
      </div>

      <LiveMessage
        message={message}
        testId="addresses-message"
        className="addr-messages"
        onDismiss={() => setMessage(null)}
        dismissLabel={t('addresses.messages.dismiss')}
        dismissClassName="btn btn--plain addr-btn--sm"
      />

      {query.isPending ? (
        <div className="addr-skeleton" aria-busy="true">
          <div className="skeleton skeleton--block" />
          <div className="skeleton skeleton--block" />
        </div>
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : addresses.length === 0 ? (
        <div data-testid="addresses-empty">
          <EmptyState
            icon="pin"
            title={t('addresses.empty.title')}
            action={
              canWrite ? (
                <button type="button" className="btn btn--primary" onClick={() => setDialog({ mode: 'add' })} data-testid="add-address">
                  <Icon name="plus" size={16} />
                  {t('addresses.add')}
                </button>
              ) : undefined
            }
          >
            {canWrite ? t('addresses.empty.writer') : t('addresses.empty.viewer')}
          </EmptyState>
        </div>
      ) : (
        <ul className="addr-list" aria-label={t('addresses.listLabel')} data-testid="addresses-list">
          {addresses.map((a) => (
            <AddressItem
              key={a.id}
              address={a}
              canWrite={canWrite}
              busy={makeDefault.isPending || remove.isPending}
              onMakeDefault={() => {
                setMessage(null);
                makeDefault.mutate(a);
              }}
              onEdit={() => {
                setMessage(null);
                setDialog({ mode: 'edit', address: a });
              }}
              onDelete={() => {
                setDeleteError(null);
                setDeleting(a);
              }}
            />
          ))}
        </ul>
      )}

      {dialog ? (
        <AddressFormDialog
          customerId={customerId}
          address={dialog.mode === 'edit' ? dialog.address : null}
          addresses={addresses}
          onClose={() => setDialog(null)}
          onSaved={(text) => {
            setDialog(null);
            setMessage({ tone: 'success', text });
            refresh();
          }}
          onConflict={(text) => {
            setDialog(null);
            setMessage({ tone: 'warning', text });
            refresh();
          }}
        />
      ) : null}

      {deleting ? (
        <ConfirmDialog
          title={t('addresses.confirm.title')}
          confirmLabel={t('addresses.confirm.button')}
          busy={remove.isPending}
          error={deleteError}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(null);
          }}
        >
          <p>{t('addresses.confirm.text')}</p>
          {deleting.is_default ? <p>{t('addresses.confirm.defaultText')}</p> : null}
          <AddressQuote address={deleting} />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function AddressQuote({ address }: { address: CustomerAddress }) {
  const { i18n } = useTranslation();
  return (
    <blockquote className="addr-quote">
      {address.label ? <strong>{address.label}</strong> : null}
      {addressLines(address, i18n.language).map((line, i) => (
        <span key={i} className="line">
          {line}
        </span>
      ))}
    </blockquote>
  );
}

function AddressItem({
  address: a,
  canWrite,
  busy,
  onMakeDefault,
  onEdit,
  onDelete,
}: {
  address: CustomerAddress;
  canWrite: boolean;
  busy: boolean;
  onMakeDefault: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lines = addressLines(a, i18n.language);
  return (
    <li
      className={`addr-item${a.is_default ? ' addr-item--default' : ''}`}
      data-testid="address-item"
      data-address-id={a.id}
      data-kind={a.kind}
      data-default={a.is_default ? 'true' : 'false'}
    >
      <div className="addr-item__head">
        <KindBadge kind={a.kind} />
        {a.is_default ? (
          <span className="badge badge--success addr-default" title={t(`addresses.default.${a.kind}`)} data-testid="address-default">
            <Star />
            {t('addresses.default.badge')}
            <span className="visually-hidden">: {t(`addresses.default.${a.kind}`)}</span>
          </span>
        ) : canWrite ? (
          <button
            type="button"
            className="btn btn--plain addr-btn--sm addr-make-default"
            onClick={onMakeDefault}
            disabled={busy}
            data-testid="make-default"
          >
            <Star size={14} outline />
            {t('addresses.default.make')}
          </button>
        ) : null}
      </div>
      {a.label ? (
        <p className="addr-item__label" data-testid="address-label">
          {a.label}
        </p>
      ) : null}
      <address className="addr-item__lines" data-testid="address-lines">
        {lines.map((line, i) => (
          <span key={i} className="line">
            {line}
          </span>
        ))}
      </address>
      {canWrite ? (
        <ItemActions
          label={t('addresses.item.actions')}
          prefix="addr"
          item="address"
          editLabel={t('addresses.item.edit')}
          deleteLabel={t('addresses.item.delete')}
          onEdit={onEdit}
          onDelete={onDelete}
          busy={busy}
        />
      ) : null}
    </li>
  );
}
