import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, getCustomer } from '../../api/customers';
import { errorMessage, isApiError } from '../../api/errors';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { addressLines, countryName } from '../../components/address';
import { Badge, StatusBadge, TemperatureBadge } from '../../components/Badge';
import { Icon, type IconName } from '../../components/Icon';
import { Banner, EmptyState, ErrorState, Spinner } from '../../components/States';
import { formatDateTime, formatMoney, formatPercent, intlDisplayName } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { CreditPanel } from '../orders/CreditPanel';
import { CustomerOrdersPanel } from '../orders/CustomerOrdersPanel';
import { QuickLinksPanel } from '../orders/QuickLinksPanel';
import { NotesPanel } from '../notes/NotesPanel';
import { HistoryPanel } from '../history/HistoryPanel';
import { AddressesPanel } from '../addresses/AddressesPanel';
import { ContactsPanel } from '../contacts/ContactsPanel';
import { RegistrationReview } from '../contacts/RegistrationReview';
import { DuplicateWarning } from './DuplicateWarning';
import { CustomerActions } from './CustomerActions';
import { MessagingActions } from '../messaging/MessagingActions';
import { MessagesPanel } from '../messaging/MessagesPanel';

interface FlashState {
  flash?: 'created' | 'saved' | 'unchanged';
  duplicates?: { id: string; name: string; matched_on: string }[];
}

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: customerKeys.detail(id), queryFn: () => getCustomer(id) });
  useDocumentTitle(query.data?.name ?? t('customer.detail.title'));

  if (query.isPending) return <Spinner />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <div className="page page--narrow">
          <EmptyState icon="search" title={t('customer.detail.notFound')} action={
            <Link to="/admin/customers" className="btn btn--secondary">{t('customer.detail.backToList')}</Link>
          } />
        </div>
      );
    }
    return (
      <div className="page page--narrow">
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      </div>
    );
  }
  return <CustomerDetail customer={query.data} />;
}

function Value({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' ||
    (Array.isArray(children) && children.length === 0);
  return <dd className={empty ? 'muted' : undefined}>{empty ? t('common.none') : children}</dd>;
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="dl-row" data-testid={testId}>
      <dt>{label}</dt>
      <Value>{children}</Value>
    </div>
  );
}

function Panel({ title, icon, children, wide }: { title: string; icon?: IconName; children: React.ReactNode; wide?: boolean }) {
  return (
    <section className={`panel${wide ? ' panel--wide' : ''}`}>
      <h2 className="panel__title">
        {icon ? <Icon name={icon} size={18} /> : null}
        {title}
      </h2>
      {children}
    </section>
  );
}


