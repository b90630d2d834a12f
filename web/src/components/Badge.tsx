import { useTranslation } from 'react-i18next';
import type { CustomerStatus, Temperature } from '../api/types';

export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: 'neutral' | 'success' | 'info' | 'warning' | 'critical' | 'attention' | 'magic';
  children: React.ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

const TEMPERATURE_TONE: Record<Temperature, 'critical' | 'attention' | 'info' | 'neutral'> = {
  hot: 'critical',
  warm: 'attention',
  cold: 'info',
  not_interested: 'neutral',
};

export function TemperatureBadge({ temperature }: { temperature: Temperature | null | undefined }) {
  const { t } = useTranslation();
  if (!temperature) return null;
  return (
    <span
      className={`badge badge--${TEMPERATURE_TONE[temperature]} badge--dot`}
      data-temperature={temperature}
      title={t('customer.fields.temperature')}
    >
      {t(`customer.temperature.${temperature}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={status === 'current' ? 'success' : 'magic'} title={t('customer.fields.status')}>
      {t(`customer.status.${status}`)}
    </Badge>
  );
}
