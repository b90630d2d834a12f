import { afterEach, describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setApiClient } from '../../src/api/client';
import type { Settings } from '../../src/api/settings';
import { settingsChanges, valuesOf } from '../../src/pages/settings/SettingsPage';
import { json } from './harness';
import { problem, renderAs } from './orderFixtures';

afterEach(() => {
  setApiClient(null);
});

const SETTINGS: Settings = {
  store_name: 'Suministros Núñez',
  default_currency: 'EUR',
  default_language: 'es',
  timezone: 'Europe/Madrid',
  registration_mode: 'validation',
  price_visibility: 'signed_in',
  alert_email: null,
  whatsapp_api_base_url: 'https://graph.facebook.com/v21.0',
  whatsapp_phone_number_id: null,
  whatsapp_configured: false,
  notify_order_status: ['confirmed', 'shipped', 'delivered'],
  default_country: 'ES',
  version: 4,
};

function settingsServer(onPatch?: (body: Record<string, unknown>) => Response) {
  let current = { ...SETTINGS };
  return async (req: Request, url: URL) => {
    if (url.pathname !== '/api/v1/settings') return problem(404, 'not_found');
    if (req.method === 'PATCH') {
      const body = (await req.json()) as Record<string, unknown>;
      if (onPatch) return onPatch(body);
      current = { ...current, ...body, version: current.version + 1 } as Settings;
      return json(current);
    }
    return json(current);
  };
}

describe('settings', () => {
  test('only changed fields are sent; an empty alert email is null', () => {
    const v = valuesOf(SETTINGS);
    expect(settingsChanges(SETTINGS, v)).toEqual({});
    expect(settingsChanges(SETTINGS, { ...v, store_name: ' Suministros Núñez ', alert_email: '  ' })).toEqual({});
    expect(settingsChanges(SETTINGS, { ...v, registration_mode: 'direct', alert_email: 'avisos@nunez.example' })).toEqual({
      registration_mode: 'direct',
      alert_email: 'avisos@nunez.example',
    });
    expect(settingsChanges({ ...SETTINGS, alert_email: 'a@b.example' }, { ...v, alert_email: '' })).toEqual({ alert_email: null });
  });

  test('an owner changes the registration mode and who sees prices', async () => {
    const { requests } = renderAs('owner', '/admin/settings', settingsServer());
    const form = await screen.findByTestId('settings-form');
    expect((within(form).getByTestId('settings-store_name') as HTMLInputElement).value).toBe('Suministros Núñez');
    expect((within(form).getByTestId('settings-registration_mode-validation') as HTMLInputElement).checked).toBe(true);
    expect(form.textContent).toContain('validaremos sus datos');
    fireEvent.click(within(form).getByTestId('settings-registration_mode-direct'));
    fireEvent.click(within(form).getByTestId('settings-price_visibility-nobody'));
    fireEvent.click(within(form).getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-message')).textContent).toBe('Configuración guardada.');
    const [patch] = requests.filter((r) => r.method === 'PATCH');
    expect(patch.headers.get('If-Match')).toBe('"4"');
    expect(await patch.json()).toEqual({ registration_mode: 'direct', price_visibility: 'nobody' });
    // Saved: saving again has nothing to send.
    fireEvent.click(within(form).getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-message')).textContent).toBe('No había cambios que guardar.');
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  test('a bad alert email and an empty name are refused before sending', async () => {
    const { requests } = renderAs('admin', '/admin/settings', settingsServer());
    const form = await screen.findByTestId('settings-form');
    fireEvent.change(within(form).getByTestId('settings-store_name'), { target: { value: '  ' } });
    fireEvent.change(within(form).getByTestId('settings-alert_email'), { target: { value: 'avisos@' } });
    fireEvent.click(within(form).getByTestId('settings-save'));
    expect((await screen.findByTestId('error-settings-store_name')).textContent).toContain('nombre de la tienda');
    expect(screen.getByTestId('error-settings-alert_email').textContent).toContain('correo electrónico válido');
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  test('sales and viewers read the settings without changing them', async () => {
    for (const role of ['sales', 'viewer'] as const) {
      const { requests } = renderAs(role, '/admin/settings', settingsServer());
      const form = await screen.findByTestId('settings-form');
      expect(screen.getByTestId('settings-readonly').textContent).toContain('Solo el propietario o un administrador');
      expect((within(form).getByTestId('settings-store_name') as HTMLInputElement).closest('fieldset')?.disabled).toBe(true);
      expect(within(form).queryByTestId('settings-save')).toBeNull();
      expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
      setApiClient(null);
      document.body.innerHTML = '';
    }
  });

  test('a stale version (412) shows the current settings and says why', async () => {
    let calls = 0;
    const server = settingsServer(() => problem(412, 'precondition_failed'));
    renderAs('owner', '/admin/settings', async (req, url) => {
      if (req.method === 'GET') {
        calls += 1;
        if (calls > 1) return json({ ...SETTINGS, store_name: 'Núñez Hermanos', version: 5 });
      }
      return server(req, url);
    });
    const form = await screen.findByTestId('settings-form');
    fireEvent.change(within(form).getByTestId('settings-store_name'), { target: { value: 'Mi tienda' } });
    fireEvent.click(within(form).getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-message')).textContent).toContain('Otra persona cambió la configuración');
    await waitFor(() => expect((within(form).getByTestId('settings-store_name') as HTMLInputElement).value).toBe('Núñez Hermanos'));
  });

  test('the sidebar links to the settings', async () => {
    renderAs('viewer', '/admin/settings', settingsServer());
    const link = await screen.findByTestId('nav-settings');
    expect(link.getAttribute('href')).toBe('/admin/settings');
    expect(link.textContent).toBe('Configuración');
  });
});
