// Hostile or unusual input found in review: each case once broke, leaked or raced.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';

describe('hardening', () => {
  const ctx = useServer({ env: { CARTERA_LOG_REQUESTS: 'true' } });

  async function total(query = '') {
    const response = await ctx.api('GET', `/api/v1/customers?include_total=true&limit=200${query}`);
    assert.equal(response.status, 200, response.text);
    return response.json;
  }

  before(async () => {
    for (const name of ['Ферма Москва', 'ΑΒΓΔ Ελλάς', 'Ñandú Distribuciones', 'Ábaco Papelería']) {
      const created = await ctx.api('POST', '/api/v1/customers', { body: { name } });
      assert.equal(created.status, 201, created.text);
    }
  });

  test('control characters such as NUL are refused, not stored or truncated', async () => {
    const before = (await total()).total;
    const nul = await ctx.api('POST', '/api/v1/customers', { body: { name: 'x\u0000y' } });
    assertFieldErrors(nul, { name: 'invalid' });
    const escape = await ctx.api('POST', '/api/v1/customers', {
      body: { name: 'ok', tags: ['a\u001bb'] },
    });
    assertFieldErrors(escape, { 'tags[0]': 'invalid' });
    const multiline = await ctx.api('POST', '/api/v1/customers', {
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
      const response = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(q)}`);
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
        const created = await ctx.api('POST', '/api/v1/staff', {
          body: { email, name: `Dueño ${n}`, role: 'owner', password: 'Clave-segura-1' },
        });
        assert.equal(created.status, 201, created.text);
        ids.push(created.json.id);
        tokens.push(await ctx.client.login(email, 'Clave-segura-1'));
      }
      // The first owner steps down so that these two are the only active owners.
      const others = (await ctx.api('GET', '/api/v1/staff')).json.items.filter(
        (user) => user.role === 'owner' && user.active && !ids.includes(user.id),
      );
      for (const other of others) {
        const demoted = await ctx.client.api('PATCH', `/api/v1/staff/${other.id}`, {
          token: tokens[0],
          body: { role: 'admin' },
        });
        assert.equal(demoted.status, 200, demoted.text);
      }
      const [a, b] = await Promise.all([
        ctx.client.api('PATCH', `/api/v1/staff/${ids[1]}`, { token: tokens[0], body: { role: 'admin' } }),
        ctx.client.api('PATCH', `/api/v1/staff/${ids[0]}`, { token: tokens[1], body: { role: 'admin' } }),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.ok(
        statuses[0] === 200 && (statuses[1] === 409 || statuses[1] === 403),
        `one demotion must fail: ${a.status} ${a.text} / ${b.status} ${b.text}`,
      );
      const survivor = statuses[0] === a.status ? tokens[0] : tokens[1];
      const staff = await ctx.client.api('GET', '/api/v1/staff', { token: survivor });
      const owners = staff.json.items.filter((user) => user.role === 'owner' && user.active);
      assert.equal(owners.length, 1, JSON.stringify(owners));
      ctx.token = survivor;
    }
  });

  test('quick-order tokens in paths never reach the request log', async () => {
    const secret = 'Sup3rSecretQuickOrderToken';
    await ctx.client.api('GET', `/q/${secret}`);
    await ctx.client.api('GET', `/api/v1/q/${secret}/orders`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(ctx.server.logs(), /"event":"request"/);
    assert.doesNotMatch(ctx.server.logs(), new RegExp(secret));
  });
});
