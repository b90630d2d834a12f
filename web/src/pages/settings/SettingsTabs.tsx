// The sub-pages of *Configuración*: General, Plantillas (message templates) and Notificaciones
// (order emails and WhatsApp Business).
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

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
