// Messaging (F8, F25, F26, F27; docs/messaging.md): composed emails to several recipients with
// attachments, one outbox row per recipient, received by a real SMTP server
// (scripts/smtp-sink.py) and parsed by Python's `email` package; safe rich text; validation and
// roles; message templates; WhatsApp templates sent to a stand-in of the Cloud API
// (scripts/whatsapp-standin.py) with failures, retries and signed status webhooks; click-to-chat
// links and phone numbers; order status notifications.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { assertFieldErrors, assertProblem, walkList } from './lib/client.mjs';
import { makeCatalog, makeCustomer, signInAs, useServer } from './lib/fixtures.mjs';
import { eventually as waitFor, sleep } from './lib/load.mjs';

const execFileAsync = promisify(execFile);
const FROM = 'pedidos@suministros-ortega.example';
const STORE = 'Suministros Ortega';
const RETRY_BASE_MS = 200;
const WA_TOKEN = 'EAAG-standin-access-token-7f3a';
const WA_PHONE_ID = '106540352242922';
const WA_APP_SECRET = 'app-secret-9c1e44';
const WA_VERIFY = 'verify-token-2b7d';
const PASSWORD = 'clave-del-portal';
const unique = () => Math.random().toString(36).slice(2, 8);

// Polls `check` (async, returns a value or undefined/false) until it returns something.
const eventually = (check, options) => waitFor(check, { timeoutMs: 20_000, intervalMs: 100, ...options });

// A small but real PDF whose one stream holds every byte value, so that an attachment that
// is not carried byte for byte (CR, LF, NUL, 8-bit) shows.
const PDF = (() => {
  const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n%'),
    Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
    Buffer.from(
      '\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
        '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
        '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
        '4 0 obj <</Length 256>>\nstream\n',
    ),
    binary,
    Buffer.from('\nendstream\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'),
  ]);
})();

// Parses .eml files with Python's `email` package (policy default), like smtp-sink.py does,
// but keeping every part, attachments included (their bytes in base64). smtp-sink.py's own
// parse cannot write binary parts to JSON, so the sink runs with --no-parse.
const PARSE_EML = String.raw`
import base64, email, email.policy, json, sys
out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        data = f.read()
    m = email.message_from_bytes(data.replace(b'\r\n', b'\n'), policy=email.policy.default)
    parts = []
    for p in m.walk():
        if p.is_multipart():
            continue
        raw = p.get_payload(decode=True) or b''
        entry = {'content_type': p.get_content_type(), 'charset': p.get_content_charset(),
                 'filename': p.get_filename(), 'disposition': p.get_content_disposition(),
                 'base64': base64.b64encode(raw).decode()}
        if p.get_content_maintype() == 'text':
            entry['content'] = p.get_content()
        parts.append(entry)
    def body(kind):
        return next((p.get('content') for p in parts
                     if p['content_type'] == kind and p['disposition'] != 'attachment'), None)
    to = m['To'].addresses[0] if m['To'] else None
    out.append({'file': path, 'subject': str(m['Subject']) if m['Subject'] is not None else None,
                'to_address': to.addr_spec if to else None, 'to_name': to.display_name if to else None,
                'from_address': m['From'].addresses[0].addr_spec if m['From'] else None,
                'content_type': m.get_content_type(), 'parts': parts,
                'defects': [type(d).__name__ for p in m.walk() for d in p.defects],
                'text': body('text/plain'), 'html': body('text/html')})
print(json.dumps(out))
`;

