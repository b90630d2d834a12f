import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from './Icon';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The frame of every modal dialog: a backdrop, a panel with an icon and a title, then either
 * `children` as the text and `actions` as the buttons, or (no `actions`) `children` as they are.
 *
 * Focus starts on `initialFocus` (a ref, or a selector inside the panel; else the first
 * focusable element), Tab cycles inside (through `focusable`), Escape and the backdrop close
 * unless `busy`, and focus returns where it was on close (the page when that is gone).
 * `variant` is the class prefix: `dialog` (catalogue, customers) or `ord-dialog` (orders).
 */
export function Modal({
  title,
  icon,
  iconClassName,
  variant = 'dialog',
  className,
  backdropClassName,
  role = 'dialog',
  busy,
  onClose,
  closeOnBackdrop = true,
  focusable = FOCUSABLE,
  initialFocus,
  actions,
  children,
  testId,
}: {
  title: string;
  icon: IconName;
  iconClassName?: string;
  variant?: 'dialog' | 'ord-dialog';
  className?: string;
  backdropClassName?: string;
  role?: 'dialog' | 'alertdialog';
  busy?: boolean;
  onClose: () => void;
  closeOnBackdrop?: boolean;
  focusable?: string;
  initialFocus?: React.RefObject<HTMLElement | null> | string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}) {
  const titleId = useId();
  const textId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  // Read once, on open: later renders must not move the focus.
  const openWith = useRef({ initialFocus, focusable });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const panel = panelRef.current;
    const { initialFocus: start, focusable: selector } = openWith.current;
    const first =
      typeof start === 'string'
        ? panel?.querySelector<HTMLElement>(start)
        : (start?.current ?? panel?.querySelector<HTMLElement>(selector));
    first?.focus();
    return () => {
      // The button that opened it may be gone (e.g. its row was deleted): fall back to the page.
      if (previous?.isConnected) previous.focus();
      else document.getElementById('main')?.focus();
    };
  }, []);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (!busy) onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const elements = panelRef.current?.querySelectorAll<HTMLElement>(focusable);
    if (!elements || elements.length === 0) return;
    const first = elements[0];
    const last = elements[elements.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  const v = variant;
  const withClass = (base: string, extra?: string) => (extra ? `${base} ${extra}` : base);
  return createPortal(
    <div
      className={withClass(`${v}-backdrop`, backdropClassName)}
      onMouseDown={closeOnBackdrop ? (e) => e.target === e.currentTarget && !busy && onClose() : undefined}
    >
      <div
        ref={panelRef}
        className={withClass(v, className)}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={actions === undefined ? undefined : textId}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <div className={`${v}__header`}>
          <span className={withClass(`${v}__icon`, iconClassName)} aria-hidden="true">
            <Icon name={icon} size={20} />
          </span>
          <h2 className={`${v}__title`} id={titleId}>
            {title}
          </h2>
        </div>
        {actions === undefined ? (
          children
        ) : (
          <>
            <div className={`${v}__text`} id={textId}>
              {children}
            </div>
            <div className={`${v}__actions`}>{actions}</div>
          </>
        )}
      </div>
    </div>,
    document.body,
  );
}
