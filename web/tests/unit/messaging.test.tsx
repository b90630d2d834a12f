import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import i18n from '../../src/i18n';
import { createApiClient, setApiClient } from '../../src/api/client';
import type { Contact } from '../../src/api/contacts';
import type { HistoryItem } from '../../src/api/history';
import { buildWhatsAppUrl, whatsappLinkQuery, type Template } from '../../src/api/messaging';
import { createQueryClient } from '../../src/App';
import {
  buildRecipients,
  defaultRecipientKeys,
  mapComposerErrors,
  recipientLanguage,
  recipientsToSend,
} from '../../src/pages/messaging/composer';
import { EmailComposerDialog } from '../../src/pages/messaging/EmailComposerDialog';
import { insertHtmlAt, isBlankHtml, sanitizeHtml } from '../../src/pages/messaging/richText';
import { chatUrl, phoneOptions, WhatsAppChatDialog } from '../../src/pages/messaging/WhatsAppDialogs';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
});

const t = i18n.t.bind(i18n) as unknown as (k: string, o?: Record<string, unknown>) => string;

function makeContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    customer_id: '42',
    first_name: 'Andrés',
    last_name: 'Núñez',
    email: 'andres@nunez.example',
    phone: '+34 910 000 001',
    whatsapp: '+34 600 000 001',
    country: null,
    department: 'Compras',
    role: 'purchasing',
    permissions: ['place_orders'],
    language: null,
    access: 'active',
    has_password: true,
    last_login_at: null,
    last_order: null,
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    version: 1,
    ...overrides,
  };
}

const ANDRES = makeContact();
const JULIETA = makeContact({ id: 'c2', first_name: 'Julieta', last_name: 'Ramos', email: 'julieta@nunez.example', role: 'billing', language: 'en', whatsapp: null, phone: null });
const SIN_CORREO = makeContact({ id: 'c3', first_name: 'Pablo', last_name: null, email: '', role: null });

function template(overrides: Partial<Template>): Template {
  return {
    id: 't1',
    name: 'Bienvenida',
    channel: 'email',
    language: 'es',
    subject: 'Bienvenido, {{contact.first_name}}',
    body: '<p>AAA</p>',
    provider_template_name: null,
    placeholders: ['contact.first_name'],
    version: 1,
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

const TEMPLATES = [
  template({ id: 't1', name: 'Primera', subject: 'Asunto uno', body: '<p>AAA</p>' }),
  template({ id: 't2', name: 'Segunda', subject: 'Asunto dos', body: '<p>BBB</p>' }),
  template({ id: 't3', name: 'Tercera', subject: 'Asunto tres', body: '<p>Texto <b>tres</b></p><ul><li>uno</li></ul>' }),
  template({ id: 't4', name: 'Welcome', language: 'en', subject: 'Welcome', body: '<p>EN</p>' }),
];

type Handler = (req: Request, url: URL) => Response | Promise<Response>;

function setup(handler: Handler) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (req: Request) => {
    requests.push(req.clone());
    return handler(req, new URL(req.url));
  });
  setApiClient(
    createApiClient({
      baseUrl: 'http://cartera.test',
      fetch: fetch as unknown as typeof globalThis.fetch,
      getCookies: () => 'cartera_csrf=t0k',
      onUnauthorized: () => undefined,
    }),
  );
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  return { requests, queryClient };
}

function server(extra?: Handler): Handler {
  return async (req, url) => {
    const more = extra ? await extra(req, url) : null;
    if (more && more.status !== 599) return more;
    if (url.pathname === '/api/v1/customers/42/contacts') return json({ items: [ANDRES, JULIETA, SIN_CORREO], next_cursor: null });
    if (url.pathname === '/api/v1/message-templates') {
      const channel = url.searchParams.get('channel');
      return json({ items: TEMPLATES.filter((x) => !channel || x.channel === channel), next_cursor: null });
    }
    if (url.pathname === '/api/v1/orders') return json({ items: [], next_cursor: null });
    return json({ type: 'about:blank', status: 404, code: 'not_found' }, 404);
  };
}
const pass = () => new Response(null, { status: 599 });

