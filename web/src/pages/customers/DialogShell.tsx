import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from '../../components/Icon';
import '../catalog/catalog.css';
import './deletion.css';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog frame (the look of ConfirmDialog) for dialogs with more than a question:
 * focus starts on `initialFocus` (or the first focusable element), Tab cycles inside, Escape
 * and the backdrop close unless `busy`, and focus returns where it was on close.
 */
export function DialogShell({
  title,
  icon = 'trash',
  tone = 'critical',
  busy,
  onClose,
  children,
  actions,
  testId,
  initialFocus,
}: {
  title: string;
  icon?: IconName;
  tone?: 'critical' | 'warning' | 'neutral';
  busy?: boolean;
  onClose: () => void;
  children: React.ReactNode;
  actions: React.ReactNode;
  testId?: string;
  initialFocus?: React.RefObject<HTMLElement | null>;
}) {
  const titleId = useId();
  const textId = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    (initialFocus?.current ?? panelRef.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
      else document.getElementById('main')?.focus();
    };
    // Only on open: later renders must not move the focus.
  }, []);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (!busy) onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = panelRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE);
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
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        ref={panelRef}
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <div className="dialog__header">
          <span className={`dialog__icon${tone === 'warning' ? ' dialog__icon--warning' : tone === 'neutral' ? ' dialog__icon--neutral' : ''}`} aria-hidden="true">
            <Icon name={icon} size={20} />
          </span>
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
        </div>
        <div className="dialog__text" id={textId}>
          {children}
        </div>
        <div className="dialog__actions">{actions}</div>
      </div>
    </div>,
    document.body,
  );
}
