// The published OpenAPI document validates and matches what the server answers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { Validator } from '@seriousme/openapi-schema-validator';

import { useServer } from './lib/fixtures.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Endpoints the server implements today; the document must describe each.
const IMPLEMENTED = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'GET /api/v1/staff',
  'POST /api/v1/staff',
  'PATCH /api/v1/staff/{}',
  'DELETE /api/v1/staff/{}',
  'POST /api/v1/api-tokens',
  'GET /api/v1/customers',
  'POST /api/v1/customers',
  'GET /api/v1/customers/{}',
  'PATCH /api/v1/customers/{}',
];

// Server URLs in the document may carry a base path ("/api/v1"); operations are under it.
function basePath(doc) {
  const url = doc.servers?.[0]?.url;
  if (!url) return '';
  try {
    return new URL(url, 'http://x').pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

function operations(doc) {
  const base = basePath(doc);
  const found = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item?.[method]) found.push({ method: method.toUpperCase(), path: base + path });
    }
  }
  return found;
}

describe('openapi', () => {
  const ctx = useServer();
  let response;
  let doc;

  before(async () => {
    response = await ctx.client.api('GET', '/api/v1/openapi.json');
    doc = response.json;
  });

  test('GET /api/v1/openapi.json answers an OpenAPI 3.1 document without a session', () => {
    assert.equal(response.status, 200, response.text);
    assert.match(
      response.headers.get('content-type'),
      /^application\/(json|vnd\.oai\.openapi\+json)/,
    );
    assert.ok(doc && typeof doc === 'object', 'JSON body');
    assert.match(String(doc.openapi), /^3\.1\.\d+$/);
  });

  test('the document validates', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.equal(
      result.valid,
      true,
      `OpenAPI validation errors: ${JSON.stringify(result.errors, null, 2)?.slice(0, 4000)}`,
    );
    assert.equal(validator.version, '3.1');
  });

  test('the document describes every endpoint the server implements', () => {
    const documented = new Set(
      operations(doc).map(({ method, path }) => `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`),
    );
    const missing = IMPLEMENTED.filter((operation) => !documented.has(operation));
    assert.deepEqual(missing, [], `not in openapi.json: ${missing.join(', ')}`);
  });

  test('every documented operation without path parameters exists on the server', async () => {
    const fixed = operations(doc).filter(({ path }) => !path.includes('{'));
    // Logging out ends the session the other calls use, so it goes last.
    const isLogout = ({ method, path }) => method === 'POST' && path === '/api/v1/auth/logout';
    fixed.sort((a, b) => Number(isLogout(a)) - Number(isLogout(b)));
    const wrong = [];
    for (const { method, path } of fixed) {
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      const answer = await ctx.api(method, path, { body });
      if (answer.status === 404 || answer.status === 405) {
        wrong.push(`${method} ${path} → ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(wrong, [], `documented but not served:\n${wrong.join('\n')}`);
  });
});
