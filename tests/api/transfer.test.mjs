// Export and import of customers (F4) and the export record (F40). Exported files are read back
// with a real reader (openpyxl for .xlsx) and a strict RFC 4180 parser for CSV.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem } from './lib/client.mjs';
import { signInAs, useServer } from './lib/fixtures.mjs';

const execFileAsync = promisify(execFile);
// Debian's python3 has python3-openpyxl; a pyenv python on PATH may not.
const PYTHON = process.env.CARTERA_TEST_PYTHON || '/usr/bin/python3';

const READ_XLSX = `
import datetime, json, sys, openpyxl
from openpyxl.utils.escape import unescape
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
def value(v):
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, str):
        return unescape(v)  # _x000D_ (a carriage return), as Excel decodes it
    return v
rows = [[value(c.value) for c in row] for row in ws.iter_rows()]
types = [[c.data_type for c in row] for row in ws.iter_rows()]
formats = [[c.number_format for c in row] for row in ws.iter_rows()]
print(json.dumps({"title": ws.title, "freeze": ws.freeze_panes, "bold": bool(ws["A1"].font.b),
                  "rows": rows, "types": types, "formats": formats,
                  "widths": {k: v.width for k, v in ws.column_dimensions.items()}}))
`;

const WRITE_XLSX = `
import json, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
for row in json.load(sys.stdin):
    ws.append(row)
wb.save(sys.argv[1])
`;

