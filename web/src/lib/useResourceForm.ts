// The state every edit form of the admin app keeps: the values, an error per field (from the
// form's own checks or a problem+json `errors[].field`), a form-level error, the 412 conflict
// of a stale `version`, and moving the focus to the first field in error after a failed save.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldMessages, isApiError, type ApiError } from '../api/errors';

/** A message per field (or per row cell, e.g. `prices.0.amount`); undefined means none. */
export type FormErrors = Record<string, string | undefined>;

type Translate = ReturnType<typeof useTranslation>['t'];

export interface ResourceFormOptions<V> {
  /** The values the form starts from (a function is called once). */
  initial: V | (() => V);
  /**
   * Fields in the order they show, and the id of each one's control: after a failed save the
   * first field in error in this order gets the focus. Without them, the first
   * `[aria-invalid="true"]` inside `formRef` does, else the banners (`bannerRef`).
   */
  order?: readonly string[];
  idOf?: (field: string) => string;
  /** Focuses one field's control, where that is not the element with id `idOf(field)`. */
  focusField?: (field: string) => void;
  /** The form-level message shown while fields are in error (none when left out). */
  fixMessage?: string;
  /**
   * A failed save's messages per field, or null when the error is not about fields. Default:
   * a 422 with `errors[]`, one translated message per input (`fieldMessages`).
   */
  serverErrors?: (error: unknown, t: Translate) => FormErrors | null;
  /** Which keys have a field on the form; the others are listed as `otherErrors`. Default: all. */
  isField?: (key: string) => boolean;
  /** A 412 (someone saved first). Default: `conflict` becomes true (the form shows a banner). */
  onConflict?: (error: ApiError) => void;
  /** Where a form-level error goes instead of `formError` (e.g. the page's message). */
  onFormError?: (message: string) => void;
}

const defaultServerErrors = (error: unknown, t: Translate): FormErrors | null =>
  isApiError(error) && error.status === 422 && error.fieldErrors.length ? fieldMessages(error.fieldErrors, t) : null;

const hasAny = (errors: FormErrors) => Object.values(errors).some(Boolean);

export function useResourceForm<V extends object>(options: ResourceFormOptions<V>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // Set after a failed save; the effect below moves the focus once the errors are rendered.
  const [focusRequest, setFocusRequest] = useState<{ run: () => void } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    focusRequest?.run();
  }, [focusRequest]);

  /** The first control marked invalid in the form, else the banners. */
  function focusInvalidOrBanner() {
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? bannerRef.current;
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  }

  /** Moves the focus to the first field of `found` in error (see `order`), else the banners. */
  function focusFirstError(found: FormErrors = {}) {
    const { order, idOf, focusField } = options;
    if (!order) {
      setFocusRequest({ run: focusInvalidOrBanner });
      return;
    }
    const first = order.find((f) => found[f]);
    if (first) {
      const focus = focusField ?? ((f: string) => idOf && document.getElementById(idOf(f))?.focus());
      setFocusRequest({ run: () => focus(first) });
    } else if (bannerRef.current) setFocusRequest({ run: focusInvalidOrBanner });
  }

  /** Clears the messages of `keys`. */
  const clearErrors = useCallback((...keys: string[]) => {
    setErrors((e) => {
      if (!keys.some((k) => e[k])) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  /** Sets one value and clears that field's message. */
  const set = useCallback(
    <K extends keyof V>(name: K, value: V[K]) => {
      setValues((v) => ({ ...v, [name]: value }));
      clearErrors(String(name));
    },
    [clearErrors],
  );

  /**
   * Shows the form's own findings: a message per field, the form-level `message` (`fixMessage`
   * unless given; the form-level error is left as it is when neither is) and the focus on the
   * first. Returns false when there are none.
   */
  function showErrors(found: FormErrors, message: string | null | undefined = options.fixMessage): boolean {
    setErrors(found);
    if (!hasAny(found)) return false;
    if (message !== undefined) setFormError(message);
    focusFirstError(found);
    return true;
  }

  /** Before a save: no form-level error or other errors from the last attempt (a conflict stays until `reset`). */
  function startSave() {
    setFormError(null);
    setOtherErrors([]);
  }

  /**
   * Shows why a save failed: a conflict, the fields in error, or one form-level message.
   * `serverErrors` replaces the option's for this failure (e.g. a second request's fields).
   */
  function fail(error: unknown, serverErrors = options.serverErrors) {
    if (isApiError(error) && error.status === 412) {
      if (options.onConflict) options.onConflict(error);
      else {
        setConflict(true);
        focusFirstError();
      }
      return;
    }
    const found = (serverErrors ?? defaultServerErrors)(error, t);
    if (found && hasAny(found)) {
      const isField = options.isField ?? (() => true);
      const entries = Object.entries(found).filter((e): e is [string, string] => Boolean(e[1]));
      const onFields = Object.fromEntries(entries.filter(([k]) => isField(k)));
      setErrors(onFields);
      setOtherErrors(entries.filter(([k]) => !isField(k)).map(([k, m]) => `${k}: ${m}`));
      setFormError(options.fixMessage ?? null);
      focusFirstError(onFields);
      return;
    }
    const message = errorMessage(error, t);
    if (options.onFormError) options.onFormError(message);
    else setFormError(message);
    focusFirstError();
  }

  /** Starts again from `next` (e.g. the latest version after a conflict), with no messages. */
  function reset(next: V) {
    setValues(next);
    setErrors({});
    setOtherErrors([]);
    setFormError(null);
    setConflict(false);
  }

  return {
    values,
    setValues,
    set,
    errors,
    setErrors,
    clearErrors,
    otherErrors,
    formError,
    setFormError,
    conflict,
    formRef,
    bannerRef,
    showErrors,
    startSave,
    fail,
    reset,
    focusFirstError,
  };
}
