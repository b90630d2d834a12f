// Listing customers: search, filters, sorting and cursor paging, on the demo data plus our own.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { digits, fold, walkList } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';

// Customers this file adds to the demo data; names chosen to test sorting and search.
const OWN = [
  { name: 'Ábaco Distribuciones', phone: '+34 612 34 56 78', tags: ['vip', 'Logística'] },
  { name: 'abeja obrera S.L.', tax_id: 'Z9876543Q', status: 'potential', temperature: 'hot' },
  { name: 'Zapatería Quokka', email: 'ventas@zapateriaquokka.example', tags: ['VIP', 'MAYORISTA'] },
  {
    name: 'Óptica Núñez',
    legal_name: 'Óptica Núñez e Hijos S.A.',
    temperature: 'hot',
    tags: ['Mayorista'],
  },
  { name: 'Co-working Centro', status: 'potential', tags: ['logistica'] },
];

describe('customer list', () => {
  const ctx = useServer({ demo: true });
  let all; // every customer, from one big page
  const own = []; // our customers as created, in creation order

  async function list(query) {
    const response = await ctx.api('GET', `/api/v1/customers?${query}`);
    assert.equal(response.status, 200, `${query}: ${response.text}`);
    return response.json;
  }

  // Does a customer match q in the fields API.md names (name, legal name, email, phone, tax id)?
  function matchesQ(customer, q, { withWhatsapp = false } = {}) {
    const needle = fold(q.trim());
    const texts = [customer.name, customer.legal_name, customer.email, customer.tax_id];
    if (texts.some((text) => fold(text).includes(needle))) return true;
    // Tax ids compare without their punctuation ("B-123" is "B123").
    const taxKey = fold(customer.tax_id).replace(/[^a-z0-9]/g, '');
    if (
      taxKey &&
      needle.replace(/[^a-z0-9]/g, '') &&
      taxKey.includes(needle.replace(/[^a-z0-9]/g, ''))
    ) {
      return true;
    }
    if (/^[\d\s+().-]+$/.test(q) && digits(q).length > 0) {
      const phones = [customer.phone, ...(withWhatsapp ? [customer.whatsapp] : [])];
      if (phones.some((phone) => digits(phone).includes(digits(q)))) return true;
    }
    return false;
  }

  // Searches q (walking every page) and checks: every result matches, every customer that
  // should match is there. Returns the results.
  async function assertSearch(q) {
    const { items } = await walkList(
      ctx.client,
      ctx.token,
      '/api/v1/customers',
      `q=${encodeURIComponent(q)}&limit=200`,
    );
    const ids = items.map((customer) => customer.id);
    assert.equal(new Set(ids).size, ids.length, `q=${q}: no duplicates`);
    for (const customer of items) {
      assert.ok(
        matchesQ(customer, q, { withWhatsapp: true }),
        `q=${q} returned ${customer.name} which does not contain it`,
      );
    }
    const expected = all.filter((customer) => matchesQ(customer, q)).map((customer) => customer.id);
    for (const id of expected) {
      const customer = all.find((c) => c.id === id);
      assert.ok(ids.includes(id), `q=${q} misses ${customer.name}`);
    }
    return items;
  }

  before(async () => {
    for (const body of OWN) {
      const response = await ctx.api('POST', '/api/v1/customers', { body });
      assert.equal(response.status, 201, response.text);
      own.push(response.json);
    }
    all = (await list('limit=200&include_total=true')).items;
  });

  test('the demo data is there', () => {
    assert.ok(all.length >= 50 + OWN.length, `demo customers: ${all.length}`);
    assert.ok(all.some((customer) => customer.name === 'Comercial Eléctrica S.A.'));
  });

  test('q is case- and accent-insensitive', async () => {
    const plain = await assertSearch('electrica');
    assert.ok(plain.some((customer) => customer.name === 'Comercial Eléctrica S.A.'));
    const upper = await assertSearch('ELÉCTRICA');
    assert.deepEqual(
      upper.map((customer) => customer.id).sort(),
      plain.map((customer) => customer.id).sort(),
      'ELÉCTRICA finds what electrica finds',
    );
    const nunez = await assertSearch('nunez e hijos');
    assert.deepEqual(
      nunez.map((customer) => customer.name),
      ['Óptica Núñez'],
      'legal name, with ñ folded',
    );
  });

  test('q finds a phone number by a fragment of its digits', async () => {
    const abaco = own[0];
    for (const q of ['3456', '612 34', '612-34-56', '+34 612 34 56 78']) {
      const items = await assertSearch(q);
      assert.ok(
        items.some((customer) => customer.id === abaco.id),
        `q=${q} finds ${abaco.name} (${abaco.phone})`,
      );
    }
  });

  test('q finds a tax id fragment and an email fragment', async () => {
    const tax = await assertSearch('z98765');
    assert.ok(
      tax.some((customer) => customer.id === own[1].id),
      'tax id fragment',
    );
    const taxUpper = await assertSearch('Z9876543Q');
    assert.ok(
      taxUpper.some((customer) => customer.id === own[1].id),
      'whole tax id',
    );
    const email = await assertSearch('zapateriaquokka');
    assert.deepEqual(
      email.map((customer) => customer.id),
      [own[2].id],
    );
    const demoEmail = await assertSearch('comercialelectrica.example');
    assert.ok(demoEmail.some((customer) => customer.name === 'Comercial Eléctrica S.A.'));
  });

  test('a q of 1–2 letters matches the start of names', async () => {
    for (const q of ['co', 'Ab', 'z']) {
      const { items } = await walkList(ctx.client, ctx.token, '/api/v1/customers', `q=${q}&limit=200`);
      const expected = all
        .filter((customer) => fold(customer.name).startsWith(fold(q)))
        .map((customer) => customer.id)
        .sort();
      assert.ok(expected.length > 0, `fixture has names starting with ${q}`);
      assert.deepEqual(items.map((customer) => customer.id).sort(), expected, `q=${q}`);
    }
    const { items } = await walkList(ctx.client, ctx.token, '/api/v1/customers', 'q=co&limit=200');
    assert.ok(items.some((customer) => customer.name === 'Comercial Eléctrica S.A.'));
    assert.ok(items.some((customer) => customer.name === 'Co-working Centro'));
  });

  test('q that matches nothing → empty list', async () => {
    const page = await list('q=xqxqxqxq&include_total=true');
    assert.deepEqual(page.items, []);
    assert.equal(page.next_cursor, null);
    assert.equal(page.total, 0);
  });

  test('status, temperature and account_status filters', async () => {
    for (const [param, value] of [
      ['status', 'potential'],
      ['status', 'current'],
      ['temperature', 'hot'],
      ['account_status', 'active'],
    ]) {
      const { items } = await walkList(
        ctx.client,
        ctx.token,
        '/api/v1/customers',
        `${param}=${value}&limit=200`,
      );
      for (const customer of items) assert.equal(customer[param], value, `${param}=${value}`);
      const expected = all
        .filter((customer) => customer[param] === value)
        .map((c) => c.id)
        .sort();
      assert.ok(expected.length > 0, `fixture has ${param}=${value}`);
      assert.deepEqual(items.map((customer) => customer.id).sort(), expected, `${param}=${value}`);
    }
    const combined = (await list('status=potential&temperature=hot&limit=200')).items;
    assert.ok(combined.some((customer) => customer.id === own[1].id));
    for (const customer of combined) {
      assert.equal(customer.status, 'potential');
      assert.equal(customer.temperature, 'hot');
    }
  });

  test('tag filter: case-insensitive, repeated tags must all match', async () => {
    const hasTag = (customer, tag) => customer.tags.some((t) => fold(t) === fold(tag));
    for (const query of [
      ['VIP'],
      ['vip'],
      ['VIP', 'mayorista'],
      ['Mayorista', 'vip'],
      ['LOGÍSTICA'],
    ]) {
      const qs = query.map((tag) => `tag=${encodeURIComponent(tag)}`).join('&');
      const { items } = await walkList(ctx.client, ctx.token, '/api/v1/customers', `${qs}&limit=200`);
      const expected = all
        .filter((customer) => query.every((tag) => hasTag(customer, tag)))
        .map((customer) => customer.id)
        .sort();
      assert.ok(expected.length > 0, `fixture has ${qs}`);
      assert.deepEqual(items.map((customer) => customer.id).sort(), expected, qs);
    }
    const both = (await list('tag=VIP&tag=mayorista&limit=200')).items.map((c) => c.name);
    assert.ok(both.includes('Comercial Eléctrica S.A.'));
    assert.ok(both.includes('Zapatería Quokka'));
    assert.ok(!both.includes('Ábaco Distribuciones'), 'VIP alone is not enough');
    const none = await list('tag=VIP&tag=no-existe');
    assert.deepEqual(none.items, []);
  });

  test('sort=name: alphabetical by accent-folded name', async () => {
    const { items } = await walkList(ctx.client, ctx.token, '/api/v1/customers', 'sort=name&limit=200');
    assert.equal(items.length, all.length);
    const names = items.map((customer) => fold(customer.name));
    for (let i = 1; i < names.length; i += 1) {
      assert.ok(names[i - 1] <= names[i], `"${items[i - 1].name}" before "${items[i].name}"`);
    }
    const position = (name) => items.findIndex((customer) => customer.name === name);
    assert.ok(position('Ábaco Distribuciones') < position('abeja obrera S.L.'));
    assert.ok(position('abeja obrera S.L.') < position('Comercial Eléctrica S.A.'));
    assert.ok(position('Óptica Núñez') < position('Zapatería Quokka'));
    // The default order is by name too.
    const byDefault = (await list('limit=200')).items.map((customer) => customer.id);
    assert.deepEqual(
      byDefault,
      items.map((customer) => customer.id),
    );
  });

  test('sort=-created_at: newest first', async () => {
    const { items } = await walkList(
      ctx.client,
      ctx.token,
      '/api/v1/customers',
      'sort=-created_at&limit=200',
    );
    assert.equal(items.length, all.length);
    for (let i = 1; i < items.length; i += 1) {
      assert.ok(
        Date.parse(items[i - 1].created_at) >= Date.parse(items[i].created_at),
        `${items[i - 1].created_at} before ${items[i].created_at}`,
      );
    }
    // Ours were created last, one after the other: they come first, newest first.
    assert.deepEqual(
      items.slice(0, own.length).map((customer) => customer.id),
      own.map((customer) => customer.id).reverse(),
    );
  });

  test('q without sort: newest first', async () => {
    for (const q of ['comercial', 'example']) {
      const { items } = await walkList(ctx.client, ctx.token, '/api/v1/customers', `q=${q}&limit=200`);
      assert.ok(items.length > 5, `q=${q} finds several`);
      for (let i = 1; i < items.length; i += 1) {
        assert.ok(
          Date.parse(items[i - 1].created_at) >= Date.parse(items[i].created_at),
          `q=${q}: "${items[i - 1].name}" (${items[i - 1].created_at}) before "${items[i].name}" (${items[i].created_at})`,
        );
      }
    }
  });

  for (const query of [
    '',
    'sort=-created_at',
    'sort=-last_order_at',
    'q=example&sort=name',
    'status=current',
    'q=ca',
    'q=comercial',
    'tag=vip&sort=-created_at',
  ]) {
    test(`paging with limit=7 walks the same list as one page (${query || 'default'})`, async () => {
      const prefix = query ? `${query}&` : '';
      const big = await list(`${prefix}limit=200&include_total=true`);
      assert.equal(big.next_cursor, null);
      const { items, pages } = await walkList(
        ctx.client,
        ctx.token,
        '/api/v1/customers',
        `${prefix}limit=7&include_total=true`,
      );
      for (const page of pages.slice(0, -1)) {
        assert.equal(page.items.length, 7, 'every page but the last is full');
      }
      assert.ok(pages.at(-1).items.length <= 7);
      if (big.items.length > 0) assert.ok(pages.at(-1).items.length >= 1, 'no empty last page');
      assert.equal(pages.length, Math.max(1, Math.ceil(big.items.length / 7)));
      const ids = items.map((customer) => customer.id);
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      assert.deepEqual(
        ids,
        big.items.map((customer) => customer.id),
        'same items, same order',
      );
      for (const page of pages) assert.equal(page.total, items.length, 'total on every page');
      assert.equal(big.total, items.length);
    });
  }

  test('include_total=true gives the number of items; without it there is no total', async () => {
    const withTotal = await list('include_total=true&limit=3');
    assert.equal(withTotal.total, all.length);
    assert.equal(withTotal.items.length, 3);
    const potential = await list('include_total=true&status=potential&limit=1');
    assert.equal(potential.total, all.filter((customer) => customer.status === 'potential').length);
    const without = await list('limit=3');
    assert.equal(without.total, undefined);
  });

  test('limit defaults to 50', async () => {
    assert.ok(all.length > 50, 'the fixture has more than 50 customers');
    const page = await list('');
    assert.equal(page.items.length, 50);
    assert.equal(typeof page.next_cursor, 'string');
    const rest = await list(`cursor=${encodeURIComponent(page.next_cursor)}`);
    assert.equal(rest.items.length, all.length - 50);
    assert.equal(rest.next_cursor, null);
  });

  test('list items have the customer shape', () => {
    for (const customer of all) {
      assert.equal(typeof customer.id, 'string');
      assert.equal(typeof customer.name, 'string');
      assert.equal(typeof customer.version, 'number');
      assert.ok(Array.isArray(customer.tags));
      assert.ok(['current', 'potential'].includes(customer.status));
    }
  });
});