function renderComposer(handler: Handler, onSent = vi.fn()) {
  const { requests, queryClient } = setup(handler);
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <EmailComposerDialog customer={makeCustomer()} onClose={onClose} onSent={onSent} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { requests, onClose, onSent };
}

const area = () => screen.getByTestId('composer-body-area');

/** Writes `html` into the editor as typing would, with the caret after `before` in its first text. */
function typeBody(html: string, caretAfter?: string) {
  const el = area();
  el.innerHTML = html;
  fireEvent.input(el);
  if (caretAfter === undefined) return;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !(node.textContent ?? '').includes(caretAfter)) node = walker.nextNode();
  const range = document.createRange();
  range.setStart(node!, (node!.textContent ?? '').indexOf(caretAfter) + caretAfter.length);
  range.collapse(true);
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
}

async function templateRow(name: string) {
  const rows = await screen.findAllByTestId('composer-template');
  const row = rows.find((r) => r.textContent?.includes(name));
  if (!row) throw new Error(`no template ${name}`);
  return row;
}

describe('composer model', () => {
  test('recipients: the main email first, then each contact; those without email cannot be chosen', () => {
    const options = buildRecipients(makeCustomer(), [ANDRES, JULIETA, SIN_CORREO]);
    expect(options.map((o) => [o.key, o.name, o.role, o.email, o.disabled])).toEqual([
      ['customer', 'Lucía Núñez', 'main', 'compras@ferreteria-nunez.es', false],
      ['contact:c1', 'Andrés Núñez', 'purchasing', 'andres@nunez.example', false],
      ['contact:c2', 'Julieta Ramos', 'billing', 'julieta@nunez.example', false],
      ['contact:c3', 'Pablo', null, null, true],
    ]);
    expect(options[0].to).toEqual({ email: 'compras@ferreteria-nunez.es' });
    expect(options[1].to).toEqual({ contact_id: 'c1' });
    expect(defaultRecipientKeys(options)).toEqual(['customer']);
    expect(defaultRecipientKeys(options, 'c2')).toEqual(['contact:c2']);
    // A customer without email: the first contact with one.
    const noMain = buildRecipients(makeCustomer({ email: null }), [SIN_CORREO, JULIETA]);
    expect(noMain[0].disabled).toBe(true);
    expect(defaultRecipientKeys(noMain)).toEqual(['contact:c2']);
    // What is sent follows the list's order, whatever the order of choosing; disabled ones never go.
    expect(recipientsToSend(options, ['contact:c2', 'contact:c3', 'customer'])).toEqual({
      keys: ['customer', 'contact:c2'],
      to: [{ email: 'compras@ferreteria-nunez.es' }, { contact_id: 'c2' }],
    });
    expect(recipientLanguage(makeCustomer({ language: 'es' }), [ANDRES, JULIETA], 'contact:c2')).toBe('en');
    expect(recipientLanguage(makeCustomer({ language: 'en' }), [ANDRES, JULIETA], 'customer')).toBe('en');
    expect(recipientLanguage(makeCustomer({ language: undefined }), [], undefined)).toBe('es');
  });

  test('422 field errors land on the recipient, subject, body and attachment they name', () => {
    const errors = mapComposerErrors(
      [
        { field: 'to[1].contact_id', code: 'invalid', message: 'not a contact of this customer' },
        { field: 'to[0].email', code: 'no_email', message: 'no email' },
        { field: 'subject', code: 'too_long', message: 'too long' },
        { field: 'body_html', code: 'unknown_placeholder', message: '{{cliente.nombre}}' },
        { field: 'attachment_ids[1]', code: 'not_found', message: 'not found' },
        { field: 'order_id', code: 'not_found', message: 'no such order' },
      ],
      ['customer', 'contact:c2'],
      ['9', '10'],
      t,
    );
    expect(errors.recipients).toEqual({
      'contact:c2': 'El formato no es válido.',
      customer: 'Este destinatario no tiene correo electrónico.',
    });
    expect(errors.to).toBe('El formato no es válido.');
    expect(errors.subject).toBe('Es demasiado largo.');
    expect(errors.body).toBe('Dato desconocido: {{cliente.nombre}}');
    expect(errors.attachmentItems).toEqual({ '10': 'No existe o no pertenece a este cliente.' });
    expect(errors.attachments).toBe('No existe o no pertenece a este cliente.');
    expect(errors.other).toEqual(['order_id: No existe o no pertenece a este cliente.']);
  });

  test('rich text keeps the server allow-list and inserts at a caret, splitting paragraphs', () => {
    expect(sanitizeHtml('<p onclick="x()">Hola <span style="color:red">mundo</span><script>alert(1)</script></p><a href="javascript:alert(1)">x</a><a href="https://a.example" target="_blank">y</a>')).toBe(
      '<p>Hola mundo</p><a>x</a><a href="https://a.example">y</a>',
    );
    expect(sanitizeHtml('<div>uno</div><h2>dos</h2>')).toBe('<p>uno</p><p>dos</p>');
    expect(isBlankHtml('<p><br></p>')).toBe(true);
    expect(isBlankHtml('<p>x</p>')).toBe(false);

    const root = document.createElement('div');
    root.innerHTML = '<p>Hola mundo</p>';
    const text = root.querySelector('p')!.firstChild!;
    const caret = document.createRange();
    caret.setStart(text, 5);
    caret.collapse(true);
    // One paragraph goes inline at the caret; the next insertion goes after it.
    const after = insertHtmlAt(root, caret, '<p>AAA</p>');
    insertHtmlAt(root, after, '<p>BBB</p>');
    expect(root.innerHTML).toBe('<p>Hola AAABBBmundo</p>');
    // Blocks split the paragraph.
    const root2 = document.createElement('div');
    root2.innerHTML = '<p>Hola mundo</p>';
    const caret2 = document.createRange();
    caret2.setStart(root2.querySelector('p')!.firstChild!, 5);
    insertHtmlAt(root2, caret2, '<p>Uno</p><ul><li>dos</li></ul>');
    expect(root2.innerHTML).toBe('<p>Hola </p><p>Uno</p><ul><li>dos</li></ul><p>mundo</p>');
    // Without a caret: at the end.
    const root3 = document.createElement('div');
    root3.innerHTML = '<p>Fin</p>';
    insertHtmlAt(root3, null, '<p>Más</p><p>Otra</p>');
    expect(root3.innerHTML).toBe('<p>Fin</p><p>Más</p><p>Otra</p>');
  });
});