function CustomerDetail({ customer: c }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canWrite = useCanWrite();
  const location = useLocation();
  const flash = (location.state ?? {}) as FlashState;
  const [composeRequest, setComposeRequest] = useState(0);
  const address = c.default_address ? addressLines(c.default_address, lang) : [];
  const money = (minor: number | null | undefined) =>
    minor === null || minor === undefined ? null : formatMoney(minor, c.currency, lang);

  return (
    <div className="page">
      <div className="page-header">
        <div className="page-header__main">
          <Link to="/admin/customers" className="back-link">
            <Icon name="back" size={16} />
            {t('customers.title')}
          </Link>
          <h1 className="page-title" data-testid="customer-name">{c.name}</h1>
          <div className="badge-row">
            <StatusBadge status={c.status} />
            <TemperatureBadge temperature={c.temperature} />
            <Badge tone={c.account_status === 'active' ? 'success' : 'critical'}>
              {t(`customer.accountStatus.${c.account_status}`)}
            </Badge>
            <Badge tone={c.registration_status === 'validated' ? 'neutral' : c.registration_status === 'new' ? 'attention' : 'critical'}>
              {t(`customer.registrationStatus.${c.registration_status}`)}
            </Badge>
            {c.discount_percent > 0 ? (
              <Badge tone="success">{t('customer.card.discount', { value: formatPercent(c.discount_percent, lang) })}</Badge>
            ) : null}
          </div>
        </div>
        <div className="customer-actions">
          <MessagingActions customer={c} composeRequest={composeRequest} />
          {canWrite ? (
            <>
              <Link to={`/admin/customers/${encodeURIComponent(c.id)}/edit`} className="btn btn--primary" data-testid="edit-customer">
                <Icon name="edit" size={16} />
                {t('common.edit')}
              </Link>
              <CustomerActions customer={c} />
            </>
          ) : null}
        </div>
      </div>

      {flash.flash === 'created' || flash.flash === 'saved' ? (
        <Banner tone="success" title={t(flash.flash === 'created' ? 'customer.detail.created' : 'customer.detail.saved')} />
      ) : null}
      {flash.flash === 'unchanged' ? <Banner tone="info" title={t('customer.detail.unchanged')} /> : null}
      <DuplicateWarning duplicates={flash.duplicates} />
      <RegistrationReview customer={c} />

      <div className="detail-grid">
        <Panel title={t('form.sections.data')} icon="users">
          <dl className="dl">
            <Row label={t('customer.fields.legal_name')}>{c.legal_name}</Row>
            <Row label={t('customer.fields.tax_id')}>{c.tax_id}</Row>
            <Row label={t('customer.fields.customer_type')}>{c.customer_type ? t(`customer.type.${c.customer_type}`) : null}</Row>
            <Row label={t('customer.fields.external_id')}>{c.external_id}</Row>
          </dl>
        </Panel>

        <Panel title={t('form.sections.contact')} icon="phone">
          <dl className="dl">
            <Row label={t('customer.fields.contact_person')}>{c.contact_person}</Row>
            <Row label={t('customer.fields.email')} testId="detail-email">{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}</Row>
            <Row label={t('customer.fields.phone')} testId="detail-phone">{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : null}</Row>
            <Row label={t('customer.fields.whatsapp')}>{c.whatsapp}</Row>
            <Row label={t('messaging.country.label')}>{c.country ? countryName(c.country, lang) : null}</Row>
            <Row label={t('customer.fields.address')}>
              {address.length ? address.map((l) => <span key={l} className="line">{l}</span>) : null}
            </Row>
          </dl>
        </Panel>

        <Panel title={t('form.sections.commercial')} icon="tag">
          <dl className="dl">
            <Row label={t('customer.fields.discount_percent')} testId="detail-discount">{formatPercent(c.discount_percent ?? 0, lang)}</Row>
            <Row label={t('customer.fields.currency')}>{c.currency}</Row>
            <Row label={t('customer.fields.language')}>{c.language ? intlDisplayName('language', c.language, lang) : null}</Row>
            <Row label={t('customer.fields.shared_account')}>{c.shared_account ? t('common.yes') : t('common.no')}</Row>
          </dl>
        </Panel>

        <Panel title={t('form.sections.paymentShipping')} icon="box">
          <dl className="dl">
            <Row label={t('customer.fields.credit_limit')}>{c.credit_limit_minor === null ? t('customer.detail.noLimit') : money(c.credit_limit_minor)}</Row>
            <Row label={t('customer.fields.payment_terms_days')}>
              {c.payment_terms_days === null || c.payment_terms_days === undefined ? null : t('customer.detail.days', { count: c.payment_terms_days })}
            </Row>
            <Row label={t('customer.fields.payment_methods')}>
              {c.payment_methods?.length ? <span className="chips">{c.payment_methods.map((m) => <span key={m} className="chip">{m}</span>)}</span> : null}
            </Row>
            <Row label={t('customer.fields.default_payment_method')}>{c.default_payment_method}</Row>
            <Row label={t('customer.fields.shipping_method')}>{c.shipping_method}</Row>
            <Row label={t('customer.fields.logistics_notes')}>{c.logistics_notes ? <span className="pre">{c.logistics_notes}</span> : null}</Row>
          </dl>
        </Panel>

        <CreditPanel customer={c} />

        <Panel title={t('form.sections.tags')} icon="tag">
          {c.tags?.length ? (
            <div className="chips" data-testid="detail-tags">
              {c.tags.map((tag) => (
                <Link key={tag} className="chip chip--link" to={`/admin/customers?q=${encodeURIComponent(tag)}`}>{tag}</Link>
              ))}
            </div>
          ) : (
            <p className="muted">{t('customer.detail.noTags')}</p>
          )}
        </Panel>

        <Panel title={t('customer.detail.lastNote')} icon="note" wide>
          {c.last_note ? (
            <div className={`note-block note--${c.last_note.priority}`}>
              <p className="pre">{c.last_note.body}</p>
              <p className="note-block__meta">
                {t(`note.priority.${c.last_note.priority}`)} · {formatDateTime(c.last_note.created_at, lang)}
              </p>
            </div>
          ) : (
            <p className="muted">{t('customer.card.noNotes')}</p>
          )}
        </Panel>

        <ContactsPanel customerId={c.id} customerName={c.name} currency={c.currency} />
        <AddressesPanel customerId={c.id} />
        <CustomerOrdersPanel customer={c} />
        <QuickLinksPanel customer={c} />

        <NotesPanel customerId={c.id} />

        <MessagesPanel customer={c} onCompose={() => setComposeRequest((n) => n + 1)} />

        <HistoryPanel customer={c} />
      </div>

      <p className="meta-line muted">
        {t('customer.detail.meta', {
          created: formatDateTime(c.created_at, lang),
          updated: formatDateTime(c.updated_at, lang),
          version: c.version,
        })}
      </p>
    </div>
  );
}
