import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { listOrders, orderKeys } from '../../api/orders';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { ErrorState } from '../../components/States';
import { OrdersTable, ORDERS_REFRESH_MS } from './OrdersPage';
import { PanelHeader } from './parts';

export const CUSTOMER_ORDERS_LIMIT = 10;

/** The customer's latest orders and quotes, with shortcuts to enter new ones. */
export function CustomerOrdersPanel({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const filters = { customer_id: c.id, limit: String(CUSTOMER_ORDERS_LIMIT) };
  const query = useQuery({
    queryKey: orderKeys.list(filters),
    queryFn: () => listOrders({ customer_id: c.id, limit: CUSTOMER_ORDERS_LIMIT }),
    refetchInterval: ORDERS_REFRESH_MS,
  });
  const id = encodeURIComponent(c.id);
  const items = query.data?.items ?? [];

  let body: React.ReactNode;
  if (query.isPending) {
    body = (
      <div aria-busy="true">
        <div className="skeleton skeleton--line" />
        <div className="skeleton skeleton--line skeleton--short ord-skeleton-gap" />
      </div>
    );
  } else if (query.isError) {
    body = <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  } else if (items.length === 0) {
    body = <p className="muted" data-testid="customer-orders-empty">{t('orders.customerPanel.empty')}</p>;
  } else {
    body = <OrdersTable orders={items} compact />;
  }

  return (
    <section className="panel panel--wide" aria-labelledby="customer-orders-title" data-testid="customer-orders-panel">
      <PanelHeader title={t('orders.customerPanel.title')} icon="cart" id="customer-orders-title">
        {canWrite ? (
          <>
            <Link to={`/admin/orders/new?customer_id=${id}&kind=quote`} className="btn btn--secondary" data-testid="customer-new-quote">
              {t('orders.list.newQuote')}
            </Link>
            <Link to={`/admin/orders/new?customer_id=${id}`} className="btn btn--primary" data-testid="customer-new-order">
              <Icon name="plus" size={16} />
              {t('orders.list.newOrder')}
            </Link>
          </>
        ) : null}
      </PanelHeader>
      {body}
      {items.length > 0 ? (
        <div className="ord-panel-foot">
          <Link to={`/admin/orders?customer_id=${id}`} data-testid="customer-orders-all">
            {t('orders.customerPanel.viewAll')}
          </Link>
        </div>
      ) : null}
    </section>
  );
}
