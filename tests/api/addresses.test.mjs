// Addresses of a customer (F7): CRUD with versions, validation, one default per purpose (a
// `both` address serves shipping and billing), the customer's default_address, and orders that
// take the default shipping address.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem } from './lib/client.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';

const FIELDS = ['id', 'customer_id', 'kind', 'label', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'is_default', 'created_at', 'updated_at', 'version'];

describe('addresses', () => {
  const ctx = useServer();
  let catalog;
  const newCustomer = async (name = 'Cliente con direcciones') => {
    const created = await ctx.api('POST', '/api/v1/customers', { body: { name: `${name} ${Math.random().toString(36).slice(2, 6)}` } });
    assert.equal(created.status, 201, created.text);
    return created.json;
  };
  const add = (customer, body) => ctx.api('POST', `/api/v1/customers/${customer.id}/addresses`, { body });
  const addOk = async (customer, body) => {
    const created = await add(customer, { city: 'Madrid', country: 'ES', ...body });
    assert.equal(created.status, 201, created.text);
    return created.json;
  };
  const list = async (customer) => {
    const answer = await ctx.api('GET', `/api/v1/customers/${customer.id}/addresses`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.next_cursor, null);
    return answer.json.items;
  };
  const defaults = async (customer) => (await list(customer)).filter((a) => a.is_default).map((a) => a.line1);
  const record = async (customer) => (await ctx.api('GET', `/api/v1/customers/${customer.id}`)).json;
  // The customer's history (F8), where address events show up.
  const history = async (customer) => {
    const answer = await ctx.api('GET', `/api/v1/customers/${customer.id}/history?limit=200`);
    assert.equal(answer.status, 200, answer.text);
    return answer.json.items;
  };

  before(async () => {
    catalog = await makeCatalog(ctx);
  });

  test('add, read, edit with versions and delete an address', async () => {
    const customer = await newCustomer();
    assert.deepEqual(await list(customer), []);
    assert.equal((await record(customer)).default_address, null);

    const created = await add(customer, {
      kind: 'shipping',
      label: '  Almacén central ',
      line1: 'Calle Mayor 1',
      line2: 'Nave 3',
      city: 'Madrid',
      region: 'Madrid',
      postal_code: '28013',
      country: 'es',
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('etag'), '"1"');
    const address = created.json;
    assert.deepEqual(Object.keys(address).sort(), [...FIELDS].sort());
    assert.equal(address.customer_id, customer.id);
    assert.equal(address.label, 'Almacén central', 'trimmed');
    assert.equal(address.country, 'ES', 'stored in upper case');
    assert.equal(address.is_default, true, 'the first shipping address is the default');
    assert.equal(address.version, 1);

    const read = await ctx.api('GET', `/api/v1/addresses/${address.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json, address);

    const edited = await ctx.api('PATCH', `/api/v1/addresses/${address.id}`, {
      body: { line2: null, postal_code: '28014' },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.headers.get('etag'), '"2"');
    assert.equal(edited.json.line2, null);
    assert.equal(edited.json.postal_code, '28014');
    assert.equal(edited.json.line1, 'Calle Mayor 1', 'unchanged fields stay');
    assert.equal(edited.json.version, 2);
    assert.ok(edited.json.updated_at >= address.updated_at);
    // Stale If-Match or body version → 412; nothing changes.
    assertProblem(
      await ctx.api('PATCH', `/api/v1/addresses/${address.id}`, { body: { city: 'Toledo' }, headers: { 'if-match': '"1"' } }),
      412,
      'precondition_failed',
    );
    assertProblem(
      await ctx.api('PATCH', `/api/v1/addresses/${address.id}`, { body: { city: 'Toledo', version: 1 } }),
      412,
      'precondition_failed',
    );
    assert.equal((await ctx.api('GET', `/api/v1/addresses/${address.id}`)).json.city, 'Madrid');
    // The same values again change nothing.
    const same = await ctx.api('PATCH', `/api/v1/addresses/${address.id}`, { body: { city: 'Madrid', version: 2 } });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.json.version, 2);

    assert.equal((await ctx.api('DELETE', `/api/v1/addresses/${address.id}`)).status, 204);

    // Each write is in the customer's history, with field-level changes and who did it.
    const events = await history(customer);
    assert.ok(events, 'the history API answers');
    const find = (summary) => {
      const found = events.filter((e) => e.summary === summary);
      assert.equal(found.length, 1, `${summary}: ${JSON.stringify(events)}`);
      assert.equal(found[0].kind, 'updated');
      assert.equal(found[0].actor.type, 'staff');
      return Object.fromEntries(found[0].changes.map((c) => [c.field, [c.from, c.to]]));
    };
    const added = find('Address added: Almacén central');
    assert.deepEqual(added.line1, [null, 'Calle Mayor 1']);
    assert.deepEqual(added.kind, [null, 'shipping']);
    assert.deepEqual(added.is_default, [null, true]);
    assert.deepEqual(find('Address updated: Almacén central'), { line2: ['Nave 3', null], postal_code: ['28013', '28014'] });
    assert.deepEqual(find('Address deleted: Almacén central').city, ['Madrid', null]);
    assertProblem(await ctx.api('DELETE', `/api/v1/addresses/${address.id}`), 404, 'not_found');
    assertProblem(await ctx.api('GET', `/api/v1/addresses/${address.id}`), 404, 'not_found');
    assertProblem(await ctx.api('PATCH', `/api/v1/addresses/${address.id}`, { body: { city: 'x' } }), 404, 'not_found');
    assert.deepEqual(await list(customer), []);
    assert.equal((await record(customer)).default_address, null);
  });

  test('bad input is refused naming the field', async () => {
    const customer = await newCustomer();
    const base = { kind: 'shipping', line1: 'Calle Mayor 1', city: 'Madrid', country: 'ES' };
    assertFieldErrors(await add(customer, { ...base, country: 'XX' }), { country: 'invalid' });
    assertFieldErrors(await add(customer, { ...base, country: 'ESP' }), { country: 'too_long' });
    assertFieldErrors(await add(customer, { ...base, line1: undefined }), { line1: 'required' });
    assertFieldErrors(await add(customer, { ...base, line1: '   ' }), { line1: 'required' });
    assertFieldErrors(await add(customer, { ...base, kind: 'home' }), { kind: 'invalid_enum' });
    assertFieldErrors(await add(customer, { line1: 'x' }), { kind: 'required', city: 'required', country: 'required' });
    assertFieldErrors(await add(customer, { ...base, line1: 'x'.repeat(201) }), { line1: 'too_long' });
    assertFieldErrors(await add(customer, { ...base, label: 'x'.repeat(101) }), { label: 'too_long' });
    assertFieldErrors(await add(customer, { ...base, postal_code: '1'.repeat(21) }), { postal_code: 'too_long' });
    assertFieldErrors(await add(customer, { ...base, city: 42 }), { city: 'invalid_type' });
    assertFieldErrors(await add(customer, { ...base, is_default: 'yes' }), { is_default: 'invalid_type' });
    assertFieldErrors(await add(customer, { ...base, line2: 'a\u0000b' }), { line2: 'invalid' });
    assertProblem(await ctx.api('POST', `/api/v1/customers/${customer.id}/addresses`, { rawBody: '{"kind":' }), 400, 'bad_request');
    assert.deepEqual(await list(customer), [], 'nothing was stored');

    const address = await addOk(customer, base);
    const patch = (body) => ctx.api('PATCH', `/api/v1/addresses/${address.id}`, { body });
    assertFieldErrors(await patch({ line1: null }), { line1: 'required' });
    assertFieldErrors(await patch({ city: '' }), { city: 'required' });
    assertFieldErrors(await patch({ country: null }), { country: 'required' });
    assertFieldErrors(await patch({ kind: null }), { kind: 'required' });
    assertFieldErrors(await patch({ country: 'zz' }), { country: 'invalid' });
    assert.equal((await ctx.api('GET', `/api/v1/addresses/${address.id}`)).json.version, 1);

    // Unknown customers and ids.
    assertProblem(await ctx.api('GET', '/api/v1/customers/999999/addresses'), 404, 'not_found');
    assertProblem(await ctx.api('POST', '/api/v1/customers/999999/addresses', { body: base }), 404, 'not_found');
    assertProblem(await ctx.api('GET', '/api/v1/customers/abc/addresses'), 404, 'not_found');
    assertProblem(await ctx.api('GET', '/api/v1/addresses/999999'), 404, 'not_found');
    assertProblem(await ctx.api('PATCH', '/api/v1/addresses/abc', { body: { city: 'x' } }), 404, 'not_found');
  });

  test('one default per purpose; a both address serves shipping and billing', async () => {
    const customer = await newCustomer();
    const shipping = await addOk(customer, { kind: 'shipping', line1: 'Almacén' });
    const billing = await addOk(customer, { kind: 'billing', line1: 'Facturas' });
    assert.equal(shipping.is_default, true);
    assert.equal(billing.is_default, true, 'the first billing address');
    const both = await addOk(customer, { kind: 'both', line1: 'Oficina' });
    assert.equal(both.is_default, false, 'both purposes already have a default');
    const second = await addOk(customer, { kind: 'shipping', line1: 'Almacén 2' });
    assert.equal(second.is_default, false);
    // Defaults first, then in the order they were added.
    assert.deepEqual((await list(customer)).map((a) => a.line1), ['Almacén', 'Facturas', 'Oficina', 'Almacén 2']);
    assert.equal((await record(customer)).default_address.line1, 'Almacén');

    // Another shipping default takes shipping only.
    const made = await ctx.api('PATCH', `/api/v1/addresses/${second.id}`, { body: { is_default: true, version: 1 } });
    assert.equal(made.status, 200, made.text);
    assert.deepEqual(await defaults(customer), ['Facturas', 'Almacén 2']);
    const lost = (await list(customer)).find((a) => a.id === shipping.id);
    assert.equal(lost.is_default, false);
    assert.equal(lost.version, 2, 'losing the default is a change with a new version');
    // Both sides are in the history: one address got the default, the other lost it.
    const defaultEvents = (await history(customer)).filter((e) => e.summary === 'Address updated');
    assert.deepEqual(
      defaultEvents.map((e) => e.changes).sort((a, b) => Number(a[0].to) - Number(b[0].to)),
      [[{ field: 'is_default', from: true, to: false }], [{ field: 'is_default', from: false, to: true }]],
    );

    // A both default takes both purposes.
    const widened = await ctx.api('PATCH', `/api/v1/addresses/${both.id}`, { body: { is_default: true } });
    assert.equal(widened.status, 200, widened.text);
    assert.deepEqual(await defaults(customer), ['Oficina']);
    const current = await record(customer);
    assert.equal(current.default_address.id, both.id);
    assert.equal(current.default_address.kind, 'both');
    assert.equal(current.default_address.is_default, true);

    // A billing default takes billing from the both address, which then serves as default for
    // nothing: one flag per address.
    assert.equal((await ctx.api('PATCH', `/api/v1/addresses/${billing.id}`, { body: { is_default: true } })).status, 200);
    assert.deepEqual(await defaults(customer), ['Facturas']);
    assert.equal((await record(customer)).default_address, null, 'no default shipping address now');

    // A new address marked default takes its purposes.
    const fresh = await addOk(customer, { kind: 'shipping', line1: 'Nueva nave', is_default: true });
    assert.equal(fresh.is_default, true);
    assert.deepEqual((await defaults(customer)).sort(), ['Facturas', 'Nueva nave']);

    // Turning the default off leaves the purpose without one; deleting the default promotes none.
    assert.equal((await ctx.api('PATCH', `/api/v1/addresses/${billing.id}`, { body: { is_default: false } })).status, 200);
    assert.deepEqual(await defaults(customer), ['Nueva nave']);
    assert.equal((await ctx.api('DELETE', `/api/v1/addresses/${fresh.id}`)).status, 204);
    assert.deepEqual(await defaults(customer), []);
    assert.equal((await record(customer)).default_address, null);

    // The customer list carries default_address too (one subquery, same shape).
    const oficina = await ctx.api('PATCH', `/api/v1/addresses/${both.id}`, { body: { is_default: true } });
    assert.equal(oficina.status, 200);
    const listed = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(customer.name)}`);
    const row = listed.json.items.find((c) => c.id === customer.id);
    assert.deepEqual(row.default_address, {
      id: both.id,
      kind: 'both',
      label: null,
      line1: 'Oficina',
      line2: null,
      city: 'Madrid',
      region: null,
      postal_code: null,
      country: 'ES',
      is_default: true,
    });
  });

  test('at most 50 addresses per customer', async () => {
    const customer = await newCustomer();
    for (let i = 0; i < 50; i += 1) await addOk(customer, { kind: 'billing', line1: `Calle ${i}` });
    assertFieldErrors(await add(customer, { kind: 'shipping', line1: 'Una más', city: 'Madrid', country: 'ES' }), {
      addresses: 'too_many',
    });
    assert.equal((await list(customer)).length, 50);
  });

  test('a viewer reads addresses but cannot write them', async () => {
    const customer = await newCustomer();
    const address = await addOk(customer, { kind: 'both', line1: 'Oficina' });
    const viewer = await signInAs(ctx, 'viewer');
    const read = await ctx.api('GET', `/api/v1/customers/${customer.id}/addresses`, { token: viewer });
    assert.equal(read.status, 200);
    assert.equal(read.json.items.length, 1);
    assertProblem(
      await ctx.api('POST', `/api/v1/customers/${customer.id}/addresses`, {
        token: viewer,
        body: { kind: 'shipping', line1: 'x', city: 'y', country: 'ES' },
      }),
      403,
      'forbidden',
    );
    assertProblem(await ctx.api('PATCH', `/api/v1/addresses/${address.id}`, { token: viewer, body: { city: 'x' } }), 403, 'forbidden');
    assertProblem(await ctx.api('DELETE', `/api/v1/addresses/${address.id}`, { token: viewer }), 403, 'forbidden');
    assert.deepEqual(await list(customer), [address]);
  });

  test('orders and quotes without a shipping address take the default one', async () => {
    const customer = await makeCustomer(ctx, catalog);
    const lines = [{ product_id: catalog.products.lamp.id, quantity: 1 }];
    const place = (body) => ctx.api('POST', '/api/v1/orders', { body: { customer_id: customer.id, lines, ...body } });

    // No address yet: none on the order.
    const bare = await place({});
    assert.equal(bare.status, 201, bare.text);
    assert.equal(bare.json.shipping_address, null);

    await addOk(customer, { kind: 'billing', line1: 'Solo facturas' });
    assert.equal((await place({})).json.shipping_address, null, 'a billing address is not for shipping');
    const office = await addOk(customer, { kind: 'both', line1: 'Oficina', label: 'Sede', line2: 'Planta 2', region: 'Madrid', postal_code: '28001' });
    assert.equal(office.is_default, false, 'billing already has a default');
    const store = await addOk(customer, { kind: 'shipping', line1: 'Almacén', postal_code: '28013', country: 'pt', city: 'Lisboa' });
    assert.equal(store.is_default, true, 'the first shipping address');

    const expected = { line1: 'Almacén', line2: null, city: 'Lisboa', region: null, postal_code: '28013', country: 'PT' };
    const order = await place({});
    assert.equal(order.status, 201, order.text);
    assert.deepEqual(order.json.shipping_address, expected);
    const quote = await place({ kind: 'quote' });
    assert.equal(quote.status, 201, quote.text);
    assert.deepEqual(quote.json.shipping_address, expected);
    const nullGiven = await place({ shipping_address: null });
    assert.deepEqual(nullGiven.json.shipping_address, expected, 'null is "none given"');

    // An address given wins; so does one picked by id.
    const given = await place({ shipping_address: { line1: 'Otra calle 5', city: 'Sevilla', country: 'ES' } });
    assert.equal(given.json.shipping_address.line1, 'Otra calle 5');
    const picked = await place({ shipping_address_id: office.id });
    assert.equal(picked.status, 201, picked.text);
    assert.deepEqual(picked.json.shipping_address, {
      line1: 'Oficina',
      line2: 'Planta 2',
      city: 'Madrid',
      region: 'Madrid',
      postal_code: '28001',
      country: 'ES',
    });

    // Another customer's address, an unknown id, or both ways at once → 422 naming the field.
    const other = await newCustomer('Otro cliente');
    const theirs = await addOk(other, { kind: 'shipping', line1: 'Ajena' });
    assertFieldErrors(await place({ shipping_address_id: theirs.id }), { shipping_address_id: 'not_found' });
    assertFieldErrors(await place({ shipping_address_id: '999999' }), { shipping_address_id: 'not_found' });
    assertFieldErrors(await place({ shipping_address_id: 'abc' }), { shipping_address_id: 'not_found' });
    assertFieldErrors(
      await place({ shipping_address_id: office.id, shipping_address: { line1: 'x', city: 'y', country: 'ES' } }),
      { shipping_address_id: 'invalid' },
    );

    // The order keeps its copy: editing or deleting the address later does not touch it.
    assert.equal((await ctx.api('PATCH', `/api/v1/addresses/${store.id}`, { body: { line1: 'Almacén nuevo' } })).status, 200);
    assert.equal((await ctx.api('DELETE', `/api/v1/addresses/${store.id}`)).status, 204);
    assert.deepEqual((await ctx.api('GET', `/api/v1/orders/${order.json.id}`)).json.shipping_address, expected);
  });

  test('deleting a customer removes its addresses', async () => {
    const customer = await newCustomer('Para borrar');
    const address = await addOk(customer, { kind: 'shipping', line1: 'Temporal' });
    const code = await ctx.api('POST', `/api/v1/customers/${customer.id}/deletion-code`);
    assert.equal(code.status, 200, code.text);
    const deleted = await ctx.api(
      'DELETE',
      `/api/v1/customers/${customer.id}?confirmation_code=${encodeURIComponent(code.json.confirmation_code)}`,
    );
    assert.equal(deleted.status, 204, deleted.text);
    assertProblem(await ctx.api('GET', `/api/v1/addresses/${address.id}`), 404, 'not_found');
  });
});
