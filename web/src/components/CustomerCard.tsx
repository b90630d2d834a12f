import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../api/types';
import { formatDate, formatPercent } from '../lib/format';
import { addressLines } from './address';
import { TemperatureBadge } from './Badge';
import { Icon } from './Icon';

/** One customer in the list: name, contact data, address, last note and discount. */
export function CustomerCard({ customer, actions }: { customer: Customer; actions?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const address = customer.default_address ? addressLines(customer.default_address, i18n.language) : [];
  const note = customer.last_note;
  const notePriority = note?.priority ?? 'none';
  return (
    <article className="customer-card" data-testid="customer-card" data-customer-id={customer.id}>
      <header className="customer-card__header">
        <h3 className="customer-card__name">
          <Link to={`/admin/customers/${encodeURIComponent(customer.id)}`} className="stretched-link">
            {customer.name}
          </Link>
        </h3>
        <TemperatureBadge temperature={customer.temperature} />
      </header>
      {customer.contact_person || customer.discount_percent > 0 ? (
        <div className="customer-card__meta">
          {customer.contact_person ? (
            <span className="customer-card__contact">{customer.contact_person}</span>
          ) : null}
          {customer.discount_percent > 0 ? (
            <span className="badge badge--success" data-testid="discount">
              {t('customer.card.discount', {
                value: formatPercent(customer.discount_percent, i18n.language),
              })}
            </span>
          ) : null}
        </div>
      ) : null}
      <dl className="customer-card__facts">
        <div className="fact">
          <dt>
            <Icon name="mail" size={16} label={t('customer.fields.email')} />
          </dt>
          <dd className={customer.email ? undefined : 'muted'}>{customer.email || t('customer.card.noEmail')}</dd>
        </div>
        <div className="fact">
          <dt>
            <Icon name="phone" size={16} label={t('customer.fields.phone')} />
          </dt>
          <dd className={customer.phone ? undefined : 'muted'}>{customer.phone || t('customer.card.noPhone')}</dd>
        </div>
        <div className="fact">
          <dt>
            <Icon name="pin" size={16} label={t('customer.fields.address')} />
          </dt>
          <dd className={address.length ? undefined : 'muted'}>
            {address.length ? address.join(', ') : t('customer.card.noAddress')}
          </dd>
        </div>
        <div className="fact">
          <dt>
            <Icon name="cart" size={16} label={t('customer.fields.last_order_at')} />
          </dt>
          <dd className={customer.last_order_at ? undefined : 'muted'} data-testid="last-order">
            {customer.last_order_at
              ? t('customer.card.lastOrder', { date: formatDate(customer.last_order_at, i18n.language) })
              : t('customer.card.noOrders')}
          </dd>
        </div>
      </dl>
      {note ? (
        <p
          className={`customer-card__note note--${notePriority}`}
          data-testid="last-note"
          data-priority={notePriority}
          title={t(`note.priority.${notePriority}`)}
        >
          <span className="visually-hidden">
            {t('customer.card.lastNote')} ({t(`note.priority.${notePriority}`)}):{' '}
          </span>
          {note.body}
        </p>
      ) : (
        <p className="customer-card__note note--empty">{t('customer.card.noNotes')}</p>
      )}
      {actions ? <div className="customer-card__actions">{actions}</div> : null}
    </article>
  );
}
