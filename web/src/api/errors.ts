import type { FieldError, Problem } from './types';

/** A failed API call: the HTTP status and the problem+json body (or a stand-in). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | null;
  /** The whole problem body, with members beyond Problem's (e.g. `contacts`, `order_count`). */
  readonly body: Record<string, unknown>;

  constructor(problem: Problem, retryAfterSeconds: number | null = null, body: Record<string, unknown> = {}) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'too_many_requests',
};

/** Builds an ApiError from a response and whatever body openapi-fetch parsed. */
export function toApiError(response: Response, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  const problem: Problem = {
    type: b.type,
    title: b.title,
    status: typeof b.status === 'number' ? b.status : response.status,
    code:
      typeof b.code === 'string' && b.code
        ? b.code
        : (STATUS_CODES[response.status] ?? (response.status >= 500 ? 'internal' : 'error')),
    detail: b.detail,
    errors: Array.isArray(b.errors) ? b.errors.filter(isFieldError) : undefined,
  };
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiError(problem, Number.isFinite(retry) && retry > 0 ? retry : null, b as Record<string, unknown>);
}

function isFieldError(e: unknown): e is FieldError {
  return !!e && typeof e === 'object' && typeof (e as FieldError).field === 'string';
}

export function networkError(cause: unknown): ApiError {
  const err = new ApiError({ status: 0, code: 'network', detail: String(cause) });
  return err;
}

/** The known per-field error codes of the API (docs/api-conventions.md). */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'invalid',
  'invalid_enum',
  'too_long',
  'out_of_range',
  'too_many',
  'invalid_phone',
] as const;

/**
 * The form input a server field path belongs to: `tags[2]` → `tags`,
 * `default_address.city` → `default_address`.
 */
export function baseField(field: string): string {
  const m = /^[^.[\]]+/.exec(field);
  return m ? m[0] : field;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Turns a problem's `errors` into one translated message per input (the first error
 * wins), keeping the server's order. Unknown codes fall back to the server's message.
 */
export function fieldMessages(errors: FieldError[] | undefined, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const field = baseField(e.field);
    if (field in out) continue;
    out[field] = (FIELD_ERROR_CODES as readonly string[]).includes(e.code)
      ? t(`errors.field.${e.code}`)
      : e.message || t('errors.field.invalid');
  }
  return out;
}

/** A short translated sentence for a failed call, for banners and error states. */
export function errorMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('errors.unexpected');
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'forbidden':
      return t('errors.forbidden');
    case 'not_found':
      return t('errors.notFound');
    case 'too_many_requests':
      return t('errors.tooManyRequests');
    case 'validation_failed':
      return t('errors.validation');
    case 'precondition_failed':
      return t('errors.stale');
    case 'csrf_failed':
      return t('errors.csrf');
    default:
      return error.status >= 500 ? t('errors.server') : t('errors.unexpected');
  }
}
