// WhatsApp (F26, F27): the green icon opens a chat (click-to-chat link, optionally prefilled
// with a template rendered for the recipient); the blue one sends a WhatsApp template through
// the Business API — or, when the store has not set it up, explains what is needed.
import { useEffect, useId, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { contactName, type Contact } from '../../api/contacts';
import { errorMessage, isApiError } from '../../api/errors';
import { historyKeys } from '../../api/history';
import {
  buildWhatsAppUrl,
  getWhatsAppLink,
  messagingKeys,
  renderTemplate,
  sendMessage,
  TEMPLATE_LANGUAGES,
  type MessageBatch,
  type Recipient,
  type TemplateLanguage,
} from '../../api/messaging';
import type { Customer } from '../../api/types';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Banner, ErrorState } from '../../components/States';
import { formatDate, intlDisplayName } from '../../lib/format';
import { DialogShell } from '../customers/DialogShell';
import { fieldErrorText } from './composer';
import { useRecentOrders, useTemplates } from './useMessagingData';
import './messaging.css';

export interface PhoneOption {
  key: string;
  name: string;
  phone: string;
  contactId: string | null;
  language: TemplateLanguage;
  to: Recipient;
}

const lang2 = (l: string | null | undefined): TemplateLanguage => ((l ?? 'es').slice(0, 2) === 'en' ? 'en' : 'es');

/** Who can get a WhatsApp: the customer (its WhatsApp, else its phone) and each contact with a number. */
export function phoneOptions(
  customer: Pick<Customer, 'name' | 'phone' | 'whatsapp' | 'contact_person' | 'language'>,
  contacts: readonly Pick<Contact, 'id' | 'first_name' | 'last_name' | 'email' | 'phone' | 'whatsapp' | 'language'>[],
): PhoneOption[] {
  const out: PhoneOption[] = [];
  const main = customer.whatsapp?.trim() || customer.phone?.trim();
  if (main) {
    out.push({ key: 'customer', name: customer.name, phone: main, contactId: null, language: lang2(customer.language), to: { phone: main } });
  }
  for (const c of contacts) {
    const phone = c.whatsapp?.trim() || c.phone?.trim();
    if (!phone) continue;
    out.push({
      key: `contact:${c.id}`,
      name: contactName(c),
      phone,
      contactId: c.id,
      language: lang2(c.language || customer.language),
      to: { contact_id: c.id },
    });
  }
  return out;
}

/**
 * The chat URL to open: the server's link (its number read in the customer's country), with
 * `text` prefilled when there is one.
 */
export function chatUrl(link: { url: string; phone: string }, text: string): string {
  if (!text.trim()) return link.url;
  if (link.phone) return buildWhatsAppUrl(link.phone, text);
  try {
    const u = new URL(link.url);
    u.searchParams.set('text', text.trim());
    return u.toString();
  } catch {
    return link.url;
  }
}

function RecipientSelect({ id, options, value, onChange }: { id: string; options: PhoneOption[]; value: string; onChange: (key: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('messaging.whatsapp.recipient')} required>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="wa-recipient">
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.name} · {o.phone}
            {o.contactId ? '' : ` (${t('messaging.whatsapp.customerNumber')})`}
          </option>
        ))}
      </select>
    </Field>
  );
}

