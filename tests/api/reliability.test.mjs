// Crash safety of quick orders with Idempotency-Key: the server is killed with SIGKILL while 32
// clients place orders, restarted on the same database, and every unacknowledged request is
// retried with its key. Every acknowledged order must survive exactly once and no key may make
// two orders. Runs on the backend CARTERA_TEST_DB selects (SQLite or PostgreSQL).
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';

import { walkList } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';
import { mapLimit, postJson, sleep, waitUntil } from './lib/load.mjs';
import { BACKEND } from './lib/server.mjs';

const CLIENTS = 32;
// Clients 0..27 each own a link; clients 28..31 share one more, so one idempotency scope sees
// concurrent orders from several clients.
const OWN_LINKS = 28;
const LINKS = OWN_LINKS + 1;
const linkOf = (client) => Math.min(client, OWN_LINKS);
// The kill comes once the load has run MIN_LOAD_MS and TARGET_ACKED orders are acknowledged
// (or after MAX_LOAD_MS on a slow machine, with at least MIN_ACKED), at a moment when at least
// IN_FLIGHT_AT_KILL requests are waiting for an answer.
const MIN_LOAD_MS = 2000;
const TARGET_ACKED = 200;
const MAX_LOAD_MS = 30_000;
const MIN_ACKED = 50;
const IN_FLIGHT_AT_KILL = 16;
// Besides the kill, one request in ABANDON_EVERY of each client is given up by the client shortly
// after sending, like a client timeout: the server may well commit it, so retrying it after the
// restart must answer that order, not make a second one.
const ABANDON_EVERY = 6;
const ENV = { CARTERA_QUICK_ORDERS_PER_MINUTE: '100000' };

