import { describe, expect, test, vi } from 'vitest';
import { CSRF_HEADER, createApiClient, readCookie } from '../../src/api/client';

function recordingFetch(status = 200, body: unknown = {}) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: Request) => {
    requests.push(input);
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

describe('readCookie', () => {
  test('finds a cookie among others and decodes it', () => {
    expect(readCookie('cartera_csrf', 'a=1; cartera_csrf=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('cartera_csrf', 'cartera_csrf_old=x; other=1')).toBeNull();
    expect(readCookie('cartera_csrf', '')).toBeNull();
  });
});

describe('CSRF middleware', () => {
  const cookies = () => 'cartera_session=zzz; cartera_csrf=tok-123';

  test.each(['POST', 'PATCH', 'PUT', 'DELETE'])('%s carries X-CSRF-Token from the cookie', async (method) => {
    const { fetch, requests } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: cookies });
    const call =
      method === 'POST'
        ? client.POST('/api/v1/customers', { body: { name: 'X', status: 'current' } })
        : method === 'PATCH'
          ? client.PATCH('/api/v1/customers/{id}', { params: { path: { id: '1' } }, body: {} })
          : client.request(method.toLowerCase() as 'put' | 'delete', '/api/v1/customers/{id}' as never, {
              params: { path: { id: '1' } },
            } as never);
    await call;
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe(method);
    expect(requests[0].headers.get(CSRF_HEADER)).toBe('tok-123');
  });

  test('GET carries no CSRF header', async () => {
    const { fetch, requests } = recordingFetch(200, { items: [], next_cursor: null });
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: cookies });
    await client.GET('/api/v1/customers', { params: { query: { status: 'current' } } });
    expect(requests[0].headers.has(CSRF_HEADER)).toBe(false);
    expect(new URL(requests[0].url).search).toBe('?status=current');
  });

  test('without the cookie no header is invented', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: () => 'other=1' });
    await client.POST('/api/v1/auth/logout');
    expect(requests[0].headers.has(CSRF_HEADER)).toBe(false);
  });

  test('reads the cookie at request time, not at creation', async () => {
    let jar = '';
    const { fetch, requests } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: () => jar });
    jar = 'cartera_csrf=fresh';
    await client.POST('/api/v1/auth/logout');
    expect(requests[0].headers.get(CSRF_HEADER)).toBe('fresh');
  });

  test('requests are same-origin credentialed', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: cookies });
    await client.GET('/api/v1/auth/me');
    expect(requests[0].credentials).toBe('same-origin');
  });
});

describe('401 handling', () => {
  test('a 401 from a data endpoint signs the user out', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = recordingFetch(401, { status: 401, code: 'unauthenticated' });
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: () => '', onUnauthorized });
    const res = await client.GET('/api/v1/customers');
    expect(res.response.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  test('a 401 from login or me is left to the page', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = recordingFetch(401, { status: 401, code: 'invalid_credentials' });
    const client = createApiClient({ baseUrl: 'http://cartera.test', fetch, getCookies: () => '', onUnauthorized });
    await client.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } });
    await client.GET('/api/v1/auth/me');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