function TemplateSelect({
  id,
  value,
  language,
  onChange,
  onLanguage,
  optional,
}: {
  id: string;
  value: string;
  language: TemplateLanguage;
  onChange: (id: string) => void;
  onLanguage: (l: TemplateLanguage) => void;
  optional?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const query = useTemplates('whatsapp');
  const list = (query.data ?? []).filter((x) => x.language === language);
  return (
    <div className="wa-template">
      <Field id={id} label={t('messaging.whatsapp.template')} required={!optional} hint={optional ? t('messaging.whatsapp.templateOptional') : undefined}>
        {query.isError ? (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={query.isPending} data-testid="wa-template">
            <option value="">{optional ? t('messaging.whatsapp.noTemplate') : t('messaging.whatsapp.chooseTemplate')}</option>
            {list.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="select-label wa-template__lang">
        <span className="select-label__text">{t('messaging.composer.templates.language')}</span>
        <select value={language} onChange={(e) => onLanguage(e.target.value as TemplateLanguage)} data-testid="wa-template-language">
          {TEMPLATE_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {intlDisplayName('language', l, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {query.isSuccess && list.length === 0 ? <p className="muted">{t('messaging.whatsapp.noTemplates')}</p> : null}
    </div>
  );
}

/** The green icon's dialog: choose who, optionally a template, and open the chat in a new tab. */
export function WhatsAppChatDialog({
  customer,
  contacts,
  initialKey,
  onClose,
  canUseTemplates = true,
}: {
  customer: Customer;
  contacts: Contact[];
  initialKey?: string;
  onClose: () => void;
  /** Rendering a template is for staff who may write (viewers chat without one). */
  canUseTemplates?: boolean;
}) {
  const { t } = useTranslation();
  const options = useMemo(() => phoneOptions(customer, contacts), [customer, contacts]);
  const [key, setKey] = useState(initialKey && options.some((o) => o.key === initialKey) ? initialKey : (options[0]?.key ?? ''));
  const option = options.find((o) => o.key === key) ?? options[0];
  const [language, setLanguage] = useState<TemplateLanguage>(option?.language ?? 'es');
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState('');
  const [renderError, setRenderError] = useState<string | null>(null);
  const ids = { recipient: useId(), template: useId(), text: useId() };

  const link = useQuery({
    queryKey: messagingKeys.whatsappLink(customer.id, option?.contactId ?? null),
    queryFn: () => getWhatsAppLink(customer.id, { contactId: option?.contactId }),
    enabled: !!option,
    staleTime: 5 * 60_000,
  });

  const render = useMutation({
    mutationFn: (id: string) => renderTemplate(id, { customer_id: customer.id, ...(option?.contactId ? { contact_id: option.contactId } : {}) }),
    onMutate: () => setRenderError(null),
    onSuccess: (r) => setText(r.body_text ?? ''),
    onError: (e) => {
      if (isApiError(e) && e.status === 422 && e.fieldErrors.length) {
        setRenderError(e.fieldErrors.map((f) => fieldErrorText(f, t)).join(' '));
      } else setRenderError(errorMessage(e, t));
    },
  });

  // A new recipient or template: render the template for them.
  useEffect(() => {
    if (templateId) render.mutate(templateId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [templateId, option?.key]);

  const href = link.data ? chatUrl(link.data, text) : undefined;
  const linkError = link.isError ? (isApiError(link.error) && link.error.status === 422 ? t('messaging.whatsapp.invalidNumber') : errorMessage(link.error, t)) : null;

  return (
    <DialogShell
      title={t('messaging.whatsapp.chatTitle')}
      icon="whatsapp"
      tone="neutral"
      onClose={onClose}
      testId="wa-chat-dialog"
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <a
            className={`btn btn--primary wa-open${href ? '' : ' wa-open--disabled'}`}
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            aria-disabled={href ? undefined : true}
            onClick={(e) => {
              if (!href) {
                e.preventDefault();
                return;
              }
              setTimeout(onClose, 0);
            }}
            data-testid="wa-chat-link"
          >
            <Icon name="whatsapp" size={16} />
            {link.isPending ? t('messaging.whatsapp.preparing') : t('messaging.whatsapp.openChat')}
          </a>
        </>
      }
    >
      <div className="wa-form">
        {options.length === 0 ? (
          <p>{t('messaging.whatsapp.noNumbers')}</p>
        ) : (
          <>
            <RecipientSelect id={ids.recipient} options={options} value={option?.key ?? ''} onChange={(k) => { setKey(k); const o = options.find((x) => x.key === k); if (o) setLanguage(o.language); }} />
            {linkError ? (
              <p className="field__error" role="alert" data-testid="wa-link-error">
                {linkError}
              </p>
            ) : link.data ? (
              <p className="muted wa-number" data-testid="wa-number">
                {t('messaging.whatsapp.willOpen', { phone: link.data.phone || option?.phone })}
              </p>
            ) : null}
            {canUseTemplates ? (
              <TemplateSelect id={ids.template} value={templateId} language={language} onChange={(id) => { setTemplateId(id); if (!id) setText(''); }} onLanguage={(l) => { setLanguage(l); setTemplateId(''); }} optional />
            ) : null}
            <Field id={ids.text} label={t('messaging.whatsapp.text')} hint={t('messaging.whatsapp.textHint')} error={renderError ?? undefined}>
              <textarea id={ids.text} rows={5} value={text} onChange={(e) => setText(e.target.value)} disabled={render.isPending} data-testid="wa-text" />
            </Field>
          </>
        )}
      </div>
    </DialogShell>
  );
}

/** What the blue icon shows while the store has no WhatsApp Business API set up. */
export function WhatsAppNotConfiguredDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <DialogShell
      title={t('messaging.whatsapp.notConfigured.title')}
      icon="whatsapp"
      tone="warning"
      onClose={onClose}
      testId="wa-not-configured"
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            {t('messaging.close')}
          </button>
          <Link to="/admin/settings/notifications" className="btn btn--primary" data-testid="wa-go-settings">
            <Icon name="layers" size={16} />
            {t('messaging.whatsapp.notConfigured.goToSettings')}
          </Link>
        </>
      }
    >
      <p>{t('messaging.whatsapp.notConfigured.text')}</p>
      <ul className="wa-needs">
        <li>{t('messaging.whatsapp.notConfigured.phoneNumberId')}</li>
        <li>{t('messaging.whatsapp.notConfigured.accessToken')}</li>
        <li>{t('messaging.whatsapp.notConfigured.appSecret')}</li>
        <li>{t('messaging.whatsapp.notConfigured.verifyToken')}</li>
      </ul>
      <p className="muted">{t('messaging.whatsapp.notConfigured.where')}</p>
    </DialogShell>
  );
}

/** The blue icon's dialog: send a WhatsApp template to one number. */
export function WhatsAppSendDialog({
  customer,
  contacts,
  initialKey,
  onClose,
  onSent,
  onNotConfigured,
}: {
  customer: Customer;
  contacts: Contact[];
  initialKey?: string;
  onClose: () => void;
  onSent: (batch: MessageBatch) => void;
  onNotConfigured: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const options = useMemo(() => phoneOptions(customer, contacts), [customer, contacts]);
  const [key, setKey] = useState(initialKey && options.some((o) => o.key === initialKey) ? initialKey : (options[0]?.key ?? ''));
  const option = options.find((o) => o.key === key) ?? options[0];
  const [language, setLanguage] = useState<TemplateLanguage>(option?.language ?? 'es');
  const [templateId, setTemplateId] = useState('');
  const [orderId, setOrderId] = useState('');
  const [error, setError] = useState<{ template?: string; recipient?: string; form?: string }>({});
  const ids = { recipient: useId(), template: useId(), order: useId() };
  const orders = useRecentOrders(customer.id).data?.items ?? [];

  const preview = useQuery({
    queryKey: [...messagingKeys.template(templateId), 'render', customer.id, option?.contactId ?? '', orderId] as const,
    queryFn: () =>
      renderTemplate(templateId, {
        customer_id: customer.id,
        ...(option?.contactId ? { contact_id: option.contactId } : {}),
        ...(orderId ? { order_id: orderId } : {}),
      }),
    enabled: !!templateId && !!option,
    retry: false,
  });

  const send = useMutation({
    mutationFn: () =>
      sendMessage(customer.id, { channel: 'whatsapp', to: [option!.to], template_id: templateId, ...(orderId ? { order_id: orderId } : {}) }),
    onMutate: () => setError({}),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(customer.id) });
      void queryClient.invalidateQueries({ queryKey: historyKeys.customer(customer.id) });
      onSent(batch);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'whatsapp_not_configured') return onNotConfigured();
      if (isApiError(e) && e.status === 422 && e.fieldErrors.length) {
        const out: typeof error = {};
        for (const f of e.fieldErrors) {
          const text = fieldErrorText(f, t);
          if (f.field.startsWith('to')) out.recipient ??= text;
          else if (f.field === 'template_id' || f.field === 'body' || f.field === 'body_text') out.template ??= text;
          else out.form = [out.form, `${f.field}: ${text}`].filter(Boolean).join(' · ');
        }
        setError(out);
        return;
      }
      setError({ form: errorMessage(e, t) });
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (send.isPending) return;
    if (!templateId) {
      setError({ template: t('messaging.whatsapp.chooseTemplateError') });
      document.getElementById(ids.template)?.focus();
      return;
    }
    send.mutate();
  }

  const previewError =
    preview.isError && isApiError(preview.error) && preview.error.status === 422
      ? preview.error.fieldErrors.map((f) => fieldErrorText(f, t)).join(' ') || errorMessage(preview.error, t)
      : preview.isError
        ? errorMessage(preview.error, t)
        : null;

  return (
    <DialogShell
      title={t('messaging.whatsapp.sendTitle')}
      icon="whatsapp"
      tone="neutral"
      busy={send.isPending}
      onClose={onClose}
      testId="wa-send-dialog"
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={send.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="wa-send-form" className="btn btn--primary" disabled={send.isPending || options.length === 0} data-testid="wa-send">
            <Icon name="whatsapp" size={16} />
            {send.isPending ? t('messaging.composer.sending') : t('messaging.whatsapp.send')}
          </button>
        </>
      }
    >
      <form id="wa-send-form" className="wa-form" onSubmit={submit} noValidate>
        {error.form ? <Banner tone="critical" title={error.form} /> : null}
        {options.length === 0 ? (
          <p>{t('messaging.whatsapp.noNumbers')}</p>
        ) : (
          <>
            <RecipientSelect id={ids.recipient} options={options} value={option?.key ?? ''} onChange={(k) => { setKey(k); const o = options.find((x) => x.key === k); if (o) setLanguage(o.language); setError({}); }} />
            {error.recipient ? <p className="field__error" role="alert">{error.recipient}</p> : null}
            <TemplateSelect id={ids.template} value={templateId} language={language} onChange={(id) => { setTemplateId(id); setError({}); }} onLanguage={(l) => { setLanguage(l); setTemplateId(''); }} />
            {error.template ? <p className="field__error" role="alert" data-testid="wa-template-error">{error.template}</p> : null}
            <Field id={ids.order} label={t('messaging.composer.order')} hint={t('messaging.composer.orderHint')}>
              <select id={ids.order} value={orderId} onChange={(e) => setOrderId(e.target.value)}>
                <option value="">{t('messaging.composer.noOrder')}</option>
                {orders.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.number} · {formatDate(o.placed_at, i18n.language)}
                  </option>
                ))}
              </select>
            </Field>
            {templateId ? (
              <div className="wa-preview" aria-live="polite" data-testid="wa-preview">
                <span className="field__label">{t('messaging.composer.preview.title')}</span>
                {preview.isPending ? (
                  <div className="skeleton skeleton--line" aria-busy="true" />
                ) : previewError ? (
                  <p className="field__error">{previewError}</p>
                ) : (
                  <p className="wa-bubble pre">{preview.data?.body_text}</p>
                )}
              </div>
            ) : null}
          </>
        )}
      </form>
    </DialogShell>
  );
}
