// /admin/settings (F13): the store's name and defaults, how companies register on the portal
// (direct or with validation), who sees prices, and where registration alerts go. Owners and
// admins change them; sales and viewers read them.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRICE_VISIBILITIES,
  REGISTRATION_MODES,
  STORE_NAME_MAX,
  type PriceVisibility,
  type RegistrationMode,
  type Settings,
  type SettingsPatch,
} from '../../api/settings';
import { describedBy, Field } from '../../components/Field';
import { LANGUAGES } from '../../i18n';
import { intlDisplayName } from '../../lib/format';
import { allCurrencies } from '../catalog/money';
import '../catalog/catalog.css';
import './settings.css';
import { SettingsLoader, useSettingsForm } from './settingsForm';
import { SettingsShell } from './SettingsTabs';

type Values = {
  store_name: string;
  default_currency: string;
  default_language: string;
  timezone: string;
  registration_mode: RegistrationMode;
  price_visibility: PriceVisibility;
  alert_email: string;
};
type Errors = Partial<Record<keyof Values, string>>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELDS: (keyof Values)[] = ['store_name', 'default_currency', 'default_language', 'timezone', 'registration_mode', 'price_visibility', 'alert_email'];

export function valuesOf(s: Settings): Values {
  return {
    store_name: s.store_name,
    default_currency: s.default_currency,
    default_language: s.default_language,
    timezone: s.timezone,
    registration_mode: s.registration_mode,
    price_visibility: s.price_visibility,
    alert_email: s.alert_email ?? '',
  };
}

/** Only the fields that changed. */
export function settingsChanges(before: Settings, v: Values): SettingsPatch {
  const changes: SettingsPatch = {};
  const name = v.store_name.trim();
  if (name !== before.store_name) changes.store_name = name;
  if (v.default_currency !== before.default_currency) changes.default_currency = v.default_currency;
  if (v.default_language !== before.default_language) changes.default_language = v.default_language;
  if (v.timezone !== before.timezone) changes.timezone = v.timezone;
  if (v.registration_mode !== before.registration_mode) changes.registration_mode = v.registration_mode;
  if (v.price_visibility !== before.price_visibility) changes.price_visibility = v.price_visibility;
  const alert = v.alert_email.trim() || null;
  if (alert !== (before.alert_email ?? null)) changes.alert_email = alert;
  return changes;
}

function timeZones(current: string): string[] {
  let list: string[];
  try {
    list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    list = [];
  }
  const all = new Set([...list, 'UTC', current].filter(Boolean));
  return [...all].sort();
}

