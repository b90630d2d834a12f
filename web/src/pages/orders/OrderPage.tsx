import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys } from '../../api/customers';
import { errorMessage, isApiError } from '../../api/errors';
import {
  approveOrder,
  convertQuote,
  getOrder,
  listOrderEvents,
  orderKeys,
  transitionOrder,
  updateOrder,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type PaymentStatus,
} from '../../api/orders';
import { useUser } from '../../auth';
import { addressLines } from '../../components/address';
import { Icon, type IconName } from '../../components/Icon';
import { Banner, EmptyState, ErrorState, Spinner } from '../../components/States';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import {
  ConfirmDialog,
  formatPlainDate,
  HeldBadge,
  KindBadge,
  OrderStateBadge,
  orderErrorMessage,
  PaymentBadge,
  SourceBadge,
} from './parts';
import { canConvert, isHeld, isOverdue, offeredSteps } from './workflow';

export interface OrderFlash {
  flash?: 'created' | 'converted';
}

export function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: orderKeys.detail(id), queryFn: () => getOrder(id) });
  useDocumentTitle(query.data?.number ?? t('orders.detail.title'));

  if (query.isPending) return <Spinner />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <div className="page page--narrow">
          <EmptyState
            icon="search"
            title={t('orders.detail.notFound')}
            action={
              <Link to="/admin/orders" className="btn btn--secondary">
                {t('orders.detail.backToList')}
              </Link>
            }
          />
        </div>
      );
    }
    return (
      <div className="page page--narrow">
        <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      </div>
    );
  }
  return <OrderDetail key={query.data.id} order={query.data} />;
}

const STEP_ICON: Partial<Record<OrderStatus, IconName>> = {
  confirmed: 'check',
  in_production: 'layers',
  shipped: 'truck',
  delivered: 'box',
};

