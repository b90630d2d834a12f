// Messaging (F8, F25, F26, F27; docs/messaging.md): a customer's messages (one per recipient)
// by email or WhatsApp, composing and previewing, attachments, click-to-chat links, message
// templates and their placeholders, and a contact's history.
//
// Types come from the generated OpenAPI schema (its components follow docs/messaging.md).
import { api } from './client';
import { badBody, checked, ifMatch, isObject, items, unwrap, type Page } from './call';
import { HISTORY_PAGE_SIZE, postMultipart, type HistoryItem, type HistoryKind, type HistoryList, type UploadOptions } from './history';
import type { Settings, SettingsPatch } from './settings';
import type { components } from './schema';

type Schemas = components['schemas'];

export type Channel = Schemas['Message']['channel'];
export type MessageStatus = Schemas['Message']['status'];
export type TemplateLanguage = Schemas['MessageTemplate']['language'];

export const CHANNELS = ['email', 'whatsapp'] as const satisfies readonly Channel[];
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const satisfies readonly MessageStatus[];
export const TEMPLATE_LANGUAGES = ['es', 'en'] as const satisfies readonly TemplateLanguage[];

export type MessageAttachment = Schemas['MessageAttachment'];
/** A message to one recipient; GET /messages/{id} adds `body_html` and `body_text`. */
export type Message = Schemas['Message'] & { body_html?: string | null; body_text?: string | null };
export type MessageList = Page<Message>;
/** The 202 answer of a send: the first message's fields, every address, and each message. */
export type MessageBatch = Schemas['MessageBatch'];
export type Recipient = { contact_id: string } | { email: string } | { phone: string };
export type EmailSend = Omit<Schemas['MessageSend'], 'to'> & { channel: 'email'; to: Recipient[]; subject: string; body_html: string };
export type WhatsAppSend = Omit<Schemas['MessageSend'], 'to'> & { channel: 'whatsapp'; to: Recipient[]; template_id: string };
export type PreviewRequest = Omit<Schemas['MessagePreviewRequest'], 'to'> & { channel: 'email'; to: Recipient; subject: string; body_html: string };
export type Rendered = { subject: string | null; body_html: string | null; body_text: string | null };
export type Template = Schemas['MessageTemplate'];
export type TemplateInput = Schemas['MessageTemplateCreate'];
export type TemplatePatch = Schemas['MessageTemplatePatch'];
export type Placeholder = Schemas['Placeholder'];
export type WhatsAppLink = Schemas['WhatsAppLink'];
export type RenderRequest = Schemas['MessageRenderRequest'];
export type OrderStatusName = Settings['notify_order_status'][number];

/** The store settings with the messaging members (docs/messaging.md, "WhatsApp"). */
export type MessagingSettings = Settings;
export type MessagingSettingsPatch = SettingsPatch;

/** Limits the server checks (docs/messaging.md). */
export const MESSAGE_LIMITS = {
  recipients: 20,
  subject: 200,
  bodyBytes: 200_000,
  attachments: 10,
  attachmentBytes: 20 * 1024 * 1024,
  templateName: 100,
  templateBody: 100_000,
  providerName: 512,
} as const;
export const DEFAULT_WHATSAPP_API_BASE_URL = 'https://graph.facebook.com/v21.0';
export const DEFAULT_NOTIFY_ORDER_STATUS = ['confirmed', 'shipped', 'delivered'];
export const MESSAGES_PAGE_SIZE = 20;
export const PROVIDER_NAME_RE = /^[a-z0-9_]{1,512}$/;

// ---------------------------------------------------------------------------------------------

function message(body: unknown): Message {
  if (!isObject(body) || typeof body.id !== 'string' || typeof body.status !== 'string') throw badBody('message');
  return { ...body, attachments: Array.isArray(body.attachments) ? body.attachments : [] } as unknown as Message;
}

function template(body: unknown): Template {
  if (!isObject(body) || typeof body.id !== 'string' || typeof body.channel !== 'string') throw badBody('template');
  return { ...body, placeholders: Array.isArray(body.placeholders) ? body.placeholders : [] } as unknown as Template;
}

