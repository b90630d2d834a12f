// The customer portal (F11–F15, F22, F24): contacts' own sessions, registration in both modes
// with validation, password reset, prices decided by the server, orders with permissions and
// shared accounts, favourites — and what a contact must never reach (the access matrix).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, parseSetCookies } from './lib/client.mjs';
import { useDb } from './lib/db.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';

const unique = () => Math.random().toString(36).slice(2, 8);
const PASSWORD = 'clave-del-portal';

describe('portal', () => {
  const ctx = useServer();
  const db = useDb(ctx);
  let catalog;
  before(async () => {
    catalog = await makeCatalog(ctx);
  });
  const settings = (body) => ctx.api('PATCH', '/api/v1/settings', { body });
  // A customer with one active contact, signed in: { customer, contact, token, as(method, path, body, headers) }.
  const signedIn = async ({ customer: fields = {}, contact: extra = {} } = {}) => {
    const customer = await makeCustomer(ctx, catalog, fields);
    const email = `c.${unique()}@example.com`;
    const created = await ctx.api('POST', `/api/v1/customers/${customer.id}/contacts`, {
      body: { first_name: 'Marta', last_name: 'Gil', email, password: PASSWORD, ...extra },
    });
    assert.equal(created.status, 201, created.text);
    const login = await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } });
    assert.equal(login.status, 200, login.text);
    const token = login.json.token;
    const as = (method, path, body, headers = {}) => ctx.client.api(method, path, { token, body, headers });
    return { customer, contact: created.json, email, token, login, as };
  };
  const mails = (where) => db.rows(`SELECT template, to_address, body_text, language FROM mail_outbox WHERE ${where} ORDER BY id`);

  test('sign-in answers a session of its own: cookies, CSRF, me, logout; staff and contact tokens do not mix', async () => {
    const { login, token, as, contact, customer } = await signedIn({ contact: { role: 'billing' } });
    assert.equal(login.json.contact.id, contact.id);
    assert.equal(login.json.customer.id, customer.id);
    const cookies = parseSetCookies(login.setCookies);
    assert.equal(cookies.cartera_portal.value, token);
    assert.equal(cookies.cartera_portal.attributes.httponly, true);
    assert.ok(cookies.cartera_portal_csrf.value.length > 20);
    assert.equal(cookies.cartera_portal_csrf.attributes.httponly, undefined);

    const me = await as('GET', '/api/v1/portal/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.contact.email, contact.email);
    assert.ok(me.json.customer.credit, 'a billing contact sees the balances');
    assert.equal(typeof me.json.customer.credit.unpaid_minor, 'number');

    // The cookie works for reads; a write needs the CSRF header.
    const cookie = `cartera_portal=${token}`;
    assert.equal((await ctx.client.api('GET', '/api/v1/portal/me', { headers: { cookie } })).status, 200);
    assertProblem(await ctx.client.api('PATCH', '/api/v1/portal/me', { headers: { cookie }, body: { phone: '1' } }), 403, 'csrf_failed');
    const withCsrf = await ctx.client.api('PATCH', '/api/v1/portal/me', {
      headers: { cookie, 'x-csrf-token': cookies.cartera_portal_csrf.value },
      body: { phone: '+34 611 222 333' },
    });
    assert.equal(withCsrf.status, 200, withCsrf.text);
    assert.equal(withCsrf.json.phone, '+34 611 222 333');

    // A staff token is not a contact's, and a contact's opens no staff endpoint.
    assertProblem(await ctx.api('GET', '/api/v1/portal/me'), 401, 'unauthenticated');
    assertProblem(await as('GET', `/api/v1/customers/${customer.id}`), 401, 'unauthenticated');
    assertProblem(await as('GET', '/api/v1/customers'), 401, 'unauthenticated');

    assert.equal((await as('POST', '/api/v1/portal/logout')).status, 204);
    assertProblem(await as('GET', '/api/v1/portal/me'), 401, 'unauthenticated');
  });

  test('wrong passwords are refused, counted and limited; every sign-in is in the history', async () => {
    const { email, customer } = await signedIn();
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: 'mala-clave' } }), 401, 'invalid_credentials');
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email: `nadie.${unique()}@example.com`, password: 'x' } }), 401, 'invalid_credentials');
    assertFieldErrors(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email: '' } }), {'email': null, 'password': null});
    const history = await ctx.api('GET', `/api/v1/customers/${customer.id}/history?kind=login`);
    const types = history.json.items.map((e) => e.type);
    assert.ok(types.includes('contact_login') && types.includes('contact_login_failed'), types.join());
    const read = (await ctx.api('GET', `/api/v1/customers/${customer.id}/contacts`)).json.items[0];
    assert.ok(read.last_login_at);
    for (let i = 0; i < 10; i++) await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: 'mala' } });
    const limited = await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } });
    assertProblem(limited, 429, 'too_many_requests');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  test('registration with validation: pending, alert mail, validated mail, cancelled never', async () => {
    assert.equal((await settings({ registration_mode: 'validation', alert_email: 'alertas@tienda.example' })).status, 200);
    const email = `nueva.${unique()}@example.com`;
    const registered = await ctx.client.api('POST', '/api/v1/portal/register', {
      body: { company_name: 'Papelería Sol', first_name: 'Eva', last_name: 'Sol', email, password: PASSWORD, phone: '+34 600 111 222', tax_id: 'B12345678', language: 'es' },
    });
    assert.equal(registered.status, 201, registered.text);
    assert.deepEqual(registered.json, { status: 'pending_validation' });
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } }), 403, 'pending_validation');
    const customers = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent('Papelería Sol')}`);
    const customer = customers.json.items.find((c) => c.name === 'Papelería Sol');
    assert.equal(customer.registration_status, 'new');
    const alert = await mails(`customer_id = ${Number(customer.id)} AND template = 'registration_alert'`);
    assert.equal(alert.length, 1);
    assert.equal(alert[0].to_address, 'alertas@tienda.example');
    assert.match(alert[0].body_text, /Papelería Sol/);

    const validated = await ctx.api('PATCH', `/api/v1/customers/${customer.id}`, { body: { registration_status: 'validated' } });
    assert.equal(validated.status, 200, validated.text);
    const welcome = await mails(`customer_id = ${Number(customer.id)} AND template = 'account_validated'`);
    assert.equal(welcome.length, 1);
    assert.equal(welcome[0].to_address, email);
    assert.equal((await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } })).status, 200);

    await ctx.api('PATCH', `/api/v1/customers/${customer.id}`, { body: { registration_status: 'cancelled' } });
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } }), 403, 'account_inactive');
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/register', { body: { company_name: 'Otra', first_name: 'Eva', email, password: PASSWORD } }), 409, 'email_taken');
    assertFieldErrors(await ctx.client.api('POST', '/api/v1/portal/register', { body: { email: 'x' } }), {'company_name': null, 'first_name': null, 'email': null, 'password': null});
  });

  test('the store as the portal shows it to anyone', async () => {
    await settings({ store_name: 'Suministros Ortega', registration_mode: 'direct' });
    const store = await ctx.client.api('GET', '/api/v1/portal/store');
    assert.equal(store.status, 200, store.text);
    assert.deepEqual(store.json, { name: 'Suministros Ortega', default_language: 'es', registration_mode: 'direct', price_visibility: 'signed_in' });
    await settings({ registration_mode: 'validation' });
    assert.equal((await ctx.client.api('GET', '/api/v1/portal/store')).json.registration_mode, 'validation');
  });

  test('direct registration signs in at once', async () => {
    await settings({ registration_mode: 'direct' });
    const email = `directa.${unique()}@example.com`;
    const registered = await ctx.client.api('POST', '/api/v1/portal/register', { body: { company_name: 'Kiosco Luna', first_name: 'Leo', email, password: PASSWORD } });
    assert.equal(registered.status, 201, registered.text);
    assert.equal(registered.json.status, 'active');
    const { session } = registered.json;
    assert.equal(session.customer.registration_status, 'validated');
    assert.equal(session.contact.role, 'purchasing');
    assert.ok(parseSetCookies(registered.setCookies).cartera_portal);
    assert.equal((await ctx.client.api('GET', '/api/v1/portal/me', { token: session.token })).status, 200);
    await settings({ registration_mode: 'validation' });
  });

  test('password reset: a link by mail, single use, signs out other sessions; no hint for unknown emails', async () => {
    const { email, contact, as } = await signedIn();
    const unknown = await ctx.client.api('POST', '/api/v1/portal/password-reset', { body: { email: `nadie.${unique()}@example.com` } });
    assert.equal(unknown.status, 202);
    const asked = await ctx.client.api('POST', '/api/v1/portal/password-reset', { body: { email } });
    assert.equal(asked.status, 202);
    assert.deepEqual(asked.json, unknown.json);
    // A second request within a minute sends nothing more (and says nothing different).
    assert.equal((await ctx.client.api('POST', '/api/v1/portal/password-reset', { body: { email } })).status, 202);
    const sent = await mails(`contact_id = ${Number(contact.id)} AND template = 'password_reset'`);
    assert.equal(sent.length, 1);
    const token = sent[0].body_text.match(/\/portal\/reset\?token=([A-Za-z0-9_-]+)/)[1];
    assertFieldErrors(await ctx.client.api('POST', '/api/v1/portal/password-reset/confirm', { body: { token, password: 'corta' } }), {'password': null});
    assert.equal((await ctx.client.api('POST', '/api/v1/portal/password-reset/confirm', { body: { token, password: 'clave-nueva-123' } })).status, 204);
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/password-reset/confirm', { body: { token, password: 'otra-clave-123' } }), 422, 'validation_failed');
    assertProblem(await as('GET', '/api/v1/portal/me'), 401, 'unauthenticated');
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } }), 401, 'invalid_credentials');
    assert.equal((await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: 'clave-nueva-123' } })).status, 200);
  });

  test('prices: the server sends them only to who may see them (F13)', async () => {
    const buyer = await signedIn({ contact: { role: 'purchasing' } });
    const noPrices = await signedIn({ contact: { permissions: ['place_orders'] } });
    const visitor = (path) => ctx.client.api('GET', path);
    const lampOf = (answer) => answer.json.items.find((p) => p.id === catalog.products.lamp.id);

    await settings({ price_visibility: 'signed_in' });
    let answer = await visitor('/api/v1/portal/catalog?limit=200');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.prices_visible, false);
    assert.ok(!('price_minor' in lampOf(answer)) && !('base_price_minor' in lampOf(answer)));
    answer = await buyer.as('GET', '/api/v1/portal/catalog?limit=200');
    assert.equal(answer.json.prices_visible, true);
    assert.equal(lampOf(answer).price_minor, 1749); // 19.99 EUR less 12.5 %, half-up
    assert.equal(lampOf(answer).base_price_minor, 1999);
    answer = await noPrices.as('GET', '/api/v1/portal/catalog?limit=200');
    assert.equal(answer.json.prices_visible, false);
    assert.ok(!('price_minor' in lampOf(answer)));

    await settings({ price_visibility: 'everyone' });
    answer = await visitor('/api/v1/portal/catalog?limit=200');
    assert.equal(answer.json.prices_visible, true);
    assert.equal(lampOf(answer).price_minor, 1999);

    await settings({ price_visibility: 'nobody' });
    for (const a of [await visitor('/api/v1/portal/catalog?limit=200'), await buyer.as('GET', '/api/v1/portal/catalog?limit=200')]) {
      assert.equal(a.json.prices_visible, false);
      assert.ok(a.json.items.every((p) => !('price_minor' in p) && !('base_price_minor' in p)));
    }
    await settings({ price_visibility: 'signed_in' });
    assertFieldErrors(await settings({ price_visibility: 'some', registration_mode: 'x', default_currency: 'euro', alert_email: 'no' }), {'price_visibility': null, 'registration_mode': null, 'default_currency': null, 'alert_email': null});
  });

  test('orders: permissions, the contact on the order, idempotency, scopes, shared accounts', async () => {
    const buyer = await signedIn({ contact: { role: 'purchasing' } });
    const line = { product_id: catalog.products.lamp.id, quantity: 1 };
    const placed = await buyer.as('POST', '/api/v1/portal/orders', { lines: [line], note: 'Urgente' }, { 'idempotency-key': `k-${unique()}` });
    assert.equal(placed.status, 201, placed.text);
    assert.equal(placed.json.source, 'portal');
    assert.equal(placed.json.contact_id, buyer.contact.id);
    assert.equal(placed.json.customer_id, buyer.customer.id);
    assert.equal(placed.json.buyer.email, buyer.email);
    const received = await mails(`contact_id = ${Number(buyer.contact.id)} AND template = 'order_received'`);
    assert.equal(received.length, 1);
    assert.match(received[0].body_text, new RegExp(placed.json.number));

    const key = `k-${unique()}`;
    const first = await buyer.as('POST', '/api/v1/portal/orders', { lines: [line] }, { 'idempotency-key': key });
    const repeat = await buyer.as('POST', '/api/v1/portal/orders', { lines: [line] }, { 'idempotency-key': key });
    assert.equal(repeat.json.id, first.json.id);

    // A colleague's order shows in "customer" scope, not in "mine".
    const colleague = await ctx.api('POST', '/api/v1/orders', { body: { customer_id: buyer.customer.id, lines: [line] } });
    const mine = await buyer.as('GET', '/api/v1/portal/orders');
    assert.ok(!mine.json.items.some((o) => o.id === colleague.json.id));
    const all = await buyer.as('GET', '/api/v1/portal/orders?scope=customer');
    assert.ok(all.json.items.some((o) => o.id === colleague.json.id));
    assert.equal((await buyer.as('GET', `/api/v1/portal/orders/${colleague.json.id}`)).status, 200);

    const support = await signedIn({ contact: { role: 'support' } });
    assertProblem(await support.as('POST', '/api/v1/portal/orders', { lines: [line] }), 403, 'permission_required');
    assertProblem(await support.as('POST', '/api/v1/portal/orders', { kind: 'quote', lines: [line] }), 403, 'permission_required');
    const quoter = await signedIn({ contact: { permissions: ['request_quotes'] } });
    const quote = await quoter.as('POST', '/api/v1/portal/orders', { kind: 'quote', lines: [line] });
    assert.equal(quote.status, 201, quote.text);
    assert.equal(quote.json.kind, 'quote');

    // F15: a shared account asks every buyer for a name and keeps it.
    const shared = await signedIn({ customer: { shared_account: true }, contact: { role: 'purchasing' } });
    assertFieldErrors(await shared.as('POST', '/api/v1/portal/orders', { lines: [line] }), {'buyer.name': null});
    const guest = await shared.as('POST', '/api/v1/portal/orders', { lines: [line], buyer: { name: 'Invitado Uno', email: 'invitado@example.com' } });
    assert.equal(guest.status, 201, guest.text);
    assert.deepEqual(guest.json.buyer, { name: 'Invitado Uno', email: 'invitado@example.com' });
    assertFieldErrors(await buyer.as('POST', '/api/v1/portal/orders', { lines: [] }), {'lines': null});
  });

  test('access matrix: a contact of A reaches nothing of B; inactive customers and viewers', async () => {
    const a = await signedIn({ contact: { role: 'purchasing' } });
    const b = await signedIn({ contact: { role: 'purchasing' } });
    const order = await b.as('POST', '/api/v1/portal/orders', { lines: [{ product_id: catalog.products.lamp.id, quantity: 1 }] });
    assert.equal(order.status, 201, order.text);
    assertProblem(await a.as('GET', `/api/v1/portal/orders/${order.json.id}`), 404, 'not_found');
    assert.ok(!(await a.as('GET', '/api/v1/portal/orders?scope=customer')).json.items.some((o) => o.id === order.json.id));
    // Staff endpoints for B's data refuse a contact's token whatever the path.
    for (const path of [`/api/v1/customers/${b.customer.id}`, `/api/v1/orders/${order.json.id}`, `/api/v1/contacts/${b.contact.id}`, `/api/v1/customers/${b.customer.id}/contacts`, `/api/v1/customers/${b.customer.id}/history`, '/api/v1/settings', '/api/v1/staff']) {
      assertProblem(await a.as('GET', path), 401, 'unauthenticated');
    }
    // A product outside A's catalogue cannot become a favourite; a contact sees only its own.
    const narrow = await signedIn({ customer: { catalog_scope: 'products', product_ids: [catalog.products.cable.id] } });
    assertProblem(await narrow.as('PUT', `/api/v1/portal/favorites/${catalog.products.lamp.id}`), 404, 'not_found');
    assert.equal((await narrow.as('PUT', `/api/v1/portal/favorites/${catalog.products.cable.id}`)).status, 204);
    assert.deepEqual((await a.as('GET', '/api/v1/portal/favorites')).json.items, []);
    const narrowCatalog = await narrow.as('GET', '/api/v1/portal/catalog?limit=200');
    assert.deepEqual(narrowCatalog.json.items.map((p) => p.id), [catalog.products.cable.id]);
    assert.equal(narrowCatalog.json.items[0].favorite, true);

    // An inactive customer's contacts are signed out and cannot sign in (F14): deactivating is
    // refused while they have access, and revoking all of them first is the way.
    const refused = await ctx.api('PATCH', `/api/v1/customers/${a.customer.id}`, { body: { account_status: 'inactive' } });
    assertProblem(refused, 409, 'contacts_have_access');
    assert.deepEqual(refused.json.contacts.map((c) => c.name), ['Marta Gil']);
    assert.equal((await ctx.api('POST', `/api/v1/customers/${a.customer.id}/revoke-contact-access`)).status, 200);
    assertProblem(await a.as('GET', '/api/v1/portal/me'), 401, 'unauthenticated');
    assert.equal((await ctx.api('PATCH', `/api/v1/customers/${a.customer.id}`, { body: { account_status: 'inactive' } })).status, 200);
    assertProblem(await ctx.client.api('POST', '/api/v1/portal/login', { body: { email: a.email, password: PASSWORD } }), 403, 'account_inactive');

    // Settings: every staff reads, only owner and admin write.
    const sales = await signInAs(ctx, 'sales');
    assert.equal((await ctx.client.api('GET', '/api/v1/settings', { token: sales })).status, 200);
    assertProblem(await ctx.client.api('PATCH', '/api/v1/settings', { token: sales, body: { store_name: 'X' } }), 403, 'forbidden');
    assertProblem(await ctx.client.api('GET', '/api/v1/settings'), 401, 'unauthenticated');
  });
});
