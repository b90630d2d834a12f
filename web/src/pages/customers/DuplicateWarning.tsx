// F33: after a customer is created, the customers whose tax ID, email or phone matched it
// (`possible_duplicates` of the POST answer, passed in the navigation state). A calm warning:
// the customer exists either way; each match links to the other customer.
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PossibleDuplicate } from '../../api/types';
import { Icon } from '../../components/Icon';
import { Banner } from '../../components/States';

const KNOWN = ['tax_id', 'email', 'phone'];

export function DuplicateWarning({ duplicates }: { duplicates: PossibleDuplicate[] | undefined }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  if (!duplicates || duplicates.length === 0) return null;

  // Dismissed for good: the navigation state (kept across reloads) forgets the matches.
  function dismiss() {
    const state = { ...((location.state as Record<string, unknown> | null) ?? {}), duplicates: [] };
    navigate(`${location.pathname}${location.search}`, { replace: true, state });
  }

  return (
    <div data-testid="duplicate-warning">
      <Banner
        tone="warning"
        title={t('duplicates.title')}
        action={
          <button type="button" className="btn btn--plain" onClick={dismiss} aria-label={t('duplicates.dismiss')}>
            <Icon name="close" size={16} />
          </button>
        }
      >
        <ul className="duplicate-list">
          {duplicates.map((d) => (
            <li key={`${d.id}-${d.matched_on}`} data-testid="duplicate-match" data-matched-on={d.matched_on}>
              {t(`duplicates.matchedOn.${KNOWN.includes(d.matched_on) ? d.matched_on : 'other'}`)}{' '}
              <Link to={`/admin/customers/${encodeURIComponent(d.id)}`} data-testid="duplicate-link">
                {d.name}
              </Link>
              .
            </li>
          ))}
        </ul>
        <p>{t('duplicates.text')}</p>
      </Banner>
    </div>
  );
}
