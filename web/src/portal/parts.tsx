// Small pieces of the portal's pages.
import { useTranslation } from 'react-i18next';
import type { PortalCustomer, PortalOrder } from '../api/portal';
import { ORDER_STATUSES } from '../api/orders';
import { formatMoney } from '../lib/format';
import { PASSWORD_MAX } from '../api/contacts';
import { describedBy, Field } from '../components/Field';

/** The favourite mark: an outlined heart, filled when on. */
export function Heart({ filled, size = 20 }: { filled: boolean; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="portal-heart">
      <path
        d="M12 20.3s-7.6-4.6-9.3-9.4C1.5 7.4 3.8 4.2 7.2 4.2c2 0 3.6 1.1 4.8 2.8 1.2-1.7 2.8-2.8 4.8-2.8 3.4 0 5.7 3.2 4.5 6.7-1.7 4.8-9.3 9.4-9.3 9.4z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinejoin="round"
      />
    </svg>
  );
}

const STEPS = ORDER_STATUSES.filter((s) => s !== 'cancelled');

/** Where an order is on its way: pending → confirmed → in production → shipped → delivered. */
export function OrderProgress({ order }: { order: Pick<PortalOrder, 'status' | 'kind'> }) {
  const { t } = useTranslation();
  if (order.kind !== 'order') return null;
  if (order.status === 'cancelled') {
    return (
      <p className="portal-progress portal-progress--cancelled" data-testid="order-progress" data-status="cancelled">
        {t('portal.orders.cancelled')}
      </p>
    );
  }
  const at = STEPS.indexOf(order.status);
  return (
    <ol className="portal-progress" data-testid="order-progress" data-status={order.status} aria-label={t('portal.orders.progress')}>
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={`portal-progress__step${i < at ? ' portal-progress__step--done' : ''}${i === at ? ' portal-progress__step--now' : ''}`}
          aria-current={i === at ? 'step' : undefined}
        >
          <span className="portal-progress__dot" aria-hidden="true" />
          <span className="portal-progress__label">{t(`orders.status.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The company's credit and balances, for contacts who may see invoices (F23, F24). */
export function CreditBlock({ customer }: { customer: PortalCustomer }) {
  const { t, i18n } = useTranslation();
  const credit = customer.credit;
  if (!credit) return null;
  const money = (minor: number) => formatMoney(minor, credit.currency, i18n.language);
  const overdue = credit.overdue_minor > 0;
  return (
    <section className="panel portal-credit" aria-labelledby="portal-credit-title" data-testid="portal-credit">
      <h2 className="panel__title" id="portal-credit-title">
        {t('portal.credit.title')}
      </h2>
      <dl className="portal-credit__grid">
        <div className={`portal-credit__item${overdue ? ' portal-credit__item--alert' : ''}`} data-testid="portal-credit-overdue">
          <dt>{t('portal.credit.overdue')}</dt>
          <dd>{money(credit.overdue_minor)}</dd>
        </div>
        <div className="portal-credit__item" data-testid="portal-credit-not-due">
          <dt>{t('portal.credit.notDue')}</dt>
          <dd>{money(credit.not_yet_due_minor)}</dd>
        </div>
        <div className="portal-credit__item">
          <dt>{t('portal.credit.limit')}</dt>
          <dd>{credit.credit_limit_minor === null ? t('portal.credit.noLimit') : money(credit.credit_limit_minor)}</dd>
        </div>
        {credit.available_minor !== null ? (
          <div className={`portal-credit__item${credit.available_minor < 0 ? ' portal-credit__item--alert' : ''}`}>
            <dt>{t('portal.credit.available')}</dt>
            <dd>{money(credit.available_minor)}</dd>
          </div>
        ) : null}
      </dl>
      {overdue ? <p className="portal-credit__note">{t('portal.credit.overdueNote')}</p> : null}
    </section>
  );
}

/** A panel's place while its content loads. */
export function PanelSkeleton() {
  return (
    <div className="panel" aria-busy="true">
      <div className="skeleton skeleton--line" />
      <div className="skeleton skeleton--line skeleton--short" />
    </div>
  );
}

/** A password box with its label, hint and error (ids and test ids are `id`). */
export function PasswordField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  autoComplete = 'new-password',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  autoComplete?: 'new-password' | 'current-password';
}) {
  return (
    <Field id={id} label={label} required error={error} hint={hint}>
      <input
        id={id}
        type="password"
        autoComplete={autoComplete}
        value={value}
        maxLength={PASSWORD_MAX}
        onChange={(e) => onChange(e.target.value)}
        data-testid={id}
        {...describedBy(id, error, hint)}
      />
    </Field>
  );
}
