// *Enviar correo* (F8, F25): to the customer's main email and/or its contacts, a subject, a
// rich-text body, attachments (uploaded or already in the history), templates in the
// recipient's language (Insertar at the caret, Sustituir the whole body), a preview rendered for
// one recipient, and the server's 422 field errors on the fields they concern.
import { useId, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import { historyKeys, listHistory } from '../../api/history';
import {
  MESSAGE_LIMITS,
  messagingKeys,
  previewMessage,
  sendMessage,
  uploadMessageAttachment,
  type MessageAttachment,
  type MessageBatch,
  type PreviewRequest,
  type Rendered,
  type Template,
  type TemplateLanguage,
  TEMPLATE_LANGUAGES,
} from '../../api/messaging';
import type { Customer } from '../../api/types';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Banner, ErrorState } from '../../components/States';
import { formatDate, formatMoney, intlDisplayName } from '../../lib/format';
import { ConfirmDialog } from '../catalog/ConfirmDialog';
import { DialogShell } from '../customers/DialogShell';
import { fileProblem } from '../history/HistoryPanel';
import { formatBytes } from '../history/historyFormat';
import {
  buildRecipients,
  defaultRecipientKeys,
  hasComposerErrors,
  mapComposerErrors,
  noComposerErrors,
  recipientLanguage,
  recipientsToSend,
  type ComposerErrors,
  type RecipientOption,
} from './composer';
import { RichTextEditor, type RichTextHandle } from './RichTextEditor';
import { sanitizeHtml } from './richText';
import { useAllContacts, useRecentOrders, useTemplates } from './useMessagingData';
import './messaging.css';

type Attachment = MessageAttachment & { source: 'upload' | 'history' };
type Upload = { key: number; name: string; fraction: number; controller: AbortController };

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

