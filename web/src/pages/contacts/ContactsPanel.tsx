// A customer's contacts (F10): name, email, phone, role, last order and portal access, and for
// each *Datos del contacto*, *Pedidos*, *Productos favoritos*, access actions (F11) and
// *Eliminar*. Viewers only read.
import { useEffect, useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  contactKeys,
  contactName,
  deleteContact,
  listContacts,
  sendInvitation,
  updateContact,
  type Contact,
} from '../../api/contacts';
import { customerKeys } from '../../api/customers';
import { errorMessage, isApiError } from '../../api/errors';
import { useCanWrite } from '../../auth';
import { ActionMenu } from '../../components/ActionMenu';
import { Icon } from '../../components/Icon';
import { Banner, EmptyState, ErrorState } from '../../components/States';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { ConfirmDialog } from '../catalog/ConfirmDialog';
import { DialogShell } from '../customers/DialogShell';
import { AccessBadge, RoleBadge } from './badges';
import { ContactDetailsDialog, ContactFormDialog } from './ContactFormDialog';
import { ContactFavoritesDialog, ContactOrdersDialog } from './ContactActivityDialogs';
import { ContactHistoryDialog } from '../messaging/ContactHistoryDialog';
import './contacts.css';

type Message = { tone: 'critical' | 'warning' | 'success' | 'info'; text: string; inviteFor?: Contact };
type Dialog =
  | { kind: 'add' }
  | { kind: 'edit' | 'view' | 'orders' | 'favorites' | 'history' | 'delete' | 'revoke'; contact: Contact }
  | null;

