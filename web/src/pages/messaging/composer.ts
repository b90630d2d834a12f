// The email composer's model, apart from the dialog so it is tested without rendering: who can
// receive it (the customer's main email and each contact), the body sent, and the server's 422
// field errors placed on the recipient, subject, body or attachment they concern.
import { contactName, type Contact } from '../../api/contacts';
import { FIELD_ERROR_CODES } from '../../api/errors';
import type { Customer, FieldError } from '../../api/types';
import type { Recipient } from '../../api/messaging';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface RecipientOption {
  /** `customer` for the main email, `contact:{id}` for a contact. */
  key: string;
  name: string;
  /** The contact's role (`purchasing`, …), `main` for the customer's email, null without one. */
  role: string | null;
  email: string | null;
  contactId: string | null;
  disabled: boolean;
  /** What goes in `to[]`. */
  to: Recipient | null;
}

export const CUSTOMER_KEY = 'customer';

/** The customer's main email first, then each contact; those without an email cannot be chosen. */
export function buildRecipients(
  customer: Pick<Customer, 'name' | 'email' | 'contact_person'>,
  contacts: readonly Pick<Contact, 'id' | 'first_name' | 'last_name' | 'email' | 'role'>[],
): RecipientOption[] {
  const main = customer.email?.trim() || null;
  const out: RecipientOption[] = [
    {
      key: CUSTOMER_KEY,
      name: customer.contact_person?.trim() || customer.name,
      role: 'main',
      email: main,
      contactId: null,
      disabled: !main,
      to: main ? { email: main } : null,
    },
  ];
  for (const c of contacts) {
    const email = c.email?.trim() || null;
    out.push({
      key: `contact:${c.id}`,
      name: contactName({ first_name: c.first_name, last_name: c.last_name, email: email ?? '' }),
      role: c.role ?? null,
      email,
      contactId: c.id,
      disabled: !email,
      to: email ? { contact_id: c.id } : null,
    });
  }
  return out;
}

/** The first recipient that can be chosen: the main email, else the first contact with one. */
export function defaultRecipientKeys(options: readonly RecipientOption[], contactId?: string | null): string[] {
  if (contactId) {
    const c = options.find((o) => o.contactId === contactId && !o.disabled);
    if (c) return [c.key];
  }
  const first = options.find((o) => !o.disabled);
  return first ? [first.key] : [];
}

/** The `to` of a send, in the order the options are listed (which the error paths index). */
export function recipientsToSend(options: readonly RecipientOption[], selected: readonly string[]): { keys: string[]; to: Recipient[] } {
  const keys: string[] = [];
  const to: Recipient[] = [];
  for (const o of options) {
    if (!selected.includes(o.key) || o.disabled || !o.to) continue;
    keys.push(o.key);
    to.push(o.to);
  }
  return { keys, to };
}

/** The language of the templates offered: the chosen contact's, else the customer's, else Spanish. */
export function recipientLanguage(
  customer: Pick<Customer, 'language'>,
  contacts: readonly Pick<Contact, 'id' | 'language'>[],
  firstKey: string | undefined,
): 'es' | 'en' {
  const contact = firstKey?.startsWith('contact:') ? contacts.find((c) => `contact:${c.id}` === firstKey) : undefined;
  const lang = (contact?.language || customer.language || 'es').slice(0, 2);
  return lang === 'en' ? 'en' : 'es';
}

export interface ComposerErrors {
  /** On the *Para* field as a whole. */
  to?: string;
  /** By recipient key. */
  recipients: Record<string, string>;
  subject?: string;
  body?: string;
  /** On *Adjuntar* as a whole. */
  attachments?: string;
  /** By attachment id. */
  attachmentItems: Record<string, string>;
  /** Errors on no field the form shows. */
  other: string[];
}

const MESSAGING_CODES = ['unknown_placeholder', 'unavailable_placeholder', 'no_email', 'not_found', 'too_large'];

/** A field error in words: the app's common wording, ours for messaging codes, else the server's. */
export function fieldErrorText(e: FieldError, t: Translate): string {
  if (MESSAGING_CODES.includes(e.code)) return t(`messaging.errors.code.${e.code}`, { detail: e.message || e.code });
  if ((FIELD_ERROR_CODES as readonly string[]).includes(e.code)) return t(`errors.field.${e.code}`);
  return e.message || t('errors.field.invalid');
}

/**
 * Places a problem's `errors` (`to[0].email`, `to[1].contact_id`, `subject`, `body_html`,
 * `attachment_ids[2]`) on the composer: `sentKeys` and `sentAttachments` are the recipient keys
 * and attachment ids in the order they were sent.
 */
export function mapComposerErrors(
  errors: readonly FieldError[],
  sentKeys: readonly string[],
  sentAttachments: readonly string[],
  t: Translate,
): ComposerErrors {
  const out: ComposerErrors = { recipients: {}, attachmentItems: {}, other: [] };
  for (const e of errors) {
    const text = fieldErrorText(e, t);
    const to = /^to(?:\[(\d+)\])?/.exec(e.field);
    const att = /^attachment_ids(?:\[(\d+)\])?/.exec(e.field);
    if (to) {
      const key = to[1] !== undefined ? sentKeys[Number(to[1])] : undefined;
      if (key) out.recipients[key] ??= text;
      out.to ??= text;
    } else if (e.field === 'subject') {
      out.subject ??= text;
    } else if (e.field === 'body_html' || e.field === 'body') {
      out.body ??= text;
    } else if (att) {
      const id = att[1] !== undefined ? sentAttachments[Number(att[1])] : undefined;
      if (id) out.attachmentItems[id] ??= text;
      out.attachments ??= text;
    } else {
      out.other.push(e.field ? `${e.field}: ${text}` : text);
    }
  }
  return out;
}

export function hasComposerErrors(e: ComposerErrors): boolean {
  return Boolean(e.to || e.subject || e.body || e.attachments || e.other.length || Object.keys(e.recipients).length);
}

export const noComposerErrors = (): ComposerErrors => ({ recipients: {}, attachmentItems: {}, other: [] });

/** `{{name}}` as a template writes it. */
export const placeholderToken = (name: string) => `{{${name}}}`;
