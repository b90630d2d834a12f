// The store's settings (F13): registration mode, price visibility and defaults.
import { api } from './client';
import { unwrap } from './call';
import { ApiError } from './errors';
import type { paths } from './schema';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Settings = JsonOf<paths['/api/v1/settings']['get']['responses'][200]>;
export type SettingsPatch = JsonOf<paths['/api/v1/settings']['patch']['requestBody']>;
export type RegistrationMode = Settings['registration_mode'];
export type PriceVisibility = Settings['price_visibility'];

export const REGISTRATION_MODES = ['direct', 'validation'] as const satisfies readonly RegistrationMode[];
export const PRICE_VISIBILITIES = ['everyone', 'signed_in', 'nobody'] as const satisfies readonly PriceVisibility[];
export const STORE_NAME_MAX = 200;

function settings(body: unknown): Settings {
  if (!body || typeof body !== 'object' || typeof (body as Settings).registration_mode !== 'string') {
    throw new ApiError({ status: 0, code: 'bad_response', detail: 'unexpected settings body' });
  }
  return body as Settings;
}

export async function getSettings(): Promise<Settings> {
  return settings(await unwrap(api().GET('/api/v1/settings')));
}

/** PATCHes only `changes` with If-Match; a stale version answers 412. Owner and admin only (403). */
export async function updateSettings(version: number, changes: SettingsPatch): Promise<Settings> {
  return settings(
    await unwrap(api().PATCH('/api/v1/settings', { body: changes, headers: { 'If-Match': `"${version}"` } })),
  );
}

export const settingsKeys = {
  all: ['settings'] as const,
};
