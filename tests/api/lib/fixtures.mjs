// Set-up shared by the test files: a server per file (or describe block), signed-in staff of
// each role, and a small catalogue with a customer to order for.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';

import { createClient } from './client.mjs';
import { createDatabase, startServer } from './server.mjs';
import { startSink } from './smtp.mjs';
import { startWhatsApp } from './whatsapp.mjs';

// Starts a server before the tests of the enclosing describe block and stops it after them.
// The returned context fills in, once `before` has run (and keeps after the tests, for logs()):
//   server, client, token (the owner's), api(method, path, options) with that token,
//   database (kept across restarts, removed at the end), smtp and whatsapp (with those options),
//   restart(overrides): stops the server (when running) and starts another on the same database,
//   another(overrides): starts one more server on the same database, beside the first.
// Options: startServer's (env, demo, args), plus
//   smtp: {…}       an SMTP sink (lib/smtp.mjs, these options) started first, closed last;
//   whatsapp: {…}   the WhatsApp Cloud API stand-in (lib/whatsapp.mjs) likewise;
//   args: (ctx) => […]  flags that need the stand-ins (ctx.smtp.port, ctx.whatsapp.baseUrl…);
//   signIn: false   no owner session (ctx.token stays undefined);
//   start: false    only the database and stand-ins: the test starts the server with restart();
//   each: true      all of it anew for each test (beforeEach/afterEach) rather than once.
// restart and another take overrides of env (merged), demo, args and signIn.
export function useServer(options = {}) {
  const { smtp, whatsapp, start = true, signIn = true, each = false, ...serverOptions } = options;
  const [setUp, tearDown] = each ? [beforeEach, afterEach] : [before, after];
  let servers = [];
  const launch = (overrides) => {
    const { args, ...rest } = { ...serverOptions, ...overrides, env: { ...serverOptions.env, ...overrides.env } };
    return startServer({ ...rest, args: typeof args === 'function' ? args(context) : args, database: context.database });
  };
  const context = {
    api: (method, path, opts = {}) => context.client.api(method, path, { token: context.token, ...opts }),
    async another(overrides = {}) {
      const { signIn: _, ...rest } = overrides;
      const server = await launch(rest);
      servers.push(server);
      return server;
    },
    async restart({ signIn: signInAgain = signIn, ...overrides } = {}) {
      await context.server?.stop();
      context.server = await context.another(overrides);
      context.client = createClient(context.server.url);
      context.token = signInAgain ? await context.client.login() : undefined;
      return context.server;
    },
  };
  setUp(async () => {
    servers = [];
    for (const key of ['server', 'client', 'token', 'database', 'smtp', 'whatsapp']) delete context[key];
    if (smtp) context.smtp = await startSink(smtp);
    if (whatsapp) context.whatsapp = await startWhatsApp(whatsapp);
    context.database = await createDatabase();
    if (start) await context.restart();
  });
  tearDown(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await context.database?.drop();
    await context.smtp?.close();
    await context.whatsapp?.close();
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
