// A stand-in for the WhatsApp Business Cloud API for the messaging tests:
// scripts/whatsapp-standin.py (Python stdlib only) on 127.0.0.1. It answers
// POST /{version}/{phone_number_id}/messages like the Cloud API (Bearer token checked), records
// every request, can answer 400 / 500 / late for chosen numbers, and signs webhooks to the
// server like Meta does (X-Hub-Signature-256).
//
//   const wa = await startWhatsApp({ token: 'tok' });
//   … settings whatsapp_api_base_url = wa.baseUrl …
//   await wa.control('400', '34612345678');          // that number's sends fail with a 400
//   const [sent] = await wa.waitForRequests(1, { to: '34612345678' });
//   await wa.webhook(`${server.url}/api/v1/webhooks/whatsapp`, secret, [{ id, status: 'read' }]);
//   await wa.close();
//
//   WHATSAPP_STANDIN_PYTHON  the Python to run it with (default python3)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './server.mjs';

const PYTHON = process.env.WHATSAPP_STANDIN_PYTHON || 'python3';
const SCRIPT = path.join(REPO_ROOT, 'scripts/whatsapp-standin.py');
const START_TIMEOUT_MS = 10_000;

// Starts the stand-in, requiring `token` as the bearer token and answering under `version`.
// Resolves to { port, url, baseUrl, dir, requests(), waitForRequests(), control(), reset(),
// webhook(), stop(), close() }.
export async function startWhatsApp({ token = 'standin-token', version = 'v21.0' } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cartera-whatsapp-'));
  const child = spawn(PYTHON, [SCRIPT, '--port', '0', '--out', dir, '--token', token], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A failed test never leaves the stand-in behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`WhatsApp stand-in did not start within ${START_TIMEOUT_MS} ms: ${output}`)),
      START_TIMEOUT_MS,
    );
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /^(\d+)\n/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`WhatsApp stand-in exited (${code}): ${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;

  async function call(method, pathname, body) {
    const response = await fetch(url + pathname, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`stand-in ${method} ${pathname}: ${response.status} ${text}`);
    return JSON.parse(text);
  }

  // The requests to the messages endpoint, oldest first: {n, path, version, phone_number_id,
  // headers (lower-case names), body (parsed JSON), raw, status, response}.
  const requests = () => call('GET', '/_requests');

  // Waits until at least `count` requests (for the recipient `to`, when given) were received.
  async function waitForRequests(count, { to, timeoutMs = 20_000, where = () => true } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = (await requests()).filter((r) => (to === undefined || r.body?.to === to) && where(r));
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        throw new Error(`${matching.length} of ${count} WhatsApp requests${to ? ` to ${to}` : ''} within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    port,
    url,
    // What the server's whatsapp_api_base_url should be.
    baseUrl: `${url}/${version}`,
    dir,
    requests,
    waitForRequests,
    // mode: 'ok' | '400' | '500' | 'timeout'; to: the digits of a number, or '*' for every other.
    control: (mode, to = '*', seconds) =>
      call('POST', '/_control', { mode, to, ...(seconds === undefined ? {} : { seconds }) }),
    reset: () => call('POST', '/_reset', {}),
    // POSTs a Meta status webhook to `targetUrl`, signed with `secret` (a wrong one when
    // `forge`). Resolves to {status, body, content_type, sent} — the target's answer.
    webhook: (targetUrl, secret, statuses, forge = false, extra = {}) =>
      call('POST', '/_webhook', { url: targetUrl, secret, statuses, forge, ...extra }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
    },
    async close() {
      await this.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
