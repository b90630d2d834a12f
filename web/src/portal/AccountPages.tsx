// The contact's favourites (F22) and profile (F11): name, phones, language and password.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../api/contacts';
import { errorMessage, isApiError } from '../api/errors';
import {
  portalFavorites,
  portalKeys,
  setPortalFavorite,
  updatePortalMe,
  type PortalFavorite,
  type PortalMe,
  type PortalMePatch,
} from '../api/portal';
import { describedBy, Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { Banner, EmptyState, ErrorState } from '../components/States';
import { LANGUAGES, setLanguage, type UiLanguage } from '../i18n';
import { formatDate, intlDisplayName } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useResourceForm } from '../lib/useResourceForm';
import { passwordProblem } from './AuthPages';
import { CreditBlock, Heart, PanelSkeleton, PasswordField } from './parts';
import { preferredLanguage, usePortalContact } from './session';

export function PortalFavoritesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('portal.favorites.title'));
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: portalKeys.favorites(), queryFn: portalFavorites });
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (f: PortalFavorite) => setPortalFavorite(f.product_id, false),
    onMutate: () => setError(null),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.favorites() });
      void queryClient.invalidateQueries({ queryKey: [...portalKeys.all, 'catalog'] });
    },
    onError: (e) => setError(errorMessage(e, t)),
  });
  const items = query.data ?? [];
  return (
    <div className="page page--form portal-page">
      <div className="page-header portal-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('portal.favorites.title')}</h1>
          <p className="page-subtitle">{t('portal.favorites.subtitle')}</p>
        </div>
      </div>
      {error ? (
        <div className="portal-banner">
          <Banner tone="critical" title={error} />
        </div>
      ) : null}
      {query.isPending ? (
        <PanelSkeleton />
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : items.length === 0 ? (
        <EmptyState
          icon="tag"
          title={t('portal.favorites.empty')}
          action={
            <Link to="/portal/catalog" className="btn btn--primary">
              {t('portal.cart.browse')}
            </Link>
          }
        >
          {t('portal.favorites.emptyHint')}
        </EmptyState>
      ) : (
        <ul className="panel portal-favs" data-testid="portal-favorites">
          {items.map((f) => (
            <li key={f.product_id} className="portal-favs__item" data-testid="portal-favorite" data-product-id={f.product_id}>
              <span className="portal-favs__mark" aria-hidden="true">
                <Heart filled />
              </span>
              <span className="portal-favs__text">
                <span className="portal-favs__name">{f.name}</span>
                <span className="muted">
                  {f.sku} · {t('portal.favorites.since', { date: formatDate(f.added_at, i18n.language) })}
                </span>
              </span>
              <span className="portal-favs__actions">
                <Link to={`/portal/catalog?q=${encodeURIComponent(f.sku)}`} className="btn btn--secondary portal-btn--sm" data-testid="favorite-open">
                  {t('portal.favorites.open')}
                </Link>
                <button
                  type="button"
                  className="btn btn--plain portal-btn--sm"
                  onClick={() => remove.mutate(f)}
                  disabled={remove.isPending}
                  aria-label={t('portal.favorites.remove', { name: f.name })}
                  data-testid="favorite-remove"
                >
                  <Icon name="trash" size={15} />
                  <span className="portal-favs__remove-text">{t('portal.favorites.removeShort')}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type ProfileValues = { first_name: string; last_name: string; phone: string; whatsapp: string; language: string };
type PasswordValues = { current: string; password: string; repeat: string };
const NO_PASSWORDS: PasswordValues = { current: '', password: '', repeat: '' };

function profileValues(me: PortalMe): ProfileValues {
  const c = me.contact;
  return { first_name: c.first_name, last_name: c.last_name ?? '', phone: c.phone ?? '', whatsapp: c.whatsapp ?? '', language: c.language ?? '' };
}

/** Only what changed in the profile form. */
export function profileChanges(me: PortalMe, v: ProfileValues): PortalMePatch {
  const c = me.contact;
  const out: PortalMePatch = {};
  const clean = (s: string) => (s.trim() === '' ? null : s.trim());
  if (v.first_name.trim() !== c.first_name) out.first_name = v.first_name.trim();
  if (clean(v.last_name) !== (c.last_name ?? null)) out.last_name = clean(v.last_name);
  if (clean(v.phone) !== (c.phone ?? null)) out.phone = clean(v.phone);
  if (clean(v.whatsapp) !== (c.whatsapp ?? null)) out.whatsapp = clean(v.whatsapp);
  if ((v.language || null) !== (c.language ?? null)) out.language = v.language || null;
  return out;
}

export function PortalProfilePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('portal.profile.title'));
  const me = usePortalContact();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ tone: 'success' | 'critical' | 'info'; text: string } | null>(null);
  const [pwMessage, setPwMessage] = useState<{ tone: 'success' | 'critical'; text: string } | null>(null);
  const profile = useResourceForm<ProfileValues>({
    initial: () => profileValues(me),
    order: ['first_name', 'last_name', 'phone', 'whatsapp', 'language'],
    idOf: (f) => `profile-${f}`,
    onFormError: (text) => setMessage({ tone: 'critical', text }),
  });
  const { values, setValues, set, errors } = profile;
  const passwords = useResourceForm<PasswordValues>({
    initial: NO_PASSWORDS,
    order: ['current', 'password', 'repeat'],
    idOf: (f) => `profile-${f}`,
    serverErrors: (e) => {
      if (isApiError(e) && e.code === 'invalid_credentials') return { current: t('portal.profile.wrongCurrent') };
      if (isApiError(e) && e.status === 422 && e.fieldErrors.some((f) => f.field === 'password')) {
        return { password: t('portal.password.tooShort', { min: PASSWORD_MIN }) };
      }
      return null;
    },
    onFormError: (text) => setPwMessage({ tone: 'critical', text }),
  });
  const { current, password, repeat } = passwords.values;
  const pwErrors = passwords.errors;
  const c = me.contact;

  async function stored(contact: PortalMe['contact']) {
    const next: PortalMe = { ...me, contact };
    queryClient.setQueryData(portalKeys.me(), next);
    const language = preferredLanguage(next);
    if (language && language !== i18n.language) await setLanguage(language as UiLanguage);
  }

  const saveProfile = useMutation({
    mutationFn: (changes: PortalMePatch) => updatePortalMe(changes),
    onSuccess: async (contact) => {
      await stored(contact);
      setValues(profileValues({ ...me, contact }));
      setMessage({ tone: 'success', text: t('portal.profile.saved') });
    },
    onError: (e) => profile.fail(e),
  });

  const savePassword = useMutation({
    mutationFn: () => updatePortalMe({ password, current_password: current }),
    onSuccess: async (contact) => {
      await stored(contact);
      passwords.reset(NO_PASSWORDS);
      setPwMessage({ tone: 'success', text: t('portal.profile.passwordSaved') });
    },
    onError: (e) => passwords.fail(e),
  });

  function submitProfile(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    if (profile.showErrors({ first_name: values.first_name.trim() ? undefined : t('portal.register.errors.firstName') })) return;
    const changes = profileChanges(me, values);
    if (Object.keys(changes).length === 0) {
      setMessage({ tone: 'info', text: t('portal.profile.unchanged') });
      return;
    }
    saveProfile.mutate(changes);
  }

  function submitPassword(e: React.FormEvent) {
    e.preventDefault();
    setPwMessage(null);
    const found: Partial<PasswordValues> = {};
    if (!current) found.current = t('portal.profile.currentRequired');
    Object.assign(found, passwordProblem(password, repeat, t) ?? {});
    if (passwords.showErrors(found)) return;
    savePassword.mutate();
  }

  const text = (field: Exclude<keyof ProfileValues, 'language'>, label: string, extra: { required?: boolean; type?: string; autoComplete?: string; max: number }) => (
    <Field id={`profile-${field}`} label={label} required={extra.required} error={errors[field]}>
      <input
        id={`profile-${field}`}
        type={extra.type ?? 'text'}
        autoComplete={extra.autoComplete ?? 'off'}
        value={values[field]}
        maxLength={extra.max}
        onChange={(e) => set(field, e.target.value)}
        data-testid={`profile-${field}`}
        {...describedBy(`profile-${field}`, errors[field])}
      />
    </Field>
  );
  const pw = (id: keyof PasswordValues, label: string) => (
    <PasswordField
      id={`profile-${id}`}
      label={label}
      value={passwords.values[id]}
      onChange={(v) => passwords.set(id, v)}
      error={pwErrors[id]}
      hint={id === 'password' ? t('portal.password.hint', { min: PASSWORD_MIN }) : undefined}
      autoComplete={id === 'current' ? 'current-password' : 'new-password'}
    />
  );

  return (
    <div className="page page--form portal-page">
      <div className="page-header portal-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('portal.profile.title')}</h1>
          <p className="page-subtitle">{t('portal.profile.subtitle', { email: c.email, company: me.customer.name })}</p>
        </div>
      </div>
      <div className="form">
        <section className="form-section" data-testid="profile-access">
          <h2 className="form-section__title">{t('portal.profile.access')}</h2>
          <dl className="dl">
            <div className="dl-row">
              <dt>{t('portal.fields.email')}</dt>
              <dd>{c.email}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('portal.profile.company')}</dt>
              <dd>{me.customer.name}</dd>
            </div>
            {c.role ? (
              <div className="dl-row">
                <dt>{t('contacts.fields.role')}</dt>
                <dd>{t(`contacts.role.${c.role}`)}</dd>
              </div>
            ) : null}
            <div className="dl-row">
              <dt>{t('portal.profile.permissions')}</dt>
              <dd data-testid="profile-permissions">
                {c.permissions.length ? c.permissions.map((p) => t(`contacts.permission.${p}`)).join(', ') : t('common.none')}
              </dd>
            </div>
          </dl>
        </section>
        <CreditBlock customer={me.customer} />
        <form className="form-section" onSubmit={submitProfile} noValidate data-testid="profile-form">
          <h2 className="form-section__title">{t('portal.profile.data')}</h2>
          {message ? (
            <div className="portal-banner" data-testid="profile-message">
              <Banner tone={message.tone} title={message.text} />
            </div>
          ) : null}
          <div className="form-grid">
            {text('first_name', t('portal.fields.first_name'), { required: true, autoComplete: 'given-name', max: 100 })}
            {text('last_name', t('portal.fields.last_name'), { autoComplete: 'family-name', max: 100 })}
            {text('phone', t('portal.fields.phone'), { type: 'tel', autoComplete: 'tel', max: 50 })}
            {text('whatsapp', t('contacts.fields.whatsapp'), { type: 'tel', max: 50 })}
            <Field id="profile-language" label={t('portal.profile.language')} hint={t('portal.profile.languageHint')}>
              <select
                id="profile-language"
                value={values.language}
                onChange={(e) => setValues((v) => ({ ...v, language: e.target.value }))}
                data-testid="profile-language"
              >
                <option value="">{t('portal.profile.companyLanguage')}</option>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {intlDisplayName('language', l, l)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="portal-form-actions">
            <button type="submit" className="btn btn--primary" disabled={saveProfile.isPending} data-testid="profile-save">
              {saveProfile.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </form>
        <form className="form-section" onSubmit={submitPassword} noValidate data-testid="password-form">
          <h2 className="form-section__title">{t('portal.profile.passwordTitle')}</h2>
          {pwMessage ? (
            <div className="portal-banner" data-testid="password-message">
              <Banner tone={pwMessage.tone} title={pwMessage.text} />
            </div>
          ) : null}
          <div className="form-grid">
            {pw('current', t('portal.profile.current'))}
            <div aria-hidden="true" className="portal-grid-gap" />
            {pw('password', t('portal.fields.newPassword'))}
            {pw('repeat', t('portal.fields.passwordRepeat'))}
          </div>
          <div className="portal-form-actions">
            <button type="submit" className="btn btn--secondary" disabled={savePassword.isPending} data-testid="password-save">
              {savePassword.isPending ? t('common.saving') : t('portal.profile.changePassword')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
