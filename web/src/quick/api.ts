// The three public endpoints of a quick-order link (API.md "Quick-order links"), with every
// outcome turned into a value: the page never has to catch.
import type { components } from '../api/schema';

export type QuickCatalog = components['schemas']['QuickCatalog'];
export type QuickOrderCreate = components['schemas']['QuickOrderCreate'];
export type Order = components['schemas']['Order'];
export type SkuLineResult = components['schemas']['SkuLineResult'];
export type SkuLinesResult = components['schemas']['SkuLinesResult'];
export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

export type FailureKind =
  | 'not_found' // unknown, revoked or expired link
  | 'invalid' // 422 with errors[]
  | 'rate_limited' // 429
  | 'conflict' // 409: the Idempotency-Key was used with a different request
  | 'network' // no answer at all
  | 'aborted' // superseded by a newer request
  | 'server'; // anything else

export type Result<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; kind: FailureKind; status: number; problem: Problem | null; retryAfter: string | null };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CatalogQuery {
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export function kindOf(status: number): FailureKind {
  if (status === 404) return 'not_found';
  if (status === 422) return 'invalid';
  if (status === 429) return 'rate_limited';
  if (status === 409) return 'conflict';
  return 'server';
}

export class QuickApi {
  private readonly base: string;

  constructor(
    token: string,
    private readonly fetchFn: FetchLike = (input, init) => fetch(input, init),
  ) {
    this.base = `/api/v1/q/${encodeURIComponent(token)}`;
  }

  catalog(query: CatalogQuery, signal?: AbortSignal): Promise<Result<QuickCatalog>> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit) params.set('limit', String(query.limit));
    const qs = params.toString();
    return this.call<QuickCatalog>(qs ? `${this.base}?${qs}` : this.base, { method: 'GET', signal });
  }

  order(body: QuickOrderCreate, idempotencyKey: string): Promise<Result<Order>> {
    return this.call<Order>(`${this.base}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    });
  }

  skuLines(text: string): Promise<Result<SkuLinesResult>> {
    return this.call<SkuLinesResult>(`${this.base}/sku-lines`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
    });
  }

  private async call<T>(url: string, init: RequestInit): Promise<Result<T>> {
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        ...init,
        credentials: 'omit',
        headers: { Accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
      });
    } catch (e) {
      const aborted = init.signal?.aborted || (e instanceof DOMException && e.name === 'AbortError');
      return { ok: false, kind: aborted ? 'aborted' : 'network', status: 0, problem: null, retryAfter: null };
    }
    let body: unknown;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : null;
    } catch {
      if (init.signal?.aborted) {
        return { ok: false, kind: 'aborted', status: 0, problem: null, retryAfter: null };
      }
      body = null;
    }
    if (response.ok && body !== null) return { ok: true, status: response.status, data: body as T };
    return {
      ok: false,
      kind: response.ok ? 'server' : kindOf(response.status),
      status: response.status,
      problem: toProblem(body, response.status),
      retryAfter: response.headers.get('Retry-After'),
    };
  }
}

function toProblem(body: unknown, status: number): Problem | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<Problem>;
  return {
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title: typeof b.title === 'string' ? b.title : '',
    status: typeof b.status === 'number' ? b.status : status,
    code: typeof b.code === 'string' ? b.code : '',
    detail: typeof b.detail === 'string' ? b.detail : undefined,
    errors: Array.isArray(b.errors)
      ? b.errors.filter((e): e is FieldError => !!e && typeof e === 'object' && typeof e.field === 'string')
      : undefined,
  };
}
