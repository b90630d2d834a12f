import { useEffect, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys, listCustomers, PAGE_SIZE } from '../../api/customers';
import {
  CUSTOMER_STATUSES,
  TEMPERATURES,
  type CustomerStatus,
  type Temperature,
} from '../../api/types';
import { useCanWrite } from '../../auth';
import { CustomerCard } from '../../components/CustomerCard';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { Icon } from '../../components/Icon';
import { PagedList } from '../../components/PagedList';
import { CardSkeleton, EmptyState } from '../../components/States';
import { pickParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { BULK_MAX_CUSTOMERS, tagKeys, type BulkTagsResult } from '../../api/tags';
import { BulkTagDialog, type BulkMode } from '../tags/BulkTagDialog';
import { TagInput } from '../tags/TagInput';
import { pageSelectionState, toggleAll, toggleSelected, type Selection } from '../tags/tagList';
import { DeletedNotice } from './CustomerActions';
import { CustomerActionsMenu } from '../transfer/CustomerActionsMenu';
import { MessagingActions } from '../messaging/MessagingActions';

export const SEARCH_DEBOUNCE_MS = 250;
const SORTS = ['name', '-created_at', '-last_order_at'] as const;
type Sort = (typeof SORTS)[number];


/** The customers page: search, filters, and the current / potential sections. */
export function CustomersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('customers.title'));
  const canWrite = useCanWrite();
  const { params, urlQ, search, setSearch, updateParams, clearAll } = useUrlFilters(SEARCH_DEBOUNCE_MS);
  const status = pickParam(params.get('status'), CUSTOMER_STATUSES);
  const temperature = pickParam(params.get('temperature'), TEMPERATURES);
  const sort = pickParam(params.get('sort'), SORTS);
  const tags = params.getAll('tag');
  const tagsKey = JSON.stringify(tags);
  const queryClient = useQueryClient();

  // The selection for bulk actions: ids picked on this page, cleared when the filters change.
  const [selection, setSelection] = useState<Selection>([]);
  const [dialog, setDialog] = useState<BulkMode | null>(null);
  const [notice, setNotice] = useState<{ mode: BulkMode; result: BulkTagsResult } | null>(null);
  const filterKey = params.toString();
  const [selectionFor, setSelectionFor] = useState(filterKey);
  if (selectionFor !== filterKey) {
    setSelectionFor(filterKey);
    setSelection([]);
  }
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(null), 10_000);
    return () => clearTimeout(id);
  }, [notice]);

  function onBulkDone(mode: BulkMode, result: BulkTagsResult) {
    setDialog(null);
    setSelection([]);
    setNotice({ mode, result });
    void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    void queryClient.invalidateQueries({ queryKey: tagKeys.all });
  }

  const filtered = Boolean(urlQ || status || temperature || tags.length);
  const sections: CustomerStatus[] = status ? [status] : ['current', 'potential'];

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('customers.title')}</h1>
          <p className="page-subtitle">{t('customers.subtitle')}</p>
        </div>
        <div className="page-header__actions">
          <CustomerActionsMenu />
          {canWrite ? (
            <Link to="/admin/customers/new" className="btn btn--primary" data-testid="new-customer">
              <Icon name="plus" size={16} />
              {t('customers.new')}
            </Link>
          ) : null}
        </div>
      </div>

      <DeletedNotice />

      <FilterBar
        className="filters--customers"
        searchId="customer-search"
        searchLabel={t('customers.search.label')}
        searchPlaceholder={t('customers.search.placeholder')}
        search={search}
        onSearch={setSearch}
        filtered={filtered}
        clearLabel={t('customers.filters.clear')}
        onClear={clearAll}
        before={
          <div className="filters__tags">
            <label htmlFor="filter-tags" className="visually-hidden">
              {t('tags.filter.label')}
            </label>
            <TagInput
              id="filter-tags"
              value={tags}
              onChange={(next) => updateParams({ tag: next })}
              placeholder={t('tags.filter.placeholder')}
              describedBy="filter-tags-hint"
              max={20}
              commitOnBlur={false}
              testId="filter-tags"
            />
            <span id="filter-tags-hint" className="visually-hidden">
              {t('tags.filter.hint')}
            </span>
          </div>
        }
      >
        <FilterSelect
          label={t('customers.filters.status')}
          value={status}
          all={t('customers.filters.allStatuses')}
          options={CUSTOMER_STATUSES.map((s) => [s, t(`customer.status.${s}`)] as const)}
          onChange={(v) => updateParams({ status: v })}
          testId="filter-status"
        />
        <FilterSelect
          label={t('customers.filters.temperature')}
          value={temperature}
          all={t('customers.filters.allTemperatures')}
          options={TEMPERATURES.map((s) => [s, t(`customer.temperature.${s}`)] as const)}
          onChange={(v) => updateParams({ temperature: v })}
          testId="filter-temperature"
        />
        <FilterSelect
          label={t('customers.sort.label')}
          value={sort}
          all={urlQ ? t('customers.sort.relevance') : t('customers.sort.name')}
          options={SORTS.filter((s) => s !== 'name').map(
            (s) => [s, t(`customers.sort.${s === '-created_at' ? 'newest' : 'lastOrder'}`)] as const,
          )}
          onChange={(v) => updateParams({ sort: v })}
          testId="sort"
        />
      </FilterBar>

      {sections.map((s) => (
        <CustomerSection
          key={s}
          status={s}
          q={urlQ}
          temperature={temperature}
          sort={sort}
          tags={tags}
          tagsKey={tagsKey}
          filtered={filtered}
          selection={canWrite ? selection : null}
          onSelectionChange={setSelection}
        />
      ))}

      {canWrite && selection.length > 0 ? (
        <div className="bulk-bar" role="region" aria-label={t('tags.bulk.region')} data-testid="bulk-bar">
          <span className="bulk-bar__count" aria-live="polite" data-testid="bulk-count">
            {t('tags.bulk.selected', { count: selection.length })}
          </span>
          {selection.length > BULK_MAX_CUSTOMERS ? (
            <span role="alert">{t('tags.bulk.tooMany', { max: BULK_MAX_CUSTOMERS })}</span>
          ) : (
            <>
              <button type="button" className="btn btn--secondary" onClick={() => setDialog('add')} data-testid="bulk-add">
                <Icon name="tag" size={16} />
                {t('tags.bulk.add')}
              </button>
              <button type="button" className="btn btn--secondary" onClick={() => setDialog('remove')} data-testid="bulk-remove">
                {t('tags.bulk.remove')}
              </button>
            </>
          )}
          <button type="button" className="btn btn--plain" onClick={() => setSelection([])} data-testid="bulk-clear">
            {t('tags.bulk.clear')}
          </button>
        </div>
      ) : notice ? (
        <div className="bulk-bar bulk-bar--notice" role="status" data-testid="bulk-notice">
          <Icon name="check" size={18} />
          <span className="bulk-bar__count">
            <strong>{t(`tags.bulk.done.${notice.mode}`)}</strong>{' '}
            {t('tags.bulk.done.counts', {
              count: notice.result.updated,
              updated: notice.result.updated,
              unchanged: notice.result.unchanged,
            })}
          </span>
          <button
            type="button"
            className="btn btn--plain"
            onClick={() => setNotice(null)}
            aria-label={t('tags.bulk.done.close')}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ) : null}

      {dialog ? (
        <BulkTagDialog
          mode={dialog}
          customerIds={selection}
          onDone={(result) => onBulkDone(dialog, result)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}

function CustomerSection({
  status,
  q,
  temperature,
  sort,
  tags,
  tagsKey,
  filtered,
  selection,
  onSelectionChange,
}: {
  status: CustomerStatus;
  q: string;
  temperature: Temperature | undefined;
  sort: Sort | undefined;
  tags: string[];
  tagsKey: string;
  filtered: boolean;
  /** The selected ids, or null when the person may not change customers (no checkboxes). */
  selection: Selection | null;
  onSelectionChange: (next: Selection) => void;
}) {
  const { t } = useTranslation();
  const filters = { status, q: q || undefined, temperature, sort };
  const query = useInfiniteQuery({
    queryKey: customerKeys.list({ ...filters, tag: tags.length ? tagsKey : undefined }),
    queryFn: ({ pageParam }) =>
      listCustomers({
        ...filters,
        ...(tags.length ? { tag: tags } : {}),
        limit: PAGE_SIZE,
        include_total: true,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;
  const headingId = `section-${status}`;

  const body = (
    <PagedList
      query={query}
      count={items.length}
      skeleton={
        <div className="card-grid" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <CardSkeleton key={i} />
          ))}
        </div>
      }
      empty={
        filtered ? (
          <EmptyState icon="search" title={t('customers.empty.filtered')}>
            {t('customers.empty.filteredHint')}
          </EmptyState>
        ) : (
          <EmptyState icon="users" title={t(`customers.empty.${status}`)}>
            {t(`customers.empty.${status}Hint`)}
          </EmptyState>
        )
      }
      status={
        typeof total === 'number' ? (
          <span className="muted">{t('customers.showing', { shown: items.length, total })}</span>
        ) : null
      }
      loadMoreLabel={t('customers.loadMore')}
      loadMoreTestId={`load-more-${status}`}
    >
      <div
        className={`card-grid${query.isPlaceholderData ? ' card-grid--stale' : ''}`}
        aria-busy={query.isFetching && !query.isFetchingNextPage}
      >
        {items.map((c) =>
          selection ? (
            <div
              key={c.id}
              className={`selectable${selection.includes(c.id) ? ' selectable--selected' : ''}`}
            >
              <CustomerCard customer={c} actions={<MessagingActions customer={c} variant="card" />} />
              <label className="selectable__check" title={t('tags.select.customer', { name: c.name })}>
                <input
                  type="checkbox"
                  checked={selection.includes(c.id)}
                  onChange={() => onSelectionChange(toggleSelected(selection, c.id))}
                  aria-label={t('tags.select.customer', { name: c.name })}
                  data-testid="select-customer"
                />
              </label>
            </div>
          ) : (
            <CustomerCard key={c.id} customer={c} actions={<MessagingActions customer={c} variant="card" />} />
          ),
        )}
      </div>
    </PagedList>
  );

  return (
    <section className="section" aria-labelledby={headingId} data-testid={`section-${status}`}>
      <div className="section__header">
        <h2 className="section__title" id={headingId}>
          {t(`customers.sections.${status}`)}
        </h2>
        {typeof total === 'number' ? (
          <span className="count-pill" aria-label={t('customers.count', { count: total })}>
            {total}
          </span>
        ) : null}
        {query.isFetching && !query.isPending && !query.isFetchingNextPage ? (
          <span className="spinner spinner--sm" role="status" aria-label={t('common.loading')} />
        ) : null}
        {selection && items.length > 0 ? (
          <SelectAll
            ids={items.map((c) => c.id)}
            selection={selection}
            onChange={onSelectionChange}
            label={t('tags.select.allLabel', { section: t(`customers.sections.${status}`).toLocaleLowerCase() })}
            testId={`select-all-${status}`}
          />
        ) : null}
      </div>
      {body}
    </section>
  );
}

/** "Select all" for the cards shown in a section: checked, unchecked or mixed. */
function SelectAll({
  ids,
  selection,
  onChange,
  label,
  testId,
}: {
  ids: string[];
  selection: Selection;
  onChange: (next: Selection) => void;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const state = pageSelectionState(selection, ids);
  return (
    <label className="checkbox select-all">
      <input
        type="checkbox"
        checked={state === 'all'}
        ref={(el) => {
          if (el) el.indeterminate = state === 'some';
        }}
        onChange={() => onChange(toggleAll(selection, ids))}
        aria-label={label}
        data-testid={testId}
      />
      {t('tags.select.all')}
    </label>
  );
}