async function parseEml(files) {
  if (files.length === 0) return [];
  const { stdout } = await execFileAsync('python3', ['-c', PARSE_EML, ...files], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  return JSON.parse(stdout);
}

describe('messaging', () => {
  const ctx = useServer({
    smtp: { parse: false },
    whatsapp: { token: WA_TOKEN },
    args: ({ smtp }) => [
      '--smtp-url',
      `smtp://127.0.0.1:${smtp.port}`,
      '--mail-from',
      FROM,
      '--mail-retry-base-ms',
      String(RETRY_BASE_MS),
      '--public-url',
      'https://tienda.example',
    ],
  });
  let sink;
  let wa;
  let catalog;
  let me; // the owner, who sends
  let customer; // main email + two contacts with phones
  let luis;
  let eva;
  let other; // another customer, with a contact and an attachment
  let otherContact;

  const received = async (from = 0) => parseEml((await sink.messages()).slice(from).map((m) => m.file));
  const messagesOf = async (customerId, query = '') =>
    (await walkList(ctx.client, ctx.token, `/api/v1/customers/${customerId}/messages`, `limit=200${query}`)).items;
  const message = async (id) => {
    const response = await ctx.api('GET', `/api/v1/messages/${id}`);
    assert.equal(response.status, 200, response.text);
    return response.json;
  };
  const waitForStatus = (id, statuses, { timeoutMs = 30_000 } = {}) =>
    eventually(
      async () => {
        const m = await message(id);
        return statuses.includes(m.status) ? m : undefined;
      },
      { timeoutMs, what: `message ${id} ${statuses.join('|')}` },
    );
  const send = (customerId, body, token = ctx.token) =>
    ctx.client.api('POST', `/api/v1/customers/${customerId}/messages`, { token, body });
  // Uploads `bytes` as multipart field `file`.
  function upload(customerId, bytes, filename, type, token = ctx.token) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), filename);
    return ctx.client.api('POST', `/api/v1/customers/${customerId}/message-attachments`, { token, form });
  }
  const createContact = async (customerId, fields) => {
    const created = await ctx.api('POST', `/api/v1/customers/${customerId}/contacts`, {
      body: { password: PASSWORD, ...fields },
    });
    assert.equal(created.status, 201, created.text);
    return created.json;
  };
  const portalLogin = async (email) => {
    const login = await ctx.client.api('POST', '/api/v1/portal/login', { body: { email, password: PASSWORD } });
    assert.equal(login.status, 200, login.text);
    return login.json.token;
  };

  before(async () => {
    sink = ctx.smtp;
    wa = ctx.whatsapp;
    me = (await ctx.api('GET', '/api/v1/auth/me')).json;
    const settings = await ctx.api('PATCH', '/api/v1/settings', { body: { store_name: STORE } });
    assert.equal(settings.status, 200, settings.text);
    catalog = await makeCatalog(ctx);
    customer = await makeCustomer(ctx, catalog, {
      email: `compras.${unique()}@cliente.example`,
      contact_person: 'Ana Ruiz',
      phone: '912 34 56 78',
      whatsapp: '633 44 55 66',
    });
    luis = await createContact(customer.id, {
      first_name: 'Luis',
      last_name: 'Pardo',
      email: `luis.${unique()}@cliente.example`,
      phone: '612 34 56 78',
      country: 'ES',
    });
    eva = await createContact(customer.id, {
      first_name: 'Eva',
      last_name: 'Soto',
      email: `eva.${unique()}@cliente.example`,
      phone: '622 11 22 33',
      country: 'ES',
    });
    other = await makeCustomer(ctx, catalog, { email: `otro.${unique()}@otro.example` });
    otherContact = await createContact(other.id, { first_name: 'Olga', email: `olga.${unique()}@otro.example` });
  });

  after(() => {
    // Run after useServer's own `after` stopped the server: its logs are complete.
    const logs = ctx.server?.logs() ?? '';
    // Secrets are never logged (docs/messaging.md, WhatsApp).
    for (const secret of [WA_TOKEN, WA_APP_SECRET, WA_VERIFY]) {
      assert.ok(!logs.includes(secret), `${secret} is never logged`);
    }
  });

  test('an email to three recipients with an attachment: one message each, rendered for each, sent, in the histories', async () => {
    const attachment = await upload(customer.id, PDF, 'tarifa-2027.pdf', 'application/pdf');
    assert.equal(attachment.status, 201, attachment.text);
    assert.equal(typeof attachment.json.id, 'string');
    assert.equal(attachment.json.name, 'tarifa-2027.pdf');
    assert.equal(attachment.json.size, PDF.length);
    assert.equal(attachment.json.content_type, 'application/pdf');

    const from = (await sink.stats()).messages;
    const sent = await send(customer.id, {
      channel: 'email',
      to: [{ email: customer.email }, { contact_id: luis.id }, { contact_id: eva.id }],
      subject: 'Tarifa para {{contact.first_name}}',
      body_html:
        '<p>Hola {{contact.first_name}},</p><p>Adjuntamos la tarifa de <b>{{customer.name}}</b>.</p>' +
        '<ul><li>Primera</li><li>Segunda</li></ul><p>Un saludo, {{staff.name}}</p>',
      attachment_ids: [attachment.json.id],
    });
    assert.equal(sent.status, 202, sent.text);
    const batch = sent.json;
    assert.equal(typeof batch.id, 'string');
    assert.equal(batch.batch_id, batch.id, 'the batch id is its first message id');
    assert.equal(batch.channel, 'email');
    assert.equal(batch.status, 'queued');
    assert.deepEqual([...batch.to].sort(), [customer.email, luis.email, eva.email].sort());
    assert.equal(batch.messages.length, 3);
    assert.equal(batch.messages[0].id, batch.id);
    assert.equal(batch.subject, batch.messages[0].subject);
    assert.equal(new Set(batch.messages.map((m) => m.id)).size, 3, 'one message per recipient');
    const byAddress = Object.fromEntries(batch.messages.map((m) => [m.to, m]));
    const expectName = { [customer.email]: 'Ana', [luis.email]: 'Luis', [eva.email]: 'Eva' };
    for (const [address, name] of Object.entries(expectName)) {
      const m = byAddress[address];
      assert.ok(m, `a message to ${address}: ${sent.text}`);
      assert.equal(m.batch_id, batch.id);
      assert.equal(m.customer_id, customer.id);
      assert.equal(m.channel, 'email');
      assert.equal(m.template, 'composed');
      assert.equal(m.status, 'queued');
      assert.equal(m.attempts, 0);
      assert.equal(m.last_error, null);
      assert.equal(m.subject, `Tarifa para ${name}`, 'placeholders rendered per recipient');
      assert.equal(m.sent_by?.id, me.id);
      assert.deepEqual(m.attachments, [
        { id: attachment.json.id, name: 'tarifa-2027.pdf', size: PDF.length, content_type: 'application/pdf' },
      ]);
    }
    assert.equal(byAddress[luis.email].contact_id, luis.id);
    assert.equal(byAddress[eva.email].contact_id, eva.id);
    assert.equal(byAddress[luis.email].to_name, 'Luis Pardo');

    await sink.waitForMessages(3, { from, timeoutMs: 30_000 });
    await sleep(500);
    const mails = await received(from);
    assert.equal(mails.length, 3, 'three messages, each once');
    assert.deepEqual(mails.map((m) => m.to_address).sort(), [customer.email, luis.email, eva.email].sort());
    for (const mail of mails) {
      const name = expectName[mail.to_address];
      assert.deepEqual(mail.defects, [], `${mail.to_address}: the parser found no defect`);
      assert.equal(mail.from_address, FROM);
      assert.equal(mail.subject, `Tarifa para ${name}`);
      assert.ok(mail.text, `${mail.to_address}: a text/plain part`);
      assert.ok(mail.html, `${mail.to_address}: a text/html part`);
      assert.match(mail.text, new RegExp(`Hola ${name},`));
      assert.match(mail.html, new RegExp(`Hola ${name},`));
      for (const other_ of Object.values(expectName).filter((n) => n !== name)) {
        assert.ok(!mail.text.includes(`Hola ${other_},`), `${mail.to_address} gets only its own text`);
      }
      assert.ok(mail.text.includes(customer.name), mail.text);
      assert.ok(mail.text.includes(me.name), `{{staff.name}} is the sender: ${mail.text}`);
      assert.match(mail.html, /<b>/);
      assert.match(mail.html, /<ul>\s*<li>Primera<\/li>\s*<li>Segunda<\/li>\s*<\/ul>/);
      assert.match(mail.text, /^\W*Primera\s*$/m, 'list items on lines of their own');
      const files = mail.parts.filter((p) => p.filename);
      assert.equal(files.length, 1, `${mail.to_address}: one attachment`);
      assert.equal(files[0].filename, 'tarifa-2027.pdf');
      assert.equal(files[0].content_type, 'application/pdf');
      assert.ok(Buffer.from(files[0].base64, 'base64').equals(PDF), 'the attachment arrives byte for byte');
    }

    for (const m of batch.messages) {
      const done = await waitForStatus(m.id, ['sent']);
      assert.ok(done.sent_at, 'sent_at set');
      assert.equal(done.last_error, null);
      assert.equal(done.delivered_at, null);
      assert.equal(typeof done.body_html, 'string');
      assert.equal(typeof done.body_text, 'string');
      assert.match(done.body_text, new RegExp(`Hola ${expectName[m.to]},`));
    }

    const history = await ctx.api('GET', `/api/v1/customers/${customer.id}/history?kind=message`);
    assert.equal(history.status, 200, history.text);
    const events = history.json.items.filter((e) => e.type === 'message_sent' && e.data?.subject?.startsWith('Tarifa para'));
    assert.deepEqual(events.map((e) => e.data.to).sort(), [customer.email, luis.email, eva.email].sort());
    assert.ok(events.every((e) => e.kind === 'message' && e.data.channel === 'email'));

    const contactHistory = await ctx.api('GET', `/api/v1/contacts/${luis.id}/history`);
    assert.equal(contactHistory.status, 200, contactHistory.text);
    assert.ok(Array.isArray(contactHistory.json.items), contactHistory.text);
    assert.ok('next_cursor' in contactHistory.json, 'paged like the customer history');
    const luisEvents = contactHistory.json.items.filter((e) => e.type === 'message_sent');
    assert.deepEqual(luisEvents.map((e) => [e.data.to, e.data.subject]), [[luis.email, 'Tarifa para Luis']]);
    const onlyMessages = await ctx.api('GET', `/api/v1/contacts/${luis.id}/history?kind=message`);
    assert.equal(onlyMessages.status, 200, onlyMessages.text);
    assert.ok(onlyMessages.json.items.length >= 1 && onlyMessages.json.items.every((e) => e.kind === 'message'));
    assertProblem(await ctx.api('GET', '/api/v1/contacts/999999/history'), 404, 'not_found');

    const listed = await messagesOf(customer.id, `&contact_id=${eva.id}`);
    assert.ok(listed.length >= 1 && listed.every((m) => m.contact_id === eva.id), JSON.stringify(listed));
    const emails = await messagesOf(customer.id, '&channel=email');
    assert.ok(batch.messages.every((m) => emails.some((e) => e.id === m.id)));
  });

  test('rich text is sanitised: no script, handler, javascript: URL or foreign element reaches the recipient', async () => {
    const payloads = [
      '<script>alert("S1")</script>',
      '<SCRIPT SRC=//evil.example/x.js>S2</SCRIPT>',
      '<img src=x onerror=alert(1)>',
      '<IMG SRC=x OnErRoR="alert(2)">',
      '<a href="javascript:alert(3)">enlace-js</a>',
      '<a href="JaVaScRiPt:alert(4)">enlace-js2</a>',
      '<a href="java&#x09;script:alert(5)">enlace-js3</a>',
      '<a href="&#106;avascript:alert(6)">enlace-js4</a>',
      '<svg onload=alert(7)><text>S3</text></svg>',
      '<iframe src="https://evil.example/">S4</iframe>',
      '<p style="background:url(javascript:alert(8))" onclick="alert(9)">parrafo-limpio</p>',
      '<math><mi xlink:href="javascript:alert(10)">S5</mi></math>',
      '<style>body { background: red } /* S6 */</style>',
      '<object data="x.swf">S7</object><embed src="x.swf">',
      '<div onmouseover="alert(11)">texto-div</div>',
      '<form action="https://evil.example"><input name=x value=S8></form>',
    ];
    const allowed =
      '<p><b>negrita</b> <strong>fuerte</strong> <em>cursiva</em> <i>it</i> <u>sub</u></p>' +
      '<ul><li>uno</li><li>dos</li></ul><ol><li>tres</li></ol><blockquote>cita</blockquote>' +
      '<p><a href="https://ok.example" onmouseover="x()">ok</a> <a href="mailto:hola@ok.example">correo</a></p>';
    const body_html = `<p>INICIO</p>${payloads.join('\n')}${allowed}<p>FIN</p>`;

    const preview = await ctx.api('POST', `/api/v1/customers/${customer.id}/messages/preview`, {
      body: { channel: 'email', to: { contact_id: luis.id }, subject: 'Vista previa', body_html },
    });
    assert.equal(preview.status, 200, preview.text);
    assert.equal(preview.json.subject, 'Vista previa');

    const from = (await sink.stats()).messages;
    const sent = await send(customer.id, {
      channel: 'email',
      to: [{ contact_id: luis.id }],
      subject: 'Contenido seguro',
      body_html,
    });
    assert.equal(sent.status, 202, sent.text);
    await sink.waitForMessages(1, { from, timeoutMs: 30_000 });
    const [mail] = await received(from);
    assert.equal(mail.subject, 'Contenido seguro');
    const stored = await message(sent.json.id);

    // The composed part of the HTML, between the markers (the layout around it has its own style).
    const composed = (html) => {
      const start = html.indexOf('INICIO');
      const end = html.indexOf('FIN', start);
      assert.ok(start >= 0 && end > start, `markers in ${html}`);
      return html.slice(start, end);
    };
    for (const [what, html] of [
      ['received', mail.html],
      ['stored', stored.body_html],
      ['preview', preview.json.body_html],
    ]) {
      const part = composed(html);
      for (const bad of [
        /<script/i,
        /onerror/i,
        /onload/i,
        /onclick/i,
        /onmouseover/i,
        /javascript:/i,
        /<iframe/i,
        /<svg/i,
        /<math/i,
        /<style/i,
        /style="background/i,
        /background:url/i,
        /<img/i,
        /<object/i,
        /<embed/i,
        /<form/i,
        /<input/i,
        /<div/i,
        /xlink/i,
        /evil\.example/i,
      ]) {
        assert.doesNotMatch(part, bad, `${what}: ${bad} in ${part}`);
      }
      for (const droppedWithContent of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']) {
        assert.ok(!part.includes(droppedWithContent), `${what}: ${droppedWithContent} dropped with its element: ${part}`);
      }
      for (const kept of ['parrafo-limpio', 'texto-div', 'enlace-js', 'enlace-js4']) {
        assert.ok(part.includes(kept), `${what}: the text "${kept}" is kept: ${part}`);
      }
      assert.match(part, /<b>negrita<\/b>/, what);
      assert.match(part, /<strong>fuerte<\/strong>/, what);
      assert.match(part, /<em>cursiva<\/em>/, what);
      assert.match(part, /<ul>\s*<li>uno<\/li>\s*<li>dos<\/li>\s*<\/ul>/, what);
      assert.match(part, /<blockquote>cita<\/blockquote>/, what);
      assert.match(part, /<a href="https:\/\/ok\.example\/?">ok<\/a>/, what);
      assert.match(part, /<a href="mailto:hola@ok\.example">correo<\/a>/, what);
    }
    assert.ok(!mail.text.includes('S1') && !mail.text.includes('alert("S1")'), mail.text);
    assert.match(mail.text, /ok \(https:\/\/ok\.example\/?\)/, 'links as "text (url)"');
    assert.match(mail.text, /^.*\buno\s*$/m, 'list items on lines of their own');
  });

  test('refused sends name the field and queue nothing; viewers and contacts cannot send', async () => {
    const count = (await messagesOf(customer.id)).length;
    const base = { channel: 'email', to: [{ contact_id: luis.id }], subject: 'Hola', body_html: '<p>Hola</p>' };
    assertFieldErrors(await send(customer.id, { ...base, to: [{ email: `extrano.${unique()}@fuera.example` }] }), {
      'to[0].email': null,
    });
    assertFieldErrors(await send(customer.id, { ...base, to: [{ contact_id: luis.id }, { email: otherContact.email }] }), {
      'to[1].email': null,
    });
    assertFieldErrors(await send(customer.id, { ...base, to: [{ contact_id: otherContact.id }] }), {
      'to[0].contact_id': null,
    });
    assertFieldErrors(await send(customer.id, { ...base, to: [] }), { to: null });
    const { subject: _s, ...noSubject } = base;
    assertFieldErrors(await send(customer.id, noSubject), { subject: null });
    assertFieldErrors(await send(customer.id, { ...base, subject: 'x'.repeat(201) }), { subject: null });

    const unknown = await send(customer.id, { ...base, body_html: '<p>Hola {{customer.nope}}</p>' });
    assertFieldErrors(unknown, { body_html: 'unknown_placeholder' });
    assert.match(unknown.json.errors[0].message, /customer\.nope/);
    const unknownSubject = await send(customer.id, { ...base, subject: 'Hola {{contact.nickname}}' });
    assertFieldErrors(unknownSubject, { subject: 'unknown_placeholder' });
    assert.match(unknownSubject.json.errors[0].message, /contact\.nickname/);
    const unavailable = await send(customer.id, { ...base, body_html: '<p>Su pedido {{order.number}}</p>' });
    assertFieldErrors(unavailable, { body_html: 'unavailable_placeholder' });
    assert.match(unavailable.json.errors[0].message, /order\.number/);

    const foreign = await upload(other.id, Buffer.from('hola'), 'otro.txt', 'text/plain');
    assert.equal(foreign.status, 201, foreign.text);
    const mine = await upload(customer.id, Buffer.from('mío'), 'mio.txt', 'text/plain');
    assert.equal(mine.status, 201, mine.text);
    assertFieldErrors(await send(customer.id, { ...base, attachment_ids: [foreign.json.id] }), {
      'attachment_ids[0]': null,
    });
    assertFieldErrors(await send(customer.id, { ...base, attachment_ids: [mine.json.id, foreign.json.id] }), {
      'attachment_ids[1]': null,
    });
    assertFieldErrors(await send(customer.id, { ...base, attachment_ids: ['999999'] }), { 'attachment_ids[0]': null });

    // Another customer's order gives no {{order.*}} here.
    const otherOrder = await ctx.api('POST', '/api/v1/orders', {
      body: { customer_id: other.id, lines: [{ product_id: catalog.products.cable.id, quantity: 1 }] },
    });
    assert.equal(otherOrder.status, 201, otherOrder.text);
    assertFieldErrors(await send(customer.id, { ...base, order_id: otherOrder.json.id }), { order_id: null });

    assertProblem(await send('999999', base), 404, 'not_found');

    const viewer = await signInAs(ctx, 'viewer');
    assertProblem(await send(customer.id, base, viewer), 403, 'forbidden');
    assertProblem(await upload(customer.id, Buffer.from('x'), 'x.txt', 'text/plain', viewer), 403, 'forbidden');
    const asViewer = await ctx.client.api('GET', `/api/v1/customers/${customer.id}/messages`, { token: viewer });
    assert.equal(asViewer.status, 200, 'a viewer may read');

    const contactToken = await portalLogin(luis.email);
    for (const [method, path] of [
      ['POST', `/api/v1/customers/${customer.id}/messages`],
      ['GET', `/api/v1/customers/${customer.id}/messages`],
      ['POST', `/api/v1/customers/${customer.id}/messages/preview`],
      ['GET', '/api/v1/message-templates'],
      ['GET', `/api/v1/contacts/${luis.id}/history`],
      ['GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${luis.id}`],
    ]) {
      const answer = await ctx.client.api(method, path, { token: contactToken, body: method === 'POST' ? base : undefined });
      assertProblem(answer, 401, 'unauthenticated');
    }
    assert.equal((await upload(customer.id, Buffer.from('x'), 'x.txt', 'text/plain', contactToken)).status, 401);
    assertProblem(await ctx.client.api('POST', `/api/v1/customers/${customer.id}/messages`, { body: base }), 401, 'unauthenticated');

    assert.equal((await messagesOf(customer.id)).length, count, 'nothing was queued by a refused request');

    // Sales may send; duplicates go once.
    const sales = await signInAs(ctx, 'sales');
    const bySales = await send(customer.id, { ...base, to: [{ contact_id: eva.id }, { contact_id: eva.id }, { email: eva.email }] }, sales);
    assert.equal(bySales.status, 202, bySales.text);
    assert.equal(bySales.json.messages.length, 1, 'a recipient named twice is sent once');
    assert.equal((await messagesOf(customer.id)).length, count + 1);

    // Read endpoints are open to a viewer (a message, a link); the preview is a POST and, like
    // every POST, refused to a viewer (the access matrix holds it), since only writers compose.
    assert.equal((await ctx.client.api('GET', `/api/v1/messages/${bySales.json.id}`, { token: viewer })).status, 200);
    const viewerLink = await ctx.client.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${luis.id}&text=Hola`, { token: viewer });
    assert.equal(viewerLink.status, 200, viewerLink.text);
    const viewerPreview = await ctx.client.api('POST', `/api/v1/customers/${customer.id}/messages/preview`, {
      token: viewer,
      body: { channel: 'email', to: { contact_id: luis.id }, subject: 'Hola {{contact.first_name}}', body_html: '<p>Hola</p>' },
    });
    assertProblem(viewerPreview, 403, 'forbidden');
    const salesPreview = await ctx.client.api('POST', `/api/v1/customers/${customer.id}/messages/preview`, {
      token: sales,
      body: { channel: 'email', to: { contact_id: luis.id }, subject: 'Hola {{contact.first_name}}', body_html: '<p>Hola</p>' },
    });
    assert.equal(salesPreview.status, 200, salesPreview.text);
    assert.equal(salesPreview.json.subject, 'Hola Luis');
  });

  test('message templates: create, list, filter, update with versions, copy, delete, render', async () => {
    const templates = '/api/v1/message-templates';
    const email = await ctx.api('POST', templates, {
      body: {
        name: `Seguimiento ${unique()}`,
        channel: 'email',
        language: 'es',
        subject: 'Novedades para {{customer.name}}',
        body:
          '<p onclick="x()">Hola {{contact.first_name}},</p><script>S9()</script>' +
          '<p>Le escribe {{staff.name}} de {{store.name}}.</p>',
      },
    });
    assert.equal(email.status, 201, email.text);
    for (const key of ['id', 'name', 'channel', 'language', 'subject', 'body', 'placeholders', 'version', 'created_at', 'updated_at']) {
      assert.ok(key in email.json, `${key} missing: ${email.text}`);
    }
    assert.equal(email.json.channel, 'email');
    assert.doesNotMatch(email.json.body, /onclick|<script|S9/, 'the body is sanitised on save');
    assert.match(email.json.body, /<p>Hola \{\{contact\.first_name\}\},<\/p>/);
    assert.deepEqual(
      [...email.json.placeholders].sort(),
      ['contact.first_name', 'customer.name', 'staff.name', 'store.name'].sort(),
    );
    assert.deepEqual(
      email.json.placeholders.filter((p) => p !== 'customer.name'),
      ['contact.first_name', 'staff.name', 'store.name'],
      'in order of appearance',
    );

    const waName = `Aviso ${unique()}`;
    const whatsapp = await ctx.api('POST', templates, {
      body: {
        name: waName,
        channel: 'whatsapp',
        language: 'es',
        body: 'Hola {{contact.first_name}}, hay novedades para {{customer.name}} en {{store.name}}.',
        provider_template_name: 'aviso_novedades',
      },
    });
    assert.equal(whatsapp.status, 201, whatsapp.text);
    assert.equal(whatsapp.json.provider_template_name, 'aviso_novedades');
    assert.deepEqual(whatsapp.json.placeholders, ['contact.first_name', 'customer.name', 'store.name']);

    const english = await ctx.api('POST', templates, {
      body: { name: `Follow-up ${unique()}`, channel: 'email', language: 'en', subject: 'Hello', body: '<p>Hello {{contact.first_name}}</p>' },
    });
    assert.equal(english.status, 201, english.text);

    // Validation.
    assertFieldErrors(
      await ctx.api('POST', templates, { body: { name: 'Sin proveedor', channel: 'whatsapp', language: 'es', body: 'Hola' } }),
      { provider_template_name: null },
    );
    assertFieldErrors(
      await ctx.api('POST', templates, {
        body: { name: 'Mal nombre', channel: 'whatsapp', language: 'es', body: 'Hola', provider_template_name: 'Aviso Pedido!' },
      }),
      { provider_template_name: null },
    );
    assertFieldErrors(await ctx.api('POST', templates, { body: { name: 'Sin asunto', channel: 'email', language: 'es', body: '<p>x</p>' } }), {
      subject: null,
    });
    assertFieldErrors(
      await ctx.api('POST', templates, { body: { name: 'Canal', channel: 'sms', language: 'es', subject: 'x', body: 'x' } }),
      { channel: null },
    );
    const badBody = await ctx.api('POST', templates, {
      body: { name: 'Desconocido', channel: 'email', language: 'es', subject: 'x', body: '<p>{{customer.nope}}</p>' },
    });
    assertFieldErrors(badBody, { body: 'unknown_placeholder' });
    assert.match(badBody.json.errors[0].message, /customer\.nope/);
    assertFieldErrors(
      await ctx.api('POST', templates, { body: { name: 'Desconocido', channel: 'email', language: 'es', subject: '{{nope.x}}', body: '<p>x</p>' } }),
      { subject: 'unknown_placeholder' },
    );

    // Lists and filters.
    const list = await ctx.api('GET', templates);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.next_cursor, null);
    const ids = list.json.items.map((t) => t.id);
    for (const t of [email, whatsapp, english]) assert.ok(ids.includes(t.json.id), `${t.json.id} listed`);
    const names = list.json.items.map((t) => t.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'by name');
    const onlyWhatsapp = (await ctx.api('GET', `${templates}?channel=whatsapp`)).json.items;
    assert.ok(onlyWhatsapp.every((t) => t.channel === 'whatsapp'));
    assert.ok(onlyWhatsapp.some((t) => t.id === whatsapp.json.id) && !onlyWhatsapp.some((t) => t.id === email.json.id));
    const onlyEnglish = (await ctx.api('GET', `${templates}?language=en`)).json.items;
    assert.ok(onlyEnglish.every((t) => t.language === 'en'));
    assert.ok(onlyEnglish.some((t) => t.id === english.json.id) && !onlyEnglish.some((t) => t.id === email.json.id));
    const spanishEmail = (await ctx.api('GET', `${templates}?channel=email&language=es`)).json.items;
    assert.ok(spanishEmail.some((t) => t.id === email.json.id));
    assert.ok(spanishEmail.every((t) => t.channel === 'email' && t.language === 'es'));
    assertFieldErrors(await ctx.api('GET', `${templates}?channel=fax`), { channel: null });

    const placeholders = await ctx.api('GET', `${templates}/placeholders`);
    assert.equal(placeholders.status, 200, placeholders.text);
    const known = Object.fromEntries(placeholders.json.items.map((p) => [p.name, p.group]));
    for (const [name, group] of [
      ['customer.name', 'customer'],
      ['contact.first_name', 'contact'],
      ['order.number', 'order'],
      ['quick_link.url', 'quick_link'],
      ['store.name', 'store'],
      ['staff.name', 'staff'],
    ]) {
      assert.equal(known[name], group, `${name}: ${placeholders.text}`);
    }
    assert.ok(!('customer.nope' in known));

    // One template, with its ETag; updates with If-Match or version.
    const path = `${templates}/${email.json.id}`;
    const got = await ctx.api('GET', path);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.headers.get('etag'), `"${email.json.version}"`);
    assert.deepEqual(got.json, email.json);
    assertProblem(await ctx.api('PATCH', path, { body: { name: 'Tarde' }, headers: { 'if-match': `"${email.json.version + 5}"` } }), 412, 'precondition_failed');
    assertProblem(await ctx.api('PATCH', path, { body: { name: 'Tarde', version: email.json.version + 5 } }), 412, 'precondition_failed');
    const renamedTo = `Seguimiento renombrado ${unique()}`;
    const renamed = await ctx.api('PATCH', path, { body: { name: renamedTo }, headers: { 'if-match': `"${email.json.version}"` } });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.name, renamedTo);
    assert.equal(renamed.json.version, email.json.version + 1);
    assert.equal(renamed.headers.get('etag'), `"${renamed.json.version}"`);
    assertProblem(await ctx.api('PATCH', path, { body: { name: 'Otra vez' }, headers: { 'if-match': `"${email.json.version}"` } }), 412, 'precondition_failed');
    assertFieldErrors(await ctx.api('PATCH', path, { body: { body: '<p>{{contact.apodo}}</p>' } }), { body: 'unknown_placeholder' });
    assertFieldErrors(
      await ctx.api('PATCH', `${templates}/${whatsapp.json.id}`, { body: { provider_template_name: '' } }),
      { provider_template_name: null },
    );

    // Duplicate: a copy POSTed as a new template.
    const { id: _id, version: _v, created_at: _c, updated_at: _u, placeholders: _p, ...fields } = renamed.json;
    const copy = await ctx.api('POST', templates, { body: { ...fields, name: `${renamedTo} (copia)` } });
    assert.equal(copy.status, 201, copy.text);
    assert.notEqual(copy.json.id, email.json.id);
    assert.equal(copy.json.body, renamed.json.body);
    assert.deepEqual(copy.json.placeholders, renamed.json.placeholders);
    const copyPath = `${templates}/${copy.json.id}`;
    assert.equal((await ctx.api('DELETE', copyPath)).status, 204);
    assertProblem(await ctx.api('GET', copyPath), 404, 'not_found');
    assertProblem(await ctx.api('DELETE', copyPath), 404, 'not_found');
    assertProblem(await ctx.api('GET', `${templates}/999999`), 404, 'not_found');

    // Roles: staff read, admin and above write.
    const viewer = await signInAs(ctx, 'viewer');
    const sales = await signInAs(ctx, 'sales');
    const admin = await signInAs(ctx, 'admin');
    assert.equal((await ctx.client.api('GET', templates, { token: viewer })).status, 200);
    assert.equal((await ctx.client.api('GET', path, { token: sales })).status, 200);
    const draft = { name: `Borrador ${unique()}`, channel: 'email', language: 'es', subject: 'x', body: '<p>x</p>' };
    assertProblem(await ctx.client.api('POST', templates, { token: viewer, body: draft }), 403, 'forbidden');
    assertProblem(await ctx.client.api('POST', templates, { token: sales, body: draft }), 403, 'forbidden');
    assertProblem(await ctx.client.api('PATCH', path, { token: sales, body: { name: 'x' } }), 403, 'forbidden');
    assertProblem(await ctx.client.api('DELETE', path, { token: sales }), 403, 'forbidden');
    const byAdmin = await ctx.client.api('POST', templates, { token: admin, body: draft });
    assert.equal(byAdmin.status, 201, byAdmin.text);
    assert.equal((await ctx.client.api('DELETE', `${templates}/${byAdmin.json.id}`, { token: admin })).status, 204);

    // Render for a customer and a contact.
    const rendered = await ctx.api('POST', `${path}/render`, { body: { customer_id: customer.id, contact_id: luis.id } });
    assert.equal(rendered.status, 200, rendered.text);
    assert.equal(rendered.json.subject, `Novedades para ${customer.name}`);
    assert.match(rendered.json.body_html, /<p>Hola Luis,<\/p>/);
    assert.ok(rendered.json.body_html.includes(`Le escribe ${me.name} de ${STORE}.`), rendered.json.body_html);
    assert.match(rendered.json.body_text, /Hola Luis,/);
    assert.doesNotMatch(rendered.json.body_text, /<p>/);
    const forCustomer = await ctx.api('POST', `${path}/render`, { body: { customer_id: customer.id } });
    assert.equal(forCustomer.status, 200, forCustomer.text);
    assert.match(forCustomer.json.body_html, /Hola Ana,/, "the customer's contact person, first word");
    // Another customer's contact is refused (the contract names no status: 404 or 422 on contact_id).
    const foreignContact = await ctx.api('POST', `${path}/render`, { body: { customer_id: customer.id, contact_id: otherContact.id } });
    if (foreignContact.status === 404) assertProblem(foreignContact, 404, 'not_found');
    else assertFieldErrors(foreignContact, { contact_id: null });

    const withOrder = await ctx.api('POST', templates, {
      body: { name: `Pedido ${unique()}`, channel: 'email', language: 'es', subject: 'Pedido {{order.number}}', body: '<p>Total: {{order.total}}</p>' },
    });
    assert.equal(withOrder.status, 201, withOrder.text);
    const noOrder = await ctx.api('POST', `${templates}/${withOrder.json.id}/render`, { body: { customer_id: customer.id, contact_id: luis.id } });
    assertProblem(noOrder, 422, 'validation_failed');
    assert.ok(
      noOrder.json.errors.some((e) => e.code === 'unavailable_placeholder' && /order\.number/.test(e.message)),
      `order.number named: ${noOrder.text}`,
    );
    assert.ok(noOrder.json.errors.every((e) => e.code === 'unavailable_placeholder'), noOrder.text);
    const order = await ctx.api('POST', '/api/v1/orders', {
      body: { customer_id: customer.id, lines: [{ product_id: catalog.products.cable.id, quantity: 2 }] },
    });
    assert.equal(order.status, 201, order.text);
    const withOrderRendered = await ctx.api('POST', `${templates}/${withOrder.json.id}/render`, {
      body: { customer_id: customer.id, contact_id: luis.id, order_id: order.json.id },
    });
    assert.equal(withOrderRendered.status, 200, withOrderRendered.text);
    assert.equal(withOrderRendered.json.subject, `Pedido ${order.json.number}`);
    assert.match(withOrderRendered.json.body_html, /Total: 8,76(\s|&nbsp;|&#160;)€/, 'formatted money (2 × 4,38 €)');

    // A composed send may take a template and an order.
    const from = (await sink.stats()).messages;
    const viaTemplate = await send(customer.id, {
      channel: 'email',
      to: [{ contact_id: luis.id }],
      template_id: withOrder.json.id,
      subject: withOrder.json.subject,
      body_html: withOrder.json.body,
      order_id: order.json.id,
    });
    assert.equal(viaTemplate.status, 202, viaTemplate.text);
    assert.equal(viaTemplate.json.messages[0].template_id, withOrder.json.id);
    assert.equal(viaTemplate.json.subject, `Pedido ${order.json.number}`);
    await sink.waitForMessages(1, { from, timeoutMs: 30_000 });
    const mail = (await received(from)).find((m) => m.to_address === luis.email);
    assert.ok(mail, 'the templated email arrived');
    assert.equal(mail.subject, `Pedido ${order.json.number}`);

    // Render is for those who write (sales and above); a viewer gets 403 like on every POST.
    const byViewer = await ctx.client.api('POST', `${path}/render`, { token: viewer, body: { customer_id: customer.id, contact_id: luis.id } });
    assertProblem(byViewer, 403, 'forbidden');
  });

  test('WhatsApp: not configured → 409; configured, templates go to the Cloud API, fail, retry, and follow status webhooks', async () => {
    const template = await ctx.api('POST', '/api/v1/message-templates', {
      body: {
        name: `Recordatorio ${unique()}`,
        channel: 'whatsapp',
        language: 'es',
        body: 'Hola {{contact.first_name}}, {{customer.name}} tiene un aviso de {{store.name}}.',
        provider_template_name: 'recordatorio_cliente',
      },
    });
    assert.equal(template.status, 201, template.text);
    const waSend = (to, token) =>
      send(customer.id, { channel: 'whatsapp', to, template_id: template.json.id }, token);

    let settings = await ctx.api('GET', '/api/v1/settings');
    assert.equal(settings.json.whatsapp_configured, false, settings.text);
    assert.equal(settings.json.whatsapp_api_base_url, 'https://graph.facebook.com/v21.0');
    const countBefore = (await messagesOf(customer.id)).length;
    assertProblem(await waSend([{ contact_id: luis.id }]), 409, 'whatsapp_not_configured');
    assert.equal((await messagesOf(customer.id)).length, countBefore);

    const patched = await ctx.api('PATCH', '/api/v1/settings', {
      body: {
        whatsapp_api_base_url: wa.baseUrl,
        whatsapp_phone_number_id: WA_PHONE_ID,
        whatsapp_access_token: WA_TOKEN,
        whatsapp_app_secret: WA_APP_SECRET,
        whatsapp_verify_token: WA_VERIFY,
      },
    });
    assert.equal(patched.status, 200, patched.text);
    settings = await ctx.api('GET', '/api/v1/settings');
    assert.equal(settings.status, 200, settings.text);
    assert.equal(settings.json.whatsapp_configured, true);
    assert.equal(settings.json.whatsapp_api_base_url, wa.baseUrl);
    assert.equal(settings.json.whatsapp_phone_number_id, WA_PHONE_ID);
    for (const answer of [patched, settings]) {
      for (const secret of [WA_TOKEN, WA_APP_SECRET, WA_VERIFY]) {
        assert.ok(!answer.text.includes(secret), `a secret is never returned: ${answer.text}`);
      }
    }
    const viewer = await signInAs(ctx, 'viewer');
    const asViewer = await ctx.client.api('GET', '/api/v1/settings', { token: viewer });
    assert.ok(!asViewer.text.includes(WA_TOKEN) && !asViewer.text.includes(WA_APP_SECRET));

    // Refusals.
    const email = await ctx.api('POST', '/api/v1/message-templates', {
      body: { name: `Correo ${unique()}`, channel: 'email', language: 'es', subject: 'x', body: '<p>x</p>' },
    });
    assertFieldErrors(await send(customer.id, { channel: 'whatsapp', to: [{ contact_id: luis.id }], template_id: email.json.id }), {
      template_id: null,
    });
    assertFieldErrors(await waSend([{ phone: '+34 699 99 99 99' }]), { 'to[0].phone': null });
    assertFieldErrors(await waSend([{ contact_id: otherContact.id }]), { 'to[0].contact_id': null });
    assertProblem(await waSend([{ contact_id: luis.id }], viewer), 403, 'forbidden');

    // A template to a contact with a Spanish mobile typed the local way.
    const sent = await waSend([{ contact_id: luis.id }]);
    assert.equal(sent.status, 202, sent.text);
    assert.equal(sent.json.channel, 'whatsapp');
    assert.deepEqual(sent.json.to, ['+34612345678']);
    const [queued] = sent.json.messages;
    assert.equal(queued.to, '+34612345678', 'E.164');
    assert.equal(queued.template, 'whatsapp_template');
    assert.equal(queued.template_id, template.json.id);
    assert.equal(queued.contact_id, luis.id);
    const [request] = await wa.waitForRequests(1, { to: '34612345678', timeoutMs: 30_000 });
    assert.equal(request.path, `/v21.0/${WA_PHONE_ID}/messages`);
    assert.equal(request.headers.authorization, `Bearer ${WA_TOKEN}`);
    assert.match(request.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(request.body.messaging_product, 'whatsapp');
    assert.equal(request.body.to, '34612345678');
    assert.equal(request.body.type, 'template');
    assert.equal(request.body.template.name, 'recordatorio_cliente');
    assert.deepEqual(request.body.template.language, { code: 'es' });
    assert.deepEqual(request.body.template.components, [
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Luis' },
          { type: 'text', text: customer.name },
          { type: 'text', text: STORE },
        ],
      },
    ]);
    const wamid = request.response.messages[0].id;
    const done = await waitForStatus(queued.id, ['sent']);
    assert.ok(done.sent_at);
    assert.equal(done.attempts, 1);
    assert.equal(done.body_text, `Hola Luis, ${customer.name} tiene un aviso de ${STORE}.`);
    assert.equal((await wa.requests()).filter((r) => r.body?.to === '34612345678').length, 1, 'sent once');

    // A 4xx answer fails the message with the API's reason, at once.
    await wa.control('400', '34622112233');
    const refused = await waSend([{ contact_id: eva.id }]);
    assert.equal(refused.status, 202, refused.text);
    const failed = await waitForStatus(refused.json.id, ['failed', 'sent']);
    assert.equal(failed.status, 'failed');
    assert.match(failed.last_error, /\(#132001\) Template name does not exist in the translation/);
    assert.equal(failed.attempts, 1);
    assert.equal(failed.sent_at, null);
    await sleep(1_000);
    assert.equal((await wa.requests()).filter((r) => r.body?.to === '34622112233').length, 1, 'a 4xx is not retried');

    // A 5xx answer is retried with backoff; the same message goes once the API answers again.
    await wa.control('500', '34633445566');
    const retried = await waSend([{ phone: customer.whatsapp }]);
    assert.equal(retried.status, 202, retried.text);
    assert.equal(retried.json.messages[0].to, '+34633445566');
    const waiting = await eventually(
      async () => {
        const m = await message(retried.json.id);
        return m.attempts >= 2 ? m : undefined;
      },
      { timeoutMs: 40_000, what: 'two attempts after 500s' },
    );
    assert.equal(waiting.status, 'queued');
    assert.equal(typeof waiting.last_error, 'string');
    assert.ok(waiting.last_error.length > 0);
    assert.ok((await wa.requests()).filter((r) => r.body?.to === '34633445566').length >= 2);
    await wa.control('ok', '34633445566');
    const recovered = await waitForStatus(retried.json.id, ['sent', 'failed'], { timeoutMs: 60_000 });
    assert.equal(recovered.status, 'sent');
    assert.equal(recovered.last_error, null);

    // Retry: a failed message is queued again; anything else is 409.
    assertProblem(await ctx.client.api('POST', `/api/v1/messages/${refused.json.id}/retry`, { token: viewer }), 403, 'forbidden');
    await wa.control('ok', '34622112233');
    const again = await ctx.api('POST', `/api/v1/messages/${refused.json.id}/retry`);
    assert.equal(again.status, 202, again.text);
    assert.equal(again.json.id, refused.json.id);
    assert.equal(again.json.status, 'queued');
    const resent = await waitForStatus(refused.json.id, ['sent', 'failed']);
    assert.equal(resent.status, 'sent');
    assertProblem(await ctx.api('POST', `/api/v1/messages/${queued.id}/retry`), 409, 'not_failed');
    assertProblem(await ctx.api('POST', '/api/v1/messages/999999/retry'), 404, 'not_found');

    // Status webhooks, signed with the app secret.
    const hook = `${ctx.server.url}/api/v1/webhooks/whatsapp`;
    const ts = String(Math.floor(Date.now() / 1000));
    let answer = await wa.webhook(hook, WA_APP_SECRET, [{ id: wamid, status: 'delivered', timestamp: ts, recipient_id: '34612345678' }]);
    assert.ok(answer.status >= 200 && answer.status < 300, answer.body);
    let state = await message(queued.id);
    assert.equal(state.status, 'delivered');
    assert.ok(state.delivered_at);
    answer = await wa.webhook(hook, WA_APP_SECRET, [{ id: wamid, status: 'read', timestamp: ts, recipient_id: '34612345678' }]);
    assert.ok(answer.status >= 200 && answer.status < 300, answer.body);
    state = await message(queued.id);
    assert.equal(state.status, 'read');
    assert.ok(state.read_at);
    answer = await wa.webhook(hook, WA_APP_SECRET, [{ id: wamid, status: 'delivered', timestamp: ts, recipient_id: '34612345678' }]);
    assert.ok(answer.status >= 200 && answer.status < 300, answer.body);
    assert.equal((await message(queued.id)).status, 'read', 'never backwards');
    answer = await wa.webhook(hook, WA_APP_SECRET, [{ id: 'wamid.desconocido', status: 'read', timestamp: ts, recipient_id: '34600000000' }]);
    assert.ok(answer.status >= 200 && answer.status < 300, `an unknown id is ignored: ${answer.body}`);

    const recoveredWamid = (await wa.requests()).find((r) => r.body?.to === '34633445566' && r.status === 200).response.messages[0].id;
    answer = await wa.webhook(hook, WA_APP_SECRET, [{ id: recoveredWamid, status: 'read', timestamp: ts, recipient_id: '34633445566' }], true);
    assert.equal(answer.status, 401, `a forged signature: ${answer.body}`);
    answer = await wa.webhook(hook, WA_APP_SECRET, [{ id: recoveredWamid, status: 'read', timestamp: ts, recipient_id: '34633445566' }], false, {
      omit_signature: true,
    });
    assert.equal(answer.status, 401, `no signature: ${answer.body}`);
    const unsigned = await ctx.client.api('POST', '/api/v1/webhooks/whatsapp', {
      rawBody: answer.sent,
      headers: { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) },
    });
    assert.equal(unsigned.status, 401, unsigned.text);
    assert.equal((await message(retried.json.id)).status, 'sent', 'nothing changed');

    // The verification handshake.
    const verify = await ctx.client.api(
      'GET',
      `/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(WA_VERIFY)}&hub.challenge=1158201444`,
    );
    assert.equal(verify.status, 200, verify.text);
    assert.equal(verify.text, '1158201444');
    assert.match(verify.headers.get('content-type') ?? '', /^text\/plain/);
    const wrong = await ctx.client.api('GET', '/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=mal&hub.challenge=1158201444');
    assert.equal(wrong.status, 403, wrong.text);
    assert.ok(!wrong.text.includes('1158201444'));

    // The list filters by channel; every WhatsApp message went to the stand-in with the token.
    const whatsappMessages = await messagesOf(customer.id, '&channel=whatsapp');
    assert.ok(whatsappMessages.length >= 3 && whatsappMessages.every((m) => m.channel === 'whatsapp'));
    assert.ok((await wa.requests()).every((r) => r.headers.authorization === `Bearer ${WA_TOKEN}`));
  });

  test('click-to-chat links, and phone numbers checked on save', async () => {
    const link = await ctx.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${luis.id}&text=Hola`);
    assert.equal(link.status, 200, link.text);
    assert.equal(link.json.url, 'https://wa.me/34612345678?text=Hola');
    assert.equal(link.json.phone, '+34612345678');

    const text = 'Hola Luis, ¿qué tal? 50% & más';
    const encoded = await ctx.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${luis.id}&text=${encodeURIComponent(text)}`);
    assert.equal(encoded.status, 200, encoded.text);
    const url = new URL(encoded.json.url);
    assert.equal(`${url.origin}${url.pathname}`, 'https://wa.me/34612345678');
    assert.equal(url.searchParams.get('text'), text);
    const query = encoded.json.url.slice(encoded.json.url.indexOf('?') + 1);
    assert.ok(query.startsWith('text='), encoded.json.url);
    assert.doesNotMatch(query.slice(5), /[ ¿&#]/u, `the text is URL-encoded: ${encoded.json.url}`);
    assert.equal(decodeURIComponent(query.slice(5).replace(/\+/g, ' ')), text);

    // Without a contact: the customer's WhatsApp number.
    const own = await ctx.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?text=Hola`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.phone, '+34633445566');
    assert.equal(own.json.url, 'https://wa.me/34633445566?text=Hola');

    // A template rendered for the contact as the text.
    const template = await ctx.api('POST', '/api/v1/message-templates', {
      body: {
        name: `Enlace ${unique()}`,
        channel: 'whatsapp',
        language: 'es',
        body: 'Hola {{contact.first_name}}, le saluda {{store.name}}',
        provider_template_name: 'saludo',
      },
    });
    assert.equal(template.status, 201, template.text);
    const viaTemplate = await ctx.api(
      'GET',
      `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${luis.id}&template_id=${template.json.id}`,
    );
    assert.equal(viaTemplate.status, 200, viaTemplate.text);
    assert.equal(new URL(viaTemplate.json.url).searchParams.get('text'), `Hola Luis, le saluda ${STORE}`);
    const foreignLink = await ctx.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${otherContact.id}`);
    if (foreignLink.status === 404) assertProblem(foreignLink, 404, 'not_found');
    else assertFieldErrors(foreignLink, { contact_id: null });

    // Impossible numbers are never stored.
    const contactPath = `/api/v1/contacts/${luis.id}`;
    assertFieldErrors(await ctx.api('PATCH', contactPath, { body: { phone: '12', country: 'ES' } }), { phone: 'invalid_phone' });
    assertFieldErrors(await ctx.api('PATCH', contactPath, { body: { whatsapp: '12' } }), { whatsapp: 'invalid_phone' });
    assertFieldErrors(
      await ctx.api('POST', `/api/v1/customers/${customer.id}/contacts`, {
        body: { first_name: 'Nuevo', email: `nuevo.${unique()}@cliente.example`, password: PASSWORD, phone: '12', country: 'ES' },
      }),
      { phone: 'invalid_phone' },
    );
    const stillThere = await ctx.api('GET', contactPath);
    assert.equal(stillThere.json.phone, '612 34 56 78', 'stored as typed, unchanged');
    const link2 = await ctx.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${luis.id}&text=Hola`);
    assert.equal(link2.json.url, 'https://wa.me/34612345678?text=Hola');

    // A number valid in its country is stored as typed and sent as E.164 of that country.
    const french = await ctx.api('POST', `/api/v1/customers/${customer.id}/contacts`, {
      body: { first_name: 'Jean', email: `jean.${unique()}@cliente.example`, password: PASSWORD, phone: '06 12 34 56 78', country: 'FR' },
    });
    assert.equal(french.status, 201, french.text);
    assert.equal(french.json.phone, '06 12 34 56 78');
    assert.equal(french.json.country, 'FR');
    const frenchLink = await ctx.api('GET', `/api/v1/customers/${customer.id}/whatsapp-link?contact_id=${french.json.id}&text=Bonjour`);
    assert.equal(frenchLink.status, 200, frenchLink.text);
    assert.equal(frenchLink.json.url, 'https://wa.me/33612345678?text=Bonjour');
    assert.equal(frenchLink.json.phone, '+33612345678');

    // Customers' numbers are checked the same way.
    assertFieldErrors(await ctx.api('PATCH', `/api/v1/customers/${customer.id}`, { body: { phone: '12' } }), { phone: 'invalid_phone' });
    assertFieldErrors(await ctx.api('PATCH', `/api/v1/customers/${customer.id}`, { body: { whatsapp: '12' } }), { whatsapp: 'invalid_phone' });
    assertFieldErrors(await ctx.api('POST', '/api/v1/customers', { body: { name: `Tel ${unique()}`, phone: '12', country: 'ES' } }), {
      phone: 'invalid_phone',
    });
    assert.equal((await ctx.api('GET', `/api/v1/customers/${customer.id}`)).json.phone, '912 34 56 78', 'unchanged');
  });

  test('order notifications: an order entering confirmed or shipped mails its contact in the customer language', async () => {
    const settings = await ctx.api('GET', '/api/v1/settings');
    assert.deepEqual([...settings.json.notify_order_status].sort(), ['confirmed', 'delivered', 'shipped']);
    assert.equal(settings.json.default_country, 'ES');
    assertFieldErrors(await ctx.api('PATCH', '/api/v1/settings', { body: { notify_order_status: ['lost'] } }), {
      notify_order_status: null,
    });

    const english = await makeCustomer(ctx, catalog, { language: 'en' });
    const buyer = await createContact(english.id, { first_name: 'John', last_name: 'Smith', email: `john.${unique()}@buyer.example`, role: 'purchasing' });
    const token = await portalLogin(buyer.email);
    const placed = await ctx.client.api('POST', '/api/v1/portal/orders', {
      token,
      body: { lines: [{ product_id: catalog.products.lamp.id, quantity: 1 }] },
      headers: { 'idempotency-key': `k-${unique()}` },
    });
    assert.equal(placed.status, 201, placed.text);
    const order = placed.json;
    const statusMails = async () => (await messagesOf(english.id)).filter((m) => m.template === 'order_status');
    assert.equal((await statusMails()).length, 0, 'no status mail for pending');

    const from = (await sink.stats()).messages;
    const move = async (to) => {
      const moved = await ctx.api('POST', `/api/v1/orders/${order.id}/transitions`, { body: { to } });
      assert.equal(moved.status, 200, `${to}: ${moved.text}`);
    };
    await move('confirmed');
    const [confirmed] = await eventually(async () => {
      const items = await statusMails();
      return items.length === 1 ? items : undefined;
    }, { what: 'the confirmed mail' });
    assert.equal(confirmed.to, buyer.email);
    assert.equal(confirmed.contact_id, buyer.id);
    assert.equal(confirmed.channel, 'email');
    assert.equal(confirmed.sent_by, null, 'automatic');
    const sentMail = await waitForStatus(confirmed.id, ['sent']);
    assert.ok(sentMail.body_text.includes(order.number), sentMail.body_text);

    const mails = await eventually(async () => {
      const all = await received(from);
      const mine = all.filter((m) => m.to_address === buyer.email && m.subject === confirmed.subject);
      return mine.length === 1 ? mine : undefined;
    }, { what: 'the order status email at the SMTP server' });
    const [mail] = mails;
    assert.ok(mail.text.includes(order.number) || mail.subject.includes(order.number), 'names the order');
    assert.match(mail.html, /<html lang="en">/, 'in the customer language');
    assert.match(mail.text, /Automatic message from/);
    assert.doesNotMatch(mail.text, /Mensaje automático/);

    await move('in_production');
    await sleep(500);
    assert.equal((await statusMails()).length, 1, 'in_production is not notified');
    await move('shipped');
    const afterShipped = await eventually(async () => {
      const items = await statusMails();
      return items.length === 2 ? items : undefined;
    }, { what: 'the shipped mail' });
    assert.ok(afterShipped.every((m) => m.to === buyer.email));

    // The setting decides which statuses are notified.
    const narrowed = await ctx.api('PATCH', '/api/v1/settings', { body: { notify_order_status: ['delivered'] } });
    assert.equal(narrowed.status, 200, narrowed.text);
    assert.deepEqual(narrowed.json.notify_order_status, ['delivered']);
    const second = await ctx.client.api('POST', '/api/v1/portal/orders', {
      token,
      body: { lines: [{ product_id: catalog.products.cable.id, quantity: 1 }] },
      headers: { 'idempotency-key': `k-${unique()}` },
    });
    assert.equal(second.status, 201, second.text);
    const confirmedAgain = await ctx.api('POST', `/api/v1/orders/${second.json.id}/transitions`, { body: { to: 'confirmed' } });
    assert.equal(confirmedAgain.status, 200, confirmedAgain.text);
    await sleep(300);
    assert.equal((await statusMails()).length, 2, 'confirmed is no longer notified');
    const restored = await ctx.api('PATCH', '/api/v1/settings', { body: { notify_order_status: ['confirmed', 'shipped', 'delivered'] } });
    assert.equal(restored.status, 200, restored.text);

    // A Spanish customer gets it in Spanish.
    const spanish = await makeCustomer(ctx, catalog, { language: 'es' });
    const compradora = await createContact(spanish.id, { first_name: 'Rosa', email: `rosa.${unique()}@compras.example`, role: 'purchasing' });
    const rosa = await portalLogin(compradora.email);
    const third = await ctx.client.api('POST', '/api/v1/portal/orders', {
      token: rosa,
      body: { lines: [{ product_id: catalog.products.cable.id, quantity: 1 }] },
      headers: { 'idempotency-key': `k-${unique()}` },
    });
    assert.equal(third.status, 201, third.text);
    const fromEs = (await sink.stats()).messages;
    const confirmedEs = await ctx.api('POST', `/api/v1/orders/${third.json.id}/transitions`, { body: { to: 'confirmed' } });
    assert.equal(confirmedEs.status, 200, confirmedEs.text);
    const [esMessage] = await eventually(async () => {
      const items = (await messagesOf(spanish.id)).filter((m) => m.template === 'order_status');
      return items.length === 1 ? items : undefined;
    }, { what: 'the Spanish status mail' });
    const esMails = await eventually(async () => {
      const mine = (await received(fromEs)).filter((m) => m.to_address === compradora.email && m.subject === esMessage.subject);
      return mine.length === 1 ? mine : undefined;
    }, { what: 'the Spanish status email at the SMTP server' });
    assert.match(esMails[0].html, /<html lang="es">/);
    assert.match(esMails[0].text, /Mensaje automático/);
    assert.notEqual(esMessage.subject, confirmed.subject.replace(order.number, third.json.number), 'a different language');

    // The contact's history shows its order mails.
    const history = await ctx.api('GET', `/api/v1/contacts/${buyer.id}/history?kind=message`);
    assert.equal(history.status, 200, history.text);
    assert.ok(history.json.items.some((e) => e.type === 'message_sent' && e.data.to === buyer.email), history.text);
  });
});
