// Contacts of a customer (F10) and their accounts (F11): CRUD with versions, role defaults for
// permissions, the one-purchasing-contact rule held by the database, unique sign-in emails,
// invitations queued in the outbox, access revoked and given back, favourites and orders.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem } from './lib/client.mjs';
import { useDb } from './lib/db.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';

const FIELDS = ['id', 'customer_id', 'first_name', 'last_name', 'email', 'phone', 'whatsapp', 'country', 'department', 'role', 'permissions', 'language', 'access', 'has_password', 'last_login_at', 'last_order', 'created_at', 'updated_at', 'version'];

const unique = () => Math.random().toString(36).slice(2, 8);

describe('contacts', () => {
  const ctx = useServer();
  const db = useDb(ctx);
  let catalog;
  before(async () => {
    catalog = await makeCatalog(ctx);
  });
  const add = (customer, body) => ctx.api('POST', `/api/v1/customers/${customer.id}/contacts`, { body });
  const addOk = async (customer, body) => {
    const created = await add(customer, { first_name: 'Ana', email: `ana.${unique()}@example.com`, ...body });
    assert.equal(created.status, 201, created.text);
    return created.json;
  };
  const outbox = (contactId) =>
    db.rows(`SELECT template, to_address, body_text, language FROM mail_outbox WHERE contact_id = ${Number(contactId)} ORDER BY id`);

  test("a contact's history is its own: a new contact never inherits a deleted one's events", async () => {
    const customer = await makeCustomer(ctx, catalog);
    const first = await addOk(customer, { first_name: 'Primera' });
    const edited = await ctx.api('PATCH', `/api/v1/contacts/${first.id}`, { body: { department: 'Compras' } });
    assert.equal(edited.status, 200, edited.text);
    const history = await ctx.api('GET', `/api/v1/contacts/${first.id}/history`);
    assert.equal(history.status, 200, history.text);
    assert.ok(history.json.items.length >= 2, 'added and edited');
    assert.ok(history.json.items.every((item) => item.data.contact_id === first.id));
    assert.equal((await ctx.api('DELETE', `/api/v1/contacts/${first.id}`)).status, 204);
    assertProblem(await ctx.api('GET', `/api/v1/contacts/${first.id}/history`), 404, 'not_found');
    // SQLite gives the next contact the highest rowid again: the deleted one's id.
    const second = await addOk(customer, { first_name: 'Segunda' });
    const fresh = await ctx.api('GET', `/api/v1/contacts/${second.id}/history`);
    assert.equal(fresh.status, 200, fresh.text);
    assert.deepEqual(fresh.json.items.map((item) => item.type), ['contact_added']);
    // The customer's history keeps every event.
    const all = await ctx.api('GET', `/api/v1/customers/${customer.id}/history`);
    const types = all.json.items.map((item) => item.type);
    for (const type of ['contact_added', 'contact_updated', 'contact_deleted']) assert.ok(types.includes(type), type);
  });

  test('create, list by name, read, edit with If-Match and delete', async () => {
    const customer = await makeCustomer(ctx, catalog);
    const created = await add(customer, {
      first_name: '  Lucía ',
      last_name: 'Núñez',
      email: `Lucia.${unique()}@Example.com`,
      phone: '+34 600 000 001',
      whatsapp: '+34 600 000 001',
      department: 'Compras',
      role: 'purchasing',
      password: 'contraseña-segura',
    });
    assert.equal(created.status, 201, created.text);
    const lucia = created.json;
    assert.deepEqual(Object.keys(lucia).sort(), [...FIELDS].sort());
    assert.equal(lucia.first_name, 'Lucía');
    assert.equal(lucia.access, 'active');
    assert.equal(lucia.has_password, true);
    assert.equal(lucia.last_order, null);
    assert.deepEqual(lucia.permissions, ['place_orders', 'request_quotes', 'view_prices', 'view_shipments']);
    assert.equal(created.headers.get('etag'), '"1"');
    assert.ok(!('password' in lucia) && !('password_hash' in lucia));

    const bruno = await addOk(customer, { first_name: 'Bruno', role: 'billing' });
    assert.deepEqual(bruno.permissions, ['view_prices', 'view_invoices']);
    assert.equal(bruno.access, 'invited');
    const list = await ctx.api('GET', `/api/v1/customers/${customer.id}/contacts`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((c) => c.first_name), ['Bruno', 'Lucía']);
    const paged = await ctx.api('GET', `/api/v1/customers/${customer.id}/contacts?limit=1`);
    assert.equal(paged.json.items.length, 1);
    const next = await ctx.api('GET', `/api/v1/customers/${customer.id}/contacts?limit=1&cursor=${encodeURIComponent(paged.json.next_cursor)}`);
    assert.deepEqual(next.json.items.map((c) => c.first_name), ['Lucía']);
    assert.equal(next.json.next_cursor, null);

    const stale = await ctx.api('PATCH', `/api/v1/contacts/${lucia.id}`, { body: { department: 'Dirección' }, headers: { 'if-match': '"7"' } });
    assertProblem(stale, 412, 'precondition_failed');
    const edited = await ctx.api('PATCH', `/api/v1/contacts/${lucia.id}`, {
      body: { department: 'Dirección', permissions: ['view_prices', 'place_orders', 'view_prices'] },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.version, 2);
    assert.deepEqual(edited.json.permissions, ['place_orders', 'view_prices']);

    // The history names the contact changes.
    const history = await ctx.api('GET', `/api/v1/customers/${customer.id}/history?limit=50`);
    const types = history.json.items.map((e) => e.type);
    assert.ok(types.includes('contact_added') && types.includes('contact_updated'), types.join());

    const deleted = await ctx.api('DELETE', `/api/v1/contacts/${bruno.id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assertProblem(await ctx.api('GET', `/api/v1/contacts/${bruno.id}`), 404, 'not_found');
  });

  test('bad input names the field; unknown customer is 404', async () => {
    const customer = await makeCustomer(ctx, catalog);
    assertFieldErrors(await add(customer, { email: 'no-es-un-correo', role: 'boss', permissions: ['fly'], password: 'corta' }), {'first_name': null, 'email': null, 'role': null, 'permissions': null, 'password': null});
    assertProblem(await ctx.api('POST', '/api/v1/customers/999999999/contacts', { body: { first_name: 'X', email: `x.${unique()}@example.com` } }), 404, 'not_found');
    assertProblem(await ctx.api('GET', '/api/v1/customers/999999999/contacts'), 404, 'not_found');
    assertFieldErrors(await add(customer, { first_name: 'x'.repeat(101), email: `y.${unique()}@example.com` }), {'first_name': null});
  });

  test('one purchasing contact per customer and one contact per email, also under concurrency', async () => {
    const customer = await makeCustomer(ctx, catalog);
    await addOk(customer, { role: 'purchasing' });
    const second = await add(customer, { first_name: 'Otra', email: `otra.${unique()}@example.com`, role: 'purchasing' });
    assertProblem(second, 409, 'purchasing_contact_exists');
    // Another customer may have its own purchasing contact.
    const other = await makeCustomer(ctx, catalog);
    await addOk(other, { role: 'purchasing' });

    const email = `Mismo.${unique()}@example.com`;
    await addOk(customer, { email });
    assertProblem(await add(other, { first_name: 'B', email: email.toUpperCase() }), 409, 'email_taken');

    // Ten simultaneous purchasing contacts for a fresh customer: exactly one wins (the index).
    const fresh = await makeCustomer(ctx, catalog);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => add(fresh, { first_name: `P${i}`, email: `p${i}.${unique()}@example.com`, role: 'purchasing' })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, ...Array(9).fill(409)]);
    const rows = await db.rows(`SELECT COUNT(*) AS n FROM contacts WHERE customer_id = ${Number(fresh.id)} AND role = 'purchasing'`);
    assert.equal(rows[0].n, 1);
    // Changing a contact to purchasing is held to the same rule.
    const support = await addOk(fresh, { role: 'support' });
    assertProblem(await ctx.api('PATCH', `/api/v1/contacts/${support.id}`, { body: { role: 'purchasing' } }), 409, 'purchasing_contact_exists');
  });

  test('without a password the contact is invited: a mail with a single-use link is queued', async () => {
    const customer = await makeCustomer(ctx, catalog, { language: 'en' });
    const invited = await addOk(customer, { first_name: 'Carla', role: 'shipping' });
    assert.equal(invited.access, 'invited');
    assert.equal(invited.has_password, false);
    let mails = await outbox(invited.id);
    assert.equal(mails.length, 1);
    assert.equal(mails[0].template, 'contact_invitation');
    assert.equal(mails[0].to_address, invited.email);
    assert.equal(mails[0].language, 'en');
    const firstLink = mails[0].body_text.match(/\/portal\/invitation\?token=([A-Za-z0-9_-]+)/);
    assert.ok(firstLink, mails[0].body_text);

    // Sending again replaces the link: the first stops working.
    const again = await ctx.api('POST', `/api/v1/contacts/${invited.id}/invitation`);
    assert.equal(again.status, 202, again.text);
    mails = await outbox(invited.id);
    assert.equal(mails.length, 2);
    const secondLink = mails[1].body_text.match(/\/portal\/invitation\?token=([A-Za-z0-9_-]+)/);
    const stored = await db.rows(`SELECT token_hash FROM contact_tokens WHERE contact_id = ${Number(invited.id)}`);
    assert.equal(stored.length, 1);
    assert.ok(!stored[0].token_hash.includes(secondLink[1]), 'only a hash is stored');

    const old = await ctx.api('POST', '/api/v1/portal/invitation/accept', { body: { token: firstLink[1], password: 'nueva-clave-1' } });
    assertProblem(old, 422, 'validation_failed');
    const accepted = await ctx.api('POST', '/api/v1/portal/invitation/accept', { body: { token: secondLink[1], password: 'nueva-clave-1' } });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.json.contact.access, 'active');
    const reuse = await ctx.api('POST', '/api/v1/portal/invitation/accept', { body: { token: secondLink[1], password: 'otra-clave-2' } });
    assertProblem(reuse, 422, 'validation_failed');
    assertProblem(await ctx.api('POST', `/api/v1/contacts/${invited.id}/invitation`), 409, 'already_active');
  });

  test('revoking access ends sessions; giving it back needs a password', async () => {
    const customer = await makeCustomer(ctx, catalog);
    const email = `rev.${unique()}@example.com`;
    const contact = await addOk(customer, { email, password: 'clave-de-prueba' });
    const login = await ctx.api('POST', '/api/v1/portal/login', { body: { email, password: 'clave-de-prueba' } });
    assert.equal(login.status, 200, login.text);
    const token = login.json.token;
    assert.equal((await ctx.client.api('GET', '/api/v1/portal/me', { token })).status, 200);

    const revoked = await ctx.api('PATCH', `/api/v1/contacts/${contact.id}`, { body: { access: 'revoked' } });
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.json.access, 'revoked');
    assertProblem(await ctx.client.api('GET', '/api/v1/portal/me', { token }), 401, 'unauthenticated');
    assertProblem(await ctx.api('POST', '/api/v1/portal/login', { body: { email, password: 'clave-de-prueba' } }), 403, 'account_inactive');

    const back = await ctx.api('PATCH', `/api/v1/contacts/${contact.id}`, { body: { access: 'active' } });
    assert.equal(back.json.access, 'active');
    assert.equal((await ctx.api('POST', '/api/v1/portal/login', { body: { email, password: 'clave-de-prueba' } })).status, 200);

    const invitedOnly = await addOk(customer, {});
    assertProblem(await ctx.api('PATCH', `/api/v1/contacts/${invitedOnly.id}`, { body: { access: 'active' } }), 409, 'no_password');
  });

  test('favourites and the contact orders; last order on the contact', async () => {
    const customer = await makeCustomer(ctx, catalog);
    const contact = await addOk(customer, { role: 'purchasing', password: 'clave-de-prueba' });
    const put = await ctx.api('PUT', `/api/v1/contacts/${contact.id}/favorites/${catalog.products.lamp.id}`);
    assert.equal(put.status, 204, put.text);
    await ctx.api('PUT', `/api/v1/contacts/${contact.id}/favorites/${catalog.products.lamp.id}`);
    const favorites = await ctx.api('GET', `/api/v1/contacts/${contact.id}/favorites`);
    assert.deepEqual(favorites.json.items.map((f) => f.product_id), [catalog.products.lamp.id]);
    assertProblem(await ctx.api('PUT', `/api/v1/contacts/${contact.id}/favorites/999999999`), 404, 'not_found');
    assert.equal((await ctx.api('DELETE', `/api/v1/contacts/${contact.id}/favorites/${catalog.products.lamp.id}`)).status, 204);
    assert.deepEqual((await ctx.api('GET', `/api/v1/contacts/${contact.id}/favorites`)).json.items, []);

    const order = await ctx.api('POST', '/api/v1/orders', {
      body: { customer_id: customer.id, contact_id: contact.id, lines: [{ product_id: catalog.products.lamp.id, quantity: 2 }] },
    });
    assert.equal(order.status, 201, order.text);
    assert.equal(order.json.contact_id, contact.id);
    const orders = await ctx.api('GET', `/api/v1/contacts/${contact.id}/orders`);
    assert.deepEqual(orders.json.items.map((o) => o.id), [order.json.id]);
    const read = (await ctx.api('GET', `/api/v1/contacts/${contact.id}`)).json;
    assert.equal(read.last_order.id, order.json.id);
    assert.equal(read.last_order.total_minor, order.json.total_minor);

    // A contact of another customer cannot be named on this customer's order.
    const other = await makeCustomer(ctx, catalog);
    const stranger = await addOk(other, {});
    const wrong = await ctx.api('POST', '/api/v1/orders', {
      body: { customer_id: customer.id, contact_id: stranger.id, lines: [{ product_id: catalog.products.lamp.id, quantity: 1 }] },
    });
    assertFieldErrors(wrong, {'contact_id': null});
  });

  test('a viewer reads contacts and cannot write them', async () => {
    const customer = await makeCustomer(ctx, catalog);
    const contact = await addOk(customer, {});
    const viewer = await signInAs(ctx, 'viewer');
    const as = (method, path, body) => ctx.client.api(method, path, { token: viewer, body });
    assert.equal((await as('GET', `/api/v1/customers/${customer.id}/contacts`)).status, 200);
    assert.equal((await as('GET', `/api/v1/contacts/${contact.id}`)).status, 200);
    assertProblem(await as('POST', `/api/v1/customers/${customer.id}/contacts`, { first_name: 'V', email: `v.${unique()}@example.com` }), 403, 'forbidden');
    assertProblem(await as('PATCH', `/api/v1/contacts/${contact.id}`, { department: 'x' }), 403, 'forbidden');
    assertProblem(await as('DELETE', `/api/v1/contacts/${contact.id}`), 403, 'forbidden');
    assertProblem(await as('POST', `/api/v1/contacts/${contact.id}/invitation`), 403, 'forbidden');
    assertProblem(await as('PUT', `/api/v1/contacts/${contact.id}/favorites/${catalog.products.lamp.id}`), 403, 'forbidden');
    assertProblem(await ctx.client.api('GET', `/api/v1/contacts/${contact.id}`), 401, 'unauthenticated');
  });
});
