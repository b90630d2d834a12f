// The access matrix, walked over every operation the server documents in its OpenAPI document:
// who may call what is enforced by the server for each one. Staff operations refuse callers
// without credentials and contacts' tokens (401) and viewers' writes (403); portal operations
// refuse callers without credentials and staff tokens (401). A new endpoint is covered by being
// documented (the openapi test checks that every route is).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';

const ABSENT_ID = '999999999';

// Who may call an operation, from its `security` (none: the document's default, staff).
function audience(operation) {
  const security = operation.security;
  if (!security) return 'staff';
  if (security.length === 0 || security.some((s) => Object.keys(s).length === 0)) return 'public';
  if (security.some((s) => 'portalBearer' in s || 'portalCookie' in s)) return 'contact';
  return 'staff';
}

describe('access matrix', () => {
  const ctx = useServer();
  let operations;
  let viewer;
  let contact;

  before(async () => {
    const document = await ctx.api('GET', '/api/v1/openapi.json');
    assert.equal(document.status, 200);
    operations = [];
    for (const [path, item] of Object.entries(document.json.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations.push({ method: method.toUpperCase(), path, url: path.replace(/\{[^}]+\}/g, ABSENT_ID), audience: audience(operation) });
      }
    }
    viewer = await signInAs(ctx, 'viewer');
    const catalog = await makeCatalog(ctx);
    const customer = await makeCustomer(ctx, catalog);
    const email = `matrix.${Math.random().toString(36).slice(2, 8)}@example.com`;
    const created = await ctx.api('POST', `/api/v1/customers/${customer.id}/contacts`, {
      body: { first_name: 'Matriz', email, password: 'clave-de-matriz', role: 'purchasing' },
    });
    assert.equal(created.status, 201, created.text);
    const login = await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: 'clave-de-matriz' } });
    assert.equal(login.status, 200, login.text);
    contact = login.json.token;
  });

  const call = (operation, token) =>
    ctx.client.api(operation.method, operation.url, { token, body: operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {} });

  test('the document names operations of all three audiences', () => {
    const counts = { public: 0, staff: 0, contact: 0 };
    for (const operation of operations) counts[operation.audience] += 1;
    assert.ok(counts.staff > 50 && counts.contact >= 8 && counts.public >= 5, JSON.stringify(counts));
  });

  test('staff operations: 401 without credentials and with a contact token', async () => {
    const refused = [];
    for (const operation of operations.filter((o) => o.audience === 'staff')) {
      for (const [who, token] of [['nobody', undefined], ['contact', contact]]) {
        const answer = await call(operation, token);
        if (answer.status !== 401) refused.push(`${who} ${operation.method} ${operation.path} → ${answer.status}`);
      }
    }
    assert.deepEqual(refused, []);
  });

  test('staff writes: a viewer gets 403 on every one', async () => {
    // Signing out and one's own API tokens are a viewer's to use.
    const own = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/api-tokens']);
    const allowed = [];
    for (const operation of operations.filter((o) => o.audience === 'staff' && o.method !== 'GET')) {
      if (own.has(`${operation.method} ${operation.path}`)) continue;
      const answer = await call(operation, viewer);
      if (answer.status !== 403) allowed.push(`${operation.method} ${operation.path} → ${answer.status}`);
    }
    assert.deepEqual(allowed, []);
  });

  test('portal operations: 401 without credentials and with a staff token', async () => {
    const refused = [];
    for (const operation of operations.filter((o) => o.audience === 'contact')) {
      for (const [who, token] of [['nobody', undefined], ['staff', ctx.token]]) {
        const answer = await call(operation, token);
        if (answer.status !== 401) refused.push(`${who} ${operation.method} ${operation.path} → ${answer.status}`);
      }
    }
    assert.deepEqual(refused, []);
  });
});
