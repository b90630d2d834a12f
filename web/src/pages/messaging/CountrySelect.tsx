// The country phone numbers are read in (docs/messaging.md, "Phone numbers"): empty means the
// store's default country, which the first option names.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../components/address';
import { countryOptions } from '../addresses/countries';
import { useStoreSettings } from './useMessagingData';

export function CountrySelect({
  id,
  value,
  onChange,
  describedBy,
  invalid,
  testId,
  allowDefault = true,
  defaultLabel,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  describedBy?: string;
  invalid?: boolean;
  testId?: string;
  /** Offer "the store's default" (empty value). */
  allowDefault?: boolean;
  /** The empty option's text, when it is not the store's country (a contact takes its customer's). */
  defaultLabel?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const settings = useStoreSettings(allowDefault);
  const storeDefault = settings.data?.default_country || 'ES';
  const options = useMemo(() => countryOptions(lang), [lang]);
  const known = !value || options.some((o) => o.code === value);
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      data-testid={testId}
    >
      {allowDefault ? (
        <option value="">{defaultLabel ?? t('messaging.country.storeDefault', { country: countryName(storeDefault, lang) })}</option>
      ) : null}
      {known ? null : <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
