// *Configuración → Notificaciones* (F8, F26, F27): which order statuses email the buyer, the
// WhatsApp Business (Cloud API) connection — its secrets are write-only: never shown, only
// replaced — and the country phone numbers are read in by default.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { DEFAULT_WHATSAPP_API_BASE_URL, type MessagingSettings, type MessagingSettingsPatch, type OrderStatusName } from '../../api/messaging';
import { ORDER_STATUSES } from '../../api/orders';
import { Badge } from '../../components/Badge';
import { describedBy, Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { fieldErrorText } from '../messaging/composer';
import { CountrySelect } from '../messaging/CountrySelect';
import { SettingsLoader, useSettingsForm } from './settingsForm';
import { SettingsShell } from './SettingsTabs';
import '../catalog/catalog.css';
import './settings.css';
import '../messaging/messaging.css';

export interface NotificationValues {
  notify_order_status: OrderStatusName[];
  whatsapp_api_base_url: string;
  whatsapp_phone_number_id: string;
  whatsapp_access_token: string;
  whatsapp_app_secret: string;
  whatsapp_verify_token: string;
  default_country: string;
}
type Errors = Partial<Record<keyof NotificationValues, string>>;
const SECRETS = ['whatsapp_access_token', 'whatsapp_app_secret', 'whatsapp_verify_token'] as const;
const FIELDS: (keyof NotificationValues)[] = [
  'notify_order_status',
  'whatsapp_api_base_url',
  'whatsapp_phone_number_id',
  ...SECRETS,
  'default_country',
];

export function notificationValues(s: MessagingSettings): NotificationValues {
  return {
    notify_order_status: [...(s.notify_order_status ?? [])],
    whatsapp_api_base_url: s.whatsapp_api_base_url ?? DEFAULT_WHATSAPP_API_BASE_URL,
    whatsapp_phone_number_id: s.whatsapp_phone_number_id ?? '',
    // Write-only: never prefilled.
    whatsapp_access_token: '',
    whatsapp_app_secret: '',
    whatsapp_verify_token: '',
    default_country: s.default_country || 'ES',
  };
}

/** Only what changed; a secret only when something was typed. */
export function notificationChanges(before: MessagingSettings, v: NotificationValues): MessagingSettingsPatch {
  const out: MessagingSettingsPatch = {};
  const statuses = ORDER_STATUSES.filter((s) => v.notify_order_status.includes(s));
  const was = ORDER_STATUSES.filter((s) => (before.notify_order_status ?? []).includes(s));
  if (statuses.join() !== was.join()) out.notify_order_status = statuses;
  const base = v.whatsapp_api_base_url.trim() || DEFAULT_WHATSAPP_API_BASE_URL;
  if (base !== (before.whatsapp_api_base_url ?? DEFAULT_WHATSAPP_API_BASE_URL)) out.whatsapp_api_base_url = base;
  const phoneId = v.whatsapp_phone_number_id.trim() || null;
  if (phoneId !== (before.whatsapp_phone_number_id ?? null)) out.whatsapp_phone_number_id = phoneId;
  for (const k of SECRETS) if (v[k].trim()) out[k] = v[k].trim();
  if (v.default_country && v.default_country !== before.default_country) out.default_country = v.default_country;
  return out;
}

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <SettingsLoader title={t('settings.notifications.title')} form={(settings) => <NotificationsForm settings={settings} />} />
  );
}

