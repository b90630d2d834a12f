import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
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
  const titleId = useId();
  const textId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => {
      // The button that opened it may be gone (the row was deleted): fall back to the page.
      if (previous?.isConnected) previous.focus();
      else document.getElementById('main')?.focus();
    };
  }, []);

  // After an error replaces the question, keep focus on the (only) button.
  useEffect(() => {
    if (error) cancelRef.current?.focus();
  }, [error]);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = panelRef.current?.querySelectorAll<HTMLElement>('button:not(:disabled)');
    if (!focusable || focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onCancel()}>
      <div
        ref={panelRef}
        className="dialog"
        role={error ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        onKeyDown={onKeyDown}
        data-testid="confirm-dialog"
      >
        <div className="dialog__header">
          <span className={`dialog__icon${error ? ' dialog__icon--warning' : ''}`} aria-hidden="true">
            <Icon name={error ? 'alert' : 'trash'} size={20} />
          </span>
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
        </div>
        <div className="dialog__text" id={textId}>
          {error ? <p role="alert">{error}</p> : children}
        </div>
        <div className="dialog__actions">
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
        </div>
      </div>
    </div>,
    document.body,
  );
}
