// Tags (F5): suggestions from the tags in use, bulk add/remove on a selection in one
// transaction, and the list filtered by several tags (all must match).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, walkList } from './lib/client.mjs';
import { signInAs, useServer } from './lib/fixtures.mjs';

describe('tags', () => {
  const ctx = useServer();
  let viewer;

  const createCustomer = async (name, fields = {}) => {
    const response = await ctx.api('POST', '/api/v1/customers', { body: { name, ...fields } });
    assert.equal(response.status, 201, response.text);
    return response.json;
  };
  const getCustomer = async (id) => {
    const response = await ctx.api('GET', `/api/v1/customers/${id}`);
    assert.equal(response.status, 200, response.text);
    return response.json;
  };
  const suggest = async (query = '', token = ctx.token) => {
    const response = await ctx.api('GET', `/api/v1/tags${query ? `?${query}` : ''}`, { token });
    assert.equal(response.status, 200, response.text);
    return response.json.items;
  };
  const bulk = (body, token = ctx.token) => ctx.api('POST', '/api/v1/customers/bulk/tags', { body, token });
  const list = async (query) => {
    const response = await ctx.api('GET', `/api/v1/customers?${query}`);
    assert.equal(response.status, 200, response.text);
    return response.json;
  };
  const tagQuery = (...tags) => tags.map((tag) => `tag=${encodeURIComponent(tag)}`).join('&');

  before(async () => {
    viewer = await signInAs(ctx, 'viewer');
  });

  test('suggestions: prefix ignoring case and accents, counts, tags in use only, limit', async () => {
    await createCustomer('Sugerencias 1', { tags: ['Preferente', 'Árbol'] });
    await createCustomer('Sugerencias 2', { tags: ['  preferente ', 'Prensa'] });
    await createCustomer('Sugerencias 3', { tags: ['PREFERENTE', 'préstamo'] });
    const emptied = await createCustomer('Sugerencias 4', { tags: ['Prerrogativa'] });
    const patched = await ctx.api('PATCH', `/api/v1/customers/${emptied.id}`, { body: { tags: [] } });
    assert.equal(patched.status, 200, patched.text);

    const expected = [
      { name: 'Preferente', customer_count: 3 },
      { name: 'Prensa', customer_count: 1 },
      { name: 'préstamo', customer_count: 1 },
    ];
    assert.deepEqual(await suggest('q=pre'), expected, 'first spelling shown; unused Prerrogativa absent');
    assert.deepEqual(await suggest('q=PRÉ'), expected);
    assert.deepEqual(await suggest(`q=${encodeURIComponent('  Pré ')}`), expected, 'trimmed');
    assert.deepEqual(await suggest('q=prest'), [{ name: 'préstamo', customer_count: 1 }]);
    assert.deepEqual(await suggest('q=arb'), [{ name: 'Árbol', customer_count: 1 }]);
    assert.deepEqual(await suggest('q=rbol'), [], 'a prefix, not a substring');
    assert.deepEqual(await suggest('q=pre&limit=2'), expected.slice(0, 2));
    const all = await suggest('limit=100');
    assert.deepEqual(
      all.map((tag) => tag.name),
      ['Preferente', 'Árbol', 'Prensa', 'préstamo'],
      'by count, then by name ignoring accents',
    );
    assert.deepEqual(await suggest('q=pre', viewer), expected, 'viewers read');

    for (const limit of ['0', '101', 'x', '-1']) {
      assertFieldErrors(await ctx.api('GET', `/api/v1/tags?limit=${limit}`), { limit: 'out_of_range' });
    }
    assertFieldErrors(await ctx.api('GET', `/api/v1/tags?q=${'a'.repeat(51)}`), { q: 'too_long' });
    assertProblem(await ctx.client.api('GET', '/api/v1/tags'), 401, 'unauthenticated');
  });

  test('bulk add and remove: counts, versions, first spelling, idempotent', async () => {
    const a = await createCustomer('Bulk A', { tags: ['Mayorista'] });
    const b = await createCustomer('Bulk B');
    const c = await createCustomer('Bulk C', { tags: ['Otra'] });
    const ids = [a.id, b.id, c.id];
    await new Promise((resolve) => setTimeout(resolve, 1100)); // updated_at has whole seconds

    const added = await bulk({ customer_ids: ids, add: ['mayorista', 'Campaña otoño'] });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.json, { updated: 3, unchanged: 0 });
    const [a2, b2, c2] = await Promise.all(ids.map(getCustomer));
    assert.deepEqual(a2.tags, ['Campaña otoño', 'Mayorista']);
    assert.deepEqual(b2.tags, ['Campaña otoño', 'Mayorista'], 'shown as first written');
    assert.deepEqual(c2.tags, ['Campaña otoño', 'Mayorista', 'Otra']);
    assert.deepEqual([a2.version, b2.version, c2.version], [2, 2, 2]);
    assert.ok(a2.updated_at > a.updated_at, 'updated_at moves');
    assert.equal((await ctx.api('GET', `/api/v1/customers/${a.id}`)).headers.get('etag'), '"2"');
    assert.deepEqual(await suggest('q=campana'), [{ name: 'Campaña otoño', customer_count: 3 }]);
    assert.deepEqual(await suggest('q=mayor'), [{ name: 'Mayorista', customer_count: 3 }]);
    const pair = `${tagQuery('Mayorista', 'Campaña otoño')}&include_total=true`;
    assert.equal((await list(pair)).total, 3, 'the pair count follows a bulk add');
    assert.equal((await list(`${pair}&status=current`)).total, 3);
    assert.equal((await list(`${pair}&status=potential`)).total, 0);

    // The same again changes nothing; a repeated id counts once.
    const again = await bulk({ customer_ids: [...ids, a.id], add: ['MAYORISTA', 'campaña OTOÑO'] });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, { updated: 0, unchanged: 3 });
    assert.deepEqual((await Promise.all(ids.map(getCustomer))).map((x) => x.version), [2, 2, 2]);

    // Remove from two (one of which lacks "Nada"), add to none.
    const removed = await bulk({ customer_ids: [a.id, b.id], remove: ['CAMPAÑA otoño', 'Nada'] });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.json, { updated: 2, unchanged: 0 });
    assert.deepEqual((await getCustomer(a.id)).tags, ['Mayorista']);
    assert.deepEqual((await getCustomer(b.id)).tags, ['Mayorista']);
    assert.deepEqual((await getCustomer(c.id)).tags, ['Campaña otoño', 'Mayorista', 'Otra']);
    assert.deepEqual(await suggest('q=campa'), [{ name: 'Campaña otoño', customer_count: 1 }]);
    assert.equal((await list(pair)).total, 1, 'and a bulk remove');

    // Add and remove together; the customer that already matches is unchanged.
    const both = await bulk({ customer_ids: [b.id, c.id], add: ['Otra'], remove: ['Campaña otoño'] });
    assert.deepEqual(both.json, { updated: 2, unchanged: 0 });
    const mixed = await bulk({ customer_ids: [b.id, c.id], add: ['Otra'], remove: ['Campaña otoño'] });
    assert.deepEqual(mixed.json, { updated: 0, unchanged: 2 });
    assert.deepEqual(await suggest('q=campa'), [], 'no customer carries it any more');
    assert.deepEqual(await suggest('q=otra'), [{ name: 'Otra', customer_count: 2 }]);

    // A customer's own save and a bulk action keep one count.
    const saved = await ctx.api('PATCH', `/api/v1/customers/${a.id}`, { body: { tags: ['Otra', 'mayorista'] } });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json.tags, ['Mayorista', 'Otra']);
    assert.deepEqual(await suggest('q=otra'), [{ name: 'Otra', customer_count: 3 }]);
    assert.deepEqual(await suggest('q=mayorista'), [{ name: 'Mayorista', customer_count: 3 }]);
  });

  test('every changed customer gets a history event marked bulk', async () => {
    const x = await createCustomer('Historial etiquetas', { tags: ['Antes'] });
    const applied = await bulk({ customer_ids: [x.id], add: ['Después'], remove: ['antes'] });
    assert.deepEqual(applied.json, { updated: 1, unchanged: 0 });
    const record = await getCustomer(x.id);
    assert.deepEqual(record.tags, ['Después']);
    assert.equal(record.version, 2);
    const history = await ctx.api('GET', `/api/v1/customers/${x.id}/history`);
    assert.equal(history.status, 200, history.text);
    const events = history.json.items.filter((event) =>
      (event.changes ?? []).some((change) => change.field === 'tags'),
    );
    assert.equal(events.length, 1, history.text);
    assert.equal(events[0].kind, 'updated');
    assert.deepEqual(events[0].changes, [{ field: 'tags', from: ['Antes'], to: ['Después'] }]);
    assert.equal(events[0].actor.type, 'staff');
  });

  test('refusals write nothing', async () => {
    const a = await createCustomer('Rechazos A', { tags: ['Fija'] });
    const before = await getCustomer(a.id);

    // An unknown id anywhere: nothing written, each unknown one named.
    assertFieldErrors(await bulk({ customer_ids: [a.id, '99999999', 'abc'], add: ['Nunca'] }), {
      'customer_ids[1]': 'not_found',
      'customer_ids[2]': 'not_found',
    });
    const after = await getCustomer(a.id);
    assert.deepEqual(after.tags, before.tags);
    assert.equal(after.version, before.version);
    assert.deepEqual(await suggest('q=nunca'), []);

    const tooMany = Array.from({ length: 10001 }, (_, i) => String(i + 1));
    assertFieldErrors(await bulk({ customer_ids: tooMany, add: ['x'] }), { customer_ids: 'too_many' });
    assertFieldErrors(await bulk({ customer_ids: [a.id] }), { add: 'required' });
    assertFieldErrors(await bulk({ customer_ids: [a.id], add: [], remove: [] }), { add: 'required' });
    assertFieldErrors(await bulk({ add: ['x'] }), { customer_ids: 'required' });
    assertFieldErrors(await bulk({ customer_ids: [], add: ['x'] }), { customer_ids: 'required' });
    assertFieldErrors(await bulk({ customer_ids: a.id, add: ['x'] }), { customer_ids: 'invalid_type' });
    assertFieldErrors(await bulk({ customer_ids: [Number(a.id)], add: ['x'] }), { 'customer_ids[0]': 'invalid_type' });
    const tags21 = Array.from({ length: 21 }, (_, i) => `t${i}`);
    assertFieldErrors(await bulk({ customer_ids: [a.id], add: tags21 }), { add: 'too_many' });
    assertFieldErrors(await bulk({ customer_ids: [a.id], remove: tags21 }), { remove: 'too_many' });
    assertFieldErrors(await bulk({ customer_ids: [a.id], add: ['x'.repeat(51)] }), { 'add[0]': 'too_long' });
    assertFieldErrors(await bulk({ customer_ids: [a.id], add: ['ok', '  '] }), { 'add[1]': 'required' });
    assertFieldErrors(await bulk({ customer_ids: [a.id], add: ['Ánimo'], remove: ['animo'] }), {
      'remove[0]': 'invalid',
    });
    assertProblem(
      await ctx.api('POST', '/api/v1/customers/bulk/tags', { rawBody: '{"customer_ids": [' }),
      400,
      'bad_request',
    );
    assertProblem(await bulk({ customer_ids: [a.id], add: ['Visto'] }, viewer), 403, 'forbidden');

    // A customer may carry 50 tags; the bulk action does not take one past that.
    const full = await createCustomer('Cincuenta etiquetas', {
      tags: Array.from({ length: 50 }, (_, i) => `Lleno ${i}`),
    });
    assertFieldErrors(await bulk({ customer_ids: [a.id, full.id], add: ['Una más'] }), {
      'customer_ids[1]': 'too_many',
    });
    assert.deepEqual((await getCustomer(a.id)).tags, before.tags, 'the other customer untouched too');
    const swap = await bulk({ customer_ids: [full.id], add: ['Una más'], remove: ['Lleno 0'] });
    assert.deepEqual(swap.json, { updated: 1, unchanged: 0 }, 'a swap keeps 50');

    const after2 = await getCustomer(a.id);
    assert.equal(after2.version, before.version);
  });

  test('filter by several tags: exactly the intersection, by name, in both sections, paged', async () => {
    const suffix = Math.random().toString(36).slice(2, 6);
    const red = `Rojo ${suffix}`;
    const blue = `Azul ${suffix}`;
    const green = `Verde ${suffix}`;
    const made = [];
    // 24 customers: tags by i % 4 — 0: red+blue, 1: red, 2: blue, 3: red+blue+green.
    for (let i = 0; i < 24; i += 1) {
      const tags = [[red, blue], [red], [blue], [red, blue, green]][i % 4];
      const status = i % 3 === 0 ? 'potential' : 'current';
      made.push(await createCustomer(`Filtro ${String.fromCharCode(90 - i)} ${suffix}`, { tags, status }));
    }
    const both = made.filter((_, i) => i % 4 === 0 || i % 4 === 3);
    const byName = (items) => [...items].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));

    const page = await list(`${tagQuery(red, blue)}&include_total=true&limit=200`);
    assert.equal(page.total, both.length);
    assert.deepEqual(page.items.map((x) => x.id), byName(both).map((x) => x.id));
    // Case and accents of the filter do not matter; order of tags neither.
    const folded = await list(`${tagQuery(blue.toUpperCase(), ` ${red.toLowerCase()} `)}&include_total=true`);
    assert.equal(folded.total, both.length);
    // Three tags, and a tag nobody has.
    assert.equal((await list(`${tagQuery(red, blue, green)}&include_total=true`)).total, 6);
    const nobody = await list(`${tagQuery(red, 'No existe')}&include_total=true`);
    assert.deepEqual([nobody.total, nobody.items.length], [0, 0]);

    // Paging one by one walks the same order once.
    const walked = await walkList(ctx.client, ctx.token, '/api/v1/customers', `${tagQuery(red, blue)}&limit=5`);
    assert.deepEqual(walked.items.map((x) => x.id), byName(both).map((x) => x.id));

    // The status sections the customers page shows.
    for (const status of ['current', 'potential']) {
      const expected = byName(both.filter((x) => x.status === status));
      const section = await list(`${tagQuery(red, blue)}&status=${status}&include_total=true&limit=3`);
      assert.equal(section.total, expected.length, status);
      assert.deepEqual(section.items.map((x) => x.id), expected.slice(0, 3).map((x) => x.id), status);
      const single = await list(`${tagQuery(green)}&status=${status}&include_total=true`);
      assert.equal(single.total, made.filter((x, i) => i % 4 === 3 && x.status === status).length);
    }
    // Other sorts, other filters, and a search together with tags.
    const newest = await list(`${tagQuery(red, blue)}&sort=-created_at&include_total=true&limit=200`);
    assert.deepEqual(newest.items.map((x) => x.id), [...both].reverse().map((x) => x.id));
    assert.equal(newest.total, both.length);
    const searched = await list(`${tagQuery(red, blue)}&q=${encodeURIComponent(`Filtro W ${suffix}`)}&include_total=true`);
    assert.deepEqual(searched.items.map((x) => x.name), [`Filtro W ${suffix}`]);
    assert.equal(searched.total, 1);
    const prefixed = await list(`${tagQuery(red)}&q=Fi&include_total=true&limit=200`);
    assert.equal(prefixed.total, made.filter((_, i) => i % 4 !== 2).length);
    const cold = await list(`${tagQuery(red, blue)}&temperature=cold&include_total=true`);
    assert.deepEqual([cold.total, cold.items.length], [0, 0]);

    // Renaming a customer and moving it to the other section keep the filter right.
    const moved = both[0];
    const renamed = await ctx.api('PATCH', `/api/v1/customers/${moved.id}`, {
      body: { name: `AAA primero ${suffix}`, status: moved.status === 'current' ? 'potential' : 'current' },
    });
    assert.equal(renamed.status, 200, renamed.text);
    const first = await list(`${tagQuery(red, blue)}&status=${renamed.json.status}&limit=1`);
    assert.equal(first.items[0].id, moved.id, 'sorted by its new name, in its new section');
    const old = await list(`${tagQuery(red, blue)}&status=${moved.status}&include_total=true&limit=200`);
    assert.ok(!old.items.some((x) => x.id === moved.id), 'gone from its old section');
    assert.equal(old.total, both.filter((x) => x.status === moved.status).length - 1);
  });

  test('deleting a customer takes it out of tag counts and filters', async () => {
    const suffix = Math.random().toString(36).slice(2, 6);
    const [one, two] = [`Uno ${suffix}`, `Dos ${suffix}`];
    const kept = await createCustomer(`Se queda ${suffix}`, { tags: [one, two] });
    const gone = await createCustomer(`Se va ${suffix}`, { tags: [one, two] });
    assert.equal((await list(`${tagQuery(one, two)}&include_total=true`)).total, 2);
    const code = await ctx.api('POST', `/api/v1/customers/${gone.id}/deletion-code`);
    assert.equal(code.status, 200, code.text);
    const deleted = await ctx.api(
      'DELETE',
      `/api/v1/customers/${gone.id}?confirmation_code=${encodeURIComponent(code.json.confirmation_code)}`,
    );
    assert.equal(deleted.status, 204, deleted.text);
    const after = await list(`${tagQuery(one, two)}&include_total=true&status=current`);
    assert.deepEqual([after.total, after.items.map((x) => x.id)], [1, [kept.id]]);
    assert.deepEqual(await suggest(`q=${encodeURIComponent(one)}`), [{ name: one, customer_count: 1 }]);
  });

  test('bulk on many customers, then filter shows exactly them', async () => {
    const suffix = Math.random().toString(36).slice(2, 6);
    const made = [];
    for (let i = 0; i < 120; i += 1) made.push(await createCustomer(`Lote ${i} ${suffix}`));
    const chosen = made.filter((_, i) => i % 3 !== 0);
    const tag = `Lote ${suffix}`;
    const added = await bulk({ customer_ids: chosen.map((x) => x.id), add: [tag] });
    assert.deepEqual(added.json, { updated: chosen.length, unchanged: 0 });
    const filtered = await list(`${tagQuery(tag)}&include_total=true&limit=200`);
    assert.equal(filtered.total, chosen.length);
    assert.deepEqual(new Set(filtered.items.map((x) => x.id)), new Set(chosen.map((x) => x.id)));
    assert.deepEqual(await suggest(`q=${encodeURIComponent(tag)}`), [{ name: tag, customer_count: chosen.length }]);
    const removed = await bulk({ customer_ids: made.map((x) => x.id), remove: [tag] });
    assert.deepEqual(removed.json, { updated: chosen.length, unchanged: made.length - chosen.length });
    assert.equal((await list(`${tagQuery(tag)}&include_total=true`)).total, 0);
  });
});
