// *Pedidos* and *Productos favoritos* of one contact (F10, F20, F22).
import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  contactKeys,
  contactName,
  listContactFavorites,
  listContactOrders,
  removeContactFavorite,
  type Contact,
  type Favorite,
} from '../../api/contacts';
import { errorMessage, isApiError } from '../../api/errors';
import type { Order } from '../../api/orders';
import { Icon } from '../../components/Icon';
import { ErrorState } from '../../components/States';
import { formatDate } from '../../lib/format';
import { DialogShell } from '../customers/DialogShell';
import { OrdersTable } from '../orders/OrdersPage';

function Loading() {
  return (
    <div className="ctc-skeleton" aria-busy="true">
      <div className="skeleton skeleton--line" />
      <div className="skeleton skeleton--line skeleton--short" />
    </div>
  );
}

export function ContactOrdersDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: contactKeys.orders(contact.id),
    queryFn: ({ pageParam }) => listContactOrders(contact.id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const orders = (query.data?.pages.flatMap((p) => p.items) ?? []) as Order[];
  return (
    <DialogShell
      title={t('contacts.orders.title', { name: contactName(contact) })}
      icon="cart"
      tone="neutral"
      onClose={onClose}
      testId="contact-orders-dialog"
      actions={
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t('contacts.dialog.close')}
        </button>
      }
    >
      <div className="ctc-activity">
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : orders.length === 0 ? (
          <p className="muted" data-testid="contact-orders-empty">
            {t('contacts.orders.empty')}
          </p>
        ) : (
          <>
            <OrdersTable orders={orders} compact />
            {query.hasNextPage ? (
              <button
                type="button"
                className="btn btn--secondary ctc-btn--sm"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? t('common.loading') : t('contacts.orders.more')}
              </button>
            ) : null}
          </>
        )}
      </div>
    </DialogShell>
  );
}

export function ContactFavoritesDialog({
  contact,
  canWrite,
  onClose,
}: {
  contact: Contact;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({ queryKey: contactKeys.favorites(contact.id), queryFn: () => listContactFavorites(contact.id) });
  const remove = useMutation({
    mutationFn: (f: Favorite) => removeContactFavorite(contact.id, f.product_id),
    onMutate: () => setError(null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contactKeys.favorites(contact.id) }),
    onError: (e) => {
      if (isApiError(e) && e.status === 404) {
        void queryClient.invalidateQueries({ queryKey: contactKeys.favorites(contact.id) });
        return;
      }
      setError(errorMessage(e, t));
    },
  });
  const items = query.data ?? [];
  return (
    <DialogShell
      title={t('contacts.favorites.title', { name: contactName(contact) })}
      icon="tag"
      tone="neutral"
      busy={remove.isPending}
      onClose={onClose}
      testId="contact-favorites-dialog"
      actions={
        <button type="button" className="btn btn--secondary" onClick={onClose} disabled={remove.isPending}>
          {t('contacts.dialog.close')}
        </button>
      }
    >
      <div className="ctc-activity">
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : items.length === 0 ? (
          <p className="muted" data-testid="contact-favorites-empty">
            {t('contacts.favorites.empty')}
          </p>
        ) : (
          <ul className="ctc-favs" data-testid="contact-favorites">
            {items.map((f) => (
              <li key={f.product_id} className="ctc-fav" data-testid="contact-favorite">
                <span className="ctc-fav__text">
                  <Link to={`/admin/products/${encodeURIComponent(f.product_id)}`} className="ctc-fav__name">
                    {f.name}
                  </Link>
                  <span className="muted">
                    {f.sku} · {t('contacts.favorites.added', { date: formatDate(f.added_at, i18n.language) })}
                  </span>
                </span>
                {canWrite ? (
                  <button
                    type="button"
                    className="btn btn--plain ctc-btn--sm ctc-btn--critical"
                    onClick={() => remove.mutate(f)}
                    disabled={remove.isPending}
                    aria-label={t('contacts.favorites.removeLabel', { name: f.name })}
                    data-testid="remove-favorite"
                  >
                    <Icon name="trash" size={15} />
                    {t('contacts.favorites.remove')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </DialogShell>
  );
}
