// *Agregar contacto* and *Datos del contacto* (F10): name, WhatsApp, email, department, role,
// permissions (the role's defaults until the person changes them), language and, optionally,
// a password — without one the contact gets an invitation email.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_LIMITS,
  CONTACT_ROLES,
  contactName,
  createContact,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PERMISSIONS,
  updateContact,
  type Contact,
  type ContactRole,
} from '../../api/contacts';
import { isApiError } from '../../api/errors';
import { LANGUAGES } from '../../i18n';
import { describedBy, Field } from '../../components/Field';
import { Banner } from '../../components/States';
import { intlDisplayName } from '../../lib/format';
import { countryName } from '../../components/address';
import { useResourceForm } from '../../lib/useResourceForm';
import { DialogShell } from '../customers/DialogShell';
import {
  checkContact,
  contactValues,
  createBody,
  emptyContactValues,
  patchBody,
  serverContactErrors,
  withPermission,
  withRole,
  type ContactErrors,
  type ContactValues,
  type TextField,
} from './contactForm';
import { AccessBadge, RoleBadge } from './badges';
import { CountrySelect } from '../messaging/CountrySelect';

const FIELD_ORDER = ['first_name', 'last_name', 'email', 'whatsapp', 'phone', 'country', 'department', 'role', 'permissions', 'language', 'password'] as const;

export function ContactFormDialog({
  customerId,
  contact,
  onClose,
  onSaved,
  onConflict,
}: {
  customerId: string;
  /** null: a new contact. */
  contact: Contact | null;
  onClose: () => void;
  onSaved: (saved: Contact, message: string) => void;
  onConflict: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const isEdit = contact !== null;
  const form = useResourceForm<ContactValues>({
    initial: () => (contact ? contactValues(contact) : emptyContactValues()),
    order: FIELD_ORDER,
    idOf: (f) => `contact-${f}`,
    serverErrors: serverContactErrors,
    onConflict: () => onConflict(t('contacts.errors.stale')),
  });
  const { values, setValues, clearErrors, formError } = form;
  const errors: ContactErrors = form.errors;

  const save = useMutation({
    mutationFn: async (): Promise<{ saved: Contact; message: string }> => {
      if (!contact) {
        const saved = await createContact(customerId, createBody(values));
        const message = values.password
          ? t('contacts.messages.added', { name: contactName(saved) })
          : t('contacts.messages.addedInvited', { name: contactName(saved), email: saved.email });
        return { saved, message };
      }
      const changes = patchBody(contact, values);
      if (Object.keys(changes).length === 0) return { saved: contact, message: t('contacts.messages.unchanged') };
      const saved = await updateContact(contact.id, contact.version, changes);
      return { saved, message: t('contacts.messages.saved', { name: contactName(saved) }) };
    },
    onSuccess: ({ saved, message }) => onSaved(saved, message),
    onError: (e) => {
      if (isApiError(e) && e.status === 404 && isEdit) return onConflict(t('contacts.errors.gone'));
      form.fail(e);
    },
  });

  function update(next: ContactValues, field: keyof ContactErrors) {
    setValues(next);
    clearErrors(field);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    if (form.showErrors(checkContact(values, t))) return;
    form.startSave();
    save.mutate();
  }

  const text = (field: TextField, extra: { type?: string; autoComplete?: string; hint?: string; inputMode?: 'tel' | 'email' } = {}) => ({
    id: `contact-${field}`,
    name: field,
    type: extra.type ?? 'text',
    value: values[field],
    maxLength: CONTACT_LIMITS[field],
    autoComplete: extra.autoComplete ?? 'off',
    inputMode: extra.inputMode,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => update({ ...values, [field]: e.target.value }, field),
    'data-testid': `contact-${field}`,
    ...describedBy(`contact-${field}`, errors[field], extra.hint),
  });

  const passwordHint = isEdit
    ? t('contacts.form.passwordHintEdit', { min: PASSWORD_MIN })
    : t('contacts.form.passwordHintNew', { min: PASSWORD_MIN });
  const permissionsHint = values.permissionsTouched ? t('contacts.form.permissionsHintCustom') : t('contacts.form.permissionsHintRole');

  return (
    <DialogShell
      title={isEdit ? t('contacts.form.editTitle') : t('contacts.form.addTitle')}
      icon={isEdit ? 'edit' : 'users'}
      tone="neutral"
      busy={save.isPending}
      onClose={onClose}
      testId="contact-dialog"
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="contact-form" className="btn btn--primary" disabled={save.isPending} data-testid="contact-save">
            {save.isPending ? t('common.saving') : isEdit ? t('contacts.form.save') : t('contacts.form.add')}
          </button>
        </>
      }
    >
      <form id="contact-form" className="ctc-form" onSubmit={submit} noValidate data-testid="contact-form">
        {formError ? (
          <div data-testid="contact-form-error">
            <Banner tone="critical" title={formError} />
          </div>
        ) : null}
        <div className="ctc-form__grid">
          <Field id="contact-first_name" label={t('contacts.fields.first_name')} required error={errors.first_name}>
            <input {...text('first_name', { autoComplete: 'given-name' })} required />
          </Field>
          <Field id="contact-last_name" label={t('contacts.fields.last_name')} error={errors.last_name}>
            <input {...text('last_name', { autoComplete: 'family-name' })} />
          </Field>
          <Field id="contact-email" label={t('contacts.fields.email')} required error={errors.email} hint={t('contacts.form.emailHint')}>
            <input {...text('email', { type: 'email', inputMode: 'email', hint: t('contacts.form.emailHint') })} required />
          </Field>
          <Field id="contact-whatsapp" label={t('contacts.fields.whatsapp')} error={errors.whatsapp}>
            <input {...text('whatsapp', { type: 'tel', inputMode: 'tel' })} placeholder="+34 600 000 000" />
          </Field>
          <Field id="contact-phone" label={t('contacts.fields.phone')} error={errors.phone}>
            <input {...text('phone', { type: 'tel', inputMode: 'tel' })} />
          </Field>
          <Field id="contact-country" label={t('messaging.country.label')} error={errors.country} hint={t('messaging.country.hint')}>
            <CountrySelect
              id="contact-country"
              value={values.country}
              onChange={(code) => update({ ...values, country: code }, 'country')}
              invalid={!!errors.country}
              describedBy={errors.country ? 'contact-country-error' : 'contact-country-hint'}
              testId="contact-country"
              defaultLabel={t('messaging.country.customerDefault')}
            />
          </Field>
          <Field id="contact-department" label={t('contacts.fields.department')} error={errors.department}>
            <input {...text('department')} placeholder={t('contacts.form.departmentPlaceholder')} />
          </Field>
          <Field id="contact-role" label={t('contacts.fields.role')} error={errors.role} hint={t('contacts.form.roleHint')}>
            <select
              id="contact-role"
              value={values.role}
              onChange={(e) => update(withRole(values, e.target.value as ContactRole | ''), 'role')}
              data-testid="contact-role"
              {...describedBy('contact-role', errors.role, t('contacts.form.roleHint'))}
            >
              <option value="">{t('contacts.role.none')}</option>
              {CONTACT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`contacts.role.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="contact-language" label={t('contacts.fields.language')} error={errors.language}>
            <select
              id="contact-language"
              value={values.language}
              onChange={(e) => update({ ...values, language: e.target.value }, 'language')}
              data-testid="contact-language"
            >
              <option value="">{t('contacts.form.customerLanguage')}</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {intlDisplayName('language', l, i18n.language)}
                </option>
              ))}
            </select>
          </Field>
          <fieldset className="ctc-perms field--wide" id="contact-permissions" tabIndex={-1} aria-describedby="contact-permissions-hint">
            <legend className="field__label">{t('contacts.fields.permissions')}</legend>
            <div className="ctc-perms__grid" data-testid="contact-permissions">
              {PERMISSIONS.map((p) => (
                <label key={p} className="checkbox ctc-perm">
                  <input
                    type="checkbox"
                    checked={values.permissions.includes(p)}
                    onChange={(e) => update(withPermission(values, p, e.target.checked), 'permissions')}
                    data-testid={`contact-permission-${p}`}
                  />
                  <span>
                    {t(`contacts.permission.${p}`)}
                    <span className="ctc-perm__hint">{t(`contacts.permissionHint.${p}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.permissions ? (
              <p className="field__error" id="contact-permissions-hint">{errors.permissions}</p>
            ) : (
              <p className="field__hint" id="contact-permissions-hint">{permissionsHint}</p>
            )}
          </fieldset>
          <Field id="contact-password" label={isEdit ? t('contacts.fields.newPassword') : t('contacts.fields.password')} error={errors.password} hint={passwordHint} wide>
            <input
              id="contact-password"
              name="password"
              type="password"
              value={values.password}
              maxLength={PASSWORD_MAX}
              autoComplete="new-password"
              onChange={(e) => update({ ...values, password: e.target.value }, 'password')}
              data-testid="contact-password"
              {...describedBy('contact-password', errors.password, passwordHint)}
            />
          </Field>
        </div>
        {!isEdit && !values.password ? (
          <p className="ctc-form__invite" data-testid="contact-invite-note">
            {t('contacts.form.inviteNote')}
          </p>
        ) : null}
      </form>
    </DialogShell>
  );
}

