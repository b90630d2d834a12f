// The store's settings (F13): registration mode, price visibility and defaults.
import { api } from './client';
import { checked, ifMatch, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

export type Settings = JsonOf<paths['/api/v1/settings']['get']['responses'][200]>;
export type SettingsPatch = JsonOf<paths['/api/v1/settings']['patch']['requestBody']>;
export type RegistrationMode = Settings['registration_mode'];
export type PriceVisibility = Settings['price_visibility'];

export const REGISTRATION_MODES = ['direct', 'validation'] as const satisfies readonly RegistrationMode[];
export const PRICE_VISIBILITIES = ['everyone', 'signed_in', 'nobody'] as const satisfies readonly PriceVisibility[];
export const STORE_NAME_MAX = 200;

function settings(body: unknown): Settings {
  return checked(body, 'settings', (b) => typeof b.registration_mode === 'string');
}

export async function getSettings(): Promise<Settings> {
  return settings(await unwrap(api().GET('/api/v1/settings')));
}

/** PATCHes only `changes` with If-Match; a stale version answers 412. Owner and admin only (403). */
export async function updateSettings(version: number, changes: SettingsPatch): Promise<Settings> {
  return settings(
    await unwrap(api().PATCH('/api/v1/settings', { body: changes, headers: ifMatch(version) })),
  );
}

export const settingsKeys = {
  all: ['settings'] as const,
};
