import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import './catalog.css';

/**
 * A modal dialog asking to confirm a destructive action. Focus starts on Cancel, stays
 * inside the dialog (Tab cycles), Escape or the backdrop cancel, and focus returns to
 * where it was when the dialog closes. `error` replaces the question with an explanation
 * (e.g. "in use") and leaves only a close button.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);

  // After an error replaces the question, keep focus on the (only) button.
  useEffect(() => {
    if (error) cancelRef.current?.focus();
  }, [error]);

  return (
    <Modal
      title={title}
      icon={error ? 'alert' : 'trash'}
      iconClassName={error ? 'dialog__icon--warning' : undefined}
      role={error ? 'alertdialog' : 'dialog'}
      busy={busy}
      onClose={onCancel}
      focusable="button:not(:disabled)"
      initialFocus={cancelRef}
      testId="confirm-dialog"
      actions={
        <>
          <button type="button" ref={cancelRef} className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            {error ? t('catalog.dialog.close') : t('common.cancel')}
          </button>
          {error ? null : (
            <button
              type="button"
              className="btn btn--critical"
              onClick={onConfirm}
              disabled={busy}
              data-testid="confirm-delete"
            >
              {busy ? t('catalog.dialog.deleting') : confirmLabel}
            </button>
          )}
        </>
      }
    >
      {error ? <p role="alert">{error}</p> : children}
    </Modal>
  );
}
