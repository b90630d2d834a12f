// What the settings sub-pages (General, Notificaciones) share: one form over the store's
// settings, editable by owners and admins, saved with If-Match; the outcome is announced in
// the SettingsShell's message (a 412 shows what the other person saved).
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import { getSettings, settingsKeys, updateSettings, type Settings, type SettingsPatch } from '../../api/settings';
import { useUser } from '../../auth';
import { ErrorState, Spinner } from '../../components/States';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useResourceForm, type FormErrors, type ResourceFormOptions } from '../../lib/useResourceForm';

export type SettingsMessage = { tone: 'success' | 'warning' | 'critical' | 'info'; text: string };

export function useSettingsForm<V extends object>({
  settings,
  valuesOf,
  changesOf,
  check,
  order,
  idOf,
  serverErrors,
}: {
  settings: Settings;
  valuesOf: (s: Settings) => V;
  /** Only what changed. */
  changesOf: (before: Settings, values: V) => SettingsPatch;
  /** The form's own checks before saving: a message per field in error. */
  check: (values: V) => FormErrors;
} & Pick<ResourceFormOptions<V>, 'order' | 'idOf' | 'serverErrors'>) {
  const { t } = useTranslation();
  const user = useUser();
  const canEdit = user.role === 'owner' || user.role === 'admin';
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<SettingsMessage | null>(null);
  const form = useResourceForm<V>({
    initial: () => valuesOf(settings),
    order,
    idOf,
    serverErrors,
    onConflict: () => {
      setMessage({ tone: 'warning', text: t('settings.messages.stale') });
      // Show what the other person saved; the person's edits are gone, as the notice says.
      queryClient
        .fetchQuery({ queryKey: settingsKeys.all, queryFn: getSettings, staleTime: 0 })
        .then((fresh) => form.setValues(valuesOf(fresh)))
        .catch(() => undefined);
    },
    onFormError: (text) => setMessage({ tone: 'critical', text }),
  });
  const changes = changesOf(settings, form.values);
  const dirty = Object.keys(changes).length > 0;

  useEffect(() => {
    if (message?.tone !== 'success') return;
    const timer = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(timer);
  }, [message]);

  const save = useMutation({
    mutationFn: () => updateSettings(settings.version, changes),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.all, saved);
      form.setValues(valuesOf(saved));
      setMessage({ tone: 'success', text: t('settings.messages.saved') });
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 403 && e.code !== 'csrf_failed') {
        setMessage({ tone: 'critical', text: t('settings.messages.forbidden') });
      } else form.fail(e);
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!canEdit || save.isPending) return;
    setMessage(null);
    if (form.showErrors(check(form.values))) return;
    if (!dirty) {
      setMessage({ tone: 'info', text: t('settings.messages.unchanged') });
      return;
    }
    save.mutate();
  }

  /** Back to the saved settings. */
  function discard() {
    form.reset(valuesOf(settings));
    setMessage(null);
  }

  return { ...form, canEdit, message, dirty, saving: save.isPending, submit, discard };
}

/** A settings sub-page: titled `title`, it loads the settings, then shows `form` with them. */
export function SettingsLoader({ title, form }: { title: string; form: (settings: Settings) => React.ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  const query = useQuery({ queryKey: settingsKeys.all, queryFn: getSettings });
  if (query.isPending) return <Spinner />;
  if (query.isError) {
    return (
      <div className="page page--narrow">
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      </div>
    );
  }
  return form(query.data);
}
