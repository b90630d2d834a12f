// Email delivery (F27) against a real SMTP server (scripts/smtp-sink.py, python3-aiosmtpd) whose
// received messages are parsed by Python's `email` package: proper MIME, delayed while the SMTP
// server is down and then delivered exactly once, permanent refusals failed at once, temporary
// ones retried, the customer's messages listed with their status, and nothing lost on SIGTERM.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, walkList } from './lib/client.mjs';
import { useDb } from './lib/db.mjs';
import { signInAs, useServer } from './lib/fixtures.mjs';
import { eventually, sleep } from './lib/load.mjs';
import { BIN } from './lib/server.mjs';

const FROM = 'pedidos@ferreteria-nunez.example';
const RETRY_BASE_MS = 200;

// `cartera mail test …` against the server's database.
function queueTestMail(databaseUrl, args) {
  const result = spawnSync(BIN, ['mail', 'test', '--db', databaseUrl, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

function mailFlags(sink) {
  return [
    '--smtp-url',
    `smtp://127.0.0.1:${sink.port}`,
    '--mail-from',
    FROM,
    '--mail-retry-base-ms',
    String(RETRY_BASE_MS),
  ];
}

describe('mail', () => {
  const ctx = useServer({
    smtp: { permanent: ['nadie@example.com'], temporary: ['luego@example.com'] },
    args: ({ smtp }) => mailFlags(smtp),
  });
  const db = useDb(ctx);
  let sink;
  let customer;

  const messagesOf = async (customerId, query = '') => {
    const response = await ctx.api('GET', `/api/v1/customers/${customerId}/messages${query}`);
    assert.equal(response.status, 200, response.text);
    return response.json.items;
  };

  before(async () => {
    sink = ctx.smtp;
    await db.exec("UPDATE settings SET value = 'Ferretería Núñez' WHERE key = 'store_name'");
    const created = await ctx.api('POST', '/api/v1/customers', { body: { name: 'Bar La Esquina' } });
    assert.equal(created.status, 201, created.text);
    customer = created.json;
  });

  test('a test message queued with the CLI arrives once, as multipart/alternative UTF-8', async () => {
    const before_ = (await sink.messages()).length;
    const queued = queueTestMail(ctx.server.database.url, ['--to', 'ana@example.com']);
    assert.equal(queued.code, 0, queued.out);
    assert.match(queued.out, /queued 1 message/);
    const english = queueTestMail(ctx.server.database.url, ['--to', 'john@example.com', '--language', 'en']);
    assert.equal(english.code, 0, english.out);
    const received = await sink.waitForMessages(2, { from: before_ });
    await sleep(300);
    assert.equal((await sink.messages()).length, before_ + 2, 'each message arrives once');
    const spanish = received.find((m) => m.to_address === 'ana@example.com');
    const inEnglish = received.find((m) => m.to_address === 'john@example.com');

    assert.equal(spanish.subject, 'Prueba de correo de Ferretería Núñez');
    assert.equal(inEnglish.subject, 'Test email from Ferretería Núñez');
    assert.equal(spanish.from_name, 'Ferretería Núñez', 'the store name is the From display name');
    assert.equal(spanish.from_address, FROM);
    assert.equal(spanish.envelope_from, FROM);
    assert.deepEqual(spanish.envelope_to, ['ana@example.com']);
    assert.equal(spanish.mime_version, '1.0');
    assert.equal(spanish.content_type, 'multipart/alternative');
    assert.deepEqual(
      spanish.parts.map((p) => [p.content_type, p.charset, p.transfer_encoding]),
      [
        ['text/plain', 'utf-8', 'quoted-printable'],
        ['text/html', 'utf-8', 'quoted-printable'],
      ],
    );
    assert.deepEqual(spanish.defects, [], 'the parser found no defect');
    assert.match(spanish.message_id, /^<\d+\.[\w-]+@ferreteria-nunez\.example>$/);
    assert.notEqual(spanish.message_id, inEnglish.message_id);
    assert.ok(!Number.isNaN(Date.parse(spanish.date)), spanish.date);
    assert.equal(spanish.only_crlf, true, 'CRLF line ends');
    assert.ok(spanish.max_line_length <= 78, `longest line ${spanish.max_line_length}`);
    assert.equal(spanish.eight_bit, false, '7-bit clean on the wire');
    assert.match(spanish.text, /^Este es un mensaje de prueba de Cartera/);
    assert.match(spanish.text, /\n-- \nMensaje automático de Ferretería Núñez\n$/);
    assert.match(spanish.html, /^<!DOCTYPE html>/);
    assert.match(spanish.html, /<html lang="es">/);
    assert.match(inEnglish.html, /<html lang="en">/);
    assert.match(spanish.html, /Ferretería Núñez/);
    assert.match(inEnglish.text, /\n-- \nAutomatic message from Ferretería Núñez\n$/);

    const refused = queueTestMail(ctx.server.database.url, ['--to', 'x@example.com\r\nBcc: y@example.com']);
    assert.equal(refused.code, 2, refused.out);
    const unknown = queueTestMail(ctx.server.database.url, ['--to', 'x@example.com', '--customer-id', '999999']);
    assert.equal(unknown.code, 1, unknown.out);
    assert.match(unknown.out, /no customer 999999/);
  });

  test('with the SMTP server down mail waits, then each message is delivered exactly once', async () => {
    const before_ = (await sink.messages()).length;
    await sink.stop();
    const queued = queueTestMail(ctx.server.database.url, [
      '--to',
      'compras@example.com',
      '--customer-id',
      customer.id,
      '--count',
      '3',
    ]);
    assert.equal(queued.code, 0, queued.out);
    // Tried, failed to connect, rescheduled: queued with attempts and the error.
    const waiting = await eventually(
      async () => {
        const items = (await messagesOf(customer.id)).filter((m) => m.to === 'compras@example.com');
        return items.length === 3 && items.every((m) => m.attempts >= 2) ? items : undefined;
      },
      { what: 'two failed attempts of each message' },
    );
    for (const message of waiting) {
      assert.equal(message.status, 'queued');
      assert.equal(message.channel, 'email');
      assert.equal(message.template, 'smtp_test');
      assert.equal(message.sent_at, null);
      assert.equal(typeof message.last_error, 'string');
      assert.ok(message.last_error.length > 0);
    }
    assert.equal((await sink.messages()).length, before_, 'nothing arrived meanwhile');

    await sink.start(); // the same port
    const received = await sink.waitForMessages(3, { from: before_ });
    const sent = await eventually(
      async () => {
        const items = (await messagesOf(customer.id)).filter((m) => m.to === 'compras@example.com');
        return items.every((m) => m.status === 'sent') ? items : undefined;
      },
      { what: 'the messages marked sent' },
    );
    for (const message of sent) {
      assert.equal(message.last_error, null);
      assert.ok(message.attempts >= 3, `attempts ${message.attempts}`);
      assert.ok(Date.parse(message.sent_at) >= Date.parse(message.created_at));
    }
    await sleep(1_000); // time for a duplicate to show up, if there were one
    const all = (await sink.messages()).slice(before_);
    assert.equal(all.length, 3);
    const ids = new Set(all.map((m) => m.message_id));
    assert.equal(ids.size, 3, 'three distinct Message-IDs, each received once');
    assert.deepEqual(received.map((m) => m.to_address), Array(3).fill('compras@example.com'));

    // Each sent message is in the customer's history.
    const history = await ctx.api('GET', `/api/v1/customers/${customer.id}/history?kind=message`);
    assert.equal(history.status, 200, history.text);
    const events = history.json.items.filter((e) => e.type === 'message_sent');
    assert.equal(events.length, 3);
    assert.equal(events[0].kind, 'message');
    assert.equal(events[0].actor.type, 'system');
    assert.equal(events[0].data.channel, 'email');
    assert.equal(events[0].data.to, 'compras@example.com');
    assert.equal(events[0].data.subject, 'Prueba de correo de Ferretería Núñez');
    assert.equal(events[0].data.template, 'smtp_test');
  });

  test('a 550 recipient fails at once and is not retried; a 451 recipient is retried', async () => {
    for (const to of ['nadie@example.com', 'luego@example.com']) {
      const queued = queueTestMail(ctx.server.database.url, ['--to', to, '--customer-id', customer.id]);
      assert.equal(queued.code, 0, queued.out);
    }
    const failed = await eventually(
      async () => {
        const [message] = await messagesOf(customer.id, '?status=failed');
        return message;
      },
      { what: 'the 550 message failed' },
    );
    assert.equal(failed.to, 'nadie@example.com');
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /^550 5\.1\.1 <nadie@example\.com>: Recipient address rejected/);
    assert.equal(failed.sent_at, null);

    const deferred = await eventually(
      async () => {
        const items = await messagesOf(customer.id, '?status=queued');
        const message = items.find((m) => m.to === 'luego@example.com');
        return message && message.attempts >= 3 ? message : undefined;
      },
      { what: 'three attempts at the 451 recipient' },
    );
    assert.match(deferred.last_error, /^451 4\.3\.0/);
    const stats = await sink.stats();
    assert.equal(stats.refused['nadie@example.com'], 1, 'the 550 recipient was tried once');
    assert.ok(stats.refused['luego@example.com'] >= 3);
    await sleep(1_000);
    assert.equal((await sink.stats()).refused['nadie@example.com'], 1, 'and never again');
    const [stillFailed] = await messagesOf(customer.id, '?status=failed');
    assert.equal(stillFailed.attempts, 1);
  });

  test('the messages list: newest first, paged, filtered; staff read only', async () => {
    const all = await messagesOf(customer.id);
    assert.ok(all.length >= 5, `${all.length} messages`);
    const ids = all.map((m) => Number(m.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const { items, pages } = await walkList(ctx.client, ctx.token, `/api/v1/customers/${customer.id}/messages`, 'limit=2');
    assert.deepEqual(items.map((m) => m.id), all.map((m) => m.id));
    assert.ok(pages.length >= 3);
    const sent = await messagesOf(customer.id, '?status=sent');
    assert.ok(sent.length >= 3 && sent.every((m) => m.status === 'sent'));
    for (const key of ['id', 'channel', 'contact_id', 'to', 'subject', 'template', 'status', 'attempts', 'last_error', 'created_at', 'sent_at']) {
      assert.ok(key in all[0], `${key} missing`);
    }

    const viewer = await signInAs(ctx, 'viewer');
    const asViewer = await ctx.client.api('GET', `/api/v1/customers/${customer.id}/messages`, { token: viewer });
    assert.equal(asViewer.status, 200, 'a viewer may read');
    assertProblem(await ctx.client.api('GET', `/api/v1/customers/${customer.id}/messages`), 401, 'unauthenticated');
    assertProblem(await ctx.api('GET', '/api/v1/customers/999999/messages'), 404, 'not_found');
    assertProblem(await ctx.api('GET', '/api/v1/customers/abc/messages'), 404, 'not_found');
    assertFieldErrors(await ctx.api('GET', `/api/v1/customers/${customer.id}/messages?status=lost`), {
      status: 'invalid_enum',
    });
    assertFieldErrors(await ctx.api('GET', `/api/v1/customers/${customer.id}/messages?limit=0`), { limit: null });
    assertProblem(await ctx.api('GET', `/api/v1/customers/${customer.id}/messages?cursor=nonsense`), 400, 'bad_request');
  });

  test('deleting the customer deletes its mail', async () => {
    const other = await ctx.api('POST', '/api/v1/customers', { body: { name: 'Cliente efímero' } });
    const queued = queueTestMail(ctx.server.database.url, ['--to', 'efimero@example.com', '--customer-id', other.json.id]);
    assert.equal(queued.code, 0, queued.out);
    const code = await ctx.api('POST', `/api/v1/customers/${other.json.id}/deletion-code`);
    assert.equal(code.status, 200, code.text);
    const deleted = await ctx.api(
      'DELETE',
      `/api/v1/customers/${other.json.id}?confirmation_code=${encodeURIComponent(code.json.confirmation_code)}`,
    );
    assert.equal(deleted.status, 204, deleted.text);
    const rows = await db.rows(`SELECT id FROM mail_outbox WHERE to_address = 'efimero@example.com'`);
    assert.deepEqual(rows, []);
  });
});

describe('mail without an SMTP server configured', () => {
  const ctx = useServer();

  test('stays queued, with one warning at start', async () => {
    const { server } = ctx;
    const created = await ctx.api('POST', '/api/v1/customers', { body: { name: 'Sin correo' } });
    const queued = queueTestMail(server.database.url, ['--to', 'ana@example.com', '--customer-id', created.json.id]);
    assert.equal(queued.code, 0, queued.out);
    await sleep(1_500);
    const list = await ctx.api('GET', `/api/v1/customers/${created.json.id}/messages`);
    assert.equal(list.json.items.length, 1);
    assert.equal(list.json.items[0].status, 'queued');
    assert.equal(list.json.items[0].attempts, 0);
    assert.equal(server.logs().match(/mail_delivery_disabled/g)?.length, 1, server.logs());
  });

  test('serve refuses a bad --smtp-url or --mail-from', () => {
    for (const args of [
      ['--smtp-url', 'http://127.0.0.1:25', '--mail-from', FROM],
      ['--smtp-url', 'smtp://127.0.0.1:25'],
      ['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', 'not an address'],
    ]) {
      const result = spawnSync(BIN, ['serve', '--listen', '127.0.0.1:0', '--db', 'sqlite::memory:', ...args], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    }
  });
});

describe('mail on shutdown', () => {
  // For each test a sink, a database and a server that migrates it and makes the owner.
  const ctx = useServer({ each: true, smtp: {}, args: ({ smtp }) => mailFlags(smtp), signIn: false });

  test('SIGTERM in the middle of a delivery loses nothing; a new process sends the rest', async () => {
    const { smtp: sink, database } = ctx;
    await ctx.server.stop(); // migrated and with an owner; now fill the outbox while it is down
    const queued = queueTestMail(database.url, ['--to', 'lote@example.com', '--count', '400']);
    assert.equal(queued.code, 0, queued.out);
    let server = await ctx.restart();
    await sink.waitForMessages(20, { timeoutMs: 30_000 });
    assert.equal(await server.stop('SIGTERM'), 0, 'a clean exit');
    const early = (await sink.messages()).length;
    server = await ctx.restart();
    const all = await sink.waitForMessages(400, { timeoutMs: 60_000 });
    await sleep(1_000);
    await server.stop();
    const ids = new Set(all.map((m) => m.message_id));
    assert.equal(ids.size, 400, 'every message arrived');
    assert.equal((await sink.messages()).length, 400, 'and none twice');
    assert.ok(early < 400, `the first process was stopped mid-way (${early} delivered)`);
  });

  test('two server processes on one database share the outbox and never send a message twice', async () => {
    const { smtp: sink, database } = ctx;
    await ctx.server.stop();
    const queued = queueTestMail(database.url, ['--to', 'par@example.com', '--count', '300']);
    assert.equal(queued.code, 0, queued.out);
    const servers = await Promise.all([1, 2].map(() => ctx.another()));
    const all = await sink.waitForMessages(300, { timeoutMs: 60_000 });
    await sleep(1_000);
    assert.equal(new Set(all.map((m) => m.message_id)).size, 300, 'every message arrived');
    assert.equal((await sink.messages()).length, 300, 'and none twice');
    const sentBy = servers.map((server) =>
      [...server.logs().matchAll(/"event":"mail_batch".*?"sent":(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0),
    );
    assert.equal(sentBy[0] + sentBy[1], 300, `sent by each process: ${sentBy}`);
  });
});

describe('mail over STARTTLS with a password', () => {
  const password = 'S3creto@smtp:x';
  const flags = (sink) => {
    const url = `smtp://envios:${encodeURIComponent(password)}@127.0.0.1:${sink.port}`;
    return ['--smtp-url', url, '--mail-from', FROM, '--mail-retry-base-ms', String(RETRY_BASE_MS)];
  };
  // A sink with a self-signed certificate (sink.cert) that the first server does not trust.
  const ctx = useServer({ smtp: { starttls: true, auth: `envios:${password}` }, args: ({ smtp }) => flags(smtp), signIn: false });

  test('upgrades with STARTTLS, signs in with the URL credentials and never logs the password', async () => {
    const { smtp: sink, database } = ctx;
    // The self-signed certificate is refused until it is trusted: mail waits, with the error.
    let server = ctx.server;
    const queued = queueTestMail(database.url, ['--to', 'tls@example.com']);
    assert.equal(queued.code, 0, queued.out);
    await eventually(() => server.logs().includes('mail_connection_failed') || undefined, {
      what: 'a refused certificate',
    });
    assert.equal((await sink.stats()).messages, 0);
    assert.match(server.logs(), /certificate/i);
    await server.stop();
    const logs = [server.logs()];

    server = await ctx.restart({ args: ({ smtp }) => [...flags(smtp), '--smtp-ca-file', smtp.cert] });
    const [message] = await sink.waitForMessages(1);
    assert.equal(message.tls, true, 'sent after STARTTLS');
    assert.equal(message.auth_user, 'envios');
    assert.equal(message.subject, 'Prueba de correo de Cartera');
    await server.stop();
    logs.push(server.logs());
    for (const secret of [password, encodeURIComponent(password), 'envios:']) {
      assert.ok(!logs.join('').includes(secret), `${secret} is never logged`);
    }
    assert.match(logs[1], /"smtp":"smtp:\/\/127\.0\.0\.1:\d+"/);
  });
});
