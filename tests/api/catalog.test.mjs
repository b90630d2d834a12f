// Catalogue (F17): product types, warehouses, products with prices per currency, stock.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertFieldErrors, assertProblem } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';

describe('catalogue', () => {
  const ctx = useServer();
  const ids = {};


  test('product types and warehouses: unique names, rename with versions, delete', async () => {
    const type = await ctx.api('POST', '/api/v1/product-types', { body: { name: 'Iluminación' } });
    assert.equal(type.status, 201, type.text);
    assert.equal(type.json.name, 'Iluminación');
    assert.equal(type.headers.get('etag'), '"1"');
    ids.type = type.json.id;
    assertProblem(await ctx.api('POST', '/api/v1/product-types', { body: { name: 'ILUMINACION' } }), 409, 'name_taken');
    assertFieldErrors(await ctx.api('POST', '/api/v1/product-types', { body: {} }), { name: 'required' });

    const renamed = await ctx.api('PATCH', `/api/v1/product-types/${ids.type}`, {
      body: { name: 'Iluminación LED' },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.version, 2);
    const stale = await ctx.api('PATCH', `/api/v1/product-types/${ids.type}`, {
      body: { name: 'Otra' },
      headers: { 'if-match': '"1"' },
    });
    assertProblem(stale, 412, 'precondition_failed');

    for (const name of ['Central Madrid', 'Monterrey']) {
      const warehouse = await ctx.api('POST', '/api/v1/warehouses', { body: { name } });
      assert.equal(warehouse.status, 201, warehouse.text);
      (ids.warehouses ??= []).push(warehouse.json.id);
    }
    const list = await ctx.api('GET', '/api/v1/warehouses');
    assert.deepEqual(list.json.items.map((w) => w.name), ['Central Madrid', 'Monterrey']);
    const spare = await ctx.api('POST', '/api/v1/product-types', { body: { name: 'Temporal' } });
    assert.equal((await ctx.api('DELETE', `/api/v1/product-types/${spare.json.id}`)).status, 204);
    assertProblem(await ctx.api('DELETE', `/api/v1/product-types/${spare.json.id}`), 404, 'not_found');
  });

  test('products: create with prices, unique SKU, validation per field', async () => {
    const body = {
      sku: 'LED-001',
      name: 'Bombilla LED 9 W',
      product_type_id: ids.type,
      prices: [
        { currency: 'MXN', amount_minor: 4500 },
        { currency: 'EUR', amount_minor: 250 },
      ],
    };
    const created = await ctx.api('POST', '/api/v1/products', { body });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.active, true);
    assert.deepEqual(created.json.prices, [
      { currency: 'EUR', amount_minor: 250 },
      { currency: 'MXN', amount_minor: 4500 },
    ]);
    ids.product = created.json.id;
    assertProblem(await ctx.api('POST', '/api/v1/products', { body: { ...body, sku: 'led-001' } }), 409, 'sku_taken');

    const bad = await ctx.api('POST', '/api/v1/products', {
      body: {
        sku: 'CON ESPACIO',
        name: '',
        product_type_id: '999999',
        prices: [
          { currency: 'EURO', amount_minor: 1 },
          { currency: 'USD', amount_minor: -5 },
          { currency: 'JPY', amount_minor: 1.5 },
        ],
      },
    });
    assertFieldErrors(bad, {
      sku: 'invalid',
      name: 'required',
      'prices[0].currency': 'invalid',
      'prices[1].amount_minor': 'out_of_range',
      'prices[2].amount_minor': 'invalid_type',
    });
    const unknownType = await ctx.api('POST', '/api/v1/products', {
      body: { sku: 'X-1', name: 'X', product_type_id: '999999' },
    });
    assertFieldErrors(unknownType, { product_type_id: 'invalid' });
    const twice = await ctx.api('POST', '/api/v1/products', {
      body: { sku: 'X-2', name: 'X', prices: [{ currency: 'EUR', amount_minor: 1 }, { currency: 'EUR', amount_minor: 2 }] },
    });
    assertFieldErrors(twice, { 'prices[1].currency': 'invalid' });
    const listed = await ctx.api('GET', '/api/v1/products?limit=200');
    assert.deepEqual(listed.json.items.map((p) => p.sku), ['LED-001'], 'nothing half-written');
    assertProblem(await ctx.api('DELETE', `/api/v1/product-types/${ids.type}`), 409, 'in_use');
  });

  test('products: patch with If-Match, list by q, type, active and cursor', async () => {
    const patched = await ctx.api('PATCH', `/api/v1/products/${ids.product}`, {
      body: { name: 'Bombilla LED 9 W cálida', prices: [{ currency: 'EUR', amount_minor: 275 }] },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.prices, [{ currency: 'EUR', amount_minor: 275 }]);
    const stale = await ctx.api('PATCH', `/api/v1/products/${ids.product}`, {
      body: { active: false },
      headers: { 'if-match': '"1"' },
    });
    assertProblem(stale, 412, 'precondition_failed');
    assert.equal((await ctx.api('GET', `/api/v1/products/${ids.product}`)).json.active, true);

    for (let i = 0; i < 7; i++) {
      const made = await ctx.api('POST', '/api/v1/products', {
        body: { sku: `CAB-${String(i).padStart(3, '0')}`, name: `Cable ${i} mm`, active: i % 2 === 0 },
      });
      assert.equal(made.status, 201, made.text);
    }
    const calida = await ctx.api('GET', `/api/v1/products?q=${encodeURIComponent('CALIDA')}`);
    assert.deepEqual(calida.json.items.map((p) => p.sku), ['LED-001']);
    const withPrices = await ctx.api('GET', '/api/v1/products?limit=200');
    for (const product of withPrices.json.items) {
      const expected = product.sku === 'LED-001' ? [{ currency: 'EUR', amount_minor: 275 }] : [];
      assert.deepEqual(product.prices, expected, `prices of ${product.sku} in the list`);
    }
    const typed = await ctx.api('GET', `/api/v1/products?product_type_id=${ids.type}`);
    assert.deepEqual(typed.json.items.map((p) => p.sku), ['LED-001']);
    const inactive = await ctx.api('GET', '/api/v1/products?active=false');
    assert.deepEqual(inactive.json.items.map((p) => p.sku), ['CAB-001', 'CAB-003', 'CAB-005']);
    const seen = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const response = await ctx.api('GET', `/api/v1/products?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(response.status, 200, response.text);
      seen.push(...response.json.items.map((p) => p.sku));
      if (!response.json.next_cursor) break;
      cursor = encodeURIComponent(response.json.next_cursor);
    }
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, 8);
    assertProblem(await ctx.api('GET', '/api/v1/products?cursor=garbage'), 400, 'bad_request');
  });

  test('stock per warehouse: replace, read back, refuse bad levels whole', async () => {
    const path = `/api/v1/products/${ids.product}/stock`;
    const set = await ctx.api('PUT', path, {
      body: { items: [{ warehouse_id: ids.warehouses[0], quantity: 120 }, { warehouse_id: ids.warehouses[1], quantity: 0 }] },
    });
    assert.equal(set.status, 200, set.text);
    const read = await ctx.api('GET', path);
    assert.deepEqual(read.json.items, [
      { warehouse_id: ids.warehouses[0], quantity: 120 },
      { warehouse_id: ids.warehouses[1], quantity: 0 },
    ]);
    const bad = await ctx.api('PUT', path, {
      body: { items: [{ warehouse_id: ids.warehouses[0], quantity: -1 }, { warehouse_id: '999999', quantity: 5 }] },
    });
    assertFieldErrors(bad, { 'items[0].quantity': 'out_of_range' });
    const unknown = await ctx.api('PUT', path, { body: { items: [{ warehouse_id: '999999', quantity: 5 }] } });
    assertFieldErrors(unknown, { 'items[0].warehouse_id': 'invalid' });
    assert.deepEqual((await ctx.api('GET', path)).json.items, read.json.items, 'unchanged after refusals');
    assertProblem(await ctx.api('DELETE', `/api/v1/warehouses/${ids.warehouses[0]}`), 409, 'in_use');
    assertProblem(await ctx.api('GET', '/api/v1/products/999999/stock'), 404, 'not_found');
    // The bare list (API.md's shape) works as well as {"items": [...]}.
    const bare = await ctx.api('PUT', path, { body: [{ warehouse_id: ids.warehouses[1], quantity: 9 }] });
    assert.equal(bare.status, 200, bare.text);
    assert.deepEqual(bare.json.items, [{ warehouse_id: ids.warehouses[1], quantity: 9 }]);
    await ctx.api('PUT', path, { body: { items: read.json.items } });
    assertProblem(await ctx.api('PUT', path, { body: 'text' }), 422, 'validation_failed');
  });

  test('a viewer reads the catalogue but cannot change it', async () => {
    const created = await ctx.api('POST', '/api/v1/staff', {
      body: { email: 'mira@example.com', name: 'Mira', role: 'viewer', password: 'Clave-segura-1' },
    });
    assert.equal(created.status, 201, created.text);
    const viewer = await ctx.client.login('mira@example.com', 'Clave-segura-1');
    assert.equal((await ctx.client.api('GET', '/api/v1/products', { token: viewer })).status, 200);
    for (const [method, path, body] of [
      ['POST', '/api/v1/products', { sku: 'V-1', name: 'V' }],
      ['PATCH', `/api/v1/products/${ids.product}`, { name: 'V' }],
      ['PUT', `/api/v1/products/${ids.product}/stock`, { items: [] }],
      ['POST', '/api/v1/warehouses', { name: 'V' }],
      ['DELETE', `/api/v1/product-types/${ids.type}`, undefined],
    ]) {
      assertProblem(await ctx.client.api(method, path, { token: viewer, body }), 403, 'forbidden');
    }
  });
  test("a customer's catalogue scope refers only to records that exist", async () => {
    const good = await ctx.api('POST', '/api/v1/customers', {
      body: {
        name: 'Instalaciones Norte',
        catalog_scope: 'product_types',
        product_type_ids: [ids.type],
        product_ids: [ids.product],
        warehouse_ids: ids.warehouses,
        default_warehouse_id: ids.warehouses[1],
      },
    });
    assert.equal(good.status, 201, good.text);
    assert.deepEqual(good.json.warehouse_ids, ids.warehouses);
    assert.equal(good.json.default_warehouse_id, ids.warehouses[1]);

    const bad = await ctx.api('POST', '/api/v1/customers', {
      body: {
        name: 'Referencias rotas',
        product_type_ids: ['999999'],
        product_ids: [ids.product, 'abc'],
        warehouse_ids: [ids.warehouses[0]],
        default_warehouse_id: ids.warehouses[1],
      },
    });
    assertFieldErrors(bad, {
      'product_type_ids[0]': 'invalid',
      'product_ids[1]': 'invalid',
      default_warehouse_id: 'invalid',
    });
    const patch = await ctx.api('PATCH', `/api/v1/customers/${good.json.id}`, {
      body: { warehouse_ids: [ids.warehouses[0]] },
    });
    assertFieldErrors(patch, { default_warehouse_id: 'invalid' });
    const unchanged = await ctx.api('GET', `/api/v1/customers/${good.json.id}`);
    assert.deepEqual(unchanged.json.warehouse_ids, ids.warehouses);
  });
});
