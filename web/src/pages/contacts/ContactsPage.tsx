// /admin/customers/:id/contacts — the contacts module of one customer, reached from the
// customer's ⋮ menu (the same panel the customer page shows).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, getCustomer } from '../../api/customers';
import { errorMessage, isApiError } from '../../api/errors';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorState, Spinner } from '../../components/States';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ContactsPanel } from './ContactsPanel';

export function ContactsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: customerKeys.detail(id), queryFn: () => getCustomer(id) });
  useDocumentTitle(query.data ? t('contacts.page.title', { name: query.data.name }) : t('contacts.title'));

  if (query.isPending) return <Spinner />;
  if (query.isError) {
    return (
      <div className="page page--narrow">
        {isApiError(query.error) && query.error.status === 404 ? (
          <EmptyState
            icon="search"
            title={t('customer.detail.notFound')}
            action={
              <Link to="/admin/customers" className="btn btn--secondary">
                {t('customer.detail.backToList')}
              </Link>
            }
          />
        ) : (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        )}
      </div>
    );
  }
  const c = query.data;
  return (
    <div className="page">
      <div className="page-header">
        <div className="page-header__main">
          <Link to={`/admin/customers/${encodeURIComponent(c.id)}`} className="back-link">
            <Icon name="back" size={16} />
            {c.name}
          </Link>
          <h1 className="page-title">{t('contacts.title')}</h1>
          <p className="page-subtitle">{t('contacts.page.subtitle')}</p>
        </div>
      </div>
      <ContactsPanel customerId={c.id} customerName={c.name} currency={c.currency} />
    </div>
  );
}
