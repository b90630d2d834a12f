// Bad requests are refused with the documented problem, write nothing, and do not hurt the server.
import assert from 'node:assert/strict';
import { afterEach, before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';

const MiB = 1024 * 1024;

describe('bad input', () => {
  const ctx = useServer();
  let sample; // a customer that PATCH tests try to damage

  async function total() {
    const response = await ctx.api('GET', '/api/v1/customers?include_total=true&limit=1');
    assert.equal(response.status, 200, response.text);
    return response.json.total;
  }

  async function post(body) {
    return ctx.api('POST', '/api/v1/customers', { body });
  }

  // Runs `action`, then checks that the number of customers did not change.
  async function writesNothing(action) {
    const before = await total();
    await action();
    assert.equal(await total(), before, 'nothing was written');
  }

  async function assertSampleUnchanged() {
    const response = await ctx.api('GET', `/api/v1/customers/${sample.id}`);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, sample, 'the customer is unchanged');
  }

  before(async () => {
    const created = await post({
      name: 'Cliente intacto',
      email: 'intacto@example.com',
      tags: ['a'],
    });
    assert.equal(created.status, 201, created.text);
    const read = await ctx.api('GET', `/api/v1/customers/${created.json.id}`);
    sample = read.json;
  });

  afterEach(async () => {
    const health = await ctx.client.api('GET', '/healthz');
    assert.equal(health.status, 200, 'the server still answers /healthz');
  });

  test('malformed JSON → 400 bad_request', async () => {
    await writesNothing(async () => {
      for (const rawBody of [
        '{"name":',
        '{name: "x"}',
        '',
        '{"name":"x"} trailing',
        "{'name':'x'}",
      ]) {
        assertProblem(
          await ctx.api('POST', '/api/v1/customers', { rawBody }),
          400,
          'bad_request',
        );
      }
      assertProblem(
        await ctx.api('PATCH', `/api/v1/customers/${sample.id}`, { rawBody: '{"name":' }),
        400,
        'bad_request',
      );
    });
    await assertSampleUnchanged();
  });

  test('a body that is not a JSON object → 400 bad_request', async () => {
    await writesNothing(async () => {
      for (const rawBody of ['[]', '[{"name":"x"}]', '"Cliente"', '42', 'null', 'true']) {
        assertProblem(
          await ctx.api('POST', '/api/v1/customers', { rawBody }),
          400,
          'bad_request',
        );
      }
      assertProblem(
        await ctx.api('PATCH', `/api/v1/customers/${sample.id}`, { rawBody: '["x"]' }),
        400,
        'bad_request',
      );
    });
    await assertSampleUnchanged();
  });

  test('invalid UTF-8 inside a JSON string → 400 bad_request', async () => {
    const bodies = [
      Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xc3]), Buffer.from('"}')]), // truncated é
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // surrogate
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong
    ];
    await writesNothing(async () => {
      for (const rawBody of bodies) {
        assertProblem(
          await ctx.api('POST', '/api/v1/customers', { rawBody }),
          400,
          'bad_request',
        );
      }
      assertProblem(
        await ctx.api('PATCH', `/api/v1/customers/${sample.id}`, { rawBody: bodies[0] }),
        400,
        'bad_request',
      );
    });
    await assertSampleUnchanged();
  });

  test('a body over 1 MiB (with Content-Length) → 413 payload_too_large', async () => {
    await writesNothing(async () => {
      const big = JSON.stringify({ name: 'Grande', logistics_notes: 'x'.repeat(MiB) });
      assert.ok(Buffer.byteLength(big) > MiB);
      let response;
      try {
        response = await ctx.api('POST', '/api/v1/customers', { rawBody: big });
      } catch (error) {
        assert.fail(`no response (${error.cause?.code ?? error.message})`);
      }
      assertProblem(response, 413, 'payload_too_large');
    });
  });

  test('a chunked body over 1 MiB → 413 payload_too_large', async () => {
    await writesNothing(async () => {
      const big = JSON.stringify({ name: 'Grande', logistics_notes: 'x'.repeat(MiB) });
      // A stream body is sent with Transfer-Encoding: chunked, without Content-Length.
      let response;
      let text;
      try {
        response = await fetch(`${ctx.server.url}/api/v1/customers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
          body: new Blob([big]).stream(),
          duplex: 'half',
        });
        text = await response.text();
      } catch (error) {
        assert.fail(
          `no response (${error.cause?.code ?? error.message}): the connection was closed while ` +
            'the client was still sending the body, so the client never sees the 413',
        );
      }
      assertProblem(
        { status: response.status, headers: response.headers, text, json: JSON.parse(text) },
        413,
        'payload_too_large',
      );
    });
  });

  test('a body just under 1 MiB is read (here: one field too long → 422)', async () => {
    await writesNothing(async () => {
      const under = JSON.stringify({ name: 'Casi', logistics_notes: 'x'.repeat(MiB - 100) });
      assert.ok(Buffer.byteLength(under) <= MiB);
      assertFieldErrors(await ctx.api('POST', '/api/v1/customers', { rawBody: under }), {
        logistics_notes: 'too_long',
      });
    });
  });

  test('unknown fields are ignored', async () => {
    const before = await total();
    const response = await post({
      name: 'Con extras',
      favourite_colour: 'verde',
      id: '77',
      version: 9,
    });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.favourite_colour, undefined);
    assert.equal(response.json.version, 1);
    assert.equal(await total(), before + 1);
  });

  test('wrong types → 422 with one errors[] entry per field', async () => {
    await writesNothing(async () => {
      const response = await post({
        name: 5,
        discount_percent: 'x',
        shared_account: 'yes',
        tags: 'a',
      });
      assertFieldErrors(response, {
        name: 'invalid_type',
        discount_percent: 'invalid_type',
        shared_account: 'invalid_type',
        tags: 'invalid_type',
      });
      const more = await post({
        name: 'Tipos',
        payment_terms_days: '30',
        credit_limit_minor: 1.5,
        payment_methods: ['ok', 3],
        email: { a: 1 },
      });
      assertFieldErrors(more, {
        payment_terms_days: 'invalid_type',
        credit_limit_minor: 'invalid_type',
        'payment_methods[1]': 'invalid_type',
        email: 'invalid_type',
      });
    });
  });

  test('bad enum values → 422 invalid_enum', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'Enum', status: 'gold', temperature: 'tepid' }), {
        status: 'invalid_enum',
        temperature: 'invalid_enum',
      });
      assertFieldErrors(
        await post({
          name: 'Enum',
          customer_type: 'shop',
          account_status: 'frozen',
          registration_status: 'pending',
        }),
        {
          customer_type: 'invalid_enum',
          account_status: 'invalid_enum',
          registration_status: 'invalid_enum',
        },
      );
      assertFieldErrors(await post({ name: 'Enum', status: 'CURRENT' }), {
        status: 'invalid_enum',
      });
    });
  });

  test('name: too long, missing, blank or null', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'a'.repeat(201) }), { name: 'too_long' });
      assertFieldErrors(await post({ name: 'ñ'.repeat(201) }), { name: 'too_long' });
      assertFieldErrors(await post({}), { name: 'required' });
      assertFieldErrors(await post({ legal_name: 'Sin nombre' }), { name: 'required' });
      assertFieldErrors(await post({ name: '   ' }), { name: 'required' });
      assertFieldErrors(await post({ name: null }), { name: 'required' });
    });
  });

  test('bad email → invalid', async () => {
    await writesNothing(async () => {
      for (const email of ['not-an-email', 'a@', '@b.example', 'a b@c.example', 'a@@b.example']) {
        assertFieldErrors(await post({ name: 'Email', email }), { email: 'invalid' });
      }
    });
  });

  test('currency "XYZ" → invalid', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'Moneda', currency: 'XYZ' }), { currency: 'invalid' });
      assertFieldErrors(await post({ name: 'Moneda', currency: 'eur' }), { currency: 'invalid' });
    });
  });

  test('currency "EURO" → one invalid entry', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'Moneda', currency: 'EURO' }), { currency: 'invalid' });
    });
  });

  test('language "spanish" → one invalid entry', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'Idioma', language: 'spanish' }), {
        language: 'invalid',
      });
    });
  });

  test('language "zz" → invalid', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'Idioma', language: 'zz' }), { language: 'invalid' });
    });
  });

  test('discount_percent: range and two decimals', async () => {
    await writesNothing(async () => {
      assertFieldErrors(await post({ name: 'Dto', discount_percent: 100.01 }), {
        discount_percent: 'out_of_range',
      });
      assertFieldErrors(await post({ name: 'Dto', discount_percent: -0.5 }), {
        discount_percent: 'out_of_range',
      });
      assertFieldErrors(await post({ name: 'Dto', discount_percent: 12.345 }), {
        discount_percent: 'invalid',
      });
    });
    const before = await total();
    for (const value of [0, 100, 99.99, 0.01]) {
      const response = await post({ name: `Dto ${value}`, discount_percent: value });
      assert.equal(response.status, 201, response.text);
      assert.equal(response.json.discount_percent, value);
    }
    assert.equal(await total(), before + 4);
  });

  test('more than 50 tags → too_many', async () => {
    await writesNothing(async () => {
      const tags = Array.from({ length: 51 }, (_, i) => `etiqueta ${i}`);
      assertFieldErrors(await post({ name: 'Etiquetas', tags }), { tags: 'too_many' });
      assertFieldErrors(await post({ name: 'Etiquetas', tags: ['ok', 'x'.repeat(51)] }), {
        'tags[1]': 'too_long',
      });
    });
  });

  test('a PATCH with one bad field changes nothing, not even the good fields', async () => {
    const attempts = [
      { name: 'Cambiado', status: 'gold' },
      { name: 'Cambiado', discount_percent: 101 },
      { tags: ['b', 'c'], email: 'not-an-email' },
      { name: 'Cambiado', name_typo: 1, currency: 'XYZ' },
      { name: '' },
      { name: null },
    ];
    for (const body of attempts) {
      const response = await ctx.api('PATCH', `/api/v1/customers/${sample.id}`, { body });
      assertProblem(response, 422, 'validation_failed');
      await assertSampleUnchanged();
    }
  });

  test('invalid list query parameters → 422 naming the parameter', async () => {
    const cases = [
      ['status=gold', 'status'],
      ['temperature=tepid', 'temperature'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=-5', 'limit'],
      ['limit=abc', 'limit'],
      ['sort=foo', 'sort'],
      ['sort=created_at', 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await ctx.api('GET', `/api/v1/customers?${query}`);
      assertProblem(response, 422, 'validation_failed');
      assert.ok(
        response.json.errors?.some((error) => error.field === field),
        `${query} names ${field}: ${response.text}`,
      );
    }
    for (const query of ['limit=1', 'limit=200']) {
      const response = await ctx.api('GET', `/api/v1/customers?${query}`);
      assert.equal(response.status, 200, `${query}: ${response.text}`);
    }
  });

  test('a cursor from another sort order → 400 bad_request', async () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await post({ name: `Cursor ${i}` })).status, 201);
    }
    const page = await ctx.api('GET', '/api/v1/customers?sort=name&limit=1');
    assert.equal(page.status, 200, page.text);
    const cursor = page.json.next_cursor;
    assert.equal(typeof cursor, 'string');
    const same = await ctx.api(
      'GET',
      `/api/v1/customers?sort=name&limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    assert.equal(same.status, 200, same.text);
    const other = await ctx.api(
      'GET',
      `/api/v1/customers?sort=-created_at&limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    assertProblem(other, 400, 'bad_request');
  });

  test('a garbage cursor → 400 bad_request', async () => {
    for (const cursor of ['garbage', 'eyJmb28iOiJiYXIifQ', '!!!', 'a'.repeat(500)]) {
      const response = await ctx.api(
        'GET',
        `/api/v1/customers?cursor=${encodeURIComponent(cursor)}`,
      );
      assertProblem(response, 400, 'bad_request');
    }
  });
});
