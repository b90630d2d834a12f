import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import { defaultPermissions, type Contact } from '../../src/api/contacts';
import {
  contactValues,
  createBody,
  emptyContactValues,
  patchBody,
  withPermission,
  withRole,
} from '../../src/pages/contacts/contactForm';
import { makeCustomer } from './fixtures';
import { json } from './harness';
import { problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
});

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
    permissions: ['place_orders', 'request_quotes', 'view_prices', 'view_shipments'],
    language: null,
    access: 'active',
    has_password: true,
    last_login_at: '2026-11-21T08:00:00Z',
    last_order: { id: 'o9', number: 'P-000009', placed_at: '2026-11-20T10:00:00Z', total_minor: 12550, currency: 'EUR' },
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    version: 3,
    ...overrides,
  };
}

const JULIETA = makeContact({
  id: 'c2',
  first_name: 'Julieta',
  last_name: 'Paz',
  email: 'julieta@nunez.example',
  phone: null,
  whatsapp: null,
  department: null,
  role: 'billing',
  permissions: ['view_prices', 'view_invoices'],
  access: 'invited',
  has_password: false,
  last_login_at: null,
  last_order: null,
});

type Opts = { contacts?: Contact[]; onPost?: (body: Record<string, unknown>) => Response; onPatch?: (id: string, body: Record<string, unknown>) => Response };

function contactsServer(opts: Opts = {}) {
  const contacts = opts.contacts ?? [makeContact(), JULIETA];
  return async (req: Request, url: URL) => {
    if (url.pathname === '/api/v1/customers/42') return json(makeCustomer());
    if (url.pathname === '/api/v1/customers/42/contacts' && req.method === 'GET') return json({ items: contacts, next_cursor: null });
    if (url.pathname === '/api/v1/customers/42/contacts' && req.method === 'POST') {
      const body = (await req.json()) as Record<string, unknown>;
      if (opts.onPost) return opts.onPost(body);
      return json(makeContact({ id: 'new', ...(body as Partial<Contact>), access: body.password ? 'active' : 'invited' }), 201);
    }
    const one = /^\/api\/v1\/contacts\/([^/]+)$/.exec(url.pathname);
    if (one && req.method === 'PATCH') {
      const body = (await req.json()) as Record<string, unknown>;
      if (opts.onPatch) return opts.onPatch(one[1], body);
      const c = contacts.find((x) => x.id === one[1])!;
      return json({ ...c, ...body, version: c.version + 1 });
    }
    if (one && req.method === 'DELETE') return new Response(null, { status: 204 });
    if (/^\/api\/v1\/contacts\/[^/]+\/invitation$/.test(url.pathname)) return new Response(null, { status: 202 });
    if (/^\/api\/v1\/contacts\/[^/]+\/orders$/.test(url.pathname)) return json({ items: [], next_cursor: null });
    if (/^\/api\/v1\/contacts\/[^/]+\/favorites$/.test(url.pathname)) {
      return json({ items: [{ product_id: 'p1', sku: 'TORN-8', name: 'Tornillo 8 mm (caja)', added_at: '2026-11-10T10:00:00Z' }] });
    }
    if (url.pathname === '/api/v1/orders') return json({ items: [], next_cursor: null });
    return problem(404, 'not_found');
  };
}

const sent = (requests: Request[], method: string, path: RegExp) =>
  requests.filter((r) => r.method === method && path.test(new URL(r.url).pathname));

async function openAdd() {
  const panel = await screen.findByTestId('contacts-panel');
  fireEvent.click(await within(panel).findByTestId('add-contact'));
  return screen.findByTestId('contact-dialog');
}

const checked = (dialog: HTMLElement) =>
  ['place_orders', 'request_quotes', 'view_prices', 'view_invoices', 'view_shipments'].filter(
    (p) => (within(dialog).getByTestId(`contact-permission-${p}`) as HTMLInputElement).checked,
  );

