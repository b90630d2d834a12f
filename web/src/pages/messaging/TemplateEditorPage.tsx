// A message template's editor (/admin/settings/templates/new and /:id): name, channel, language,
// subject and rich-text body (email) or text body and the Cloud API template name (WhatsApp),
// with the placeholders beside it — clicking one inserts it where the caret was.
import { useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import {
  CHANNELS,
  createTemplate,
  getTemplate,
  listPlaceholders,
  MESSAGE_LIMITS,
  messagingKeys,
  PROVIDER_NAME_RE,
  TEMPLATE_LANGUAGES,
  updateTemplate,
  type Channel,
  type Placeholder,
  type Template,
  type TemplateInput,
  type TemplateLanguage,
  type TemplatePatch,
} from '../../api/messaging';
import { describedBy, Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Banner, EmptyState, ErrorState, Spinner } from '../../components/States';
import { intlDisplayName } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useResourceForm, type FormErrors } from '../../lib/useResourceForm';
import { SettingsTabs } from '../settings/SettingsTabs';
import { fieldErrorText, placeholderToken } from './composer';
import { RichTextEditor, type RichTextHandle } from './RichTextEditor';
import { useCanEditTemplates } from './TemplatesPage';
import '../settings/settings.css';
import './messaging.css';

type FieldName = 'name' | 'channel' | 'language' | 'subject' | 'body' | 'provider_template_name';
type Errors = Partial<Record<FieldName, string>>;
const FIELD_ORDER: FieldName[] = ['name', 'channel', 'language', 'subject', 'body', 'provider_template_name'];

export interface TemplateValues {
  name: string;
  channel: Channel;
  language: TemplateLanguage;
  subject: string;
  /** Email: HTML. */
  html: string;
  /** WhatsApp: plain text. */
  text: string;
  provider_template_name: string;
}

export function templateValues(t: Template | null, channel: Channel = 'email', language: TemplateLanguage = 'es'): TemplateValues {
  if (!t) return { name: '', channel, language, subject: '', html: '', text: '', provider_template_name: '' };
  return {
    name: t.name,
    channel: t.channel,
    language: t.language,
    subject: t.subject ?? '',
    html: t.channel === 'email' ? t.body : '',
    text: t.channel === 'whatsapp' ? t.body : '',
    provider_template_name: t.provider_template_name ?? '',
  };
}

/** The POST body of the values (the channel's members only). */
export function templateInput(v: TemplateValues, html: string): TemplateInput {
  return v.channel === 'email'
    ? { name: v.name.trim(), channel: 'email', language: v.language, subject: v.subject.trim(), body: html }
    : { name: v.name.trim(), channel: 'whatsapp', language: v.language, body: v.text, provider_template_name: v.provider_template_name.trim() };
}

/** Only what changed. */
export function templatePatch(before: Template, input: TemplateInput): TemplatePatch {
  const out: TemplatePatch = {};
  if (input.name !== before.name) out.name = input.name;
  if (input.channel !== before.channel) out.channel = input.channel;
  if (input.language !== before.language) out.language = input.language;
  if ((input.subject ?? null) !== (before.subject ?? null) && input.channel === 'email') out.subject = input.subject;
  if (input.body !== before.body) out.body = input.body;
  if (input.channel === 'whatsapp' && (input.provider_template_name ?? null) !== (before.provider_template_name ?? null)) {
    out.provider_template_name = input.provider_template_name;
  }
  return out;
}

export function TemplateEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: messagingKeys.template(id ?? ''), queryFn: () => getTemplate(id!), enabled: !!id });
  useDocumentTitle(id ? (query.data?.name ?? t('messaging.templates.editTitle')) : t('messaging.templates.newTitle'));
  if (!id) return <TemplateForm template={null} />;
  if (query.isPending) return <Spinner />;
  if (query.isError) {
    return (
      <div className="page page--narrow">
        {isApiError(query.error) && query.error.status === 404 ? (
          <EmptyState
            icon="search"
            title={t('messaging.templates.notFound')}
            action={
              <Link to="/admin/settings/templates" className="btn btn--secondary">
                {t('messaging.templates.back')}
              </Link>
            }
          />
        ) : (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        )}
      </div>
    );
  }
  return <TemplateForm key={`${query.data.id}-${query.data.version}`} template={query.data} />;
}

