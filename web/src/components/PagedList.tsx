import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { ErrorState } from './States';

/** What PagedList reads of a useInfiniteQuery result. */
interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isFetchNextPageError: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/**
 * A list loaded page by page (customers, orders, products): `skeleton` while the first page
 * loads, an error with "retry" when nothing could be shown, `empty` with no items, else the
 * items (`children`), a failed next page, and a footer with `status` and "load more".
 */
export function PagedList({
  query,
  count,
  skeleton,
  empty,
  status,
  loadMoreLabel,
  loadMoreTestId,
  children,
}: {
  query: PagedQuery;
  /** How many items are shown. */
  count: number;
  skeleton: React.ReactNode;
  empty: React.ReactNode;
  status: React.ReactNode;
  loadMoreLabel: string;
  loadMoreTestId: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return skeleton;
  if (query.isError && count === 0) {
    return (
      <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    );
  }
  if (count === 0) return empty;
  return (
    <>
      {children}
      {query.isFetchNextPageError ? (
        <ErrorState
          message={errorMessage(query.error, t)}
          onRetry={() => void query.fetchNextPage()}
          retrying={query.isFetchingNextPage}
        />
      ) : null}
      <div className="section__footer">
        {status}
        {query.hasNextPage ? (
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid={loadMoreTestId}
          >
            {query.isFetchingNextPage ? t('common.loading') : loadMoreLabel}
          </button>
        ) : null}
      </div>
    </>
  );
}
