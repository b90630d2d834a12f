// A real SMTP server for the mail tests: scripts/smtp-sink.py (Debian's python3-aiosmtpd) on
// 127.0.0.1, which writes each message it receives as .eml plus a .json parsed by Python's
// `email` package. It can be stopped and started again on the same port, to show that the
// server's mail waits and is then delivered.
//
//   const sink = await startSink({ permanent: ['nobody@example.com'] });
//   … `smtp://127.0.0.1:${sink.port}` …
//   const [message] = await sink.waitForMessages(1);
//   await sink.stop(); await sink.start(); await sink.stop();
//
//   SMTP_SINK_PYTHON  the Python with aiosmtpd (default /usr/bin/python3, Debian's)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './server.mjs';

const PYTHON = process.env.SMTP_SINK_PYTHON || '/usr/bin/python3';
const SCRIPT = path.join(REPO_ROOT, 'scripts/smtp-sink.py');
const START_TIMEOUT_MS = 10_000;

// Starts the sink. `temporary` recipients get 451 at RCPT TO, `permanent` ones 550.
// `starttls: {cert, key}` (PEM files) offers and requires STARTTLS; `starttls: true` does so with
// a self-signed certificate for 127.0.0.1 made here (`cert`, to trust). `auth: 'user:password'`
// requires AUTH.
// Resolves to the sink: { port, dir, cert, start(), stop(), close(), messages(), stats(),
// waitForMessages(count, { timeoutMs, from }) }. Messages accumulate across restarts.
export async function startSink({ temporary = [], permanent = [], parse = true, starttls, auth } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cartera-smtp-'));
  if (starttls === true) starttls = selfSigned(dir);
  let port = 0;
  let child = null;
  let exited = null;
  // A failed test never leaves the sink behind.
  process.once('exit', () => child?.kill('SIGKILL'));

  async function start() {
    if (child) throw new Error('the SMTP sink is already running');
    const args = [SCRIPT, '--port', String(port), '--out', dir];
    for (const address of temporary) args.push('--temporary', address);
    for (const address of permanent) args.push('--permanent', address);
    if (!parse) args.push('--no-parse');
    if (starttls) args.push('--starttls', starttls.cert, starttls.key);
    if (auth) args.push('--auth', auth);
    const process_ = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    exited = new Promise((resolve) => {
      process_.once('exit', (code, signal) => resolve(code ?? signal));
    });
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SMTP sink did not start within ${START_TIMEOUT_MS} ms: ${output}`)),
        START_TIMEOUT_MS,
      );
      process_.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /^(\d+)\n/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      process_.stderr.on('data', (chunk) => {
        output += chunk;
      });
      process_.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`SMTP sink exited (${code}): ${output}`));
      });
    });
    child = process_;
    port = await ready;
  }

  async function stop() {
    if (!child) return;
    const process_ = child;
    child = null;
    process_.kill('SIGTERM');
    const timer = setTimeout(() => process_.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  // Every message received so far, oldest first: the parsed JSON plus `file` (the .eml path).
  async function messages() {
    const names = (await readdir(dir)).filter((name) => /^\d+\.eml$/.test(name)).sort();
    return Promise.all(
      names.map(async (name) => {
        const file = path.join(dir, name);
        const parsed = parse ? JSON.parse(await readFile(file.replace(/\.eml$/, '.json'), 'utf8')) : {};
        return { ...parsed, file };
      }),
    );
  }

  // Messages, refused recipients ({address: count}) and SMTP sessions since the first start.
  async function stats() {
    return JSON.parse(await readFile(path.join(dir, 'stats.json'), 'utf8'));
  }

  // Waits until at least `count` messages (after the first `from`) have arrived; resolves to
  // them. Rejects after `timeoutMs`.
  async function waitForMessages(count, { timeoutMs = 15_000, from = 0 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // The count from stats.json: cheap, unlike reading every message at each poll.
      const received = (await stats()).messages - from;
      if (received >= count) return (await messages()).slice(from);
      if (Date.now() > deadline) {
        throw new Error(`${received} of ${count} messages arrived within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function close() {
    await stop();
    await rm(dir, { recursive: true, force: true });
  }

  await start();
  return {
    get port() {
      return port;
    },
    dir,
    cert: starttls?.cert,
    start,
    stop,
    close,
    messages,
    stats,
    waitForMessages,
  };
}

// A self-signed certificate (EC P-256, one day) for 127.0.0.1, as PEM files in `dir`.
function selfSigned(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
  return { cert, key };
}
