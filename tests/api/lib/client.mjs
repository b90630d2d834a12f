// Small HTTP helpers over global fetch, plus assertions shared by the test files.
import assert from 'node:assert/strict';

import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';

// Calls the API. `body` is sent as JSON; `rawBody` (string or Buffer) is sent as is; `form` (a
// FormData) as multipart/form-data, with the boundary fetch chooses.
// Resolves to { status, headers, json, text, setCookies }.
export async function request(baseUrl, method, path, { token, body, headers = {}, rawBody, form } = {}) {
  const init = { method, headers: { ...headers }, redirect: 'manual' };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (form !== undefined) {
    init.body = form;
  } else if (rawBody !== undefined) {
    init.body = rawBody;
    if (!hasHeader(init.headers, 'content-type')) init.headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    if (!hasHeader(init.headers, 'content-type')) init.headers['content-type'] = 'application/json';
  }
  const response = await fetch(baseUrl + path, init);
  const text = await response.text();
  let json;
  const type = response.headers.get('content-type') || '';
  if (text && type.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return {
    status: response.status,
    headers: response.headers,
    json,
    text,
    setCookies: response.headers.getSetCookie(),
  };
}

function hasHeader(headers, name) {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

// A client bound to one server: client.api(method, path, opts) and client.login(...).
export function createClient(baseUrl) {
  return {
    baseUrl,
    api: (method, path, options) => request(baseUrl, method, path, options),
    async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
      const response = await request(baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email, password },
      });
      assert.equal(response.status, 200, `login ${email}: ${response.text}`);
      assert.equal(typeof response.json.token, 'string');
      return response.json.token;
    },
  };
}

// Parses Set-Cookie lines into { name: { value, attributes: { lowercased: value|true } } }.
export function parseSetCookies(lines) {
  const cookies = {};
  for (const line of lines) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const attrs = {};
    for (const attribute of attributes) {
      const at = attribute.indexOf('=');
      if (at < 0) attrs[attribute.toLowerCase()] = true;
      else attrs[attribute.slice(0, at).toLowerCase()] = attribute.slice(at + 1);
    }
    cookies[name] = { value: pair.slice(eq + 1), attributes: attrs };
  }
  return cookies;
}

// Asserts an application/problem+json answer with this status and top-level code.
export function assertProblem(response, status, code) {
  const context = `${status} ${code} expected, got ${response.status}: ${response.text}`;
  assert.equal(response.status, status, context);
  assert.match(response.headers.get('content-type') || '', /^application\/problem\+json/, context);
  assert.ok(response.json && typeof response.json === 'object', context);
  assert.equal(response.json.code, code, context);
  assert.equal(response.json.status, status, context);
  assert.equal(typeof response.json.title, 'string', context);
  assert.equal(typeof response.json.type, 'string', context);
}

// Asserts a 422 validation_failed whose errors[] has exactly one entry for each named field, with
// the given code (`null`: any code), and no entry for other fields.
export function assertFieldErrors(response, expected) {
  assertProblem(response, 422, 'validation_failed');
  const errors = response.json.errors;
  assert.ok(Array.isArray(errors), `errors[] missing: ${response.text}`);
  for (const error of errors) {
    assert.equal(typeof error.field, 'string', response.text);
    assert.equal(typeof error.code, 'string', response.text);
    assert.equal(typeof error.message, 'string', response.text);
  }
  const fields = errors.map((error) => error.field).sort();
  assert.deepEqual(fields, Object.keys(expected).sort(), `errors[] fields: ${response.text}`);
  for (const [field, code] of Object.entries(expected)) {
    const entry = errors.find((error) => error.field === field);
    if (code !== null)
      assert.equal(entry.code, code, `errors[] code of ${field}: ${response.text}`);
  }
}

// Lower-case, accents removed: what "case- and accent-insensitive" compares.
export function fold(text) {
  return (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function digits(text) {
  return (text ?? '').replace(/\D/g, '');
}

// Every item of a list, following next_cursor. `query` is a query string without the leading `?`.
export async function walkList(client, token, path, query = '', { maxPages = 100 } = {}) {
  const items = [];
  const pages = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page += 1) {
    const parts = [query, cursor ? `cursor=${encodeURIComponent(cursor)}` : '']
      .filter(Boolean)
      .join('&');
    const response = await client.api('GET', `${path}${parts ? `?${parts}` : ''}`, { token });
    assert.equal(response.status, 200, response.text);
    assert.ok(Array.isArray(response.json.items), response.text);
    pages.push(response.json);
    items.push(...response.json.items);
    cursor = response.json.next_cursor;
    if (cursor === null) return { items, pages };
    assert.equal(typeof cursor, 'string', response.text);
  }
  throw new Error(`more than ${maxPages} pages at ${path}?${query}`);
}
