// Customers: create, read, update, optimistic locking, possible duplicates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertProblem } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// Every F1 field with a value other than its default.
const FULL = {
  name: 'Suministros Ñandú S.L.',
  legal_name: 'Suministros Ñandú Sociedad Limitada',
  tax_id: 'B-76543210',
  external_id: 'ERP-000123',
  customer_type: 'company',
  contact_person: 'Begoña Íñiguez',
  email: 'compras@nandu.example',
  phone: '+34 611 22 33 44',
  whatsapp: '+34 611 22 33 45',
  status: 'potential',
  temperature: 'warm',
  discount_percent: 12.5,
  currency: 'MXN',
  language: 'en',
  account_status: 'inactive',
  registration_status: 'new',
  shared_account: true,
  credit_limit_minor: 1500000,
  payment_terms_days: 60,
  payment_methods: ['transferencia', 'tarjeta'],
  default_payment_method: 'tarjeta',
  shipping_method: 'Agencia de transporte',
  logistics_notes: 'Entregar de 8:00 a 14:00.\nMuelle 3.',
  tags: ['VIP', 'exportación'],
};

describe('customers', () => {
  const ctx = useServer();
  let full; // the customer created from FULL

  async function get(id) {
    return ctx.api('GET', `/api/v1/customers/${id}`);
  }

  async function create(body) {
    const response = await ctx.api('POST', '/api/v1/customers', { body });
    assert.equal(response.status, 201, response.text);
    return response;
  }

  test('create with every F1 field echoes them all', async () => {
    const response = await create(FULL);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const body = response.json;
    for (const [field, value] of Object.entries(FULL)) {
      if (field === 'tags') continue;
      assert.deepEqual(body[field], value, `field ${field}: ${response.text}`);
    }
    assert.deepEqual([...body.tags].sort(), [...FULL.tags].sort());
    assert.equal(typeof body.id, 'string');
    assert.ok(body.id.length > 0);
    assert.equal(body.version, 1);
    assert.equal(response.headers.get('etag'), '"1"');
    assert.deepEqual(body.possible_duplicates, []);
    assert.match(body.created_at, RFC3339_UTC);
    assert.match(body.updated_at, RFC3339_UTC);
    assert.ok(Math.abs(Date.parse(body.created_at) - Date.now()) < 5 * 60_000, 'created now');
    const location = response.headers.get('location');
    if (location) assert.ok(location.endsWith(`/api/v1/customers/${body.id}`), location);
    full = body;
  });

  test('defaults: status current, currency EUR, language es', async () => {
    const response = await create({ name: 'Cliente mínimo' });
    const body = response.json;
    assert.equal(body.name, 'Cliente mínimo');
    assert.equal(body.status, 'current');
    assert.equal(body.currency, 'EUR');
    assert.equal(body.language, 'es');
    assert.equal(body.temperature, null);
    assert.equal(body.discount_percent, 0);
    assert.equal(body.shared_account, false);
    assert.equal(body.credit_limit_minor, null);
    assert.deepEqual(body.tags, []);
    assert.deepEqual(body.payment_methods, []);
    for (const field of ['legal_name', 'tax_id', 'email', 'phone', 'customer_type']) {
      assert.equal(body[field], null, `${field} is null`);
    }
    assert.equal(body.version, 1);
    assert.deepEqual(body.possible_duplicates, []);
  });

  test('text is trimmed; names count characters, not bytes', async () => {
    const trimmed = await create({ name: '  Espacios alrededor  ', email: ' a@b.example ' });
    assert.equal(trimmed.json.name, 'Espacios alrededor');
    assert.equal(trimmed.json.email, 'a@b.example');
    const long = 'ñ'.repeat(200); // 400 bytes, 200 characters: the longest allowed name
    const response = await create({ name: long });
    assert.equal(response.json.name, long);
  });

  test('GET by id returns the stored customer with its ETag', async () => {
    assert.ok(full, 'needs the customer of the first test');
    const response = await get(full.id);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.get('etag'), '"1"');
    const { possible_duplicates: _ignored, ...expected } = full;
    assert.deepEqual(
      { ...response.json, tags: [...response.json.tags].sort() },
      { ...expected, tags: [...expected.tags].sort() },
    );
    assert.equal(response.json.possible_duplicates, undefined);
  });

  test('PATCH changes only the given fields and bumps the version', async () => {
    const created = (
      await create({ name: 'Para editar', email: 'editar@example.com', tags: ['uno'] })
    ).json;
    const response = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      body: { name: 'Editado', temperature: 'hot', discount_percent: 7.25, tags: ['dos', 'tres'] },
    });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.get('etag'), '"2"');
    const body = response.json;
    assert.equal(body.id, created.id);
    assert.equal(body.version, 2);
    assert.equal(body.name, 'Editado');
    assert.equal(body.temperature, 'hot');
    assert.equal(body.discount_percent, 7.25);
    assert.deepEqual([...body.tags].sort(), ['dos', 'tres']);
    assert.equal(body.email, 'editar@example.com', 'untouched fields stay');
    assert.equal(body.created_at, created.created_at);
    assert.ok(Date.parse(body.updated_at) >= Date.parse(created.updated_at));

    const nulls = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      body: { temperature: null, email: null },
    });
    assert.equal(nulls.status, 200, nulls.text);
    assert.equal(nulls.json.temperature, null);
    assert.equal(nulls.json.email, null);
    assert.equal(nulls.json.version, 3);
    assert.equal(nulls.headers.get('etag'), '"3"');

    const reread = await get(created.id);
    assert.equal(reread.json.version, 3);
    assert.equal(reread.json.name, 'Editado');
    assert.equal(reread.headers.get('etag'), '"3"');
  });

  test('If-Match with a stale version → 412 and nothing changes', async () => {
    const created = (await create({ name: 'Concurrente' })).json;
    const first = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      headers: { 'if-match': '"1"' },
      body: { name: 'Concurrente v2' },
    });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.version, 2);

    const stale = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      headers: { 'if-match': '"1"' },
      body: { name: 'Pisado', status: 'potential' },
    });
    assertProblem(stale, 412, 'precondition_failed');
    const weakStale = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      headers: { 'if-match': 'W/"1"' },
      body: { name: 'Pisado' },
    });
    assertProblem(weakStale, 412, 'precondition_failed');
    const future = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      headers: { 'if-match': '"3"' },
      body: { name: 'Pisado' },
    });
    assertProblem(future, 412, 'precondition_failed');

    const unchanged = await get(created.id);
    assert.equal(unchanged.json.name, 'Concurrente v2');
    assert.equal(unchanged.json.status, 'current');
    assert.equal(unchanged.json.version, 2);

    const current = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      headers: { 'if-match': 'W/"2"' },
      body: { name: 'Concurrente v3' },
    });
    assert.equal(current.status, 200, current.text);
    assert.equal(current.json.version, 3);
    const star = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      headers: { 'if-match': '*' },
      body: { name: 'Concurrente v4' },
    });
    assert.equal(star.status, 200, star.text);
    assert.equal(star.json.version, 4);
  });

  test('a stale version in the PATCH body → 412 and nothing changes', async () => {
    const created = (await create({ name: 'Versión en el cuerpo' })).json;
    const ok = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      body: { name: 'Versión 2', version: 1 },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.version, 2);
    const stale = await ctx.api('PATCH', `/api/v1/customers/${created.id}`, {
      body: { name: 'Pisado', version: 1 },
    });
    assertProblem(stale, 412, 'precondition_failed');
    const unchanged = await get(created.id);
    assert.equal(unchanged.json.name, 'Versión 2');
    assert.equal(unchanged.json.version, 2);
  });

  test('unknown or non-numeric ids → 404 not_found', async () => {
    for (const id of ['999999', 'abc', '0', '-1', '1.5', '%20']) {
      assertProblem(await get(id), 404, 'not_found');
      assertProblem(
        await ctx.api('PATCH', `/api/v1/customers/${id}`, { body: { name: 'X' } }),
        404,
        'not_found',
      );
    }
  });

  test('possible duplicates by tax id, email or phone', async () => {
    const first = (
      await create({
        name: 'Original S.A.',
        tax_id: 'B-1234 5678',
        email: 'Pedidos@Original.example',
        phone: '+34 699 11 22 33',
      })
    ).json;
    assert.deepEqual(first.possible_duplicates, []);

    const byTax = (await create({ name: 'Copia por NIF', tax_id: 'b12345678' })).json;
    assert.deepEqual(byTax.possible_duplicates, [
      { id: first.id, name: 'Original S.A.', matched_on: 'tax_id' },
    ]);
    const byEmail = (await create({ name: 'Copia por email', email: 'pedidos@original.EXAMPLE' }))
      .json;
    assert.deepEqual(byEmail.possible_duplicates, [
      { id: first.id, name: 'Original S.A.', matched_on: 'email' },
    ]);
    const byPhone = (await create({ name: 'Copia por teléfono', phone: '(+34) 699-112-233' })).json;
    assert.deepEqual(byPhone.possible_duplicates, [
      { id: first.id, name: 'Original S.A.', matched_on: 'phone' },
    ]);
    const unrelated = (
      await create({
        name: 'Original S.A.',
        tax_id: 'B87654321',
        email: 'otro@original.example',
        phone: '+34 699 11 22 34',
      })
    ).json;
    assert.deepEqual(unrelated.possible_duplicates, [], 'the same name alone is no duplicate');
  });
});