export function ContactsPanel({ customerId, customerName, currency = 'EUR' }: { customerId: string; customerName?: string; currency?: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const query = useInfiniteQuery({
    queryKey: contactKeys.list(customerId),
    queryFn: ({ pageParam }) => listContacts(customerId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const contacts = query.data?.pages.flatMap((p) => p.items) ?? [];

  // A success notice leaves by itself; warnings and errors stay until closed.
  useEffect(() => {
    if (message?.tone !== 'success') return;
    const timer = setTimeout(() => setMessage(null), 8000);
    return () => clearTimeout(timer);
  }, [message]);

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: contactKeys.list(customerId) });
    // The customer's history records contact changes and logins.
    void queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
  }

  function fail(e: unknown, contact: Contact) {
    if (isApiError(e) && e.status === 412) setMessage({ tone: 'warning', text: t('contacts.errors.stale') });
    else if (isApiError(e) && e.status === 404) setMessage({ tone: 'warning', text: t('contacts.errors.gone') });
    else if (isApiError(e) && e.code === 'no_password') {
      setMessage({ tone: 'warning', text: t('contacts.errors.noPassword', { name: contactName(contact) }), inviteFor: contact });
    } else if (isApiError(e) && e.code === 'already_active') {
      setMessage({ tone: 'info', text: t('contacts.errors.alreadyActive', { name: contactName(contact) }) });
    } else setMessage({ tone: 'critical', text: errorMessage(e, t) });
    refresh();
  }

  const access = useMutation({
    mutationFn: ({ contact, to }: { contact: Contact; to: 'active' | 'revoked' }) =>
      updateContact(contact.id, contact.version, { access: to }),
    onSuccess: (saved, { to }) => {
      setDialog(null);
      setMessage({
        tone: 'success',
        text: t(to === 'revoked' ? 'contacts.messages.revoked' : 'contacts.messages.restored', { name: contactName(saved) }),
      });
      refresh();
    },
    onError: (e, { contact }) => {
      setDialog(null);
      fail(e, contact);
    },
  });

  const invite = useMutation({
    mutationFn: (contact: Contact) => sendInvitation(contact.id),
    onSuccess: (_, contact) => {
      setMessage({ tone: 'success', text: t('contacts.messages.invited', { email: contact.email }) });
      refresh();
    },
    onError: (e, contact) => fail(e, contact),
  });

  const remove = useMutation({
    mutationFn: (contact: Contact) => deleteContact(contact.id),
    onSuccess: (_, contact) => {
      setDialog(null);
      setMessage({ tone: 'success', text: t('contacts.messages.deleted', { name: contactName(contact) }) });
      refresh();
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 404) {
        setDialog(null);
        refresh();
        return;
      }
      setDeleteError(errorMessage(e, t));
    },
  });

  function open(next: Dialog) {
    setMessage(null);
    setDeleteError(null);
    setDialog(next);
  }

  const busy = access.isPending || invite.isPending || remove.isPending;
  const addButton = (primary: boolean) =>
    canWrite ? (
      <button
        type="button"
        className={`btn ${primary ? 'btn--primary' : 'btn--secondary ctc-btn--sm'}`}
        onClick={() => open({ kind: 'add' })}
        data-testid="add-contact"
      >
        <Icon name="plus" size={16} />
        {t('contacts.add')}
      </button>
    ) : null;

  return (
    <section className="panel panel--wide ctc-panel" id="contacts" aria-labelledby="contacts-title" data-testid="contacts-panel">
      <div className="ctc-panel__head">
        <h2 className="panel__title" id="contacts-title">
          <Icon name="users" size={18} />
          {t('contacts.title')}
          {contacts.length > 0 ? (
            <span className="count-pill" data-testid="contacts-count">
              {contacts.length}
              {query.hasNextPage ? '+' : ''}
            </span>
          ) : null}
        </h2>
        {contacts.length > 0 ? addButton(false) : null}
      </div>

      <div aria-live="polite" className="ctc-messages">
        {message ? (
          <div data-testid="contacts-message" data-tone={message.tone}>
            <Banner
              tone={message.tone}
              title={message.text}
              action={
                <span className="ctc-message-actions">
                  {message.inviteFor && canWrite ? (
                    <button
                      type="button"
                      className="btn btn--secondary ctc-btn--sm"
                      onClick={() => invite.mutate(message.inviteFor!)}
                      disabled={invite.isPending}
                      data-testid="message-send-invitation"
                    >
                      {t('contacts.actions.sendInvitation')}
                    </button>
                  ) : null}
                  <button type="button" className="btn btn--plain ctc-btn--sm" onClick={() => setMessage(null)} aria-label={t('contacts.messages.dismiss')}>
                    <Icon name="close" size={16} />
                  </button>
                </span>
              }
            />
          </div>
        ) : null}
      </div>

      {query.isPending ? (
        <div className="ctc-skeleton" aria-busy="true">
          <div className="skeleton skeleton--line" />
          <div className="skeleton skeleton--line" />
          <div className="skeleton skeleton--line skeleton--short" />
        </div>
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : contacts.length === 0 ? (
        <div data-testid="contacts-empty">
          <EmptyState icon="users" title={t('contacts.empty.title')} action={addButton(true) ?? undefined}>
            {canWrite ? t('contacts.empty.writer') : t('contacts.empty.viewer')}
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="ctc-table-wrap">
            <table className="ctc-table" data-testid="contacts-table" aria-label={t('contacts.listLabel', { name: customerName ?? '' })}>
              <thead>
                <tr>
                  <th scope="col">{t('contacts.columns.name')}</th>
                  <th scope="col">{t('contacts.columns.email')}</th>
                  <th scope="col">{t('contacts.columns.phone')}</th>
                  <th scope="col">{t('contacts.columns.lastOrder')}</th>
                  <th scope="col">{t('contacts.columns.access')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('contacts.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <ContactRow
                    key={c.id}
                    contact={c}
                    canWrite={canWrite}
                    busy={busy}
                    onOpen={(kind) => open({ kind, contact: c })}
                    onRestore={() => {
                      setMessage(null);
                      access.mutate({ contact: c, to: 'active' });
                    }}
                    onInvite={() => {
                      setMessage(null);
                      invite.mutate(c);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {query.hasNextPage ? (
            <div className="ctc-more">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                data-testid="contacts-more"
              >
                {query.isFetchingNextPage ? t('common.loading') : t('contacts.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}

      {dialog?.kind === 'add' || dialog?.kind === 'edit' ? (
        <ContactFormDialog
          customerId={customerId}
          contact={dialog.kind === 'edit' ? dialog.contact : null}
          onClose={() => setDialog(null)}
          onSaved={(_, text) => {
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
      {dialog?.kind === 'view' ? <ContactDetailsDialog contact={dialog.contact} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'orders' ? <ContactOrdersDialog contact={dialog.contact} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'history' ? (
        <ContactHistoryDialog contact={dialog.contact} currency={currency} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'favorites' ? (
        <ContactFavoritesDialog contact={dialog.contact} canWrite={canWrite} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('contacts.confirmDelete.title', { name: contactName(dialog.contact) })}
          confirmLabel={t('contacts.confirmDelete.button')}
          busy={remove.isPending}
          error={deleteError}
          onConfirm={() => remove.mutate(dialog.contact)}
          onCancel={() => setDialog(null)}
        >
          <p>{t('contacts.confirmDelete.text')}</p>
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'revoke' ? (
        <DialogShell
          title={t('contacts.confirmRevoke.title', { name: contactName(dialog.contact) })}
          icon="alert"
          tone="warning"
          busy={access.isPending}
          onClose={() => setDialog(null)}
          testId="revoke-contact-dialog"
          actions={
            <>
              <button type="button" className="btn btn--secondary" onClick={() => setDialog(null)} disabled={access.isPending}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="btn btn--critical"
                onClick={() => access.mutate({ contact: dialog.contact, to: 'revoked' })}
                disabled={access.isPending}
                data-testid="confirm-revoke-contact"
              >
                {access.isPending ? t('contacts.confirmRevoke.busy') : t('contacts.confirmRevoke.button')}
              </button>
            </>
          }
        >
          <p>{t('contacts.confirmRevoke.text')}</p>
        </DialogShell>
      ) : null}
    </section>
  );
}

function ContactRow({
  contact: c,
  canWrite,
  busy,
  onOpen,
  onRestore,
  onInvite,
}: {
  contact: Contact;
  canWrite: boolean;
  busy: boolean;
  onOpen: (kind: 'edit' | 'view' | 'orders' | 'favorites' | 'history' | 'delete' | 'revoke') => void;
  onRestore: () => void;
  onInvite: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = contactName(c);
  const item = (label: string, icon: Parameters<typeof Icon>[0]['name'], onClick: () => void, testId: string, critical = false) => (close: () => void) => (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={`action-menu__item${critical ? ' action-menu__item--critical' : ''}`}
      onClick={() => {
        close();
        onClick();
      }}
      data-testid={testId}
    >
      <Icon name={icon} size={16} />
      {label}
    </button>
  );
  return (
    <tr className="ctc-row" data-testid="contact-row" data-contact-id={c.id} data-access={c.access}>
      <td className="ctc-row__name">
        <button type="button" className="ctc-name" onClick={() => onOpen(canWrite ? 'edit' : 'view')} data-testid="contact-name">
          {name}
        </button>
        <span className="ctc-row__sub">
          <RoleBadge role={c.role} />
          {c.department ? <span className="muted">{c.department}</span> : null}
        </span>
      </td>
      <td className="ctc-row__email" data-label={t('contacts.columns.email')}>
        <a href={`mailto:${c.email}`}>{c.email}</a>
      </td>
      <td className="ctc-row__phone" data-label={t('contacts.columns.phone')}>
        {c.phone || c.whatsapp ? (
          <span className="ctc-phones">
            {c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : null}
            {c.whatsapp ? (
              <span className="ctc-wa" title={t('contacts.fields.whatsapp')}>
                <Icon name="whatsapp" size={14} label={t('contacts.fields.whatsapp')} />
                {c.whatsapp}
              </span>
            ) : null}
          </span>
        ) : (
          <span className="muted">{t('common.none')}</span>
        )}
      </td>
      <td className="ctc-row__order" data-label={t('contacts.columns.lastOrder')} data-testid="contact-last-order">
        {c.last_order ? (
          <Link to={`/admin/orders/${encodeURIComponent(c.last_order.id)}`} className="ctc-order">
            <span className="ctc-order__number">{c.last_order.number}</span>
            <span className="muted">
              {formatDate(c.last_order.placed_at, lang)} · {formatMoney(c.last_order.total_minor, c.last_order.currency, lang)}
            </span>
          </Link>
        ) : (
          <span className="muted">{t('contacts.noOrders')}</span>
        )}
      </td>
      <td className="ctc-row__access" data-label={t('contacts.columns.access')}>
        <span className="ctc-access">
          <AccessBadge access={c.access} />
          {c.last_login_at ? (
            <span className="ctc-login muted" title={formatDateTime(c.last_login_at, lang)}>
              {t('contacts.lastLogin', { date: formatDate(c.last_login_at, lang) })}
            </span>
          ) : null}
        </span>
      </td>
      <td className="ctc-row__actions">
        <ActionMenu label={<span className="visually-hidden">{t('contacts.actions.menu', { name })}</span>} disabled={busy} testId="contact-actions">
          {(close) => (
            <>
              {item(t('contacts.actions.details'), canWrite ? 'edit' : 'users', () => onOpen(canWrite ? 'edit' : 'view'), 'contact-action-details')(close)}
              {item(t('contacts.actions.orders'), 'cart', () => onOpen('orders'), 'contact-action-orders')(close)}
              {item(t('contacts.actions.favorites'), 'tag', () => onOpen('favorites'), 'contact-action-favorites')(close)}
              {item(t('messaging.contactHistory.menuItem'), 'clock', () => onOpen('history'), 'contact-action-history')(close)}
              {canWrite ? (
                <>
                  <hr className="ctc-menu-separator" />
                  {c.access !== 'active' && !c.has_password
                    ? item(c.access === 'invited' ? t('contacts.actions.resendInvitation') : t('contacts.actions.sendInvitation'), 'mail', onInvite, 'contact-action-invite')(close)
                    : null}
                  {c.access === 'revoked'
                    ? c.has_password
                      ? item(t('contacts.actions.restore'), 'check', onRestore, 'contact-action-restore')(close)
                      : null
                    : item(t('contacts.actions.revoke'), 'alert', () => onOpen('revoke'), 'contact-action-revoke')(close)}
                  {item(t('contacts.actions.delete'), 'trash', () => onOpen('delete'), 'contact-action-delete', true)(close)}
                </>
              ) : null}
            </>
          )}
        </ActionMenu>
      </td>
    </tr>
  );
}
