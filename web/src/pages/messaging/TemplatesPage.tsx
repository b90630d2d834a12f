// *Configuración → Plantillas* (F25, F27): the email and WhatsApp templates, grouped by channel
// and language, to create, edit, duplicate ("… (copia)") and delete. Owners and admins change
// them; the rest of the staff read them.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import {
  CHANNELS,
  createTemplate,
  deleteTemplate,
  duplicateInput,
  listTemplates,
  messagingKeys,
  TEMPLATE_LANGUAGES,
  type Template,
} from '../../api/messaging';
import { useUser } from '../../auth';
import { Icon } from '../../components/Icon';
import { Banner, EmptyState, ErrorState } from '../../components/States';
import { formatDate, intlDisplayName } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ConfirmDialog } from '../catalog/ConfirmDialog';
import { SettingsTabs } from '../settings/SettingsTabs';
import '../settings/settings.css';
import './messaging.css';
import { LiveMessage } from '../../components/LiveMessage';

type Notice = { tone: 'success' | 'critical' | 'warning'; text: string };

export function useCanEditTemplates(): boolean {
  const role = useUser().role;
  return role === 'owner' || role === 'admin';
}

export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('messaging.templates.title'));
  const canEdit = useCanEditTemplates();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { notice?: string } | null)?.notice;
  const [notice, setNotice] = useState<Notice | null>(flash ? { tone: 'success', text: flash } : null);
  const [deleting, setDeleting] = useState<Template | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const query = useQuery({ queryKey: messagingKeys.templateList({}), queryFn: () => listTemplates() });

  useEffect(() => {
    if (flash) navigate(location.pathname, { replace: true, state: null });
    // Shown once; a reload must not show it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (notice?.tone !== 'success') return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: messagingKeys.templates() });

  const duplicate = useMutation({
    mutationFn: (tpl: Template) => createTemplate(duplicateInput(tpl, t('messaging.templates.copySuffix'))),
    onMutate: () => setNotice(null),
    onSuccess: (copy) => {
      setNotice({ tone: 'success', text: t('messaging.templates.duplicated', { name: copy.name }) });
      refresh();
    },
    onError: (e) => setNotice({ tone: 'critical', text: errorMessage(e, t) }),
  });

  const remove = useMutation({
    mutationFn: (tpl: Template) => deleteTemplate(tpl.id),
    onMutate: () => setDeleteError(null),
    onSuccess: (_, tpl) => {
      setDeleting(null);
      setNotice({ tone: 'success', text: t('messaging.templates.deleted', { name: tpl.name }) });
      refresh();
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 404) {
        setDeleting(null);
        refresh();
        return;
      }
      setDeleteError(errorMessage(e, t));
    },
  });

  const items = query.data ?? [];
  const collator = new Intl.Collator(lang);

  return (
    <div className="page page--form">
      <div className="page-header">
        <div className="page-header__main">
          <h1 className="page-title">{t('settings.title')}</h1>
          <p className="page-subtitle">{t('messaging.templates.subtitle')}</p>
        </div>
        {canEdit ? (
          <div className="page-header__actions">
            <Link to="/admin/settings/templates/new" className="btn btn--primary" data-testid="new-template">
              <Icon name="plus" size={16} />
              {t('messaging.templates.new')}
            </Link>
          </div>
        ) : null}
      </div>
      <SettingsTabs />
      {!canEdit ? (
        <div className="set-banner" data-testid="templates-readonly">
          <Banner tone="info" title={t('settings.readOnly.title')}>
            {t('messaging.templates.readOnly')}
          </Banner>
        </div>
      ) : null}
      <LiveMessage
        message={notice}
        testId="templates-notice"
        className="set-banner"
        onDismiss={() => setNotice(null)}
        dismissLabel={t('messaging.dismiss')}
      />

      {query.isPending ? (
        <div className="tpl-skeleton" aria-busy="true" data-testid="templates-loading">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="skeleton skeleton--line" />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : items.length === 0 ? (
        <div data-testid="templates-empty">
          <EmptyState
            icon="note"
            title={t('messaging.templates.empty')}
            action={
              canEdit ? (
                <Link to="/admin/settings/templates/new" className="btn btn--primary">
                  <Icon name="plus" size={16} />
                  {t('messaging.templates.new')}
                </Link>
              ) : undefined
            }
          >
            {t('messaging.templates.emptyHint')}
          </EmptyState>
        </div>
      ) : (
        CHANNELS.map((channel) => {
          const ofChannel = items.filter((x) => x.channel === channel);
          return (
            <section key={channel} className="form-section tpl-section" aria-labelledby={`tpl-${channel}`} data-testid={`templates-${channel}`}>
              <h2 className="form-section__title tpl-section__title" id={`tpl-${channel}`}>
                <Icon name={channel === 'whatsapp' ? 'whatsapp' : 'mail'} size={18} />
                {t(`messaging.templates.channel.${channel}`)}
                <span className="count-pill">{ofChannel.length}</span>
              </h2>
              {ofChannel.length === 0 ? (
                <p className="muted">{t('messaging.templates.noneInChannel')}</p>
              ) : (
                TEMPLATE_LANGUAGES.map((language) => {
                  const list = ofChannel.filter((x) => x.language === language).sort((a, b) => collator.compare(a.name, b.name));
                  if (list.length === 0) return null;
                  return (
                    <div key={language} className="tpl-group">
                      <h3 className="tpl-group__title">{intlDisplayName('language', language, lang)}</h3>
                      <ul className="tpl-list">
                        {list.map((tpl) => (
                          <li key={tpl.id} className="tpl-row" data-testid="template-row" data-template-id={tpl.id}>
                            <div className="tpl-row__main">
                              <Link to={`/admin/settings/templates/${encodeURIComponent(tpl.id)}`} className="tpl-row__name" data-testid="template-name">
                                {tpl.name}
                              </Link>
                              <span className="tpl-row__meta muted">
                                {tpl.channel === 'email' ? tpl.subject : tpl.provider_template_name}
                                {tpl.placeholders.length ? ` · ${t('messaging.templates.placeholderCount', { count: tpl.placeholders.length })}` : ''}
                                {` · ${t('messaging.templates.updated', { date: formatDate(tpl.updated_at, lang) })}`}
                              </span>
                            </div>
                            {canEdit ? (
                              <div className="tpl-row__actions">
                                <Link to={`/admin/settings/templates/${encodeURIComponent(tpl.id)}`} className="btn btn--plain tpl-btn" aria-label={t('messaging.templates.editLabel', { name: tpl.name })}>
                                  <Icon name="edit" size={15} />
                                  <span className="tpl-btn__text">{t('common.edit')}</span>
                                </Link>
                                <button
                                  type="button"
                                  className="btn btn--plain tpl-btn"
                                  onClick={() => duplicate.mutate(tpl)}
                                  disabled={duplicate.isPending}
                                  aria-label={t('messaging.templates.duplicateLabel', { name: tpl.name })}
                                  data-testid="template-duplicate"
                                >
                                  <Icon name="copy" size={15} />
                                  <span className="tpl-btn__text">{t('messaging.templates.duplicate')}</span>
                                </button>
                                <button
                                  type="button"
                                  className="btn btn--plain tpl-btn tpl-btn--critical"
                                  onClick={() => {
                                    setDeleteError(null);
                                    setDeleting(tpl);
                                  }}
                                  aria-label={t('messaging.templates.deleteLabel', { name: tpl.name })}
                                  data-testid="template-delete"
                                >
                                  <Icon name="trash" size={15} />
                                  <span className="tpl-btn__text">{t('messaging.templates.delete')}</span>
                                </button>
                              </div>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </div>
                  );
                })
              )}
            </section>
          );
        })
      )}

      {deleting ? (
        <ConfirmDialog
          title={t('messaging.templates.confirmDelete.title', { name: deleting.name })}
          confirmLabel={t('messaging.templates.confirmDelete.button')}
          busy={remove.isPending}
          error={deleteError}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>{t('messaging.templates.confirmDelete.text')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