describe('email composer', () => {
  test('Para lists the main email and every contact (role, email); contacts without email are disabled', async () => {
    renderComposer(server());
    const labels = await screen.findAllByTestId('composer-recipient');
    expect(labels.map((l) => l.getAttribute('data-key'))).toEqual(['customer', 'contact:c1', 'contact:c2', 'contact:c3']);
    expect(labels[0].textContent).toContain('Correo principal');
    expect(labels[0].textContent).toContain('compras@ferreteria-nunez.es');
    expect(labels[1].textContent).toContain('Andrés Núñez');
    expect(labels[1].textContent).toContain('Compras');
    expect(labels[1].textContent).toContain('andres@nunez.example');
    expect(labels[3].textContent).toContain('Sin correo electrónico');
    const boxes = labels.map((l) => l.querySelector('input') as HTMLInputElement);
    expect(boxes.map((b) => b.checked)).toEqual([true, false, false, false]);
    expect(boxes[3].disabled).toBe(true);
    // Templates are offered in the first recipient's language: Spanish for the customer, English for Julieta.
    expect((await screen.findAllByTestId('composer-template')).map((r) => r.getAttribute('data-template-id'))).toEqual(['t1', 't2', 't3']);
    fireEvent.click(boxes[0]);
    fireEvent.click(boxes[2]);
    await waitFor(() => expect(screen.getAllByTestId('composer-template').map((r) => r.getAttribute('data-template-id'))).toEqual(['t4']));
  });

  test('Insertar twice inserts both templates at the caret, one after the other', async () => {
    renderComposer(server());
    await screen.findAllByTestId('composer-template');
    typeBody('<p>Hola mundo</p>', 'Hola ');
    fireEvent.click(within(await templateRow('Primera')).getByTestId('template-insert'));
    fireEvent.click(within(await templateRow('Segunda')).getByTestId('template-insert'));
    expect(area().innerHTML).toBe('<p>Hola AAABBBmundo</p>');
    // The first template's subject fills an empty subject; the second leaves it.
    expect((screen.getByTestId('composer-subject') as HTMLInputElement).value).toBe('Asunto uno');
    expect(screen.queryByTestId('confirm-replace')).toBeNull();
  });

  test('Sustituir replaces the whole body, asking first when it was edited', async () => {
    renderComposer(server());
    await screen.findAllByTestId('composer-template');
    // Empty body: no question.
    fireEvent.click(within(await templateRow('Primera')).getByTestId('template-replace'));
    expect(area().innerHTML).toBe('<p>AAA</p>');
    expect((screen.getByTestId('composer-subject') as HTMLInputElement).value).toBe('Asunto uno');
    // Unchanged since: still no question.
    fireEvent.click(within(await templateRow('Segunda')).getByTestId('template-replace'));
    expect(area().innerHTML).toBe('<p>BBB</p>');
    // Edited: asks; Cancel keeps the text, confirming replaces it.
    typeBody('<p>BBB y algo más</p>');
    fireEvent.click(within(await templateRow('Tercera')).getByTestId('template-replace'));
    const confirm = await screen.findByTestId('confirm-replace');
    fireEvent.click(within(confirm).getByText('Cancelar'));
    expect(area().innerHTML).toBe('<p>BBB y algo más</p>');
    fireEvent.click(within(await templateRow('Tercera')).getByTestId('template-replace'));
    fireEvent.click(within(await screen.findByTestId('confirm-replace')).getByTestId('confirm-replace-button'));
    await waitFor(() => expect(screen.queryByTestId('confirm-replace')).toBeNull());
    expect(area().innerHTML).toBe('<p>Texto <b>tres</b></p><ul><li>uno</li></ul>');
    expect((screen.getByTestId('composer-subject') as HTMLInputElement).value).toBe('Asunto tres');
  });

  test('a 422 on send shows each error on its field; a 202 reports the batch', async () => {
    let answer: 'invalid' | 'ok' = 'invalid';
    const onSent = vi.fn();
    const { requests } = renderComposer(
      server(async (req, url) => {
        if (url.pathname !== '/api/v1/customers/42/messages' || req.method !== 'POST') return pass();
        if (answer === 'invalid') {
          return json(
            {
              type: 'about:blank',
              status: 422,
              code: 'validation_failed',
              errors: [
                { field: 'to[1].contact_id', code: 'invalid', message: 'not a contact of this customer' },
                { field: 'body_html', code: 'unknown_placeholder', message: '{{cliente.nombre}}' },
              ],
            },
            422,
          );
        }
        return json(
          {
            id: '41',
            batch_id: '41',
            channel: 'email',
            status: 'queued',
            to: ['compras@ferreteria-nunez.es', 'andres@nunez.example'],
            subject: 'Pedido',
            created_at: '2026-12-07T16:40:00Z',
            messages: [],
          },
          202,
        );
      }),
      onSent,
    );
    const labels = await screen.findAllByTestId('composer-recipient');
    fireEvent.click(labels[1].querySelector('input')!);
    // Nothing written yet: the client asks for the subject and the body first.
    fireEvent.click(screen.getByTestId('composer-send'));
    expect((await screen.findByTestId('error-composer-subject')).textContent).toBe('Escribe el asunto.');
    expect(screen.getByTestId('error-composer-body').textContent).toBe('Escribe el mensaje.');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('composer-subject'), { target: { value: 'Pedido' } });
    typeBody('<p>Hola {{cliente.nombre}}</p>');
    fireEvent.click(screen.getByTestId('composer-send'));
    expect((await screen.findByTestId('error-composer-body')).textContent).toBe('Dato desconocido: {{cliente.nombre}}');
    const rowErrors = screen.getAllByTestId('composer-recipient-error');
    expect(rowErrors).toHaveLength(1);
    expect(rowErrors[0].closest('li')!.querySelector('[data-key]')!.getAttribute('data-key')).toBe('contact:c1');
    expect(screen.getByTestId('error-composer-to').textContent).toBe('El formato no es válido.');
    expect(screen.getByTestId('composer-body-area').getAttribute('aria-invalid')).toBe('true');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({
      channel: 'email',
      to: [{ email: 'compras@ferreteria-nunez.es' }, { contact_id: 'c1' }],
      subject: 'Pedido',
      body_html: '<p>Hola {{cliente.nombre}}</p>',
    });

    answer = 'ok';
    typeBody('<p>Hola <b>Lucía</b></p>');
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(onSent.mock.calls[0][0]).toMatchObject({ id: '41', to: ['compras@ferreteria-nunez.es', 'andres@nunez.example'] });
  });

  test('Vista previa shows the rendered subject and body for the chosen recipient, or the unknown placeholder', async () => {
    let previewAnswer: 'ok' | 'invalid' = 'invalid';
    const { requests } = renderComposer(
      server((_req, url) => {
        if (url.pathname !== '/api/v1/customers/42/messages/preview') return pass();
        return previewAnswer === 'invalid'
          ? json({ status: 422, code: 'validation_failed', errors: [{ field: 'subject', code: 'unavailable_placeholder', message: '{{order.number}}' }] }, 422)
          : json({ subject: 'Hola Lucía', body_html: '<p>Texto para <b>Lucía</b></p><script>x</script>', body_text: 'Texto para Lucía' });
      }),
    );
    await screen.findAllByTestId('composer-recipient');
    fireEvent.change(screen.getByTestId('composer-subject'), { target: { value: 'Pedido {{order.number}}' } });
    typeBody('<p>Texto</p>');
    fireEvent.click(screen.getByTestId('composer-preview'));
    expect((await screen.findByTestId('composer-preview-error')).textContent).toContain('Dato no disponible en este envío: {{order.number}}');
    expect(screen.getByTestId('error-composer-subject').textContent).toBe('Dato no disponible en este envío: {{order.number}}');
    const sentPreview = requests.find((r) => new URL(r.url).pathname.endsWith('/preview'))!;
    expect((await sentPreview.json()).to).toEqual({ email: 'compras@ferreteria-nunez.es' });

    previewAnswer = 'ok';
    fireEvent.change(screen.getByTestId('composer-subject'), { target: { value: 'Hola {{contact.first_name}}' } });
    fireEvent.click(screen.getByTestId('composer-preview'));
    expect((await screen.findByTestId('composer-preview-subject')).textContent).toBe('Hola Lucía');
    expect(screen.getByTestId('composer-preview-body').innerHTML).toBe('<p>Texto para <b>Lucía</b></p>');
  });
});

