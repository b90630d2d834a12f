// Health, readiness, metrics, unknown paths, the web app fallback and graceful shutdown.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, test } from 'node:test';

import { assertProblem } from './lib/client.mjs';
import { useServer } from './lib/fixtures.mjs';
import { REPO_ROOT } from './lib/server.mjs';

const SPA_INDEX = path.join(REPO_ROOT, 'web/dist/index.html');

// The value of one sample line of Prometheus text, or undefined.
function metric(text, name, labels = {}) {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      found[pair[1]] = pair[2];
    }
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[4]);
    }
  }
  return undefined;
}

describe('operations', () => {
  const ctx = useServer();

  test('/healthz and /readyz answer 200 without a session', async () => {
    const health = await ctx.client.api('GET', '/healthz');
    assert.equal(health.status, 200, health.text);
    const ready = await ctx.client.api('GET', '/readyz');
    assert.equal(ready.status, 200, ready.text);
  });

  test('/metrics counts requests by route and status and shows the pool', async () => {
    const before = await ctx.client.api('GET', '/metrics');
    assert.equal(before.status, 200);
    assert.match(before.headers.get('content-type'), /^text\/plain/);
    const labels = { route: 'GET /api/v1/customers', status: '200' };
    const start = metric(before.text, 'cartera_http_requests_total', labels) ?? 0;

    for (let i = 0; i < 3; i += 1) {
      const list = await ctx.api('GET', '/api/v1/customers');
      assert.equal(list.status, 200);
    }
    const denied = await ctx.client.api('GET', '/api/v1/customers');
    assert.equal(denied.status, 401);

    const { text } = await ctx.client.api('GET', '/metrics');
    assert.match(text, /# TYPE cartera_http_requests_total counter/);
    assert.equal(metric(text, 'cartera_http_requests_total', labels), start + 3, text);
    assert.ok(
      metric(text, 'cartera_http_requests_total', {
        route: 'GET /api/v1/customers',
        status: '401',
      }) >= 1,
      'the 401 is counted under its own status',
    );
    assert.match(text, /# TYPE cartera_http_request_duration_seconds histogram/);
    const inf = metric(text, 'cartera_http_request_duration_seconds_bucket', {
      route: 'GET /api/v1/customers',
      le: '+Inf',
    });
    assert.ok(inf >= start + 3, `duration histogram +Inf bucket: ${inf}`);
    assert.ok(
      metric(text, 'cartera_http_request_duration_seconds_count', {
        route: 'GET /api/v1/customers',
      }) >= 3,
    );
    const pool = text.split('\n').filter((line) => /^cartera_db_pool_\w+(\{.*\})?\s+\d/.test(line));
    assert.ok(pool.length >= 2, `pool gauges: ${pool.join(', ')}`);
    assert.match(text, /# TYPE cartera_db_pool_\w+ gauge/);
    for (const line of pool) assert.ok(Number(line.split(/\s+/).at(-1)) >= 0, line);
  });

  test('an unknown /api/ path → 404 problem+json', async () => {
    for (const apiPath of [
      '/api/v1/nope',
      '/api/v1/customers/1/nope',
      '/api/v2/customers',
      '/api/',
    ]) {
      assertProblem(await ctx.api('GET', apiPath), 404, 'not_found');
    }
    assertProblem(await ctx.api('POST', '/api/v1/nope', { body: {} }), 404, 'not_found');
  });

  test(
    'the web app is served for /admin/… paths',
    { skip: !existsSync(SPA_INDEX) && 'web/dist/index.html is not built' },
    async () => {
      const response = await ctx.client.api('GET', '/admin/customers');
      assert.equal(response.status, 200, response.text);
      assert.match(response.headers.get('content-type'), /^text\/html/);
      assert.equal(response.text, readFileSync(SPA_INDEX, 'utf8'));
      const deep = await ctx.client.api('GET', '/admin/customers/42/edit');
      assert.equal(deep.status, 200);
      assert.equal(deep.text, response.text);
    },
  );
});

// One GET over a fresh connection; resolves to { outcome, status, body, error, at }:
//   'response'    the whole response arrived (`at`: when its headers arrived)
//   'no-response' the request failed before any response byte (refused / closed unanswered)
//   'broken'      the response started but did not complete
// `onResponse` is called when the response headers arrive.
function getOnce(url, token, onResponse = () => {}) {
  return new Promise((resolve) => {
    const req = http.get(
      url,
      { agent: false, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const at = Date.now();
        onResponse();
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          if (!res.complete) {
            resolve({ outcome: 'broken', status: res.statusCode, error: 'incomplete body', at });
            return;
          }
          const body = Buffer.concat(chunks).toString();
          resolve({ outcome: 'response', status: res.statusCode, body, at });
        });
        res.on('aborted', () =>
          resolve({ outcome: 'broken', status: res.statusCode, error: 'aborted', at }),
        );
        res.on('error', (error) =>
          resolve({ outcome: 'broken', status: res.statusCode, error: error.code, at }),
        );
      },
    );
    req.on('error', (error) =>
      resolve({ outcome: 'no-response', error: error.code ?? error.message }),
    );
  });
}

describe('graceful shutdown', () => {
  const ctx = useServer({ demo: true });

  test('SIGTERM lets requests in flight finish and exits 0 within 10 s', async (t) => {
    const { server, token } = ctx;
    try {
      const url = `${server.url}/api/v1/customers?limit=200`;
      const warm = await getOnce(url, token);
      assert.equal(warm.status, 200, warm.body);

      // 20 concurrent requests; SIGTERM as soon as the first answer shows the server is busy
      // with them, so the others are in flight when the signal arrives.
      let firstAnswer;
      const answering = new Promise((resolve) => {
        firstAnswer = resolve;
      });
      const requests = Array.from({ length: 20 }, () => getOnce(url, token, firstAnswer));
      await Promise.race([answering, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      const signalledAt = Date.now();
      const exit = server.stop('SIGTERM');
      const results = await Promise.all(requests);
      const code = await Promise.race([
        exit,
        new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
      ]);
      const elapsed = Date.now() - signalledAt;

      const summary = results
        .map((r) => `${r.outcome}:${r.status ?? r.error}${r.at >= signalledAt ? '(after)' : ''}`)
        .join(' ');
      const answered = results.filter((r) => r.outcome === 'response');
      const afterSignal = answered.filter((r) => r.at >= signalledAt);
      t.diagnostic(
        `${answered.length}/20 answered, ${afterSignal.length} after SIGTERM; ` +
          `exit ${code} after ${elapsed} ms: ${summary}`,
      );
      for (const result of answered) {
        assert.equal(result.status, 200, summary);
        const body = JSON.parse(result.body);
        assert.ok(Array.isArray(body.items) && body.items.length > 50, 'complete body');
      }
      assert.deepEqual(
        results.filter((r) => r.outcome === 'broken'),
        [],
        `no response was cut off: ${summary}`,
      );
      assert.ok(afterSignal.length >= 1, `requests in flight at SIGTERM were answered: ${summary}`);
      assert.equal(code, 0, `exit code within 10 s (${elapsed} ms): ${server.logs().slice(-2000)}`);
      assert.ok(elapsed < 10_000);
    } finally {
      await server.stop('SIGKILL');
    }
  });
});
