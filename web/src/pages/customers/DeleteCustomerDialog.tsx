import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteCustomer, normaliseCode, ordersOf, requestDeletionCode, type DeletionCode } from '../../api/deletion';
import { errorMessage, isApiError } from '../../api/errors';
import type { Customer } from '../../api/types';
import { Spinner } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { DialogShell } from './DialogShell';

type Orders = { orders: number; quotes: number };

/** "3 pedidos", "1 presupuesto", "3 pedidos y 1 presupuesto". */
export function ordersPhrase(t: (key: string, options?: Record<string, unknown>) => string, counts: Orders): string {
  const parts = [
    counts.orders > 0 ? t('deletion.delete.orders', { count: counts.orders }) : null,
    counts.quotes > 0 ? t('deletion.delete.quotes', { count: counts.quotes }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 2 ? t('deletion.delete.and', { first: parts[0], second: parts[1] }) : (parts[0] ?? '');
}

/**
 * Deleting a customer (F3): asks the server for a confirmation code, shows it, and enables the
 * red button once the same code is typed. A customer with orders or quotes is refused in red,
 * before any typing when the server already knows, or when the deletion answers 409.
 */
export function DeleteCustomerDialog({
  customer,
  onClose,
  onDeleted,
  onDeactivate,
}: {
  customer: Customer;
  onClose: () => void;
  onDeleted: () => void;
  /** Offered next to a refusal when the customer is still active. */
  onDeactivate?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState<DeletionCode | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Orders | null>(null);
  const [typed, setTyped] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [codeRejected, setCodeRejected] = useState(false);

  /** Asks for a code; the answer is dropped when `isCurrent` says it came too late. */
  const loadCode = useCallback(
    (isCurrent: () => boolean = () => true) =>
      requestDeletionCode(customer.id).then(
        (issued) => {
          if (!isCurrent()) return;
          setCode(issued);
          if (issued.order_count > 0 || issued.quote_count > 0) {
            setRefusal({ orders: issued.order_count, quotes: issued.quote_count });
          }
        },
        (e: unknown) => {
          if (isCurrent()) setLoadError(errorMessage(e, t));
        },
      ),
    [customer.id, t],
  );

  /** A new code: the earlier one, what was typed and the errors go. */
  function fetchCode() {
    setLoadError(null);
    setError(null);
    setCodeRejected(false);
    setTyped('');
    setCode(null);
    void loadCode();
  }

  // The first code, when the dialog opens (the state starts empty).
  useEffect(() => {
    let current = true;
    void loadCode(() => current);
    return () => {
      current = false;
    };
  }, [loadCode]);

  // Once the code is shown, the input takes the focus.
  useEffect(() => {
    if (code && !refusal) inputRef.current?.focus();
  }, [code, refusal]);

  const expected = code?.confirmation_code ?? '';
  const entered = normaliseCode(typed);
  const matches = expected !== '' && entered === expected;
  const mismatch = entered.length >= expected.length && expected !== '' && !matches;

  async function onDelete() {
    if (!matches || deleting) return;
    setDeleting(true);
    setError(null);
    try {
      await deleteCustomer(customer.id, entered);
      onDeleted();
    } catch (e) {
      setDeleting(false);
      const orders = ordersOf(e);
      if (orders) setRefusal(orders);
      else if (isApiError(e) && e.code === 'confirmation_required') {
        setCodeRejected(true);
        setError(t('deletion.delete.wrongCode'));
      } else setError(errorMessage(e, t));
    }
  }

  const closeButton = (
    <button type="button" className="btn btn--secondary" onClick={onClose} disabled={deleting} data-testid="delete-dialog-close">
      {refusal ? t('deletion.delete.close') : t('common.cancel')}
    </button>
  );

  let body: React.ReactNode;
  let actions: React.ReactNode;
  if (refusal) {
    body = (
      <p className="deletion-refusal" role="alert" data-testid="delete-refusal">
        {t('deletion.delete.hasOrders', { what: ordersPhrase(t, refusal) })}
      </p>
    );
    actions = (
      <>
        {closeButton}
        {onDeactivate && customer.account_status === 'active' ? (
          <button type="button" className="btn btn--primary" onClick={onDeactivate} data-testid="delete-deactivate-instead">
            {t('deletion.delete.deactivateInstead')}
          </button>
        ) : null}
      </>
    );
  } else if (loadError) {
    body = (
      <p className="deletion-error" role="alert">
        {t('deletion.delete.codeFailed')} {loadError}
      </p>
    );
    actions = (
      <>
        {closeButton}
        <button type="button" className="btn btn--primary" onClick={() => void fetchCode()}>
          {t('common.retry')}
        </button>
      </>
    );
  } else if (!code) {
    body = <Spinner label={t('deletion.delete.loading')} />;
    actions = closeButton;
  } else {
    body = (
      <form
        className="deletion-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onDelete();
        }}
      >
        <p>{t('deletion.delete.warning')}</p>
        <p className="deletion-prompt">
          <label htmlFor={inputId}>{t('deletion.delete.prompt')}</label>{' '}
          <strong className="deletion-code" data-testid="deletion-code" translate="no">
            {expected}
          </strong>
        </p>
        <input
          ref={inputRef}
          id={inputId}
          className="deletion-input"
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={16}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            if (!codeRejected) setError(null);
          }}
          aria-label={t('deletion.delete.inputLabel')}
          aria-invalid={mismatch || codeRejected ? 'true' : undefined}
          aria-describedby={hintId}
          disabled={deleting || codeRejected}
          data-testid="deletion-code-input"
        />
        <p id={hintId} className={mismatch ? 'deletion-hint deletion-hint--error' : 'deletion-hint'}>
          {mismatch ? t('deletion.delete.mismatch') : t('deletion.delete.expires', { time: formatDateTime(code.expires_at, i18n.language) })}
        </p>
        {error ? (
          <p className="deletion-error" role="alert" data-testid="delete-error">
            {error}
          </p>
        ) : null}
      </form>
    );
    actions = (
      <>
        {closeButton}
        {codeRejected ? (
          <button type="button" className="btn btn--primary" onClick={() => void fetchCode()} data-testid="delete-new-code">
            {t('deletion.delete.newCode')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn--critical"
            onClick={() => void onDelete()}
            disabled={!matches || deleting}
            data-testid="confirm-delete-customer"
          >
            {deleting ? t('deletion.delete.deleting') : t('deletion.delete.confirm')}
          </button>
        )}
      </>
    );
  }

  return (
    <DialogShell
      title={t('deletion.delete.title', { name: customer.name })}
      icon={refusal ? 'alert' : 'trash'}
      busy={deleting}
      onClose={onClose}
      actions={actions}
      testId="delete-customer-dialog"
    >
      {body}
    </DialogShell>
  );
}
