// *Historial* of one contact (F8): the events about this contact — changes, sign-ins, orders
// and messages — read like the customer's history panel (its entries are reused).
import { useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contactName, type Contact } from '../../api/contacts';
import { errorMessage } from '../../api/errors';
import { HISTORY_KINDS, type HistoryKind } from '../../api/history';
import { listContactHistory, messagingKeys } from '../../api/messaging';
import { EmptyState, ErrorState } from '../../components/States';
import { DialogShell } from '../customers/DialogShell';
import { HistoryDays, HistorySkeleton, KindIcon } from '../history/HistoryPanel';
import { groupByDay, type FormatContext } from '../history/historyFormat';
import '../history/history.css';
import './messaging.css';

/** The kinds a contact's events can have. */
const CONTACT_KINDS = HISTORY_KINDS.filter((k) => k !== 'note' && k !== 'attachment' && k !== 'comment');

export function ContactHistory({ contact, currency }: { contact: Contact; currency: string }) {
  const { t, i18n } = useTranslation();
  const [kinds, setKinds] = useState<HistoryKind[]>([]);
  const query = useInfiniteQuery({
    queryKey: messagingKeys.contactHistoryList(contact.id, kinds),
    queryFn: ({ pageParam }) => listContactHistory(contact.id, kinds, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchOnMount: 'always',
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const groups = useMemo(() => groupByDay(items), [items]);
  const ctx: FormatContext = { t, language: i18n.language, currency };
  const now = new Date();
  const toggle = (kind: HistoryKind) =>
    setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));

  return (
    <div className="history-panel contact-history" data-testid="contact-history">
      <div className="history-filters" role="group" aria-label={t('history.filters.label')}>
        <button type="button" className={`history-chip${kinds.length === 0 ? ' history-chip--on' : ''}`} aria-pressed={kinds.length === 0} onClick={() => setKinds([])}>
          {t('history.filters.all')}
        </button>
        {CONTACT_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`history-chip history-chip--${kind}${kinds.includes(kind) ? ' history-chip--on' : ''}`}
            aria-pressed={kinds.includes(kind)}
            onClick={() => toggle(kind)}
            data-testid={`contact-history-filter-${kind}`}
          >
            <KindIcon kind={kind} />
            {t(`history.filters.kinds.${kind}`)}
          </button>
        ))}
      </div>
      {query.isPending ? (
        <HistorySkeleton />
      ) : query.isError ? (
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : items.length === 0 ? (
        <div data-testid="contact-history-empty">
          <EmptyState icon="clock" title={kinds.length ? t('history.empty.filtered') : t('messaging.contactHistory.empty')}>
            {kinds.length ? null : t('messaging.contactHistory.emptyHint')}
          </EmptyState>
        </div>
      ) : (
        <HistoryDays groups={groups} now={now} ctx={ctx} query={query} moreTestId="contact-history-more" />
      )}
    </div>
  );
}

export function ContactHistoryDialog({ contact, currency, onClose }: { contact: Contact; currency: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <DialogShell
      title={t('messaging.contactHistory.title', { name: contactName(contact) })}
      icon="clock"
      tone="neutral"
      onClose={onClose}
      testId="contact-history-dialog"
      actions={
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t('contacts.dialog.close')}
        </button>
      }
    >
      <ContactHistory contact={contact} currency={currency} />
    </DialogShell>
  );
}
