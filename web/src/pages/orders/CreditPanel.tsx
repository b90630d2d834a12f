import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { getCredit, orderKeys } from '../../api/orders';
import type { Customer } from '../../api/types';
import { ErrorState } from '../../components/States';
import { formatDateTime, formatMoney } from '../../lib/format';
import { PanelHeader } from './parts';

/** A customer's credit (F23): limit, unpaid, overdue, not yet due, available, held orders. */
export function CreditPanel({ customer: c }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useQuery({ queryKey: orderKeys.credit(c.id), queryFn: () => getCredit(c.id) });
  const credit = query.data;
  const money = (minor: number) => formatMoney(minor, credit?.currency ?? c.currency, lang);

  const lastOrder = (
    <div className="dl-row" data-testid="last-order-at">
      <dt>{t('customer.fields.last_order_at')}</dt>
      <dd className={c.last_order_at ? undefined : 'muted'}>
        {c.last_order_at ? formatDateTime(c.last_order_at, lang) : t('orders.credit.noOrders')}
      </dd>
    </div>
  );

  let rows: React.ReactNode;
  if (query.isPending) {
    rows = (
      <div aria-busy="true" className="ord-credit-skeleton">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="skeleton skeleton--line" />
        ))}
      </div>
    );
  } else if (query.isError || !credit) {
    rows = (
      <>
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        <dl className="dl ord-credit-last">{lastOrder}</dl>
      </>
    );
  } else {
    const overdue = credit.overdue_minor > 0;
    const available = credit.available_minor;
    rows = (
      <dl className="dl">
        <div className="dl-row" data-testid="credit-limit">
          <dt>{t('orders.credit.limit')}</dt>
          <dd>{credit.credit_limit_minor === null ? t('orders.credit.noLimit') : money(credit.credit_limit_minor)}</dd>
        </div>
        <div className="dl-row" data-testid="credit-unpaid">
          <dt>{t('orders.credit.unpaid')}</dt>
          <dd>{money(credit.unpaid_minor)}</dd>
        </div>
        <div className={`dl-row${overdue ? ' ord-credit--alert' : ''}`} data-testid="credit-overdue" data-alert={overdue || undefined}>
          <dt>{t('orders.credit.overdue')}</dt>
          <dd className={overdue ? 'ord-text-critical ord-strong' : undefined}>{money(credit.overdue_minor)}</dd>
        </div>
        <div className="dl-row" data-testid="credit-not-due">
          <dt>{t('orders.credit.notYetDue')}</dt>
          <dd>{money(credit.not_yet_due_minor)}</dd>
        </div>
        <div className="dl-row" data-testid="credit-available">
          <dt>{t('orders.credit.available')}</dt>
          <dd className={available !== null && available < 0 ? 'ord-text-critical ord-strong' : 'ord-strong'}>
            {available === null ? t('orders.credit.unlimited') : money(available)}
          </dd>
        </div>
        <div className="dl-row" data-testid="credit-held">
          <dt>{t('orders.credit.held')}</dt>
          <dd>
            {credit.held_orders > 0 ? (
              <Link
                to={`/admin/orders?customer_id=${encodeURIComponent(c.id)}&held=1`}
                className="ord-held-link"
              >
                {t('orders.credit.heldCount', { count: credit.held_orders })}
              </Link>
            ) : (
              <span className="muted">{t('orders.credit.noneHeld')}</span>
            )}
          </dd>
        </div>
        {lastOrder}
      </dl>
    );
  }

  return (
    <section className="panel" aria-labelledby="credit-panel-title" data-testid="credit-panel">
      <PanelHeader title={t('orders.credit.title')} icon="clock" id="credit-panel-title" />
      {rows}
    </section>
  );
}