function OrderDetail({ order: o }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useUser();
  const canWrite = user.role !== 'viewer';
  const canApprove = user.role === 'owner' || user.role === 'admin';
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state ?? {}) as OrderFlash;
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const money = (minor: number) => formatMoney(minor, o.currency, lang);

  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: orderKeys.detail(o.id) }),
      queryClient.invalidateQueries({ queryKey: orderKeys.events(o.id) }),
    ]);
  }

  function afterChange(updated: Order, message: string) {
    queryClient.setQueryData(orderKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: orderKeys.events(updated.id) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: orderKeys.credit(updated.customer_id) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.detail(updated.customer_id) });
    setActionError(null);
    setDone(message);
    // The "created" banner belongs to the moment of creation, not to later changes.
    if (flash.flash) navigate(location.pathname, { replace: true, state: null });
  }

  function onError(e: unknown) {
    setDone(null);
    setActionError(orderErrorMessage(e, t));
    // The order changed elsewhere or is not where we thought: show what it is now.
    if (isApiError(e) && (e.status === 409 || e.status === 412 || e.status === 404)) void refresh();
  }

  const transition = useMutation({
    mutationFn: (to: OrderStatus) => transitionOrder(o.id, o.version, to),
    onSuccess: (updated, to) => {
      setConfirmCancel(false);
      afterChange(updated, t('orders.detail.moved', { status: t(`orders.status.${to}`) }));
    },
    onError: (e) => {
      setConfirmCancel(false);
      onError(e);
    },
  });
  const approve = useMutation({
    mutationFn: () => approveOrder(o.id),
    onSuccess: (updated) => afterChange(updated, t('orders.detail.approved')),
    onError,
  });
  const payment = useMutation({
    mutationFn: (status: PaymentStatus) => updateOrder(o.id, o.version, { payment_status: status }),
    onSuccess: (updated) => afterChange(updated, t(`orders.detail.marked.${updated.payment_status}`)),
    onError,
  });
  const convert = useMutation({
    mutationFn: () => convertQuote(o.id),
    onSuccess: (created) => {
      queryClient.setQueryData(orderKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      void queryClient.invalidateQueries({ queryKey: orderKeys.credit(created.customer_id) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.detail(created.customer_id) });
      navigate(`/admin/orders/${encodeURIComponent(created.id)}`, { state: { flash: 'converted' } satisfies OrderFlash });
    },
    onError,
  });

  const busy = transition.isPending || approve.isPending || payment.isPending || convert.isPending;
  const held = isHeld(o);
  const steps = canWrite ? offeredSteps(o) : [];
  const forward = steps.filter((s) => s !== 'cancelled');
  const cancellable = steps.includes('cancelled');
  const convertible = canWrite && canConvert(o) && !held;
  const address = o.shipping_address
    ? addressLines({ ...o.shipping_address, id: '', kind: 'shipping', is_default: false, label: null }, lang)
    : [];
  const overdue = isOverdue(o);
  const discounted = o.lines.some((l) => l.base_unit_price_minor !== l.unit_price_minor);

  return (
    <div className="page ord-page" data-testid="order-page" data-order-id={o.id}>
      <div className="page-header">
        <div className="page-header__main">
          <Link to="/admin/orders" className="back-link">
            <Icon name="back" size={16} />
            {t('orders.list.title')}
          </Link>
          <h1 className="page-title" data-testid="order-number">
            {o.number}
          </h1>
          <div className="badge-row">
            <KindBadge kind={o.kind} />
            <OrderStateBadge order={o} />
            <SourceBadge source={o.source} />
            {held ? <HeldBadge /> : null}
          </div>
        </div>
      </div>

      {flash.flash ? (
        <Banner
          tone="success"
          title={t(flash.flash === 'converted' ? 'orders.detail.convertedFlash' : `orders.detail.created.${o.kind}`)}
        />
      ) : null}
      {held ? (
        <div data-testid="held-banner">
          <Banner
            tone="warning"
            title={t('orders.held.title')}
            action={
              canApprove ? (
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={() => approve.mutate()}
                  disabled={busy}
                  data-testid="approve-order"
                >
                  <Icon name="check" size={16} />
                  {approve.isPending ? t('orders.detail.working') : t('orders.held.approve')}
                </button>
              ) : undefined
            }
          >
            {t('orders.held.text')} {canApprove ? null : t('orders.held.askApprover')}
          </Banner>
        </div>
      ) : null}
      {o.kind === 'quote' && o.converted_order_id ? (
        <Banner tone="info" title={t('orders.detail.quoteConverted')}>
          <Link to={`/admin/orders/${encodeURIComponent(o.converted_order_id)}`} data-testid="converted-order-link">
            {t('orders.detail.openOrder')}
          </Link>
        </Banner>
      ) : null}
      <div aria-live="polite" className="banner-slot">
        {actionError ? (
          <div data-testid="order-action-error">
            <Banner tone="critical" title={actionError} />
          </div>
        ) : done ? (
          <div data-testid="order-action-done">
            <Banner tone="success" title={done} />
          </div>
        ) : null}
      </div>

      {forward.length > 0 || cancellable || convertible ? (
        <div className="ord-actions" role="group" aria-label={t('orders.detail.actions')} data-testid="order-actions">
          {convertible ? (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => convert.mutate()}
              disabled={busy}
              data-testid="convert-quote"
            >
              <Icon name="cart" size={16} />
              {convert.isPending ? t('orders.detail.working') : t('orders.detail.convert')}
            </button>
          ) : null}
          {forward.map((s, i) => (
            <button
              key={s}
              type="button"
              className={`btn ${i === 0 && !convertible ? 'btn--primary' : 'btn--secondary'}`}
              onClick={() => transition.mutate(s)}
              disabled={busy}
              data-testid={`transition-${s}`}
            >
              <Icon name={STEP_ICON[s] ?? 'check'} size={16} />
              {transition.isPending && transition.variables === s ? t('orders.detail.working') : t(`orders.step.${s}`)}
            </button>
          ))}
          {cancellable ? (
            <button
              type="button"
              className="btn ord-btn--critical-plain"
              onClick={() => setConfirmCancel(true)}
              disabled={busy}
              data-testid="transition-cancelled"
            >
              {t(`orders.cancel.button.${o.kind}`)}
            </button>
          ) : null}
        </div>
      ) : null}

      <div className="ord-layout">
        <div className="ord-layout__main">
          <section className="panel" aria-labelledby="order-lines-title">
            <h2 className="panel__title" id="order-lines-title">
              <Icon name="box" size={18} />
              {t('orders.detail.lines')}
              <span className="count-pill">{o.lines.length}</span>
            </h2>
            <LinesTable order={o} />
            <dl className="ord-totals">
              {discounted && o.discount_percent > 0 ? (
                <div className="ord-totals__row ord-totals__row--note">
                  <dt>{t('orders.detail.discount')}</dt>
                  <dd>{formatPercent(o.discount_percent, lang)}</dd>
                </div>
              ) : null}
              <div className="ord-totals__row">
                <dt>{t('orders.fields.subtotal')}</dt>
                <dd data-testid="order-subtotal">{money(o.subtotal_minor)}</dd>
              </div>
              <div className="ord-totals__row ord-totals__row--total">
                <dt>{t('orders.fields.total')}</dt>
                <dd data-testid="order-detail-total">{money(o.total_minor)}</dd>
              </div>
            </dl>
          </section>

          <section className="panel ord-events-panel" aria-labelledby="order-events-title">
            <h2 className="panel__title" id="order-events-title">
              <Icon name="clock" size={18} />
              {t('orders.events.title')}
            </h2>
            <EventsTimeline order={o} />
          </section>
        </div>

        <div className="ord-layout__side">
          <section className="panel" aria-labelledby="order-info-title">
            <h2 className="panel__title" id="order-info-title">
              <Icon name="users" size={18} />
              {t('orders.detail.info')}
            </h2>
            <dl className="dl">
              <div className="dl-row">
                <dt>{t('orders.fields.customer')}</dt>
                <dd>
                  <Link to={`/admin/customers/${encodeURIComponent(o.customer_id)}`} data-testid="order-customer-link">
                    {o.customer_name}
                  </Link>
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('orders.fields.buyer')}</dt>
                <dd className={o.buyer ? undefined : 'muted'} data-testid="order-buyer">
                  {o.buyer ? (
                    <>
                      <span className="line">{o.buyer.name}</span>
                      {o.buyer.email ? (
                        <a className="line" href={`mailto:${o.buyer.email}`}>
                          {o.buyer.email}
                        </a>
                      ) : null}
                    </>
                  ) : (
                    t('common.none')
                  )}
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('orders.fields.placedAt')}</dt>
                <dd>
                  <time dateTime={o.placed_at}>{formatDateTime(o.placed_at, lang)}</time>
                </dd>
              </div>
              {o.kind === 'order' ? (
                <>
                  <div className="dl-row">
                    <dt>{t('orders.fields.dueDate')}</dt>
                    <dd className={o.due_date ? (overdue ? 'ord-text-critical' : undefined) : 'muted'} data-testid="order-due-date">
                      {o.due_date ? formatPlainDate(o.due_date, lang) : t('common.none')}
                    </dd>
                  </div>
                  <div className="dl-row">
                    <dt>{t('orders.fields.payment')}</dt>
                    <dd className="ord-payment-cell">
                      <PaymentBadge order={o} />
                      {canWrite && o.status !== 'cancelled' ? (
                        <button
                          type="button"
                          className="btn btn--plain ord-inline-btn"
                          onClick={() => payment.mutate(o.payment_status === 'paid' ? 'unpaid' : 'paid')}
                          disabled={busy}
                          data-testid="toggle-payment"
                        >
                          {payment.isPending
                            ? t('orders.detail.working')
                            : t(o.payment_status === 'paid' ? 'orders.detail.markUnpaid' : 'orders.detail.markPaid')}
                        </button>
                      ) : null}
                    </dd>
                  </div>
                </>
              ) : null}
              {o.quote_id ? (
                <div className="dl-row">
                  <dt>{t('orders.fields.fromQuote')}</dt>
                  <dd>
                    <Link to={`/admin/orders/${encodeURIComponent(o.quote_id)}`} data-testid="from-quote-link">
                      {t('orders.detail.openQuote')}
                    </Link>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>

          <section className="panel" aria-labelledby="order-note-title">
            <h2 className="panel__title" id="order-note-title">
              <Icon name="note" size={18} />
              {t('orders.fields.note')}
            </h2>
            {o.note ? (
              <p className="pre ord-note" data-testid="order-note">
                {o.note}
              </p>
            ) : (
              <p className="muted">{t('orders.detail.noNote')}</p>
            )}
          </section>

          <section className="panel" aria-labelledby="order-address-title">
            <h2 className="panel__title" id="order-address-title">
              <Icon name="truck" size={18} />
              {t('orders.fields.shippingAddress')}
            </h2>
            {address.length ? (
              <address className="ord-address" data-testid="order-address">
                {address.map((l) => (
                  <span key={l} className="line">
                    {l}
                  </span>
                ))}
              </address>
            ) : (
              <p className="muted">{t('orders.detail.noAddress')}</p>
            )}
          </section>
        </div>
      </div>

      <p className="meta-line muted">
        {t('orders.detail.meta', { updated: formatDateTime(o.updated_at, lang), version: o.version })}
      </p>

      {confirmCancel ? (
        <ConfirmDialog
          title={t(`orders.cancel.title.${o.kind}`, { number: o.number })}
          confirmLabel={t(`orders.cancel.confirm.${o.kind}`)}
          dismissLabel={t('orders.cancel.keep')}
          busyLabel={t('orders.detail.working')}
          busy={transition.isPending}
          onConfirm={() => transition.mutate('cancelled')}
          onCancel={() => setConfirmCancel(false)}
        >
          <p>{t('orders.cancel.text')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function LinesTable({ order: o }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const money = (minor: number) => formatMoney(minor, o.currency, i18n.language);
  const qty = new Intl.NumberFormat(i18n.language);
  return (
    <div className="ord-table-wrap ord-table-wrap--flat">
      <table className="ord-table ord-lines" data-testid="order-lines">
        <thead>
          <tr>
            <th scope="col">{t('orders.fields.sku')}</th>
            <th scope="col">{t('orders.fields.product')}</th>
            <th scope="col" className="ord-num">
              {t('orders.fields.quantity')}
            </th>
            <th scope="col" className="ord-num">
              {t('orders.fields.unitPrice')}
            </th>
            <th scope="col" className="ord-num">
              {t('orders.fields.lineTotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l, i) => (
            <tr key={`${l.product_id}-${i}`} data-testid="order-line">
              <td className="ord-lines__sku">
                <code>{l.sku}</code>
              </td>
              <td className="ord-lines__name">{l.name}</td>
              <td className="ord-lines__qty ord-num">
                <span className="ord-lines__label">{t('orders.fields.quantity')} </span>
                {qty.format(l.quantity)}
              </td>
              <td className="ord-lines__price ord-num">
                {l.base_unit_price_minor !== l.unit_price_minor ? (
                  <s className="ord-base-price" data-testid="line-base-price">
                    <span className="visually-hidden">{t('orders.fields.basePrice')}: </span>
                    {money(l.base_unit_price_minor)}
                  </s>
                ) : null}
                <span data-testid="line-unit-price">{money(l.unit_price_minor)}</span>
              </td>
              <td className="ord-lines__total ord-num" data-testid="line-total">
                {money(l.line_total_minor)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Change = { field?: unknown; from?: unknown; to?: unknown };

function EventsTimeline({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: orderKeys.events(order.id),
    queryFn: () => listOrderEvents(order.id),
  });
  if (query.isPending) {
    return (
      <div aria-busy="true">
        <div className="skeleton skeleton--line" />
        <div className="skeleton skeleton--line skeleton--short ord-skeleton-gap" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    );
  }
  if (query.data.length === 0) return <p className="muted">{t('orders.events.empty')}</p>;

  const actorText = (e: OrderEvent) => {
    const name = e.actor?.name;
    switch (e.actor?.kind) {
      case 'staff':
        return name || t('orders.events.actor.staff');
      case 'quick_link':
        return name ? t('orders.events.actor.quickLinkNamed', { name }) : t('orders.events.actor.quick_link');
      case 'contact':
        return name || t('orders.events.actor.contact');
      default:
        return t('orders.events.actor.system');
    }
  };

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('common.none');
    if (field === 'payment_status' && (v === 'paid' || v === 'unpaid')) return t(`orders.payment.${v}`);
    if (field === 'due_date' && typeof v === 'string') return formatPlainDate(v, i18n.language);
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    return '…';
  };

  const statusText = (v: unknown) =>
    typeof v === 'string' ? t(`orders.status.${v}`, { defaultValue: v }) : t('common.none');

  return (
    <ol className="ord-timeline" data-testid="order-events">
      {query.data.map((e) => {
        const data = (e.data ?? {}) as Record<string, unknown>;
        let detail: React.ReactNode = null;
        if (e.type === 'order_status_changed') {
          detail = (
            <span className="ord-timeline__change">
              {statusText(data.from)} <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t('orders.events.to')}</span> {statusText(data.to)}
            </span>
          );
        } else if (e.type === 'order_updated' && Array.isArray(data.changes)) {
          detail = (
            <ul className="ord-timeline__changes">
              {(data.changes as Change[]).map((c, i) => {
                const field = typeof c.field === 'string' ? c.field : '';
                const label = t(`orders.events.field.${field}`, { defaultValue: field });
                const simple = field === 'payment_status' || field === 'due_date';
                return (
                  <li key={`${field}-${i}`}>
                    {label}
                    {simple ? (
                      <>
                        : {value(field, c.from)} <span aria-hidden="true">→</span>
                        <span className="visually-hidden">{t('orders.events.to')}</span> {value(field, c.to)}
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          );
        }
        return (
          <li key={e.id} className={`ord-timeline__item ord-timeline__item--${e.type}`} data-testid="order-event" data-type={e.type}>
            <span
              className={`ord-timeline__dot${e.type === 'order_status_changed' && typeof data.to === 'string' ? ` ord-timeline__dot--${data.to}` : ''}`}
              aria-hidden="true"
            />
            <div className="ord-timeline__body">
              <p className="ord-timeline__title">
                {e.type === 'order_placed' && order.kind === 'quote'
                  ? t('orders.events.quotePlaced')
                  : t(`orders.events.type.${e.type}`, { defaultValue: e.type })}
              </p>
              {detail}
              <p className="ord-timeline__meta">
                {actorText(e)} · <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
