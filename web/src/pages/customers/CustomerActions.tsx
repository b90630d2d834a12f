import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, updateCustomer } from '../../api/customers';
import { errorMessage } from '../../api/errors';
import type { Customer } from '../../api/types';
import { ActionMenu } from '../../components/ActionMenu';
import { Icon } from '../../components/Icon';
import { Banner } from '../../components/States';
import { DeactivateCustomerDialog } from './DeactivateCustomerDialog';
import { DeleteCustomerDialog } from './DeleteCustomerDialog';
import './deletion.css';

type Dialog = 'delete' | 'deactivate' | null;

/** The list page's notice after a deletion (router state `{ deleted: name }`). */
export function DeletedNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const deleted = (location.state as { deleted?: unknown } | null)?.deleted;
  if (typeof deleted !== 'string') return null;
  return (
    <div role="status" data-testid="deleted-notice">
      <Banner tone="success" title={t('deletion.delete.deleted', { name: deleted })} />
    </div>
  );
}

/**
 * The customer page's "more actions" menu for staff who may write: deactivate or reactivate
 * (F14) and delete (F3), each through its dialog.
 */
export function CustomerActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'critical'; text: string } | null>(null);
  const [reactivating, setReactivating] = useState(false);
  const active = customer.account_status === 'active';

  // The notice is a toast: it leaves by itself.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  function choose(next: Dialog) {
    setNotice(null);
    setDialog(next);
  }

  function stored(updated: Customer) {
    queryClient.setQueryData(customerKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
  }

  async function reactivate() {
    setNotice(null);
    setReactivating(true);
    try {
      stored(await updateCustomer(customer.id, customer.version, { account_status: 'active' }));
      setNotice({ tone: 'success', text: t('deletion.deactivate.reactivated') });
    } catch (e) {
      setNotice({ tone: 'critical', text: errorMessage(e, t) });
    } finally {
      setReactivating(false);
    }
  }

  return (
    <>
      <ActionMenu
        label={reactivating ? t('deletion.deactivate.reactivating') : t('deletion.actions.menu')}
        disabled={reactivating}
        testId="customer-actions"
      >
        {(close) => (
          <>
            <button type="button" role="menuitem" tabIndex={-1} className="action-menu__item" onClick={() => { close(); navigate(`/admin/customers/${encodeURIComponent(customer.id)}/contacts`); }} data-testid="action-contacts">
              <Icon name="users" size={16} />
              {t('contacts.menuItem')}
            </button>
            {active ? (
              <button type="button" role="menuitem" tabIndex={-1} className="action-menu__item" onClick={() => { close(); choose('deactivate'); }} data-testid="action-deactivate">
                <Icon name="alert" size={16} />
                {t('deletion.actions.deactivate')}
              </button>
            ) : (
              <button type="button" role="menuitem" tabIndex={-1} className="action-menu__item" onClick={() => { close(); void reactivate(); }} data-testid="action-reactivate">
                <Icon name="check" size={16} />
                {t('deletion.actions.reactivate')}
              </button>
            )}
            <button type="button" role="menuitem" tabIndex={-1} className="action-menu__item action-menu__item--critical" onClick={() => { close(); choose('delete'); }} data-testid="action-delete">
              <Icon name="trash" size={16} />
              {t('deletion.actions.delete')}
            </button>
          </>
        )}
      </ActionMenu>
      {notice ? (
        <div className="customer-actions__notice" role="status" data-testid="customer-actions-notice">
          <Banner tone={notice.tone} title={notice.text} />
        </div>
      ) : null}

      {dialog === 'delete' ? (
        <DeleteCustomerDialog
          customer={customer}
          onClose={() => setDialog(null)}
          onDeactivate={() => setDialog('deactivate')}
          onDeleted={() => {
            queryClient.removeQueries({ queryKey: customerKeys.detail(customer.id) });
            void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
            navigate('/admin/customers', { state: { deleted: customer.name } });
          }}
        />
      ) : null}
      {dialog === 'deactivate' ? (
        <DeactivateCustomerDialog
          customer={customer}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            setDialog(null);
            stored(updated);
            setNotice({ tone: 'success', text: t('deletion.deactivate.done') });
          }}
        />
      ) : null}
    </>
  );
}