function rendered(body: unknown): Rendered {
  if (!isObject(body)) throw badBody('rendering');
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : null);
  return { subject: s('subject'), body_html: s('body_html'), body_text: s('body_text') };
}

// Messages ------------------------------------------------------------------------------------

export interface MessageFilters {
  status?: MessageStatus;
  channel?: Channel;
  contact_id?: string;
}

/** One page of a customer's messages, newest first. */
export async function listMessages(customerId: string, filters: MessageFilters = {}, cursor?: string | null): Promise<MessageList> {
  const page = items<unknown>(
    await unwrap(
      api().GET('/api/v1/customers/{id}/messages', {
        params: {
          path: { id: customerId },
          query: { ...filters, limit: MESSAGES_PAGE_SIZE, cursor: cursor ?? undefined },
        },
      }),
    ),
    'message list',
  );
  return { items: page.items.map(message), next_cursor: page.next_cursor };
}

/** Queues an email or WhatsApp template to 1–20 recipients: 202 with the batch. */
export async function sendMessage(customerId: string, body: EmailSend | WhatsAppSend): Promise<MessageBatch> {
  const batch = await unwrap(api().POST('/api/v1/customers/{id}/messages', { params: { path: { id: customerId } }, body }));
  if (!isObject(batch) || typeof batch.id !== 'string') throw badBody('message batch');
  return {
    ...(batch as unknown as MessageBatch),
    to: Array.isArray(batch.to) ? (batch.to as string[]) : [],
    messages: Array.isArray(batch.messages) ? batch.messages.map(message) : [],
  };
}

/** The composed subject and body rendered for one recipient, or 422 naming what is wrong. */
export async function previewMessage(customerId: string, body: PreviewRequest): Promise<Rendered> {
  return rendered(
    await unwrap(api().POST('/api/v1/customers/{id}/messages/preview', { params: { path: { id: customerId } }, body })),
  );
}

export async function getMessage(id: string): Promise<Message> {
  return message(await unwrap(api().GET('/api/v1/messages/{id}', { params: { path: { id } } })));
}

/** Queues a failed message again (202); 409 `not_failed` otherwise. */
export async function retryMessage(id: string): Promise<Message> {
  return message(await unwrap(api().POST('/api/v1/messages/{id}/retry', { params: { path: { id } } })));
}

/** Uploads one file to attach to a message (multipart, field `file`): 201 the attachment. */
export async function uploadMessageAttachment(
  customerId: string,
  file: File,
  options: Omit<UploadOptions, 'comment'> = {},
): Promise<MessageAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const body = await postMultipart(`/api/v1/customers/${encodeURIComponent(customerId)}/message-attachments`, form, options);
  return checked(body, 'attachment', (b) => typeof b.id === 'string');
}

export interface WhatsAppLinkQuery {
  contactId?: string | null;
  text?: string | null;
  templateId?: string | null;
}

/** The query of GET …/whatsapp-link: only the members that are set. */
export function whatsappLinkQuery(q: WhatsAppLinkQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.contactId) out.contact_id = q.contactId;
  if (q.text) out.text = q.text;
  if (q.templateId) out.template_id = q.templateId;
  return out;
}

export async function getWhatsAppLink(customerId: string, q: WhatsAppLinkQuery = {}): Promise<WhatsAppLink> {
  const body = await unwrap(
    api().GET('/api/v1/customers/{id}/whatsapp-link', {
      params: { path: { id: customerId }, query: whatsappLinkQuery(q) },
    }),
  );
  if (!isObject(body) || typeof body.url !== 'string') throw badBody('whatsapp link');
  return { url: body.url, phone: typeof body.phone === 'string' ? body.phone : '' };
}

/**
 * A click-to-chat URL for an E.164 number and an optional prefilled text:
 * ("+34 612 345 678", "Hola") → "https://wa.me/34612345678?text=Hola".
 */
export function buildWhatsAppUrl(phone: string, text?: string | null): string {
  const digits = phone.replace(/\D/g, '');
  const message = (text ?? '').trim();
  return message ? `https://wa.me/${digits}?text=${encodeURIComponent(message)}` : `https://wa.me/${digits}`;
}

