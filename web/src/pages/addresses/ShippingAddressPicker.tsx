// The shipping address of a new order (F7): one of the customer's shipping addresses, the
// default preselected. The server copies the chosen one into the order (`shipping_address_id`);
// sent without one, it copies the default.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addressKeys, listAddresses, servesShipping } from '../../api/addresses';
import { addressLines } from '../../components/address';
import { describedBy, Field } from '../../components/Field';
import './addresses.css';

/**
 * `value` is the chosen address id, or null for "as the server decides" (the default, shown
 * selected). `onChange` gets an id, or '' for no address (offered only when there is no default).
 */
export function ShippingAddressPicker({
  customerId,
  value,
  onChange,
  error,
}: {
  customerId: string;
  value: string | null;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: addressKeys.list(customerId), queryFn: () => listAddresses(customerId) });
  const options = (query.data ?? []).filter((a) => servesShipping(a.kind));
  if (query.isPending || query.isError || options.length === 0) return null;
  const fallback = options.find((a) => a.is_default);
  const selected = value ?? fallback?.id ?? '';
  const chosen = options.find((a) => a.id === selected);
  const hint = t('addresses.order.hint');
  const summary = (id: string) => {
    const a = options.find((o) => o.id === id)!;
    const place = [a.postal_code, a.city].filter(Boolean).join(' ');
    const text = [a.label, a.line1, place].filter(Boolean).join(' · ');
    return a.is_default ? `${text} ${t('addresses.order.defaultSuffix')}` : text;
  };
  return (
    <div className="addr-picker">
      <Field id="order-shipping-address" label={t('addresses.order.label')} hint={hint} error={error}>
        <select
          id="order-shipping-address"
          value={selected}
          onChange={(e) => onChange(e.target.value)}
          data-testid="order-shipping-address"
          {...describedBy('order-shipping-address', error, hint)}
        >
          {fallback ? null : <option value="">{t('addresses.order.none')}</option>}
          {options.map((a) => (
            <option key={a.id} value={a.id}>
              {summary(a.id)}
            </option>
          ))}
        </select>
        {chosen ? (
          <address className="addr-picker__preview" data-testid="order-shipping-preview">
            {addressLines(chosen, i18n.language).map((line, i) => (
              <span key={i}>{line}</span>
            ))}
          </address>
        ) : null}
      </Field>
    </div>
  );
}
