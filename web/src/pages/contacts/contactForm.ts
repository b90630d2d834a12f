// The contact form's model: values, client checks, role → permission defaults and the body
// sent to the server (only what changed on edit). Kept apart from the dialog so it is tested
// without rendering.
import {
  CONTACT_LIMITS,
  defaultPermissions,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PERMISSIONS,
  type Contact,
  type ContactInput,
  type ContactPatch,
  type ContactRole,
  type Permission,
} from '../../api/contacts';
import { isApiError, fieldMessages } from '../../api/errors';

type Translate = (key: string, options?: Record<string, unknown>) => string;
export type TextField = keyof typeof CONTACT_LIMITS;
export const TEXT_FIELDS: TextField[] = ['first_name', 'last_name', 'email', 'whatsapp', 'phone', 'department'];

export interface ContactValues {
  first_name: string;
  last_name: string;
  email: string;
  whatsapp: string;
  phone: string;
  department: string;
  /** '' is "no role". */
  role: ContactRole | '';
  /** '' is "the customer's language". */
  language: string;
  /** ISO 3166-1 alpha-2 the phone numbers are read in; '' is the store's default. */
  country: string;
  permissions: Permission[];
  /** True once the person changed a permission: the role no longer rewrites them. */
  permissionsTouched: boolean;
  password: string;
}

export type ContactErrors = Partial<Record<TextField | 'role' | 'permissions' | 'password' | 'language' | 'country', string>>;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Permissions in the order the form lists them. */
export function sortPermissions(list: readonly Permission[]): Permission[] {
  return PERMISSIONS.filter((p) => list.includes(p));
}

export function emptyContactValues(): ContactValues {
  return {
    first_name: '',
    last_name: '',
    email: '',
    whatsapp: '',
    phone: '',
    department: '',
    role: '',
    language: '',
    country: '',
    permissions: defaultPermissions(null),
    permissionsTouched: false,
    password: '',
  };
}

export function contactValues(c: Contact): ContactValues {
  return {
    first_name: c.first_name,
    last_name: c.last_name ?? '',
    email: c.email,
    whatsapp: c.whatsapp ?? '',
    phone: c.phone ?? '',
    department: c.department ?? '',
    role: c.role ?? '',
    language: c.language ?? '',
    country: c.country ?? '',
    permissions: sortPermissions(c.permissions),
    // Permissions that differ from the role's defaults were chosen by someone: keep them.
    permissionsTouched: !sameSet(c.permissions, defaultPermissions(c.role)),
    password: '',
  };
}

/** A new role brings its default permissions, unless the person already chose them. */
export function withRole(v: ContactValues, role: ContactRole | ''): ContactValues {
  return {
    ...v,
    role,
    permissions: v.permissionsTouched ? v.permissions : defaultPermissions(role || null),
  };
}

export function withPermission(v: ContactValues, permission: Permission, on: boolean): ContactValues {
  const next = on ? [...v.permissions, permission] : v.permissions.filter((p) => p !== permission);
  return { ...v, permissions: sortPermissions(next), permissionsTouched: true };
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client checks before sending; the server checks again. */
export function checkContact(v: ContactValues, t: Translate): ContactErrors {
  const errors: ContactErrors = {};
  for (const f of TEXT_FIELDS) {
    const text = v[f].trim();
    if ([...text].length > CONTACT_LIMITS[f]) errors[f] = t('contacts.errors.tooLong', { max: CONTACT_LIMITS[f] });
  }
  if (!v.first_name.trim()) errors.first_name = t('contacts.errors.firstNameRequired');
  if (!v.email.trim()) errors.email = t('contacts.errors.emailRequired');
  else if (!errors.email && !EMAIL_RE.test(v.email.trim())) errors.email = t('contacts.errors.emailInvalid');
  if (v.password) {
    const n = [...v.password].length;
    if (n < PASSWORD_MIN) errors.password = t('contacts.errors.passwordShort', { min: PASSWORD_MIN });
    else if (n > PASSWORD_MAX) errors.password = t('contacts.errors.passwordLong', { max: PASSWORD_MAX });
  }
  return errors;
}

const clean = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/**
 * The POST body. Untouched permissions are left out so the server applies the role's
 * defaults (the same ones the form shows).
 */
export function createBody(v: ContactValues): ContactInput {
  const body: ContactInput = { first_name: v.first_name.trim(), email: v.email.trim() };
  for (const f of ['last_name', 'whatsapp', 'phone', 'department'] as const) {
    const value = clean(v[f]);
    if (value !== null) body[f] = value;
  }
  if (v.role) body.role = v.role;
  if (v.language) body.language = v.language;
  if (v.country) body.country = v.country;
  if (v.permissionsTouched) body.permissions = v.permissions;
  if (v.password) body.password = v.password;
  return body;
}

/** Only what changed; an empty object means nothing to save. */
export function patchBody(before: Contact, v: ContactValues): ContactPatch {
  const changes: ContactPatch = {};
  if (v.first_name.trim() !== before.first_name) changes.first_name = v.first_name.trim();
  if (v.email.trim() !== before.email) changes.email = v.email.trim();
  for (const f of ['last_name', 'whatsapp', 'phone', 'department'] as const) {
    const value = clean(v[f]);
    if (value !== (before[f] ?? null)) changes[f] = value;
  }
  if ((v.role || null) !== (before.role ?? null)) changes.role = v.role || null;
  if ((v.language || null) !== (before.language ?? null)) changes.language = v.language || null;
  if ((v.country || null) !== (before.country ?? null)) changes.country = v.country || null;
  if (!sameSet(v.permissions, before.permissions)) changes.permissions = v.permissions;
  if (v.password) changes.password = v.password;
  return changes;
}

/**
 * The server's refusals as messages on the fields they concern: 409 `email_taken` on the
 * email, 409 `purchasing_contact_exists` on the role, 422 `errors` on each named field.
 * Null when the error is not about a field.
 */
export function serverContactErrors(e: unknown, t: Translate): ContactErrors | null {
  if (!isApiError(e)) return null;
  if (e.code === 'email_taken') return { email: t('contacts.errors.emailTaken') };
  if (e.code === 'purchasing_contact_exists') return { role: t('contacts.errors.purchasingExists') };
  if (e.status === 422 && e.fieldErrors.length) {
    const messages = fieldMessages(e.fieldErrors, t) as ContactErrors & Record<string, string>;
    if (messages.email && e.fieldErrors.some((f) => f.field === 'email' && f.code === 'invalid')) {
      messages.email = t('contacts.errors.emailInvalid');
    }
    if (messages.password) messages.password = t('contacts.errors.passwordShort', { min: PASSWORD_MIN });
    return messages;
  }
  return null;
}