// Templates -----------------------------------------------------------------------------------

export async function listTemplates(filters: { channel?: Channel; language?: TemplateLanguage } = {}): Promise<Template[]> {
  const page = items<unknown>(
    await unwrap(api().GET('/api/v1/message-templates', { params: { query: { ...filters } } })),
    'template list',
  );
  return page.items.map(template);
}

export async function getTemplate(id: string): Promise<Template> {
  return template(await unwrap(api().GET('/api/v1/message-templates/{id}', { params: { path: { id } } })));
}

export async function createTemplate(body: TemplateInput): Promise<Template> {
  return template(await unwrap(api().POST('/api/v1/message-templates', { body })));
}

/** PATCHes only `changes` with If-Match; a stale version answers 412. */
export async function updateTemplate(id: string, version: number, changes: TemplatePatch): Promise<Template> {
  return template(
    await unwrap(
      api().PATCH('/api/v1/message-templates/{id}', {
        params: { path: { id } },
        body: changes,
        headers: ifMatch(version),
      }),
    ),
  );
}

export async function deleteTemplate(id: string): Promise<void> {
  await unwrap(api().DELETE('/api/v1/message-templates/{id}', { params: { path: { id } }, parseAs: 'text' }));
}

export async function listPlaceholders(): Promise<Placeholder[]> {
  return items<Placeholder>(await unwrap(api().GET('/api/v1/message-templates/placeholders')), 'placeholder list').items;
}


export async function renderTemplate(id: string, body: RenderRequest): Promise<Rendered> {
  return rendered(await unwrap(api().POST('/api/v1/message-templates/{id}/render', { params: { path: { id } }, body })));
}

/** The body of a copy: the same template named "… (copia)". */
export function duplicateInput(t: Template, suffix: string): TemplateInput {
  const name = `${t.name} ${suffix}`;
  return {
    name: [...name].length > MESSAGE_LIMITS.templateName ? [...name].slice(0, MESSAGE_LIMITS.templateName).join('') : name,
    channel: t.channel,
    language: t.language,
    subject: t.channel === 'email' ? t.subject : null,
    body: t.body,
    ...(t.channel === 'whatsapp' ? { provider_template_name: t.provider_template_name } : {}),
  };
}

// A contact's history ---------------------------------------------------------------------------

export async function listContactHistory(
  contactId: string,
  kinds: readonly HistoryKind[],
  cursor?: string | null,
): Promise<HistoryList> {
  const page = items<HistoryItem>(
    await unwrap(
      api().GET('/api/v1/contacts/{id}/history', {
        params: {
          path: { id: contactId },
          query: { limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined, kind: kinds.length ? [...kinds] : undefined },
        },
      }),
    ),
    'contact history',
  );
  return page;
}

/** Query keys, so pages invalidate the right caches. */
export const messagingKeys = {
  all: ['messaging'] as const,
  messages: (customerId: string) => [...messagingKeys.all, 'messages', customerId] as const,
  messageList: (customerId: string, filters: MessageFilters) => [...messagingKeys.messages(customerId), filters] as const,
  message: (id: string) => [...messagingKeys.all, 'message', id] as const,
  templates: () => [...messagingKeys.all, 'templates'] as const,
  templateList: (filters: { channel?: Channel; language?: TemplateLanguage }) => [...messagingKeys.templates(), 'list', filters] as const,
  template: (id: string) => [...messagingKeys.templates(), 'one', id] as const,
  placeholders: () => [...messagingKeys.all, 'placeholders'] as const,
  whatsappLink: (customerId: string, contactId: string | null) => [...messagingKeys.all, 'whatsapp-link', customerId, contactId ?? ''] as const,
  contactHistory: (contactId: string) => [...messagingKeys.all, 'contact-history', contactId] as const,
  contactHistoryList: (contactId: string, kinds: readonly string[]) => [...messagingKeys.contactHistory(contactId), [...kinds]] as const,
};
