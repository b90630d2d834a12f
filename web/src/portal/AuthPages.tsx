// The portal's pages before sign-in (F11, F12): sign-in, company registration, forgotten
// password, reset from the emailed link, and accepting an invitation.
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldMessages, isApiError } from '../api/errors';
import {
  acceptInvitation,
  confirmPasswordReset,
  portalLogin,
  portalRegister,
  requestPasswordReset,
} from '../api/portal';
import { PASSWORD_MAX, PASSWORD_MIN } from '../api/contacts';
import { describedBy, Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Banner, Spinner } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PasswordField } from './parts';
import { safePortalNext, usePortalMe, storeMark, usePortalStore, useSignedIn } from './session';
import './portal.css';

type Translate = (key: string, options?: Record<string, unknown>) => string;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A sentence for a refused sign-in (login, invitation): wrong password, waiting, inactive, throttled. */
export function signInError(e: unknown, t: Translate): string {
  if (isApiError(e)) {
    if (e.code === 'invalid_credentials') return t('portal.login.invalidCredentials');
    if (e.code === 'pending_validation') return t('portal.login.pendingValidation');
    if (e.code === 'account_inactive') return t('portal.login.accountInactive');
    if (e.status === 429) {
      const minutes = e.retryAfterSeconds ? Math.ceil(e.retryAfterSeconds / 60) : null;
      return minutes ? t('portal.login.tooManyWait', { count: minutes }) : t('portal.login.tooMany');
    }
  }
  return errorMessage(e, t);
}

/** Client check of a new password and its repetition; null when fine. */
export function passwordProblem(password: string, repeat: string, t: Translate): { password?: string; repeat?: string } | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN) return { password: t('portal.password.tooShort', { min: PASSWORD_MIN }) };
  if (n > PASSWORD_MAX) return { password: t('portal.password.tooLong', { max: PASSWORD_MAX }) };
  if (password !== repeat) return { repeat: t('portal.password.mismatch') };
  return null;
}

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: string; children: React.ReactNode; footer?: React.ReactNode }) {
  const { t } = useTranslation();
  const store = usePortalStore();
  const storeName = store.data?.name;
  return (
    <div className="login portal-auth">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <div className="login__card">
        <Link to="/portal/catalog" className="login__brand portal-auth__brand">
          <span className="brand__mark brand__mark--lg" aria-hidden="true">
            {storeMark(storeName)}
          </span>
          <span className="login__app">{storeName ? `${storeName} · ${t('portal.brand')}` : t('portal.brand')}</span>
        </Link>
        <h1 className="login__title">{title}</h1>
        {subtitle ? <p className="login__subtitle">{subtitle}</p> : <div className="portal-auth__gap" />}
        {children}
      </div>
      {footer ? <div className="portal-auth__footer">{footer}</div> : null}
    </div>
  );
}

/** The end of a flow: a round icon, a sentence and what to do next. */
function DoneMessage({ icon, ok, testId, children }: { icon: 'clock' | 'mail' | 'check'; ok?: boolean; testId: string; children: React.ReactNode }) {
  return (
    <div className="portal-auth__done" data-testid={testId}>
      <span className={`portal-auth__done-icon${ok ? ' portal-auth__done-icon--ok' : ''}`} aria-hidden="true">
        <Icon name={icon} size={24} />
      </span>
      {children}
    </div>
  );
}

function ErrorBanner({ error, testId }: { error: string | null; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <div className="banner banner--critical" role="alert" tabIndex={-1} ref={ref} data-testid={testId}>
      <Icon name="alert" size={20} />
      <p className="banner__title">{error}</p>
    </div>
  );
}

function PasswordFields({
  password,
  repeat,
  errors,
  onPassword,
  onRepeat,
  label,
}: {
  password: string;
  repeat: string;
  errors: { password?: string; repeat?: string };
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        id="portal-password"
        label={label ?? t('portal.fields.password')}
        value={password}
        onChange={onPassword}
        error={errors.password}
        hint={t('portal.password.hint', { min: PASSWORD_MIN })}
      />
      <PasswordField id="portal-password-repeat" label={t('portal.fields.passwordRepeat')} value={repeat} onChange={onRepeat} error={errors.repeat} />
    </>
  );
}