export function SettingsPage() {
  const { t } = useTranslation();
  return <SettingsLoader title={t('settings.title')} form={(settings) => <SettingsForm settings={settings} />} />;
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { values, set, errors, canEdit, message, dirty, saving, submit, discard } = useSettingsForm<Values>({
    settings,
    valuesOf,
    changesOf: settingsChanges,
    order: FIELDS,
    idOf: (f) => `settings-${f}`,
    check: (v) => {
      const found: Errors = {};
      if (!v.store_name.trim()) found.store_name = t('settings.errors.storeName');
      else if ([...v.store_name.trim()].length > STORE_NAME_MAX) found.store_name = t('settings.errors.tooLong', { max: STORE_NAME_MAX });
      if (v.alert_email.trim() && !EMAIL_RE.test(v.alert_email.trim())) found.alert_email = t('settings.errors.email');
      return found;
    },
  });
  const currencies = useMemo(() => {
    const list = allCurrencies();
    return list.includes(values.default_currency) ? list : [values.default_currency, ...list];
  }, [values.default_currency]);
  const zones = useMemo(() => timeZones(settings.timezone), [settings.timezone]);
  const languages = useMemo(
    () => [...new Set([...LANGUAGES, settings.default_language])],
    [settings.default_language],
  );

  const choice = <T extends string>(name: 'registration_mode' | 'price_visibility', options: readonly T[], value: T, onChange: (v: T) => void) => (
    <fieldset className="check-group set-choice" id={`settings-${name}`} tabIndex={-1}>
      <legend className="field__label">{t(`settings.fields.${name}`)}</legend>
      <div className={`scope-options set-options set-options--${options.length}`} data-testid={`settings-${name}`}>
        {options.map((o) => (
          <label key={o} className={`scope-option${value === o ? ' scope-option--checked' : ''}`}>
            <input
              type="radio"
              name={name}
              value={o}
              checked={value === o}
              onChange={() => onChange(o)}
              aria-describedby={`settings-${name}-${o}-hint`}
              data-testid={`settings-${name}-${o}`}
            />
            <span className="scope-option__text">
              <span className="scope-option__title">{t(`settings.${name}.${o}.title`)}</span>
              <span className="scope-option__hint" id={`settings-${name}-${o}-hint`}>
                {t(`settings.${name}.${o}.hint`)}
              </span>
            </span>
          </label>
        ))}
      </div>
      {errors[name] ? <p className="field__error">{errors[name]}</p> : null}
    </fieldset>
  );

  return (
    <SettingsShell subtitle={t('settings.subtitle')} canEdit={canEdit} message={message} testId="settings">
      <form className="form" onSubmit={submit} noValidate data-testid="settings-form">
        <fieldset disabled={!canEdit || saving} className="set-fieldset">
          <section className="form-section">
            <h2 className="form-section__title">{t('settings.sections.store')}</h2>
            <div className="form-grid">
              <Field id="settings-store_name" label={t('settings.fields.store_name')} required error={errors.store_name} hint={t('settings.hints.store_name')} wide>
                <input
                  id="settings-store_name"
                  type="text"
                  value={values.store_name}
                  maxLength={STORE_NAME_MAX}
                  onChange={(e) => set('store_name', e.target.value)}
                  data-testid="settings-store_name"
                  {...describedBy('settings-store_name', errors.store_name, t('settings.hints.store_name'))}
                />
              </Field>
              <Field id="settings-default_currency" label={t('settings.fields.default_currency')} error={errors.default_currency} hint={t('settings.hints.default_currency')}>
                <select
                  id="settings-default_currency"
                  value={values.default_currency}
                  onChange={(e) => set('default_currency', e.target.value)}
                  data-testid="settings-default_currency"
                  {...describedBy('settings-default_currency', errors.default_currency, t('settings.hints.default_currency'))}
                >
                  {currencies.map((c) => (
                    <option key={c} value={c}>
                      {c} · {intlDisplayName('currency', c, lang)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="settings-default_language" label={t('settings.fields.default_language')} error={errors.default_language} hint={t('settings.hints.default_language')}>
                <select
                  id="settings-default_language"
                  value={values.default_language}
                  onChange={(e) => set('default_language', e.target.value)}
                  data-testid="settings-default_language"
                  {...describedBy('settings-default_language', errors.default_language, t('settings.hints.default_language'))}
                >
                  {languages.map((l) => (
                    <option key={l} value={l}>
                      {intlDisplayName('language', l, lang)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="settings-timezone" label={t('settings.fields.timezone')} error={errors.timezone} hint={t('settings.hints.timezone')}>
                <select
                  id="settings-timezone"
                  value={values.timezone}
                  onChange={(e) => set('timezone', e.target.value)}
                  data-testid="settings-timezone"
                  {...describedBy('settings-timezone', errors.timezone, t('settings.hints.timezone'))}
                >
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          </section>

          <section className="form-section">
            <h2 className="form-section__title">{t('settings.sections.portal')}</h2>
            <div className="set-stack">
              {choice('registration_mode', REGISTRATION_MODES, values.registration_mode, (v) => set('registration_mode', v))}
              {choice('price_visibility', PRICE_VISIBILITIES, values.price_visibility, (v) => set('price_visibility', v))}
              <Field id="settings-alert_email" label={t('settings.fields.alert_email')} error={errors.alert_email} hint={t('settings.hints.alert_email')}>
                <input
                  id="settings-alert_email"
                  type="email"
                  inputMode="email"
                  value={values.alert_email}
                  placeholder={t('settings.placeholders.alert_email')}
                  maxLength={254}
                  onChange={(e) => set('alert_email', e.target.value)}
                  data-testid="settings-alert_email"
                  {...describedBy('settings-alert_email', errors.alert_email, t('settings.hints.alert_email'))}
                />
              </Field>
            </div>
          </section>
        </fieldset>
        {canEdit ? (
          <div className="form-actions">
            <button type="button" className="btn btn--secondary" onClick={discard} disabled={!dirty || saving} data-testid="settings-reset">
              {t('settings.discard')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={saving} data-testid="settings-save">
              {saving ? t('common.saving') : t('settings.save')}
            </button>
          </div>
        ) : null}
      </form>
    </SettingsShell>
  );
}
