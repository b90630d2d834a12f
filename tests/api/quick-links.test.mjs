// Quick-order links (F21) and ordering by pasted SKU lists (F32).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem } from './lib/client.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';
import { BACKEND } from './lib/server.mjs';

const LIMIT = 4; // new orders per link per minute in this file's server

describe('quick-order links', () => {
  const ctx = useServer({ env: { CARTERA_QUICK_ORDERS_PER_MINUTE: String(LIMIT) } });
  let catalog;
  let customer;
  let link;
  // The public API takes no credentials: call it without the staff token.
  const pub = (method, path, options = {}) => ctx.client.api(method, path, options);
  const order = (token, body, key) =>
    pub('POST', `/api/v1/q/${token}/orders`, { body, headers: key ? { 'idempotency-key': key } : {} });

  before(async () => {
    catalog = await makeCatalog(ctx);
    customer = await makeCustomer(ctx, catalog, {
      catalog_scope: 'product_types',
      product_type_ids: [catalog.types.lights.id],
      language: 'en-GB',
    });
    const created = await ctx.api('POST', `/api/v1/customers/${customer.id}/quick-links`);
    assert.equal(created.status, 201, created.text);
    link = created.json;
  });

  test('a link is a 256-bit token shown once and stored only as a hash', async () => {
    assert.match(link.token, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(link.url.endsWith(`/q/${link.token}`), link.url);
    assert.equal(link.state, 'active');
    assert.equal(link.customer_id, customer.id);
    const list = await ctx.api('GET', `/api/v1/customers/${customer.id}/quick-links`);
    assert.equal(list.status, 200);
    assert.equal(list.json.items[0].id, link.id);
    assert.ok(!list.text.includes(link.token), 'the list never shows tokens');
    assert.equal(list.json.items[0].token, undefined);
    if (BACKEND === 'sqlite') {
      const file = ctx.server.database.url.slice('sqlite:'.length);
      const dump = execFileSync('sqlite3', [file, '.dump']).toString();
      assert.ok(!dump.includes(link.token), 'the database keeps no token');
      assert.match(execFileSync('sqlite3', [file, 'SELECT token_hash FROM quick_links']).toString(), /^[0-9a-f]{64}$/m);
    }
    const page = await fetch(`${ctx.server.url}/q/${link.token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.match(await page.text(), /<div id="quick">/);
  });

  test('the catalogue shows only what the customer may buy, at its prices, with its stock', async () => {
    const response = await pub('GET', `/api/v1/q/${link.token}`);
    assert.equal(response.status, 200, response.text);
    const body = response.json;
    assert.deepEqual(Object.keys(body).sort(), [
      'currency', 'customer', 'discount_percent', 'expires_at', 'language', 'next_cursor', 'products', 'store',
    ]);
    assert.deepEqual(body.customer, { name: customer.name });
    assert.equal(body.currency, 'EUR');
    assert.equal(body.language, 'en-GB');
    assert.equal(body.discount_percent, 12.5);
    assert.equal(typeof body.store.name, 'string');
    const { lamp, bulb } = catalog.products;
    // Lights only (not the cable), active, priced in EUR; stock from the main warehouse only.
    assert.deepEqual(
      body.products.map((p) => [p.sku, p.base_price_minor, p.price_minor, p.available]),
      [
        [bulb.sku, 250, 219, 0],
        [lamp.sku, 1999, 1749, 7],
      ],
    );
    for (const product of body.products) {
      assert.deepEqual(Object.keys(product).sort(), [
        'available', 'base_price_minor', 'id', 'name', 'price_minor', 'product_type_id', 'sku',
      ]);
    }
    const search = await pub('GET', `/api/v1/q/${link.token}?q=lampara`);
    assert.deepEqual(search.json.products.map((p) => p.sku), [lamp.sku]);
    const first = await pub('GET', `/api/v1/q/${link.token}?limit=1`);
    assert.equal(first.json.products.length, 1);
    const second = await pub('GET', `/api/v1/q/${link.token}?limit=1&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.deepEqual(second.json.products.map((p) => p.sku), [lamp.sku]);
    assert.equal(second.json.next_cursor, null);
    assertFieldErrors(await pub('GET', `/api/v1/q/${link.token}?limit=500`), { limit: 'out_of_range' });
  });

  test('an order through the link: buyer, note, personal prices, source quick_link', async () => {
    const { lamp, bulb } = catalog.products;
    const body = {
      lines: [{ product_id: lamp.id, quantity: 2 }, { product_id: bulb.id, quantity: 4 }],
      buyer: { name: 'Ana Pérez', email: 'ana@example.com' },
      note: 'Llamar antes de entregar',
    };
    const created = await order(link.token, body, 'cart-1');
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.source, 'quick_link');
    assert.equal(created.json.quick_link_id, link.id);
    assert.equal(created.json.customer_id, customer.id);
    assert.deepEqual(created.json.buyer, { name: 'Ana Pérez', email: 'ana@example.com' });
    assert.equal(created.json.total_minor, 2 * 1749 + 4 * 219);
    // A double tap with the same key is the same order.
    const again = await order(link.token, body, 'cart-1');
    assert.equal(again.status, 201);
    assert.equal(again.json.id, created.json.id);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    // The staff see it at once.
    const staff = await ctx.api('GET', `/api/v1/orders?source=quick_link&customer_id=${customer.id}`);
    assert.deepEqual(staff.json.items.map((o) => o.id), [created.json.id]);
    const links = await ctx.api('GET', `/api/v1/customers/${customer.id}/quick-links`);
    assert.equal(links.json.items[0].orders_count, 1);
    assert.ok(links.json.items[0].last_used_at);
    const events = await ctx.api('GET', `/api/v1/orders/${created.json.id}/events`);
    assert.deepEqual(events.json.items[0].actor, { kind: 'quick_link', id: link.id, name: 'Ana Pérez' });

    // What the link may not buy is refused per line, and nothing is written.
    assertFieldErrors(
      await order(link.token, {
        lines: [
          { product_id: catalog.products.cable.id, quantity: 1 },
          { product_id: catalog.products.old.id, quantity: 1 },
          { product_id: lamp.id, quantity: 0 },
        ],
        buyer: { name: 'Ana' },
      }),
      // Outside the catalogue is all it learns, active or not.
      { 'lines[0].product_id': 'not_in_catalog', 'lines[1].product_id': 'not_in_catalog', 'lines[2].quantity': 'out_of_range' },
    );
    assertFieldErrors(await order(link.token, { lines: [{ product_id: lamp.id, quantity: 1 }] }), { 'buyer.name': 'required' });
    assertFieldErrors(
      await order(link.token, { lines: [{ product_id: lamp.id, quantity: 1 }], buyer: { name: 'Ana', email: 'mal' }, note: 'x'.repeat(2001) }),
      { 'buyer.email': 'invalid', note: 'too_long' },
    );
    assertProblem(await pub('POST', `/api/v1/q/${link.token}/orders`, { rawBody: '{"lines": [' }), 400, 'bad_request');
    const after = await ctx.api('GET', `/api/v1/orders?source=quick_link&customer_id=${customer.id}`);
    assert.equal(after.json.items.length, 1);
  });

  test('pasted SKU lines: one result per line, with an error for each bad one', async () => {
    const { lamp, bulb, cable } = catalog.products;
    const text = [
      `${lamp.sku.toLowerCase()} 3`,
      '',
      `${bulb.sku};10`,
      'NO-EXISTE 2',
      `${cable.sku} 1`,
      `${lamp.sku} tres`,
      'uno dos tres',
    ].join('\n');
    const response = await pub('POST', `/api/v1/q/${link.token}/sku-lines`, { body: { text } });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.json.lines.map((l) => [l.line, l.quantity, l.product?.id ?? null, l.error]),
      [
        [1, 3, lamp.id, null],
        [3, 10, bulb.id, null],
        [4, 2, null, 'unknown_sku'],
        [5, 1, null, 'not_available'],
        [6, null, null, 'bad_quantity'],
        [7, null, null, 'unreadable'],
      ],
    );
    assert.equal(response.json.lines[0].product.price_minor, 1749);
    const many = Array.from({ length: 501 }, (_, i) => `SKU-${i} 1`).join('\n');
    assertFieldErrors(await pub('POST', `/api/v1/q/${link.token}/sku-lines`, { body: { text: many } }), { text: 'too_many' });
    assertFieldErrors(await pub('POST', `/api/v1/q/${link.token}/sku-lines`, { body: {} }), { text: 'required' });
  });

  test('too many new orders through one link get 429; repeats do not count', async () => {
    const other = await makeCustomer(ctx, catalog);
    const created = await ctx.api('POST', `/api/v1/customers/${other.id}/quick-links`);
    const token = created.json.token;
    const body = { lines: [{ product_id: catalog.products.cable.id, quantity: 1 }], buyer: { name: 'Luis' } };
    for (let i = 0; i < LIMIT; i += 1) {
      const placed = await order(token, body, `burst-${i}`);
      assert.equal(placed.status, 201, placed.text);
    }
    const limited = await order(token, body, 'burst-extra');
    assertProblem(limited, 429, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    const repeat = await order(token, body, 'burst-0');
    assert.equal(repeat.status, 201, 'a repeat answers with the first order even when limited');

    // Concurrent submissions cannot slip past the limit together.
    const third = await makeCustomer(ctx, catalog);
    const busy = (await ctx.api('POST', `/api/v1/customers/${third.id}/quick-links`)).json.token;
    const burst = await Promise.all(
      Array.from({ length: 3 * LIMIT }, (_, i) => order(busy, body, `parallel-${i}`)),
    );
    assert.equal(burst.filter((r) => r.status === 201).length, LIMIT, burst.map((r) => r.status).join(','));
    assert.equal(burst.filter((r) => r.status === 429).length, 2 * LIMIT);
    // The limit is per link: the first link still orders.
    const fine = await order(link.token, { ...body, lines: [{ product_id: catalog.products.bulb.id, quantity: 1 }] }, 'other-link');
    assert.equal(fine.status, 201, fine.text);
  });

  test('revoked, regenerated, expired and unknown links answer 404 everywhere', async () => {
    const other = await makeCustomer(ctx, catalog);
    const first = (await ctx.api('POST', `/api/v1/customers/${other.id}/quick-links`)).json;
    const body = { lines: [{ product_id: catalog.products.cable.id, quantity: 1 }], buyer: { name: 'Eva' } };
    const regenerated = await ctx.api('POST', `/api/v1/quick-links/${first.id}/regenerate`);
    assert.equal(regenerated.status, 201, regenerated.text);
    assert.notEqual(regenerated.json.token, first.token);
    const refused = async (token) => {
      assertProblem(await pub('GET', `/api/v1/q/${token}`), 404, 'not_found');
      assertProblem(await order(token, body, `k-${Math.random()}`), 404, 'not_found');
      assertProblem(await pub('POST', `/api/v1/q/${token}/sku-lines`, { body: { text: 'A 1' } }), 404, 'not_found');
    };
    await refused(first.token);
    assert.equal((await pub('GET', `/api/v1/q/${regenerated.json.token}`)).status, 200);
    assert.equal((await ctx.api('DELETE', `/api/v1/quick-links/${regenerated.json.id}`)).status, 204);
    assert.equal((await ctx.api('DELETE', `/api/v1/quick-links/${regenerated.json.id}`)).status, 204, 'revoking twice is fine');
    await refused(regenerated.json.token);
    const states = await ctx.api('GET', `/api/v1/customers/${other.id}/quick-links`);
    assert.deepEqual(states.json.items.map((l) => l.state), ['revoked', 'revoked']);
    assert.ok(states.json.items.every((l) => l.revoked_at));

    const soon = new Date(Date.now() + 1500).toISOString();
    const expiring = await ctx.api('POST', `/api/v1/customers/${other.id}/quick-links`, { body: { expires_at: soon } });
    assert.equal(expiring.status, 201, expiring.text);
    assert.equal((await pub('GET', `/api/v1/q/${expiring.json.token}`)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await refused(expiring.json.token);
    assertFieldErrors(
      await ctx.api('POST', `/api/v1/customers/${other.id}/quick-links`, { body: { expires_at: '2020-01-01T00:00:00Z' } }),
      { expires_at: 'invalid' },
    );

    // An inactive customer's links stop working.
    const active = (await ctx.api('POST', `/api/v1/customers/${other.id}/quick-links`)).json;
    assert.equal((await pub('GET', `/api/v1/q/${active.token}`)).status, 200);
    const deactivated = await ctx.api('PATCH', `/api/v1/customers/${other.id}`, { body: { account_status: 'inactive' } });
    assert.equal(deactivated.status, 200, deactivated.text);
    await refused(active.token);

    await refused('x'.repeat(43));
    await refused('short');
    assertProblem(await ctx.api('DELETE', '/api/v1/quick-links/999999'), 404, 'not_found');
    assertProblem(await ctx.api('POST', '/api/v1/customers/999999/quick-links'), 404, 'not_found');
  });

  test('staff endpoints need a signed-in writer; the link never shows other customers', async () => {
    const viewer = await signInAs(ctx, 'viewer');
    assertProblem(await ctx.api('POST', `/api/v1/customers/${customer.id}/quick-links`, { token: viewer }), 403, 'forbidden');
    assertProblem(await ctx.api('DELETE', `/api/v1/quick-links/${link.id}`, { token: viewer }), 403, 'forbidden');
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customer.id}/quick-links`, { token: viewer })).status, 200);
    assertProblem(await pub('GET', `/api/v1/customers/${customer.id}/quick-links`), 401, 'unauthenticated');
    assertProblem(await pub('GET', '/api/v1/orders'), 401, 'unauthenticated');
    // The public catalogue names only this customer; another customer's prices never appear.
    const other = await makeCustomer(ctx, catalog, { name: 'Otro Cliente Secreto', discount_percent: 50 });
    const page = await pub('GET', `/api/v1/q/${link.token}`);
    assert.ok(!page.text.includes(other.name));
    assert.ok(page.json.products.every((p) => p.price_minor !== Math.round(p.base_price_minor / 2)));
  });
});
