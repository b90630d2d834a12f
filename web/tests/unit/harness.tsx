import { vi } from 'vitest';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { createApiClient, setApiClient } from '../../src/api/client';
import { createQueryClient, routes } from '../../src/App';

export type Handler = (req: Request, url: URL) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
  });

export const OWNER = { id: '1', email: 'owner@example.com', name: 'Olga Dueñas', role: 'owner' };

/** Renders the app at `path` with a fake server answering through `handler`. */
export function renderApp(path: string, handler: Handler) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (req: Request) => {
    requests.push(req.clone());
    const url = new URL(req.url);
    if (url.pathname === '/api/v1/auth/me') return json(OWNER);
    return handler(req, url);
  });
  setApiClient(
    createApiClient({
      baseUrl: 'http://cartera.test',
      fetch: fetch as unknown as typeof globalThis.fetch,
      getCookies: () => 'cartera_csrf=t0k',
      onUnauthorized: () => undefined,
    }),
  );
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { requests, router, fetch };
}
