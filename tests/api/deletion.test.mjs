// Customer events with field-level changes (F8), deletion with a confirmation code (F3) and
// deactivation refused while contacts can sign in (F14).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertProblem } from './lib/client.mjs';
import { lit, useDb } from './lib/db.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';

describe('customer events, deletion and deactivation', () => {
  const ctx = useServer();
  const db = useDb(ctx);
  let catalog;
  let viewer;

  before(async () => {
    catalog = await makeCatalog(ctx);
    viewer = await signInAs(ctx, 'viewer');
  });

  const newCustomer = async (body) => {
    const created = await ctx.api('POST', '/api/v1/customers', { body });
    assert.equal(created.status, 201, created.text);
    return created.json;
  };
  const patch = (id, body, headers = {}) => ctx.api('PATCH', `/api/v1/customers/${id}`, { body, headers });
  const events = async (customerId) =>
    (
      await db.rows(
        `SELECT type, actor_kind, actor_id, actor_name, data FROM customer_events WHERE customer_id = ${lit(Number(customerId))} ORDER BY id`,
      )
    ).map((event) => ({ ...event, data: JSON.parse(event.data) }));
  const requestCode = async (id) => {
    const answer = await ctx.api('POST', `/api/v1/customers/${id}/deletion-code`);
    assert.equal(answer.status, 200, answer.text);
    return answer.json.confirmation_code;
  };
  const remove = (id, code) =>
    ctx.api('DELETE', `/api/v1/customers/${id}${code === undefined ? '' : `?confirmation_code=${encodeURIComponent(code)}`}`);
  const assertConfirmationRequired = (response, fieldCode) => {
    assertProblem(response, 422, 'confirmation_required');
    assert.deepEqual(
      response.json.errors.map((e) => [e.field, e.code]),
      [['confirmation_code', fieldCode]],
      response.text,
    );
  };
  const addContact = async (customerId, firstName, lastName, access) => {
    const email = `${firstName}.${Math.random().toString(36).slice(2, 8)}@example.com`.toLowerCase();
    await db.exec(
      `INSERT INTO contacts (customer_id, first_name, last_name, email, email_key, access, created_at, updated_at) ` +
        `VALUES (${lit(Number(customerId))}, ${lit(firstName)}, ${lit(lastName)}, ${lit(email)}, ${lit(email)}, ${lit(access)}, 0, 0)`,
    );
    const [row] = await db.rows(`SELECT id FROM contacts WHERE email_key = ${lit(email)}`);
    return String(row.id);
  };
  const countRows = async (table, customerId) =>
    (await db.rows(`SELECT COUNT(*) AS n FROM ${table} WHERE customer_id = ${lit(Number(customerId))}`))[0].n;
  const history = async (customerId) => {
    const answer = await ctx.api('GET', `/api/v1/customers/${customerId}/history?limit=200`);
    return answer.status === 200 ? answer.json.items : null; // null: the history API is not there
  };

  test('creating and changing a customer records events with the exact field changes', async () => {
    const customer = await newCustomer({ name: 'Eventos Núñez', discount_percent: 10, tags: ['vip'] });
    const created = await events(customer.id);
    assert.equal(created.length, 1, JSON.stringify(created));
    assert.equal(created[0].type, 'customer_created');
    assert.deepEqual(created[0].data, { name: 'Eventos Núñez' });
    assert.equal(created[0].actor_kind, 'staff');
    assert.equal(typeof created[0].actor_name, 'string');
    assert.ok(created[0].actor_name.length > 0);

    const changed = await patch(customer.id, {
      name: 'Eventos Núñez S.L.',
      email: 'compras@nunez.example',
      discount_percent: 12.5,
      tags: ['vip', 'Mayorista'],
      warehouse_ids: [catalog.warehouses.main.id],
      phone: null,
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.version, 2);
    const afterPatch = await events(customer.id);
    assert.equal(afterPatch.length, 2, JSON.stringify(afterPatch));
    assert.equal(afterPatch[1].type, 'customer_updated');
    assert.equal(afterPatch[1].actor_kind, 'staff');
    assert.deepEqual(afterPatch[1].data.changes, [
      { field: 'name', from: 'Eventos Núñez', to: 'Eventos Núñez S.L.' },
      { field: 'email', from: null, to: 'compras@nunez.example' },
      { field: 'discount_percent', from: 10, to: 12.5 },
      { field: 'warehouse_ids', from: [], to: [catalog.warehouses.main.id] },
      { field: 'tags', from: ['vip'], to: changed.json.tags },
    ]);
    assert.deepEqual([...changed.json.tags].sort(), ['Mayorista', 'vip']);

    // The same values again change nothing: no event, no new version.
    const same = await patch(customer.id, { name: 'Eventos Núñez S.L.', discount_percent: 12.5, email: 'compras@nunez.example' });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.json.version, 2);
    assert.equal(same.headers.get('etag'), '"2"');
    assert.equal((await events(customer.id)).length, 2);

    // Status fields go to their own event; the rest stays in customer_updated.
    const statuses = await patch(
      customer.id,
      { account_status: 'inactive', registration_status: 'cancelled', status: 'potential', temperature: 'cold' },
      { 'if-match': '"2"' },
    );
    assert.equal(statuses.status, 200, statuses.text);
    assert.equal(statuses.json.version, 3);
    const afterStatus = (await events(customer.id)).slice(2);
    assert.deepEqual(
      afterStatus.map((e) => [e.type, e.data.changes]),
      [
        ['customer_updated', [{ field: 'temperature', from: null, to: 'cold' }]],
        [
          'customer_status_changed',
          [
            { field: 'status', from: 'current', to: 'potential' },
            { field: 'account_status', from: 'active', to: 'inactive' },
            { field: 'registration_status', from: 'validated', to: 'cancelled' },
          ],
        ],
      ],
    );
    // A refused write records nothing.
    assertProblem(await patch(customer.id, { name: 'Tarde' }, { 'if-match': '"2"' }), 412, 'precondition_failed');
    const refused = await patch(customer.id, { name: '', account_status: 'active' });
    assert.equal(refused.status, 422, refused.text);
    assert.equal((await events(customer.id)).length, 4);

    // Reactivating works (no contacts) and is a status event.
    const reactivated = await patch(customer.id, { account_status: 'active' });
    assert.equal(reactivated.status, 200, reactivated.text);
    assert.equal(reactivated.json.account_status, 'active');
    const last = (await events(customer.id)).at(-1);
    assert.equal(last.type, 'customer_status_changed');
    assert.deepEqual(last.data.changes, [{ field: 'account_status', from: 'inactive', to: 'active' }]);

    // Through the history API too, when it is there.
    const items = await history(customer.id);
    if (items) {
      const changes = items.flatMap((item) => item.changes ?? []);
      assert.ok(changes.some((c) => c.field === 'discount_percent' && c.from === 10 && c.to === 12.5), JSON.stringify(items));
      assert.ok(changes.some((c) => c.field === 'account_status' && c.to === 'inactive'), JSON.stringify(items));
      assert.ok(items.some((item) => item.kind === 'created'), JSON.stringify(items));
      assert.ok(items.some((item) => item.kind === 'status'), JSON.stringify(items));
    }
  });

  test('a deletion code is short, unambiguous, valid ten minutes and not cached', async () => {
    const customer = await newCustomer({ name: 'Código de prueba' });
    const before = Date.now();
    const answer = await ctx.api('POST', `/api/v1/customers/${customer.id}/deletion-code`);
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.json.confirmation_code, /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const expires = Date.parse(answer.json.expires_at);
    assert.ok(Math.abs(expires - (before + 10 * 60_000)) < 5_000, answer.text);
    assert.equal(answer.json.order_count, 0);
    assert.equal(answer.json.quote_count, 0);
    // Only a hash is stored.
    const stored = await db.rows(`SELECT code_hash FROM customer_deletion_codes WHERE customer_id = ${lit(Number(customer.id))}`);
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].code_hash, answer.json.confirmation_code);
    assert.equal(stored[0].code_hash.includes(answer.json.confirmation_code), false);
  });

  test('a missing, wrong, replaced, foreign or expired code is refused with 422 and deletes nothing', async () => {
    const customer = await newCustomer({ name: 'Borrado difícil' });
    const other = await newCustomer({ name: 'Otro cliente' });

    assertConfirmationRequired(await remove(customer.id), 'required');
    assertConfirmationRequired(await remove(customer.id, ''), 'required');
    assertConfirmationRequired(await remove(customer.id, 'ABC234'), 'invalid'); // none asked for

    const first = await requestCode(customer.id);
    const second = await requestCode(customer.id); // replaces the first
    if (first !== second) assertConfirmationRequired(await remove(customer.id, first), 'invalid');
    const otherCode = await requestCode(other.id);
    if (otherCode !== second) assertConfirmationRequired(await remove(customer.id, otherCode), 'invalid');
    assertConfirmationRequired(await remove(customer.id, 'x'.repeat(500)), 'invalid');

    // Expired: move the expiry into the past.
    await db.exec(`UPDATE customer_deletion_codes SET expires_at = 1 WHERE customer_id = ${lit(Number(customer.id))}`);
    assertConfirmationRequired(await remove(customer.id, second), 'expired');
    assertConfirmationRequired(await remove(customer.id, second), 'invalid'); // gone with its expiry
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customer.id}`)).status, 200);

    // Five wrong tries burn the code: the right one no longer works.
    const code = await requestCode(customer.id);
    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let i = 0; i < 5; i += 1) assertConfirmationRequired(await remove(customer.id, wrong), 'invalid');
    assertConfirmationRequired(await remove(customer.id, code), 'invalid');
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customer.id}`)).status, 200);

    // A fresh code works, typed in lower case with a space; it is single use.
    const fresh = await requestCode(customer.id);
    const typed = `${fresh.slice(0, 3)} ${fresh.slice(3)}`.toLowerCase();
    assert.equal((await remove(customer.id, typed)).status, 204);
    assertProblem(await remove(customer.id, fresh), 404, 'not_found');
    // The other customer's code was not disturbed.
    assert.equal((await remove(other.id, otherCode)).status, 204);
  });

  test('a customer with orders or quotes is refused with 409, keeps everything and the code', async () => {
    const withOrder = await makeCustomer(ctx, catalog);
    const placed = await ctx.api('POST', '/api/v1/orders', {
      body: { customer_id: withOrder.id, lines: [{ product_id: catalog.products.lamp.id, quantity: 1 }] },
    });
    assert.equal(placed.status, 201, placed.text);
    await ctx.api('POST', `/api/v1/customers/${withOrder.id}/notes`, { body: { body: 'Nota que debe quedar' } });
    const answer = await ctx.api('POST', `/api/v1/customers/${withOrder.id}/deletion-code`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.order_count, 1, 'the dialog can warn before the code is typed');
    const code = answer.json.confirmation_code;

    const refused = await remove(withOrder.id, code);
    assertProblem(refused, 409, 'customer_has_orders');
    assert.equal(refused.json.order_count, 1);
    assert.equal(refused.json.quote_count, 0);
    assertProblem(await remove(withOrder.id), 409, 'customer_has_orders'); // whatever the code
    assert.equal((await ctx.api('GET', `/api/v1/customers/${withOrder.id}`)).status, 200);
    assert.equal(await countRows('notes', withOrder.id), 1);
    assert.equal((await ctx.api('GET', `/api/v1/orders/${placed.json.id}`)).status, 200);
    const kept = await db.rows(
      `SELECT failed_attempts FROM customer_deletion_codes WHERE customer_id = ${lit(Number(withOrder.id))}`,
    );
    assert.deepEqual(kept, [{ failed_attempts: 0 }], 'a refused deletion does not burn the code');

    const withQuote = await makeCustomer(ctx, catalog);
    const quote = await ctx.api('POST', '/api/v1/orders', {
      body: { kind: 'quote', customer_id: withQuote.id, lines: [{ product_id: catalog.products.bulb.id, quantity: 2 }] },
    });
    assert.equal(quote.status, 201, quote.text);
    const quoteRefused = await remove(withQuote.id, await requestCode(withQuote.id));
    assertProblem(quoteRefused, 409, 'customer_has_orders');
    assert.equal(quoteRefused.json.order_count, 0);
    assert.equal(quoteRefused.json.quote_count, 1);
  });

  test('deleting removes the customer and every child row, and records it for the staff user', async () => {
    const customer = await newCustomer({ name: 'Cliente a borrar', tags: ['borrable', 'vip'] });
    const kept = await newCustomer({ name: 'Cliente que queda', tags: ['vip'] });
    assert.equal((await ctx.api('POST', `/api/v1/customers/${customer.id}/notes`, { body: { body: 'Adiós' } })).status, 201);
    assert.equal((await ctx.api('POST', `/api/v1/customers/${customer.id}/quick-links`)).status, 201);
    assert.equal((await patch(customer.id, { temperature: 'hot' })).status, 200);
    await addContact(customer.id, 'Rosa', 'Gil', 'revoked');
    const address = await ctx.api('POST', `/api/v1/customers/${customer.id}/addresses`, {
      body: { kind: 'shipping', line1: 'Calle Mayor 1', city: 'Madrid', country: 'ES' },
    });
    assert.equal(address.status, 201, address.text);
    await db.exec(
      `INSERT INTO attachments (customer_id, name, content_type, size, sha256, uploaded_by_name, created_at) ` +
        `VALUES (${lit(Number(customer.id))}, 'pedido.pdf', 'application/pdf', 3, ${lit('ab'.repeat(32))}, 'owner', 0)`,
    );
    const tables = ['customer_events', 'notes', 'customer_tags', 'quick_links', 'contacts', 'addresses', 'attachments', 'customer_deletion_codes'];
    const code = await requestCode(customer.id);
    for (const table of tables) assert.ok((await countRows(table, customer.id)) > 0, `${table} has rows before`);

    assert.equal((await remove(customer.id, code)).status, 204);
    assertProblem(await ctx.api('GET', `/api/v1/customers/${customer.id}`), 404, 'not_found');
    for (const table of tables) assert.equal(await countRows(table, customer.id), 0, `${table} rows left`);
    const listed = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent('Cliente a borrar')}`);
    assert.deepEqual(listed.json.items.map((c) => c.id).filter((id) => id === customer.id), [], 'gone from search');
    // Other customers keep their tags and rows.
    assert.deepEqual((await ctx.api('GET', `/api/v1/customers/${kept.id}`)).json.tags, ['vip']);
    assert.ok((await countRows('customer_events', kept.id)) > 0);

    const me = await ctx.api('GET', '/api/v1/auth/me');
    const staffEvents = await db.rows(
      `SELECT staff_id, staff_name, type, data FROM staff_events WHERE type = 'customer_deleted' ORDER BY id`,
    );
    const mine = staffEvents.map((e) => ({ ...e, data: JSON.parse(e.data) })).find((e) => e.data.customer_id === customer.id);
    assert.ok(mine, JSON.stringify(staffEvents));
    assert.equal(String(mine.staff_id), me.json.id);
    assert.equal(mine.staff_name, me.json.name || me.json.email);
    assert.deepEqual(mine.data, { customer_id: customer.id, name: 'Cliente a borrar' });

    // The other verbs on a deleted or unknown customer are 404.
    assertProblem(await ctx.api('POST', `/api/v1/customers/${customer.id}/deletion-code`), 404, 'not_found');
    assertProblem(await ctx.api('POST', `/api/v1/customers/${customer.id}/revoke-contact-access`), 404, 'not_found');
    assertProblem(await ctx.api('POST', '/api/v1/customers/abc/deletion-code'), 404, 'not_found');
    assertProblem(await remove('999999', 'ABCDEF'), 404, 'not_found');
  });

  test('viewers may not ask for codes, delete or revoke', async () => {
    const customer = await newCustomer({ name: 'Solo lectura' });
    const code = await requestCode(customer.id);
    const as = (method, path) => ctx.api(method, path, { token: viewer });
    assertProblem(await as('POST', `/api/v1/customers/${customer.id}/deletion-code`), 403, 'forbidden');
    assertProblem(await as('DELETE', `/api/v1/customers/${customer.id}?confirmation_code=${code}`), 403, 'forbidden');
    assertProblem(await as('POST', `/api/v1/customers/${customer.id}/revoke-contact-access`), 403, 'forbidden');
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customer.id}`)).status, 200);
    // The viewer's attempt did not spend the code.
    assert.equal((await remove(customer.id, code)).status, 204);
  });

  test('deactivation is refused while contacts can sign in; revoking them all lets it through', async () => {
    const customer = await newCustomer({ name: 'Con contactos' });
    const ana = await addContact(customer.id, 'Ana', 'Pérez', 'active');
    const luis = await addContact(customer.id, 'Luis', null, 'invited');
    await addContact(customer.id, 'Marta', 'Ruiz', 'revoked');
    const other = await newCustomer({ name: 'Otro con contacto' });
    const outsider = await addContact(other.id, 'Pablo', 'Sanz', 'active');

    const refused = await patch(customer.id, { account_status: 'inactive', temperature: 'cold' });
    assertProblem(refused, 409, 'contacts_have_access');
    assert.deepEqual(refused.json.contacts, [
      { id: ana, name: 'Ana Pérez' },
      { id: luis, name: 'Luis' },
    ]);
    const unchanged = await ctx.api('GET', `/api/v1/customers/${customer.id}`);
    assert.equal(unchanged.json.account_status, 'active');
    assert.equal(unchanged.json.temperature, null, 'nothing of the refused PATCH was written');
    assert.equal(unchanged.json.version, 1);
    // Other changes of an active customer are not blocked by its contacts.
    assert.equal((await patch(customer.id, { temperature: 'warm' })).status, 200);

    const revoked = await ctx.api('POST', `/api/v1/customers/${customer.id}/revoke-contact-access`);
    assert.equal(revoked.status, 200, revoked.text);
    assert.deepEqual(revoked.json, { revoked: 2 });
    const access = await db.rows(`SELECT access FROM contacts WHERE customer_id = ${lit(Number(customer.id))} ORDER BY id`);
    assert.deepEqual(access.map((r) => r.access), ['revoked', 'revoked', 'revoked']);
    const [outsiderRow] = await db.rows(`SELECT access FROM contacts WHERE id = ${lit(Number(outsider))}`);
    assert.equal(outsiderRow.access, 'active', "another customer's contacts keep access");
    const revokedEvent = (await events(customer.id)).at(-1);
    assert.equal(revokedEvent.type, 'contacts_revoked');
    assert.equal(revokedEvent.actor_kind, 'staff');
    assert.deepEqual(revokedEvent.data, {
      contacts: [
        { id: ana, name: 'Ana Pérez' },
        { id: luis, name: 'Luis' },
      ],
      revoked: 2,
    });
    const eventCount = (await events(customer.id)).length;
    assert.deepEqual((await ctx.api('POST', `/api/v1/customers/${customer.id}/revoke-contact-access`)).json, { revoked: 0 });
    assert.equal((await events(customer.id)).length, eventCount, 'nothing to revoke, nothing recorded');

    const deactivated = await patch(customer.id, { account_status: 'inactive' });
    assert.equal(deactivated.status, 200, deactivated.text);
    assert.equal(deactivated.json.account_status, 'inactive');
    // Reactivation is always allowed, and so is deactivating again with no one to revoke.
    assert.equal((await patch(customer.id, { account_status: 'active' })).json.account_status, 'active');
    assert.equal((await patch(customer.id, { account_status: 'inactive' })).status, 200);
    // A contact invited while inactive does not block staying inactive (no change of status).
    await addContact(customer.id, 'Nuevo', 'Contacto', 'invited');
    assert.equal((await patch(customer.id, { account_status: 'inactive', temperature: 'hot' })).status, 200);
  });
});
