// Orders and quotes (F20), personal prices on them (F19) and credit (F23).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, walkList } from './lib/client.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';

// 12.5 % off, half-up to the cent: 19.99 → 17.49125 → 17.49; 5.00 → 4.375 → 4.38; 2.50 → 2.1875 → 2.19.
const LAMP_PRICE = 1749;
const CABLE_PRICE = 438;
const BULB_PRICE = 219;

function today(offsetDays = 0) {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('orders', () => {
  const ctx = useServer();
  let catalog;
  let customer;
  const line = (product, quantity) => ({ product_id: product.id, quantity });
  const place = (body, headers = {}) => ctx.api('POST', '/api/v1/orders', { body, headers });
  const countOrders = async (customerId) =>
    (await ctx.api('GET', `/api/v1/orders?customer_id=${customerId}&include_total=true`)).json.total;

  before(async () => {
    catalog = await makeCatalog(ctx);
    customer = await makeCustomer(ctx, catalog, { payment_terms_days: 30 });
  });

  test('an order prices each line for the customer, keeps snapshots and totals', async () => {
    const { lamp, cable } = catalog.products;
    const created = await place({
      customer_id: customer.id,
      lines: [line(lamp, 2), line(cable, 3)],
      note: 'Entregar por la mañana\nPuerta trasera',
      shipping_address: { line1: 'Calle Mayor 1', city: 'Madrid', postal_code: '28013', country: 'ES' },
    });
    assert.equal(created.status, 201, created.text);
    const order = created.json;
    assert.match(order.number, /^P-\d{6}$/);
    assert.equal(created.headers.get('etag'), '"1"');
    assert.equal(order.kind, 'order');
    assert.equal(order.source, 'admin');
    assert.equal(order.status, 'pending');
    assert.equal(order.payment_status, 'unpaid');
    assert.equal(order.currency, 'EUR');
    assert.equal(order.discount_percent, 12.5);
    assert.equal(order.customer_name, customer.name);
    assert.deepEqual(
      order.lines.map((l) => [l.sku, l.quantity, l.base_unit_price_minor, l.unit_price_minor, l.line_total_minor]),
      [
        [lamp.sku, 2, 1999, LAMP_PRICE, 2 * LAMP_PRICE],
        [cable.sku, 3, 500, CABLE_PRICE, 3 * CABLE_PRICE],
      ],
    );
    assert.equal(order.subtotal_minor, 2 * LAMP_PRICE + 3 * CABLE_PRICE);
    assert.equal(order.total_minor, order.subtotal_minor);
    assert.equal(order.due_date, today(30));
    assert.equal(order.warehouse_id, catalog.warehouses.main.id, 'the default warehouse');
    assert.equal(order.note, 'Entregar por la mañana\nPuerta trasera');
    assert.equal(order.shipping_address.country, 'ES');

    // Numbers follow each other; the next order is one more.
    const next = await place({ customer_id: customer.id, lines: [line(lamp, 1)] });
    assert.equal(Number(next.json.number.slice(2)), Number(order.number.slice(2)) + 1);

    // The lines are snapshots: renaming or repricing the product does not change the order.
    const renamed = await ctx.api('PATCH', `/api/v1/products/${lamp.id}`, {
      body: { name: 'Lámpara renombrada', prices: [{ currency: 'EUR', amount_minor: 9999 }] },
    });
    assert.equal(renamed.status, 200, renamed.text);
    const again = await ctx.api('GET', `/api/v1/orders/${order.id}`);
    assert.equal(again.json.lines[0].name, 'Lámpara colgante');
    assert.equal(again.json.lines[0].unit_price_minor, LAMP_PRICE);
    await ctx.api('PATCH', `/api/v1/products/${lamp.id}`, {
      body: { name: 'Lámpara colgante', prices: [{ currency: 'EUR', amount_minor: 1999 }, { currency: 'USD', amount_minor: 2199 }] },
    });

    // last_order_at on the customer, and the order in its history.
    const fresh = await ctx.api('GET', `/api/v1/customers/${customer.id}`);
    assert.ok(fresh.json.last_order_at, 'last_order_at is set');
    assert.ok(Date.parse(fresh.json.last_order_at) >= Date.parse(order.placed_at));
    const history = await ctx.api('GET', `/api/v1/orders?customer_id=${customer.id}`);
    assert.deepEqual(history.json.items.map((o) => o.id).slice(0, 2), [next.json.id, order.id]);
  });

  test('a bad line is refused with a 422 naming it, and nothing is written', async () => {
    const { lamp, old, usd } = catalog.products;
    const before = await countOrders(customer.id);
    const response = await place({
      customer_id: customer.id,
      lines: [
        line(lamp, 1),
        line(old, 1),
        line(usd, 1),
        line(lamp, 0),
        line(lamp, 1_000_001),
        { product_id: '999999', quantity: 1 },
        { product_id: lamp.id, quantity: 1.5 },
        { product_id: 'abc', quantity: 1 },
      ],
    });
    assertFieldErrors(response, {
      'lines[6].quantity': 'invalid_type',
      'lines[7].product_id': 'invalid',
    });
    const semantic = await place({
      customer_id: customer.id,
      lines: [line(lamp, 1), line(old, 1), line(usd, 1), line(lamp, 0), line(lamp, 1_000_001), { product_id: '999999', quantity: 1 }],
    });
    assertFieldErrors(semantic, {
      'lines[1].product_id': 'inactive',
      'lines[2].product_id': 'no_price',
      'lines[3].quantity': 'out_of_range',
      'lines[4].quantity': 'out_of_range',
      'lines[5].product_id': 'not_found',
    });
    assert.ok(!semantic.json.errors.some((e) => e.field.startsWith('lines[0]')), 'the good line is not named');
    assert.equal(await countOrders(customer.id), before);

    assertFieldErrors(await place({ customer_id: customer.id, lines: [] }), { lines: 'required' });
    assertFieldErrors(await place({ customer_id: customer.id }), { lines: 'required' });
    const tooMany = Array.from({ length: 501 }, () => line(lamp, 1));
    assertFieldErrors(await place({ customer_id: customer.id, lines: tooMany }), { lines: 'too_many' });
    assertFieldErrors(await place({ customer_id: '424242', lines: [line(lamp, 1)] }), { customer_id: 'not_found' });
    assertFieldErrors(await place({ lines: [line(lamp, 1)] }), { customer_id: 'required' });
    assertFieldErrors(
      await place({
        customer_id: customer.id,
        kind: 'invoice',
        buyer: { name: 'Ana', email: 'no-es-correo' },
        warehouse_id: catalog.warehouses.north.id,
        shipping_address: { line1: 'Calle', city: 'Madrid', country: 'XX' },
        note: 'x'.repeat(2001),
        lines: [line(lamp, 1)],
      }),
      { kind: 'invalid_enum', 'buyer.email': 'invalid', 'shipping_address.country': 'invalid', note: 'too_long' },
    );
    // A warehouse the customer does not use.
    assertFieldErrors(
      await place({ customer_id: customer.id, warehouse_id: catalog.warehouses.north.id, lines: [line(lamp, 1)] }),
      { warehouse_id: 'invalid' },
    );
    assert.equal(await countOrders(customer.id), before);
  });

  test('the customer scope decides what it may buy', async () => {
    const { lamp, cable, bulb } = catalog.products;
    const lightsOnly = await makeCustomer(ctx, catalog, {
      catalog_scope: 'product_types',
      product_type_ids: [catalog.types.lights.id],
    });
    assertFieldErrors(await place({ customer_id: lightsOnly.id, lines: [line(lamp, 1), line(cable, 1)] }), {
      'lines[1].product_id': 'not_in_catalog',
    });
    const ok = await place({ customer_id: lightsOnly.id, lines: [line(lamp, 1), line(bulb, 4)] });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.total_minor, LAMP_PRICE + 4 * BULB_PRICE);

    const cableOnly = await makeCustomer(ctx, catalog, { catalog_scope: 'products', product_ids: [cable.id] });
    assertFieldErrors(await place({ customer_id: cableOnly.id, lines: [line(lamp, 1)] }), {
      'lines[0].product_id': 'not_in_catalog',
    });
    const staffCatalog = await ctx.api('GET', `/api/v1/customers/${cableOnly.id}/catalog`);
    assert.equal(staffCatalog.status, 200, staffCatalog.text);
    assert.deepEqual(staffCatalog.json.products.map((p) => [p.sku, p.price_minor, p.available]), [
      [cable.sku, CABLE_PRICE, 3],
    ]);
    assertProblem(await ctx.api('GET', '/api/v1/customers/999999/catalog'), 404, 'not_found');

    // A USD customer pays the USD price with its own discount; JPY has no minor unit.
    const usdCustomer = await makeCustomer(ctx, catalog, { currency: 'USD', discount_percent: 10 });
    const usdOrder = await place({ customer_id: usdCustomer.id, lines: [line(lamp, 1), line(catalog.products.usd, 1)] });
    assert.equal(usdOrder.status, 201, usdOrder.text);
    assert.deepEqual(usdOrder.json.lines.map((l) => l.unit_price_minor), [1979, 900]);
    assert.equal(usdOrder.json.currency, 'USD');
  });

  test('Idempotency-Key: a repeat returns the first order; a different body is refused', async () => {
    const { lamp } = catalog.products;
    const key = `order-${Date.now()}`;
    const body = { customer_id: customer.id, lines: [line(lamp, 2)] };
    const first = await place(body, { 'idempotency-key': key });
    assert.equal(first.status, 201, first.text);
    const before = await countOrders(customer.id);
    const repeat = await place(body, { 'idempotency-key': key });
    assert.equal(repeat.status, 201);
    assert.equal(repeat.json.id, first.json.id);
    assert.equal(repeat.headers.get('idempotent-replayed'), 'true');
    assertProblem(
      await place({ ...body, lines: [line(lamp, 3)] }, { 'idempotency-key': key }),
      409,
      'idempotency_key_reused',
    );
    assertFieldErrors(await place(body, { 'idempotency-key': 'has spaces' }), { 'Idempotency-Key': 'invalid' });
    // Twenty concurrent requests with one key make one order.
    const burstKey = `burst-${Date.now()}`;
    const burst = await Promise.all(Array.from({ length: 20 }, () => place(body, { 'idempotency-key': burstKey })));
    assert.ok(burst.every((r) => r.status === 201), burst.map((r) => r.status).join(','));
    assert.equal(new Set(burst.map((r) => r.json.id)).size, 1);
    assert.equal(await countOrders(customer.id), before + 1);
  });

  test('the status workflow allows only legal steps and records each one', async () => {
    const created = await place({ customer_id: customer.id, lines: [line(catalog.products.cable, 1)] });
    const id = created.json.id;
    const move = (to, headers = {}) =>
      ctx.api('POST', `/api/v1/orders/${id}/transitions`, { body: { to }, headers });
    assertProblem(await move('shipped'), 409, 'invalid_transition');
    assertProblem(await move('delivered'), 409, 'invalid_transition');
    assertFieldErrors(await move('lost'), { to: 'invalid_enum' });
    assertProblem(await move('confirmed', { 'if-match': '"7"' }), 412, 'precondition_failed');
    let version = 1;
    for (const to of ['confirmed', 'in_production', 'shipped', 'delivered']) {
      const moved = await move(to, { 'if-match': `"${version}"` });
      assert.equal(moved.status, 200, `${to}: ${moved.text}`);
      assert.equal(moved.json.status, to);
      version = moved.json.version;
    }
    assertProblem(await move('cancelled'), 409, 'invalid_transition');

    // Confirm and cancel racing on one pending order: exactly one wins.
    const raced = await place({ customer_id: customer.id, lines: [line(catalog.products.cable, 1)] });
    const racing = await Promise.all(
      ['confirmed', 'cancelled', 'confirmed', 'cancelled'].map((to) =>
        ctx.api('POST', `/api/v1/orders/${raced.json.id}/transitions`, { body: { to } }),
      ),
    );
    const winners = racing.filter((r) => r.status === 200);
    assert.ok(winners.length >= 1, racing.map((r) => r.status).join(','));
    const final = (await ctx.api('GET', `/api/v1/orders/${raced.json.id}`)).json;
    const steps = (await ctx.api('GET', `/api/v1/orders/${raced.json.id}/events`)).json.items.slice(1);
    // Every recorded step starts where the previous one ended, and the last ends in the status.
    let at = 'pending';
    for (const step of steps) {
      assert.equal(step.data.from, at, JSON.stringify(steps));
      at = step.data.to;
    }
    assert.equal(final.status, at);
    assert.ok(!(steps.some((e) => e.data.to === 'cancelled') && final.status !== 'cancelled'));
    const events = await ctx.api('GET', `/api/v1/orders/${id}/events`);
    assert.equal(events.status, 200);
    assert.deepEqual(
      events.json.items.map((e) => [e.type, e.data.to ?? null]),
      [
        ['order_placed', null],
        ['order_status_changed', 'confirmed'],
        ['order_status_changed', 'in_production'],
        ['order_status_changed', 'shipped'],
        ['order_status_changed', 'delivered'],
      ],
    );
    assert.equal(events.json.items[1].actor.kind, 'staff');
    assert.equal(events.json.items[1].data.from, 'pending');

    const other = await place({ customer_id: customer.id, lines: [line(catalog.products.cable, 1)] });
    const cancelled = await ctx.api('POST', `/api/v1/orders/${other.json.id}/transitions`, { body: { to: 'cancelled' } });
    assert.equal(cancelled.json.status, 'cancelled');
    assertProblem(
      await ctx.api('POST', `/api/v1/orders/${other.json.id}/transitions`, { body: { to: 'confirmed' } }),
      409,
      'invalid_transition',
    );
    assertProblem(await ctx.api('POST', '/api/v1/orders/999999/transitions', { body: { to: 'confirmed' } }), 404, 'not_found');
  });

  test('a quote becomes an order once, with the quoted lines', async () => {
    const quote = await place({ kind: 'quote', customer_id: customer.id, lines: [line(catalog.products.bulb, 10)] });
    assert.equal(quote.status, 201, quote.text);
    assert.match(quote.json.number, /^C-\d{6}$/);
    assert.equal(quote.json.due_date, null);
    assertProblem(
      await ctx.api('POST', `/api/v1/orders/${quote.json.id}/transitions`, { body: { to: 'confirmed' } }),
      409,
      'invalid_transition',
    );
    const converted = await ctx.api('POST', `/api/v1/orders/${quote.json.id}/convert`);
    assert.equal(converted.status, 201, converted.text);
    assert.match(converted.json.number, /^P-\d{6}$/);
    assert.equal(converted.json.kind, 'order');
    assert.equal(converted.json.quote_id, quote.json.id);
    assert.equal(converted.json.total_minor, 10 * BULB_PRICE);
    assert.deepEqual(converted.json.lines, quote.json.lines);
    const after = await ctx.api('GET', `/api/v1/orders/${quote.json.id}`);
    assert.equal(after.json.converted_order_id, converted.json.id);
    assert.equal(after.json.status, 'confirmed');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${quote.json.id}/convert`), 409, 'invalid_transition');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${converted.json.id}/convert`), 409, 'invalid_transition');
    assertFieldErrors(
      await ctx.api('PATCH', `/api/v1/orders/${quote.json.id}`, { body: { payment_status: 'paid', due_date: '2026-12-01' } }),
      { payment_status: 'invalid', due_date: 'invalid' },
    );

    // Eight people pressing "convert" on one quote at once make one order.
    const contested = await place({ kind: 'quote', customer_id: customer.id, lines: [line(catalog.products.bulb, 1)] });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => ctx.api('POST', `/api/v1/orders/${contested.json.id}/convert`)),
    );
    assert.equal(attempts.filter((r) => r.status === 201).length, 1, attempts.map((r) => r.status).join(','));
    assert.ok(attempts.every((r) => r.status === 201 || r.status === 409));
    const fromQuote = await ctx.api('GET', `/api/v1/orders?customer_id=${customer.id}&kind=order&limit=200`);
    assert.equal(fromQuote.json.items.filter((o) => o.quote_id === contested.json.id).length, 1);
    const quotes = await ctx.api('GET', `/api/v1/orders?customer_id=${customer.id}&kind=quote`);
    assert.deepEqual(quotes.json.items.map((o) => o.id), [contested.json.id, quote.json.id]);
  });

  test('credit: an order over the limit is held until an owner or admin approves it', async () => {
    const { lamp } = catalog.products;
    const limited = await makeCustomer(ctx, catalog, { credit_limit_minor: 5000, payment_terms_days: 15 });
    const first = await place({ customer_id: limited.id, lines: [line(lamp, 2)] }); // 34.98
    assert.equal(first.json.approval_status, 'not_required');
    const second = await place({ customer_id: limited.id, lines: [line(lamp, 1)] }); // +17.49 > 50
    assert.equal(second.status, 201, second.text);
    assert.equal(second.json.approval_status, 'held');
    let credit = await ctx.api('GET', `/api/v1/customers/${limited.id}/credit`);
    assert.deepEqual(credit.json, {
      currency: 'EUR',
      credit_limit_minor: 5000,
      unpaid_minor: 2 * LAMP_PRICE,
      overdue_minor: 0,
      not_yet_due_minor: 2 * LAMP_PRICE,
      available_minor: 5000 - 2 * LAMP_PRICE,
      held_orders: 1,
    });
    assertProblem(
      await ctx.api('POST', `/api/v1/orders/${second.json.id}/transitions`, { body: { to: 'confirmed' } }),
      409,
      'held_for_approval',
    );
    const sales = await signInAs(ctx, 'sales');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${second.json.id}/approve`, { token: sales }), 403, 'forbidden');
    const approved = await ctx.api('POST', `/api/v1/orders/${second.json.id}/approve`);
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.json.approval_status, 'approved');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${second.json.id}/approve`), 409, 'not_held');
    const confirmed = await ctx.api('POST', `/api/v1/orders/${second.json.id}/transitions`, { body: { to: 'confirmed' } });
    assert.equal(confirmed.status, 200, confirmed.text);

    // Paying the first order frees its amount; a past due date makes the rest overdue.
    const paid = await ctx.api('PATCH', `/api/v1/orders/${first.json.id}`, {
      body: { payment_status: 'paid' },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.json.payment_status, 'paid');
    const due = await ctx.api('PATCH', `/api/v1/orders/${second.json.id}`, { body: { due_date: today(-3) } });
    assert.equal(due.status, 200, due.text);
    assertFieldErrors(await ctx.api('PATCH', `/api/v1/orders/${second.json.id}`, { body: { due_date: '2026-02-30' } }), {
      due_date: 'invalid',
    });
    assertProblem(
      await ctx.api('PATCH', `/api/v1/orders/${first.json.id}`, { body: { note: 'x' }, headers: { 'if-match': '"1"' } }),
      412,
      'precondition_failed',
    );
    credit = await ctx.api('GET', `/api/v1/customers/${limited.id}/credit`);
    assert.equal(credit.json.unpaid_minor, LAMP_PRICE);
    assert.equal(credit.json.overdue_minor, LAMP_PRICE);
    assert.equal(credit.json.not_yet_due_minor, 0);
    assert.equal(credit.json.held_orders, 0);
    // The customer record carries the same balances, in the list as well.
    const record = await ctx.api('GET', `/api/v1/customers/${limited.id}`);
    assert.equal(record.json.balance_overdue_minor, LAMP_PRICE);
    assert.equal(record.json.balance_not_due_minor, 0);
    const listed = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(limited.name)}`);
    const row = listed.json.items.find((c) => c.id === limited.id);
    assert.equal(row.balance_overdue_minor, LAMP_PRICE);
    const events = await ctx.api('GET', `/api/v1/orders/${first.json.id}/events`);
    const update = events.json.items.find((e) => e.type === 'order_updated');
    assert.deepEqual(update.data.changes, [{ field: 'payment_status', from: 'unpaid', to: 'paid' }]);
    assertProblem(await ctx.api('GET', '/api/v1/customers/999999/credit'), 404, 'not_found');
  });

  test('the list filters, finds by number and pages with cursors', async () => {
    const { items: all } = await walkList(ctx.client, ctx.token, '/api/v1/orders', `customer_id=${customer.id}&limit=2`);
    const total = await countOrders(customer.id);
    assert.equal(all.length, total);
    assert.equal(new Set(all.map((o) => o.id)).size, total, 'every order once');
    const times = all.map((o) => Date.parse(o.placed_at));
    assert.deepEqual([...times].sort((a, b) => b - a), times, 'newest first');

    const delivered = await ctx.api('GET', `/api/v1/orders?status=delivered&customer_id=${customer.id}`);
    assert.ok(delivered.json.items.length >= 1);
    assert.ok(delivered.json.items.every((o) => o.status === 'delivered'));
    const number = all[0].number;
    const byNumber = await ctx.api('GET', `/api/v1/orders?q=${encodeURIComponent(number.toLowerCase())}`);
    assert.deepEqual(byNumber.json.items.map((o) => o.number), [number]);
    const byDigits = await ctx.api('GET', `/api/v1/orders?q=${Number(number.slice(2))}&kind=order`);
    assert.deepEqual(byDigits.json.items.map((o) => o.number), [number]);
    const admin = await ctx.api('GET', '/api/v1/orders?source=admin&limit=200');
    assert.ok(admin.json.items.every((o) => o.source === 'admin'));

    assertFieldErrors(await ctx.api('GET', '/api/v1/orders?status=lost&kind=x&customer_id=abc&limit=0'), {
      status: 'invalid_enum',
      kind: 'invalid_enum',
      customer_id: 'invalid',
      limit: 'out_of_range',
    });
    assertProblem(await ctx.api('GET', '/api/v1/orders?cursor=bm9wZQ'), 400, 'bad_request');
    assertProblem(await ctx.api('GET', '/api/v1/orders/999999'), 404, 'not_found');
    assertProblem(await ctx.api('GET', '/api/v1/orders/abc'), 404, 'not_found');
  });

  test('amounts stay within range: a line too large is refused', async () => {
    const pricey = await ctx.api('POST', '/api/v1/products', {
      body: { sku: `GOLD-${catalog.tag}`, name: 'Lingote', prices: [{ currency: 'EUR', amount_minor: 10_000_000_000_000 }] },
    });
    assert.equal(pricey.status, 201, pricey.text);
    assertFieldErrors(await place({ customer_id: customer.id, lines: [line(pricey.json, 1_000_000)] }), {
      'lines[0].quantity': 'too_large',
    });
    const rich = await makeCustomer(ctx, catalog, { credit_limit_minor: 1 });
    const one = await place({ customer_id: rich.id, lines: [line(pricey.json, 50)] });
    assert.equal(one.status, 201, one.text);
    assert.equal(one.json.approval_status, 'held');
    const credit = await ctx.api('GET', `/api/v1/customers/${rich.id}/credit`);
    assert.equal(credit.status, 200, credit.text);
  });

  test('deleting a staff user keeps the orders and links it entered', async () => {
    const email = `temp.${Date.now()}@example.com`;
    const created = await ctx.api('POST', '/api/v1/staff', {
      body: { email, name: 'Temporal', role: 'sales', password: 'Secreto-123-abc' },
    });
    const temp = await ctx.client.login(email, 'Secreto-123-abc');
    const placed = await ctx.api('POST', '/api/v1/orders', {
      token: temp,
      body: { customer_id: customer.id, lines: [line(catalog.products.cable, 1)] },
    });
    assert.equal(placed.json.created_by, created.json.id);
    const link = await ctx.api('POST', `/api/v1/customers/${customer.id}/quick-links`, { token: temp });
    assert.equal(link.status, 201);
    const deleted = await ctx.api('DELETE', `/api/v1/staff/${created.json.id}`);
    assert.equal(deleted.status, 204, deleted.text);
    const kept = await ctx.api('GET', `/api/v1/orders/${placed.json.id}`);
    assert.equal(kept.json.created_by, null);
    const events = await ctx.api('GET', `/api/v1/orders/${placed.json.id}/events`);
    assert.equal(events.json.items[0].actor.name, 'Temporal');
  });

  test('a viewer reads orders but cannot write; no token gets 401', async () => {
    const viewer = await signInAs(ctx, 'viewer');
    const list = await ctx.api('GET', '/api/v1/orders', { token: viewer });
    assert.equal(list.status, 200);
    const id = list.json.items[0].id;
    const body = { customer_id: customer.id, lines: [line(catalog.products.lamp, 1)] };
    const before = await countOrders(customer.id);
    assertProblem(await ctx.api('POST', '/api/v1/orders', { token: viewer, body }), 403, 'forbidden');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${id}/transitions`, { token: viewer, body: { to: 'cancelled' } }), 403, 'forbidden');
    assertProblem(await ctx.api('PATCH', `/api/v1/orders/${id}`, { token: viewer, body: { payment_status: 'paid' } }), 403, 'forbidden');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${id}/convert`, { token: viewer }), 403, 'forbidden');
    assertProblem(await ctx.api('POST', `/api/v1/orders/${id}/approve`, { token: viewer }), 403, 'forbidden');
    assertProblem(await ctx.client.api('GET', '/api/v1/orders'), 401, 'unauthenticated');
    assertProblem(await ctx.client.api('POST', '/api/v1/orders', { body }), 401, 'unauthenticated');
    assert.equal(await countOrders(customer.id), before);
  });
});