describe(`SIGKILL under quick-order load (${BACKEND})`, () => {
  // The server starts in the test (its start counts in the set-up time) and again after the kill.
  const ctx = useServer({ env: ENV, start: false });

  test('every acknowledged order exists once and no Idempotency-Key makes two orders', { timeout: 120_000 }, async (t) => {
    const timings = { start: Date.now() };
    let server = await ctx.restart();
    const { client: staff, token } = ctx;
    const create = async (path, body) => {
      const response = await staff.api('POST', path, { token, body });
      assert.equal(response.status, 201, `${path}: ${response.text}`);
      return response.json;
    };

    // A warehouse, three EUR products and one customer with a quick-order link per scope.
    const warehouse = await create('/api/v1/warehouses', { name: 'Central' });
    const products = [
      await create('/api/v1/products', { sku: 'LAMP', name: 'Lámpara', prices: [{ currency: 'EUR', amount_minor: 1999 }] }),
      await create('/api/v1/products', { sku: 'CABLE', name: 'Cable', prices: [{ currency: 'EUR', amount_minor: 500 }] }),
      await create('/api/v1/products', { sku: 'BULB', name: 'Bombilla', prices: [{ currency: 'EUR', amount_minor: 250 }] }),
    ];
    const links = [];
    for (let i = 0; i < LINKS; i += 1) {
      const customer = await create('/api/v1/customers', {
        name: `Cliente rápido ${i}`,
        currency: 'EUR',
        language: 'es',
        discount_percent: i % 3 === 0 ? 10 : 0,
        warehouse_ids: [warehouse.id],
        default_warehouse_id: warehouse.id,
      });
      const link = await create(`/api/v1/customers/${customer.id}/quick-links`, {});
      assert.equal(typeof link.token, 'string', JSON.stringify(link));
      links.push({ customerId: customer.id, linkId: link.id, token: link.token });
    }
    timings.setUp = Date.now();

    // Every request ever made: key → { key, client, link, body, acked, id, number, ... }.
    const records = [];
    const unexpected = []; // answers other than 201, and failures while the server was alive
    const state = { killing: false, inFlight: 0, acked: 0, sent: 0 };
    const bodyFor = (client, n, key) => {
      const first = products[(client + n) % products.length];
      const lines = [{ product_id: first.id, quantity: 1 + (n % 5) }];
      if (n % 3 === 1) {
        lines.push({ product_id: products[(client + n + 1) % products.length].id, quantity: 1 + (client % 7) });
      }
      return { lines, buyer: { name: `Comprador ${client}` }, note: key };
    };

    let agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const loadUrl = server.url;
    const clientLoop = async (client) => {
      const link = links[linkOf(client)];
      for (let n = 0; !state.killing; n += 1) {
        const key = `c${client}-${n}`;
        const abandon = n % ABANDON_EVERY === 2;
        const record = { key, client, link, body: bodyFor(client, n, key), acked: false, abandon };
        records.push(record);
        state.inFlight += 1;
        state.sent += 1;
        const result = await postJson(`${loadUrl}/api/v1/q/${link.token}/orders`, record.body, {
          headers: { 'idempotency-key': key },
          agent,
          timeoutMs: 30_000,
          abandonAfterMs: abandon ? (client * 7 + n) % 40 : undefined,
        });
        state.inFlight -= 1;
        if (result.outcome === 'response' && result.status === 201) {
          record.acked = true;
          record.id = result.json.id;
          record.number = result.json.number;
          state.acked += 1;
        } else if (result.outcome === 'response') {
          unexpected.push(`${key}: ${result.status} ${result.text.slice(0, 300)}`);
        } else {
          record.error = result.error;
          if (!state.killing && !abandon) {
            unexpected.push(`${key}: ${result.error} while the server was up`);
            return;
          }
        }
      }
    };
    const loops = Array.from({ length: CLIENTS }, (_, client) => clientLoop(client));
    t.after(() => {
      state.killing = true; // a failed assertion must not leave the clients running
    });

    // Let the load run, then kill the server while requests are waiting for answers.
    const loadStart = Date.now();
    await waitUntil(
      () => unexpected.length > 0 || (Date.now() - loadStart >= MIN_LOAD_MS && state.acked >= TARGET_ACKED),
      { timeoutMs: MAX_LOAD_MS },
    );
    assert.deepEqual(unexpected, [], 'during the load every request got 201');
    assert.ok(
      state.acked >= MIN_ACKED,
      `only ${state.acked} orders acknowledged in ${Date.now() - loadStart} ms: ${unexpected.slice(0, 5).join('; ')}`,
    );
    const busy = await waitUntil(() => state.inFlight >= IN_FLIGHT_AT_KILL, { timeoutMs: 10_000, intervalMs: 1 });
    assert.ok(busy, `never ${IN_FLIGHT_AT_KILL} requests in flight (${state.inFlight})`);
    assert.equal(server.process.exitCode, null, `the server exited by itself: ${server.logs().slice(-2000)}`);
    assert.equal(server.process.signalCode, null, `the server died by itself: ${server.logs().slice(-2000)}`);
    const atKill = { inFlight: state.inFlight, acked: state.acked, sent: state.sent, ms: Date.now() - loadStart };
    state.killing = true;
    const exit = await server.stop('SIGKILL');
    assert.equal(exit, 'SIGKILL', 'the server ended by the signal, not by an exit code');
    await Promise.all(loops);
    agent.destroy();
    timings.killed = Date.now();

    const acked = records.filter((r) => r.acked);
    const unacked = records.filter((r) => !r.acked);
    const cutByKill = unacked.filter((r) => !r.abandon);
    assert.deepEqual(unexpected, [], 'before the kill every request got 201');
    assert.ok(atKill.acked >= MIN_ACKED, `${atKill.acked} acknowledged before the kill`);
    assert.ok(cutByKill.length >= 1, `the kill left requests unanswered (${atKill.inFlight} in flight)`);
    assert.equal(new Set(records.map((r) => r.key)).size, records.length, 'keys are unique');

    // Restart on the same database and retry every unacknowledged request with its own key.
    server = await ctx.restart({ signIn: false });
    timings.restarted = Date.now();
    agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const send = async (record) => {
      for (let attempt = 1; ; attempt += 1) {
        const result = await postJson(`${server.url}/api/v1/q/${record.link.token}/orders`, record.body, {
          headers: { 'idempotency-key': record.key },
          agent,
          timeoutMs: 30_000,
        });
        if (result.outcome === 'response') return result;
        if (attempt >= 5) assert.fail(`${record.key}: ${result.error} after ${attempt} attempts on the restarted server`);
        await sleep(200);
      }
    };
    await mapLimit(unacked, 16, async (record) => {
      const result = await send(record);
      assert.equal(result.status, 201, `retry of ${record.key}: ${result.text}`);
      record.id = result.json.id;
      record.number = result.json.number;
      record.committedBeforeKill = result.headers['idempotent-replayed'] === 'true';
    });

    // A repeat of any key, acknowledged or retried, answers the same order and creates nothing.
    const step = Math.max(1, Math.floor(acked.length / 64));
    const repeats = [...acked.filter((_, i) => i % step === 0), ...unacked];
    await mapLimit(repeats, 16, async (record) => {
      const result = await send(record);
      assert.equal(result.status, 201, `repeat of ${record.key}: ${result.text}`);
      assert.equal(result.headers['idempotent-replayed'], 'true', `repeat of ${record.key} is a replay`);
      assert.equal(result.json.id, record.id, `repeat of ${record.key} answers its order`);
      assert.equal(result.json.number, record.number, `repeat of ${record.key} answers its number`);
    });
    agent.destroy();
    timings.retried = Date.now();

    // What the staff see: exactly one quick-link order per key, each as it was sent.
    const staffAfter = ctx.client;
    const tokenAfter = await staffAfter.login();
    const { items: orders } = await walkList(staffAfter, tokenAfter, '/api/v1/orders', 'source=quick_link&limit=200', {
      maxPages: 1000,
    });
    const byId = new Map();
    const byNote = new Map();
    const numbers = new Set();
    for (const order of orders) {
      assert.ok(!byId.has(order.id), `order ${order.id} listed twice`);
      byId.set(order.id, order);
      assert.ok(!numbers.has(order.number), `order number ${order.number} used twice`);
      numbers.add(order.number);
      const same = byNote.get(order.note) ?? [];
      same.push(order.number);
      byNote.set(order.note, same);
    }
    const twice = [...byNote].filter(([, list]) => list.length > 1);
    assert.deepEqual(twice, [], 'no key (carried in the note) produced two orders');
    const ids = new Set();
    for (const record of records) {
      assert.ok(!ids.has(record.id), `${record.key} answered order ${record.id}, which another key also got`);
      ids.add(record.id);
      const order = byId.get(record.id);
      assert.ok(order, `${record.key} (${record.acked ? 'acknowledged' : 'retried'}) order ${record.id} exists`);
      assert.equal(order.note, record.key);
      assert.equal(order.number, record.number);
      assert.equal(order.source, 'quick_link');
      assert.equal(order.customer_id, record.link.customerId);
      assert.equal(order.quick_link_id, record.link.linkId);
      assert.equal(order.buyer?.name, record.body.buyer.name);
      assert.deepEqual(
        order.lines.map((line) => ({ product_id: line.product_id, quantity: line.quantity })),
        record.body.lines,
        `${record.key}: the lines as sent`,
      );
    }
    assert.equal(orders.length, records.length, 'one quick-link order per distinct key, no more');

    // Each link counted exactly the orders placed through it.
    for (const [index, link] of links.entries()) {
      const expected = records.filter((r) => r.link === link).length;
      const listed = await staffAfter.api('GET', `/api/v1/customers/${link.customerId}/quick-links`, { token: tokenAfter });
      assert.equal(listed.status, 200, listed.text);
      const found = listed.json.items.find((item) => item.id === link.linkId);
      assert.equal(found?.orders_count, expected, `orders_count of link ${index}`);
    }

    const committed = (list) => list.filter((r) => r.committedBeforeKill).length;
    const abandoned = unacked.filter((r) => r.abandon);
    t.diagnostic(
      `${BACKEND}: ${atKill.acked} acknowledged and ${atKill.inFlight} in flight when killed after ` +
        `${atKill.ms} ms; ${acked.length} acknowledged in all; ${unacked.length} unacknowledged retried: ` +
        `${cutByKill.length} cut by the kill (${committed(cutByKill)} of them had committed), ` +
        `${abandoned.length} abandoned by the client (${committed(abandoned)} had committed); ` +
        `${repeats.length} repeats replayed; ${orders.length} orders. Set-up ${timings.setUp - timings.start} ms, ` +
        `load+kill ${timings.killed - timings.setUp} ms, restart ${timings.restarted - timings.killed} ms, ` +
        `retries ${timings.retried - timings.restarted} ms, check ${Date.now() - timings.retried} ms.`,
    );
  });
});
