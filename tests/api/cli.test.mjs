// The administration commands of the binary: --help, migrate, user create, backup.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import { useServer } from './lib/fixtures.mjs';
import { BACKEND, BIN, createDatabase } from './lib/server.mjs';

function cartera(args, input = '') {
  const result = spawnSync(BIN, args, { input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe('command line', () => {
  // The database of `user create`, and a server that test starts on it once the user exists.
  // No CARTERA_ADMIN_*: the user from the command line is the only one.
  const ctx = useServer({ start: false, signIn: false, env: { CARTERA_ADMIN_EMAIL: '' } });

  test('--help explains the commands', () => {
    const help = cartera(['--help']);
    assert.equal(help.code, 0, help.out);
    for (const word of ['serve', 'migrate', 'backup', 'user', 'CARTERA_']) {
      assert.ok(help.out.includes(word), `${word} missing from --help:\n${help.out}`);
    }
    const serveHelp = cartera(['serve', '--help']);
    for (const flag of ['--listen', '--db', '--demo', '--public-url', '--smtp-url', '--mail-from']) {
      assert.ok(serveHelp.out.includes(flag), `${flag} missing from serve --help`);
    }
    assert.notEqual(cartera(['no-such-command']).code, 0);
  });

  test('migrate applies every migration once', async () => {
    const db = await createDatabase();
    try {
      const first = cartera(['migrate', '--db', db.url]);
      assert.equal(first.code, 0, first.out);
      const applied = Number(/applied (\d+) migration/.exec(first.out)?.[1]);
      assert.ok(applied >= 2, first.out);
      const again = cartera(['migrate', '--db', db.url]);
      assert.equal(again.code, 0, again.out);
      assert.match(again.out, /applied 0 migration/);
    } finally {
      await db.drop();
    }
  });

  test('user create makes a staff user who can sign in with that role', async () => {
    const db = ctx.database;
    const weak = cartera(['user', 'create', '--db', db.url, '--email', 'x@example.com'], 'short\n');
    assert.notEqual(weak.code, 0, 'a short password is refused');
    const badRole = cartera(
      ['user', 'create', '--db', db.url, '--email', 'x@example.com', '--role', 'king'],
      'Clave-segura-1\n',
    );
    assert.notEqual(badRole.code, 0, 'an unknown role is refused');
    const created = cartera(
      ['user', 'create', '--db', db.url, '--email', 'ana@example.com', '--role', 'admin', '--name', 'Ana'],
      'Clave-segura-1\n',
    );
    assert.equal(created.code, 0, created.out);
    assert.doesNotMatch(created.out, /Clave-segura-1/, 'the password is never printed');
    const server = await ctx.restart();
    const client = ctx.client;
    const token = await client.login('ana@example.com', 'Clave-segura-1');
    const me = await client.api('GET', '/api/v1/auth/me', { token });
    assert.deepEqual(
      { email: me.json.email, name: me.json.name, role: me.json.role },
      { email: 'ana@example.com', name: 'Ana', role: 'admin' },
    );
    assert.doesNotMatch(server.logs(), /Clave-segura-1/, 'the password is never logged');
  });

  test('backup writes a consistent SQLite copy (and explains itself on PostgreSQL)', async () => {
    const db = await createDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cartera-backup-'));
    try {
      assert.equal(cartera(['migrate', '--db', db.url]).code, 0);
      const target = path.join(dir, 'copy.db');
      const backup = cartera(['backup', target, '--db', db.url]);
      if (BACKEND === 'postgresql') {
        assert.notEqual(backup.code, 0);
        assert.match(backup.out, /pg_dump/);
        return;
      }
      assert.equal(backup.code, 0, backup.out);
      assert.ok(existsSync(target));
      const check = cartera(['migrate', '--db', `sqlite:${target}`]);
      assert.equal(check.code, 0, check.out);
      assert.match(check.out, /applied 0 migration/, 'the copy carries the schema');
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
