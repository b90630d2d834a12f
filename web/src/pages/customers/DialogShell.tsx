import type { IconName } from '../../components/Icon';
import { Modal } from '../../components/Modal';
import '../catalog/catalog.css';
import './deletion.css';

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
  return (
    <Modal
      title={title}
      icon={icon}
      iconClassName={tone === 'warning' ? 'dialog__icon--warning' : tone === 'neutral' ? 'dialog__icon--neutral' : undefined}
      className="dialog--wide"
      busy={busy}
      onClose={onClose}
      initialFocus={initialFocus}
      actions={actions}
      testId={testId}
    >
      {children}
    </Modal>
  );
}
