// Helpers for load, crash and delivery tests: one HTTP POST that reports a failed connection as
// an outcome instead of throwing, a bounded-concurrency map, and waiting for a condition.
import http from 'node:http';

// POSTs `body` as JSON and resolves, never rejects, to
//   { outcome: 'response', status, headers, json, text }  a complete answer arrived, or
//   { outcome: 'failed', error }                          no complete answer (refused, reset,
//                                                         cut off, timed out).
// `agent` is a node:http Agent (keep-alive connections are reused between calls).
// `abandonAfterMs`: give up that long after the request is sent, as a client whose own timeout
// fires would, and resolve to { outcome: 'failed', error: 'abandoned' }.
export function postJson(url, body, { headers = {}, agent, timeoutMs = 30_000, abandonAfterMs } = {}) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          if (!response.complete) {
            finish({ outcome: 'failed', error: 'incomplete response' });
            return;
          }
          const text = Buffer.concat(chunks).toString();
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          finish({ outcome: 'response', status: response.statusCode, headers: response.headers, json, text });
        });
        response.on('aborted', () => finish({ outcome: 'failed', error: 'response aborted' }));
        response.on('error', (error) => finish({ outcome: 'failed', error: error.code ?? error.message }));
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
    if (abandonAfterMs !== undefined) {
      request.on('finish', () => {
        setTimeout(() => {
          if (settled) return;
          finish({ outcome: 'failed', error: 'abandoned' });
          request.destroy();
        }, abandonAfterMs);
      });
    }
    request.on('error', (error) => finish({ outcome: 'failed', error: error.code ?? error.message }));
    request.end(payload);
  });
}

// Runs fn(item, index) over items with at most `concurrency` calls at once; resolves to the
// results in order.
export async function mapLimit(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

// Resolves once predicate() is true (checked every `intervalMs`), or to false after timeoutMs.
export async function waitUntil(predicate, { timeoutMs, intervalMs = 5 }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return predicate();
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `check` (async, returns a value or undefined/false) every `intervalMs` until it returns
// something, and resolves to that; rejects after `timeoutMs`, naming `what` it waited for.
export async function eventually(check, { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await check();
    if (last !== undefined && last !== false) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}
