// Customer history (F8), comments and attachments (F9): every change with its kind, newest
// first, filtered and paged; comments; files sniffed, stored once by content, served safely.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import { assertFieldErrors, assertProblem, walkList } from './lib/client.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';
import { makePdf } from './lib/pdf.mjs';
import { BACKEND } from './lib/server.mjs';

// With SQLite the files go next to the database (the default data directory); PostgreSQL has
// no file to be next to, so the test names a folder.
const pgDataDir = BACKEND === 'postgresql' ? mkdtempSync(path.join(os.tmpdir(), 'cartera-files-')) : null;
after(() => {
  if (pgDataDir) rmSync(pgDataDir, { recursive: true, force: true });
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// A real PNG: `width` × `height` pixels of one RGB colour.
function makePng(width, height, [r, g, b]) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Every regular file under `dir` (recursively).
function filesUnder(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out = out.concat(filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

describe('history', () => {
  const ctx = useServer(pgDataDir ? { args: ['--data-dir', pgDataDir] } : {});
  let catalog;
  const dataDir = () => pgDataDir ?? ctx.server.database.name;

  const history = (customer, query = '', token) =>
    ctx.api('GET', `/api/v1/customers/${customer.id}/history${query ? `?${query}` : ''}`, token ? { token } : {});
  const comment = (customer, body, token) =>
    ctx.api('POST', `/api/v1/customers/${customer.id}/history/comments`, { body, ...(token ? { token } : {}) });

  // Sends multipart/form-data built by fetch itself from `parts`: [name, value, filename?].
  function upload(customerId, parts, { token = ctx.token, type } = {}) {
    const form = new FormData();
    for (const [name, value, filename] of parts) {
      if (filename !== undefined) form.append(name, new Blob([value], { type: type ?? 'application/octet-stream' }), filename);
      else form.append(name, value);
    }
    return ctx.client.api('POST', `/api/v1/customers/${customerId}/history/attachments`, { token, form });
  }

  // Sends a hand-made body with this Content-Type.
  async function uploadRaw(customerId, contentType, body) {
    return ctx.api('POST', `/api/v1/customers/${customerId}/history/attachments`, {
      rawBody: body,
      headers: { 'content-type': contentType },
    });
  }

  async function download(url, token = ctx.token, headers = {}) {
    const response = await fetch(`${ctx.server.url}${url}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function newCustomer(fields = {}) {
    const created = await ctx.api('POST', '/api/v1/customers', {
      body: { name: `Historial ${Math.random().toString(36).slice(2, 8)}`, ...fields },
    });
    assert.equal(created.status, 201, created.text);
    return created.json;
  }

  before(async () => {
    catalog = await makeCatalog(ctx);
  });

  test('notes, orders and customer changes appear with kinds, newest first', async () => {
    const customer = await makeCustomer(ctx, catalog);
    const note = await ctx.api('POST', `/api/v1/customers/${customer.id}/notes`, {
      body: { body: 'Llamó por el pedido del segundo trimestre', priority: 'high' },
    });
    assert.equal(note.status, 201, note.text);
    const placed = await ctx.api('POST', '/api/v1/orders', {
      body: { customer_id: customer.id, lines: [{ product_id: catalog.products.lamp.id, quantity: 2 }] },
    });
    assert.equal(placed.status, 201, placed.text);
    const order = placed.json;
    const moved = await ctx.api('POST', `/api/v1/orders/${order.id}/transitions`, { body: { to: 'confirmed' } });
    assert.equal(moved.status, 200, moved.text);
    const patched = await ctx.api('PATCH', `/api/v1/customers/${customer.id}`, {
      body: { email: 'compras@nunez.example', temperature: 'hot' },
      headers: { 'if-match': `"${customer.version}"` },
    });
    assert.equal(patched.status, 200, patched.text);

    const page = await history(customer);
    assert.equal(page.status, 200, page.text);
    const items = page.json.items;
    assert.equal(page.json.next_cursor, null);
    const types = items.map((i) => i.type);
    assert.deepEqual(
      types.filter((t) => ['customer_created', 'note_added', 'order_placed', 'order_status_changed', 'customer_updated'].includes(t)),
      ['customer_updated', 'order_status_changed', 'order_placed', 'note_added', 'customer_created'],
      `newest first: ${types.join(', ')}`,
    );
    for (let i = 1; i < items.length; i += 1) {
      assert.ok(items[i - 1].at >= items[i].at, 'ordered by time');
      assert.ok(Number(items[i - 1].id) > Number(items[i].id) || items[i - 1].at > items[i].at);
    }
    const byType = Object.fromEntries(items.map((i) => [i.type, i]));
    for (const item of items) {
      assert.match(item.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.equal(typeof item.summary, 'string');
      assert.ok(item.summary.length > 0);
      assert.ok(Array.isArray(item.changes));
      assert.equal(item.actor.type, 'staff');
      assert.equal(typeof item.actor.id, 'string');
      assert.ok(item.actor.name);
    }
    assert.equal(byType.note_added.kind, 'note');
    assert.equal(byType.note_added.body, 'Llamó por el pedido del segundo trimestre');
    assert.equal(byType.note_added.data.priority, 'high');
    assert.equal(byType.order_placed.kind, 'order');
    assert.deepEqual(byType.order_placed.order, { id: order.id, number: order.number, kind: 'order' });
    assert.equal(byType.order_status_changed.kind, 'order');
    assert.deepEqual(byType.order_status_changed.order.number, order.number);
    assert.deepEqual(byType.order_status_changed.changes, [{ field: 'status', from: 'pending', to: 'confirmed' }]);
    assert.equal(byType.order_status_changed.summary, `Order ${order.number} status: pending → confirmed`);
    assert.equal(byType.customer_created.kind, 'created');
    assert.equal(byType.customer_updated.kind, 'updated');
    const changes = Object.fromEntries(byType.customer_updated.changes.map((c) => [c.field, c]));
    assert.deepEqual(changes.email, { field: 'email', from: null, to: 'compras@nunez.example' });
    assert.deepEqual(changes.temperature, { field: 'temperature', from: null, to: 'hot' });
    assert.equal(byType.note_added.attachment, null);
    assert.equal(byType.customer_updated.order, null);
  });

  test('status changes have their own kind', async () => {
    const customer = await newCustomer();
    const patched = await ctx.api('PATCH', `/api/v1/customers/${customer.id}`, { body: { status: 'potential' } });
    assert.equal(patched.status, 200, patched.text);
    const status = await history(customer, 'kind=status');
    assert.equal(status.status, 200, status.text);
    assert.equal(status.json.items.length, 1, status.text);
    assert.equal(status.json.items[0].type, 'customer_status_changed');
    assert.deepEqual(status.json.items[0].changes, [{ field: 'status', from: 'current', to: 'potential' }]);
  });

  test('comments: posted, validated, listed', async () => {
    const customer = await newCustomer();
    const posted = await comment(customer, { body: '  Prefiere que le llamen por la tarde\nNo los lunes  ' });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.json.kind, 'comment');
    assert.equal(posted.json.type, 'comment_added');
    assert.equal(posted.json.body, 'Prefiere que le llamen por la tarde\nNo los lunes');
    assert.equal(posted.json.actor.type, 'staff');
    assert.equal(posted.json.actor.name, 'owner');
    assert.deepEqual(posted.json.changes, []);
    const listed = await history(customer, 'kind=comment');
    assert.deepEqual(listed.json.items, [posted.json], 'the 201 body is the listed item');

    assertFieldErrors(await comment(customer, {}), { body: 'required' });
    assertFieldErrors(await comment(customer, { body: '   ' }), { body: 'required' });
    assertFieldErrors(await comment(customer, { body: 'x'.repeat(5001) }), { body: 'too_long' });
    assertFieldErrors(await comment(customer, { body: 42 }), { body: 'invalid_type' });
    assertFieldErrors(await comment(customer, { body: 'bell\u0007' }), { body: 'invalid' });
    assert.equal((await comment(customer, { body: 'ñ'.repeat(5000) })).status, 201, 'limit counts characters');
    assertProblem(
      await ctx.api('POST', `/api/v1/customers/${customer.id}/history/comments`, { rawBody: '{"body": ' }),
      400,
      'bad_request',
    );
    assertProblem(await comment({ id: '999999' }, { body: 'x' }), 404, 'not_found');
    assertProblem(await comment({ id: 'abc' }, { body: 'x' }), 404, 'not_found');
  });

  test('kind filter: single, repeated, comma-separated; unknown kinds refused', async () => {
    const customer = await newCustomer();
    await ctx.api('POST', `/api/v1/customers/${customer.id}/notes`, { body: { body: 'nota' } });
    await comment(customer, { body: 'comentario' });
    const kinds = async (query) => (await history(customer, query)).json.items.map((i) => i.kind).sort();
    assert.deepEqual(await kinds(''), ['comment', 'created', 'note']);
    assert.deepEqual(await kinds('kind=note'), ['note']);
    assert.deepEqual(await kinds('kind=note&kind=comment'), ['comment', 'note']);
    assert.deepEqual(await kinds('kind=note,comment'), ['comment', 'note']);
    assert.deepEqual(await kinds('kind=order'), []);
    assert.deepEqual(
      await kinds('kind=created,updated,login,note,comment,attachment,message,order,status'),
      ['comment', 'created', 'note'],
    );
    assertFieldErrors(await history(customer, 'kind=notes'), { kind: 'invalid_enum' });
    assertFieldErrors(await history(customer, 'kind=note,bogus'), { kind: 'invalid_enum' });
    assertFieldErrors(await history(customer, 'limit=0'), { limit: null });
    assertProblem(await history(customer, 'cursor=nonsense'), 400, 'bad_request');
    assertProblem(await history({ id: '999999' }), 404, 'not_found');
  });

  test('cursor paging visits every event once, in order, with and without a filter', async () => {
    const customer = await newCustomer();
    for (let i = 0; i < 24; i += 1) {
      const posted =
        i % 3 === 0
          ? await ctx.api('POST', `/api/v1/customers/${customer.id}/notes`, { body: { body: `nota ${i}` } })
          : await comment(customer, { body: `comentario ${i}` });
      assert.equal(posted.status, 201, posted.text);
    }
    const all = (await history(customer, 'limit=200')).json.items;
    assert.equal(all.length, 25); // and customer_created
    for (const [query, expected] of [
      ['limit=7', all],
      ['limit=1', all],
      ['limit=5&kind=comment,note', all.filter((i) => i.kind !== 'created')],
      ['limit=3&kind=note', all.filter((i) => i.kind === 'note')],
    ]) {
      const { items, pages } = await walkList(ctx.client, ctx.token, `/api/v1/customers/${customer.id}/history`, query);
      assert.deepEqual(items.map((i) => i.id), expected.map((i) => i.id), query);
      assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${query}: no duplicates`);
      assert.ok(pages.slice(0, -1).every((p) => p.next_cursor), query);
    }
    // A cursor of another list is refused.
    const notes = await ctx.api('GET', `/api/v1/customers/${customer.id}/notes?limit=1`);
    assertProblem(await history(customer, `cursor=${encodeURIComponent(notes.json.next_cursor)}`), 400, 'bad_request');
  });

  test('a PDF and a PNG: stored with size and SHA-256, downloaded byte for byte with safe headers', async () => {
    const customer = await newCustomer();
    const pdf = makePdf(`Presupuesto ${Date.now()}`);
    const posted = await upload(customer.id, [
      ['file', pdf, 'Presupuesto Núñez "final".pdf'],
      ['comment', 'El presupuesto firmado'],
    ], { type: 'text/html' }); // the client's type is ignored
    assert.equal(posted.status, 201, posted.text);
    const item = posted.json;
    assert.equal(item.kind, 'attachment');
    assert.equal(item.type, 'attachment_added');
    assert.equal(item.body, 'El presupuesto firmado');
    assert.equal(item.attachment.name, 'Presupuesto Núñez "final".pdf');
    assert.equal(item.attachment.content_type, 'application/pdf');
    assert.equal(item.attachment.size, pdf.length);
    assert.equal(item.attachment.sha256, sha256(pdf));
    assert.equal(item.attachment.url, `/api/v1/attachments/${item.attachment.id}`);
    assert.deepEqual((await history(customer, 'kind=attachment')).json.items, [item]);

    const got = await download(item.attachment.url);
    assert.equal(got.status, 200);
    assert.ok(got.bytes.equals(pdf), 'identical bytes');
    assert.equal(got.headers.get('content-type'), 'application/pdf');
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(
      got.headers.get('content-disposition'),
      `inline; filename="Presupuesto N__ez _final_.pdf"; filename*=UTF-8''Presupuesto%20N%C3%BA%C3%B1ez%20%22final%22.pdf`,
    );
    assert.match(got.headers.get('content-security-policy'), /default-src 'none'/);
    assert.match(got.headers.get('cache-control'), /private/);
    assert.equal(got.headers.get('etag'), `"${sha256(pdf)}"`);
    const again = await download(item.attachment.url, ctx.token, { 'if-none-match': `"${sha256(pdf)}"` });
    assert.equal(again.status, 304);

    const png = makePng(3, 2, [31, 78, 70]);
    const image = await upload(customer.id, [['file', png, 'logo']]);
    assert.equal(image.status, 201, image.text);
    assert.equal(image.json.attachment.content_type, 'image/png');
    assert.equal(image.json.attachment.name, 'logo.png', 'the extension of the sniffed type is added');
    assert.equal(image.json.attachment.size, png.length);
    assert.equal(image.json.body, null);
    const gotPng = await download(image.json.attachment.url);
    assert.ok(gotPng.bytes.equals(png));
    assert.equal(gotPng.headers.get('content-type'), 'image/png');
    assert.match(gotPng.headers.get('content-disposition'), /^inline; filename="logo.png"/);
    assert.match(gotPng.headers.get('content-security-policy'), /sandbox/);

    const csv = Buffer.from('nombre;importe\r\nFerretería;12,50\r\n');
    const sheet = await upload(customer.id, [['file', csv, '../../etc/lista.csv']]);
    assert.equal(sheet.status, 201, sheet.text);
    assert.equal(sheet.json.attachment.name, 'lista.csv');
    assert.equal(sheet.json.attachment.content_type, 'text/csv; charset=utf-8');
    const gotCsv = await download(sheet.json.attachment.url);
    assert.ok(gotCsv.bytes.equals(csv));
    assert.match(gotCsv.headers.get('content-disposition'), /^attachment; filename="lista.csv"/);
    assert.match(gotCsv.headers.get('content-security-policy'), /sandbox/);
    assertProblem(await ctx.api('GET', '/api/v1/attachments/999999'), 404, 'not_found');
  });

  test('HTML, SVG, executables and empty or missing files are refused', async () => {
    const customer = await newCustomer();
    const refused = [
      ['page.html', '<!DOCTYPE html><html><script>alert(document.cookie)</script></html>'],
      ['page.txt', '  <html><body onload="alert(1)"></body></html>'],
      ['image.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])],
      ['tool.elf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)])],
      ['archive.zip', Buffer.from('504b0304140000000000', 'hex')],
      ['binary.bin', Buffer.from([0x00, 0x01, 0x02, 0xff])],
    ];
    for (const [name, content] of refused) {
      const response = await upload(customer.id, [['file', content, name]], { type: 'image/png' });
      assertFieldErrors(response, { file: 'unsupported_type' });
    }
    assertFieldErrors(await upload(customer.id, [['file', '', 'empty.txt']]), { file: 'required' });
    assertFieldErrors(await upload(customer.id, [['comment', 'sin archivo']]), { file: 'required' });
    assertFieldErrors(
      await upload(customer.id, [
        ['file', 'uno', 'a.txt'],
        ['file', 'dos', 'b.txt'],
      ]),
      { file: 'too_many' },
    );
    assertFieldErrors(await upload(customer.id, [['file', 'x', 'a.txt'], ['comment', 'c'.repeat(5001)]]), { comment: 'too_long' });
    assertProblem(await uploadRaw(customer.id, 'application/json', '{"file": "x"}'), 400, 'bad_request');
    assertProblem(await uploadRaw(customer.id, 'multipart/form-data', 'no boundary'), 400, 'bad_request');
    assertProblem(
      await uploadRaw(customer.id, 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nnever closed'),
      400,
      'bad_request',
    );
    assertProblem(await upload('999999', [['file', makePdf('x'), 'a.pdf']]), 404, 'not_found');
    assert.deepEqual((await history(customer, 'kind=attachment')).json.items, [], 'nothing recorded');
  });

  test('over 20 MB is 413, whether the body or the file is too large', async () => {
    const customer = await newCustomer();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
    assertProblem(await upload(customer.id, [['file', big, 'grande.txt']]), 413, 'payload_too_large');
    // A file just over the limit in a body the route still reads.
    const over = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
    assertProblem(await upload(customer.id, [['file', over, 'justo.txt']]), 413, 'payload_too_large');
    // Exactly 20 MiB is accepted; other routes keep the 1 MiB limit.
    const max = Buffer.alloc(20 * 1024 * 1024, 0x42);
    const ok = await upload(customer.id, [['file', max, 'maximo.txt']]);
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.attachment.size, max.length);
    assertProblem(
      await ctx.api('POST', `/api/v1/customers/${customer.id}/history/comments`, {
        rawBody: JSON.stringify({ body: 'x'.repeat(2 * 1024 * 1024) }),
      }),
      413,
      'payload_too_large',
    );
  });

  test('identical content is stored once on disk', async () => {
    const first = await newCustomer();
    const second = await newCustomer();
    const pdf = makePdf(`Una vez ${Math.random()}`);
    const a = await upload(first.id, [['file', pdf, 'a.pdf']]);
    const b = await upload(second.id, [['file', pdf, 'copia.pdf']]);
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    assert.notEqual(a.json.attachment.id, b.json.attachment.id);
    assert.equal(a.json.attachment.sha256, b.json.attachment.sha256);
    const hash = sha256(pdf);
    const expected = path.join(dataDir(), 'attachments', hash.slice(0, 2), hash);
    assert.ok(readFileSync(expected).equals(pdf), `stored at ${expected}`);
    const sameName = filesUnder(path.join(dataDir(), 'attachments')).filter((f) => path.basename(f) === hash);
    assert.deepEqual(sameName, [expected], 'one file for both');
    assert.ok(
      filesUnder(path.join(dataDir(), 'attachments')).every((f) => /^[0-9a-f]{64}$/.test(path.basename(f))),
      'no temporary files left',
    );
    assert.equal(statSync(expected).size, pdf.length);
    const gotB = await download(b.json.attachment.url);
    assert.ok(gotB.bytes.equals(pdf));
    assert.match(gotB.headers.get('content-disposition'), /filename="copia.pdf"/);
  });

  test('viewers read the history and files but cannot write', async () => {
    const customer = await newCustomer();
    const pdf = makePdf('para el lector');
    const posted = await upload(customer.id, [['file', pdf, 'leer.pdf']]);
    assert.equal(posted.status, 201, posted.text);
    const viewer = await signInAs(ctx, 'viewer');
    const read = await history(customer, '', viewer);
    assert.equal(read.status, 200, read.text);
    assert.ok(read.json.items.some((i) => i.kind === 'attachment'));
    const got = await download(posted.json.attachment.url, viewer);
    assert.equal(got.status, 200);
    assert.ok(got.bytes.equals(pdf));
    assertProblem(await comment(customer, { body: 'no' }, viewer), 403, 'forbidden');
    assertProblem(await upload(customer.id, [['file', pdf, 'x.pdf']], { token: viewer }), 403, 'forbidden');
    const sales = await signInAs(ctx, 'sales');
    assert.equal((await comment(customer, { body: 'sí' }, sales)).status, 201);
    // Uploads are refused from the header, before the body is received.
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(5 * 1024 * 1024, 0x41)]), 'grande.txt');
    const unsigned = await fetch(`${ctx.server.url}/api/v1/customers/${customer.id}/history/attachments`, {
      method: 'POST',
      body: form,
    });
    assert.equal(unsigned.status, 401);
    assert.equal((await unsigned.json()).code, 'unauthenticated');
    const anonymous = await fetch(`${ctx.server.url}${posted.json.attachment.url}`);
    assert.equal(anonymous.status, 401);
    assert.equal((await fetch(`${ctx.server.url}/api/v1/customers/${customer.id}/history`)).status, 401);
  });
});
