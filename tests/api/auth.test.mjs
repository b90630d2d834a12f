// Sign-in, sessions, cookies and CSRF, API tokens, failed-login limits, the first owner.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, parseSetCookies, request } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './lib/server.mjs';

async function customerTotal(client, token) {
  const response = await client.api('GET', '/api/v1/customers?include_total=true&limit=1', {
    token,
  });
  assert.equal(response.status, 200, response.text);
  return response.json.total;
}

describe('auth', () => {
  const ctx = useServer({ signIn: false });
  let client;
  let login; // the owner's first login response
  let token;

  before(async () => {
    client = ctx.client;
    login = await client.api('POST', '/api/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    token = login.json?.token;
  });

  test('login answers a token, the user and two cookies', () => {
    assert.equal(login.status, 200, login.text);
    assert.match(login.headers.get('content-type'), /^application\/json/);
    assert.equal(typeof login.json.token, 'string');
    assert.ok(login.json.token.length >= 20, 'token looks random');
    const { user } = login.json;
    assert.equal(typeof user.id, 'string');
    assert.equal(user.email, ADMIN_EMAIL);
    assert.equal(typeof user.name, 'string');
    assert.equal(user.role, 'owner');
    assert.equal(user.password, undefined);
    assert.equal(user.password_hash, undefined);

    const cookies = parseSetCookies(login.setCookies);
    const session = cookies.cartera_session;
    assert.ok(session, `cartera_session cookie: ${login.setCookies}`);
    assert.equal(session.value, login.json.token);
    assert.equal(session.attributes.httponly, true, 'session cookie is HttpOnly');
    assert.equal(String(session.attributes.samesite).toLowerCase(), 'lax');
    assert.equal(session.attributes.path, '/');
    const csrf = cookies.cartera_csrf;
    assert.ok(csrf, `cartera_csrf cookie: ${login.setCookies}`);
    assert.ok(csrf.value.length >= 16, 'csrf token looks random');
    assert.notEqual(csrf.value, session.value);
    assert.equal(csrf.attributes.httponly, undefined, 'csrf cookie is readable by scripts');
    assert.equal(String(csrf.attributes.samesite).toLowerCase(), 'lax');
    assert.equal(csrf.attributes.path, '/');
  });

  test('wrong password or unknown email → 401 invalid_credentials', async () => {
    const wrong = await client.api('POST', '/api/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: 'not-the-password' },
    });
    assertProblem(wrong, 401, 'invalid_credentials');
    assert.equal(wrong.json.token, undefined);
    assert.deepEqual(wrong.setCookies, []);
    const unknown = await client.api('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: ADMIN_PASSWORD },
    });
    assertProblem(unknown, 401, 'invalid_credentials');
  });

  test('login without email or password → 422 naming the fields', async () => {
    const response = await client.api('POST', '/api/v1/auth/login', { body: {} });
    assertFieldErrors(response, { email: 'required', password: 'required' });
  });

  test('no token → 401 unauthenticated', async () => {
    assertProblem(await client.api('GET', '/api/v1/customers'), 401, 'unauthenticated');
    assertProblem(await client.api('GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    assertProblem(
      await client.api('POST', '/api/v1/customers', { body: { name: 'Sin sesión' } }),
      401,
      'unauthenticated',
    );
    assertProblem(
      await client.api('GET', '/api/v1/customers', { token: 'not-a-real-token' }),
      401,
      'unauthenticated',
    );
    assertProblem(
      await client.api('GET', '/api/v1/customers', {
        headers: { authorization: 'Basic Zm9vOmJhcg==' },
      }),
      401,
      'unauthenticated',
    );
    assert.equal(await customerTotal(client, token), 0, 'nothing was created');
  });

  test('bearer token works; /auth/me describes the user', async () => {
    const list = await client.api('GET', '/api/v1/customers', { token });
    assert.equal(list.status, 200, list.text);
    assert.ok(Array.isArray(list.json.items));
    const me = await client.api('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.json, login.json.user);
  });

  test('cookie session: GET works, state changes need X-CSRF-Token', async () => {
    const cookies = parseSetCookies(login.setCookies);
    const cookie = `cartera_session=${cookies.cartera_session.value}; cartera_csrf=${cookies.cartera_csrf.value}`;
    const before = await customerTotal(client, token);

    const list = await client.api('GET', '/api/v1/customers', { headers: { cookie } });
    assert.equal(list.status, 200, list.text);
    const me = await client.api('GET', '/api/v1/auth/me', { headers: { cookie } });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.email, ADMIN_EMAIL);

    const missing = await client.api('POST', '/api/v1/customers', {
      headers: { cookie },
      body: { name: 'CSRF sin cabecera' },
    });
    assertProblem(missing, 403, 'csrf_failed');
    const wrong = await client.api('POST', '/api/v1/customers', {
      headers: { cookie, 'x-csrf-token': 'wrong-value' },
      body: { name: 'CSRF equivocado' },
    });
    assertProblem(wrong, 403, 'csrf_failed');
    const sessionAsCsrf = await client.api('POST', '/api/v1/customers', {
      headers: { cookie, 'x-csrf-token': cookies.cartera_session.value },
      body: { name: 'CSRF con la sesión' },
    });
    assertProblem(sessionAsCsrf, 403, 'csrf_failed');
    assert.equal(await customerTotal(client, token), before, 'rejected requests wrote nothing');

    const ok = await client.api('POST', '/api/v1/customers', {
      headers: { cookie, 'x-csrf-token': cookies.cartera_csrf.value },
      body: { name: 'CSRF correcto' },
    });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.name, 'CSRF correcto');
    assert.equal(await customerTotal(client, token), before + 1);
  });

  test('logout ends the session and clears the cookies', async () => {
    const second = await client.login();
    assert.notEqual(second, token, 'each login makes a new token');
    const me = await client.api('GET', '/api/v1/auth/me', { token: second });
    assert.equal(me.status, 200, me.text);
    const logout = await client.api('POST', '/api/v1/auth/logout', { token: second });
    assert.equal(logout.status, 204, logout.text);
    assert.equal(logout.text, '');
    const cleared = parseSetCookies(logout.setCookies);
    for (const name of ['cartera_session', 'cartera_csrf']) {
      assert.ok(cleared[name], `logout clears ${name}: ${logout.setCookies}`);
      const { value, attributes } = cleared[name];
      const expired =
        attributes['max-age'] === '0' ||
        (attributes.expires && Date.parse(attributes.expires) < Date.now());
      assert.ok(value === '' || expired, `${name} cleared: ${logout.setCookies}`);
      assert.ok(expired, `${name} expires: ${logout.setCookies}`);
    }
    assertProblem(
      await client.api('GET', '/api/v1/auth/me', { token: second }),
      401,
      'unauthenticated',
    );
    assertProblem(
      await client.api('GET', '/api/v1/customers', { token: second }),
      401,
      'unauthenticated',
    );
    // Other sessions of the same user live on.
    const still = await client.api('GET', '/api/v1/auth/me', { token });
    assert.equal(still.status, 200, still.text);
  });

  test('an API token from /api-tokens works as a bearer token', async () => {
    const created = await client.api('POST', '/api/v1/api-tokens', {
      token,
      body: { name: 'integración ERP' },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(typeof created.json.id, 'string');
    assert.equal(created.json.name, 'integración ERP');
    assert.equal(typeof created.json.token, 'string');
    assert.ok(created.json.token.length >= 20);
    assert.notEqual(created.json.token, token);

    const apiToken = created.json.token;
    const me = await client.api('GET', '/api/v1/auth/me', { token: apiToken });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.email, ADMIN_EMAIL);
    assert.equal(me.json.role, 'owner');
    const customer = await client.api('POST', '/api/v1/customers', {
      token: apiToken,
      body: { name: 'Creado con token de API' },
    });
    assert.equal(customer.status, 201, customer.text);

    const nameless = await client.api('POST', '/api/v1/api-tokens', { token, body: {} });
    assertFieldErrors(nameless, { name: 'required' });
  });
});