describe('contact form model', () => {
  test('a role brings its default permissions until the person changes one', () => {
    let v = emptyContactValues();
    expect(v.permissions).toEqual(['view_prices']);
    v = withRole(v, 'purchasing');
    expect(v.permissions).toEqual(['place_orders', 'request_quotes', 'view_prices', 'view_shipments']);
    v = withRole(v, 'shipping');
    expect(v.permissions).toEqual(['view_shipments']);
    v = withPermission(v, 'view_invoices', true);
    expect(v.permissions).toEqual(['view_invoices', 'view_shipments']);
    v = withRole(v, 'purchasing');
    expect(v.permissions).toEqual(['view_invoices', 'view_shipments']);
  });

  test('new contacts leave untouched permissions to the server; edits send only what changed', () => {
    const v = { ...withRole(emptyContactValues(), 'billing'), first_name: ' Julieta ', email: 'j@x.example' };
    expect(createBody(v)).toEqual({ first_name: 'Julieta', email: 'j@x.example', role: 'billing' });
    expect(createBody(withPermission(v, 'view_prices', false)).permissions).toEqual(['view_invoices']);
    const c = makeContact();
    expect(patchBody(c, contactValues(c))).toEqual({});
    const edited = { ...withRole(contactValues(c), 'support'), phone: '', password: 'una-clave-larga' };
    expect(patchBody(c, edited)).toEqual({ role: 'support', permissions: defaultPermissions('support'), phone: null, password: 'una-clave-larga' });
  });

  test('a contact whose permissions differ from its role keeps them when the role changes', () => {
    const custom = contactValues(makeContact({ role: 'shipping', permissions: ['view_shipments', 'view_prices'] }));
    expect(custom.permissionsTouched).toBe(true);
    expect(withRole(custom, 'billing').permissions).toEqual(['view_prices', 'view_shipments']);
    const usual = contactValues(makeContact({ role: 'shipping', permissions: ['view_shipments'] }));
    expect(withRole(usual, 'billing').permissions).toEqual(['view_prices', 'view_invoices']);
  });
});