function NotificationsForm({ settings }: { settings: MessagingSettings }) {
  const { t } = useTranslation();
  const { values, set, errors, canEdit, message, dirty, saving, submit, discard } = useSettingsForm<NotificationValues>({
    settings,
    valuesOf: notificationValues,
    changesOf: notificationChanges,
    order: FIELDS,
    idOf: (f) => `notif-${f}`,
    check: (v) => {
      const found: Errors = {};
      const base = v.whatsapp_api_base_url.trim();
      if (base && !/^https?:\/\/\S+$/.test(base)) found.whatsapp_api_base_url = t('settings.notifications.errors.url');
      if (v.whatsapp_phone_number_id.trim() && !/^\d{5,32}$/.test(v.whatsapp_phone_number_id.trim())) {
        found.whatsapp_phone_number_id = t('settings.notifications.errors.phoneNumberId');
      }
      return found;
    },
    serverErrors: (e) => {
      if (!isApiError(e) || e.status !== 422 || !e.fieldErrors.length) return null;
      const found: Errors = {};
      for (const f of e.fieldErrors) {
        const field = f.field.replace(/[.[].*$/, '') as keyof NotificationValues;
        found[field] ??= fieldErrorText(f, t);
      }
      return found;
    },
  });
  const [copied, setCopied] = useState(false);
  const configured = settings.whatsapp_configured === true;
  const webhookUrl = `${window.location.origin}/api/v1/webhooks/whatsapp`;

  function toggleStatus(status: OrderStatusName, on: boolean) {
    set('notify_order_status', on ? [...values.notify_order_status, status] : values.notify_order_status.filter((s) => s !== status));
  }

  const secret = (field: (typeof SECRETS)[number]) => {
    const hint = configured && field === 'whatsapp_access_token' ? t('settings.notifications.hints.secretSet') : t('settings.notifications.hints.secret');
    return (
      <Field id={`notif-${field}`} label={t(`settings.notifications.fields.${field}`)} error={errors[field]} hint={hint}>
        <input
          id={`notif-${field}`}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={values[field]}
          placeholder={configured && field === 'whatsapp_access_token' ? t('settings.notifications.placeholders.configured') : t('settings.notifications.placeholders.notSet')}
          onChange={(e) => set(field, e.target.value)}
          data-testid={`notif-${field}`}
          {...describedBy(`notif-${field}`, errors[field], hint)}
        />
      </Field>
    );
  };

  return (
    <SettingsShell subtitle={t('settings.notifications.subtitle')} canEdit={canEdit} message={message} testId="notifications">
      <form className="form" onSubmit={submit} noValidate data-testid="notifications-form">
        <fieldset disabled={!canEdit || saving} className="set-fieldset">
          <section className="form-section">
            <h2 className="form-section__title">{t('settings.notifications.orders.title')}</h2>
            <fieldset className="check-group" id="notif-notify_order_status" tabIndex={-1} aria-describedby="notif-orders-hint">
              <legend className="field__label">{t('settings.notifications.orders.legend')}</legend>
              <div className="notif-statuses" data-testid="notif-statuses">
                {ORDER_STATUSES.map((s) => (
                  <label key={s} className="checkbox notif-status">
                    <input
                      type="checkbox"
                      checked={values.notify_order_status.includes(s)}
                      onChange={(e) => toggleStatus(s, e.target.checked)}
                      data-testid={`notif-status-${s}`}
                    />
                    {t(`orders.status.${s}`)}
                  </label>
                ))}
              </div>
              {errors.notify_order_status ? (
                <p className="field__error">{errors.notify_order_status}</p>
              ) : (
                <p className="field__hint" id="notif-orders-hint">{t('settings.notifications.orders.hint')}</p>
              )}
            </fieldset>
          </section>

          <section className="form-section" aria-labelledby="notif-wa-title">
            <div className="notif-wa-head">
              <h2 className="form-section__title" id="notif-wa-title">
                <Icon name="whatsapp" size={18} />
                {t('settings.notifications.whatsapp.title')}
              </h2>
              <span data-testid="whatsapp-configured" data-configured={configured}>
                <Badge tone={configured ? 'success' : 'attention'}>
                  {configured ? t('settings.notifications.whatsapp.configured') : t('settings.notifications.whatsapp.notConfigured')}
                </Badge>
              </span>
            </div>
            <p className="muted notif-intro">{t('settings.notifications.whatsapp.intro')}</p>
            <div className="form-grid">
              <Field id="notif-whatsapp_api_base_url" label={t('settings.notifications.fields.whatsapp_api_base_url')} error={errors.whatsapp_api_base_url} hint={t('settings.notifications.hints.baseUrl')} wide>
                <input
                  id="notif-whatsapp_api_base_url"
                  type="url"
                  inputMode="url"
                  value={values.whatsapp_api_base_url}
                  onChange={(e) => set('whatsapp_api_base_url', e.target.value)}
                  data-testid="notif-whatsapp_api_base_url"
                  {...describedBy('notif-whatsapp_api_base_url', errors.whatsapp_api_base_url, t('settings.notifications.hints.baseUrl'))}
                />
              </Field>
              <Field id="notif-whatsapp_phone_number_id" label={t('settings.notifications.fields.whatsapp_phone_number_id')} error={errors.whatsapp_phone_number_id} hint={t('settings.notifications.hints.phoneNumberId')}>
                <input
                  id="notif-whatsapp_phone_number_id"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.whatsapp_phone_number_id}
                  onChange={(e) => set('whatsapp_phone_number_id', e.target.value)}
                  data-testid="notif-whatsapp_phone_number_id"
                  {...describedBy('notif-whatsapp_phone_number_id', errors.whatsapp_phone_number_id, t('settings.notifications.hints.phoneNumberId'))}
                />
              </Field>
              {secret('whatsapp_access_token')}
              {secret('whatsapp_app_secret')}
              {secret('whatsapp_verify_token')}
              <div className="field field--wide">
                <span className="field__label">{t('settings.notifications.whatsapp.webhook')}</span>
                <div className="notif-webhook">
                  <code data-testid="notif-webhook-url">{webhookUrl}</code>
                  <button
                    type="button"
                    className="btn btn--plain"
                    onClick={() => {
                      void navigator.clipboard?.writeText(webhookUrl).then(() => setCopied(true));
                    }}
                  >
                    <Icon name="copy" size={15} />
                    {copied ? t('settings.notifications.whatsapp.copied') : t('settings.notifications.whatsapp.copy')}
                  </button>
                </div>
                <p className="field__hint">{t('settings.notifications.whatsapp.webhookHint')}</p>
              </div>
            </div>
          </section>

          <section className="form-section">
            <h2 className="form-section__title">{t('settings.notifications.phones.title')}</h2>
            <div className="form-grid">
              <Field id="notif-default_country" label={t('settings.notifications.fields.default_country')} error={errors.default_country} hint={t('settings.notifications.hints.defaultCountry')}>
                <CountrySelect
                  id="notif-default_country"
                  value={values.default_country}
                  onChange={(code) => set('default_country', code)}
                  allowDefault={false}
                  invalid={!!errors.default_country}
                  describedBy={errors.default_country ? 'notif-default_country-error' : 'notif-default_country-hint'}
                  testId="notif-default_country"
                />
              </Field>
            </div>
          </section>
        </fieldset>
        {canEdit ? (
          <div className="form-actions">
            <button
              type="button"
              className="btn btn--secondary"
              onClick={discard}
              disabled={!dirty || saving}
            >
              {t('settings.discard')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={saving} data-testid="notifications-save">
              {saving ? t('common.saving') : t('settings.save')}
            </button>
          </div>
        ) : null}
      </form>
    </SettingsShell>
  );
}