function TemplateForm({ template }: { template: Template | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canEdit = useCanEditTemplates();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Someone else saved the template first (412).
  const [stale, setStale] = useState(false);
  const form = useResourceForm<TemplateValues>({
    initial: () => templateValues(template, 'email', lang.startsWith('en') ? 'en' : 'es'),
    order: FIELD_ORDER,
    focusField: (f) => {
      if (f !== 'body') document.getElementById(`tpl-${f}`)?.focus();
      else if (values.channel === 'email') editor.current?.focus();
      else textRef.current?.focus();
    },
    fixMessage: t('messaging.composer.errors.fix'),
    serverErrors: (e) => {
      if (!isApiError(e) || e.status !== 422 || !e.fieldErrors.length) return null;
      const found: FormErrors = {};
      for (const f of e.fieldErrors) {
        const field = f.field.replace(/[.[].*$/, '') as FieldName;
        // Errors of members the form does not show are listed by their full path.
        found[FIELD_ORDER.includes(field) ? field : f.field] ??= fieldErrorText(f, t);
      }
      return found;
    },
    isField: (k) => (FIELD_ORDER as string[]).includes(k),
    onConflict: () => setStale(true),
  });
  const { values, setValues, clearErrors } = form;
  const errors: Errors = form.errors;
  const editor = useRef<RichTextHandle>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const target = useRef<'subject' | 'body'>('body');
  const placeholders = useQuery({ queryKey: messagingKeys.placeholders(), queryFn: listPlaceholders, staleTime: 10 * 60_000 });
  const isEdit = template !== null;
  const email = values.channel === 'email';

  function set<K extends keyof TemplateValues>(field: K, value: TemplateValues[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    clearErrors(field === 'html' || field === 'text' ? 'body' : field);
  }

  function insertPlaceholder(p: Placeholder) {
    const token = placeholderToken(p.name);
    const into = (el: HTMLInputElement | HTMLTextAreaElement | null, field: 'subject' | 'text') => {
      if (!el) return;
      const start = el.selectionStart ?? el.value.length;
      const end = el.selectionEnd ?? start;
      const next = el.value.slice(0, start) + token + el.value.slice(end);
      set(field, next);
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(start + token.length, start + token.length);
      });
    };
    if (email && target.current === 'subject') into(subjectRef.current, 'subject');
    else if (email) editor.current?.insertHtml(token);
    else into(textRef.current, 'text');
  }

  /** A placeholder's button (its `data-name`) was clicked. */
  function onPlaceholderClick(e: React.MouseEvent<HTMLButtonElement>) {
    const p = placeholders.data?.find((x) => x.name === e.currentTarget.dataset.name);
    if (p) insertPlaceholder(p);
  }

  function check(): Errors {
    const found: Errors = {};
    const name = values.name.trim();
    if (!name) found.name = t('messaging.templates.errors.name');
    else if ([...name].length > MESSAGE_LIMITS.templateName) found.name = t('messaging.templates.errors.tooLong', { max: MESSAGE_LIMITS.templateName });
    if (email) {
      if (!values.subject.trim()) found.subject = t('messaging.templates.errors.subject');
      else if ([...values.subject.trim()].length > MESSAGE_LIMITS.subject) found.subject = t('messaging.templates.errors.tooLong', { max: MESSAGE_LIMITS.subject });
      if (!editor.current || editor.current.isBlank()) found.body = t('messaging.templates.errors.body');
    } else {
      if (!values.text.trim()) found.body = t('messaging.templates.errors.body');
      else if ([...values.text].length > MESSAGE_LIMITS.templateBody) found.body = t('messaging.templates.errors.tooLong', { max: MESSAGE_LIMITS.templateBody });
      if (!PROVIDER_NAME_RE.test(values.provider_template_name.trim())) found.provider_template_name = t('messaging.templates.errors.provider');
    }
    return found;
  }

  const save = useMutation({
    mutationFn: async (): Promise<Template | null> => {
      const input = templateInput(values, email ? (editor.current?.getHtml() ?? '') : '');
      if (!template) return createTemplate(input);
      const changes = templatePatch(template, input);
      if (Object.keys(changes).length === 0) return null;
      return updateTemplate(template.id, template.version, changes);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: messagingKeys.templates() });
      const name = saved?.name ?? template?.name ?? '';
      navigate('/admin/settings/templates', {
        state: {
          notice: !saved ? t('messaging.templates.unchanged') : isEdit ? t('messaging.templates.saved', { name }) : t('messaging.templates.created', { name }),
        },
      });
    },
    onError: (e) => form.fail(e),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!canEdit || save.isPending) return;
    form.startSave();
    setStale(false);
    if (form.showErrors(check())) return;
    save.mutate();
  }

  // One notice: the conflict, or what is wrong (fields the form does not show, listed by path).
  const notice = stale
    ? { tone: 'warning' as const, text: t('messaging.templates.stale') }
    : form.formError
      ? { tone: 'critical' as const, text: form.otherErrors.length ? form.otherErrors.join(' · ') : form.formError }
      : null;

  const groups = useMemo(() => {
    const out = new Map<string, Placeholder[]>();
    for (const p of placeholders.data ?? []) out.set(p.group, [...(out.get(p.group) ?? []), p]);
    return [...out.entries()];
  }, [placeholders.data]);

  const title = isEdit ? (canEdit ? t('messaging.templates.editTitle') : template!.name) : t('messaging.templates.newTitle');

  return (
    <div className="page page--form tpl-page">
      <div className="page-header">
        <div className="page-header__main">
          <Link to="/admin/settings/templates" className="back-link">
            <Icon name="back" size={16} />
            {t('messaging.templates.back')}
          </Link>
          <h1 className="page-title">{title}</h1>
        </div>
      </div>
      <SettingsTabs />
      {!canEdit ? (
        <div className="set-banner">
          <Banner tone="info" title={t('settings.readOnly.title')}>
            {t('messaging.templates.readOnly')}
          </Banner>
        </div>
      ) : null}
      <div aria-live="polite" className="set-banner">
        {notice ? (
          <div data-testid="template-error">
            <Banner
              tone={notice.tone}
              title={notice.text}
              action={
                stale && template ? (
                  <button
                    type="button"
                    className="btn btn--secondary"
                    onClick={() => void queryClient.invalidateQueries({ queryKey: messagingKeys.template(template.id) })}
                  >
                    {t('messaging.templates.reload')}
                  </button>
                ) : undefined
              }
            />
          </div>
        ) : null}
      </div>
      <form className="form tpl-form" onSubmit={submit} noValidate data-testid="template-form">
        <div className="tpl-editor">
          <fieldset className="set-fieldset tpl-editor__main" disabled={!canEdit || save.isPending}>
            <section className="form-section">
              <div className="form-grid">
                <Field id="tpl-name" label={t('messaging.templates.fields.name')} required error={errors.name} wide>
                  <input
                    id="tpl-name"
                    type="text"
                    value={values.name}
                    maxLength={MESSAGE_LIMITS.templateName}
                    onChange={(e) => set('name', e.target.value)}
                    data-testid="tpl-name"
                    {...describedBy('tpl-name', errors.name)}
                  />
                </Field>
                <Field id="tpl-channel" label={t('messaging.templates.fields.channel')} error={errors.channel} hint={isEdit ? t('messaging.templates.channelFixed') : undefined}>
                  <select
                    id="tpl-channel"
                    value={values.channel}
                    disabled={isEdit}
                    onChange={(e) => set('channel', e.target.value as Channel)}
                    data-testid="tpl-channel"
                    {...describedBy('tpl-channel', errors.channel, isEdit ? t('messaging.templates.channelFixed') : undefined)}
                  >
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {t(`messaging.channel.${c}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="tpl-language" label={t('messaging.templates.fields.language')} error={errors.language}>
                  <select
                    id="tpl-language"
                    value={values.language}
                    onChange={(e) => set('language', e.target.value as TemplateLanguage)}
                    data-testid="tpl-language"
                    {...describedBy('tpl-language', errors.language)}
                  >
                    {TEMPLATE_LANGUAGES.map((l) => (
                      <option key={l} value={l}>
                        {intlDisplayName('language', l, lang)}
                      </option>
                    ))}
                  </select>
                </Field>
                {email ? (
                  <Field id="tpl-subject" label={t('messaging.templates.fields.subject')} required error={errors.subject} wide>
                    <input
                      id="tpl-subject"
                      ref={subjectRef}
                      type="text"
                      value={values.subject}
                      maxLength={MESSAGE_LIMITS.subject}
                      onChange={(e) => set('subject', e.target.value)}
                      onFocus={() => (target.current = 'subject')}
                      data-testid="tpl-subject"
                      {...describedBy('tpl-subject', errors.subject)}
                    />
                  </Field>
                ) : (
                  <Field
                    id="tpl-provider_template_name"
                    label={t('messaging.templates.fields.provider_template_name')}
                    required
                    error={errors.provider_template_name}
                    hint={t('messaging.templates.hints.provider')}
                    wide
                  >
                    <input
                      id="tpl-provider_template_name"
                      type="text"
                      value={values.provider_template_name}
                      maxLength={MESSAGE_LIMITS.providerName}
                      autoCapitalize="off"
                      spellCheck={false}
                      onChange={(e) => set('provider_template_name', e.target.value)}
                      data-testid="tpl-provider"
                      {...describedBy('tpl-provider_template_name', errors.provider_template_name, t('messaging.templates.hints.provider'))}
                    />
                  </Field>
                )}
                <div className={`field field--wide${errors.body ? ' field--error' : ''}`}>
                  <label className="field__label field__label--required" id="tpl-body-label" htmlFor={email ? undefined : 'tpl-body'}>
                    {t('messaging.templates.fields.body')}
                  </label>
                  {email ? (
                    <RichTextEditor
                      key="email"
                      id="tpl-body"
                      ref={editor}
                      labelledBy="tpl-body-label"
                      initialHtml={values.html}
                      onChange={(html) => set('html', html)}
                      onFocus={() => (target.current = 'body')}
                      invalid={!!errors.body}
                      describedBy={errors.body ? 'tpl-body-error' : 'tpl-body-hint'}
                      readOnly={!canEdit}
                      testId="tpl-body"
                      minHeight={260}
                    />
                  ) : (
                    <textarea
                      id="tpl-body"
                      ref={textRef}
                      rows={8}
                      value={values.text}
                      onChange={(e) => set('text', e.target.value)}
                      data-testid="tpl-body-text"
                      {...describedBy('tpl-body', errors.body, t('messaging.templates.hints.whatsappBody'))}
                    />
                  )}
                  {errors.body ? (
                    <p className="field__error" id="tpl-body-error" data-testid="error-tpl-body">{errors.body}</p>
                  ) : (
                    <p className="field__hint" id="tpl-body-hint">
                      {email ? t('messaging.templates.hints.emailBody') : t('messaging.templates.hints.whatsappBody')}
                    </p>
                  )}
                </div>
              </div>
            </section>
          </fieldset>

          <aside className="tpl-editor__side" aria-labelledby="tpl-placeholders-title" data-testid="tpl-placeholders">
            <h2 className="composer__side-title" id="tpl-placeholders-title">
              {t('messaging.templates.placeholders.title')}
            </h2>
            <p className="field__hint">{canEdit ? t('messaging.templates.placeholders.hint') : t('messaging.templates.placeholders.hintReadOnly')}</p>
            {placeholders.isPending ? (
              <div className="skeleton skeleton--line" aria-busy="true" />
            ) : placeholders.isError ? (
              <ErrorState message={errorMessage(placeholders.error, t)} onRetry={() => void placeholders.refetch()} retrying={placeholders.isFetching} />
            ) : (
              groups.map(([group, list]) => (
                <div key={group} className="tpl-ph-group">
                  <h3 className="tpl-group__title">{t(`messaging.templates.placeholders.groups.${group}`, { defaultValue: group })}</h3>
                  <ul className="tpl-ph-list">
                    {list.map((p) => (
                      <li key={p.name}>
                        <button
                          type="button"
                          className="tpl-ph"
                          disabled={!canEdit}
                          onMouseDown={(e) => e.preventDefault()}
                          onClick={onPlaceholderClick}
                          title={t('messaging.templates.placeholders.insert', { name: p.name })}
                          data-testid="tpl-placeholder"
                          data-name={p.name}
                        >
                          <code>{placeholderToken(p.name)}</code>
                          <span className="tpl-ph__label">{t(`messaging.templates.placeholders.names.${p.name.replace(/\./g, '_')}`, { defaultValue: '' })}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))
            )}
          </aside>
        </div>
        {canEdit ? (
          <div className="form-actions">
            <Link to="/admin/settings/templates" className="btn btn--secondary">
              {t('common.cancel')}
            </Link>
            <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="tpl-save">
              {save.isPending ? t('common.saving') : isEdit ? t('messaging.templates.save') : t('messaging.templates.create')}
            </button>
          </div>
        ) : null}
      </form>
    </div>
  );
}
