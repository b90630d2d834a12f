// Notes on a customer (F6): ordered by priority then newest, edited with versions, on the card.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, walkList } from './lib/client.mjs';
import { signInAs, useServer } from './lib/fixtures.mjs';

describe('notes', () => {
  const ctx = useServer();
  let customer;
  const add = (body, priority) =>
    ctx.api('POST', `/api/v1/customers/${customer.id}/notes`, { body: priority ? { body, priority } : { body } });

  before(async () => {
    const created = await ctx.api('POST', '/api/v1/customers', { body: { name: 'Cliente con notas' } });
    assert.equal(created.status, 201, created.text);
    customer = created.json;
  });

  test('notes are listed high, medium, none, newest first within each', async () => {
    const written = [];
    for (const [body, priority] of [
      ['Sin prioridad 1', undefined],
      ['Alta 1', 'high'],
      ['Media 1', 'medium'],
      ['Alta 2', 'high'],
      ['Sin prioridad 2', 'none'],
    ]) {
      const note = await add(body, priority);
      assert.equal(note.status, 201, note.text);
      assert.equal(note.headers.get('etag'), '"1"');
      written.push(note.json);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(written[0].priority, 'none');
    assert.equal(written[1].author.name.length > 0, true);
    assert.equal(written[1].customer_id, customer.id);
    const list = await ctx.api('GET', `/api/v1/customers/${customer.id}/notes`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((n) => n.body), ['Alta 2', 'Alta 1', 'Media 1', 'Sin prioridad 2', 'Sin prioridad 1']);
    // Paging keeps the same order and visits every note once.
    const { items } = await walkList(ctx.client, ctx.token, `/api/v1/customers/${customer.id}/notes`, 'limit=2');
    assert.deepEqual(items.map((n) => n.body), list.json.items.map((n) => n.body));
    // The card shows the newest note.
    const record = await ctx.api('GET', `/api/v1/customers/${customer.id}`);
    assert.equal(record.json.last_note.body, 'Sin prioridad 2');
    assert.equal(record.json.last_note.priority, 'none');
    const listed = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent('Cliente con notas')}`);
    assert.equal(listed.json.items.find((c) => c.id === customer.id).last_note.body, 'Sin prioridad 2');
  });

  test('edit with versions, delete, and bad input refused', async () => {
    const note = (await add('Llamó por el pedido del segundo trimestre\ny pidió catálogo', 'medium')).json;
    const edited = await ctx.api('PATCH', `/api/v1/notes/${note.id}`, {
      body: { priority: 'high' },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.priority, 'high');
    assert.equal(edited.json.body, note.body, 'unchanged fields stay');
    assert.equal(edited.json.version, 2);
    assertProblem(
      await ctx.api('PATCH', `/api/v1/notes/${note.id}`, { body: { body: 'x' }, headers: { 'if-match': '"1"' } }),
      412,
      'precondition_failed',
    );
    const list = await ctx.api('GET', `/api/v1/customers/${customer.id}/notes`);
    assert.equal(list.json.items[0].id, note.id, 'now first: high and newest');

    assertFieldErrors(await add('', 'high'), { body: 'required' });
    assertFieldErrors(await add('x'.repeat(5001)), { body: 'too_long' });
    assertFieldErrors(await add('ok', 'urgent'), { priority: 'invalid_enum' });
    assertFieldErrors(await ctx.api('PATCH', `/api/v1/notes/${note.id}`, { body: { body: '' } }), { body: 'required' });
    assertProblem(await ctx.api('POST', '/api/v1/customers/999999/notes', { body: { body: 'x' } }), 404, 'not_found');
    assertProblem(await ctx.api('GET', '/api/v1/customers/999999/notes'), 404, 'not_found');

    assert.equal((await ctx.api('DELETE', `/api/v1/notes/${note.id}`)).status, 204);
    assertProblem(await ctx.api('DELETE', `/api/v1/notes/${note.id}`), 404, 'not_found');
    assertProblem(await ctx.api('PATCH', `/api/v1/notes/${note.id}`, { body: { body: 'x' } }), 404, 'not_found');
    const after = await ctx.api('GET', `/api/v1/customers/${customer.id}/notes`);
    assert.ok(!after.json.items.some((n) => n.id === note.id));
  });

  test('a viewer reads notes but cannot write them', async () => {
    const viewer = await signInAs(ctx, 'viewer');
    const list = await ctx.api('GET', `/api/v1/customers/${customer.id}/notes`, { token: viewer });
    assert.equal(list.status, 200);
    const id = list.json.items[0].id;
    const before = list.json.items.length;
    assertProblem(
      await ctx.api('POST', `/api/v1/customers/${customer.id}/notes`, { token: viewer, body: { body: 'x' } }),
      403,
      'forbidden',
    );
    assertProblem(await ctx.api('PATCH', `/api/v1/notes/${id}`, { token: viewer, body: { body: 'x' } }), 403, 'forbidden');
    assertProblem(await ctx.api('DELETE', `/api/v1/notes/${id}`, { token: viewer }), 403, 'forbidden');
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customer.id}/notes`)).json.items.length, before);
  });
});
