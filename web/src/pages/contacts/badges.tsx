import { useTranslation } from 'react-i18next';
import type { ContactAccess, ContactRole } from '../../api/contacts';

const ACCESS_TONE: Record<ContactAccess, string> = { invited: 'attention', active: 'success', revoked: 'critical' };

/** Whether the contact can sign in to the portal: *invitada*, *activa* or *revocada*. */
export function AccessBadge({ access }: { access: ContactAccess }) {
  const { t } = useTranslation();
  return (
    <span
      className={`badge badge--${ACCESS_TONE[access]} badge--dot`}
      title={t(`contacts.accessHint.${access}`)}
      data-testid="contact-access"
      data-access={access}
    >
      {t(`contacts.access.${access}`)}
    </span>
  );
}

export function RoleBadge({ role }: { role: ContactRole | null }) {
  const { t } = useTranslation();
  if (!role) return null;
  return (
    <span className={`badge ctc-role ctc-role--${role}`} data-testid="contact-role-badge" data-role={role}>
      {t(`contacts.role.${role}`)}
    </span>
  );
}