describe('customer page: contacts', () => {
  test('lists name, email, phone, role, last order and access for each contact', async () => {
    renderAs('owner', '/admin/customers/42', contactsServer());
    const rows = await screen.findAllByTestId('contact-row');
    expect(rows.map((r) => r.getAttribute('data-contact-id'))).toEqual(['c1', 'c2']);
    expect(within(rows[0]).getByTestId('contact-name').textContent).toBe('Andrés Núñez');
    expect(within(rows[0]).getByText('andres@nunez.example')).toBeTruthy();
    expect(within(rows[0]).getByText('+34 910 000 001')).toBeTruthy();
    expect(within(rows[0]).getByTestId('contact-role-badge').textContent).toBe('Compras');
    expect(within(rows[0]).getByTestId('contact-last-order').textContent).toContain('P-000009');
    expect(within(rows[0]).getByTestId('contact-last-order').textContent).toContain('125,50');
    expect(within(rows[0]).getByTestId('contact-access').textContent).toBe('Activa');
    expect(within(rows[1]).getByTestId('contact-access').textContent).toBe('Invitada');
    expect(within(rows[1]).getByTestId('contact-last-order').textContent).toBe('Sin pedidos');
  });

  test('Agregar contacto: the role fills the permissions until one is touched; without password it invites', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', contactsServer());
    const dialog = await openAdd();
    expect(checked(dialog)).toEqual(['view_prices']);
    fireEvent.change(within(dialog).getByTestId('contact-role'), { target: { value: 'billing' } });
    expect(checked(dialog)).toEqual(['view_prices', 'view_invoices']);
    fireEvent.change(within(dialog).getByTestId('contact-role'), { target: { value: 'purchasing' } });
    expect(checked(dialog)).toEqual(['place_orders', 'request_quotes', 'view_prices', 'view_shipments']);
    fireEvent.click(within(dialog).getByTestId('contact-permission-request_quotes'));
    fireEvent.change(within(dialog).getByTestId('contact-role'), { target: { value: 'support' } });
    expect(checked(dialog)).toEqual(['place_orders', 'view_prices', 'view_shipments']);
    expect(within(dialog).getByTestId('contact-invite-note').textContent).toContain('invitación por correo');

    fireEvent.change(within(dialog).getByTestId('contact-first_name'), { target: { value: 'Carla' } });
    fireEvent.change(within(dialog).getByTestId('contact-email'), { target: { value: 'carla@nunez.example' } });
    fireEvent.click(within(dialog).getByTestId('contact-save'));
    await waitFor(() => expect(screen.queryByTestId('contact-dialog')).toBeNull());
    const [post] = sent(requests, 'POST', /\/customers\/42\/contacts$/);
    expect(await post.json()).toEqual({
      first_name: 'Carla',
      email: 'carla@nunez.example',
      role: 'support',
      permissions: ['place_orders', 'view_prices', 'view_shipments'],
    });
    expect((await screen.findByTestId('contacts-message')).textContent).toContain('Hemos enviado una invitación a carla@nunez.example');
  });

  test('the form checks names, email and password length before sending', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', contactsServer());
    const dialog = await openAdd();
    fireEvent.change(within(dialog).getByTestId('contact-email'), { target: { value: 'no-es-un-correo' } });
    fireEvent.change(within(dialog).getByTestId('contact-password'), { target: { value: 'corta' } });
    fireEvent.click(within(dialog).getByTestId('contact-save'));
    expect((await within(dialog).findByTestId('error-contact-first_name')).textContent).toContain('Escribe el nombre');
    expect(within(dialog).getByTestId('error-contact-email').textContent).toContain('correo electrónico válido');
    expect(within(dialog).getByTestId('error-contact-password').textContent).toContain('al menos 10 caracteres');
    expect(sent(requests, 'POST', /\/contacts$/)).toHaveLength(0);
    expect(document.activeElement?.id).toBe('contact-first_name');
  });

  test('409 purchasing_contact_exists and email_taken are shown on their field, in red', async () => {
    let answer = problem(409, 'purchasing_contact_exists');
    renderAs('owner', '/admin/customers/42', contactsServer({ onPost: () => answer }));
    const dialog = await openAdd();
    fireEvent.change(within(dialog).getByTestId('contact-first_name'), { target: { value: 'Otro' } });
    fireEvent.change(within(dialog).getByTestId('contact-email'), { target: { value: 'andres@nunez.example' } });
    fireEvent.change(within(dialog).getByTestId('contact-role'), { target: { value: 'purchasing' } });
    fireEvent.click(within(dialog).getByTestId('contact-save'));
    const roleError = await within(dialog).findByTestId('error-contact-role');
    expect(roleError.textContent).toContain('ya tiene un contacto de compras');
    expect(within(dialog).getByTestId('contact-role').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('contact-role');

    answer = problem(409, 'email_taken');
    fireEvent.change(within(dialog).getByTestId('contact-role'), { target: { value: 'support' } });
    fireEvent.click(within(dialog).getByTestId('contact-save'));
    const emailError = await within(dialog).findByTestId('error-contact-email');
    expect(emailError.textContent).toContain('Otro contacto ya usa este correo');
    expect(within(dialog).getByTestId('contact-email').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).queryByTestId('error-contact-role')).toBeNull();
  });

  test('revoking access asks first, then PATCHes access with If-Match', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', contactsServer());
    const rows = await screen.findAllByTestId('contact-row');
    fireEvent.click(within(rows[0]).getByTestId('contact-actions'));
    fireEvent.click(await screen.findByTestId('contact-action-revoke'));
    const dialog = await screen.findByTestId('revoke-contact-dialog');
    expect(sent(requests, 'PATCH', /\/contacts\/c1$/)).toHaveLength(0);
    fireEvent.click(within(dialog).getByTestId('confirm-revoke-contact'));
    await waitFor(() => expect(sent(requests, 'PATCH', /\/contacts\/c1$/)).toHaveLength(1));
    const [patch] = sent(requests, 'PATCH', /\/contacts\/c1$/);
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toEqual({ access: 'revoked' });
    expect((await screen.findByTestId('contacts-message')).textContent).toContain('ya no puede iniciar sesión');
  });

  test('giving access back to a contact without password offers the invitation instead', async () => {
    const revoked = makeContact({ id: 'c3', access: 'revoked', has_password: true });
    const { requests } = renderAs(
      'owner',
      '/admin/customers/42',
      contactsServer({ contacts: [revoked], onPatch: () => problem(409, 'no_password') }),
    );
    const [row] = await screen.findAllByTestId('contact-row');
    fireEvent.click(within(row).getByTestId('contact-actions'));
    fireEvent.click(await screen.findByTestId('contact-action-restore'));
    const message = await screen.findByTestId('contacts-message');
    expect(message.textContent).toContain('nunca eligió una contraseña');
    fireEvent.click(within(message).getByTestId('message-send-invitation'));
    await waitFor(() => expect(sent(requests, 'POST', /\/contacts\/c3\/invitation$/)).toHaveLength(1));
    expect((await screen.findByTestId('contacts-message')).textContent).toContain('Invitación enviada a andres@nunez.example');
  });

  test('an invited contact can get a new invitation; deleting asks for confirmation', async () => {
    const { requests } = renderAs('owner', '/admin/customers/42', contactsServer());
    const rows = await screen.findAllByTestId('contact-row');
    fireEvent.click(within(rows[1]).getByTestId('contact-actions'));
    fireEvent.click(await screen.findByTestId('contact-action-invite'));
    await waitFor(() => expect(sent(requests, 'POST', /\/contacts\/c2\/invitation$/)).toHaveLength(1));

    fireEvent.click(within(rows[1]).getByTestId('contact-actions'));
    fireEvent.click(await screen.findByTestId('contact-action-delete'));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('¿Eliminar a Julieta Paz?');
    expect(sent(requests, 'DELETE', /\/contacts\/c2$/)).toHaveLength(0);
    fireEvent.click(within(confirm).getByTestId('confirm-delete'));
    await waitFor(() => expect(sent(requests, 'DELETE', /\/contacts\/c2$/)).toHaveLength(1));
  });

  test('favourites of a contact are listed; viewers read without write actions', async () => {
    renderAs('viewer', '/admin/customers/42', contactsServer());
    const panel = await screen.findByTestId('contacts-panel');
    const rows = await within(panel).findAllByTestId('contact-row');
    expect(within(panel).queryByTestId('add-contact')).toBeNull();
    fireEvent.click(within(rows[0]).getByTestId('contact-actions'));
    expect(screen.queryByTestId('contact-action-delete')).toBeNull();
    expect(screen.queryByTestId('contact-action-revoke')).toBeNull();
    fireEvent.click(await screen.findByTestId('contact-action-favorites'));
    const dialog = await screen.findByTestId('contact-favorites-dialog');
    expect((await within(dialog).findByTestId('contact-favorite')).textContent).toContain('Tornillo 8 mm (caja)');
    expect(within(dialog).queryByTestId('remove-favorite')).toBeNull();
  });
});

