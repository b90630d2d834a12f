import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './Icon';

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="spinner-wrap" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({
  icon = 'inbox',
  title,
  children,
  action,
}: {
  icon?: IconName;
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="empty-state">
      <span className="empty-state__icon">
        <Icon name={icon} size={28} />
      </span>
      <p className="empty-state__title">{title}</p>
      {children ? <div className="empty-state__text">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}

export function ErrorState({
  message,
  onRetry,
  retrying,
}: {
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="error-state" role="alert">
      <Icon name="alert" size={22} />
      <div className="error-state__body">
        <p className="error-state__title">{t('errors.loadFailed')}</p>
        <p className="error-state__text">{message}</p>
      </div>
      {onRetry ? (
        <button type="button" className="btn btn--secondary" onClick={onRetry} disabled={retrying}>
          <Icon name="refresh" size={16} />
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function CardSkeleton() {
  return (
    <div className="customer-card customer-card--skeleton" aria-hidden="true">
      <div className="skeleton skeleton--title" />
      <div className="skeleton skeleton--line" />
      <div className="skeleton skeleton--line skeleton--short" />
      <div className="skeleton skeleton--block" />
    </div>
  );
}

export function Banner({
  tone,
  title,
  children,
  action,
}: {
  tone: 'critical' | 'warning' | 'info' | 'success';
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'critical' ? 'alert' : 'status'}>
      <Icon name={tone === 'success' ? 'check' : tone === 'info' ? 'info' : 'alert'} size={20} />
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        {children ? <div className="banner__text">{children}</div> : null}
      </div>
      {action ? <div className="banner__action">{action}</div> : null}
    </div>
  );
}
