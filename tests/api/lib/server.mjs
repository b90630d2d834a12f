// Starts the real Cartera binary on a free port with a fresh database, for black-box tests.
//
//   CARTERA_BIN          the binary (default: <repo>/build/debug/cartera)
//   CARTERA_TEST_DB      sqlite (default) | postgresql
//   CARTERA_TEST_PG_URL  admin URL for postgresql, e.g. postgresql://postgres@127.0.0.1:55432/postgres
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(here, '../../..');
export const BIN = process.env.CARTERA_BIN || path.join(REPO_ROOT, 'build/debug/cartera');
export const BACKEND = (process.env.CARTERA_TEST_DB || 'sqlite').toLowerCase();
export const ADMIN_EMAIL = 'owner@example.com';
export const ADMIN_PASSWORD = 'Secreto-123';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

if (BACKEND !== 'sqlite' && BACKEND !== 'postgresql') {
  throw new Error(`CARTERA_TEST_DB must be sqlite or postgresql, not ${BACKEND}`);
}

// Every child still running when the test process exits is killed, so a failed test never
// leaves a server behind.
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function pgAdminUrl() {
  const url = process.env.CARTERA_TEST_PG_URL;
  if (!url) throw new Error('CARTERA_TEST_DB=postgresql needs CARTERA_TEST_PG_URL (an admin URL)');
  return url;
}

async function psql(sql) {
  await execFileAsync('psql', [pgAdminUrl(), '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], {
    timeout: 30_000,
  });
}

// A fresh, empty database: { url, drop() }. drop() is idempotent.
export async function createDatabase() {
  if (BACKEND === 'postgresql') {
    const name = `cartera_t_${randomBytes(6).toString('hex')}`;
    await psql(`CREATE DATABASE ${name}`);
    const url = new URL(pgAdminUrl());
    url.pathname = `/${name}`;
    let dropped = false;
    return {
      url: url.toString(),
      name,
      async drop() {
        if (dropped) return;
        dropped = true;
        await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cartera-api-'));
  let dropped = false;
  return {
    url: `sqlite:${path.join(dir, 'cartera.db')}`,
    name: dir,
    async drop() {
      if (dropped) return;
      dropped = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function waitForExit(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

// Starts a server. `database` (from createDatabase) reuses an existing database, which the
// caller then owns; otherwise a fresh one is created and removed by stop().
export async function startServer({ env = {}, demo = false, args = [], database } = {}) {
  const ownsDatabase = !database;
  const db = database ?? (await createDatabase());
  const port = await freePort();
  const commandArgs = ['serve', '--listen', `127.0.0.1:${port}`, '--db', db.url];
  if (demo) commandArgs.push('--demo');
  commandArgs.push(...args);
  const child = spawn(BIN, commandArgs, {
    env: {
      ...process.env,
      CARTERA_ADMIN_EMAIL: ADMIN_EMAIL,
      CARTERA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CARTERA_LOG_REQUESTS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  let spawnError;
  child.on('error', (error) => {
    spawnError = error;
  });
  const exited = waitForExit(child).then((code) => {
    running.delete(child);
    return code;
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let ready = false;
  while (Date.now() < deadline) {
    if (spawnError) break;
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!ready) {
    child.kill('SIGKILL');
    const code = await exited;
    if (ownsDatabase) await db.drop().catch(() => {});
    throw new Error(
      `cartera did not become ready within ${READY_TIMEOUT_MS} ms ` +
        `(exit ${code}${spawnError ? `, ${spawnError.message}` : ''}): ${BIN} ${commandArgs.join(' ')}\n${output}`,
    );
  }

  let stopping;
  return {
    url,
    port,
    database: db,
    process: child,
    logs: () => output,
    // Sends `signal`, waits for the exit (SIGKILL after 15 s) and resolves to the exit code
    // (or the signal name when killed by one). Removes the database when this server made it.
    stop(signal = 'SIGTERM') {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        const code = await exited;
        clearTimeout(timer);
        if (ownsDatabase) await db.drop();
        return code;
      })();
      return stopping;
    },
  };
}