/** *Datos del contacto* for staff who only read. */
export function ContactDetailsDialog({ contact: c, onClose }: { contact: Contact; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const row = (label: string, value: React.ReactNode) => (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd className={value ? undefined : 'muted'}>{value || t('common.none')}</dd>
    </div>
  );
  return (
    <DialogShell
      title={contactName(c)}
      icon="users"
      tone="neutral"
      onClose={onClose}
      testId="contact-details"
      actions={
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t('contacts.dialog.close')}
        </button>
      }
    >
      <div className="ctc-form">
        <div className="badge-row">
          <RoleBadge role={c.role} />
          <AccessBadge access={c.access} />
        </div>
        <dl className="dl">
          {row(t('contacts.fields.email'), c.email)}
          {row(t('contacts.fields.whatsapp'), c.whatsapp)}
          {row(t('contacts.fields.phone'), c.phone)}
          {row(t('messaging.country.label'), c.country ? countryName(c.country, i18n.language) : null)}
          {row(t('contacts.fields.department'), c.department)}
          {row(t('contacts.fields.language'), c.language ? intlDisplayName('language', c.language, i18n.language) : t('contacts.form.customerLanguage'))}
          {row(t('contacts.fields.permissions'), c.permissions.map((p) => t(`contacts.permission.${p}`)).join(', '))}
        </dl>
      </div>
    </DialogShell>
  );
}