// ---------- Sign-in ----------

export function PortalLoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.login.title'));
  const [params] = useSearchParams();
  const next = safePortalNext(params.get('next'));
  const navigate = useNavigate();
  const me = usePortalMe();
  const signedIn = useSignedIn();
  const [form, setForm] = useState({ email: '', password: '', busy: false, error: null as string | null });

  if (me.isSuccess) return <Navigate to={next} replace />;
  if (me.isPending) return <Spinner />;

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const email = form.email.trim();
    if (!email || !form.password) return setForm((f) => ({ ...f, error: t('portal.login.missing') }));
    setForm((f) => ({ ...f, busy: true, error: null }));
    try {
      await signedIn(await portalLogin(email, form.password));
      navigate(next, { replace: true });
    } catch (err) {
      const wrong = isApiError(err) && err.code === 'invalid_credentials';
      setForm((f) => ({ ...f, busy: false, error: signInError(err, t), password: wrong ? '' : f.password }));
    }
  }

  return (
    <AuthCard
      title={t('portal.login.title')}
      subtitle={t('portal.login.subtitle')}
      footer={
        <p>
          {t('portal.login.noAccount')}{' '}
          <Link to="/portal/register" data-testid="go-register">
            {t('portal.login.register')}
          </Link>
        </p>
      }
    >
      <ErrorBanner error={form.error} testId="portal-login-error" />
      <form className="login__form" onSubmit={onSubmit} noValidate data-testid="portal-login-form">
        <Field id="portal-login-email" label={t('portal.fields.email')}>
          <input
            id="portal-login-email"
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </Field>
        <Field id="portal-login-password" label={t('portal.fields.password')}>
          <input
            id="portal-login-password"
            type="password"
            autoComplete="current-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
          <Link to="/portal/forgot" className="portal-auth__small-link" data-testid="go-forgot">
            {t('portal.login.forgot')}
          </Link>
        </Field>
        <button type="submit" className="btn btn--primary btn--block" disabled={form.busy} data-testid="portal-login-submit">
          {form.busy ? t('portal.login.submitting') : t('portal.login.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

// ---------- Registration ----------

type RegField = 'company_name' | 'first_name' | 'last_name' | 'email' | 'phone' | 'tax_id';
const REG_FIELDS: RegField[] = ['company_name', 'tax_id', 'first_name', 'last_name', 'email', 'phone'];
const REG_LIMITS: Record<RegField, number> = { company_name: 200, tax_id: 50, first_name: 100, last_name: 100, email: 254, phone: 50 };

export function PortalRegisterPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('portal.register.title'));
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [values, setValues] = useState<Record<RegField, string>>({ company_name: '', tax_id: '', first_name: '', last_name: '', email: '', phone: '' });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<RegField | 'password' | 'repeat', string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [pending, setPending] = useState(false);

  function set(field: RegField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((x) => ({ ...x, [field]: undefined }));
  }

  function focusFirst(found: Record<string, string | undefined>) {
    const first = [...REG_FIELDS, 'password', 'repeat'].find((f) => found[f]);
    if (first) document.getElementById(first === 'password' ? 'portal-password' : first === 'repeat' ? 'portal-password-repeat' : `register-${first}`)?.focus();
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (submitting) return;
    const found: Partial<Record<RegField | 'password' | 'repeat', string>> = {};
    if (!values.company_name.trim()) found.company_name = t('portal.register.errors.company');
    if (!values.first_name.trim()) found.first_name = t('portal.register.errors.firstName');
    if (!values.email.trim()) found.email = t('portal.register.errors.email');
    else if (!EMAIL_RE.test(values.email.trim())) found.email = t('portal.register.errors.emailInvalid');
    Object.assign(found, passwordProblem(password, repeat, t) ?? {});
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const clean = (s: string) => s.trim() || undefined;
      const result = await portalRegister({
        company_name: values.company_name.trim(),
        first_name: values.first_name.trim(),
        last_name: clean(values.last_name),
        email: values.email.trim(),
        password,
        phone: clean(values.phone),
        tax_id: clean(values.tax_id),
        language: i18n.language.slice(0, 2),
      });
      if (result.status === 'active' && result.session) {
        await signedIn(result.session);
        navigate('/portal/catalog', { replace: true, state: { welcome: true } });
        return;
      }
      setPending(true);
    } catch (err) {
      setSubmitting(false);
      if (isApiError(err) && err.code === 'email_taken') {
        const found = { email: t('portal.register.errors.emailTaken') };
        setErrors(found);
        focusFirst(found);
      } else if (isApiError(err) && err.status === 422 && err.fieldErrors.length) {
        const found = fieldMessages(err.fieldErrors, t);
        if (found.password) found.password = t('portal.password.tooShort', { min: PASSWORD_MIN });
        setErrors(found);
        focusFirst(found);
      } else setError(signInError(err, t));
    }
  }

  if (pending) {
    return (
      <AuthCard title={t('portal.register.pendingTitle')}>
        <DoneMessage icon="clock" testId="register-pending">
          <p>{t('portal.register.pendingText', { email: values.email.trim() })}</p>
          <Link to="/portal/catalog" className="btn btn--secondary btn--block">
            {t('portal.register.browse')}
          </Link>
        </DoneMessage>
      </AuthCard>
    );
  }

  const input = (field: RegField, label: string, extra: { required?: boolean; type?: string; autoComplete?: string; inputMode?: 'email' | 'tel'; wide?: boolean } = {}) => (
    <Field id={`register-${field}`} label={label} required={extra.required} error={errors[field]} wide={extra.wide}>
      <input
        id={`register-${field}`}
        type={extra.type ?? 'text'}
        autoComplete={extra.autoComplete ?? 'off'}
        inputMode={extra.inputMode}
        value={values[field]}
        maxLength={REG_LIMITS[field]}
        onChange={(e) => set(field, e.target.value)}
        data-testid={`register-${field}`}
        {...describedBy(`register-${field}`, errors[field])}
      />
    </Field>
  );

  return (
    <AuthCard
      title={t('portal.register.title')}
      subtitle={t('portal.register.subtitle')}
      footer={
        <p>
          {t('portal.register.haveAccount')} <Link to="/portal/login">{t('portal.register.signIn')}</Link>
        </p>
      }
    >
      <ErrorBanner error={error} testId="portal-register-error" />
      <form className="login__form portal-register" onSubmit={onSubmit} noValidate data-testid="portal-register-form">
        <p className="portal-auth__section">{t('portal.register.company')}</p>
        {input('company_name', t('portal.fields.company_name'), { required: true, autoComplete: 'organization' })}
        {input('tax_id', t('portal.fields.tax_id'))}
        <p className="portal-auth__section">{t('portal.register.you')}</p>
        <div className="portal-auth__pair">
          {input('first_name', t('portal.fields.first_name'), { required: true, autoComplete: 'given-name' })}
          {input('last_name', t('portal.fields.last_name'), { autoComplete: 'family-name' })}
        </div>
        {input('email', t('portal.fields.email'), { required: true, type: 'email', autoComplete: 'email', inputMode: 'email' })}
        {input('phone', t('portal.fields.phone'), { type: 'tel', autoComplete: 'tel', inputMode: 'tel' })}
        <PasswordFields
          password={password}
          repeat={repeat}
          errors={errors}
          onPassword={(v) => {
            setPassword(v);
            setErrors((x) => ({ ...x, password: undefined }));
          }}
          onRepeat={(v) => {
            setRepeat(v);
            setErrors((x) => ({ ...x, repeat: undefined }));
          }}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={submitting} data-testid="portal-register-submit">
          {submitting ? t('portal.register.submitting') : t('portal.register.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

// ---------- Forgotten password ----------

export function PortalForgotPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.forgot.title'));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!EMAIL_RE.test(email.trim())) {
      setError(t('portal.register.errors.emailInvalid'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(signInError(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthCard
      title={t('portal.forgot.title')}
      subtitle={sent ? undefined : t('portal.forgot.subtitle')}
      footer={
        <p>
          <Link to="/portal/login">{t('portal.forgot.back')}</Link>
        </p>
      }
    >
      {sent ? (
        <DoneMessage icon="mail" testId="forgot-sent">
          <p>{t('portal.forgot.sent', { email: email.trim() })}</p>
        </DoneMessage>
      ) : (
        <>
          <ErrorBanner error={error} testId="portal-forgot-error" />
          <form className="login__form" onSubmit={onSubmit} noValidate>
            <div className="field">
              <label className="field__label" htmlFor="portal-forgot-email">
                {t('portal.fields.email')}
              </label>
              <input id="portal-forgot-email" type="email" inputMode="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <button type="submit" className="btn btn--primary btn--block" disabled={submitting} data-testid="portal-forgot-submit">
              {submitting ? t('portal.forgot.submitting') : t('portal.forgot.submit')}
            </button>
          </form>
        </>
      )}
    </AuthCard>
  );
}

// ---------- New password from a link: reset, or accept an invitation ----------

function TokenPasswordPage({ mode }: { mode: 'reset' | 'invitation' }) {
  const { t } = useTranslation();
  useDocumentTitle(t(`portal.${mode}.title`));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [badToken, setBadToken] = useState(!token);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (submitting) return;
    const found = passwordProblem(password, repeat, t);
    setErrors(found ?? {});
    if (found) {
      document.getElementById(found.password ? 'portal-password' : 'portal-password-repeat')?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      if (mode === 'invitation') {
        await signedIn(await acceptInvitation(token, password));
        navigate('/portal/catalog', { replace: true, state: { welcome: true } });
        return;
      }
      await confirmPasswordReset(token, password);
      setDone(true);
    } catch (err) {
      setSubmitting(false);
      if (isApiError(err) && err.code === 'invalid_token') setBadToken(true);
      else if (isApiError(err) && err.status === 422 && err.fieldErrors.some((f) => f.field === 'password')) {
        setErrors({ password: t('portal.password.tooShort', { min: PASSWORD_MIN }) });
      } else setError(signInError(err, t));
    }
  }

  if (badToken) {
    return (
      <AuthCard title={t(`portal.${mode}.badTitle`)}>
        <div className="portal-auth__done" data-testid="token-invalid">
          <Banner tone="warning" title={t(`portal.${mode}.badText`)} />
          <Link to={mode === 'reset' ? '/portal/forgot' : '/portal/login'} className="btn btn--secondary btn--block">
            {t(`portal.${mode}.badAction`)}
          </Link>
        </div>
      </AuthCard>
    );
  }
  if (done) {
    return (
      <AuthCard title={t('portal.reset.doneTitle')}>
        <DoneMessage icon="check" ok testId="reset-done">
          <p>{t('portal.reset.doneText')}</p>
          <Link to="/portal/login" className="btn btn--primary btn--block" data-testid="reset-sign-in">
            {t('portal.login.submit')}
          </Link>
        </DoneMessage>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t(`portal.${mode}.title`)} subtitle={t(`portal.${mode}.subtitle`)}>
      <ErrorBanner error={error} testId={`portal-${mode}-error`} />
      <form className="login__form" onSubmit={onSubmit} noValidate data-testid={`portal-${mode}-form`}>
        <PasswordFields
          password={password}
          repeat={repeat}
          errors={errors}
          label={t('portal.fields.newPassword')}
          onPassword={(v) => {
            setPassword(v);
            setErrors((x) => ({ ...x, password: undefined }));
          }}
          onRepeat={(v) => {
            setRepeat(v);
            setErrors((x) => ({ ...x, repeat: undefined }));
          }}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={submitting} data-testid={`portal-${mode}-submit`}>
          {submitting ? t('common.saving') : t(`portal.${mode}.submit`)}
        </button>
      </form>
    </AuthCard>
  );
}

export const PortalResetPage = () => <TokenPasswordPage mode="reset" />;
export const PortalInvitationPage = () => <TokenPasswordPage mode="invitation" />;