describe('customer page: registration review', () => {
  test('a new registration is validated in one click', async () => {
    let customer = makeCustomer({ registration_status: 'new', version: 5 });
    const { requests } = renderAs('sales', '/admin/customers/42', async (req, url) => {
      if (url.pathname === '/api/v1/customers/42' && req.method === 'PATCH') {
        customer = { ...customer, ...((await req.json()) as object), version: 6 };
        return json(customer);
      }
      if (url.pathname === '/api/v1/customers/42') return json(customer);
      return contactsServer({ contacts: [] })(req, url);
    });
    const review = await screen.findByTestId('registration-review');
    expect(review.textContent).toContain('Registro pendiente de validación');
    fireEvent.click(within(review).getByTestId('registration-validate'));
    expect((await screen.findByTestId('registration-done')).textContent).toContain('Cliente validado');
    const [patch] = sent(requests, 'PATCH', /\/customers\/42$/);
    expect(await patch.json()).toEqual({ registration_status: 'validated' });
    expect(patch.headers.get('If-Match')).toBe('"5"');
  });

  test('validated customers show no review; viewers see it without buttons', async () => {
    renderAs('viewer', '/admin/customers/42', async (req, url) => {
      if (url.pathname === '/api/v1/customers/42') return json(makeCustomer({ registration_status: 'new' }));
      return contactsServer({ contacts: [] })(req, url);
    });
    const review = await screen.findByTestId('registration-review');
    expect(within(review).queryByTestId('registration-validate')).toBeNull();
  });
});
