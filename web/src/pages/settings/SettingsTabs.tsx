// The sub-pages of *Configuración*: General, Plantillas (message templates) and Notificaciones
// (order emails and WhatsApp Business).
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/States';
import { LiveMessage } from '../../components/LiveMessage';

export function SettingsTabs() {
  const { t } = useTranslation();
  const tab = (to: string, label: string, testId: string, end = false) => (
    <NavLink to={to} end={end} className={({ isActive }) => `set-tab${isActive ? ' set-tab--active' : ''}`} data-testid={testId}>
      {label}
    </NavLink>
  );
  return (
    <nav className="set-tabs" aria-label={t('settings.tabs.label')}>
      {tab('/admin/settings', t('settings.tabs.general'), 'settings-tab-general', true)}
      {tab('/admin/settings/templates', t('settings.tabs.templates'), 'settings-tab-templates')}
      {tab('/admin/settings/notifications', t('settings.tabs.notifications'), 'settings-tab-notifications')}
    </nav>
  );
}

type Tone = 'success' | 'warning' | 'critical' | 'info';

// The frame every settings sub-page shares: title, subtitle, the tabs, the read-only notice for
// those who may not edit, and the live region where the outcome of a save is announced.
// `testId` prefixes the test ids: `${testId}-readonly`, `${testId}-message`.
export function SettingsShell({
  subtitle,
  canEdit,
  message,
  testId,
  children,
}: {
  subtitle: string;
  canEdit: boolean;
  message: { tone: Tone; text: string } | null;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="page page--form">
      <div className="page-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('settings.title')}</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
      </div>
      <SettingsTabs />
      {!canEdit ? (
        <div className="set-banner" data-testid={`${testId}-readonly`}>
          <Banner tone="info" title={t('settings.readOnly.title')}>
            {t('settings.readOnly.text')}
          </Banner>
        </div>
      ) : null}
      <LiveMessage
        message={message}
        testId={`${testId}-message`}
        className="set-banner"
      />
      {children}
    </div>
  );
}
