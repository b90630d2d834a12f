import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateCustomer } from '../../api/customers';
import { contactsWithAccessOf, revokeContactAccess, type ContactWithAccess } from '../../api/deletion';
import { errorMessage } from '../../api/errors';
import type { Customer } from '../../api/types';
import { Banner } from '../../components/States';
import { DialogShell } from './DialogShell';

/** The contacts that block a deactivation (409 contacts_have_access), as a list. */
export function ContactsWithAccessList({ contacts }: { contacts: ContactWithAccess[] }) {
  return (
    <ul className="deletion-contacts" data-testid="contacts-with-access">
      {contacts.map((c) => (
        <li key={c.id}>{c.name}</li>
      ))}
    </ul>
  );
}

function names(contacts: ContactWithAccess[]): string {
  return contacts.map((c) => c.name).join(', ');
}

/**
 * Asks to confirm revoking every contact's access, revokes it, then calls `onRevoked` (which
 * retries the deactivation).
 */
function RevokeConfirm({
  customerId,
  contacts,
  onCancel,
  onRevoked,
}: {
  customerId: string;
  contacts: ContactWithAccess[];
  onCancel: () => void;
  onRevoked: () => Promise<void> | void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await revokeContactAccess(customerId);
      await onRevoked();
    } catch (e) {
      setBusy(false);
      setError(errorMessage(e, t));
    }
  }

  return (
    <DialogShell
      title={t('deletion.contacts.confirmTitle')}
      icon="users"
      tone="warning"
      busy={busy}
      onClose={onCancel}
      testId="revoke-dialog"
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--critical" onClick={() => void revoke()} disabled={busy} data-testid="confirm-revoke">
            {busy ? t('deletion.contacts.revoking') : t('deletion.contacts.confirm')}
          </button>
        </>
      }
    >
      <p>{t('deletion.contacts.confirmText', { count: contacts.length, names: names(contacts) })}</p>
      {error ? (
        <p className="deletion-error" role="alert">
          {error}
        </p>
      ) : null}
    </DialogShell>
  );
}

/**
 * For the customer form: a save that deactivated the customer was refused because contacts
 * can sign in. Shows them and offers to revoke them all; `onRevoked` saves again.
 */
export function ContactsAccessBanner({
  customerId,
  contacts,
  onRevoked,
}: {
  customerId: string;
  contacts: ContactWithAccess[];
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <Banner
      tone="critical"
      title={t('deletion.contacts.title')}
      action={
        <button type="button" className="btn btn--secondary" onClick={() => setConfirming(true)} data-testid="revoke-all">
          {t('deletion.contacts.revokeAll')}
        </button>
      }
    >
      <p>{t('deletion.contacts.text', { count: contacts.length })}</p>
      <ContactsWithAccessList contacts={contacts} />
      {confirming ? (
        <RevokeConfirm
          customerId={customerId}
          contacts={contacts}
          onCancel={() => setConfirming(false)}
          onRevoked={() => {
            setConfirming(false);
            onRevoked();
          }}
        />
      ) : null}
    </Banner>
  );
}

/**
 * Deactivating a customer (F14) from its page: confirm, PATCH account_status; when contacts can
 * still sign in, list them and offer to revoke their access, then deactivate.
 */
export function DeactivateCustomerDialog({
  customer,
  onClose,
  onDone,
}: {
  customer: Customer;
  onClose: () => void;
  onDone: (updated: Customer) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [contacts, setContacts] = useState<ContactWithAccess[] | null>(null);
  const [revoking, setRevoking] = useState(false);

  async function deactivate() {
    setBusy(true);
    setError(null);
    try {
      const updated = await updateCustomer(customer.id, customer.version, { account_status: 'inactive' });
      onDone(updated);
    } catch (e) {
      setBusy(false);
      const blocking = contactsWithAccessOf(e);
      if (blocking) setContacts(blocking);
      else setError(errorMessage(e, t));
    }
  }

  if (revoking && contacts) {
    return (
      <RevokeConfirm
        customerId={customer.id}
        contacts={contacts}
        onCancel={() => setRevoking(false)}
        onRevoked={async () => {
          setRevoking(false);
          setContacts(null);
          await deactivate();
        }}
      />
    );
  }

  return (
    <DialogShell
      title={t('deletion.deactivate.title', { name: customer.name })}
      icon={contacts ? 'users' : 'alert'}
      tone="warning"
      busy={busy}
      onClose={onClose}
      testId="deactivate-dialog"
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          {contacts ? (
            <button type="button" className="btn btn--critical" onClick={() => setRevoking(true)} data-testid="revoke-all">
              {t('deletion.contacts.revokeAll')}
            </button>
          ) : (
            <button type="button" className="btn btn--primary" onClick={() => void deactivate()} disabled={busy} data-testid="confirm-deactivate">
              {busy ? t('deletion.deactivate.busy') : t('deletion.deactivate.confirm')}
            </button>
          )}
        </>
      }
    >
      {contacts ? (
        <div className="deletion-refusal" role="alert">
          <p className="deletion-refusal__title">{t('deletion.contacts.title')}</p>
          <p>{t('deletion.contacts.text', { count: contacts.length })}</p>
          <ContactsWithAccessList contacts={contacts} />
        </div>
      ) : (
        <p>{t('deletion.deactivate.text')}</p>
      )}
      {error ? (
        <p className="deletion-error" role="alert">
          {error}
        </p>
      ) : null}
    </DialogShell>
  );
}