export function EmailComposerDialog({
  customer,
  contactId,
  onClose,
  onSent,
}: {
  customer: Customer;
  /** Open with this contact chosen (instead of the main email). */
  contactId?: string | null;
  onClose: () => void;
  onSent: (batch: MessageBatch) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const contactsQuery = useAllContacts(customer.id);
  const contacts = useMemo(() => contactsQuery.data ?? [], [contactsQuery.data]);
  const options = useMemo(() => buildRecipients(customer, contacts), [customer, contacts]);
  const templatesQuery = useTemplates('email');
  const ordersQuery = useRecentOrders(customer.id);

  const [selected, setSelected] = useState<string[] | null>(null);
  const [subject, setSubject] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [pickHistory, setPickHistory] = useState(false);
  const [orderId, setOrderId] = useState('');
  const [templateLang, setTemplateLang] = useState<TemplateLanguage | null>(null);
  const [confirmReplace, setConfirmReplace] = useState<Template | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [errors, setErrors] = useState<ComposerErrors>(noComposerErrors);
  const [formError, setFormError] = useState<string | null>(null);
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; result: Rendered } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [usedTemplates, setUsedTemplates] = useState<string[]>([]);
  // On a narrow screen the templates start folded, so *Para* and the message come first.
  const [showTemplates, setShowTemplates] = useState(
    () => typeof window === 'undefined' || typeof window.matchMedia !== 'function' || !window.matchMedia('(max-width: 900px)').matches,
  );
  const editor = useRef<RichTextHandle>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const lastReplaced = useRef('');
  const uploadKey = useRef(0);
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = { to: useId(), body: useId(), templates: useId(), attach: useId(), preview: useId() };

  // Choose the default recipient once the contacts are known.
  if (selected === null && contactsQuery.isSuccess) setSelected(defaultRecipientKeys(options, contactId));

  const chosen = selected ?? [];
  const { keys: sendKeys, to: sendTo } = recipientsToSend(options, chosen);
  const language = templateLang ?? recipientLanguage(customer, contacts, sendKeys[0]);
  const templates = (templatesQuery.data ?? []).filter((x) => x.language === language);
  const effectivePreviewKey = previewKey && sendKeys.includes(previewKey) ? previewKey : sendKeys[0];

  function clearError(part: keyof ComposerErrors, key?: string) {
    setErrors((e) => {
      if (part === 'recipients' && key) {
        const { [key]: _gone, ...rest } = e.recipients;
        return { ...e, recipients: rest, to: undefined };
      }
      return { ...e, [part]: undefined };
    });
  }

  function toggle(option: RecipientOption) {
    if (option.disabled) return;
    setSelected((s) => {
      const list = s ?? [];
      return list.includes(option.key) ? list.filter((k) => k !== option.key) : [...list, option.key];
    });
    clearError('recipients', option.key);
    setPreview(null);
  }

  function isDirty(): boolean {
    return Boolean(subject.trim() || attachments.length || (editor.current && !editor.current.isBlank()));
  }

  function requestClose() {
    if (send.isPending) return;
    if (isDirty()) setConfirmDiscard(true);
    else onClose();
  }

  function bodyChanged() {
    if (errors.body) clearError('body');
    setPreview(null);
  }

  function noteTemplate(template: Template) {
    setUsedTemplates((u) => (u.includes(template.id) ? u : [...u, template.id]));
    if (!subject.trim() && template.subject) setSubject(template.subject);
  }

  function insertTemplate(template: Template) {
    editor.current?.insertHtml(template.body);
    noteTemplate(template);
  }

  function bodyEdited(): boolean {
    const ed = editor.current;
    return !!ed && !ed.isBlank() && ed.getHtml() !== lastReplaced.current;
  }

  function replaceWith(template: Template) {
    editor.current?.setHtml(template.body);
    lastReplaced.current = editor.current?.getHtml() ?? '';
    setUsedTemplates([template.id]);
    if (template.subject) setSubject(template.subject);
    setConfirmReplace(null);
    editor.current?.focus();
  }

  function askReplace(template: Template) {
    if (bodyEdited()) setConfirmReplace(template);
    else replaceWith(template);
  }

  // Attachments ---------------------------------------------------------------------------------
  const totalBytes = attachments.reduce((n, a) => n + a.size, 0);

  function addAttachment(a: Attachment): string | null {
    let problem: string | null = null;
    setAttachments((list) => {
      if (list.some((x) => x.id === a.id)) return list;
      if (list.length >= MESSAGE_LIMITS.attachments) {
        problem = t('messaging.composer.attach.tooMany', { max: MESSAGE_LIMITS.attachments });
        return list;
      }
      if (list.reduce((n, x) => n + x.size, 0) + a.size > MESSAGE_LIMITS.attachmentBytes) {
        problem = t('messaging.composer.attach.tooLarge', { size: formatBytes(MESSAGE_LIMITS.attachmentBytes, lang) });
        return list;
      }
      return [...list, a];
    });
    if (problem) setErrors((e) => ({ ...e, attachments: problem ?? undefined }));
    else clearError('attachments');
    return problem;
  }

  function removeAttachment(id: string) {
    setAttachments((list) => list.filter((a) => a.id !== id));
    setErrors((e) => {
      const { [id]: _gone, ...rest } = e.attachmentItems;
      return { ...e, attachmentItems: rest, attachments: undefined };
    });
  }

  async function uploadFiles(files: FileList | null) {
    if (!files) return;
    for (const file of [...files]) {
      const problem = fileProblem(file, t, lang);
      if (problem) {
        setErrors((e) => ({ ...e, attachments: problem }));
        continue;
      }
      if (totalBytes + file.size > MESSAGE_LIMITS.attachmentBytes) {
        setErrors((e) => ({ ...e, attachments: t('messaging.composer.attach.tooLarge', { size: formatBytes(MESSAGE_LIMITS.attachmentBytes, lang) }) }));
        continue;
      }
      const key = ++uploadKey.current;
      const controller = new AbortController();
      setUploads((u) => [...u, { key, name: file.name, fraction: 0, controller }]);
      try {
        const uploaded = await uploadMessageAttachment(customer.id, file, {
          signal: controller.signal,
          onProgress: (fraction) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, fraction } : x))),
        });
        addAttachment({ ...uploaded, source: 'upload' });
      } catch (e) {
        if (!(e instanceof DOMException && e.name === 'AbortError')) {
          const text =
            isApiError(e) && e.status === 413
              ? t('history.upload.tooLarge', { name: file.name, size: formatBytes(file.size, lang) })
              : isApiError(e) && e.status === 422
                ? t('messaging.composer.attach.unsupported', { name: file.name })
                : errorMessage(e, t);
          setErrors((x) => ({ ...x, attachments: text }));
        }
      } finally {
        setUploads((u) => u.filter((x) => x.key !== key));
      }
    }
    if (fileRef.current) fileRef.current.value = '';
  }

  // Preview and send ------------------------------------------------------------------------------
  function request(): { body: PreviewRequest | null; problems: ComposerErrors } {
    const problems = noComposerErrors();
    if (sendTo.length === 0) problems.to = t('messaging.composer.errors.noRecipient');
    if (sendTo.length > MESSAGE_LIMITS.recipients) problems.to = t('messaging.composer.errors.tooManyRecipients', { max: MESSAGE_LIMITS.recipients });
    if (!subject.trim()) problems.subject = t('messaging.composer.errors.subjectRequired');
    else if ([...subject.trim()].length > MESSAGE_LIMITS.subject) problems.subject = t('messaging.composer.errors.subjectLong', { max: MESSAGE_LIMITS.subject });
    const html = editor.current?.getHtml() ?? '';
    if (!editor.current || editor.current.isBlank()) problems.body = t('messaging.composer.errors.bodyRequired');
    else if (utf8Bytes(html) > MESSAGE_LIMITS.bodyBytes) problems.body = t('messaging.composer.errors.bodyLong');
    if (hasComposerErrors(problems)) return { body: null, problems };
    return {
      body: {
        channel: 'email',
        to: sendTo[0],
        subject: subject.trim(),
        body_html: html,
        ...(attachments.length ? { attachment_ids: attachments.map((a) => a.id) } : {}),
        ...(usedTemplates.length === 1 ? { template_id: usedTemplates[0] } : {}),
        ...(orderId ? { order_id: orderId } : {}),
      },
      problems,
    };
  }

  function focusFirst(found: ComposerErrors) {
    if (found.to || Object.keys(found.recipients).length) document.getElementById(ids.to)?.querySelector<HTMLElement>('input:not(:disabled)')?.focus();
    else if (found.subject) subjectRef.current?.focus();
    else if (found.body) editor.current?.focus();
    else if (found.attachments) document.getElementById(ids.attach)?.querySelector<HTMLElement>('button')?.focus();
  }

  function showServerErrors(e: unknown, keys: string[]): boolean {
    if (!isApiError(e) || e.status !== 422 || !e.fieldErrors.length) return false;
    const found = mapComposerErrors(e.fieldErrors, keys, attachments.map((a) => a.id), t);
    setErrors(found);
    if (found.other.length) setFormError(found.other.join(' · '));
    focusFirst(found);
    return true;
  }

  const previewCall = useMutation({
    mutationFn: ({ body }: { body: PreviewRequest; key: string }) => previewMessage(customer.id, body),
    onMutate: () => {
      setPreviewError(null);
      setFormError(null);
    },
    onSuccess: (result, { key }) => setPreview({ key, result }),
    onError: (e, { key }) => {
      setPreview(null);
      if (showServerErrors(e, [key])) setPreviewError(t('messaging.composer.preview.invalid'));
      else setPreviewError(errorMessage(e, t));
    },
  });

  function runPreview() {
    const { body, problems } = request();
    if (!body) {
      setErrors(problems);
      focusFirst(problems);
      return;
    }
    const key = effectivePreviewKey!;
    const option = options.find((o) => o.key === key);
    previewCall.mutate({ body: { ...body, to: option!.to! }, key });
  }

  const send = useMutation({
    mutationFn: (body: Parameters<typeof sendMessage>[1]) => sendMessage(customer.id, body),
    onMutate: () => setFormError(null),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(customer.id) });
      void queryClient.invalidateQueries({ queryKey: historyKeys.customer(customer.id) });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.all });
      onSent(batch);
    },
    onError: (e) => {
      if (showServerErrors(e, sendKeys)) {
        setFormError((f) => f ?? t('messaging.composer.errors.fix'));
        return;
      }
      setFormError(errorMessage(e, t));
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (send.isPending || uploads.length) return;
    const { body, problems } = request();
    setErrors(problems);
    if (!body) {
      setFormError(t('messaging.composer.errors.fix'));
      focusFirst(problems);
      return;
    }
    send.mutate({ ...body, to: sendTo });
  }

  const orders = ordersQuery.data?.items ?? [];
  const roleLabel = (o: RecipientOption) =>
    o.role === 'main' ? t('messaging.composer.mainEmail') : o.role ? t(`contacts.role.${o.role}`) : null;

  return (
    <>
      <DialogShell
        title={t('messaging.composer.title')}
        icon="mail"
        tone="neutral"
        busy={send.isPending}
        onClose={requestClose}
        testId="email-composer"
        initialFocus={subjectRef}
        actions={
          <>
            <button type="button" className="btn btn--secondary" onClick={requestClose} disabled={send.isPending}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn--secondary"
              onClick={runPreview}
              disabled={send.isPending || previewCall.isPending || sendKeys.length === 0}
              data-testid="composer-preview"
            >
              <Icon name="search" size={16} />
              {previewCall.isPending ? t('messaging.composer.preview.loading') : t('messaging.composer.preview.button')}
            </button>
            <button
              type="submit"
              form="email-composer-form"
              className="btn btn--primary"
              disabled={send.isPending || uploads.length > 0}
              data-testid="composer-send"
            >
              <Icon name="mail" size={16} />
              {send.isPending ? t('messaging.composer.sending') : t('messaging.composer.send', { count: Math.max(1, sendKeys.length) })}
            </button>
          </>
        }
      >
        <form id="email-composer-form" className="composer" onSubmit={submit} noValidate data-testid="composer-form">
          {formError ? (
            <div data-testid="composer-error">
              <Banner tone="critical" title={formError} />
            </div>
          ) : null}
          <div className="composer__grid">
            <div className="composer__main">
              <fieldset className={`composer__to${errors.to ? ' field--error' : ''}`} id={ids.to} aria-describedby={errors.to ? `${ids.to}-error` : undefined}>
                <legend className="field__label field__label--required">{t('messaging.composer.to')}</legend>
                {contactsQuery.isPending ? (
                  <div className="skeleton skeleton--line" aria-busy="true" />
                ) : contactsQuery.isError ? (
                  <ErrorState message={errorMessage(contactsQuery.error, t)} onRetry={() => void contactsQuery.refetch()} retrying={contactsQuery.isFetching} />
                ) : (
                  <ul className="composer__recipients" data-testid="composer-recipients">
                    {options.map((o) => (
                      <li key={o.key} className={`composer__recipient${o.disabled ? ' composer__recipient--disabled' : ''}${errors.recipients[o.key] ? ' composer__recipient--error' : ''}`}>
                        <label className="composer__recipient-label" data-testid="composer-recipient" data-key={o.key}>
                          <input
                            type="checkbox"
                            checked={chosen.includes(o.key)}
                            disabled={o.disabled}
                            onChange={() => toggle(o)}
                            aria-invalid={errors.recipients[o.key] ? true : undefined}
                          />
                          <span className="composer__recipient-text">
                            <span className="composer__recipient-name">
                              {o.name}
                              {roleLabel(o) ? <span className="composer__role">{roleLabel(o)}</span> : null}
                            </span>
                            <span className="composer__recipient-email muted">{o.email ?? t('messaging.composer.noEmail')}</span>
                          </span>
                        </label>
                        {errors.recipients[o.key] ? (
                          <p className="field__error" data-testid="composer-recipient-error">{errors.recipients[o.key]}</p>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
                {errors.to ? (
                  <p className="field__error" id={`${ids.to}-error`} data-testid="error-composer-to">{errors.to}</p>
                ) : null}
              </fieldset>

              <Field id="composer-subject" label={t('messaging.composer.subject')} required error={errors.subject}>
                <input
                  id="composer-subject"
                  ref={subjectRef}
                  type="text"
                  value={subject}
                  maxLength={MESSAGE_LIMITS.subject}
                  onChange={(e) => {
                    setSubject(e.target.value);
                    if (errors.subject) clearError('subject');
                    setPreview(null);
                  }}
                  aria-invalid={errors.subject ? true : undefined}
                  aria-describedby={errors.subject ? 'composer-subject-error' : undefined}
                  data-testid="composer-subject"
                />
              </Field>

              <div className={`field${errors.body ? ' field--error' : ''}`}>
                <span className="field__label field__label--required" id={ids.body}>
                  {t('messaging.composer.body')}
                </span>
                <RichTextEditor
                  id="composer-body"
                  ref={editor}
                  labelledBy={ids.body}
                  onChange={bodyChanged}
                  invalid={!!errors.body}
                  describedBy={errors.body ? 'composer-body-error' : undefined}
                  placeholder={t('messaging.composer.bodyPlaceholder')}
                  testId="composer-body"
                  minHeight={200}
                />
                {errors.body ? (
                  <p className="field__error" id="composer-body-error" data-testid="error-composer-body">{errors.body}</p>
                ) : null}
              </div>

              <div className="composer__attach" id={ids.attach} data-testid="composer-attachments">
                <div className="composer__attach-head">
                  <span className="field__label">{t('messaging.composer.attach.title')}</span>
                  <span className="composer__attach-buttons">
                    <input
                      ref={fileRef}
                      type="file"
                      multiple
                      className="visually-hidden"
                      tabIndex={-1}
                      aria-hidden="true"
                      onChange={(e) => void uploadFiles(e.target.files)}
                      data-testid="composer-file-input"
                    />
                    <button type="button" className="btn btn--secondary composer__btn" onClick={() => fileRef.current?.click()} data-testid="composer-upload">
                      <Icon name="plus" size={15} />
                      {t('messaging.composer.attach.upload')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--secondary composer__btn"
                      aria-expanded={pickHistory}
                      onClick={() => setPickHistory((p) => !p)}
                      data-testid="composer-from-history"
                    >
                      <Icon name="clock" size={15} />
                      {t('messaging.composer.attach.fromHistory')}
                    </button>
                  </span>
                </div>
                {attachments.length || uploads.length ? (
                  <ul className="composer__files" aria-label={t('messaging.composer.attach.listLabel')}>
                    {attachments.map((a) => (
                      <li key={a.id} className={`composer__file${errors.attachmentItems[a.id] ? ' composer__file--error' : ''}`} data-testid="composer-attachment">
                        <span className="composer__file-name">{a.name}</span>
                        <span className="muted">{formatBytes(a.size, lang)}</span>
                        <button
                          type="button"
                          className="icon-btn composer__file-remove"
                          onClick={() => removeAttachment(a.id)}
                          aria-label={t('messaging.composer.attach.remove', { name: a.name })}
                          title={t('messaging.composer.attach.remove', { name: a.name })}
                        >
                          <Icon name="close" size={14} />
                        </button>
                        {errors.attachmentItems[a.id] ? <span className="field__error">{errors.attachmentItems[a.id]}</span> : null}
                      </li>
                    ))}
                    {uploads.map((u) => (
                      <li key={`u${u.key}`} className="composer__file composer__file--uploading" role="status">
                        <span className="composer__file-name">{t('history.upload.uploading', { name: u.name })}</span>
                        <span className="muted">{t('history.upload.progress', { percent: Math.round(u.fraction * 100) })}</span>
                        <button type="button" className="btn btn--plain composer__btn" onClick={() => u.controller.abort()}>
                          {t('history.upload.cancel')}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="field__hint">{t('messaging.composer.attach.hint', { size: formatBytes(MESSAGE_LIMITS.attachmentBytes, lang), max: MESSAGE_LIMITS.attachments })}</p>
                )}
                {errors.attachments ? <p className="field__error" data-testid="error-composer-attachments">{errors.attachments}</p> : null}
                {pickHistory ? (
                  <HistoryFilePicker
                    customerId={customer.id}
                    chosen={attachments.map((a) => a.id)}
                    onToggle={(a, on) => (on ? addAttachment({ ...a, source: 'history' }) : removeAttachment(a.id))}
                  />
                ) : null}
              </div>

              <Field id="composer-order" label={t('messaging.composer.order')} hint={t('messaging.composer.orderHint')}>
                <select
                  id="composer-order"
                  value={orderId}
                  onChange={(e) => {
                    setOrderId(e.target.value);
                    setErrors((x) => ({ ...x, subject: undefined, body: undefined }));
                    setPreview(null);
                  }}
                  aria-describedby="composer-order-hint"
                  data-testid="composer-order"
                >
                  <option value="">{t('messaging.composer.noOrder')}</option>
                  {orders.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.number} · {formatDate(o.placed_at, lang)} · {formatMoney(o.total_minor, o.currency, lang)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>

            <aside className="composer__side" aria-labelledby={ids.templates} data-testid="composer-templates">
              <div className="composer__side-head">
                <h3 className="composer__side-title" id={ids.templates}>
                  <button
                    type="button"
                    className="composer__fold"
                    aria-expanded={showTemplates}
                    aria-controls={`${ids.templates}-list`}
                    onClick={() => setShowTemplates((s) => !s)}
                    data-testid="composer-templates-toggle"
                  >
                    <span className={`composer__chevron${showTemplates ? ' composer__chevron--open' : ''}`} aria-hidden="true" />
                    {t('messaging.composer.templates.title')}
                    {templates.length ? <span className="count-pill">{templates.length}</span> : null}
                  </button>
                </h3>
                <label className="composer__lang">
                  <span className="visually-hidden">{t('messaging.composer.templates.language')}</span>
                  <select value={language} onChange={(e) => setTemplateLang(e.target.value as TemplateLanguage)} data-testid="composer-template-language">
                    {TEMPLATE_LANGUAGES.map((l) => (
                      <option key={l} value={l}>
                        {intlDisplayName('language', l, lang)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <div id={`${ids.templates}-list`} className="composer__side-body" hidden={!showTemplates}>
              <p className="field__hint">{t('messaging.composer.templates.hint')}</p>
              {templatesQuery.isPending ? (
                <div className="skeleton skeleton--line" aria-busy="true" />
              ) : templatesQuery.isError ? (
                <ErrorState message={errorMessage(templatesQuery.error, t)} onRetry={() => void templatesQuery.refetch()} retrying={templatesQuery.isFetching} />
              ) : templates.length === 0 ? (
                <p className="muted composer__empty" data-testid="composer-templates-empty">
                  {t('messaging.composer.templates.empty', { language: intlDisplayName('language', language, lang) })}
                </p>
              ) : (
                <ul className="composer__templates">
                  {templates.map((tpl) => (
                    <li key={tpl.id} className="composer__template" data-testid="composer-template" data-template-id={tpl.id}>
                      <span className="composer__template-name">{tpl.name}</span>
                      {tpl.subject ? <span className="composer__template-subject muted">{tpl.subject}</span> : null}
                      <span className="composer__template-actions">
                        <button
                          type="button"
                          className="btn btn--secondary composer__btn"
                          onMouseDown={(e) => e.preventDefault()}
                          onClick={() => insertTemplate(tpl)}
                          aria-label={t('messaging.composer.templates.insertLabel', { name: tpl.name })}
                          data-testid="template-insert"
                        >
                          {t('messaging.composer.templates.insert')}
                        </button>
                        <button
                          type="button"
                          className="btn btn--plain composer__btn"
                          onClick={() => askReplace(tpl)}
                          aria-label={t('messaging.composer.templates.replaceLabel', { name: tpl.name })}
                          data-testid="template-replace"
                        >
                          {t('messaging.composer.templates.replace')}
                        </button>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              </div>
            </aside>
          </div>

          <section className="composer__preview" aria-labelledby={ids.preview} aria-live="polite" data-testid="composer-preview-panel">
            <div className="composer__preview-head">
              <h3 className="composer__side-title" id={ids.preview}>
                {t('messaging.composer.preview.title')}
              </h3>
              {sendKeys.length > 1 ? (
                <label className="composer__lang">
                  <span className="muted">{t('messaging.composer.preview.for')}</span>
                  <select
                    value={effectivePreviewKey}
                    onChange={(e) => {
                      setPreviewKey(e.target.value);
                      setPreview(null);
                    }}
                    data-testid="composer-preview-for"
                  >
                    {sendKeys.map((k) => {
                      const o = options.find((x) => x.key === k)!;
                      return (
                        <option key={k} value={k}>
                          {o.name} · {o.email}
                        </option>
                      );
                    })}
                  </select>
                </label>
              ) : null}
            </div>
            {previewError ? (
              <div data-testid="composer-preview-error">
                <Banner tone="warning" title={previewError}>
                  {[errors.subject, errors.body].filter(Boolean).join(' ') || null}
                </Banner>
              </div>
            ) : preview ? (
              <div className="composer__rendered" data-testid="composer-preview-result">
                <p className="composer__rendered-meta muted">
                  {t('messaging.composer.preview.to', { to: options.find((o) => o.key === preview.key)?.email ?? '' })}
                </p>
                <p className="composer__rendered-subject" data-testid="composer-preview-subject">{preview.result.subject}</p>
                <div
                  className="composer__rendered-body rte-content"
                  data-testid="composer-preview-body"
                  dangerouslySetInnerHTML={{ __html: sanitizeHtml(preview.result.body_html ?? '') }}
                />
              </div>
            ) : (
              <p className="muted composer__empty">{t('messaging.composer.preview.hint')}</p>
            )}
          </section>
        </form>
      </DialogShell>

      {confirmReplace ? (
        <DialogShell
          title={t('messaging.composer.templates.replaceTitle')}
          icon="alert"
          tone="warning"
          onClose={() => setConfirmReplace(null)}
          testId="confirm-replace"
          actions={
            <>
              <button type="button" className="btn btn--secondary" onClick={() => setConfirmReplace(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--primary" onClick={() => replaceWith(confirmReplace)} data-testid="confirm-replace-button">
                {t('messaging.composer.templates.replaceConfirm')}
              </button>
            </>
          }
        >
          <p>{t('messaging.composer.templates.replaceText', { name: confirmReplace.name })}</p>
        </DialogShell>
      ) : null}
      {confirmDiscard ? (
        <ConfirmDialog
          title={t('messaging.composer.discardTitle')}
          confirmLabel={t('messaging.composer.discard')}
          onConfirm={() => {
            setConfirmDiscard(false);
            onClose();
          }}
          onCancel={() => setConfirmDiscard(false)}
        >
          <p>{t('messaging.composer.discardText')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** The customer's files in its history, to attach without uploading again. */
function HistoryFilePicker({
  customerId,
  chosen,
  onToggle,
}: {
  customerId: string;
  chosen: string[];
  onToggle: (a: MessageAttachment, on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: [...historyKeys.customer(customerId), 'attachment-picker'] as const,
    queryFn: () => listHistory(customerId, ['attachment']),
  });
  const files = (query.data?.items ?? []).flatMap((item) => (item.attachment ? [item.attachment] : []));
  return (
    <div className="composer__picker" data-testid="composer-history-files">
      {query.isPending ? (
        <div className="skeleton skeleton--line" aria-busy="true" />
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : files.length === 0 ? (
        <p className="muted composer__empty">{t('messaging.composer.attach.historyEmpty')}</p>
      ) : (
        <ul className="composer__picker-list">
          {files.map((f) => (
            <li key={f.id}>
              <label className="checkbox composer__picker-item" data-testid="composer-history-file">
                <input
                  type="checkbox"
                  checked={chosen.includes(f.id)}
                  onChange={(e) => onToggle({ id: f.id, name: f.name, size: f.size, content_type: f.content_type }, e.target.checked)}
                />
                <span className="composer__file-name">{f.name}</span>
                <span className="muted">{formatBytes(f.size, i18n.language)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
