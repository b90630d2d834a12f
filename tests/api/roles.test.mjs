// Staff users and what each role may do.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';
import { ADMIN_EMAIL } from './lib/server.mjs';

const PASSWORD = 'Clave-segura-1';
const ROLES = ['admin', 'sales', 'viewer'];

describe('roles', () => {
  const ctx = useServer();
  const users = {}; // role → created staff user
  const tokens = {}; // role → session token
  let customerId;

  async function customerTotal() {
    const response = await ctx.api('GET', '/api/v1/customers?include_total=true&limit=1');
    assert.equal(response.status, 200, response.text);
    return response.json.total;
  }

  async function staffEmails() {
    const response = await ctx.api('GET', '/api/v1/staff');
    assert.equal(response.status, 200, response.text);
    return response.json.items.map((user) => user.email).sort();
  }

  before(async () => {
    const customer = await ctx.api('POST', '/api/v1/customers', {
      body: { name: 'Cliente de prueba de roles' },
    });
    assert.equal(customer.status, 201, customer.text);
    customerId = customer.json.id;
  });

  test('the owner creates staff users of each role', async () => {
    for (const role of [...ROLES, 'owner']) {
      const email = `${role}-user@example.com`;
      const response = await ctx.api('POST', '/api/v1/staff', {
        body: { email, name: `Usuario ${role}`, role, password: PASSWORD },
      });
      assert.equal(response.status, 201, response.text);
      const user = response.json;
      assert.equal(typeof user.id, 'string');
      assert.equal(user.email, email);
      assert.equal(user.name, `Usuario ${role}`);
      assert.equal(user.role, role);
      assert.equal(user.active, true);
      assert.equal(user.password, undefined, 'password is write-only');
      assert.equal(user.password_hash, undefined);
      users[role] = user;
    }
    const list = await ctx.api('GET', '/api/v1/staff');
    assert.equal(list.status, 200, list.text);
    assert.ok(Array.isArray(list.json.items));
    for (const item of list.json.items) {
      assert.equal(item.password, undefined);
      assert.equal(item.password_hash, undefined);
    }
    assert.deepEqual(
      list.json.items.map((user) => `${user.email}:${user.role}`).sort(),
      [
        `${ADMIN_EMAIL}:owner`,
        'admin-user@example.com:admin',
        'owner-user@example.com:owner',
        'sales-user@example.com:sales',
        'viewer-user@example.com:viewer',
      ].sort(),
    );
    for (const role of ROLES) {
      const token = await ctx.client.login(`${role}-user@example.com`, PASSWORD);
      const me = await ctx.client.api('GET', '/api/v1/auth/me', { token });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.json.role, role);
      tokens[role] = token;
    }
  });

  test('an email already taken → 409', async () => {
    const response = await ctx.api('POST', '/api/v1/staff', {
      body: {
        email: 'SALES-user@example.com',
        name: 'Otra vez',
        role: 'sales',
        password: PASSWORD,
      },
    });
    assert.equal(response.status, 409, response.text);
    assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  });

  test('a viewer reads but cannot write', async () => {
    const token = tokens.viewer;
    assert.ok(token, 'needs the users of the first test');
    const before = await customerTotal();

    const list = await ctx.client.api('GET', '/api/v1/customers', { token });
    assert.equal(list.status, 200, list.text);
    const one = await ctx.client.api('GET', `/api/v1/customers/${customerId}`, { token });
    assert.equal(one.status, 200, one.text);

    assertProblem(
      await ctx.client.api('POST', '/api/v1/customers', { token, body: { name: 'Del visor' } }),
      403,
      'forbidden',
    );
    assertProblem(
      await ctx.client.api('PATCH', `/api/v1/customers/${customerId}`, {
        token,
        body: { name: 'Cambiado por el visor' },
      }),
      403,
      'forbidden',
    );
    assertProblem(
      await ctx.client.api('POST', '/api/v1/api-tokens', { token, body: { name: 'del visor' } }),
      403,
      'forbidden',
    );
    assertProblem(await ctx.client.api('GET', '/api/v1/staff', { token }), 403, 'forbidden');
    assertProblem(
      await ctx.client.api('POST', '/api/v1/staff', {
        token,
        body: { email: 'v2@example.com', name: 'V2', role: 'viewer', password: PASSWORD },
      }),
      403,
      'forbidden',
    );

    assert.equal(await customerTotal(), before, 'the viewer wrote nothing');
    const after = await ctx.api('GET', `/api/v1/customers/${customerId}`);
    assert.equal(after.json.name, 'Cliente de prueba de roles');
    assert.equal(after.json.version, 1);
    assert.ok(!(await staffEmails()).includes('v2@example.com'));
  });

  test('sales creates and edits customers but cannot manage staff', async () => {
    const token = tokens.sales;
    assert.ok(token, 'needs the users of the first test');
    const created = await ctx.client.api('POST', '/api/v1/customers', {
      token,
      body: { name: 'Cliente de ventas' },
    });
    assert.equal(created.status, 201, created.text);
    const patched = await ctx.client.api('PATCH', `/api/v1/customers/${created.json.id}`, {
      token,
      body: { temperature: 'hot' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.temperature, 'hot');

    assertProblem(await ctx.client.api('GET', '/api/v1/staff', { token }), 403, 'forbidden');
    assertProblem(
      await ctx.client.api('POST', '/api/v1/staff', {
        token,
        body: { email: 's2@example.com', name: 'S2', role: 'sales', password: PASSWORD },
      }),
      403,
      'forbidden',
    );
    assertProblem(
      await ctx.client.api('PATCH', `/api/v1/staff/${users.viewer.id}`, {
        token,
        body: { role: 'admin' },
      }),
      403,
      'forbidden',
    );
    assert.ok(!(await staffEmails()).includes('s2@example.com'));
  });

  test('an admin manages staff but cannot create an owner', async () => {
    const token = tokens.admin;
    assert.ok(token, 'needs the users of the first test');
    const list = await ctx.client.api('GET', '/api/v1/staff', { token });
    assert.equal(list.status, 200, list.text);

    const owner = await ctx.client.api('POST', '/api/v1/staff', {
      token,
      body: { email: 'owner2@example.com', name: 'Otro dueño', role: 'owner', password: PASSWORD },
    });
    assertProblem(owner, 403, 'forbidden');
    assert.ok(!(await staffEmails()).includes('owner2@example.com'), 'no owner was created');

    const sales = await ctx.client.api('POST', '/api/v1/staff', {
      token,
      body: { email: 'sales2@example.com', name: 'Ventas 2', role: 'sales', password: PASSWORD },
    });
    assert.equal(sales.status, 201, sales.text);
    assert.equal(sales.json.role, 'sales');

    const promote = await ctx.client.api('PATCH', `/api/v1/staff/${sales.json.id}`, {
      token,
      body: { role: 'owner' },
    });
    assertProblem(promote, 403, 'forbidden');
  });

  test('bad staff input → 422 naming each field', async () => {
    const before = await staffEmails();
    const bad = await ctx.api('POST', '/api/v1/staff', {
      body: { email: 'not-an-email', name: 'Mal', role: 'boss', password: 'short' },
    });
    assertFieldErrors(bad, { email: 'invalid', role: 'invalid_enum', password: null });

    const missing = await ctx.api('POST', '/api/v1/staff', { body: {} });
    assertFieldErrors(missing, {
      email: 'required',
      name: 'required',
      role: 'required',
      password: 'required',
    });

    const types = await ctx.api('POST', '/api/v1/staff', {
      body: { email: 5, name: ['x'], role: 'viewer', password: PASSWORD },
    });
    assertFieldErrors(types, { email: 'invalid_type', name: 'invalid_type' });

    assert.deepEqual(await staffEmails(), before, 'nothing was created');
  });
  test('deactivating a user or demoting it takes effect on its very next request', async () => {
    const email = 'short-lived@example.com';
    const created = await ctx.api('POST', '/api/v1/staff', {
      body: { email, name: 'Temporal', role: 'sales', password: PASSWORD },
    });
    assert.equal(created.status, 201, created.text);
    const token = await ctx.client.login(email, PASSWORD);
    const body = { name: 'Creado por ventas' };
    const allowed = await ctx.client.api('POST', '/api/v1/customers', { token, body });
    assert.equal(allowed.status, 201, allowed.text);

    const demote = await ctx.api('PATCH', `/api/v1/staff/${created.json.id}`, {
      body: { role: 'viewer' },
    });
    assert.equal(demote.status, 200, demote.text);
    assertProblem(await ctx.client.api('POST', '/api/v1/customers', { token, body }), 403, 'forbidden');

    const deactivate = await ctx.api('PATCH', `/api/v1/staff/${created.json.id}`, {
      body: { active: false },
    });
    assert.equal(deactivate.status, 200, deactivate.text);
    assertProblem(await ctx.client.api('GET', '/api/v1/auth/me', { token }), 401, 'unauthenticated');
    const again = await ctx.client.api('POST', '/api/v1/auth/login', {
      body: { email, password: PASSWORD },
    });
    assertProblem(again, 401, 'invalid_credentials');
  });
});
