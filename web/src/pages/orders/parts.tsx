// Small pieces shared by the order pages and the customer page's order panels.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import type { Order, OrderKind, OrderSource, OrderStatus, PaymentStatus, QuickLinkState } from '../../api/orders';
import { Icon, type IconName } from '../../components/Icon';
import { Modal } from '../../components/Modal';
import { intlLocale } from '../../lib/format';
import { isOverdue, plainDate } from './workflow';
import './orders.css';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`badge badge--dot ord-status ord-status--${status}`}
      data-testid="order-status"
      data-status={status}
      title={t('orders.fields.status')}
    >
      {t(`orders.status.${status}`)}
    </span>
  );
}

/** The status of an order; a quote that became an order reads "Convertido". */
export function OrderStateBadge({ order }: { order: Pick<Order, 'kind' | 'status' | 'converted_order_id'> }) {
  const { t } = useTranslation();
  if (order.kind === 'quote' && order.converted_order_id) {
    return (
      <span
        className="badge badge--dot ord-status ord-status--converted"
        data-testid="order-status"
        data-status={order.status}
        data-converted="true"
        title={t('orders.fields.status')}
      >
        {t('orders.status.converted')}
      </span>
    );
  }
  return <OrderStatusBadge status={order.status} />;
}

const SOURCE_ICON: Record<OrderSource, IconName> = { admin: 'users', portal: 'globe', quick_link: 'link' };

/** Where the order came from; a quick-order link stands out. */
export function SourceBadge({ source }: { source: OrderSource }) {
  const { t } = useTranslation();
  return (
    <span
      className={`badge ord-source ord-source--${source}`}
      data-testid="order-source"
      data-source={source}
      title={t('orders.fields.source')}
    >
      <Icon name={SOURCE_ICON[source]} size={13} />
      {t(`orders.source.${source}`)}
    </span>
  );
}

export function KindBadge({ kind }: { kind: OrderKind }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ord-kind ord-kind--${kind}`} data-testid="order-kind" title={t('orders.fields.kind')}>
      {t(`orders.kind.${kind}`)}
    </span>
  );
}

export function HeldBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge ord-held" data-testid="order-held" title={t('orders.held.badgeTitle')}>
      <Icon name="alert" size={13} />
      {t('orders.held.badge')}
    </span>
  );
}

export function PaymentBadge({ order }: { order: Pick<Order, 'kind' | 'status' | 'payment_status' | 'due_date'> }) {
  const { t } = useTranslation();
  const status: PaymentStatus = order.payment_status;
  const overdue = isOverdue(order);
  return (
    <span
      className={`ord-pay ord-pay--${overdue ? 'overdue' : status}`}
      data-testid="payment-status"
      data-payment={status}
    >
      {status === 'paid' ? <Icon name="check" size={14} /> : null}
      {overdue ? t('orders.payment.overdue') : t(`orders.payment.${status}`)}
    </span>
  );
}

export function QuickLinkStateBadge({ state }: { state: QuickLinkState }) {
  const { t } = useTranslation();
  const tone = state === 'active' ? 'success' : state === 'expired' ? 'attention' : 'neutral';
  return (
    <span className={`badge badge--${tone} badge--dot`} data-testid="quick-link-state" data-state={state}>
      {t(`orders.quickLinks.state.${state}`)}
    </span>
  );
}

/** A date-only value ("2026-12-22") in the UI language, without time-zone shifts. */
export function formatPlainDate(value: string, language: string): string {
  const d = plainDate(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** A translated sentence for a failed order action (409/412 codes of the orders API). */
export function orderErrorMessage(error: unknown, t: (k: string) => string): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'invalid_transition':
        return t('orders.errors.invalidTransition');
      case 'held_for_approval':
        return t('orders.errors.heldForApproval');
      case 'precondition_failed':
        return t('orders.errors.stale');
      case 'not_held':
        return t('orders.errors.notHeld');
      case 'conflict':
        return t('orders.errors.conflict');
    }
  }
  return errorMessage(error, t);
}

/**
 * A modal dialog asking to confirm a destructive action. Focus starts on the safe button,
 * stays inside (Tab cycles), Escape or the backdrop dismiss, focus returns afterwards.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  dismissLabel,
  busyLabel,
  busy,
  error,
  icon = 'alert',
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  dismissLabel?: string;
  busyLabel?: string;
  busy?: boolean;
  error?: string | null;
  icon?: IconName;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      variant="ord-dialog"
      title={title}
      icon={icon}
      role="alertdialog"
      busy={busy}
      onClose={onCancel}
      focusable="button:not(:disabled)"
      initialFocus={cancelRef}
      testId="confirm-dialog"
      actions={
        <>
          <button type="button" ref={cancelRef} className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            {dismissLabel ?? t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn ord-btn--critical"
            onClick={onConfirm}
            disabled={busy}
            data-testid="confirm-action"
          >
            {busy ? (busyLabel ?? t('common.loading')) : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error ? (
        <p className="ord-dialog__error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}

/** A panel of the customer page with a title and actions on the right. */
export function PanelHeader({
  title,
  icon,
  children,
  id,
}: {
  title: string;
  icon: IconName;
  children?: React.ReactNode;
  id?: string;
}) {
  return (
    <div className="ord-panel-head">
      <h2 className="panel__title" id={id}>
        <Icon name={icon} size={18} />
        {title}
      </h2>
      {children ? <div className="ord-panel-head__actions">{children}</div> : null}
    </div>
  );
}
