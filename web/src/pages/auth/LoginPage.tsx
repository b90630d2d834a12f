import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { login } from '../../api/auth';
import { errorMessage, isApiError } from '../../api/errors';
import { meKey, useMe } from '../../auth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Spinner } from '../../components/States';
import { Icon } from '../../components/Icon';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

const DEFAULT_AFTER_LOGIN = '/admin/customers';

/** Only same-app paths may be a post-login target (no open redirects). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/admin/login')) {
    return DEFAULT_AFTER_LOGIN;
  }
  return next;
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (me.isSuccess) return <Navigate to={next} replace />;
  if (me.isPending) return <Spinner />;

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const res = await login(email.trim(), password);
      queryClient.setQueryData(meKey, res.user);
      navigate(next, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.code === 'invalid_credentials') {
        setError(t('login.invalidCredentials'));
        setPassword('');
      } else if (isApiError(err) && err.status === 429) {
        const minutes = err.retryAfterSeconds ? Math.ceil(err.retryAfterSeconds / 60) : null;
        setError(
          minutes ? t('login.tooManyAttemptsWait', { count: minutes }) : t('login.tooManyAttempts'),
        );
      } else {
        setError(errorMessage(err, t));
      }
      setSubmitting(false);
    }
  }

  return (
    <div className="login">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <div className="login__card">
        <div className="login__brand">
          <span className="brand__mark brand__mark--lg" aria-hidden="true">
            C
          </span>
          <span className="login__app">{t('app.name')}</span>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        <p className="login__subtitle">{t('login.subtitle')}</p>
        {error ? (
          <div
            className="banner banner--critical"
            role="alert"
            tabIndex={-1}
            ref={errorRef}
            data-testid="login-error"
          >
            <Icon name="alert" size={20} />
            <p className="banner__title">{error}</p>
          </div>
        ) : null}
        <form className="login__form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label className="field__label" htmlFor="login-email">
              {t('login.email')}
            </label>
            <input
              id="login-email"
              ref={emailRef}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="login-password">
              {t('login.password')}
            </label>
            <input
              id="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn--primary btn--block" disabled={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </div>
      <p className="login__footer">{t('login.footer')}</p>
    </div>
  );
}
