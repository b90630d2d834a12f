// Hostile or unusual input found in review: each case once broke, leaked or raced.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, createClient } from './lib/client.mjs';
import { startServer } from './lib/server.mjs';

describe('hardening', () => {
  let server;
  let client;
  let token;

  async function total(query = '') {
    const response = await client.api('GET', `/api/v1/customers?include_total=true&limit=200${query}`, {
      token,
    });
    assert.equal(response.status, 200, response.text);
    return response.json;
  }

  before(async () => {
    server = await startServer({ env: { CARTERA_LOG_REQUESTS: 'true' } });
    client = createClient(server.url);
    token = await client.login();
    for (const name of ['Ферма Москва', 'ΑΒΓΔ Ελλάς', 'Ñandú Distribuciones', 'Ábaco Papelería']) {
      const created = await client.api('POST', '/api/v1/customers', { token, body: { name } });
      assert.equal(created.status, 201, created.text);
    }
  });

  after(async () => {
    await server?.stop();
  });

  test('control characters such as NUL are refused, not stored or truncated', async () => {
    const before = (await total()).total;
    const nul = await client.api('POST', '/api/v1/customers', { token, body: { name: 'x\u0000y' } });
    assertFieldErrors(nul, { name: 'invalid' });
    const escape = await client.api('POST', '/api/v1/customers', {
      token,
      body: { name: 'ok', tags: ['a\u001bb'] },
    });
    assertFieldErrors(escape, { 'tags[0]': 'invalid' });
    const multiline = await client.api('POST', '/api/v1/customers', {
      token,
      body: { name: 'Notas', logistics_notes: 'Muelle 3\nPreguntar por Carla' },
    });
    assert.equal(multiline.status, 201, multiline.text);
    assert.equal(multiline.json.logistics_notes, 'Muelle 3\nPreguntar por Carla');
    assert.equal((await total()).total, before + 1);
  });

  test('a query of only wildcard characters matches nothing', async () => {
    for (const q of ['%', '%%%', '_', '\\', '%_\\']) {
      const page = await total(`&q=${encodeURIComponent(q)}`);
      assert.equal(page.items.length, 0, `q=${q}`);
      assert.equal(page.total, 0, `q=${q}`);
    }
  });

  test('short non-ASCII prefixes search by name start without errors', async () => {
    const nandu = await total(`&q=${encodeURIComponent('ña')}`);
    assert.deepEqual(nandu.items.map((c) => c.name), ['Ñandú Distribuciones']);
    const abaco = await total(`&q=${encodeURIComponent('Áb')}`);
    assert.deepEqual(abaco.items.map((c) => c.name), ['Ábaco Papelería']);
    for (const q of ['ؿ', 'a\u007f', '\u{10FFFF}']) {
      const response = await client.api('GET', `/api/v1/customers?q=${encodeURIComponent(q)}`, {
        token,
      });
      assert.ok(response.status === 200 || response.status === 422, `${q}: ${response.text}`);
    }
  });

  test('Greek and Cyrillic names are found whatever the case', async () => {
    assert.deepEqual((await total(`&q=${encodeURIComponent('ελλ')}`)).items.map((c) => c.name), [
      'ΑΒΓΔ Ελλάς',
    ]);
    assert.deepEqual((await total(`&q=${encodeURIComponent('МОСК')}`)).items.map((c) => c.name), [
      'Ферма Москва',
    ]);
  });

  test('two owners demoting each other at once leave one owner', async () => {
    for (let round = 0; round < 4; round++) {
      const tokens = [];
      const ids = [];
      for (const n of [1, 2]) {
        const email = `owner-${round}-${n}@example.com`;
        const created = await client.api('POST', '/api/v1/staff', {
          token,
          body: { email, name: `Dueño ${n}`, role: 'owner', password: 'Clave-segura-1' },
        });
        assert.equal(created.status, 201, created.text);
        ids.push(created.json.id);
        tokens.push(await client.login(email, 'Clave-segura-1'));
      }
      // The first owner steps down so that these two are the only active owners.
      const others = (await client.api('GET', '/api/v1/staff', { token })).json.items.filter(
        (user) => user.role === 'owner' && user.active && !ids.includes(user.id),
      );
      for (const other of others) {
        const demoted = await client.api('PATCH', `/api/v1/staff/${other.id}`, {
          token: tokens[0],
          body: { role: 'admin' },
        });
        assert.equal(demoted.status, 200, demoted.text);
      }
      const [a, b] = await Promise.all([
        client.api('PATCH', `/api/v1/staff/${ids[1]}`, { token: tokens[0], body: { role: 'admin' } }),
        client.api('PATCH', `/api/v1/staff/${ids[0]}`, { token: tokens[1], body: { role: 'admin' } }),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.ok(
        statuses[0] === 200 && (statuses[1] === 409 || statuses[1] === 403),
        `one demotion must fail: ${a.status} ${a.text} / ${b.status} ${b.text}`,
      );
      const survivor = statuses[0] === a.status ? tokens[0] : tokens[1];
      const staff = await client.api('GET', '/api/v1/staff', { token: survivor });
      const owners = staff.json.items.filter((user) => user.role === 'owner' && user.active);
      assert.equal(owners.length, 1, JSON.stringify(owners));
      token = survivor;
    }
  });

  test('quick-order tokens in paths never reach the request log', async () => {
    const secret = 'Sup3rSecretQuickOrderToken';
    await client.api('GET', `/q/${secret}`);
    await client.api('GET', `/api/v1/q/${secret}/orders`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(server.logs(), /"event":"request"/);
    assert.doesNotMatch(server.logs(), new RegExp(secret));
  });
});