describe('WhatsApp click-to-chat', () => {
  test('link building: digits of the E.164 number and the text, encoded', () => {
    expect(buildWhatsAppUrl('+34 612 34 56 78', 'Hola Ana & co: ¿mañana?')).toBe(
      'https://wa.me/34612345678?text=Hola%20Ana%20%26%20co%3A%20%C2%BFma%C3%B1ana%3F',
    );
    expect(buildWhatsAppUrl('+34612345678', '  ')).toBe('https://wa.me/34612345678');
    expect(whatsappLinkQuery({ contactId: 'c1', text: '', templateId: null })).toEqual({ contact_id: 'c1' });
    expect(whatsappLinkQuery({ templateId: 't9' })).toEqual({ template_id: 't9' });
    const link = { url: 'https://wa.me/34612345678', phone: '+34612345678' };
    expect(chatUrl(link, '')).toBe('https://wa.me/34612345678');
    expect(chatUrl(link, 'Hola')).toBe('https://wa.me/34612345678?text=Hola');
    expect(chatUrl({ url: 'https://wa.me/34612345678', phone: '' }, 'Hola Ana')).toBe('https://wa.me/34612345678?text=Hola+Ana');
    // Who can get one: the customer's WhatsApp (else phone), then contacts with a number.
    const options = phoneOptions(makeCustomer({ whatsapp: '+34 600 111 222' }), [ANDRES, JULIETA]);
    expect(options.map((o) => [o.key, o.phone, o.to])).toEqual([
      ['customer', '+34 600 111 222', { phone: '+34 600 111 222' }],
      ['contact:c1', '+34 600 000 001', { contact_id: 'c1' }],
    ]);
  });

  test('the dialog links to the server URL in a new tab, prefilled with a rendered template', async () => {
    const { requests, queryClient } = setup(
      server((req, url) => {
        if (url.pathname === '/api/v1/customers/42/whatsapp-link') {
          const contact = url.searchParams.get('contact_id');
          return json(contact === 'c1'
            ? { url: 'https://wa.me/34600000001', phone: '+34600000001' }
            : { url: 'https://wa.me/34912345678', phone: '+34912345678' });
        }
        if (url.pathname === '/api/v1/message-templates' && url.searchParams.get('channel') === 'whatsapp') {
          return json({ items: [template({ id: 'w1', channel: 'whatsapp', name: 'Pedido enviado', subject: null, body: 'Hola {{contact.first_name}}', provider_template_name: 'order_shipped' })], next_cursor: null });
        }
        if (url.pathname === '/api/v1/message-templates/w1/render' && req.method === 'POST') {
          return json({ subject: null, body_html: null, body_text: 'Hola Andrés, tu pedido va en camino' });
        }
        return pass();
      }),
    );
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <WhatsAppChatDialog customer={makeCustomer()} contacts={[ANDRES]} onClose={() => undefined} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const link = await screen.findByTestId('wa-chat-link');
    await waitFor(() => expect(link.getAttribute('href')).toBe('https://wa.me/34912345678'));
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    fireEvent.change(screen.getByTestId('wa-recipient'), { target: { value: 'contact:c1' } });
    await waitFor(() => expect(link.getAttribute('href')).toBe('https://wa.me/34600000001'));
    await waitFor(() => expect(screen.getByTestId('wa-template').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('wa-template'), { target: { value: 'w1' } });
    await waitFor(() => expect((screen.getByTestId('wa-text') as HTMLTextAreaElement).value).toBe('Hola Andrés, tu pedido va en camino'));
    expect(link.getAttribute('href')).toBe(`https://wa.me/34600000001?text=${encodeURIComponent('Hola Andrés, tu pedido va en camino')}`);
    const render_ = requests.find((r) => new URL(r.url).pathname.endsWith('/render'))!;
    expect(await render_.json()).toEqual({ customer_id: '42', contact_id: 'c1' });
  });
});

describe('message events, phone errors and countries', () => {
  const item = (type: string, data: Record<string, unknown>): HistoryItem => ({
    id: '1',
    kind: 'message',
    type,
    at: '2026-12-07T16:40:00Z',
    actor: { type: 'staff', id: '1', name: 'Olga' },
    summary: '',
    changes: [],
    body: null,
    attachment: null,
    order: null,
    data,
  });

  test('history sentences for queued, sent, failed, delivered and read messages, by channel', async () => {
    const { eventText } = await import('../../src/pages/history/historyFormat');
    const tr = t as Parameters<typeof eventText>[1];
    expect(eventText(item('message_queued', { channel: 'email', subject: 'Tarifa', to: 'ana@x.example' }), tr)).toBe(
      'puso en cola el correo «Tarifa» para ana@x.example',
    );
    expect(eventText(item('message_sent', { channel: 'email', subject: 'Tarifa', to: 'ana@x.example' }), tr)).toBe(
      'envió el correo «Tarifa» a ana@x.example',
    );
    expect(eventText(item('message_failed', { channel: 'email', subject: '', to: 'ana@x.example', error: '550' }), tr)).toBe(
      'no pudo enviar un correo a ana@x.example',
    );
    expect(eventText(item('message_delivered', { channel: 'whatsapp', subject: '', to: '+34600000001' }), tr)).toBe(
      'entregó un WhatsApp a +34600000001',
    );
    expect(eventText(item('message_read', { channel: 'whatsapp', to: '+34600000001' }), tr)).toBe(
      'registró que +34600000001 leyó un WhatsApp',
    );
  });

  test('invalid_phone reads as a phone error; the contact form sends and patches the country', async () => {
    const { fieldMessages } = await import('../../src/api/errors');
    expect(fieldMessages([{ field: 'whatsapp', code: 'invalid_phone', message: 'Not a possible phone number' }], t)).toEqual({
      whatsapp: 'No es un número de teléfono válido para el país elegido.',
    });
    const { contactValues, createBody, emptyContactValues, patchBody } = await import('../../src/pages/contacts/contactForm');
    expect(createBody({ ...emptyContactValues(), first_name: 'Ana', email: 'ana@x.example', country: 'PT' }).country).toBe('PT');
    expect(createBody({ ...emptyContactValues(), first_name: 'Ana', email: 'ana@x.example' })).not.toHaveProperty('country');
    expect(patchBody(ANDRES, { ...contactValues(ANDRES), country: 'MX' })).toEqual({ country: 'MX' });
    expect(patchBody({ ...ANDRES, country: 'MX' }, { ...contactValues({ ...ANDRES, country: 'MX' }), country: '' })).toEqual({ country: null });
    const { emptyValues, toPayload } = await import('../../src/pages/customers/customerForm');
    expect(toPayload({ ...emptyValues(), name: 'x', country: 'FR' }).payload.country).toBe('FR');
    expect(toPayload({ ...emptyValues(), name: 'x' }).payload.country).toBeNull();
  });
});

describe('templates and notification settings', () => {
  test('a copy is named "… (copia)" and keeps the channel members; a patch has only what changed', async () => {
    const { duplicateInput } = await import('../../src/api/messaging');
    const { templateInput, templatePatch, templateValues } = await import('../../src/pages/messaging/TemplateEditorPage');
    const email = template({ id: 't1', name: 'Bienvenida', subject: 'Hola', body: '<p>Hola</p>' });
    expect(duplicateInput(email, '(copia)')).toEqual({ name: 'Bienvenida (copia)', channel: 'email', language: 'es', subject: 'Hola', body: '<p>Hola</p>' });
    const wa = template({ id: 'w1', channel: 'whatsapp', name: 'Pedido enviado', subject: null, body: 'Hola {{contact.first_name}}', provider_template_name: 'order_shipped' });
    expect(duplicateInput(wa, '(copia)')).toEqual({
      name: 'Pedido enviado (copia)',
      channel: 'whatsapp',
      language: 'es',
      subject: null,
      body: 'Hola {{contact.first_name}}',
      provider_template_name: 'order_shipped',
    });
    const v = templateValues(email);
    expect(templatePatch(email, templateInput(v, '<p>Hola</p>'))).toEqual({});
    expect(templatePatch(email, templateInput({ ...v, name: ' Bienvenida 2 ', language: 'en' }, '<p>Hello</p>'))).toEqual({
      name: 'Bienvenida 2',
      language: 'en',
      body: '<p>Hello</p>',
    });
    const wv = templateValues(wa);
    expect(templateInput({ ...wv, provider_template_name: ' order_sent ' }, '')).toEqual({
      name: 'Pedido enviado',
      channel: 'whatsapp',
      language: 'es',
      body: 'Hola {{contact.first_name}}',
      provider_template_name: 'order_sent',
    });
  });

  test('notification settings send only changes, and secrets only when typed (never prefilled)', async () => {
    const { notificationChanges, notificationValues } = await import('../../src/pages/settings/NotificationsPage');
    const settings = {
      store_name: 'Suministros',
      default_currency: 'EUR',
      default_language: 'es',
      timezone: 'Europe/Madrid',
      registration_mode: 'direct',
      price_visibility: 'everyone',
      alert_email: null,
      whatsapp_api_base_url: 'https://graph.facebook.com/v21.0',
      whatsapp_phone_number_id: '1234567890',
      whatsapp_configured: true,
      notify_order_status: ['confirmed', 'shipped', 'delivered'],
      default_country: 'ES',
      version: 1,
    } as const;
    const v = notificationValues({ ...settings, notify_order_status: [...settings.notify_order_status] });
    expect(v.whatsapp_access_token).toBe('');
    expect(notificationChanges({ ...settings, notify_order_status: [...settings.notify_order_status] }, v)).toEqual({});
    expect(
      notificationChanges(
        { ...settings, notify_order_status: [...settings.notify_order_status] },
        { ...v, notify_order_status: ['cancelled', 'confirmed', 'shipped', 'delivered'], whatsapp_app_secret: ' s3cr3t ', whatsapp_phone_number_id: '', default_country: 'MX' },
      ),
    ).toEqual({
      notify_order_status: ['confirmed', 'shipped', 'delivered', 'cancelled'],
      whatsapp_phone_number_id: null,
      whatsapp_app_secret: 's3cr3t',
      default_country: 'MX',
    });
  });
});

describe('customer page: Mensajes', () => {
  const message = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
    id,
    batch_id: id,
    customer_id: '42',
    channel: 'email',
    contact_id: 'c1',
    to: 'andres@nunez.example',
    to_name: 'Andrés Núñez',
    subject: `Asunto ${id}`,
    template: 'composed',
    template_id: null,
    status,
    attempts: 1,
    last_error: null,
    created_at: '2026-12-07T16:40:00Z',
    sent_at: null,
    delivered_at: null,
    read_at: null,
    sent_by: { id: '1', name: 'Olga' },
    attachments: [],
    ...extra,
  });

  test('lists each message with its status; a failed one shows why and can be retried', async () => {
    const items = [
      message('5', 'failed', { last_error: '550 mailbox unavailable' }),
      message('4', 'read', { channel: 'whatsapp', subject: null, to: '+34600000001' }),
      message('3', 'delivered'),
      message('2', 'sent'),
      message('1', 'queued', { sent_by: null }),
    ];
    const { requests } = renderAs('owner', '/admin/customers/42', async (req, url) => {
      if (url.pathname === '/api/v1/customers/42') return json(makeCustomer());
      if (url.pathname === '/api/v1/customers/42/messages') return json({ items, next_cursor: null });
      if (url.pathname === '/api/v1/messages/5/retry' && req.method === 'POST') return json(message('5', 'queued'), 202);
      if (url.pathname === '/api/v1/customers/42/contacts') return json({ items: [ANDRES], next_cursor: null });
      return json({ status: 404, code: 'not_found' }, 404);
    });
    const panel = await screen.findByTestId('messages-panel');
    const rows = await within(panel).findAllByTestId('message-row');
    expect(rows.map((r) => within(r).getByTestId('message-status').textContent)).toEqual(['Fallido', 'Leído', 'Entregado', 'Enviado', 'En cola']);
    expect(within(rows[0]).getByTestId('message-error').textContent).toBe('550 mailbox unavailable');
    expect(within(rows[1]).getByTestId('message-open').textContent).toBe('Plantilla de WhatsApp');
    expect(rows[4].textContent).toContain('automático');
    expect(within(rows[2]).queryByTestId('message-retry')).toBeNull();
    fireEvent.click(within(rows[0]).getByTestId('message-retry'));
    expect((await within(panel).findByTestId('messages-notice')).textContent).toContain('vuelve a estar en cola');
    expect(requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/messages/5/retry')).toBe(true);
    // The icons to write: email, and both WhatsApp ones (the customer has a phone), each named.
    const actions = screen.getByTestId('messaging-actions');
    expect(within(actions).getByTestId('whatsapp-chat').getAttribute('aria-label')).toBe('Chatear por WhatsApp con Ferretería Núñez Hermanos');
    expect(within(actions).getByTestId('whatsapp-send').getAttribute('title')).toBe('Enviar una plantilla de WhatsApp a Ferretería Núñez Hermanos');
  });
});
