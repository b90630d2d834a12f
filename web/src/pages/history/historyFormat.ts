// How a history item reads: who, what (in the UI language, from kind, type, changes and
// data), field changes as "Campo: antes → después", and the day it belongs to in the viewer's
// time zone. Pure functions, unit-tested.
import type { HistoryChange, HistoryItem } from '../../api/history';
import { formatDate, formatMoney, formatPercent, intlDisplayName, intlLocale } from '../../lib/format';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface FormatContext {
  t: Translate;
  /** UI language ("es", "en"). */
  language: string;
  /** The customer's currency, for amounts in minor units. */
  currency: string;
  /** Intl time zone; the viewer's when absent. */
  timeZone?: string;
  /** The changes belong to an order or quote (its `status` is the order's). */
  orderEvent?: boolean;
}

/** API field names whose label is the customer form's (`customer.fields.*`). */
const CUSTOMER_FIELD_LABELS: Record<string, string> = {
  credit_limit_minor: 'credit_limit',
  default_address: 'address',
  balance_overdue_minor: 'balance_overdue',
  balance_not_due_minor: 'balance_not_due',
};
const CUSTOMER_FIELDS = new Set([
  'name', 'legal_name', 'tax_id', 'external_id', 'customer_type', 'contact_person', 'email', 'phone',
  'whatsapp', 'status', 'temperature', 'discount_percent', 'currency', 'language', 'account_status',
  'registration_status', 'shared_account', 'credit_limit', 'payment_terms_days', 'payment_methods',
  'default_payment_method', 'shipping_method', 'logistics_notes', 'tags', 'address', 'last_order_at',
  'balance_overdue', 'balance_not_due',
]);

/** Enumerations whose values have labels elsewhere in the UI. */
const VALUE_LABELS: Record<string, (value: string) => string> = {
  status: (v) => `customer.status.${v}`,
  temperature: (v) => `customer.temperature.${v}`,
  customer_type: (v) => `customer.type.${v}`,
  account_status: (v) => `customer.accountStatus.${v}`,
  registration_status: (v) => `customer.registrationStatus.${v}`,
  payment_status: (v) => `orders.payment.${v}`,
  priority: (v) => `notes.priority.${v}`,
  kind: (v) => `history.fields.addressKind.${v}`,
  catalog_scope: (v) => `history.fields.catalogScope.${v}`,
};

/** The label of a changed field: the customer form's where it has one, else ours, else the API name. */
export function fieldLabel(field: string, t: Translate, orderEvent = false): string {
  if (orderEvent && field === 'status') return t('history.fields.orderStatus');
  const key = CUSTOMER_FIELD_LABELS[field] ?? field;
  if (CUSTOMER_FIELDS.has(key)) return t(`customer.fields.${key}`);
  const own = t(`history.fields.${field}`, { defaultValue: '' });
  return own || field;
}

function isDateOnly(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v);
}

function isInstant(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
}

/** A value as a person reads it: "—" for nothing, labels for enumerations, money, percent, dates. */
export function formatValue(field: string, value: unknown, ctx: FormatContext): string {
  const { t, language } = ctx;
  if (value === null || value === undefined || value === '') return t('common.none');
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => formatValue(field, v, ctx)).join(', ') : t('common.none');
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') {
    if (field === 'discount_percent') return formatPercent(value, language);
    if (field.endsWith('_minor')) return formatMoney(value, ctx.currency, language);
    if (field === 'payment_terms_days') return t('customer.detail.days', { count: value });
    return new Intl.NumberFormat(intlLocale(language)).format(value);
  }
  if (typeof value === 'string') {
    const label = ctx.orderEvent && field === 'status' ? (v: string) => `orders.status.${v}` : VALUE_LABELS[field];
    if (label) {
      const text = t(label(value), { defaultValue: '' });
      if (text) return text;
    }
    if (field === 'language') return intlDisplayName('language', value, language);
    if (field === 'country') return intlDisplayName('region', value, language);
    if (field === 'currency') return value;
    if (isDateOnly(value)) return formatDate(`${value}T12:00:00Z`, language, 'UTC');
    if (isInstant(value)) {
      const d = new Date(value);
      return new Intl.DateTimeFormat(intlLocale(language), {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
      }).format(d);
    }
    return value;
  }
  if (typeof value === 'object') {
    // An address or another small record: its non-empty values in order.
    const parts = Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && v !== '' && typeof v !== 'object')
      .map(String);
    return parts.length ? parts.join(', ') : t('common.none');
  }
  return String(value);
}

export interface ChangeLine {
  field: string;
  label: string;
  from: string;
  to: string;
}

/** One "Campo: antes → después" line. Long texts (notes, comments) are cut. */
export function formatChange(change: HistoryChange, ctx: FormatContext): ChangeLine {
  const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);
  return {
    field: change.field,
    label: fieldLabel(change.field, ctx.t, ctx.orderEvent),
    from: cut(formatValue(change.field, change.from, ctx)),
    to: cut(formatValue(change.field, change.to, ctx)),
  };
}

