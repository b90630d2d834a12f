import { api } from './client';
import { unwrap } from './call';
import type { LoginResponse, StaffUser } from './types';

export async function login(email: string, password: string): Promise<LoginResponse> {
  return unwrap(api().POST('/api/v1/auth/login', { body: { email, password } }));
}

export async function logout(): Promise<void> {
  await unwrap(api().POST('/api/v1/auth/logout', { parseAs: 'text' }));
}

export async function fetchMe(): Promise<StaffUser> {
  return unwrap(api().GET('/api/v1/auth/me'));
}