let scratch;
before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'cartera-transfer-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function readXlsx(buffer) {
  const file = path.join(scratch, `read-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(file, buffer);
  const { stdout } = await execFileAsync(PYTHON, ['-c', READ_XLSX, file], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout);
}

async function makeXlsx(rows) {
  const file = path.join(scratch, `write-${Math.random().toString(36).slice(2)}.xlsx`);
  await new Promise((resolve, reject) => {
    const child = execFile(PYTHON, ['-c', WRITE_XLSX, file], (error) => (error ? reject(error) : resolve()));
    child.stdin.end(JSON.stringify(rows));
  });
  return readFile(file);
}

// RFC 4180, strictly: CRLF after every record, quotes only around whole fields, "" inside them.
function parseCsvStrict(text) {
  const records = [];
  let record = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else {
      throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
    }
  }
  if (record.length) throw new Error('the last record has no CRLF');
  return records;
}

// The CSV (or any) line ending with CRLF for each record.
function csv(rows, delimiter = ',') {
  const quote = (value) => {
    const text = String(value ?? '');
    return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

function asObjects(records) {
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('customer export and import', () => {
  after(() => { if (process.env.TRANSFER_LOGS) console.error(ctx.server?.logs().slice(-6000)); });
  const ctx = useServer();
  const marker = `exp${Math.random().toString(36).slice(2, 8)}`;
  let owner;
  let viewerToken;
  let salesToken;
  const customers = {};

  const download = async (query, token = ctx.token) => {
    const response = await fetch(`${ctx.server.url}/api/v1/customers/export?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, headers: response.headers, buffer: Buffer.from(await response.arrayBuffer()) };
  };
  const upload = (body, { dryRun = true, token = ctx.token, type = 'text/csv' } = {}) =>
    ctx.client.api('POST', `/api/v1/customers/import?dry_run=${dryRun}`, {
      token,
      rawBody: body,
      headers: { 'content-type': type },
    });
  const exportCsv = async (query) => {
    const file = await download(`format=csv&${query}`);
    assert.equal(file.status, 200, file.buffer.toString());
    return file;
  };

  before(async () => {
    owner = (await ctx.api('GET', '/api/v1/auth/me')).json;
    viewerToken = await signInAs(ctx, 'viewer');
    salesToken = await signInAs(ctx, 'sales');
    const create = async (key, body) => {
      const created = await ctx.api('POST', '/api/v1/customers', { body });
      assert.equal(created.status, 201, created.text);
      customers[key] = created.json;
    };
    await create('tricky', {
      name: `Ferretería "Núñez", S.L. ${marker}`,
      legal_name: 'Hierros; Aceros y Más',
      contact_person: '=HYPERLINK("http://malo.example","pulsa")',
      phone: '+34 600 111 222',
      logistics_notes: 'Entrar por el muelle 3\r\nPreguntar por Ángel',
      discount_percent: 12.5,
      credit_limit_minor: 150000,
      shared_account: true,
      temperature: 'hot',
      tags: [marker, 'VIP'],
    });
    await create('potential', { name: `Potencial ${marker}`, status: 'potential', tags: [marker], email: 'p@example.com' });
    await create('untagged', { name: `Sin etiqueta ${marker}` });
  });

  test('CSV: RFC 4180, BOM, the current filters, formula neutralisation', async () => {
    const file = await exportCsv(`tag=${marker}`);
    assert.equal(file.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(
      file.headers.get('content-disposition'),
      /^attachment; filename="clientes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    assert.equal(file.headers.get('cache-control'), 'no-store');
    assert.deepEqual([...file.buffer.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const records = parseCsvStrict(file.buffer.subarray(3).toString('utf8'));
    const header = records[0];
    assert.deepEqual(header.slice(0, 5), ['id', 'name', 'legal_name', 'tax_id', 'external_id']);
    for (const name of ['tags', 'discount_percent', 'default_address.city', 'created_at', 'version']) {
      assert.ok(header.includes(name), name);
    }
    const rows = asObjects(records);
    assert.deepEqual(rows.map((r) => r.id).sort(), [customers.tricky.id, customers.potential.id].sort());
    const tricky = rows.find((r) => r.id === customers.tricky.id);
    assert.equal(tricky.name, customers.tricky.name, 'quotes, comma and accents survive');
    assert.equal(tricky.legal_name, 'Hierros; Aceros y Más');
    assert.equal(tricky.logistics_notes, 'Entrar por el muelle 3\r\nPreguntar por Ángel');
    assert.equal(tricky.contact_person, `'=HYPERLINK("http://malo.example","pulsa")`);
    assert.equal(tricky.phone, "'+34 600 111 222");
    assert.equal(tricky.discount_percent, '12.5');
    assert.equal(tricky.credit_limit_minor, '150000');
    assert.equal(tricky.shared_account, 'true');
    assert.equal(tricky.tags, customers.tricky.tags.join(', '));
    assert.equal(tricky.created_at, customers.tricky.created_at);
    assert.equal(tricky.version, '1');

    const potential = asObjects(parseCsvStrict((await exportCsv(`tag=${marker}&status=potential`)).buffer.subarray(3).toString()));
    assert.deepEqual(potential.map((r) => r.id), [customers.potential.id]);
    const searched = asObjects(parseCsvStrict((await exportCsv(`q=${marker}&sort=-created_at`)).buffer.subarray(3).toString()));
    assert.deepEqual(searched.map((r) => r.id), [customers.untagged.id, customers.potential.id, customers.tricky.id]);
    assertProblem(await ctx.api('GET', '/api/v1/customers/export?format=pdf'), 422, 'validation_failed');
    assertProblem(await ctx.api('GET', '/api/v1/customers/export?format=csv&status=gold'), 422, 'validation_failed');
  });

  test('xlsx: a real workbook with bold frozen header, numbers, booleans and dates', async () => {
    const file = await download(`format=xlsx&tag=${marker}&sort=name`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(file.headers.get('content-disposition'), /^attachment; filename="clientes-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const book = await readXlsx(file.buffer);
    assert.equal(book.title, 'Clientes');
    assert.equal(book.freeze, 'A2');
    assert.equal(book.bold, true);
    assert.ok(book.widths.B > 20, 'the name column is wide');
    const [header, ...rows] = book.rows;
    const col = (name) => header.indexOf(name);
    assert.equal(rows.length, 2);
    const tricky = rows.find((r) => String(r[col('id')]) === customers.tricky.id);
    assert.equal(typeof tricky[col('id')], 'number');
    assert.equal(tricky[col('name')], customers.tricky.name);
    assert.equal(tricky[col('discount_percent')], 12.5);
    assert.equal(tricky[col('credit_limit_minor')], 150000);
    assert.equal(tricky[col('shared_account')], true);
    assert.equal(tricky[col('logistics_notes')], 'Entrar por el muelle 3\r\nPreguntar por Ángel');
    // A text cell is never a formula in a workbook: no apostrophe needed.
    assert.equal(tricky[col('contact_person')], customers.tricky.contact_person);
    const rowIndex = rows.indexOf(tricky) + 1;
    assert.equal(book.types[rowIndex][col('contact_person')], 's');
    assert.equal(tricky[col('tags')], customers.tricky.tags.join(', '));
    assert.deepEqual(tricky[col('created_at')], { datetime: customers.tricky.created_at.replace('Z', '') });
    assert.match(book.formats[rowIndex][col('created_at')], /yyyy-mm-dd/);
    const potential = rows.find((r) => String(r[col('id')]) === customers.potential.id);
    assert.equal(potential[col('email')], 'p@example.com');
    assert.equal(potential[col('legal_name')], null, 'empty cells stay empty');
  });

  test('round trip: export, dry run, edit a cell, import', async () => {
    const exported = (await exportCsv(`tag=${marker}`)).buffer;
    const dry = await upload(exported);
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(
      { created: dry.json.created, updated: dry.json.updated, unchanged: dry.json.unchanged, errors: dry.json.errors },
      { created: 0, updated: 0, unchanged: 2, errors: [] },
    );
    assert.equal(dry.json.dry_run, true);
    assert.ok(dry.json.warnings.some((w) => w.header === 'created_at' && w.code === 'read_only'));

    const records = parseCsvStrict(exported.subarray(3).toString());
    const header = records[0];
    const row = records.find((r) => r[0] === customers.potential.id);
    row[header.indexOf('temperature')] = 'Caliente';
    row[header.indexOf('tags')] = `${marker}, Importado`;
    const edited = Buffer.from('\ufeff' + csv(records));
    const preview = await upload(edited);
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual([preview.json.updated, preview.json.unchanged, preview.json.errors.length], [1, 1, 0]);
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customers.potential.id}`)).json.temperature, null, 'a dry run writes nothing');

    const done = await upload(edited, { dryRun: false });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual([done.json.dry_run, done.json.created, done.json.updated, done.json.unchanged], [false, 0, 1, 1]);
    const after = (await ctx.api('GET', `/api/v1/customers/${customers.potential.id}`)).json;
    assert.equal(after.temperature, 'hot');
    assert.deepEqual([...after.tags].sort(), [marker, 'Importado'].sort());
    assert.equal(after.version, 2);
    // Through the API's own update: the history has the change, by the importing user.
    const history = await ctx.api('GET', `/api/v1/customers/${customers.potential.id}/history?kind=updated`);
    assert.equal(history.status, 200, history.text);
    const change = history.json.items.flatMap((e) => (e.changes ?? []).map((c) => ({ ...c, actor: e.actor })))
      .find((c) => c.field === 'temperature');
    assert.deepEqual([change?.from, change?.to, change?.actor?.type, change?.actor?.id], [null, 'hot', 'staff', owner.id]);
    // The neutralised cells came back as they were.
    const tricky = (await ctx.api('GET', `/api/v1/customers/${customers.tricky.id}`)).json;
    assert.equal(tricky.version, 1);
    assert.equal(tricky.contact_person, customers.tricky.contact_person);

    // The same file again: the edited row's version is now stale, as with If-Match.
    const stale = await upload(edited);
    assert.equal(stale.status, 200);
    assert.deepEqual(stale.json.errors.map((e) => [e.row, e.field, e.code]), [[records.indexOf(row) + 1, 'version', 'stale']]);
    assert.equal(stale.json.unchanged, 1);

    // The .xlsx imports back too.
    const workbook = (await download(`format=xlsx&tag=${marker}`)).buffer;
    const xlsxDry = await upload(workbook, { type: 'application/octet-stream' });
    assert.equal(xlsxDry.status, 200, xlsxDry.text);
    assert.deepEqual([xlsxDry.json.format, xlsxDry.json.unchanged, xlsxDry.json.errors.length], ['xlsx', 2, 0]);
  });

  test('bad rows: every one listed with row, field and code; nothing written', async () => {
    const good = `Buen cliente ${marker}`;
    const body = csv([
      ['name', 'email', 'discount_percent', 'temperature', 'id', 'external_id'],
      [good, 'bien@example.com', '5', 'hot', '', `ext-${marker}-1`],
      [`Correo malo ${marker}`, 'no-es-correo', '', '', '', ''],
      ['', 'sin-nombre@example.com', '', '', '', ''],
      [`Descuento ${marker}`, '', '150', '', '', ''],
      [`Tibio ${marker}`, '', '', 'tepid', '', ''],
      [`Fantasma ${marker}`, '', '', '', '999999999', ''],
      [`Repetido ${marker}`, '', '', '', '', `ext-${marker}-1`],
      [`Dos fallos ${marker}`, 'x', 'abc', '', '', ''],
    ]);
    const expected = [
      [3, 'email', 'invalid'],
      [4, 'name', 'required'],
      [5, 'discount_percent', 'out_of_range'],
      [6, 'temperature', 'invalid_enum'],
      [7, 'id', 'not_found'],
      [8, 'external_id', 'duplicate'],
      [9, 'discount_percent', 'invalid_type'],
      [9, 'email', 'invalid'],
    ];
    const sorted = (errors) => errors.map((e) => [e.row, e.field, e.code]).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    const dry = await upload(body);
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(sorted(dry.json.errors), expected);
    assert.equal(dry.json.created, 1);
    assert.equal(dry.json.error_count, expected.length);
    for (const error of dry.json.errors) assert.equal(typeof error.message, 'string');

    const refused = await upload(body, { dryRun: false });
    assertProblem(refused, 422, 'validation_failed');
    assert.deepEqual(sorted(refused.json.errors), expected);
    assert.equal(refused.json.created, 1);
    const search = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(good)}`);
    assert.deepEqual(search.json.items, [], 'nothing written');
    const byExternal = await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(`Fantasma ${marker}`)}`);
    assert.deepEqual(byExternal.json.items, []);
  });

  test('Spanish headers, semicolons and decimal commas; unknown columns are warnings', async () => {
    const name = `Comercial Eléctrica ${marker}`;
    const body = Buffer.from(
      '\ufeff' +
        csv(
          [
            ['Nombre', 'Razón social', 'NIF', 'Correo', 'Teléfono', 'Descuento', 'Estado', 'Etiquetas', 'Color favorito'],
            [name, 'Eléctrica del Sur, S.A.', 'B-1234567', 'compras@electrica.example', '+34 955 000 111', '7,5', 'Potencial', `${marker}-es, sur`, 'azul'],
            [`Segunda ${marker}`, '', '', '', '', '', '', '', 'verde'],
          ],
          ';',
        ),
    );
    const done = await upload(body, { dryRun: false });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.created, 2);
    assert.deepEqual(done.json.warnings.map((w) => [w.column, w.header, w.code]), [['I', 'Color favorito', 'unknown_column']]);
    const found = (await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(name)}`)).json.items;
    assert.equal(found.length, 1);
    const customer = found[0];
    assert.equal(customer.legal_name, 'Eléctrica del Sur, S.A.');
    assert.equal(customer.tax_id, 'B-1234567');
    assert.equal(customer.email, 'compras@electrica.example');
    assert.equal(customer.phone, '+34 955 000 111');
    assert.equal(customer.discount_percent, 7.5);
    assert.equal(customer.status, 'potential');
    assert.deepEqual([...customer.tags].sort(), [`${marker}-es`, 'sur'].sort());

    // A workbook from another program (openpyxl: shared strings, numbers) with English labels.
    const workbook = await makeXlsx([
      ['Name', 'Email', 'Discount', 'Payment terms (days)', 'Shared account', 'External ID'],
      [`Desde Excel ${marker}`, 'excel@example.com', 10, 30, true, `xl-${marker}`],
      [null, null, null, null, null, null],
      [`Otra fila ${marker}`, null, 2.25, null, false, null],
    ]);
    const imported = await upload(workbook, { dryRun: false, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    assert.equal(imported.status, 200, imported.text);
    assert.deepEqual([imported.json.format, imported.json.rows, imported.json.created], ['xlsx', 2, 2]);
    const fromExcel = (await ctx.api('GET', `/api/v1/customers?q=${encodeURIComponent(`Desde Excel ${marker}`)}`)).json.items[0];
    assert.equal(fromExcel.payment_terms_days, 30);
    assert.equal(fromExcel.shared_account, true);
    assert.equal(fromExcel.discount_percent, 10);
    // Importing it again matches the external id: an update, not a second customer.
    const again = await upload(workbook);
    assert.deepEqual([again.json.created, again.json.unchanged], [1, 1]);
  });

  test('limits and unreadable files', async () => {
    const rows = ['name', ...Array.from({ length: 200_001 }, (_, i) => `c${i}`)].join('\n');
    assertProblem(await upload(rows), 422, 'too_many');
    assertProblem(await upload(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00])), 400, 'unreadable_file');
    assertProblem(await upload(Buffer.from('PK\u0003\u0004 not really a zip')), 400, 'unreadable_file');
    assertProblem(await upload(''), 400, 'unreadable_file');
    assertProblem(await upload('a,b\n"open'), 400, 'unreadable_file');
    const unknown = await upload('Color,Sabor\nazul,fresa\n');
    assertProblem(unknown, 422, 'validation_failed');
    assert.equal(unknown.json.errors[0].field, 'header');
    assertProblem(await ctx.api('POST', '/api/v1/customers/import?dry_run=maybe', { rawBody: 'name\nx\n' }), 422, 'validation_failed');
    // Bodies over the server's default 1 MiB are taken by this route (up to 50 MB).
    const big = 'name,logistics_notes\r\n' + Array.from({ length: 3000 }, (_, i) => `Grande ${i},${'x'.repeat(400)}`).join('\r\n');
    assert.ok(big.length > 1 << 20);
    const accepted = await upload(big);
    assert.equal(accepted.status, 200, accepted.text.slice(0, 300));
    assert.equal(accepted.json.created, 3000);
    const tooBig = await ctx.client.api('POST', '/api/v1/customers/import', {
      token: ctx.token,
      rawBody: Buffer.alloc((50 << 20) + 1024, 0x61),
      headers: { 'content-type': 'text/csv' },
    });
    assertProblem(tooBig, 413, 'payload_too_large');
  });

  test('roles: viewers export but do not import; sales import', async () => {
    const file = await download(`format=csv&tag=${marker}`, viewerToken);
    assert.equal(file.status, 200);
    assertProblem(await upload(`name\nVisor ${marker}\n`, { token: viewerToken }), 403, 'forbidden');
    const sales = await upload(`name\nVentas ${marker}\n`, { token: salesToken, dryRun: false });
    assert.equal(sales.status, 200, sales.text);
    assert.equal(sales.json.created, 1);
    assert.equal((await ctx.client.api('GET', '/api/v1/customers/export?format=csv')).status, 401);
  });

  test('every export is recorded for the staff user (F40)', async () => {
    await download(`format=xlsx&tag=${marker}&status=potential&q=${marker}`);
    const events = await ctx.api('GET', `/api/v1/staff/${owner.id}/events?limit=50`);
    assert.equal(events.status, 200, events.text);
    const latest = events.json.items[0];
    assert.equal(latest.type, 'customers_exported');
    assert.deepEqual(latest.data, {
      format: 'xlsx',
      filters: { q: marker, status: 'potential', tags: [marker] },
      rows: 1,
    });
    assert.deepEqual(latest.staff, { id: owner.id, name: owner.name });
    assert.match(latest.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const csvExports = events.json.items.filter((e) => e.type === 'customers_exported' && e.data.format === 'csv');
    assert.ok(csvExports.some((e) => e.data.rows === 2 && e.data.filters.tags?.[0] === marker));
    assert.ok(events.json.items.some((e) => e.type === 'customers_imported' && e.data.updated === 1));
    // Paging.
    const first = await ctx.api('GET', `/api/v1/staff/${owner.id}/events?limit=1`);
    assert.equal(first.json.items.length, 1);
    const second = await ctx.api('GET', `/api/v1/staff/${owner.id}/events?limit=1&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.equal(second.json.items[0].id, events.json.items[1].id);
    assertProblem(await ctx.api('GET', `/api/v1/staff/${owner.id}/events?cursor=nope`), 400, 'bad_request');

    // The viewer's own export is in its own record, which it may read; not the owner's.
    const viewer = (await ctx.client.api('GET', '/api/v1/auth/me', { token: viewerToken })).json;
    const own = await ctx.client.api('GET', `/api/v1/staff/${viewer.id}/events`, { token: viewerToken });
    assert.equal(own.status, 200);
    assert.deepEqual(own.json.items.map((e) => [e.type, e.data.format, e.data.rows]), [['customers_exported', 'csv', 2]]);
    assertProblem(await ctx.client.api('GET', `/api/v1/staff/${owner.id}/events`, { token: viewerToken }), 403, 'forbidden');
    assertProblem(await ctx.api('GET', '/api/v1/staff/999999/events'), 404, 'not_found');
  });

  test('a large export is streamed in chunks', async () => {
    const rows = [['name', 'tags']];
    for (let i = 0; i < 2500; i += 1) rows.push([`Masivo ${marker} ${String(i).padStart(4, '0')}`, `${marker}-bulk`]);
    const created = await upload(csv(rows), { dryRun: false });
    assert.equal(created.status, 200, created.text.slice(0, 300));
    assert.equal(created.json.created, 2500);
    const file = await exportCsv(`tag=${marker}-bulk`);
    assert.equal(file.headers.get('transfer-encoding'), 'chunked');
    assert.equal(file.headers.get('content-length'), null);
    const records = parseCsvStrict(file.buffer.subarray(3).toString());
    assert.equal(records.length, 2501);
    assert.equal(new Set(records.slice(1).map((r) => r[0])).size, 2500, 'every customer once');
    const names = records.slice(1).map((r) => r[1]);
    assert.deepEqual(names, [...names].sort(), 'in the list order (name)');
    const workbook = await download(`format=xlsx&tag=${marker}-bulk`);
    assert.equal(workbook.headers.get('transfer-encoding'), 'chunked');
    assert.equal((await readXlsx(workbook.buffer)).rows.length, 2501);
  });
});