/** The plain-text line of a change: "Correo electrónico: a@b.es → c@d.es". */
export function changeText(line: ChangeLine): string {
  return `${line.label}: ${line.from} → ${line.to}`;
}

/** Who did it, for the item's first words. */
export function actorName(item: HistoryItem, t: Translate): string {
  const { actor } = item;
  if (actor.type === 'system') return t('history.actor.system');
  if (actor.type === 'quick_link') return actor.name || t('history.actor.quickLink');
  if (actor.type === 'contact') return t('history.actor.contact', { name: actor.name || t('history.actor.unknown') });
  return actor.name || t('history.actor.unknown');
}

function text(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : '';
}

/** What happened, after the actor's name: "cambió el estado del pedido P-000012". */
export function eventText(item: HistoryItem, t: Translate): string {
  const data = (item.data ?? {}) as Record<string, unknown>;
  const quote = (item.order?.kind ?? text(data, 'kind')) === 'quote';
  const number = item.order?.number ?? (text(data, 'number') || (item.order ? `#${item.order.id}` : ''));
  switch (item.type) {
    case 'customer_created':
      return t('history.events.customer_created');
    case 'customer_updated':
      return data.bulk === true ? t('history.events.customer_updated_bulk') : t('history.events.customer_updated');
    case 'customer_status_changed':
      return t('history.events.customer_status_changed');
    case 'address_added':
    case 'address_updated':
    case 'address_deleted': {
      const label = text(data, 'label');
      return label
        ? t(`history.events.${item.type}_label`, { label })
        : t(`history.events.${item.type}`);
    }
    case 'contacts_revoked':
      return t('history.events.contactsRevoked', { count: typeof data.revoked === 'number' ? data.revoked : 0 });
    case 'note_added':
    case 'note_updated':
    case 'note_deleted':
    case 'comment_added':
    case 'attachment_added':
      return t(`history.events.${item.type}`);
    case 'order_placed':
      return t(quote ? 'history.events.quote_placed' : 'history.events.order_placed', { number });
    case 'order_status_changed':
      return t(quote ? 'history.events.quote_status_changed' : 'history.events.order_status_changed', { number });
    case 'order_approved':
      return t('history.events.order_approved', { number });
    case 'order_updated':
      return t(quote ? 'history.events.quote_updated' : 'history.events.order_updated', { number });
    case 'quote_converted':
      return t('history.events.quote_converted', { number, order: text(data, 'order_number') });
    case 'contact_access_active':
      return data.invitation_accepted === true
        ? t('history.events.contact_invitation_accepted')
        : t('history.events.contact_access_active', { name: text(data, 'name') });
    case 'contact_added':
    case 'contact_updated':
    case 'contact_deleted':
    case 'contact_invited':
    case 'contact_access_revoked':
    case 'contact_registered':
    case 'contact_login':
    case 'contact_login_failed':
      return t(`history.events.${item.type}`, { name: text(data, 'name') });
    case 'message_queued':
    case 'message_sent':
    case 'message_delivered':
    case 'message_read':
    case 'message_failed': {
      const whatsapp = text(data, 'channel') === 'whatsapp';
      const subject = text(data, 'subject');
      const variant = whatsapp ? '_whatsapp' : subject ? '' : '_nosubject';
      return t(`history.events.${item.type}${variant}`, { subject, to: text(data, 'to') });
    }
    default:
      return t('history.events.other', { type: item.type.replace(/_/g, ' ') });
  }
}

/** The calendar day of an instant in the viewer's (or `timeZone`'s) zone: "2026-11-22". */
export function dayKey(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "Hoy", "Ayer", or the full date ("sábado, 21 de noviembre de 2026"). */
export function dayLabel(iso: string, now: Date, ctx: FormatContext): string {
  const key = dayKey(iso, ctx.timeZone);
  if (key === dayKey(now.toISOString(), ctx.timeZone)) return ctx.t('history.today');
  const yesterday = new Date(now.getTime() - 86_400_000);
  if (key === dayKey(yesterday.toISOString(), ctx.timeZone)) return ctx.t('history.yesterday');
  const label = new Intl.DateTimeFormat(intlLocale(ctx.language), {
    dateStyle: 'full',
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  }).format(new Date(iso));
  return label.charAt(0).toLocaleUpperCase(intlLocale(ctx.language)) + label.slice(1);
}

/** The time of day of an instant: "14:03". */
export function timeOfDay(iso: string, ctx: FormatContext): string {
  return new Intl.DateTimeFormat(intlLocale(ctx.language), {
    timeStyle: 'short',
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  }).format(new Date(iso));
}

export interface DayGroup {
  key: string;
  items: HistoryItem[];
}

/** Items (newest first) grouped by day, keeping their order. */
export function groupByDay(items: HistoryItem[], timeZone?: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const item of items) {
    const key = dayKey(item.at, timeZone);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, items: [item] });
  }
  return groups;
}

/** A byte count for people: "812 B", "48 KB", "3,2 MB". */
export function formatBytes(bytes: number, language: string): string {
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes / (1024 * 1024), 1)} MB`;
}
