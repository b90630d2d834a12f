// A customer that registered on the portal in validation mode (F12) waits as *Nuevo*: the
// customer page says so and validates or cancels it in one click (cancelling after a
// confirmation). Validating emails the customer; cancelled customers never sign in.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerKeys, updateCustomer } from '../../api/customers';
import { errorMessage, isApiError } from '../../api/errors';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { Banner } from '../../components/States';
import { DialogShell } from '../customers/DialogShell';
import './contacts.css';

export function RegistrationReview({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [done, setDone] = useState<'validated' | 'cancelled' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: (to: 'validated' | 'cancelled') => updateCustomer(customer.id, customer.version, { registration_status: to }),
    onMutate: () => setError(null),
    onSuccess: (updated, to) => {
      setConfirmCancel(false);
      setDone(to);
      queryClient.setQueryData(customerKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
    onError: (e) => {
      setConfirmCancel(false);
      if (isApiError(e) && e.status === 412) {
        setError(t('contacts.registration.stale'));
        void queryClient.invalidateQueries({ queryKey: customerKeys.detail(customer.id) });
      } else setError(errorMessage(e, t));
    },
  });

  if (done && customer.registration_status === done) {
    return (
      <div className="ctc-registration" data-testid="registration-done">
        <Banner
          tone={done === 'validated' ? 'success' : 'info'}
          title={t(done === 'validated' ? 'contacts.registration.validated' : 'contacts.registration.cancelled')}
        />
      </div>
    );
  }
  if (customer.registration_status !== 'new') return null;

  return (
    <div className="ctc-registration" data-testid="registration-review">
      <Banner
        tone="warning"
        title={t('contacts.registration.title')}
        action={
          canWrite ? (
            <span className="ctc-registration__actions">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => setConfirmCancel(true)}
                disabled={change.isPending}
                data-testid="registration-cancel"
              >
                {t('contacts.registration.cancel')}
              </button>
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => change.mutate('validated')}
                disabled={change.isPending}
                data-testid="registration-validate"
              >
                <Icon name="check" size={16} />
                {change.isPending && change.variables === 'validated' ? t('contacts.registration.validating') : t('contacts.registration.validate')}
              </button>
            </span>
          ) : undefined
        }
      >
        <p>{t('contacts.registration.text')}</p>
        {error ? (
          <p className="field__error" role="alert" data-testid="registration-error">
            {error}
          </p>
        ) : null}
      </Banner>
      {confirmCancel ? (
        <DialogShell
          title={t('contacts.registration.confirmTitle', { name: customer.name })}
          icon="alert"
          tone="warning"
          busy={change.isPending}
          onClose={() => setConfirmCancel(false)}
          testId="registration-cancel-dialog"
          actions={
            <>
              <button type="button" className="btn btn--secondary" onClick={() => setConfirmCancel(false)} disabled={change.isPending}>
                {t('contacts.registration.keep')}
              </button>
              <button
                type="button"
                className="btn btn--critical"
                onClick={() => change.mutate('cancelled')}
                disabled={change.isPending}
                data-testid="registration-confirm-cancel"
              >
                {change.isPending ? t('common.saving') : t('contacts.registration.confirmButton')}
              </button>
            </>
          }
        >
          <p>{t('contacts.registration.confirmText')}</p>
        </DialogShell>
      ) : null}
    </div>
  );
}
