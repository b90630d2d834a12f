import { useTranslation } from 'react-i18next';

/** A labelled form control with an optional hint and an inline error. */
export function Field({
  id,
  label,
  required,
  hint,
  error,
  children,
  wide,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: React.ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field--error' : ''}${wide ? ' field--wide' : ''}`}>
      <label
        className={`field__label${required ? ' field__label--required' : ''}`}
        htmlFor={id}
        title={required ? t('form.required') : undefined}
      >
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** aria attributes that tie a control to its Field's hint and error. */
export function describedBy(id: string, error?: string, hint?: string) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

/** A wide checkbox with its label, and its hint or inline error below. */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  hint,
  error,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint: string;
  error?: string;
}) {
  return (
    <div className={`field field--wide field--checkbox${error ? ' field--error' : ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...describedBy(id, error, hint)} />
        <span>{label}</span>
      </label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
