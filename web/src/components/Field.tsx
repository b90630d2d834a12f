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