describe('failed sign-in limit', () => {
  const ctx = useServer();

  test('the 11th attempt for one email → 429 with Retry-After; other emails still sign in', async () => {
    const { client, token } = ctx;
    const other = await client.api('POST', '/api/v1/staff', {
      token,
      body: { email: 'otra@example.com', name: 'Otra', role: 'admin', password: 'Otra-clave-1' },
    });
    assert.equal(other.status, 201, other.text);

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await client.api('POST', '/api/v1/auth/login', {
        body: { email: ADMIN_EMAIL, password: `wrong-${attempt}` },
      });
      assertProblem(response, 401, 'invalid_credentials');
    }
    const eleventh = await client.api('POST', '/api/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    assertProblem(eleventh, 429, 'too_many_requests');
    assert.equal(eleventh.json.token, undefined);
    const retryAfter = eleventh.headers.get('retry-after');
    assert.match(retryAfter ?? '', /^\d+$/, `Retry-After: ${retryAfter}`);
    assert.ok(
      Number(retryAfter) >= 1 && Number(retryAfter) <= 15 * 60,
      `Retry-After ${retryAfter}`,
    );

    const twelfth = await client.api('POST', '/api/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: 'wrong-again' },
    });
    assertProblem(twelfth, 429, 'too_many_requests');

    // The same account spelled in capitals is the same email.
    const capitals = await client.api('POST', '/api/v1/auth/login', {
      body: { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD },
    });
    assertProblem(capitals, 429, 'too_many_requests');

    const otherLogin = await client.api('POST', '/api/v1/auth/login', {
      body: { email: 'otra@example.com', password: 'Otra-clave-1' },
    });
    assert.equal(otherLogin.status, 200, otherLogin.text);
    // Sessions made before the lock keep working.
    const me = await client.api('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200, me.text);
  });
});

describe('first owner', () => {
  // The first server signs the owner in from CARTERA_ADMIN_*.
  const ctx = useServer();

  test('is created only while the database has no staff user', async () => {
    assert.equal(typeof ctx.token, 'string');
    const first = ctx.server;
    assert.equal(await first.stop(), 0, first.logs());

    const second = await ctx.restart({
      env: { CARTERA_ADMIN_EMAIL: 'intruso@example.com', CARTERA_ADMIN_PASSWORD: 'Intruso-123' },
      signIn: false,
    });
    const intruder = await request(second.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'intruso@example.com', password: 'Intruso-123' },
    });
    assertProblem(intruder, 401, 'invalid_credentials');
    const client = ctx.client;
    const token = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const staff = await client.api('GET', '/api/v1/staff', { token });
    assert.equal(staff.status, 200, staff.text);
    assert.deepEqual(
      staff.json.items.map((user) => user.email),
      [ADMIN_EMAIL],
      'only the first owner exists',
    );
    assert.equal(await second.stop(), 0, second.logs());
  });
});
