// Set-up shared by the test files: a server per file, signed-in staff of each role, and a
// small catalogue with a customer to order for.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { createClient } from './client.mjs';
import { startServer } from './server.mjs';

// Starts a server before the file's tests and stops it after. The returned context fills in
// `server`, `client`, `token` (owner) and `api(method, path, options)` once `before` has run.
export function useServer(options = {}) {
  const context = {
    api: (method, path, opts = {}) => context.client.api(method, path, { token: context.token, ...opts }),
  };
  before(async () => {
    context.server = await startServer(options);
    context.client = createClient(context.server.url);
    context.token = await context.client.login();
  });
  after(async () => {
    await context.server?.stop();
  });
  return context;
}

// Creates a staff user with `role` and returns its bearer token.
export async function signInAs(context, role) {
  const email = `${role}.${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'Secreto-123-abc';
  const created = await context.api('POST', '/api/v1/staff', {
    body: { email, name: `Staff ${role}`, role, password },
  });
  assert.equal(created.status, 201, created.text);
  return context.client.login(email, password);
}

async function create(context, path, body) {
  const response = await context.api('POST', path, { body });
  assert.equal(response.status, 201, `${path}: ${response.text}`);
  return response.json;
}

// Two warehouses, two product types and five products:
//   lamp  (type lights, EUR 19.99, USD 21.99, stock 7 in main + 5 in north)
//   cable (type wiring, EUR 5.00, stock 3 in main)
//   old   (EUR 1.00, inactive)
//   usd   (USD only)
//   bulb  (type lights, EUR 2.50)
// SKUs carry `tag` so several calls in one database do not collide.
export async function makeCatalog(context, tag = Math.random().toString(36).slice(2, 7)) {
  const main = await create(context, '/api/v1/warehouses', { name: `Central ${tag}` });
  const north = await create(context, '/api/v1/warehouses', { name: `Norte ${tag}` });
  const lights = await create(context, '/api/v1/product-types', { name: `Iluminación ${tag}` });
  const wiring = await create(context, '/api/v1/product-types', { name: `Cableado ${tag}` });
  const product = (sku, name, prices, extra = {}) =>
    create(context, '/api/v1/products', {
      sku: `${sku}-${tag}`,
      name,
      prices: Object.entries(prices).map(([currency, amount_minor]) => ({ currency, amount_minor })),
      ...extra,
    });
  const lamp = await product('LAMP', 'Lámpara colgante', { EUR: 1999, USD: 2199 }, { product_type_id: lights.id });
  const cable = await product('CABLE', 'Cable 2,5 mm', { EUR: 500 }, { product_type_id: wiring.id });
  const old = await product('OLD', 'Modelo antiguo', { EUR: 100 }, { active: false });
  const usd = await product('USD', 'Solo en dólares', { USD: 1000 });
  const bulb = await product('BULB', 'Bombilla LED', { EUR: 250 }, { product_type_id: lights.id });
  const stock = async (p, items) => {
    const response = await context.api('PUT', `/api/v1/products/${p.id}/stock`, { body: { items } });
    assert.equal(response.status, 200, response.text);
  };
  await stock(lamp, [
    { warehouse_id: main.id, quantity: 7 },
    { warehouse_id: north.id, quantity: 5 },
  ]);
  await stock(cable, [{ warehouse_id: main.id, quantity: 3 }]);
  return { tag, warehouses: { main, north }, types: { lights, wiring }, products: { lamp, cable, old, usd, bulb } };
}

// A customer buying in EUR at 12.5 % off from the main warehouse, unless `fields` say otherwise.
export async function makeCustomer(context, catalog, fields = {}) {
  return create(context, '/api/v1/customers', {
    name: `Ferretería Núñez ${Math.random().toString(36).slice(2, 6)}`,
    currency: 'EUR',
    language: 'es',
    discount_percent: 12.5,
    warehouse_ids: [catalog.warehouses.main.id],
    default_warehouse_id: catalog.warehouses.main.id,
    ...fields,
  });
}
